"""File > Import from spreadsheet…: a register (.xlsx, .xls, .csv) brought in row by row.

The clerk picks the file (the dialog opens on the folder the last sheet came from, else on a USB
stick, never the program's working folder), the sheet, and checks the mapping table: one line per
header column, with a sample of its cells and the field it fills, which the clerk may correct.
A correction is remembered for the next sheet of the same shape (desktop.core.sheets.mapping).
"Check" is a dry run: nothing is saved and the row report says what the import would do. When rows
have warnings, one import reason is asked for (left empty, those rows are refused). "Import" runs
as one task (desktop.ui.shell.tasks) with progress and Cancel; a cancel keeps the rows saved before
it and says how many. The row report (行号 / 字段 / 问题) is shown here and saved as .xlsx beside
the sheet. Everything is reachable from the keyboard: Alt+letters, Tab through the mapping.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDir, QStorageInfo, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import UserError
from desktop.core.i18n import current_language
from desktop.core.sheets import headers, mapping, row_report
from desktop.ui.shell.messages import error_text

FILE_FILTER = "*.xlsx *.xls *.csv"


def start_folder(workspace) -> str:
    """Where the file dialog opens: the last sheet's folder, else a USB stick, else the home folder."""
    last = mapping.last_folder(workspace)
    if last:
        return last
    from desktop.ui.sync.drive_watcher import likely_removable

    for volume in QStorageInfo.mountedVolumes():
        if likely_removable(volume):
            return volume.rootPath()
    return QDir.homePath()


