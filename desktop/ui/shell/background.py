"""Running long work off the GUI thread, with a progress dialog only after ~600 ms.

Quick work never flashes a dialog (Anki's rule). The work gets no Qt objects and should open its
own database connection (desktop.core.store.db.connect(..., readonly=True)): the GUI thread keeps
using the workspace's connection meanwhile.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog

log = logging.getLogger("township.ui")
PROGRESS_DELAY_MS = 600


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work):
        super().__init__()
        self.work = work
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as error:  # handed to the GUI thread, which decides how to show it
            self.signals.failed.emit(error)
        else:
            self.signals.finished.emit(result)


def run_in_background(parent, label: str, work, on_done, on_error) -> _Job:
    """Run `work()` on the thread pool; `on_done(result)` / `on_error(exc)` run on the GUI thread."""
    progress = QProgressDialog(label, "", 0, 0, parent)
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    progress.reset()
    timer = QTimer(progress)
    timer.setSingleShot(True)
    timer.timeout.connect(progress.show)
    job = _Job(work)

    def finish(callback, value):
        timer.stop()
        progress.close()
        progress.deleteLater()
        callback(value)

    job.signals.finished.connect(lambda result: finish(on_done, result))
    job.signals.failed.connect(lambda error: finish(on_error, error))
    job.setAutoDelete(False)
    parent._background_job = job  # keep the job (and its signals) alive until it reports
    timer.start(PROGRESS_DELAY_MS)
    QThreadPool.globalInstance().start(job)
    return job
