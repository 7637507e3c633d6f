"""Compare with another entry… on the Verification page (Ctrl+D): the supervisor's view of
`township records compare` (desktop.core.quality.compare).

Two clerks keyed the same paper register independently: the second on another PC, brought as its
data folder or the data bundle (TD-….tdb) it exported. The supervisor names it (typed, or chosen
with Folder… / Bundle…), the form and the field records are matched by (the form's key unless
another is chosen), and Enter compares, as one task of the task service (progress after 600 ms,
Cancel). The table lists each difference: the record (its key, an ID number masked as on every
screen, with the person's name), the field, the value here and the value there (an ID number
among them masked too); a record found on one side only says which. Save writes the same list to
.xlsx, as `--to` does, masked; "ID numbers in full" with a reason (unmask_choice, as the export
dialog offers it) writes them in full and is recorded as a reveal (compare_export).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QDir, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from desktop.core.entry import form_entry
from desktop.core.entry.field_names import FieldNames
from desktop.core.forms import keys
from desktop.core.i18n import current_language
from desktop.core.quality import compare, compare_export
from desktop.ui.entry.unmask_choice import UnmaskChoice
from desktop.ui.shell.messages import error_text


class DifferencesModel(QAbstractTableModel):
    """The differences of one Comparison, four columns, read-only."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.comparison: compare.Comparison | None = None
        self.rows: list[tuple[str, str, str, str, str]] = []   # shown texts, then the kind

    def headers(self) -> list[str]:
        return [self.tr("Record"), self.tr("Field"), self.tr("Value here"), self.tr("Value there")]

    def set_comparison(self, comparison: compare.Comparison | None, names: FieldNames) -> None:
        self.beginResetModel()
        self.comparison = comparison
        self.rows = []
        for item in comparison.differences if comparison else []:
            key = comparison.key_text(item.key)   # masked on screen, always
            name = comparison.names.get(item.key)
            record = f"{key} {name}" if name else key
            if item.kind == compare.HERE_ONLY:
                self.rows.append((record, self.tr("(record here only)"), self.tr("has it"), "", item.kind))
            elif item.kind == compare.THERE_ONLY:
                self.rows.append((record, self.tr("(record there only)"), "", self.tr("has it"), item.kind))
            else:
                form = comparison.form_id
                here, there = (compare.cell_text(comparison.value_text(item.field, v)) for v in (item.here, item.there))
                self.rows.append((record, names.label(form, item.field), str(names.value(form, item.field, here)),
                                  str(names.value(form, item.field, there)), item.kind))
        self.endResetModel()

    def rowCount(self, parent=None):  # noqa: N802 (Qt's name)
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent=None):  # noqa: N802
        return 0 if parent is not None and parent.isValid() else 4

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)) or not (0 <= index.column() < 4):
            return None
        row = self.rows[index.row()]
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            return row[index.column()]
        if role == Qt.ForegroundRole and row[4] != "field" and index.column() == 1:
            from PySide6.QtGui import QColor

            return QColor("#8a5a00")   # a missing record stands out from a differing field
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if role != Qt.DisplayRole:
            return None
        if orientation == Qt.Horizontal and 0 <= section < 4:
            return self.headers()[section]
        if orientation == Qt.Vertical and 0 <= section < len(self.rows):
            return str(section + 1)
        return None


