"""The audit-trail viewer: filter by record, clerk and date; old → new values; chain check on demand."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.entry.field_names import FieldNames
from desktop.core.store import audit, records
from desktop.core.store.db import connect
from desktop.core.workspace import accounts
from desktop.ui.admin.audit_model import AuditFilter, AuditModel
from desktop.ui.shell.formatting import counted
from desktop.ui.shell.messages import error_text
from desktop.ui.shell.tasks import service


def verify_in_own_connection(db_path, progress=None) -> tuple[int, list]:
    """Runs on a worker thread: its own read-only connection, so the GUI keeps the main one;
    `progress` hears the rows checked."""
    db = connect(db_path, readonly=True)
    try:
        return audit.head(db)[0], audit.verify_chain(db, progress=progress)
    finally:
        db.conn.close()


class AuditPage(QWidget):
    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.model = AuditModel(workspace.db, self, names=FieldNames(workspace))

        self.record_edit = QLineEdit(self)
        self.record_edit.setPlaceholderText(self.tr("Record number"))
        self.record_edit.setClearButtonEnabled(True)
        self.record_edit.editingFinished.connect(self.apply_filter)
        self.clerk_combo = QComboBox(self)
        self.clerk_combo.addItem(self.tr("All clerks"), None)
        for name, _role in accounts.names(workspace.db):
            self.clerk_combo.addItem(name, name)
        self.clerk_combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.date_check = QCheckBox(self.tr("From"), self)
        self.date_from = QDateEdit(QDate.currentDate().addDays(-7), self)
        self.date_to = QDateEdit(QDate.currentDate(), self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
            edit.dateChanged.connect(lambda _d: self.apply_filter())
        self.date_check.toggled.connect(self._date_toggled)
        self.reveals_check = QCheckBox(self.tr("&Reveals only"), self)
        self.reveals_check.setToolTip(self.tr("Only ID numbers shown in full, exports with full ID numbers and "
                                              "printed record slips, with who and why"))
        self.reveals_check.toggled.connect(lambda _on: self.apply_filter())
        self.chain_button = QPushButton(self.tr("&Check the chain"), self)
        self.chain_button.setToolTip(self.tr("Recompute every row's hash to show whether the trail was changed"))
        self.chain_button.clicked.connect(self.check_chain)
        self.chain_label = QLabel(self)
        self.chain_label.setWordWrap(True)

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        # widths from the font in use, so larger text cuts no column (the time is never "2026-12-0…")
        metrics = self.table.fontMetrics()
        pad = 2 * metrics.horizontalAdvance("0") + 12
        for column, sample in enumerate(("000000", "2026-12-31 23:59", "王王王王王", "王王王王王王",
                                         "王王王 131025********3219")):
            self.table.setColumnWidth(column, max(metrics.horizontalAdvance(sample),
                                                  metrics.horizontalAdvance(str(self.model.headerData(
                                                      column, Qt.Orientation.Horizontal)))) + pad)
        # wide enough for its title at any text size; the table scrolls sideways rather than cut it
        self.table.setColumnWidth(5, max(header.sectionSizeHint(5), metrics.horizontalAdvance("0") * 30) + pad)
        self.table.setColumnWidth(6, metrics.horizontalAdvance("0") * 24 + pad)

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Record:"), self))
        filters.addWidget(self.record_edit, 2)
        filters.addWidget(QLabel(self.tr("Clerk:"), self))
        filters.addWidget(self.clerk_combo, 1)
        filters.addWidget(self.date_check)
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel("–", self))
        filters.addWidget(self.date_to)
        filters.addWidget(self.reveals_check)
        filters.addStretch(1)
        filters.addWidget(self.chain_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.chain_label)
        self.apply_filter()

    def title(self) -> str:
        return self.tr("Audit trail")

    def refresh(self) -> None:
        self.model.reload()

    def _date_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self.apply_filter()

    def show_record(self, record_id: str) -> None:
        """Show the history of one record (the records page's History button)."""
        self.record_edit.setText(record_id)
        self.apply_filter()

    def current_filter(self) -> AuditFilter:
        text = self.record_edit.text().strip()
        dated = self.date_check.isChecked()
        return AuditFilter(record_id=self._full_record_id(text) if text else None,
                           clerk=self.clerk_combo.currentData(),
                           date_from=self.date_from.date().toString("yyyy-MM-dd") if dated else None,
                           date_to=self.date_to.date().toString("yyyy-MM-dd") if dated else None,
                           reveals=self.reveals_check.isChecked())

    def _full_record_id(self, text: str) -> str:
        """The list shows the first 8 characters of a record's id; accept those as well."""
        if len(text) >= 36:
            return text
        return records.id_from_prefix(self.workspace.db, text) or text

    def apply_filter(self) -> None:
        wanted = self.current_filter()
        if wanted != self.model.audit_filter or self.model.rowCount() == 0:
            self.model.set_filter(wanted)

    def check_chain(self) -> None:
        self.chain_button.setEnabled(False)
        self.chain_label.setText(self.tr("Checking the audit trail…"))
        db_path = self.workspace.paths.db_path
        service().run(lambda progress: verify_in_own_connection(db_path, progress), parent=self,
                      label=self.tr("Checking the audit trail…"), on_done=self._chain_checked,
                      on_failed=self._chain_failed, uses_store=False, cancellable=True,
                      on_cancelled=lambda _partial: self.chain_label.setText(self.tr("The check was cancelled.")),
                      finally_=lambda: self.chain_button.setEnabled(True))

    def _chain_checked(self, result) -> None:
        rows, problems = result
        self.chain_button.setEnabled(True)
        if not problems:
            self.chain_label.setText(counted(rows, self.tr("The audit trail is intact: 1 row checked."),
                                             self.tr("The audit trail is intact: %n rows checked.")))
            self.chain_label.setStyleSheet("color: #1b5e20;")
        else:
            first = problems[0]
            self.chain_label.setText(
                counted(len(problems), self.tr("The audit trail was changed: 1 row does not fit. It is row %1."),
                        self.tr("The audit trail was changed: %n rows do not fit. The first is row %1."))
                .replace("%1", str(first.seq)))
            self.chain_label.setToolTip(first.what)
            self.chain_label.setStyleSheet("color: #b71c1c; font-weight: bold;")

    def _chain_failed(self, error) -> None:
        self.chain_button.setEnabled(True)
        self.chain_label.setText(self.tr("The check could not run: %1").replace("%1", error_text(error)))
