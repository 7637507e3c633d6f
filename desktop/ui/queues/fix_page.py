"""The find-and-fix page: the clerk's unfinished drafts, records with an open correction and
records saved with an overridden warning, each with why it is listed (desktop.core.entry.find_fix).

Keyboard only: the list has the cursor when the page is shown; Enter opens the row (a draft is
taken up where it was left, a record opens for editing). The window sends the clerk back here
after the record is saved. The page emits `openRecord(record_id)` and `openDraft(form_id, draft_key)`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.core.entry import find_fix
from desktop.core.i18n import current_language
from desktop.ui.queues.crosscheck_models import ROW_ROLE, QueueTableModel
from desktop.ui.queues.queue_page import queue_table
from desktop.ui.shell.empty_state import EmptyState
from desktop.ui.shell.formatting import short_time

DUPLICATE_COLOUR = QColor("#ffd8d8")


class FixTableModel(QueueTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.columns = [("kind", self.tr("What")), ("who", self.tr("Record")), ("when", self.tr("When")),
                        ("why", self.tr("Why it is listed"))]

    def kind_text(self, kind: str) -> str:
        return {"draft": self.tr("Unfinished draft"), "correction": self.tr("Open correction"),
                "override": self.tr("Warning overridden")}[kind]

    def _highlight(self, item: find_fix.FixItem) -> QColor | None:
        return DUPLICATE_COLOUR if item.duplicate_of else None

    def _display(self, item: find_fix.FixItem, key: str) -> str:
        if key == "kind":
            return self.kind_text(item.kind)
        if key == "who":
            return item.who or self.tr("(no name yet)")
        if key == "when":
            return short_time(item.when) if item.when else ""
        return item.why.get(current_language())


class FixPage(QWidget):
    openRecord = Signal(str)
    openDraft = Signal(str, str)   # form id, the draft's key (desktop.core.entry.drafts.Draft.key)

    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.items: list[find_fix.FixItem] = []
        self.model = FixTableModel(self)
        self.view = queue_table(self.model, self)
        self.view.setWordWrap(True)
        self.kind_combo = QComboBox(self)
        self.kind_combo.addItem(self.tr("Everything"), None)
        for kind in find_fix.KINDS:
            self.kind_combo.addItem(self.model.kind_text(kind), kind)
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._show())
        show_label = QLabel(self.tr("&Show:"), self)
        show_label.setBuddy(self.kind_combo)
        self.count_label = QLabel(self)
        self.count_label.setWordWrap(True)
        self.open_button = QPushButton(self.tr("&Open"), self)
        self.open_button.clicked.connect(self.open_selected)
        self.refresh_button = QPushButton(self.tr("R&efresh"), self)
        self.refresh_button.clicked.connect(self.refresh)

        top = QHBoxLayout()
        top.addWidget(show_label)
        top.addWidget(self.kind_combo)
        top.addWidget(self.count_label, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.view.activated.connect(lambda _index: self.open_selected())   # Enter or a double click
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.empty_state = EmptyState(self.view, lambda: self.tr(
            "Nothing to fix: no unfinished drafts, no open corrections and no overridden warnings."))
        self.refresh()

    def title(self) -> str:
        return self.tr("Find and fix")

    def refresh(self) -> None:
        self.items = find_fix.items(self.workspace)
        self._show()
        if self.isVisible():
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show(self) -> None:
        kind = self.kind_combo.currentData()
        shown = [item for item in self.items if kind is None or item.kind == kind]
        self.model.set_rows(shown)
        self.view.resizeRowsToContents()
        counts = find_fix.counts(self.items)
        self.count_label.setText(self.tr("Drafts: %1   Open corrections: %2   Warnings overridden: %3")
                                 .replace("%1", str(counts["draft"])).replace("%2", str(counts["correction"]))
                                 .replace("%3", str(counts["override"])))
        if shown:
            self.view.selectRow(0)
        self._update_buttons()

    def selected(self) -> find_fix.FixItem | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.data(rows[0], ROW_ROLE) if rows else None

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.selected() is not None)

    def open_selected(self) -> None:
        item = self.selected()
        if item is None:
            return
        if item.kind == "draft":
            self.openDraft.emit(item.form_id, item.draft_key or "")
        elif item.record_id:
            self.openRecord.emit(item.record_id)
