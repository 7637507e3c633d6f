"""Shared fixtures: temporary data folders, set-up workspaces, and running the `township` command."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers import logfail
from tests.helpers.logfail import allow_log  # noqa: F401  (fixture)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["TOWNSHIP_LANG"] = "en"
PASSWORD = "test-password"
ROOT = Path(__file__).resolve().parent.parent

VALID_IDS = ["11010519491231002X", "110101199003074477", "131025198802143219", "131025200101010042"]


def pytest_configure(config):
    logfail.install()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    logfail.begin(item)
    result = yield
    logfail.check("setup")
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    result = yield
    logfail.check("the test")
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield
    logfail.check("teardown")
    return result


def complete_record(id_number: str, name: str = "测试", **fields) -> dict:
    """A floating-population record that passes the shipped form's rules (sex and birth date
    taken from the ID number, a village of 平舒镇)."""
    from desktop.core.rules.functions import id_number_birth_date, id_number_sex

    record = {
        "name": name, "id_number": id_number, "sex": id_number_sex(id_number),
        "birth_date": id_number_birth_date(id_number).isoformat(), "ethnicity": "01",
        "hukou_address": "河北省廊坊市大城县", "marital_status": "90", "village": "131025100001",
        "arrival_date": "2024-03-01", "move_reason": "01", "status": "present",
    }
    record.update(fields)
    return record


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(monkeypatch, capsys):
    """Run `township ARGS` in this process; returns exit code and captured output."""
    from desktop.cli import main

    monkeypatch.setenv("TOWNSHIP_PASSWORD", PASSWORD)

    def run(*args: str, stdin: str | None = None) -> CliResult:
        if stdin is not None:
            import io
            monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        capsys.readouterr()
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    yield run
    from desktop.core.i18n import set_language

    set_language(None)   # `--lang zh` fixes the process's language: back to TOWNSHIP_LANG for the next test


def run_township(*args, env: dict | None = None, stdin: str | None = None, timeout: float = 120,
                 prefix: list[str] = (), **kwargs) -> subprocess.CompletedProcess:
    """Run the command in a fresh process, as a user would."""
    full_env = {**os.environ, "TOWNSHIP_PASSWORD": PASSWORD, "TOWNSHIP_LANG": "en",
                "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([*prefix, sys.executable, "-m", "desktop", *map(str, args)], input=stdin, text=True,
                          capture_output=True, env=full_env, timeout=timeout, **kwargs)


@pytest.fixture
def township_dir(tmp_path) -> Path:
    """A data folder set up as township 131025100 (平舒镇) with admin clerk 王丽."""
    from tests.helpers.workspaces import set_up_folder

    return set_up_folder(tmp_path / "township", role="township", code="131025100", clerk="王丽")


@pytest.fixture
def township(township_dir):
    from desktop.core.workspace.workspace import Workspace

    workspace = Workspace.open(township_dir)
    workspace.clerk, workspace.clerk_role = "王丽", "admin"
    yield workspace
    workspace.close()
