"""The baseline of the start-up benchmark: a bare PySide6 window, frozen the same way as the app.

It shows an empty QMainWindow and, once the window has first been painted, prints the same ready
line the app prints (desktop.startup.phases.READY_MARKER) and quits - the same moment the app
reports (desktop.startup.first_paint: a zero timer posted from the first paint event). Self-contained on purpose: it must
not import the app.
"""

import os
import sys
import time

START = time.perf_counter()


def rss_bytes() -> int:
    try:
        with open("/proc/self/statm", "rb") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


def main() -> int:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv)
    window = QMainWindow()
    window.resize(1024, 700)

    def ready():
        print(f"TOWNSHIP_READY {time.perf_counter() - START:.4f} {rss_bytes()}", file=sys.stderr, flush=True)
        app.quit()

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, ready)
            return False

    first_paint = FirstPaint(window)
    window.installEventFilter(first_paint)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