class CompareDialog(QDialog):
    """See the module docstring."""

    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.language = current_language()
        self.names = FieldNames(workspace)
        self.registry = form_entry.registry_for(workspace)
        self.comparison: compare.Comparison | None = None
        self.task = None
        self.setWindowTitle(self.tr("Compare with another entry"))

        intro = QLabel(self.tr("The same register keyed by another clerk: the data folder of that entry, or the "
                               "data bundle (TD-….tdb) it exported. Nothing is written to either."), self)
        intro.setWordWrap(True)
        self.other_edit = QLineEdit(self)
        self.other_edit.setPlaceholderText(self.tr("A data folder or a bundle file"))
        self.other_edit.textChanged.connect(lambda _t: self._update())
        self.folder_button = QPushButton(self.tr("&Folder…"), self)
        self.folder_button.clicked.connect(self.choose_folder)
        self.bundle_button = QPushButton(self.tr("&Bundle…"), self)
        self.bundle_button.clicked.connect(self.choose_bundle)
        self.form_combo = QComboBox(self)
        for definition in self.registry.latest():
            self.form_combo.addItem(definition.title.get(self.language) or definition.form_id, definition.form_id)
        self._choose_busiest_form()
        self.form_combo.currentIndexChanged.connect(lambda _i: self._fill_keys())
        self.key_combo = QComboBox(self)
        self.compare_button = QPushButton(self.tr("&Compare"), self)
        self.compare_button.setDefault(True)
        self.compare_button.clicked.connect(self.run_compare)

        self.model = DifferencesModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        for column in (2, 3):   # the two values side by side, equally wide
            header.setSectionResizeMode(column, QHeaderView.Stretch)
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)

        self.save_edit = QLineEdit(self)
        self.save_edit.textChanged.connect(lambda _t: self._update())
        self.save_choose_button = QPushButton(self.tr("C&hoose…"), self)
        self.save_choose_button.clicked.connect(self.choose_save)
        self.unmask = UnmaskChoice(workspace, self.tr("Only a supervisor or an administrator may save full ID "
                                                      "numbers."), self)
        self.unmask.changed.connect(self._update)
        self.save_button = QPushButton(self.tr("&Save as .xlsx (Ctrl+S)"), self)
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save)

        other_row = QHBoxLayout()
        other_row.addWidget(self.other_edit, 1)
        other_row.addWidget(self.folder_button)
        other_row.addWidget(self.bundle_button)
        form = QFormLayout()
        other_label = QLabel(self.tr("&Other entry:"), self)
        other_label.setBuddy(self.other_edit)
        form.addRow(other_label, other_row)
        form_label = QLabel(self.tr("Fo&rm:"), self)
        form_label.setBuddy(self.form_combo)
        form.addRow(form_label, self.form_combo)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_combo, 1)
        key_row.addWidget(self.compare_button)
        key_label = QLabel(self.tr("&Match records by:"), self)
        key_label.setBuddy(self.key_combo)
        form.addRow(key_label, key_row)
        save_row = QHBoxLayout()
        save_label = QLabel(self.tr("Save to:"), self)
        save_label.setBuddy(self.save_edit)
        save_row.addWidget(save_label)
        save_row.addWidget(self.save_edit, 1)
        save_row.addWidget(self.save_choose_button)
        save_row.addWidget(self.save_button)
        save_row.addWidget(self.close_button)
        unmask_row = QHBoxLayout()
        unmask_row.addWidget(self.unmask.check)
        reason_label = QLabel(self.tr("Reason:"), self)
        reason_label.setBuddy(self.unmask.reason_edit)
        unmask_row.addWidget(reason_label)
        unmask_row.addWidget(self.unmask.reason_edit, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary_label)
        layout.addLayout(unmask_row)
        layout.addLayout(save_row)
        self.setTabOrder(self.other_edit, self.form_combo)
        self.setTabOrder(self.form_combo, self.key_combo)
        self.setTabOrder(self.key_combo, self.compare_button)
        self.setTabOrder(self.compare_button, self.table)
        self.setTabOrder(self.table, self.unmask.check)
        self.setTabOrder(self.unmask.check, self.unmask.reason_edit)
        self.setTabOrder(self.unmask.reason_edit, self.save_edit)
        self.setTabOrder(self.save_edit, self.save_button)
        for button in (self.folder_button, self.bundle_button, self.save_choose_button):
            button.setAutoDefault(False)
        self.resize(1100, 620)
        self._fill_keys()
        self._update()
        self.other_edit.setFocus(Qt.OtherFocusReason)

    # -- choices ----------------------------------------------------------------------------
    def form_id(self) -> str | None:
        return self.form_combo.currentData()

    def key_field(self) -> str | None:
        return self.key_combo.currentData()

    def _choose_busiest_form(self) -> None:
        """The form with the most records here: the register being keyed twice, most likely; with
        none yet, a register of people (its person ID unique, as the registration's)."""
        from desktop.core.store import records

        ranks = [(records.count(self.workspace.db, form_id=form_id), keys.compared_id_field(self.registry.get(form_id))
                  is not None) for form_id in (self.form_combo.itemData(i) for i in range(self.form_combo.count()))]
        if ranks:
            self.form_combo.setCurrentIndex(ranks.index(max(ranks)))

    def _fill_keys(self) -> None:
        """The form's fields, its key first and chosen (what the command matches by without --key)."""
        self.key_combo.clear()
        form_id = self.form_id()
        if not form_id:
            return
        definition = self.registry.get(form_id)
        try:
            default = compare.key_field_for(definition, None)
        except compare.BadComparison:
            default = None
        unique = set(keys.unique_fields(definition))
        # a record's own fields only: a repeat's (a family member's) hold one value per row, no key
        fields = [f for f in definition.fields
                  if not f.repeat and f.type not in ("note", "calculate") and not f.name.startswith("_")]
        fields.sort(key=lambda f: (f.name != default, f.name not in unique))
        for f in fields:
            label = f.label.get(self.language) or f.name
            if f.name == default:
                label = self.tr("%1 (the form's key)").replace("%1", label)
            self.key_combo.addItem(label, f.name)
        self.key_combo.setCurrentIndex(0)

    def choose_folder(self) -> None:
        from desktop.ui.shell.file_dialogs import choose_folder

        chosen = choose_folder(self, self.tr("The data folder of the other entry"), self.workspace)
        if chosen:
            self.other_edit.setText(QDir.toNativeSeparators(str(chosen)))

    def choose_bundle(self) -> None:
        from desktop.ui.shell.file_dialogs import open_file

        chosen = open_file(self, self.tr("The data bundle of the other entry"),
                           self.tr("Data bundles") + " (TD-*.tdb)", self.workspace)
        if chosen:
            self.other_edit.setText(QDir.toNativeSeparators(str(chosen)))

    def choose_save(self) -> None:
        from desktop.ui.shell.file_dialogs import save_file

        chosen = save_file(self, self.tr("Save the differences to which file?"), self.tr("Spreadsheets") + " (*.xlsx)",
                           Path(self.save_edit.text()).name, self.workspace)
        if chosen:
            self.save_edit.setText(QDir.toNativeSeparators(str(chosen.with_suffix(".xlsx"))))

    def _update(self) -> None:
        idle = self.task is None
        self.compare_button.setEnabled(idle and bool(self.other_edit.text().strip()) and bool(self.key_field()))
        self.save_button.setEnabled(idle and self.comparison is not None and self.unmask.ready()
                                    and Path(self.save_edit.text()).suffix.lower() == ".xlsx")

    def _show(self, text: str, colour: str = "") -> None:
        self.summary_label.setText(text)
        self.summary_label.setStyleSheet(f"color: {colour};" if colour else "")

    # -- work -------------------------------------------------------------------------------
    def run_compare(self) -> None:
        if not self.compare_button.isEnabled():
            return
        from desktop.ui.shell.tasks import service

        root, other = self.workspace.paths.root, Path(self.other_edit.text().strip())
        form_id, key = self.form_id(), self.key_field()

        def work(progress):
            from desktop.core.workspace.workspace import Workspace

            with Workspace.open(root) as workspace:
                definition = form_entry.registry_for(workspace).get(form_id)
                entry = compare.open_other(other, here=workspace.db, paths=workspace.paths)
                try:
                    return compare.compare(workspace.db, entry, definition, key=key, progress=progress)
                finally:
                    entry.close()

        def ended():
            self.task = None
            self._update()
            self.activateWindow()   # back from the progress dialog

        self._show(self.tr("Comparing…"))
        self.task = service().run(work, parent=self, label=self.tr("Comparing the two entries…"), cancellable=True,
                                  on_done=self._compared, on_failed=lambda error: self._show(error_text(error), "#b00020"),
                                  on_cancelled=lambda _p: self._show(self.tr("The comparison was cancelled.")),
                                  finally_=ended)
        self._update()

    def _compared(self, comparison: compare.Comparison) -> None:
        self.comparison = comparison
        self.model.set_comparison(comparison, self.names)
        for column in (0, 1):   # record and field as wide as they need (within reason); the values share the rest
            self.table.resizeColumnToContents(column)
            self.table.setColumnWidth(column, min(max(self.table.columnWidth(column) + 24, 140), 360))
        self._show(self.summary(comparison), "" if comparison.agree else "#8a5a00")
        if not self.save_edit.text():
            from desktop.core import clock
            from desktop.ui.shell.file_dialogs import start_folder

            name = f"{comparison.form_id}_differences_{clock.today().isoformat()}.xlsx"
            self.save_edit.setText(QDir.toNativeSeparators(str(Path(start_folder(self.workspace)) / name)))
        if self.model.rowCount():
            self.table.setFocus(Qt.OtherFocusReason)
            self.table.selectRow(0)
        self._update()

    def summary(self, comparison: compare.Comparison) -> str:
        from desktop.ui.shell.formatting import counted

        sides = self.tr("%1, %2").replace(
            "%1", counted(comparison.here_count, self.tr("1 record here"), self.tr("%n records here"))).replace(
            "%2", counted(comparison.there_count, self.tr("1 there"), self.tr("%n there")))
        if comparison.agree:
            return self.tr("%1: the two entries agree.").replace("%1", sides)
        return self.tr("%1: %2.").replace("%1", sides).replace("%2", counted(
            len(comparison.differences), self.tr("1 difference"), self.tr("%n differences")))

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return
        from desktop.ui.shell.tasks import service

        comparison, path = self.comparison, Path(self.save_edit.text())
        unmask, reason = self.unmask.wanted(), self.unmask.reason()
        root, clerk, role = self.workspace.paths.root, self.workspace.clerk, self.workspace.clerk_role

        def work(_progress):
            if not unmask:   # masked: nothing to record, no store to open
                return compare_export.save_xlsx(comparison, path)
            from desktop.core.workspace.workspace import Workspace

            with Workspace.open(root) as workspace:   # the reveal's audit event, written by the store's thread
                workspace.clerk, workspace.clerk_role = clerk, role
                return compare_export.save_xlsx(comparison, path, workspace=workspace, unmask=True, reason=reason)

        def done(written):
            text = (self.tr("Differences saved with ID numbers in full to %1 (recorded in the audit trail)") if unmask
                    else self.tr("Differences saved to %1"))
            self._show(text.replace("%1", QDir.toNativeSeparators(str(written))))

        self.task = service().run(work, parent=self, label=self.tr("Saving the differences…"), uses_store=unmask,
                                  on_done=done,
                                  on_failed=lambda error: self._show(error_text(error), "#b00020"),
                                  finally_=lambda: (setattr(self, "task", None), self._update()))
        self._update()

    def reject(self) -> None:
        if self.task is not None:
            self.task.cancel()
            return
        super().reject()
