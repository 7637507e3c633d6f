"""Which pages a `records.save` writes, by table and index: each page written is a page SQLCipher
encrypts and signs, so this is what the encryption's price per save is made of (docs/PERFORMANCE.md).

The encrypted store is grown to GROW records by the same saves as the benchmark's, then each of
SAVES further saves is followed by reading the WAL frames its commit appended (a frame header's
first four bytes are the page number, written by SQLite outside the page's encryption). The pages
are named with SQLite's `dbstat` (Python's own sqlite3 has it; SQLCipher's build does not) on a
plain copy grown by the same saves in step with the encrypted store. Watched, no budget."""

from __future__ import annotations

import collections
import sqlite3 as stdlib_sqlite3
import struct

import pytest

from tests.bench.harness import record
from tests.bench.test_at_rest_bench import GROW, _saves, plain_copy

pytestmark = pytest.mark.bench

SAVES = 200
FRAME_HEADER, WAL_HEADER = 24, 32


def _frames(wal_path, page_size: int, offset: int) -> tuple[list[int], int]:
    data = wal_path.read_bytes()
    offset = max(offset, WAL_HEADER)
    pages = []
    while offset + FRAME_HEADER + page_size <= len(data):
        pages.append(struct.unpack(">I", data[offset:offset + 4])[0])
        offset += FRAME_HEADER + page_size
    return pages, offset


def _group(name: str) -> str:
    if name.startswith("record_grams"):
        return "search index (FTS5 record_grams: segments, structure, content, idx)"
    if name.startswith(("records", "sqlite_autoindex_records")):
        return "records and its 6 indexes"
    if name.startswith("audit"):
        return "audit and its 3 indexes"
    if name.startswith(("record_keys", "sqlite_autoindex_record_keys")):
        return "record_keys and its index"
    if name == "sqlite_schema":
        return "page 1 (the file's header: the page count)"
    return name


def test_pages_written_per_save(township, tmp_path):
    plain = plain_copy(township, tmp_path / "plain.db")
    stores = (township.db, plain)
    grow = [_saves(db, GROW) for db in stores]
    for db in stores:
        db.execute("PRAGMA synchronous=OFF")
    for fn in grow:
        fn()
    paths = (township.paths.db_path, tmp_path / "plain.db")
    walks = []
    for db, path in zip(stores, paths, strict=True):
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.execute("PRAGMA wal_autocheckpoint=0")   # every commit's frames stay in the WAL to be read
        walks.append({"db": db, "wal": path.with_name(path.name + "-wal"), "offset": 0, "commits": [],
                      "page_size": int(db.execute("PRAGMA page_size").fetchone()[0]), "save": _saves(db, 1)})
    for _ in range(SAVES):
        for walk in walks:
            walk["save"]()
            pages, walk["offset"] = _frames(walk["wal"], walk["page_size"], walk["offset"])
            walk["commits"].append(pages)
    encrypted, plain_walk = walks
    per_save = sum(map(len, encrypted["commits"])) / SAVES
    plain_per_save = sum(map(len, plain_walk["commits"])) / SAVES
    named = stdlib_sqlite3.connect(tmp_path / "plain.db")
    owner = {page: name for name, page in named.execute("SELECT name, pageno FROM dbstat")}
    named.close()
    groups = collections.Counter(_group(owner.get(page, "pages new to the file")) for commit in plain_walk["commits"]
                                 for page in commit)
    detail = "; ".join(f"{name} {count / SAVES:.1f}" for name, count in groups.most_common())
    record(f"pages written per save at {GROW:,} records, encrypted store", per_save, unit="pages",
           note=f"WAL frames per commit, mean of {SAVES} saves; the plain copy grown alike: {plain_per_save:.1f}")
    record(f"pages written per save at {GROW:,} records, by table (plain copy)", plain_per_save, unit="pages",
           note=detail)
    for db in stores:
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA wal_autocheckpoint=1000")
    plain.close()
