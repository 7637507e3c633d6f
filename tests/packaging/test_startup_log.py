"""Start-up phase logging: off by default, timed phases on stderr and in the log file when on."""

from __future__ import annotations

import time

import pytest

from desktop.startup import phases
from tests.conftest import run_township


@pytest.fixture(autouse=True)
def fresh_log():
    phases._reset_for_tests()
    yield
    phases._reset_for_tests()


def test_phases_cost_nothing_and_record_nothing_when_off(monkeypatch):
    monkeypatch.delenv(phases.EXIT_WHEN_READY_ENV, raising=False)
    assert phases.phase("qt-imported") is None
    assert phases.ready() is False
    assert phases.phases() == []


def test_phases_are_timed_from_process_start_in_order(capsys):
    phases.enable("main")
    time.sleep(0.02)
    second = phases.phase("database-opened")
    first = phases.phases()[0]
    assert first.name == "main" and second.name == "database-opened"
    assert second.seconds >= first.seconds + 0.015
    assert second.delta == pytest.approx(second.seconds - first.seconds)
    # the interpreter started before this test did: the OS-reported age says so
    assert first.seconds > 0.05
    assert second.rss_bytes and second.rss_bytes > 10 * 2**20
    err = capsys.readouterr().err
    assert "startup database-opened:" in err and "ms since process start" in err


def test_ready_tells_a_benchmark_run_to_quit_and_prints_the_marker(monkeypatch, capsys):
    monkeypatch.setenv(phases.EXIT_WHEN_READY_ENV, "1")
    assert phases.ready() is True
    marker = [line for line in capsys.readouterr().err.splitlines() if line.startswith(phases.READY_MARKER)]
    _, seconds, rss = marker[0].split()
    assert float(seconds) > 0 and int(rss) > 0


def test_log_startup_switch_writes_phases_to_stderr_and_the_log_file(township_dir):
    result = run_township("--log-startup", "--data-dir", township_dir, "doctor")
    assert "startup command-line-parsed:" in result.stderr
    log_text = (township_dir / "logs" / "township.log").read_text(encoding="utf-8")
    assert "township.startup: startup command-line-parsed:" in log_text
