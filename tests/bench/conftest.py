"""Benchmark session: start an empty results file, and publish it into docs/PERFORMANCE.md at the end.

A session fixture rather than session hooks: it runs only when a benchmark runs (the default test
run deselects them), whichever path pytest was given. Not for xdist: run the benchmarks serially.
"""

from __future__ import annotations

import os

import pytest

from tests.bench import harness


@pytest.fixture(scope="session", autouse=True)
def bench_results():
    harness.RESULTS_FILE.unlink(missing_ok=True)
    yield harness.RESULTS_FILE
    rows = harness.read_results()
    if rows and not os.environ.get("BENCH_NO_DOC"):
        written = harness.merge_into_doc(rows, harness.machine(), new_machine=bool(os.environ.get("BENCH_NEW_MACHINE")))
        if written != harness.PERFORMANCE_DOC:
            print(f"\nbench: docs/PERFORMANCE.md's table is of another machine and was left as it is; this run's"
                  f" table is in {written} (BENCH_NEW_MACHINE=1 makes it the doc's)")
