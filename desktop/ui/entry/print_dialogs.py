"""Print slip… and Print list…: one record as an A4 slip the person signs, the records list as
A4 landscape pages (desktop.core.reports.slip, painted by desktop.render).

The pages are gathered through the task service in a connection of their own, then painted on
the GUI thread (QTextDocument) to a PDF or to the printer the clerk picks; each print is a
"print" event in the audit trail. A supervisor or an administrator may print a slip with the ID
numbers in full, giving the reason the trail keeps.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDir
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from desktop.ui.entry.unmask_choice import UnmaskChoice
from desktop.ui.shell.formatting import counted
from desktop.ui.shell.messages import error_text


def _safe(text: str) -> str:
    return "".join(c for c in text if c not in '\\/:*?"<>|').strip() or "record"


class PrintDialog(QDialog):
    """Where the pages go (a PDF file, or the printer), and for a slip whether the ID numbers are
    printed in full. `self.pages` holds the pages written once done (None before)."""

    def __init__(self, workspace, *, slip_of: str | None = None, list_of: dict | None = None, parent=None):
        super().__init__(parent)
        self.workspace, self.slip_of, self.list_of = workspace, slip_of, dict(list_of or {})
        self.task = None
        self.pages: int | None = None
        self.written: Path | None = None
        self.setWindowTitle(self.tr("Print slip") if slip_of else self.tr("Print the list"))
        intro = QLabel(self.tr("One page for the person to check and sign, with a line for your signature.")
                       if slip_of else
                       self.tr("The records the list shows, with its columns, on A4 landscape pages."), self)
        intro.setWordWrap(True)
        self.file_edit = QLineEdit(self)
        self.file_edit.setText(str(Path(self._start_folder()) / self._default_name()))
        self.file_edit.textChanged.connect(lambda _t: self._update())
        self.choose_button = QPushButton(self.tr("&Choose…"), self)
        self.choose_button.clicked.connect(self.choose_file)
        self.unmask = UnmaskChoice(workspace, self.tr("Only a supervisor or an administrator may print full ID numbers."),
                                   self)
        self.unmask.changed.connect(self._update)
        self.unmask_check, self.reason_edit, self.may_unmask = self.unmask.check, self.unmask.reason_edit, self.unmask.allowed
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)

        row = QHBoxLayout()
        row.addWidget(self.file_edit, 1)
        row.addWidget(self.choose_button)
        form = QFormLayout()
        file_label = QLabel(self.tr("PDF &file:"), self)
        file_label.setBuddy(self.file_edit)
        form.addRow(file_label, row)
        if slip_of:
            form.addRow(self.unmask_check)
            form.addRow(self.tr("Reason:"), self.reason_edit)
        else:
            self.unmask_check.hide()
            self.reason_edit.hide()
        self.buttons = QDialogButtonBox(self)
        self.pdf_button = self.buttons.addButton(self.tr("&Save PDF"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.print_button = self.buttons.addButton(self.tr("&Print…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.print_button.clicked.connect(self.print_pages)
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self._update()

    def _start_folder(self) -> str:
        from desktop.ui.entry.import_dialog import start_folder

        return start_folder(self.workspace)

    def _default_name(self) -> str:
        from desktop.core import clock

        if self.slip_of:
            return f"slip-{_safe(self.slip_of[:8])}-{clock.today().isoformat()}.pdf"
        return f"list-{_safe(self.list_of.get('form_id') or 'records')}-{clock.today().isoformat()}.pdf"

    def choose_file(self) -> None:
        from desktop.ui.shell import file_dialogs

        path = Path(self.file_edit.text())
        chosen = file_dialogs.save_file(self, self.tr("Save the PDF as"), self.tr("PDF files (*.pdf)"), path.name,
                                        self.workspace, prefer=path.parent)
        if chosen:
            self.file_edit.setText(str(chosen if chosen.suffix.lower() == ".pdf" else chosen.with_suffix(".pdf")))

    def _update(self) -> None:
        ready = self.task is None
        ready = ready and self.unmask.ready()
        self.print_button.setEnabled(ready)
        self.pdf_button.setEnabled(ready and Path(self.file_edit.text()).suffix.lower() == ".pdf")

    # -- the work --------------------------------------------------------------------------
    def _build(self, then) -> None:
        from desktop.ui.shell.tasks import service

        root, clerk, role = self.workspace.paths.root, self.workspace.clerk, self.workspace.clerk_role
        slip_of, list_of = self.slip_of, dict(self.list_of)
        unmask, reason = self.unmask_check.isChecked(), self.reason_edit.text()

        def work(progress):
            from desktop.core.reports import slip
            from desktop.core.workspace.workspace import Workspace

            with Workspace.open(root) as workspace:
                workspace.clerk, workspace.clerk_role = clerk, role
                if slip_of:
                    return slip.build_slip(workspace, slip_of, unmask=unmask, reason=reason)
                return slip.build_list(workspace, list_of.pop("form_id"), progress=progress, **list_of)

        def ended():
            self.task = None
            self._update()

        self.status_label.setText(self.tr("Preparing the pages…"))
        self.task = service().run(work, parent=self, label=self.tr("Preparing the pages…"), cancellable=not slip_of,
                                  uses_store=False, on_done=then,
                                  on_failed=lambda error: self.status_label.setText(error_text(error)),
                                  on_cancelled=lambda _p: self.status_label.setText(self.tr("Not printed.")),
                                  finally_=ended)
        self._update()

    def _recorded(self, made, destination: str, pages: int) -> None:
        from desktop.core.reports import slip

        if self.slip_of:
            slip.record_slip_printed(self.workspace, made,
                                     reason=self.unmask.reason())
        else:
            slip.record_list_printed(self.workspace, made, destination=destination, pages=pages)
        self.pages = pages

    def save_pdf(self) -> None:
        if not self.pdf_button.isEnabled():
            return
        path = Path(self.file_edit.text())

        def write(made):
            from desktop.core.errors import UserError
            from desktop.render import output

            try:
                pages = output.write_pdf(made, path)
            except UserError as error:
                self.status_label.setText(error_text(error))
                return
            self._recorded(made, "pdf", pages)
            self.written = path
            self.status_label.setText(self.tr("Saved %1 (%2).").replace("%1", QDir.toNativeSeparators(str(path)))
                                      .replace("%2", self._pages(pages)))

        self._build(write)

    def print_pages(self, printer=None) -> None:
        """Print on `printer`, or on the one the clerk picks in the print dialog."""
        if not self.print_button.isEnabled():
            return

        def print_it(made):
            from PySide6.QtPrintSupport import QPrintDialog, QPrinter

            from desktop.render import output

            chosen = printer
            if chosen is None:
                chosen = QPrinter(QPrinter.PrinterMode.HighResolution)
                if QPrintDialog(chosen, self).exec() != QDialog.DialogCode.Accepted:
                    self.status_label.setText(self.tr("Not printed."))
                    return
            pages = output.paint(made, chosen)
            self._recorded(made, "printer", pages)
            self.status_label.setText(self.tr("Sent to the printer: %1.").replace("%1", self._pages(pages)))

        self._build(print_it)

    def _pages(self, n: int) -> str:
        return counted(n, self.tr("1 page"), self.tr("%n pages"))

    def reject(self) -> None:
        if self.task is not None:
            self.task.cancel()
            return
        super().reject()
