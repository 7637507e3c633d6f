"""A closed pipe (`township ... | head`) is not an error: no traceback, no "internal error"."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT

QUIET = (0, 141)   # done, or stopped by the closed pipe as a shell reports it


def _env(tmp_path) -> dict:
    return {**os.environ, "TOWNSHIP_DATA_DIR": str(tmp_path / "data"), "TOWNSHIP_LANG": "en",
            "PYTHONUNBUFFERED": ""}


def test_output_into_a_pipe_already_closed_stops_quietly(tmp_path):
    # the reader is gone before the command writes a line, so the very first write fails
    process = subprocess.Popen([sys.executable, "-m", "desktop", "--help"], cwd=ROOT, env=_env(tmp_path),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()
    err = process.stderr.read().decode()
    code = process.wait(timeout=60)
    assert code in QUIET, err
    assert "Traceback" not in err and "internal error" not in err and "Exception ignored" not in err
    assert err == ""


def test_a_pipe_into_head_gets_its_line_and_no_error(tmp_path):
    command = f'"{sys.executable}" -m desktop --help | head -1; echo "status=${{PIPESTATUS[0]}}" >&2'
    result = subprocess.run(["bash", "-c", command], cwd=ROOT, env=_env(tmp_path),
                            capture_output=True, text=True, timeout=60)
    assert result.stdout.startswith("usage: township")
    assert len(result.stdout.splitlines()) == 1
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    status = int(result.stderr.strip().rpartition("status=")[2])
    assert status in QUIET, result.stderr


def test_a_command_that_meets_a_closed_pipe_mid_listing_stops_quietly(tmp_path, monkeypatch, capsys):
    # in-process: the command's own print fails, as it does when `head` has gone mid-listing
    from desktop import cli
    from desktop.cli import forms_cmd

    def listing(_args):
        print("floating_population")
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(forms_cmd, "list_forms", listing)
    assert cli.main(["--data-dir", str(tmp_path), "forms", "list"]) == 141
    captured = capsys.readouterr()
    assert "internal error" not in captured.err and "Traceback" not in captured.err
