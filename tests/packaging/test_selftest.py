"""The self-test: passes on a healthy checkout, and fails loudly when a part it checks is broken."""

from __future__ import annotations

import io

from desktop import selftest
from tests.conftest import run_township


def test_self_test_passes_from_source_and_names_every_step():
    result = run_township("--self-test", env={"QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for name, _ in selftest.STEPS:
        assert any(line.split()[1:2] == [name] for line in lines), f"no line for step {name}"
    assert "0 failed" in lines[-1]
    for required in ("setup", "record", "qt", "doctor"):
        assert any(line.startswith("ok") and f" {required} " in line for line in lines), required


def test_a_failing_step_makes_the_self_test_fail(monkeypatch):
    def broken(ctx):
        raise OSError("resources/forms is missing")

    steps = [(name, broken if name == "record" else step) for name, step in selftest.STEPS]
    monkeypatch.setattr(selftest, "STEPS", steps)
    out = io.StringIO()
    assert selftest.run_self_test(out=out) == 1
    text = out.getvalue()
    assert "FAIL  record" in text and "resources/forms is missing" in text
    assert "1 failed (record)" in text


def test_failed_setup_skips_the_rest_instead_of_cascading(monkeypatch, tmp_path):
    ctx = selftest.Context(root=tmp_path, password="x")  # too short: setup refuses it
    outcomes = selftest.run_steps(ctx, out=io.StringIO())
    assert outcomes[0].status == "FAIL"
    assert all(o.status == "skip" and o.detail == "setup failed" for o in outcomes[1:])
