"""The county's table of townships: key state, last bundle and import, gaps, refused bundles, a
pending resync or rejoin.

One row per township of the county's code list (desktop.core.sync.status.county_townships); the
whole list is small (a county has a few dozen townships), so it is read at once on refresh.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from desktop.core.codelists import codelists_divisions
from desktop.core.i18n import current_language
from desktop.core.sync import status
from desktop.ui.shell.formatting import short_time
from desktop.ui.shell.rows_model import RowsTableModel

WARN = QColor("#b71c1c")


class CountyTownshipsModel(RowsTableModel):
    COLUMNS = ("township", "key", "last_sequence", "last_import", "gaps", "refused_bundles", "refused_records",
               "recovery")

    def __init__(self, db, parent=None, paths=None):
        super().__init__(parent)
        self.db = db
        self.paths = paths   # the data folder: the county's received divisions list, when it has one
        self.rows: list[status.TownshipAtCounty] = []
        self.headers = [self.tr("Township"), self.tr("Key"), self.tr("Last bundle"), self.tr("Last import"),
                        self.tr("Gaps"), self.tr("Refused bundles"), self.tr("Refused records"), self.tr("Recovery")]
        self.key_states = {"enrolled": self.tr("enrolled"), "revoked": self.tr("revoked"),
                           "not-enrolled": self.tr("not enrolled")}

    def reload(self) -> None:
        self.beginResetModel()
        self.rows = status.county_townships(self.db, divisions=codelists_divisions.for_data_dir(self.paths))
        self.endResetModel()

    def row(self, index: int) -> status.TownshipAtCounty | None:
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        item = self.rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "key" and item.fingerprint:
                return item.fingerprint
            if column == "refused_bundles" and item.last_refusal:
                return self.tr("Latest refusal: %1").replace("%1", item.last_refusal)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            warn = (column == "key" and item.key_state == "revoked") or \
                   (column in ("gaps", "refused_bundles", "refused_records",
               "recovery") and self._display(item, column) not in ("", "0"))
            return QBrush(WARN) if warn else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column not in ("township", "key", "gaps", "recovery"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return item.code
        return None

    def _display(self, item: status.TownshipAtCounty, column: str) -> str:
        if column == "township":
            return f"{item.code} {item.name_zh if current_language() == 'zh' else item.name_en}"
        if column == "key":
            return self.key_states[item.key_state]
        if column == "last_sequence":
            return str(item.last_sequence) if item.last_sequence else "—"
        if column == "last_import":
            return short_time(item.last_import_at) or "—"
        if column == "gaps":
            return ", ".join(str(first) if first == last else f"{first}–{last}" for first, last in item.gaps)
        if column == "refused_bundles":
            return str(item.refused_bundles)
        if column == "recovery":
            return self._recovery(item.recovery)
        return str(item.refused_records)

    def _recovery(self, recovery: dict | None) -> str:
        if not recovery:
            return ""
        if recovery["state"] == "rejoin-requested":
            return self.tr("rejoin requested (bundle %1)").replace("%1", str(recovery["sequence"]))
        if recovery["state"] == "rejoin-offered":
            return self.tr("rejoin sent (bundle %1), waiting").replace("%1", str(recovery["sequence"]))
        return self.tr("resync asked from row %1").replace("%1", str(recovery["from_seq"]))
