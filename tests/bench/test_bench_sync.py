"""Benchmark: export and county import of 50,000 records against the raw SQLite + zip + age work
on the same data in the same run (budget: <= 2x, DESIGN.md), median of 5 runs into docs/PERFORMANCE.md's table.
Run: scripts/bench.sh -k sync"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import shutil
import time
import zipfile

import pyrage
import pytest

from desktop.core.exchange import corrections
from desktop.core.store import records as records_store
from desktop.core.store.db import transaction
from desktop.core.store.migrations.m1611_record_tallies import KEY as TALLY_KEY
from desktop.core.sync import incoming, outgoing, trust
from desktop.core.workspace.workspace import Workspace
from tests.bench.harness import Stats, record
from tests.core.sync.helpers import TOWNSHIPS, fill_township, make_sites

pytestmark = pytest.mark.bench
N = int(os.environ.get("TOWNSHIP_BENCH_RECORDS", "50000"))
BUDGET = 2.0
RUNS = int(os.environ.get("TOWNSHIP_BENCH_RUNS", "5"))
FORM, VERSION = "floating_population", "2026110101"   # a shipped form: the import indexes its unique fields


def _raw_export(db, recipients, target):
    """The irreducible work: read the rows, JSON, gzip, age to two recipients, zip, fsync."""
    started = time.perf_counter()
    records = [list(r) for r in db.execute("SELECT * FROM records")]
    rows = [list(r) for r in db.execute("SELECT * FROM audit")]
    plain = gzip.compress(json.dumps({"records": records, "audit": rows}, ensure_ascii=False).encode(), 6, mtime=0)
    encrypted = pyrage.encrypt(plain, [pyrage.x25519.Recipient.from_str(r) for r in recipients])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("payload.age", encrypted)
    with open(target, "wb") as handle:
        handle.write(buffer.getvalue())
        handle.flush()
        os.fsync(handle.fileno())
    with open(target, "rb") as handle:
        hashlib.sha256(handle.read()).hexdigest()
    return time.perf_counter() - started


def _raw_import(folder, source, identities):
    """The irreducible work: read, unzip, age-decrypt, gunzip, parse, then insert the same rows
    into the same schema, in one transaction: the records, their ID keys, their search index's
    rows (`record_grams`, as the import writes it: the pieces are worked out before the clock
    starts, so the app's own Python for them counts against the app alone), their tallies (one
    statement for all, the tally triggers lifted as the app's bulk apply lifts them) and the audit
    rows, with the bulk apply's page cache (records.BULK_CACHE_KIB)."""
    with Workspace.open(folder, create=True) as fresh:
        db = fresh.db
        db.conn.execute(f"PRAGMA cache_size={records_store.BULK_CACHE_KIB}")
        for (name,) in db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                                       " AND name LIKE 'records_tally_%'").fetchall():
            db.conn.execute(f"DROP TRIGGER {name}")
        with zipfile.ZipFile(source) as archive:
            encrypted = archive.read("payload.age")
        payload = json.loads(gzip.decompress(pyrage.decrypt(encrypted, identities)))
        text_at = [row[1] for row in db.execute("PRAGMA table_info(records)")].index("search_text")
        pieces = [(r[0], records_store.index_pieces(r[text_at])) for r in payload["records"]]
        started = time.perf_counter()
        with zipfile.ZipFile(source) as archive:
            encrypted = archive.read("payload.age")
        payload = json.loads(gzip.decompress(pyrage.decrypt(encrypted, identities)))
        with transaction(db):
            db.conn.executemany(f"INSERT INTO records VALUES ({','.join('?' * len(payload['records'][0]))})",
                                payload["records"])
            db.conn.executemany("INSERT OR IGNORE INTO record_keys VALUES ('floating_population', 'id_number', ?, ?)",
                                [(json.loads(r[6])["id_number"], r[0]) for r in payload["records"]])
            db.conn.executemany("INSERT INTO record_grams (rowid, grams) VALUES "
                                "((SELECT rowid FROM records WHERE id = ?), ?)", pieces)
            db.conn.execute(f"INSERT INTO record_tallies SELECT {TALLY_KEY.format(side='records')}, count(*)"
                            " FROM records GROUP BY 1, 2, 3, 4, 5, 6, 7")
            db.conn.executemany("INSERT INTO sync_audit_in VALUES ('131025100', ?,?,?,?,?,?,?,?,?,?)",
                                payload["audit"])
        return time.perf_counter() - started


def test_export_and_import_50k_within_budget(tmp_path):
    """Each run starts from copies of the same filled township and empty county (an export marks
    its changes sent and an import is idempotent, so neither can simply be repeated)."""
    county_dir, townships = make_sites(tmp_path / "pristine", TOWNSHIPS[:1])
    township_dir = townships[TOWNSHIPS[0]]
    with Workspace.open(township_dir) as township:
        fill_township(township, N)
    exports, imports, raw_exports, raw_imports, checks = [], [], [], [], []
    for run in range(RUNS):
        here = tmp_path / f"run{run}"
        folder, county_folder = here / "township", here / "county"
        shutil.copytree(township_dir, folder)
        shutil.copytree(county_dir, county_folder)
        stick = here / "stick"
        stick.mkdir()
        with Workspace.open(folder) as township:
            keys = trust.install_keys(township.paths)
            recipients = trust.active_recipients(township.db, township.county) + [keys.public().age_recipient]
            raw_exports.append(_raw_export(township.db, recipients, here / "raw.zip"))
            started = time.perf_counter()
            written = outgoing.export_township(township.db, township.paths, stick)
            exports.append(time.perf_counter() - started)
        with Workspace.open(county_folder) as county:
            keys = trust.install_keys(county.paths)
            raw_imports.append(_raw_import(here / "raw-county", here / "raw.zip", keys.all_age_identities()))
            started = time.perf_counter()
            # the path the CLI and the county's Sync page use: with the county's same-ID check after it
            [outcome] = incoming.import_files(county.db, county.paths, [written.path])
            imports.append(time.perf_counter() - started)
            assert outcome.outcome == "applied", outcome.text.en
            assert county.db.execute("SELECT count(*) FROM records").fetchone()[0] == N
            started = time.perf_counter()
            assert corrections.check_imported(county.db, since_audit_seq=0, clerk="bench") == []
            checks.append(time.perf_counter() - started)
        size = written.path.stat().st_size
        shutil.rmtree(here)
    note = f"bundle {size / 1e6:.1f} MB"
    record(f"sync: export of {N:,} records", Stats(tuple(exports)), baseline=Stats(tuple(raw_exports)),
           budget_ratio=BUDGET, baseline_name="raw SQLite read + JSON + gzip + age + zip + fsync", note=note)
    record(f"sync: county import of {N:,} records", Stats(tuple(imports)), baseline=Stats(tuple(raw_imports)),
           budget_ratio=BUDGET, baseline_name="raw unzip + age + gunzip + JSON + SQLite insert", note=note)
    record(f"sync: the county's same-ID check over {N:,} imported records (part of the import above)",
           Stats(tuple(checks)), note="corrections.check_imported, every record just applied")
