"""Benchmark: peak memory of `township export` and `township import` of one township's bundle of
50,000 and of 500,000 records (a first sync of a large backlog), each the `township` process's own
maximum resident set (ru_maxrss of RUSAGE_CHILDREN, read by a fresh parent whose only child is the
command). Budget: <= 300 MB whatever the bundle's size (docs/PERFORMANCE.md); the baseline in the
same run is `township verify` of the same bundle (the same program, store and keys, without
the payload's work).
Run: scripts/bench.sh -k bundle_memory   (TOWNSHIP_BENCH_MEMORY_SIZES=50000 for the small one only)"""

from __future__ import annotations

import os
import sys
import time

import pytest

from desktop.core.workspace.workspace import Workspace
from tests.bench.harness import record
from tests.conftest import run_township
from tests.core.sync.helpers import TOWNSHIPS, fill_township, make_sites

pytestmark = pytest.mark.bench
SIZES = [int(n) for n in os.environ.get("TOWNSHIP_BENCH_MEMORY_SIZES", "50000,500000").split(",")]
BUDGET_BYTES = 300 << 20
MEASURE = ("import resource, subprocess, sys\n"
           "code = subprocess.run(sys.argv[1:]).returncode\n"
           "print('PEAK-KB', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
           "sys.exit(code)\n")


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
        fill_township(township, n)
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


def _ok(*args) -> str:
    result = run_township(*args, timeout=3600)
    assert result.returncode == 0, (args, result.stdout[-2000:], result.stderr[-2000:])
    return result.stdout


@pytest.mark.parametrize("n", SIZES)
def test_rejoin_return_memory(tmp_path, n):
    """A township's replaced PC at scale: the county's return bundle offering a rejoin carries
    every record of the township, and the new PC imports it. Its records follow the header as a
    streamed list, written from the cursor and restored a chunk at a time: the same budget as any
    bundle's (docs/SYNC.md, "Recovery")."""
    county_dir, townships = make_sites(tmp_path, TOWNSHIPS[:1])
    code = TOWNSHIPS[0]
    with Workspace.open(townships[code]) as township:
        fill_township(township, n)
    first, second, returns, enroll = (tmp_path / name for name in ("first", "second", "returns", "enroll"))
    for folder in (first, second, returns, enroll):
        folder.mkdir()
    _ok("export", "--data-dir", townships[code], "--to", first)
    _ok("import", "--data-dir", county_dir, *sorted(first.glob("*.tdb")))
    new_pc = tmp_path / "new-pc"
    pack = tmp_path / "enroll-stick" / "TD-county-131025.tdpack"
    _ok("init", "--data-dir", new_pc, "--role", "township", "--township", code, "--clerk", "clerk", "--county-pack", pack)
    _ok("keys", "export", "--data-dir", new_pc, "--to", enroll)
    _ok("keys", "enroll", "--data-dir", county_dir, enroll / f"TD-enroll-{code}.tdkey", "--replace")
    _ok("export", "--data-dir", new_pc, "--to", second)
    assert "lost its place" in _ok("import", "--data-dir", county_dir, *sorted(second.glob("*.tdb")))
    exported, export_s, _out = _peak("export", "--data-dir", county_dir, "--to", returns)
    [path] = sorted(returns.glob(f"TD-{code}-R*.tdb"))
    imported, import_s, out = _peak("import", "--data-dir", new_pc, path)
    assert f"{n} records this PC had lost were restored" in out, out
    note = f"return bundle {path.stat().st_size / 1e6:.1f} MB; {export_s:.0f} s to export, {import_s:.0f} s to import"
    record(f"sync: peak RSS of the county's return bundle offering a rejoin of {n:,} records", exported,
           budget=BUDGET_BYTES, unit="bytes", note=note, runs=1)
    record(f"sync: peak RSS of a new PC's import of that rejoin ({n:,} records)", imported,
           budget=BUDGET_BYTES, unit="bytes", note=note, runs=1)
    assert exported <= BUDGET_BYTES and imported <= BUDGET_BYTES, (exported, imported)
