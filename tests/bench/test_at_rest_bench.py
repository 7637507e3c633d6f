"""The price of encryption at rest: the same `records.save` (15 fields, its audit row, search text
and key row, WAL + synchronous=FULL) on the SQLCipher store and on a plain copy of the same store
(same schema, same pragmas, same disk) opened without a key through the same driver, so the same
SQLite (Python's own sqlite3, SQLite 3.40, refuses the store's triggers under trusted_schema=OFF:
its json_extract is not marked innocuous). Budget (issue 18): <= 1.3x. docs/SECURITY.md and
docs/PERFORMANCE.md have the figures.

Three stores are measured side by side, in turns within the same minutes: the store in the current
SQLCipher format (HMAC-SHA256 pages), the same store in the format before it (HMAC-SHA512,
SQLCipher 4's default: what the change gained), and the plain copy. Each is exported from the
same newly set-up store and then grown by the same GROW saves (synchronous=OFF while growing), so
all three have B-trees of a store in use, not an export's packed pages. Wall time is the budget;
the process's CPU time is recorded beside it (the machine is shared: CPU time moves less with the
load)."""

from __future__ import annotations

import itertools
import os
import time

import pytest

from desktop.core.store import cipher_format, records
from desktop.core.store.db import PRAGMAS, Database
from desktop.core.store.driver import sqlite3 as plain_sqlite3  # no key: a plain SQLite file
from tests.bench.harness import Stats, measure_pair, record
from tests.bench.test_save_bench import VALUES

pytestmark = pytest.mark.bench

SAVES_PER_RUN = 30
GROW = int(os.environ.get("BENCH_AT_REST_RECORDS", "3000"))
RUNS = 15


def _export(workspace, path, fmt: str | None) -> Database:
    """The store exported into `path` (sqlcipher_export: every table, index and trigger), in the
    SQLCipher format `fmt` under the same key, or plain (fmt None); opened with the store's pragmas."""
    conn, key = workspace.db.conn, workspace.db.key
    if fmt is None:
        conn.execute("ATTACH DATABASE ? AS copy KEY ''", [str(path)])
    else:
        cipher_format.attach_keyed(conn, path, "copy", key, fmt)
    conn.execute("SELECT sqlcipher_export('copy')")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.execute(f"PRAGMA copy.user_version = {int(version)}")
    conn.execute("DETACH DATABASE copy")
    if fmt is None:
        copy = plain_sqlite3.connect(path, isolation_level=None)
    else:
        copy, opened = cipher_format.connect_keyed(path, key, formats=(fmt,), isolation_level=None)
    for pragma in PRAGMAS:
        copy.execute(pragma)
    assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert copy.execute("PRAGMA synchronous").fetchone()[0] == 2
    return Database(copy, key if fmt else None, fmt)


def plain_copy(workspace, path) -> Database:
    """The store decrypted into `path`, opened without a key (no cipher) and with the store's pragmas."""
    return _export(workspace, path, None)


def three_stores(township, tmp_path) -> dict[str, Database]:
    assert township.db.cipher_format == cipher_format.CURRENT
    stores = {"current": township.db,
              "older": _export(township, tmp_path / "older.db", cipher_format.LEGACY),
              "plain": plain_copy(township, tmp_path / "plain.db")}
    assert open(tmp_path / "plain.db", "rb").read(16) == b"SQLite format 3\x00"
    grow = {name: _saves(db, GROW) for name, db in stores.items()}
    for db in stores.values():
        db.execute("PRAGMA synchronous=OFF")
    for name in stores:
        grow[name]()
    for db in stores.values():
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return stores


_NUMBERS = itertools.count()   # one sequence for the process: every save a new name and ID number


def _saves(db, count=SAVES_PER_RUN):
    counter = _NUMBERS

    def run():
        for _ in range(count):
            values = {**VALUES, "name": f"张伟{next(counter)}", "id_number": f"{id(db) % 997:03d}{next(counter):015d}"}
            records.save(db, form_id="floating_population", form_version="2026110101",
                         township="131025100", values=values, clerk="王丽", unique_fields=("id_number",))
    return run


def measure_in_turns(stores: dict[str, Database], runs: int = RUNS) -> dict[str, tuple[Stats, Stats]]:
    """Per save: (wall, process CPU) of each store, the stores taking turns, the order reversed
    every other run, after one warm-up run each."""
    fns = {name: _saves(db) for name, db in stores.items()}
    for fn in fns.values():
        fn()
    wall = {name: [] for name in stores}
    cpu = {name: [] for name in stores}
    for run in range(runs):
        for name in (list(fns) if run % 2 == 0 else list(reversed(fns))):
            started, cpu_started = time.perf_counter(), time.process_time()
            fns[name]()
            wall[name].append((time.perf_counter() - started) / SAVES_PER_RUN)
            cpu[name].append((time.process_time() - cpu_started) / SAVES_PER_RUN)
    return {name: (Stats(tuple(wall[name])), Stats(tuple(cpu[name]))) for name in stores}


def _load() -> str:
    return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


def test_save_on_the_encrypted_store_vs_a_plain_one(township, tmp_path):
    assert township.db.key is not None and township.db.conn.execute("PRAGMA cipher_version").fetchone()
    stores = three_stores(township, tmp_path)
    found = measure_in_turns(stores)
    (wall, cpu), (older_wall, older_cpu), (plain_wall, plain_cpu) = (found[n] for n in ("current", "older", "plain"))
    note = f"mean of {SAVES_PER_RUN} saves per run, {RUNS} runs in turns, a store of {GROW:,} records; {_load()}"
    record("save one record, encrypted store (SQLCipher)", wall, baseline=plain_wall, budget_ratio=1.3,
           baseline_name="the same records.save on a plain copy of the store",
           note=f"HMAC-SHA256 pages; {note}")
    record("save one record, encrypted store: process CPU time", cpu, baseline=plain_cpu,
           baseline_name="the same on the plain copy (CPU time)", note="the same runs as the row above")
    record("save one record, encrypted store in the older format (HMAC-SHA512)", older_wall, baseline=plain_wall,
           baseline_name="the same records.save on a plain copy of the store",
           note="stores made before HMAC-SHA256 (rewritten at their first open); the same runs")
    record("save one record, older format (HMAC-SHA512): process CPU time", older_cpu, baseline=plain_cpu,
           baseline_name="the same on the plain copy (CPU time)", note="the same runs")
    for db in stores.values():
        assert db.execute("SELECT count(*) FROM records").fetchone()[0] == GROW + SAVES_PER_RUN * (RUNS + 1)
    for name in ("older", "plain"):
        stores[name].close()


def test_the_cpu_cost_of_encryption_without_waiting_for_the_disk(township, tmp_path):
    """The same with synchronous=OFF on all three (not how the app runs): what encryption costs
    the processor once the disk's flush is taken out; watched, no budget."""
    stores = three_stores(township, tmp_path)
    for db in stores.values():
        db.execute("PRAGMA synchronous=OFF")
    found = measure_in_turns(stores)
    for name, label in (("current", ""), ("older", ", older format (HMAC-SHA512)")):
        record(f"save one record, encrypted store, no disk flush (CPU only){label}", found[name][0],
               baseline=found["plain"][0], baseline_name="the same on the plain copy, synchronous=OFF on all",
               note=f"not the app's setting: shows the encryption's own cost; {_load()}")
    township.db.execute("PRAGMA synchronous=FULL")
    for name in ("older", "plain"):
        stores[name].close()


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
