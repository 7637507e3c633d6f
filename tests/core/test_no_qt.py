"""desktop/core stays Qt-free: importing every core module loads no PySide6."""

import pkgutil
import subprocess
import sys

import desktop.core
from tests.conftest import ROOT


def test_core_modules_do_not_import_qt():
    names = [m.name for m in pkgutil.walk_packages(desktop.core.__path__, "desktop.core.")]
    assert len(names) > 10
    script = ("import importlib, sys\n"
              f"for name in {names!r}: importlib.import_module(name)\n"
              "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
              "print(bad)\nsys.exit(1 if bad else 0)\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_qt_import_statements_in_core_sources():
    offenders = [str(path) for path in (ROOT / "desktop" / "core").rglob("*.py")
                 if any(line.lstrip().startswith(("import PySide6", "from PySide6", "import shiboken6"))
                        for line in path.read_text(encoding="utf-8").splitlines())]
    assert offenders == []


def test_the_qt_free_start_up_modules_import_no_qt():
    """desktop.startup: only first_paint and qt_namespace may use PySide6 (the command line runs
    the rest before, or without, any Qt)."""
    names = ["desktop.startup", "desktop.startup.phases", "desktop.startup.command_line",
             "desktop.startup.gc_pause", "desktop.startup.warm_up"]
    script = ("import importlib, sys\n"
              f"for name in {names!r}: importlib.import_module(name)\n"
              "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
              "print(bad)\nsys.exit(1 if bad else 0)\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
