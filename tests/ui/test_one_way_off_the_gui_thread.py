"""The task service (desktop/ui/shell/tasks.py) is the one way to leave the GUI thread: no other
module under desktop/ui or desktop/startup imports or names a thread, a thread pool or an
executor. The check reads the sources with the AST, so a docstring that mentions a thread does
not count, while an import (at the top or inside a function) or an attribute such as
`QtCore.QThreadPool` does."""

from __future__ import annotations

import ast

from tests.conftest import ROOT

SERVICE = ROOT / "desktop" / "ui" / "shell" / "tasks.py"
FOLDERS = (ROOT / "desktop" / "ui", ROOT / "desktop" / "startup")
MODULES = {"threading", "_thread", "concurrent", "concurrent.futures", "multiprocessing", "asyncio"}
NAMES = {"QThread", "QThreadPool", "QRunnable", "QtConcurrent", "Thread", "ThreadPoolExecutor",
         "ProcessPoolExecutor", "start_new_thread"}


def thread_offences(source: str, filename: str = "<source>") -> list[str]:
    """Every import of a threading module and every use of a thread or pool name in `source`."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        where = f"{filename}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Import):
            found += [f"{where}: import {a.name}" for a in node.names
                      if a.name in MODULES or a.name.split(".")[0] in MODULES]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if module in MODULES or module.split(".")[0] in MODULES:
                found.append(f"{where}: from {module} import ...")
            found += [f"{where}: from {module} import {a.name}" for a in node.names if a.name in NAMES]
        elif isinstance(node, ast.Attribute) and node.attr in NAMES:
            found.append(f"{where}: .{node.attr}")
        elif isinstance(node, ast.Name) and node.id in NAMES:
            found.append(f"{where}: {node.id}")
    return found


def test_no_module_but_the_task_service_leaves_the_gui_thread():
    offences = []
    for folder in FOLDERS:
        for path in sorted(folder.rglob("*.py")):
            if path != SERVICE:
                offences += thread_offences(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert offences == []


def test_the_check_finds_each_way_out():
    samples = {
        "import threading\nthreading.Thread(target=print).start()": 2,
        "def f():\n    from concurrent.futures import ThreadPoolExecutor\n    return ThreadPoolExecutor()": 3,
        "from PySide6.QtCore import QThreadPool\nQThreadPool.globalInstance()": 2,
        "from PySide6 import QtCore\nQtCore.QThread()": 1,
        "import concurrent.futures as cf": 1,
        '"""A worker thread (QThread) is mentioned here only."""\nfrom desktop.ui.shell.tasks import service': 0,
    }
    for source, expected in samples.items():
        assert len(thread_offences(source)) == expected, source
    # the service itself is what the check exempts, and it does use an executor
    assert thread_offences(SERVICE.read_text(encoding="utf-8"))
