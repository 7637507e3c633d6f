"""Progress and cancelling for long core operations (DESIGN.md, convention 5).

A long operation takes `progress=` and calls it with real values - `progress(done, total, label)`,
where `label` is a `Text` (or None to keep the last one) - and calls `progress.check()` at the
points where stopping is safe (before a commit, between files). `check()` raises `Cancelled` once
someone asked to cancel; the operation's transaction rolls back on the way out, so a cancelled
operation leaves the store as it was.

Reports are throttled (at most one every `interval` seconds, plus the last one of a run), so a
loop may report every step without cost. The default, `NULL_PROGRESS`, reports nothing and never
cancels: the command line and existing callers work unchanged. Whoever shows the progress (the
GUI's task service, the command line on a terminal) passes a callback; this module knows no Qt.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable

from desktop.core.i18n import Text

Report = Callable[[int, int, "Text | None"], None]


class Cancelled(Exception):  # noqa: N818 (a state, not an error: nothing went wrong)
    """Someone asked to stop; raised by `Progress.check()` at a safe point. Not a UserError: the
    handlers that log refusals must let it pass. `partial` may carry what was done before."""

    def __init__(self, partial=None):
        super().__init__("cancelled")
        self.partial = partial


class Progress:
    """`report(done, total, label)` receives the throttled values; `cancel()` (from any thread)
    makes the next `check()` raise `Cancelled`."""

    def __init__(self, report: Report | None = None, *, interval: float = 0.1,
                 clock: Callable[[], float] = time.monotonic):
        self._report = report
        self._interval = interval
        self._clock = clock
        self._last = None          # when the last report went out
        self._cancel = threading.Event()
        self.done = 0
        self.total = 0
        self.label: Text | None = None

    def __call__(self, done: int, total: int | None = None, label: Text | None = None) -> None:
        self.done = done
        if total is not None:
            self.total = total
        changed_label = label is not None and label != self.label
        if label is not None:
            self.label = label
        if self._report is None:
            return
        now = self._clock()
        finished = self.total and done >= self.total
        if changed_label or finished or self._last is None or now - self._last >= self._interval:
            self._last = now
            self._report(self.done, self.total, self.label)

    def check(self) -> None:
        """At a safe point: stop here if cancelling was asked for."""
        if self._cancel.is_set():
            raise Cancelled()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()


class _NullProgress(Progress):
    def __call__(self, done: int, total: int | None = None, label: Text | None = None) -> None:
        pass  # shared by every caller: it keeps no figures

    def cancel(self) -> None:  # the shared null reporter is never cancelled
        pass


NULL_PROGRESS: Progress = _NullProgress()


def ensure(progress: Progress | None) -> Progress:
    """The progress to use: the one given, or the null one."""
    return NULL_PROGRESS if progress is None else progress


def for_terminal(stream=None) -> Progress:
    """For the command line: a one-line counter on stderr when it is a terminal, else nothing."""
    stream = stream or sys.stderr
    if not getattr(stream, "isatty", lambda: False)():
        return NULL_PROGRESS

    def report(done: int, total: int, label: Text | None) -> None:
        text = f"{label} " if label is not None else ""
        figure = f"{done}/{total}" if total else str(done)
        stream.write(f"\r{text}{figure}\x1b[K")
        if total and done >= total:
            stream.write("\n")
        stream.flush()

    return Progress(report, interval=0.2)
