"""Benchmark: peak memory of `township export` and `township import` of one township's bundle of
50,000 and of 500,000 records (a first sync of a large backlog), each the `township` process's own
maximum resident set (ru_maxrss of RUSAGE_CHILDREN, read by a fresh parent whose only child is the
command). Budget: <= 300 MB whatever the bundle's size (docs/PERFORMANCE.md); the baseline in the
same run is `township verify` of the same bundle (the same program, store and keys, without
the payload's work).
Run: scripts/bench.sh -k bundle_memory   (TOWNSHIP_BENCH_MEMORY_SIZES=50000 for the small one only)"""

from __future__ import annotations

import datetime
import json
import os
import sys
import time
import uuid

import pytest

from desktop.core.store import audit
from desktop.core.store.db import transaction
from desktop.core.store.search import search_text
from desktop.core.workspace.workspace import Workspace
from tests.bench.harness import record
from tests.conftest import run_township
from tests.core.sync.helpers import TOWNSHIPS, make_sites, resident_id

pytestmark = pytest.mark.bench
SIZES = [int(n) for n in os.environ.get("TOWNSHIP_BENCH_MEMORY_SIZES", "50000,500000").split(",")]
BUDGET_BYTES = 300 << 20
FORM, VERSION = "floating_population", "2026110101"
MEASURE = ("import resource, subprocess, sys\n"
           "code = subprocess.run(sys.argv[1:]).returncode\n"
           "print('PEAK-KB', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
           "sys.exit(code)\n")


def _fill(township, n, batch=50_000):
    """Bulk-load n records with their audit chain, in batches so the bench itself stays small."""
    code = township.township
    for start in range(0, n, batch):
        with transaction(township.db):
            last_seq, prev = audit.head(township.db)
            record_rows, audit_rows = [], []
            for i in range(start, min(n, start + batch)):
                born = (datetime.date(1950, 1, 1) + datetime.timedelta(days=i // 1000 % 20000)).strftime("%Y%m%d")
                values = {"name": f"测试{i}", "id_number": resident_id(i % 1000, birth=born),
                          "phone": f"138{i:08d}", "village": f"{code}{i % 20 + 1:03d}", "employer": "某某建筑公司",
                          "household_registration": "河北省廊坊市大城县", "reason": "务工"}
                seq = last_seq + (i - start) + 1
                stamp = "2026-11-26T09:00:00+08:00"
                details = audit.canonical_json({"values": values, "status": "complete", "form_version": VERSION})
                record_id = str(uuid.UUID(int=i + 7 * 10**7))
                digest = audit.row_hash(seq, stamp, "clerk", "create", record_id, FORM, details, None, prev)
                audit_rows.append((seq, stamp, "clerk", "create", record_id, FORM, details, None, prev, digest))
                prev = digest
                record_rows.append((record_id, FORM, VERSION, code, "complete", 1,
                                    json.dumps(values, ensure_ascii=False, sort_keys=True), stamp, "clerk", stamp,
                                    "clerk", seq, search_text(values)))
            township.db.conn.executemany("INSERT INTO audit (seq, at, clerk, event, record_id, form_id, details,"
                                         " reason, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)", audit_rows)
            township.db.conn.executemany("INSERT INTO records (id, form_id, form_version, township, status, version,"
                                         " data, created_at, created_by, updated_at, updated_by, last_audit_seq,"
                                         " search_text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", record_rows)


def _peak(*args) -> tuple[int, float, str]:
    """(peak bytes, seconds, stdout) of `township ARGS` in its own process; fails on a non-zero exit."""
    started = time.perf_counter()
    result = run_township(*args, prefix=[sys.executable, "-c", MEASURE], timeout=3600)
    took = time.perf_counter() - started
    assert result.returncode == 0, result.stderr[-2000:]
    peak = [int(line.split()[1]) for line in result.stderr.splitlines() if line.startswith("PEAK-KB")]
    assert peak, result.stderr
    return peak[-1] * 1024, took, result.stdout


@pytest.mark.parametrize("n", SIZES)
def test_export_and_import_memory_is_bounded(tmp_path, n):
    county_dir, townships = make_sites(tmp_path, TOWNSHIPS[:1])
    township_dir = townships[TOWNSHIPS[0]]
    with Workspace.open(township_dir) as township:
        _fill(township, n)
    stick = tmp_path / "stick"
    stick.mkdir()
    exported, export_s, _out = _peak("export", "--data-dir", township_dir, "--to", stick)
    [path] = sorted(stick.glob("*.tdb"))
    baseline, _s, _out = _peak("verify", "--data-dir", county_dir, path)
    imported, import_s, out = _peak("import", "--data-dir", county_dir, path)
    assert f"{n} records applied" in out, out
    with Workspace.open(county_dir) as county:
        assert county.db.execute("SELECT count(*) FROM records").fetchone()[0] == n
    size = path.stat().st_size
    note = f"bundle {size / 1e6:.1f} MB; {export_s:.0f} s to export, {import_s:.0f} s to import (checks included)"
    base = "`township verify` of the same bundle"
    record(f"sync: peak RSS of `township export` of {n:,} records", exported, baseline=baseline,
           budget=BUDGET_BYTES, unit="bytes", baseline_name=base, note=note, runs=1)
    record(f"sync: peak RSS of `township import` of {n:,} records", imported, baseline=baseline,
           budget=BUDGET_BYTES, unit="bytes", baseline_name=base, note=note, runs=1)
    assert exported <= BUDGET_BYTES and imported <= BUDGET_BYTES, (exported, imported)
