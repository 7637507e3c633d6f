"""Old code against new, a process each: the save on the store a checkout sets up against a plain
copy of it, both grown alike. Used to measure a change of the store's format or schema against
the code before it in the same minutes (docs/PERFORMANCE.md, encryption at rest, 2026-12-04).

Run as `python tests/bench/old_vs_new_save_probe.py CHECKOUT RECORDS RUNS TAG`, where CHECKOUT is a
source tree (this one, or `git archive <commit> | tar -x -C DIR` of an older one), alternating
checkouts in a shell loop; SYNC=OFF takes the flush out. Prints one JSON line: the medians of
wall and process CPU time per save for the encrypted store and the plain copy, their ratio per
run, the page HMAC the store has and the load average. Only APIs both versions have are used.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import statistics
import sys
import time
from pathlib import Path


def main(checkout: str, count: int, runs: int, tag: str) -> None:
    sys.path.insert(0, checkout)
    os.chdir(checkout)
    from desktop.core.store import records
    from desktop.core.store.db import PRAGMAS, Database
    from desktop.core.store.driver import sqlite3
    from desktop.core.workspace.workspace import Workspace
    from tests.bench.test_save_bench import VALUES
    from tests.helpers.workspaces import set_up_folder

    base = Path(os.environ.get("BENCH_PROBE_DIR", "/tmp")) / f"old-vs-new-{tag}-{os.getpid()}"
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    set_up_folder(base / "ws", role="township", code="131025100", clerk="王丽")
    workspace = Workspace.open(base / "ws")
    conn = workspace.db.conn
    conn.execute("ATTACH DATABASE ? AS plain KEY ''", [str(base / "plain.db")])
    conn.execute("SELECT sqlcipher_export('plain')")
    conn.execute(f"PRAGMA plain.user_version = {int(conn.execute('PRAGMA user_version').fetchone()[0])}")
    conn.execute("DETACH DATABASE plain")
    plain = sqlite3.connect(base / "plain.db", isolation_level=None)
    for pragma in PRAGMAS:
        plain.execute(pragma)
    stores = {"encrypted": workspace.db, "plain": Database(plain)}
    numbers = itertools.count()

    def saves(db, k: int) -> None:
        for _ in range(k):
            i = next(numbers)
            records.save(db, form_id="floating_population", form_version="2026110101", township="131025100",
                         values={**VALUES, "name": f"张伟{i}", "id_number": f"9{i:017d}"}, clerk="王丽",
                         unique_fields=("id_number",))

    for db in stores.values():
        db.execute("PRAGMA synchronous=OFF")
        saves(db, count)
    for db in stores.values():
        db.execute(f"PRAGMA synchronous={os.environ.get('SYNC', 'FULL')}")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        saves(db, 30)   # warm-up
    found = {name: {"wall": [], "cpu": []} for name in stores}
    for run in range(runs):
        for name in (list(stores) if run % 2 == 0 else list(reversed(stores))):
            started, cpu_started = time.perf_counter(), time.process_time()
            saves(stores[name], 30)
            found[name]["wall"].append((time.perf_counter() - started) / 30)
            found[name]["cpu"].append((time.process_time() - cpu_started) / 30)
    hmac = [row[0] for row in workspace.db.execute("PRAGMA cipher_settings") if "hmac_algorithm" in row[0]]
    out = {"tag": tag, "hmac": hmac, "load": os.getloadavg()[0], "sync": os.environ.get("SYNC", "FULL")}
    for kind in ("wall", "cpu"):
        ours, theirs = found["encrypted"][kind], found["plain"][kind]
        out[f"{kind}_ms"] = statistics.median(ours) * 1e3
        out[f"{kind}_plain_ms"] = statistics.median(theirs) * 1e3
        out[f"{kind}_ratio"] = statistics.median(a / b for a, b in zip(ours, theirs, strict=True))
    print(json.dumps(out))
    workspace.close()
    plain.close()
    shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
