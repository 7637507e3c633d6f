"""The records list's item model: lazy pages of 200 rows over desktop.core.records.

Only the rows scrolled into view are ever read: the view asks `canFetchMore`/`fetchMore` as the
clerk scrolls, and each page is one indexed query (docs/CLIENT.md has the figures at 100,000
records). Each row is turned into display strings once, when its page is read, so painting
never touches the database or JSON. ID numbers are masked; the full number is shown only in
the opened record.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QRunnable, Qt, QThreadPool, Signal

from desktop.core import records
from desktop.ui.formatting import division_name, mask_id_number, short_time

PAGE_SIZE = 200
ROOT = QModelIndex()  # the default "parent" of a flat table
RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class RecordFilter:
    search: str = ""
    form_id: str | None = None
    status: str | None = None      # "draft", "complete", "deleted" or None for current records
    village: str | None = None
    date_from: str | None = None   # YYYY-MM-DD, inclusive, on the last change
    date_to: str | None = None

    def with_(self, **changes) -> RecordFilter:
        return replace(self, **changes)

    def query_args(self) -> dict:
        where, params = [], []
        if self.village:
            where.append("json_extract(data, '$.village') = ?")
            params.append(self.village)
        if self.date_from:
            where.append("updated_at >= ?")
            params.append(self.date_from)
        if self.date_to:
            where.append("updated_at < ?")
            params.append(self.date_to + "\uffff")  # every time stamp of that day sorts below
        if self.status == "deleted":
            where.append("deleted = 1")
        return {"form_id": self.form_id, "search": self.search or None,
                "status": self.status if self.status in records.STATUSES else None,
                "include_deleted": self.status == "deleted",
                "where": " AND ".join(where), "params": params}


class _CountSignals(QObject):
    counted = Signal(int, int)   # generation, total


class _CountJob(QRunnable):
    """Counts the matches on a worker thread, in its own read-only connection."""

    def __init__(self, db_path, args: dict, generation: int, signals: _CountSignals):
        super().__init__()
        self.db_path, self.args, self.generation, self.signals = db_path, args, generation, signals

    def run(self) -> None:
        from desktop.core.db import connect

        db = connect(self.db_path, readonly=True)
        try:
            total = records.count(db, **self.args)
        finally:
            db.conn.close()
        try:
            self.signals.counted.emit(self.generation, total)
        except RuntimeError:  # the list was closed while counting: nobody is waiting
            pass


class RecordsModel(QAbstractTableModel):
    """With `count_db_path`, a full first page is shown at once and the total is counted on a
    worker thread (`totalChanged` when known): a search then costs one pass over the index, not
    two. Without it (tests, small lists) the total is counted before the page is shown."""

    COLUMN_COUNT = 6
    totalChanged = Signal()

    def __init__(self, db, parent=None, count_db_path=None, divisions=None):
        super().__init__(parent)
        self._db = db
        self._divisions = divisions   # the installation's village names (the county's list if received)
        self._count_db_path = count_db_path
        self._filter = RecordFilter()
        self._rows: list[tuple] = []
        self._total: int | None = 0
        self._generation = 0
        self._signals = _CountSignals(self)
        self._signals.counted.connect(self._counted)

    # -- loading -------------------------------------------------------------------------------
    def set_filter(self, record_filter: RecordFilter) -> None:
        self.beginResetModel()
        self._filter = record_filter
        self._generation += 1
        self._rows = self._read_page(0)
        if len(self._rows) < PAGE_SIZE:
            self._total = len(self._rows)      # the page holds every match: nothing to count
        elif self._count_db_path is None:
            self._total = records.count(self._db, **record_filter.query_args())
        else:
            self._total = None
            QThreadPool.globalInstance().start(_CountJob(self._count_db_path, record_filter.query_args(),
                                                         self._generation, self._signals))
        self.endResetModel()
        self.totalChanged.emit()

    def _counted(self, generation: int, total: int) -> None:
        if generation == self._generation:    # an answer for an older filter is dropped
            self._total = max(total, len(self._rows))
            self.totalChanged.emit()

    def total_known(self) -> bool:
        return self._total is not None

    def reload(self) -> None:
        self.set_filter(self._filter)

    @property
    def record_filter(self) -> RecordFilter:
        return self._filter

    def total(self) -> int:
        """The number of matches; while it is being counted, the rows read so far."""
        return len(self._rows) if self._total is None else self._total

    def _read_page(self, offset: int) -> list[tuple]:
        found = records.query(self._db, limit=PAGE_SIZE, offset=offset, **self._filter.query_args())
        return [self._display_row(record) for record in found]

    def _display_row(self, record: records.Record) -> tuple:
        values = record.values
        sex = {"1": self.tr("Male"), "2": self.tr("Female")}.get(str(values.get("sex", "")), "")
        if record.deleted:
            status = self.tr("Deleted")
        else:
            status = self.tr("Complete") if record.status == "complete" else self.tr("Draft")
        name = str(values.get("name") or values.get("holder_name") or values.get("asset_tag") or "")
        return (record.id, name, mask_id_number(values.get("id_number", "")), sex,
                division_name(values.get("village"), self._divisions), status, short_time(record.updated_at))

    def canFetchMore(self, parent=ROOT) -> bool:
        if parent.isValid():
            return False
        if self._total is None:
            return len(self._rows) % PAGE_SIZE == 0 and bool(self._rows)
        return len(self._rows) < self._total

    def fetchMore(self, parent=ROOT) -> None:
        if parent.isValid():
            return
        more = self._read_page(len(self._rows))
        if len(more) < PAGE_SIZE and self._total is None:
            self._total = len(self._rows) + len(more)
        if not more:
            self._total = len(self._rows)  # records vanished under us: stop asking
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    # -- the model interface -------------------------------------------------------------------
    def rowCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row[index.column() + 1]
        if role == RECORD_ID_ROLE:
            return row[0]
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        titles = (self.tr("Name"), self.tr("ID number"), self.tr("Sex"), self.tr("Village"),
                  self.tr("Status"), self.tr("Updated"))
        return titles[section] if 0 <= section < len(titles) else None

    def record_id(self, row: int) -> str | None:
        return self._rows[row][0] if 0 <= row < len(self._rows) else None