class ImportDialog(QDialog):
    def __init__(self, workspace, parent=None, form_id: str | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle(self.tr("Import from spreadsheet"))
        self.path: Path | None = None
        self.preview: mapping.Preview | None = None
        self.report = None                     # the last check's or import's report
        self.checked_mapping: tuple | None = None
        self.task = None
        self.combos: list[QComboBox] = []
        from desktop.core.entry import form_entry

        self.registry = form_entry.registry_for(workspace)

        self.form_combo = QComboBox(self)
        for form in self.registry.latest():
            self.form_combo.addItem(form.title.get(current_language()) or form.form_id, form.form_id)
        self.form_fixed = form_id is not None and self.form_combo.findData(form_id) >= 0
        if self.form_fixed:
            self.form_combo.setCurrentIndex(self.form_combo.findData(form_id))
        self.file_edit = QLineEdit(self)
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(self.tr("No file chosen"))
        self.choose_button = QPushButton(self.tr("&Choose file…"), self)
        self.choose_button.clicked.connect(self.choose_file)
        self.sheet_combo = QComboBox(self)
        self.form_combo.currentIndexChanged.connect(self._form_chosen)
        self.sheet_combo.currentIndexChanged.connect(lambda _i: self.load_preview())

        top = QGridLayout()
        for row, (text, widget) in enumerate(((self.tr("&Form:"), self.form_combo),
                                               (self.tr("Fil&e:"), self.file_edit),
                                               (self.tr("S&heet:"), self.sheet_combo))):
            label = QLabel(text, self)
            label.setBuddy(widget)
            top.addWidget(label, row, 0)
            top.addWidget(widget, row, 1)
        top.addWidget(self.choose_button, 1, 2)
        top.setColumnStretch(1, 1)

        self.mapping_label = QLabel(self.tr("Columns and the fields they fill:"), self)
        self.remembered_label = QLabel(self)
        self.remembered_label.setWordWrap(True)
        self.mapping_area = QScrollArea(self)
        self.mapping_area.setWidgetResizable(True)
        self.mapping_widget = QWidget(self.mapping_area)
        self.mapping_grid = QGridLayout(self.mapping_widget)
        self.mapping_area.setWidget(self.mapping_widget)

        self.reason_label = QLabel(self)
        self.reason_label.setWordWrap(True)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setPlaceholderText(self.tr("One reason for every warning (kept in the audit trail)"))
        self.reason_label.setBuddy(self.reason_edit)
        self.reason_label.hide()
        self.reason_edit.hide()

        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report_table = QTableWidget(0, 3, self)
        self.report_table.setHorizontalHeaderLabels([h.get(current_language()) for h in row_report.HEADERS])
        self.report_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.report_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.report_table.verticalHeader().setVisible(False)
        self.report_table.setWordWrap(True)
        header = self.report_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        self.check_button = QPushButton(self.tr("Chec&k (saves nothing)"), self)
        self.check_button.clicked.connect(self.check)
        self.import_button = QPushButton(self.tr("&Import"), self)
        self.import_button.clicked.connect(self.start_import)
        self.save_button = QPushButton(self.tr("&Save report beside the sheet"), self)
        self.save_button.clicked.connect(self.save_report)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.mapping_label)
        layout.addWidget(self.remembered_label)
        layout.addWidget(self.mapping_area, 2)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.report_table, 2)
        layout.addLayout(buttons)
        self.resize(900, 640)
        self.report_table.hide()
        self._update_buttons()

    def _form_chosen(self, _index: int) -> None:
        self.form_fixed = True          # the clerk's choice stands for the next file too
        self.load_preview()

    # -- the file and its columns ------------------------------------------------------------------
    @property
    def form(self):
        return self.registry.get(self.form_combo.currentData())

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Import which spreadsheet?"), start_folder(self.workspace),
                                              self.tr("Spreadsheets") + f" ({FILE_FILTER})")
        if name:
            self.set_file(name)

    def set_file(self, path) -> bool:
        """Open `path`: its sheets in the sheet list and the first one's columns; False if unreadable."""
        path = Path(path)
        try:
            names = mapping.sheet_names(path)
        except UserError as error:
            self.summary_label.setText(error_text(error))
            return False
        self.path = path
        self.file_edit.setText(str(path))
        try:
            mapping.remember_folder(self.workspace, path.parent)
        except UserError as error:        # the folder is only a convenience for next time
            self.summary_label.setText(error_text(error))
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        self.sheet_combo.addItems(names)
        self.sheet_combo.setEnabled(len(names) > 1)
        self.sheet_combo.blockSignals(False)
        if not self.form_fixed:
            self._choose_form_for_sheet()
        self.load_preview()
        return self.preview is not None

    def _choose_form_for_sheet(self) -> None:
        """The form whose fields the sheet's headers name most (until the clerk picks one)."""
        best, best_count = None, 0
        for index in range(self.form_combo.count()):
            try:
                found = mapping.preview(self.workspace, self.registry.get(self.form_combo.itemData(index)), self.path,
                                        sheet=self.sheet_combo.currentText() or None)
            except UserError:
                continue
            count = sum(1 for column in found.columns if column.field)
            if count > best_count:
                best, best_count = index, count
        if best is not None:
            self.form_combo.blockSignals(True)
            self.form_combo.setCurrentIndex(best)
            self.form_combo.blockSignals(False)

    def load_preview(self, chosen: dict | None = None) -> None:
        self._clear_report()
        self.preview = None
        if self.path is None:
            self._fill_mapping()
            return
        try:
            self.preview = mapping.preview(self.workspace, self.form, self.path,
                                           sheet=self.sheet_combo.currentText() or None, mapping=chosen)
        except UserError as error:
            self.summary_label.setText(error_text(error))
        self._fill_mapping()

    def _fill_mapping(self) -> None:
        while self.mapping_grid.count():
            item = self.mapping_grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.combos = []
        preview = self.preview
        self.remembered_label.setText(
            self.tr("The columns are set as for the last sheet of this shape.") if preview and preview.remembered
            else "")
        self.remembered_label.setVisible(bool(preview and preview.remembered))
        if preview is None:
            self._update_buttons()
            return
        self.mapping_label.setText(self.tr("Header row %1; columns and the fields they fill:")
                                   .replace("%1", str(preview.header_row)))
        for column, text in enumerate((self.tr("Column"), self.tr("Header"), self.tr("First cells"),
                                       self.tr("Field"))):
            title = QLabel(f"<b>{text}</b>", self.mapping_widget)
            self.mapping_grid.addWidget(title, 0, column)
        fields = headers.importable_fields(self.form)
        language = current_language()
        for row, column in enumerate(preview.columns, 1):
            letter = QLabel(column.letter, self.mapping_widget)
            header = QLabel(column.header, self.mapping_widget)
            samples = QLabel(" · ".join(column.samples)[:60], self.mapping_widget)
            samples.setWordWrap(True)   # long samples take a second line; the field's name stays whole
            combo = QComboBox(self.mapping_widget)
            combo.addItem(self.tr("— not imported —"), "")
            for f in fields:
                combo.addItem(f.label.get(language) or f.name, f.name)
            combo.setCurrentIndex(max(combo.findData(column.field), 0))
            combo.setAccessibleName(column.header)
            combo.currentIndexChanged.connect(lambda _i: self._mapping_changed())
            header.setBuddy(combo)
            self.mapping_grid.addWidget(letter, row, 0)
            self.mapping_grid.addWidget(header, row, 1)
            self.mapping_grid.addWidget(samples, row, 2)
            self.mapping_grid.addWidget(combo, row, 3)
            self.combos.append(combo)
        self.mapping_grid.setColumnStretch(2, 1)
        self.mapping_grid.setRowStretch(len(preview.columns) + 1, 1)
        self._update_buttons()

    def chosen_mapping(self) -> dict[str, str]:
        """{column letter: field name or ""} as the mapping table says now."""
        if self.preview is None:
            return {}
        return {column.letter: combo.currentData() or ""
                for column, combo in zip(self.preview.columns, self.combos, strict=True)}

    def set_field(self, header: str, field_name: str) -> None:
        """Choose the field of the column headed `header` ("" leaves it out)."""
        for column, combo in zip(self.preview.columns, self.combos, strict=True):
            if column.header == header:
                combo.setCurrentIndex(combo.findData(field_name))
                return
        raise KeyError(header)

    def _mapping_changed(self) -> None:
        taken: dict[str, int] = {}
        for combo in self.combos:
            name = combo.currentData()
            if name:
                taken[name] = taken.get(name, 0) + 1
        doubled = [name for name, n in taken.items() if n > 1]
        self._clear_report()
        if doubled:
            labels = "、".join(self.form.field(n).label.get(current_language()) for n in doubled)
            self.summary_label.setText(self.tr("Two columns fill the same field: %1. Choose one.")
                                       .replace("%1", labels))
        self._update_buttons()

    def _state(self) -> tuple:
        return (str(self.path), self.sheet_combo.currentText(), self.form_combo.currentData(),
                tuple(sorted(self.chosen_mapping().items())))

    def _mapping_ok(self) -> bool:
        names = [name for name in self.chosen_mapping().values() if name]
        return bool(names) and len(names) == len(set(names))

    def _update_buttons(self) -> None:
        idle = self.task is None
        ready = self.preview is not None and self._mapping_ok() and idle
        self.check_button.setEnabled(ready)
        # an import follows a check of the same file, sheet and mapping
        self.import_button.setEnabled(ready and self.checked_mapping == self._state())
        self.save_button.setEnabled(idle and self.report is not None and bool(self.report.refused))
        for widget in (self.form_combo, self.choose_button, self.sheet_combo, self.mapping_area):
            widget.setEnabled(idle)
        self.sheet_combo.setEnabled(idle and self.sheet_combo.count() > 1)

    # -- check and import --------------------------------------------------------------------------
    def _clear_report(self) -> None:
        self.report = None
        self.checked_mapping = None
        self.report_table.setRowCount(0)
        self.report_table.hide()            # the mapping table has the room until there is a report
        self.summary_label.setText("")
        self.reason_label.hide()
        self.reason_edit.hide()

    def _run(self, *, dry_run: bool) -> None:
        from desktop.ui.shell.tasks import Done, service

        root, clerk, role = self.workspace.paths.root, self.workspace.clerk, self.workspace.clerk_role
        form_id, path, sheet = self.form_combo.currentData(), self.path, self.sheet_combo.currentText() or None
        chosen = self.chosen_mapping()
        reason = self.reason_edit.text().strip() if not dry_run and self.reason_edit.isVisible() else None
        state = self._state()

        def work(progress):
            from desktop.core.sheets import importer
            from desktop.core.workspace.workspace import Workspace

            with Workspace.open(root) as workspace:
                workspace.clerk, workspace.clerk_role = clerk, role
                report = importer.import_sheet(workspace, form_id, path, sheet=sheet, mapping=chosen,
                                               dry_run=dry_run, reason=reason, progress=progress)
            return report if dry_run else Done(report, frozenset({"records"}))

        if not dry_run:
            mapping.remember(self.workspace, form_id, self.preview, chosen)
        self.summary_label.setText(self.tr("Checking the rows…") if dry_run else self.tr("Importing the rows…"))
        self.task = service().run(
            work, parent=self, cancellable=True,
            label=self.tr("Checking the rows…") if dry_run else self.tr("Importing the rows…"),
            on_done=lambda report: self._finished(report, state, dry_run),
            on_cancelled=lambda partial: self._cancelled(partial, dry_run),
            on_failed=lambda error: self.summary_label.setText(error_text(error)),
            finally_=self._task_ended)
        self._update_buttons()

    def check(self) -> None:
        if self.preview is not None and self._mapping_ok():
            self._run(dry_run=True)

    def start_import(self) -> None:
        if self.import_button.isEnabled():
            self._run(dry_run=False)

    def _task_ended(self) -> None:
        self.task = None
        self._update_buttons()
        self.activateWindow()       # back from the progress dialog, the keyboard is here again

    def _finished(self, report, state, dry_run: bool) -> None:
        self._show_report(report)
        if dry_run:
            self.checked_mapping = state
            waiting = report.needing_reason
            if waiting:
                self.reason_label.setText(self.tr(
                    "Rows with only warnings: %1. Give one &reason to accept them all, or leave it empty and "
                    "those rows are not imported.").replace("%1", str(waiting)))
                self.reason_label.show()
                self.reason_edit.show()
                self.reason_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            else:
                self.import_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _cancelled(self, partial, dry_run: bool) -> None:
        if partial is not None:
            self._show_report(partial)
        if dry_run:
            self.summary_label.setText(self.tr("The check was cancelled; nothing was saved."))
            return
        from desktop.ui.shell.tasks import service

        saved = partial.counts["saved"] if partial is not None else 0
        self.summary_label.setText(self.tr(
            "Cancelled. Rows saved before it are kept: %1. Import the sheet again to bring in the rest "
            "(the saved rows count as already present).").replace("%1", str(saved)))
        service().changed.emit(frozenset({"records"}))

    def _show_report(self, report) -> None:
        self.report = report
        self.summary_label.setText(str(report.summary()))
        found = row_report.lines(report)
        self.report_table.show()
        self.report_table.setRowCount(len(found))
        for row, (number, label, message) in enumerate(found):
            for column, value in enumerate((str(number), label, message)):
                item = QTableWidgetItem(value)
                if column == 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.report_table.setItem(row, column, item)
        self.report_table.resizeRowsToContents()
        self._update_buttons()

    def save_report(self) -> Path | None:
        """The row report as .xlsx beside the sheet; the path is shown (None if it could not be written)."""
        if self.report is None:
            return None
        try:
            saved = row_report.save_xlsx(self.report)
        except UserError as error:
            self.summary_label.setText(error_text(error))
            return None
        self.summary_label.setText(str(self.report.summary()) + "\n" +
                                   self.tr("Row report saved: %1").replace("%1", QDir.toNativeSeparators(str(saved))))
        return saved

    def reject(self) -> None:
        if self.task is not None:          # Escape during a task cancels it; the dialog stays
            self.task.cancel()
            return
        super().reject()
