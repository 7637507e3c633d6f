"""What the two queue pages (cross-checks, corrections) share: a read-only table of one row per
item, and opening an item's dialog without blocking, refreshing the page when it is accepted."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget


def queue_table(model, parent) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(False)   # the reminder and open-task colours must stand out
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class QueuePage(QWidget):
    changed = Signal()   # an item was raised, answered or decided here

    def __init__(self, parent=None):
        super().__init__(parent)
        self.dialog = None

    def refresh(self) -> None:
        raise NotImplementedError

    def _open_dialog(self, dialog):
        """Show `dialog` (non-blocking); the queue refreshes when it is accepted."""
        self.dialog = dialog
        self.dialog.accepted.connect(self._done)
        self.dialog.open()
        return self.dialog

    def _done(self) -> None:
        self.refresh()
        self.changed.emit()
