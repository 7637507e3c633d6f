"""The one way to leave the GUI thread: run work on a worker, show progress, route failures.

In Anki's manner (aqt/taskman.py, aqt/operations, aqt/progress.py):

- `service().run(work, ...)` runs `work(progress)` on a worker thread. Work that touches the store
  runs on one store worker, one task after another (`uses_store=True`, the default); other work
  (looking at drives, counting in a read-only connection, warming up) runs beside it. The work
  gets no Qt objects and opens its own database connection.
- `progress` is a desktop.core.progress.Progress: the core reports real values into it and checks
  it for cancelling at its safe points. A progress dialog appears only once the work has run for
  PROGRESS_DELAY_MS (quick work never flashes a dialog), with the values the core reports, and a
  Cancel button when the caller says cancelling is safe (`cancellable=True`).
- When the work is done, on the GUI thread: `on_done(value)`; if the work returned `Done(value,
  changed)`, or the caller named `changed=`, the service's `changed(frozenset)` signal says what
  changed, and the window refreshes its pages from it. `Cancelled` goes to `on_cancelled(partial)`.
  A UserError goes to `on_failed(error)` when given, else to a message box in the clerk's language
  (and to the log); any other exception is a bug: the log with its traceback and the crash dialog
  (sys.excepthook, installed by desktop.ui.shell.app.install_crash_handler).
- `finally_` runs after any of those (a page re-enables its buttons there).
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop.core.errors import UserError
from desktop.core.progress import Cancelled, Progress

if TYPE_CHECKING:
    from concurrent.futures import Future

log = logging.getLogger("township.ui")
PROGRESS_DELAY_MS = 600
BAR_LIMIT = 2**31 - 1           # QProgressBar holds ints: larger totals (bytes) are scaled


@dataclass(frozen=True)
class Done:
    """What a task returns to say what it changed: `value` goes to `on_done`, `changed` names the
    areas ("records", "sync", "corrections", "backups", ...) whose pages should refresh."""

    value: object = None
    changed: frozenset[str] = frozenset()


class ProgressDialog(QDialog):
    """A label, a bar with the reported values, and Cancel when cancelling is safe."""

    cancelRequested = Signal()

    def __init__(self, label: str, cancellable: bool, parent: QWidget | None = None):
        super().__init__(parent)
        from PySide6.QtCore import Qt  # not at import: the first windows never build the Qt namespace

        self.setWindowTitle(self.tr("Township Desk"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.label = QLabel(label, self)
        self.label.setWordWrap(True)
        self.label.setMinimumWidth(360)
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)              # busy until the first values arrive
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setVisible(cancellable)
        self.cancel_button.clicked.connect(self._cancel)
        self.cancellable = cancellable
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.detail)
        layout.addWidget(self.bar)
        layout.addLayout(row)

    def set_values(self, done: int, total: int, detail: str) -> None:
        if total > BAR_LIMIT:
            done, total = done * 1000 // total, 1000
        self.bar.setRange(0, max(total, 0))
        if total:
            self.bar.setValue(min(done, total))
        self.detail.setText(detail)

    def _cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        self.detail.setText(self.tr("Cancelling… the work stops at the next safe point."))
        self.cancelRequested.emit()

    def reject(self) -> None:  # Escape or the window's close button
        if self.cancellable and self.cancel_button.isEnabled():
            self._cancel()


class Task:
    """A running task: its core `progress` (cancel() from the GUI), its future, its dialog."""

    def __init__(self, label: str, progress: Progress, cancellable: bool):
        self.label = label
        self.progress = progress
        self.cancellable = cancellable
        self.future: Future | None = None
        self.dialog: ProgressDialog | None = None
        self.timer: QTimer | None = None
        self.finished = False
        self.started_at = time.monotonic()
        self.shown_at: float | None = None     # when the dialog appeared, if it did
        self.uses_store = True                 # False: work that never opens the store (a drive scan)

    def cancel(self) -> None:
        if self.cancellable:
            self.progress.cancel()


class TaskService(QObject):
    """One per application (`service()`)."""

    changed = Signal(object)        # frozenset of areas whose pages should refresh
    _deliver = Signal(object)       # a closure for the GUI thread
    _progressed = Signal(object, int, int, object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        from concurrent.futures import ThreadPoolExecutor  # not at start-up: made when first work runs

        self._store = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store-task")
        self._others = ThreadPoolExecutor(max_workers=4, thread_name_prefix="task")
        self._deliver.connect(self._run_closure)
        self._progressed.connect(self._show_progress)
        self.running: list[Task] = []
        self.message_box: QMessageBox | None = None    # the last failure shown (tests read it)

    # -- running -------------------------------------------------------------------------------
    def run(self, work: Callable[[Progress], object], *, parent: QWidget | None = None, label: str = "",
            on_done: Callable[[object], None] | None = None,
            on_failed: Callable[[UserError], None] | None = None,
            on_cancelled: Callable[[object], None] | None = None,
            finally_: Callable[[], None] | None = None,
            changed: Iterable[str] = (), cancellable: bool = False, uses_store: bool = True,
            quiet: bool = False) -> Task:
        """Run `work(progress)` off the GUI thread; the callbacks run on the GUI thread (and not
        at all when `parent` was deleted meanwhile). `quiet` work never shows a dialog."""
        task = Task(label, Progress(lambda done, total, text: self._progressed.emit(task, done, total, text)),
                    cancellable)
        if not quiet:
            task.timer = QTimer(self)
            task.timer.setSingleShot(True)
            from PySide6.QtCore import Qt

            task.timer.setTimerType(Qt.TimerType.PreciseTimer)   # a coarse one may fire 5 % early
            task.timer.timeout.connect(lambda: self._show_dialog(task, parent))
            task.timer.start(PROGRESS_DELAY_MS)
        task.uses_store = uses_store
        self.running.append(task)

        def finish(outcome: str, value) -> None:
            self._finish(task, parent, outcome, value, on_done, on_failed, on_cancelled, finally_,
                         frozenset(changed))

        def job():
            try:
                value = work(task.progress)
            except Cancelled as stop:
                self._deliver.emit(lambda partial=stop.partial: finish("cancelled", partial))
            except BaseException as error:  # handed to the GUI thread, which routes it
                self._deliver.emit(lambda error=error: finish("failed", error))
            else:
                self._deliver.emit(lambda: finish("done", value))

        task.future = (self._store if uses_store else self._others).submit(job)
        return task

    def _run_closure(self, closure) -> None:
        closure()

    def _show_dialog(self, task: Task, parent) -> None:
        if task.finished or (parent is not None and not isValid(parent)):
            return
        task.dialog = ProgressDialog(task.label, task.cancellable, parent)
        task.dialog.cancelRequested.connect(task.cancel)
        progress = task.progress
        if progress.total or progress.done:
            task.dialog.set_values(progress.done, progress.total, self._text(progress.label))
        task.dialog.show()
        task.shown_at = time.monotonic()

    def _show_progress(self, task: Task, done: int, total: int, label) -> None:
        if task.dialog is not None and not task.finished and not task.progress.cancel_requested:
            task.dialog.set_values(done, total, self._text(label))

    @staticmethod
    def _text(label) -> str:
        return "" if label is None else str(label)

    def _finish(self, task: Task, parent, outcome: str, value, on_done, on_failed, on_cancelled, finally_,
                changed: frozenset) -> None:
        task.finished = True
        if task in self.running:
            self.running.remove(task)
        if task.timer is not None:
            task.timer.stop()
            task.timer.deleteLater()
        if task.dialog is not None:
            task.dialog.hide()
            task.dialog.deleteLater()
            task.dialog = None
        alive = parent is None or isValid(parent)
        try:
            if outcome == "done":
                if isinstance(value, Done):
                    changed, value = changed | value.changed, value.value
                if alive and on_done is not None:
                    on_done(value)
                if changed:
                    self.changed.emit(changed)
            elif outcome == "cancelled":
                log.info("%s: cancelled", task.label or "a task")
                if alive and on_cancelled is not None:
                    on_cancelled(value)
            elif isinstance(value, UserError):
                log.info("%s: %s", task.label or "a task", value.text.en)  # the clerk is told; not a fault
                if alive and on_failed is not None:
                    on_failed(value)
                else:
                    self.show_user_error(parent if alive else None, value)
            else:
                report_bug(value)
        finally:
            if alive and finally_ is not None:
                finally_()

    # -- failures ------------------------------------------------------------------------------
    def show_user_error(self, parent, error: UserError) -> None:
        """A UserError's text in the clerk's language, in a message box that does not block."""
        from PySide6.QtCore import Qt
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Township Desk"), str(error.text),
                          QMessageBox.StandardButton.Ok, parent)
        box.button(QMessageBox.StandardButton.Ok).setText(self.tr("OK"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.message_box = box
        box.open()

    # -- ending --------------------------------------------------------------------------------
    def store_busy(self) -> bool:
        """True while a task that may use the store runs (the idle lock keeps the store open then)."""
        return any(task.uses_store for task in self.running)

    def wait_idle(self) -> None:
        """Let every running task's work end (before the database file is replaced)."""
        for task in list(self.running):
            if task.future is not None:
                task.future.exception()

    def shutdown(self) -> None:
        """At exit: cancel what can be cancelled and wait for the workers."""
        for task in list(self.running):
            task.cancel()
        self._store.shutdown(wait=True, cancel_futures=True)
        self._others.shutdown(wait=True, cancel_futures=True)


def report_bug(error: BaseException) -> None:
    """A bug from a worker: through the crash handler (the log with the traceback, then the crash
    dialog saying where the log is), as if it had escaped a slot on the GUI thread."""
    if sys.excepthook is sys.__excepthook__:   # no crash handler installed (a test, a tool): log it here
        log.error("unexpected error in a task", exc_info=(type(error), error, error.__traceback__))
        return
    sys.excepthook(type(error), error, error.__traceback__)


_service: TaskService | None = None


def service() -> TaskService:
    """The application's task service, made when first asked for."""
    global _service
    if _service is None or not isValid(_service):
        _service = TaskService(QCoreApplication.instance())
    return _service


def shutdown() -> None:
    """At exit: end the service's workers, if it was ever made."""
    if _service is not None and isValid(_service):
        _service.shutdown()
