"""The blocking keys of the possible-duplicate search per record (desktop.core.quality.duplicates),
kept in `duplicate_blocks` so a rescan reads only the people who share a key with a changed record
(docs/CROSSCHECKS.md). The only writer of that table, called by the corrections scan.

A key is held as a 64-bit hash of the form and the key (a million records have three million
keys: integers keep the table and its lookups small). The table is a superset of what the search
needs: every record's keys as of the last search of it, and old keys of records changed since.
A reader therefore checks the exact keys of what it finds; a hash collision or an old key only
reads a record more. A whole search writes the table again; a rescan adds the keys of the records
it changed (a changed record is read as changed anyway, its old keys cost a read, never a miss).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from desktop.core.store.db import transaction

_CHUNK = 500     # the values one statement binds (well under SQLite's limit)


def block_of(form_id: str, key: tuple) -> int:
    """The stored block of a key of a form's record: the first 8 bytes of its BLAKE2 hash, as
    SQLite's signed 64-bit integer (Python's hash() differs between runs)."""
    text = "\x1f".join((form_id, *map(str, key))).encode()
    return int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "big", signed=True)


def replace(db, keyed: Iterable[tuple[str, str, Iterable[tuple]]]) -> None:
    """Every record's keys anew, in one transaction (a search cancelled before it leaves the table
    as it was): `keyed` gives (form id, record id, its keys) for each current record of the forms
    searched (a generator: three million keys are not held at once). The index is built after the
    rows are in: sorting them once is seconds, keeping it while inserting in hash order was 51 s
    at a million records."""
    with transaction(db):
        db.execute("DROP INDEX IF EXISTS duplicate_blocks_block")
        db.execute("DELETE FROM duplicate_blocks")
        db.conn.executemany("INSERT INTO duplicate_blocks (block, record_id) VALUES (?, ?)", _rows(keyed))
        db.execute(_INDEX)


_INDEX = "CREATE INDEX duplicate_blocks_block ON duplicate_blocks (block, record_id)"


def add(db, keyed: Iterable[tuple[str, str, Iterable[tuple]]]) -> None:
    """The keys of these records, (form id, record id, its keys), beside what the table holds
    (a key a record already has is not added again: the same records may be changed in many rescans)."""
    with transaction(db):
        db.conn.executemany("INSERT INTO duplicate_blocks (block, record_id) SELECT ?1, ?2 WHERE NOT EXISTS "
                            "(SELECT 1 FROM duplicate_blocks WHERE block = ?1 AND record_id = ?2)", _rows(keyed))


def _rows(keyed):
    for form_id, record_id, keys in keyed:
        for key in keys:
            yield block_of(form_id, key), record_id


def records_sharing(db, form_id: str, keys: Iterable[tuple]) -> set[str]:
    """The records held under any of these keys of the form (and a few more: see the module)."""
    blocks = sorted({block_of(form_id, key) for key in keys})
    found: set[str] = set()
    for start in range(0, len(blocks), _CHUNK):
        part = blocks[start:start + _CHUNK]
        found.update(row[0] for row in db.execute(
            f"SELECT record_id FROM duplicate_blocks WHERE block IN ({','.join('?' * len(part))})", part))
    return found
