"""Start-up: the app's start to ready-for-input and its memory, against a bare PySide6 window.

Source (not frozen) starts, in a subprocess each: the app's path to its main window
(tests/bench/startup_probe.py) vs build_scripts/bare_window.py. Budgets (docs/PERFORMANCE.md):
time <= 1.3x, memory <= 1.5x the bare window's. The frozen comparison is test_frozen_startup_bench.py.
"""

from __future__ import annotations

import sys

import pytest

from tests.bench.harness import ROOT, measure_starts, record
from tests.conftest import PASSWORD

pytestmark = pytest.mark.bench


@pytest.fixture(scope="module")
def township_data(tmp_path_factory):
    from desktop.core.setup import initialise

    path = tmp_path_factory.mktemp("startup") / "township"
    initialise(path, role="township", code="131025100", clerk="王丽", password=PASSWORD).close()
    return path


def test_source_start_to_ready_and_memory_vs_bare_window(township_data):
    app = [sys.executable, str(ROOT / "tests" / "bench" / "startup_probe.py"), str(township_data)]
    bare = [sys.executable, str(ROOT / "build_scripts" / "bare_window.py")]
    ours, base = measure_starts(app, bare, runs=7, env={"PYTHONPATH": str(ROOT)})
    kind = next((line.split()[1] for line in ours["lines"] if line.startswith("PROBE_WINDOW")), "?")
    note = "" if kind == "main-window" else "stand-in window until desktop.ui.app.build_main_window_for_bench exists"
    record("start to ready (from source)", ours["time"], baseline=base["time"], budget_ratio=1.3,
           baseline_name="bare PySide6 window", note=note)
    record("memory at ready (from source)", ours["memory"], baseline=base["memory"], budget_ratio=1.5,
           unit="bytes", baseline_name="bare PySide6 window", note=note)
    assert ours["time"].median > 0 and base["memory"].median > 10 * 2**20
