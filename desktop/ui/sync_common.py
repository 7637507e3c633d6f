"""Pieces both sync pages use: running sync work on a worker thread with its own database
connection, and a result panel that lists what happened to each file (with the reason for every
refusal) and says plainly when a stick is safe to remove."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QListWidget, QListWidgetItem, QStyle, QVBoxLayout

from desktop.core.db import connect
from desktop.ui.background import run_in_background
from desktop.ui.messages import error_text

OK_STYLE = "QLabel { color: #1b5e20; font-weight: bold; }"
ERROR_STYLE = "QLabel { color: #b71c1c; font-weight: bold; }"


def run_sync_work(page, label: str, work, on_done, on_error) -> None:
    """`work(db, paths)` on the thread pool with its own connection; the GUI keeps its own."""
    paths = page.workspace.paths

    def job():
        db = connect(paths.db_path)
        try:
            return work(db, paths)
        finally:
            db.conn.close()

    page.busy = True
    page.update_actions()

    def finish(callback, value):
        page.busy = False
        try:
            callback(value)
        finally:
            page.refresh()

    run_in_background(page, label, job, lambda result: finish(on_done, result),
                      lambda error: finish(on_error, error))


class ResultPanel(QGroupBox):
    """The outcome of the last sync action: a headline and one line per file. Before any action
    the page may show the next step here instead (`show_next_step`)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Result of the last action"))
        self.headline = QLabel(self)
        self.headline.setWordWrap(True)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QListWidget(self)
        self.details.setWordWrap(True)
        self.details.setAlternatingRowColors(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.details, 1)
        self.clear()

    def clear(self) -> None:
        self.idle = True
        self.setTitle(self.tr("Result of the last action"))
        self.headline.setStyleSheet("")
        self.headline.setText(self.tr("Nothing done yet in this session."))
        self.details.clear()

    def show_next_step(self, text: str) -> None:
        """What to do next, while no action has been done in this session."""
        if self.idle:
            self.setTitle(self.tr("Next step"))
            self.headline.setText(text)

    def _done(self) -> None:
        self.idle = False
        self.setTitle(self.tr("Result of the last action"))

    def show_ok(self, headline: str, lines=()) -> None:
        self._done()
        self.headline.setStyleSheet(OK_STYLE)
        self.headline.setText(headline)
        self._fill(lines)

    def show_error(self, headline: str, lines=()) -> None:
        self._done()
        self.headline.setStyleSheet(ERROR_STYLE)
        self.headline.setText(headline)
        self._fill(lines)

    def show_failure(self, error: Exception) -> None:
        self.show_error(error_text(error))

    def show_outcomes(self, headline: str, outcomes) -> None:
        """Per file: applied / already imported / refused with its reason (from the core)."""
        refused = [o for o in outcomes if not o.ok]
        (self.show_error if refused else self.show_ok)(headline)
        style = self.style()
        for outcome in outcomes:
            item = QListWidgetItem(str(outcome.describe()))
            icon = QStyle.StandardPixmap.SP_DialogApplyButton if outcome.ok else QStyle.StandardPixmap.SP_MessageBoxWarning
            item.setIcon(style.standardIcon(icon))
            item.setData(Qt.ItemDataRole.UserRole, outcome.outcome)
            self.details.addItem(item)

    def _fill(self, lines) -> None:
        self.details.clear()
        for line in lines:
            self.details.addItem(str(line))

    def lines(self) -> list[str]:
        return [self.details.item(i).text() for i in range(self.details.count())]
