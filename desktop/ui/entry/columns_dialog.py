"""Columns… on the records list: which columns it shows and which one it is sorted by.

One check box per column the form offers (the name and the ID number are always shown), then
the order: a column and whether it runs from the largest down. Keyboard: Tab through the boxes,
Space ticks, Enter accepts. The records page keeps the choice per form.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.core.entry import list_columns
from desktop.core.i18n import current_language


class ColumnsDialog(QDialog):
    def __init__(self, available, shown, sort, descending: bool, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Columns of the list"))
        self.available = list(available)
        language = current_language()
        shown_keys = {c.key for c in shown}
        self.boxes: dict[str, QCheckBox] = {}
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        inner = QWidget(area)
        grid = QGridLayout(inner)
        per_column = max(1, (len(self.available) + 2) // 3)
        for index, column in enumerate(self.available):
            box = QCheckBox(column.label.get(language), inner)
            box.setChecked(column.key in shown_keys or column.key in list_columns.FIXED)
            box.setEnabled(column.key not in list_columns.FIXED)
            self.boxes[column.key] = box
            grid.addWidget(box, index % per_column, index // per_column)
        area.setWidget(inner)
        self.sort_combo = QComboBox(self)
        self.sort_combo.addItem(self.tr("Newest change first"), None)
        for column in self.available:
            self.sort_combo.addItem(column.label.get(language), column.key)
        if sort is not None:
            self.sort_combo.setCurrentIndex(max(self.sort_combo.findData(sort.key), 0))
        self.descending_check = QCheckBox(self.tr("From the &largest (or latest) down"), self)
        self.descending_check.setChecked(descending)
        sort_label = QLabel(self.tr("&Sort by:"), self)
        sort_label.setBuddy(self.sort_combo)
        order = QHBoxLayout()
        order.addWidget(sort_label)
        order.addWidget(self.sort_combo, 1)
        order.addWidget(self.descending_check)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Show these columns:"), self))
        layout.addWidget(area, 1)
        layout.addLayout(order)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def chosen(self) -> list:
        """The ticked columns, in the form's order (the name and the ID first)."""
        keys = [c.key for c in self.available if self.boxes[c.key].isChecked()]
        return list_columns.by_key(self.available, keys)

    def sort(self) -> tuple:
        key = self.sort_combo.currentData()
        column = next((c for c in self.available if c.key == key), None)
        return column, self.descending_check.isChecked() and column is not None
