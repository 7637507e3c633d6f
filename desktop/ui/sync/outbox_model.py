"""The network outbox as a table: each bundle this installation wrote, its state (queued, sent,
acknowledged), when, and why the last try did not go through. Read from desktop.core.sync.outbox;
the newest 200 bundles, read at once on refresh (a township writes one bundle a day or so)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from desktop.core.sync import outbox
from desktop.ui.shell.formatting import short_time
from desktop.ui.shell.rows_model import RowsTableModel

COLOURS = {outbox.QUEUED: QColor("#8a5a00"), outbox.SENT: QColor("#0d47a1"), outbox.ACKNOWLEDGED: QColor("#1b5e20")}


class OutboxModel(RowsTableModel):
    COLUMNS = ("bundle", "state", "queued", "sent", "acknowledged", "note")

    def __init__(self, db, parent=None):
        super().__init__(parent)
        self.db = db
        self.rows: list[outbox.Entry] = []
        self.headers = [self.tr("Bundle"), self.tr("State"), self.tr("Written"), self.tr("Sent"),
                        self.tr("Acknowledged"), self.tr("Last try")]
        self.states = {outbox.QUEUED: self.tr("queued"), outbox.SENT: self.tr("sent"),
                       outbox.ACKNOWLEDGED: self.tr("acknowledged")}

    def reload(self) -> None:
        self.beginResetModel()
        self.rows = outbox.entries(self.db)
        self.endResetModel()

    def state_text(self, state: str) -> str:
        return self.states.get(state, state)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        entry = self.rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "bundle":
                return entry.file_name
            if column == "state":
                return self.state_text(entry.state)
            if column == "queued":
                return short_time(entry.queued_at)
            if column == "sent":
                return short_time(entry.sent_at) if entry.sent_at else ""
            if column == "acknowledged":
                return short_time(entry.acked_at) if entry.acked_at else ""
            if column == "note":
                reason = outbox.error_text(entry) if entry.state == outbox.QUEUED else None
                return str(reason) if reason else ""
        if role == Qt.ItemDataRole.ForegroundRole and column == "state":
            return QBrush(COLOURS.get(entry.state, QColor("black")))
        if role == Qt.ItemDataRole.ToolTipRole and column == "note" and entry.last_error:
            return str(outbox.error_text(entry))
        return None
