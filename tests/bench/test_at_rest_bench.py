"""The price of encryption at rest: the same `records.save` (15 fields, its audit row, search text
and key row, WAL + synchronous=FULL) on the SQLCipher store and on a plain copy of the same store
(same schema, same pragmas, same disk) opened without a key through the same driver, so the same
SQLite (Python's own sqlite3, SQLite 3.40, refuses the store's triggers under trusted_schema=OFF:
its json_extract is not marked innocuous). Budget (issue 18): <= 1.3x. docs/SECURITY.md and
docs/PERFORMANCE.md have the figures."""

from __future__ import annotations

import itertools

import pytest

from desktop.core.store import records
from desktop.core.store.db import PRAGMAS, Database
from desktop.core.store.driver import sqlite3 as plain_sqlite3  # no key: a plain SQLite file
from tests.bench.harness import measure_pair, record
from tests.bench.test_save_bench import VALUES

pytestmark = pytest.mark.bench

SAVES_PER_RUN = 30


def plain_copy(workspace, path) -> Database:
    """The store decrypted into `path` (sqlcipher_export: every table, index and trigger), opened
    without a key (no cipher) and with the store's pragmas."""
    conn = workspace.db.conn
    conn.execute("ATTACH DATABASE ? AS plain KEY ''", [str(path)])
    conn.execute("SELECT sqlcipher_export('plain')")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.execute(f"PRAGMA plain.user_version = {int(version)}")
    conn.execute("DETACH DATABASE plain")
    plain = plain_sqlite3.connect(path, isolation_level=None)
    for pragma in PRAGMAS:
        plain.execute(pragma)
    assert plain.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert plain.execute("PRAGMA synchronous").fetchone()[0] == 2
    return Database(plain)


def _saves(db):
    counter = itertools.count()

    def run():
        for _ in range(SAVES_PER_RUN):
            values = {**VALUES, "name": f"张伟{next(counter)}", "id_number": f"{id(db) % 997:03d}{next(counter):015d}"}
            records.save(db, form_id="floating_population", form_version="2026110101",
                         township="131025100", values=values, clerk="王丽", unique_fields=("id_number",))
    return run


def test_save_on_the_encrypted_store_vs_a_plain_one(township, tmp_path):
    assert township.db.key is not None and township.db.conn.execute("PRAGMA cipher_version").fetchone()
    plain = plain_copy(township, tmp_path / "plain.db")
    assert open(tmp_path / "plain.db", "rb").read(16) == b"SQLite format 3\x00"
    ours, base = measure_pair(_saves(township.db), _saves(plain), runs=11)
    per_save = type(ours)(tuple(v / SAVES_PER_RUN for v in ours.values))
    per_plain = type(base)(tuple(v / SAVES_PER_RUN for v in base.values))
    record("save one record, encrypted store (SQLCipher)", per_save, baseline=per_plain, budget_ratio=1.3,
           baseline_name="the same records.save on a plain copy of the store (stdlib sqlite3)",
           note=f"mean of {SAVES_PER_RUN} saves per run")
    for db in (township.db, plain):
        assert db.execute("SELECT count(*) FROM records").fetchone()[0] == SAVES_PER_RUN * 12
    plain.close()


def test_the_cpu_cost_of_encryption_without_waiting_for_the_disk(township, tmp_path):
    """The same pair with synchronous=OFF on both (not how the app runs): what encryption costs
    the processor once the disk's flush is taken out; watched, no budget."""
    plain = plain_copy(township, tmp_path / "plain.db")
    for db in (township.db, plain):
        db.execute("PRAGMA synchronous=OFF")
    ours, base = measure_pair(_saves(township.db), _saves(plain), runs=11)
    record("save one record, encrypted store, no disk flush (CPU only)",
           type(ours)(tuple(v / SAVES_PER_RUN for v in ours.values)),
           baseline=type(base)(tuple(v / SAVES_PER_RUN for v in base.values)),
           baseline_name="the same on the plain copy, synchronous=OFF on both",
           note="not the app's setting: shows the encryption's own cost")
    township.db.execute("PRAGMA synchronous=FULL")
    plain.close()


def test_what_memory_security_would_cost_a_save(township):
    """The app pins cipher_memory_security OFF (desktop/core/store/driver.py); this shows what ON
    would cost the same save (synchronous=OFF: the processor's share) on the same encrypted store.
    Once on it stays on for the process, so each run is a child process
    (tests/bench/memory_security_probe.py), ON and OFF taking turns."""
    import subprocess
    import sys
    from pathlib import Path

    from tests.bench.harness import Stats

    probe = Path(__file__).with_name("memory_security_probe.py")
    path, key = str(township.paths.db_path), township.db.key.hex()
    township.close()
    times = {"on": [], "off": []}
    for _ in range(7):
        for setting in ("on", "off"):
            out = subprocess.run([sys.executable, str(probe), path, key, setting, "60"],
                                 capture_output=True, text=True, check=True, timeout=120)
            times[setting].append(float(out.stdout.strip().splitlines()[-1]))
    record("save one record, encrypted store, cipher_memory_security ON (not the app's setting)",
           Stats(tuple(times["on"])), baseline=Stats(tuple(times["off"])),
           baseline_name="the same save with it OFF (the app's setting), synchronous=OFF on both",
           note="memory wiping on every free; a child process per run")


def test_opening_a_connection_derives_no_key(township, tmp_path):
    """A connection to the encrypted store (a worker's, the store reopened after the idle lock)
    opens under the raw data key (x'...'), so SQLCipher runs no PBKDF2: it costs about what opening
    the plain copy costs (watched, no budget), where a passphrase key (PBKDF2-HMAC-SHA512, 256,000
    rounds) would add about 140 ms to each."""
    from desktop.core.store.db import connect

    path, key = township.paths.db_path, township.db.key
    plain = plain_copy(township, tmp_path / "plain.db")
    plain.close()
    ours, base = measure_pair(lambda: connect(path, key=key).conn.close(),
                              lambda: connect(tmp_path / "plain.db").conn.close(), runs=11, repeat=10)
    record("open a connection to the encrypted store (raw key, no PBKDF2)", ours, baseline=base,
           baseline_name="the same connect() on a plain copy of the store",
           note="the store's pragmas and PRAGMA optimize included")
    assert ours.median < base.median + 0.02    # no key derivation: far below PBKDF2's 140 ms
