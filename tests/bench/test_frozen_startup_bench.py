"""Frozen cold start: the built app to ready-for-input against a bare PySide6 window frozen the
same way (build_scripts/bare_window.spec). Budget (docs/PERFORMANCE.md): <= 1.3x.

Runs when dist/township and dist/bare_window exist (scripts/bench.sh builds both). Each start is
cold where the OS lets us empty the page cache (Linux as root), otherwise warm, and the row says
which. The app is started as a clerk starts it (`township`, no arguments, on a set-up data folder;
once more with the language set to Chinese) and is ready when its first window has been painted: the GUI says so through
desktop.startup.phases.ready(). A build without the GUI yet cannot say so; then only the bare
window's start and the app's `--version` (Python and the command line, no Qt) are recorded.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from tests.bench.harness import ROOT, Stats, drop_file_caches, measure_starts, record, time_to_ready
from tests.conftest import PASSWORD

pytestmark = pytest.mark.bench

EXE = ".exe" if sys.platform == "win32" else ""
APP = ROOT / "dist" / "township" / f"township{EXE}"
BARE = ROOT / "dist" / "bare_window" / f"bare_window{EXE}"
STARTS = 11   # pairs of starts: a cold start scatters more than a warm one


@pytest.fixture(scope="module")
def township_data(tmp_path_factory):
    if not (APP.exists() and BARE.exists()):
        pytest.skip("no frozen builds: run scripts/bench.sh (or python build_scripts/build.py --bare)")
    path = tmp_path_factory.mktemp("frozen") / "township"
    env = {**os.environ, "TOWNSHIP_PASSWORD": PASSWORD, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([str(APP), "init", "--data-dir", str(path), "--role", "township", "--township", "131025100",
                    "--clerk", "王丽"], env=env, check=True, capture_output=True)
    return path


@pytest.fixture(scope="module")
def township_data_zh(township_data, tmp_path_factory):
    """The same installation with the language set to Chinese, as the setup wizard leaves it on a
    Chinese clerk's PC."""
    import shutil

    from desktop.core.workspace.keyring import Keyring, keyring_path
    from desktop.core.workspace.workspace import Workspace

    path = tmp_path_factory.mktemp("frozen-zh") / "township"
    shutil.copytree(township_data, path)
    key = Keyring.load(keyring_path(path / "township.db")).unlock(PASSWORD)   # the store is encrypted
    with Workspace.open(path, key=key) as workspace:
        workspace.put_setting("language", "zh")
    return path


def gui_reports_ready(data_dir) -> bool:
    try:
        time_to_ready([str(APP), "--data-dir", str(data_dir)], timeout=60)
        return True
    except RuntimeError:
        return False


def test_frozen_cold_start_vs_frozen_bare_window(township_data):
    cold = drop_file_caches()
    how = "cold (page cache emptied before each start)" if cold else "warm (page cache not emptied)"
    if gui_reports_ready(township_data):
        ours, base = measure_starts([str(APP), "--data-dir", str(township_data)], [str(BARE)], runs=STARTS, cold=cold)
        record("frozen start to ready", ours["time"], baseline=base["time"], budget_ratio=1.3,
               baseline_name="bare PySide6 window, frozen the same way", note=how)
        record("frozen memory at ready", ours["memory"], baseline=base["memory"], budget_ratio=1.5,
               unit="bytes", baseline_name="bare PySide6 window, frozen the same way", note=how)
        assert ours["time"].median > 0
        return

    versions, bare_starts = [], []
    for _ in range(7):
        drop_file_caches() if cold else None
        started = time.perf_counter()
        subprocess.run([str(APP), "--version"], check=True, capture_output=True, timeout=60)
        versions.append(time.perf_counter() - started)
        drop_file_caches() if cold else None
        bare_starts.append(time_to_ready([str(BARE)]).seconds)
    record("frozen start: bare PySide6 window to ready", Stats(tuple(bare_starts)), note=how)
    record("frozen start: township --version (Python + command line, no Qt)", Stats(tuple(versions)),
           baseline=Stats(tuple(bare_starts)), baseline_name="frozen bare window",
           note=how + "; the GUI is not in this build yet, so the 1.3x budget is not measured")
    pytest.skip("the frozen app has no GUI yet (desktop.ui.shell.app); recorded the bare window and --version")


def test_frozen_cold_start_in_chinese_vs_frozen_bare_window(township_data_zh):
    if not gui_reports_ready(township_data_zh):
        pytest.skip("the frozen app has no GUI yet")
    cold = drop_file_caches()
    how = "cold (page cache emptied before each start)" if cold else "warm (page cache not emptied)"
    ours, base = measure_starts([str(APP), "--data-dir", str(township_data_zh)], [str(BARE)], runs=STARTS, cold=cold)
    record("frozen start to ready in Chinese", ours["time"], baseline=base["time"], budget_ratio=1.3,
           baseline_name="bare PySide6 window, frozen the same way", note=how + "; language set to Chinese")
