"""Export… on the records list: the records the list shows, to .xlsx or .csv (desktop.core.sheets.exporter).

Labels in the clerk's language (or codes), dates as dates, IDs as text and masked; a supervisor or
an administrator may export the ID numbers in full, giving the reason the audit trail keeps. The
file is written as one task (desktop.ui.shell.tasks) with progress and Cancel.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDir
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from desktop.ui.entry.unmask_choice import UnmaskChoice
from desktop.ui.shell.messages import error_text


class ExportDialog(QDialog):
    def __init__(self, workspace, form_id: str, query_args: dict, shown: int, parent=None):
        super().__init__(parent)
        self.workspace, self.form_id, self.query_args = workspace, form_id, dict(query_args)
        self.result = None
        self.task = None
        self.setWindowTitle(self.tr("Export the list"))
        intro = QLabel(self.tr("Records the list shows: %1. Each is written with every field.")
                       .replace("%1", str(shown)), self)
        intro.setWordWrap(True)
        self.file_edit = QLineEdit(self)
        self.file_edit.setText(str(Path(self._start_folder()) / self._default_name()))
        self.file_edit.textChanged.connect(lambda _t: self._update())
        self.choose_button = QPushButton(self.tr("&Choose…"), self)
        self.choose_button.clicked.connect(self.choose_file)
        self.format_combo = QComboBox(self)
        self.format_combo.addItem(self.tr("Excel workbook (.xlsx)"), ".xlsx")
        self.format_combo.addItem(self.tr("CSV text (.csv)"), ".csv")
        self.format_combo.currentIndexChanged.connect(lambda _i: self._format_changed())
        self.codes_check = QCheckBox(self.tr("Choices as co&des instead of labels"), self)
        self.unmask = UnmaskChoice(workspace, self.tr("Only a supervisor or an administrator may export full ID numbers."),
                                   self)
        self.unmask.changed.connect(self._update)
        self.unmask_check, self.reason_edit, self.may_unmask = self.unmask.check, self.unmask.reason_edit, self.unmask.allowed
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)

        row = QHBoxLayout()
        row.addWidget(self.file_edit, 1)
        row.addWidget(self.choose_button)
        form = QFormLayout()
        file_label = QLabel(self.tr("&File:"), self)
        file_label.setBuddy(self.file_edit)
        form.addRow(file_label, row)
        form.addRow(self.tr("Format:"), self.format_combo)
        form.addRow(self.codes_check)
        form.addRow(self.unmask_check)
        form.addRow(self.tr("Reason:"), self.reason_edit)
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(self.tr("&Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.export_button.clicked.connect(self.export)
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self._update()

    def _start_folder(self) -> str:
        from desktop.ui.entry.import_dialog import start_folder

        return start_folder(self.workspace)

    def _default_name(self) -> str:
        from desktop.core import clock

        return f"{self.form_id}_{clock.today().isoformat()}.xlsx"

    def choose_file(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export to which file?"), self.file_edit.text(),
                                              self.tr("Spreadsheets") + " (*.xlsx *.csv)")
        if name:
            self.file_edit.setText(name)

    def _format_changed(self) -> None:
        path = Path(self.file_edit.text() or self._default_name())
        self.file_edit.setText(str(path.with_suffix(self.format_combo.currentData())))

    def _update(self) -> None:
        ready = self.task is None and Path(self.file_edit.text()).suffix.lower() in (".xlsx", ".csv")
        ready = ready and self.unmask.ready()
        self.export_button.setEnabled(ready)

    def export(self) -> None:
        if not self.export_button.isEnabled():
            return
        from desktop.ui.shell.tasks import service

        root, clerk, role = self.workspace.paths.root, self.workspace.clerk, self.workspace.clerk_role
        form_id, args, path = self.form_id, self.query_args, Path(self.file_edit.text())
        codes, unmask, reason = self.codes_check.isChecked(), self.unmask_check.isChecked(), self.reason_edit.text()

        def work(progress):
            from desktop.core.sheets import exporter
            from desktop.core.workspace.workspace import Workspace

            with Workspace.open(root) as workspace:
                workspace.clerk, workspace.clerk_role = clerk, role
                return exporter.export_records(workspace, form_id, path, query_args=args, codes=codes,
                                               unmask=unmask, reason=reason, progress=progress)

        def done(result):
            self.result = result
            self.status_label.setText(self.tr("Records written: %1, to %2")
                                      .replace("%1", str(result.rows))
                                      .replace("%2", QDir.toNativeSeparators(str(result.path))))

        def ended():
            self.task = None
            self._update()
            self.activateWindow()   # back from the progress dialog

        self.status_label.setText(self.tr("Exporting…"))
        self.task = service().run(work, parent=self, label=self.tr("Exporting the records…"), cancellable=True,
                                  on_done=done,
                                  on_failed=lambda error: self.status_label.setText(error_text(error)),
                                  on_cancelled=lambda _p: self.status_label.setText(
                                      self.tr("The export was cancelled; no file was written.")),
                                  finally_=ended)
        self._update()

    def reject(self) -> None:
        if self.task is not None:
            self.task.cancel()
            return
        super().reject()
