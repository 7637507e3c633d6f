"""A flat table model that reads its rows a page at a time (the records list, the audit trail).

The view asks `canFetchMore`/`fetchMore` as the clerk scrolls; each page is one query. A row is a
tuple `(key, *display strings)`, made once when its page is read, so painting never touches the
database: column n shows `row[n + 1]`, and KEY_ROLE gives `row[0]`. A subclass reads a page
(`_read_page`), says whether more may follow (`_more_to_read`, updated in `_page_read`) and
names its columns (`_column_titles`, where its own `tr()` calls stay).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

PAGE_SIZE = 200
ROOT = QModelIndex()  # the default "parent" of a flat table
KEY_ROLE = Qt.ItemDataRole.UserRole + 1


class PagedTableModel(QAbstractTableModel):
    COLUMN_COUNT = 0

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[tuple] = []

    # -- what a subclass provides --------------------------------------------------------------
    def _read_page(self, offset: int) -> list[tuple]:
        raise NotImplementedError

    def _more_to_read(self) -> bool:
        raise NotImplementedError

    def _page_read(self, page: list[tuple]) -> None:
        """Bookkeeping after a further page was read, before its rows are added."""

    def _column_titles(self) -> tuple[str, ...]:
        raise NotImplementedError

    def _other_data(self, row: tuple, column: int, role):
        """Roles beyond the display text and the key (a tooltip, say)."""
        return None

    # -- lazy loading --------------------------------------------------------------------------
    def canFetchMore(self, parent=ROOT) -> bool:
        return not parent.isValid() and self._more_to_read()

    def fetchMore(self, parent=ROOT) -> None:
        if not self.canFetchMore(parent):
            return
        more = self._read_page(len(self._rows))
        self._page_read(more)
        if not more:
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
        if role == KEY_ROLE:
            return row[0]
        return self._other_data(row, index.column(), role)

    def display_text(self, row: int, column: int) -> str | None:
        """The text of a cell, read from the row without a call through Qt (the delegate's)."""
        if not 0 <= row < len(self._rows):
            return None
        cells = self._rows[row]
        return cells[column + 1] if 0 <= column < len(cells) - 1 else None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        titles = self._column_titles()
        return titles[section] if 0 <= section < len(titles) else None
