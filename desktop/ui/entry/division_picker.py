"""Picking a township or county from the code list by code, Chinese name, English name or pinyin
initials ("psz" finds 平舒镇): a search box over a filtered list.

A county is picked from all of the province's; a township from its county's, chosen first in a
box above the list (the default list's county to start with), so the list stays short and
initials find one township rather than six of the province.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.codelists import codelists_divisions
from desktop.core.i18n import current_language
from desktop.core.store.search import pinyin_full, pinyin_initials

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2


def division_label(division, lang: str) -> str:
    name = division.name(lang)
    return f"{name}（{division.code}）" if lang == "zh" else f"{name} ({division.code})"


class DivisionPicker(QWidget):
    codeChosen = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.source = QStandardItemModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.source)
        self.proxy.setFilterRole(SEARCH_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.county_combo = QComboBox(self)   # a township's county; shown for the township level
        self.county_combo.setAccessibleName(self.tr("County"))
        self.county_combo.setVisible(False)
        self.county_label = QLabel(self.tr("County:"), self)
        self.county_label.setBuddy(self.county_combo)
        self.county_label.setVisible(False)
        self.county_combo.currentIndexChanged.connect(lambda _index: self._fill(self._level))
        self._level = ""
        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(self.tr("Type a code, a name or pinyin initials (e.g. psz)"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._filter)
        self.search_edit.returnPressed.connect(self._choose_first)
        self.list_view = QListView(self)
        self.list_view.setModel(self.proxy)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.selectionModel().currentChanged.connect(
            lambda current, _previous: self.codeChosen.emit(self.selected_code() or ""))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        county_row = QHBoxLayout()
        county_row.addWidget(self.county_label)
        county_row.addWidget(self.county_combo, 1)
        layout.addLayout(county_row)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.list_view, 1)
        self.setFocusProxy(self.search_edit)

    def set_level(self, level: str) -> None:
        """Show the divisions of one level: "township" (of the county in the box) or "county"."""
        township = level == "township"
        if township and not self.county_combo.count():
            lang = current_language()
            self.county_combo.blockSignals(True)   # filled once; the list is filled below
            for division in codelists_divisions.counties():
                self.county_combo.addItem(division_label(division, lang), division.code)
            self.county_combo.setCurrentIndex(max(0, self.county_combo.findData(codelists_divisions.default_county())))
            self.county_combo.blockSignals(False)
        self.county_combo.setVisible(township)
        self.county_label.setVisible(township)
        self._fill(level)

    def set_county(self, code: str) -> bool:
        """Choose the county whose townships are listed; False if it is not in the box."""
        index = self.county_combo.findData(code)
        if index >= 0:
            self.county_combo.setCurrentIndex(index)
        return index >= 0

    def _fill(self, level: str) -> None:
        self._level = level
        lang = current_language()
        self.source.clear()
        if level == "county":
            divisions = codelists_divisions.counties()
        else:
            divisions = codelists_divisions.children(self.county_combo.currentData() or "", level)
        for division in divisions:
            item = QStandardItem(division_label(division, lang))
            item.setData(division.code, CODE_ROLE)
            item.setData(" ".join([division.code, division.name_zh, division.name_en.lower(),
                                   pinyin_initials(division.name_zh), pinyin_full(division.name_zh)]),
                         SEARCH_ROLE)
            self.source.appendRow(item)
        self._filter(self.search_edit.text())

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if self.proxy.rowCount() == 1:
            self._choose_first()

    def _choose_first(self) -> None:
        if self.proxy.rowCount():
            self.list_view.setCurrentIndex(self.proxy.index(0, 0))

    def selected_code(self) -> str | None:
        index = self.list_view.currentIndex()
        return index.data(CODE_ROLE) if index.isValid() else None

    def select_code(self, code: str) -> bool:
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(CODE_ROLE) == code:
                self.list_view.setCurrentIndex(self.proxy.index(row, 0))
                return True
        return False
