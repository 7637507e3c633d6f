"""When a window has first been painted: the moment its start is over for the person at the PC.

`on_first_paint(window, callback)` calls `callback` once, from the event loop, after the
window's first paint has gone to the screen (the paint events of one update run together, and
a zero timer posted from the first runs after them and the flush). A window shown but not yet
painted is a blank rectangle, so start-up is measured to here, and the work that follows the
first window (opening the store behind the sign-in card, the warm-up) waits for it. Should no
paint come within `fallback_ms` (a window hidden at once), the callback runs all the same.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer


class _FirstPaint(QObject):
    def __init__(self, window, callback: Callable[[], None], fallback_ms: int):
        super().__init__(window)
        self.callback = callback
        self.done = False
        window.installEventFilter(self)
        QTimer.singleShot(fallback_ms, self._fire)

    def eventFilter(self, watched, event) -> bool:   # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._fire)
        return False

    def _fire(self) -> None:
        if not self.done:
            self.done = True
            self.callback()


def on_first_paint(window, callback: Callable[[], None], fallback_ms: int = 2000) -> None:
    _FirstPaint(window, callback, fallback_ms)
