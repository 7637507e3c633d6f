"""Child process of the start-up benchmark: a start straight to the main window taking input.

Run as `python tests/bench/startup_probe.py DATA_DIR` with TOWNSHIP_EXIT_WHEN_READY=1; prints
desktop.startup.phases's ready line (seconds since process start, resident memory) and quits.

The app itself shows the sign-in dialog first (that start is measured by running `township`);
this probe measures what a signed-in clerk waits for after it, in one go: open the installation,
create the QApplication, build the main window with `desktop.ui.shell.app.build_main_window_for_bench`
(its first page, data entry, with its form). An empty QMainWindow stands in where the GUI does
not offer that function, and the probe says so on stderr.
"""

from __future__ import annotations

import sys


def main(data_dir: str) -> int:
    from desktop.core.workspace.workspace import Workspace
    from desktop.startup import phases

    workspace = Workspace.open(data_dir)
    workspace.clerk, workspace.clerk_role = "王丽", "admin"

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv)
    try:
        from desktop.ui.shell.app import build_main_window_for_bench
    except ImportError:
        build_main_window_for_bench = None
    if build_main_window_for_bench is not None:
        window, kind = build_main_window_for_bench(workspace), "main-window"
    else:
        window, kind = QMainWindow(), "stand-in-window"
    print(f"PROBE_WINDOW {kind}", file=sys.stderr, flush=True)
    window.resize(1024, 700)
    window.show()

    def ready():
        if phases.ready():
            app.quit()

    try:
        from desktop.startup.first_paint import on_first_paint
    except ImportError:
        QTimer.singleShot(0, ready)
    else:
        on_first_paint(window, ready)
    code = app.exec()
    workspace.close()
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
