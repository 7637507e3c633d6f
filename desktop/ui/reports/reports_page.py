"""The Reports page: choose a day (township) or a month (county), preview, print or save a PDF.

A thin widget over desktop.core.reports (the figures) and desktop.render (the pages): the same
painter code draws the preview, the printer's pages and the PDF. Printing or saving records a
"print" event in the audit trail.

The figures are gathered through the task service in a read-only connection of their own: the
county's circular reports the townships done (and may be cancelled: it only reads), the daily
summary runs the same way without a count. Painting stays on the GUI thread, where Qt's printer
and PDF writer live; a report is a few pages, painted in well under a second.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core import clock
from desktop.core.codelists import codelists_divisions
from desktop.core.errors import UserError
from desktop.core.reports import circular, daily, printing
from desktop.core.store.db import connect
from desktop.render import output
from desktop.ui.shell.formatting import counted
from desktop.ui.shell.tasks import service


@contextmanager
def _wait_cursor():
    """The wait cursor while a report is painted or written (both block for a moment)."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


class ReportsPage(QWidget):
    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.is_county = workspace.role == "county"
        self.setObjectName("reportsPage")

        self.period = QDateEdit(self)
        self.period.setCalendarPopup(True)
        today = clock.today()
        if self.is_county:
            self.period.setDisplayFormat("yyyy-MM")
            first = today.replace(day=1) - dt.timedelta(days=1)
            self.period.setDate(QDate(first.year, first.month, 1))
            label = self.tr("&Month:")
            explanation = self.tr("The monthly circular ranks every township of the county on entry rate, "
                                  "coverage, cross-check feedback and receipt; the formulas are printed on it.")
        else:
            self.period.setDisplayFormat("yyyy-MM-dd")
            self.period.setDate(QDate(today.year, today.month, today.day))
            label = self.tr("&Date:")
            explanation = self.tr("The daily summary lists the day's entries by form, village, clerk and hour, "
                                  "with a QR code the county uses to check the paper against the data. "
                                  "Print it, sign it and file it.")
        self.period.setMaximumDate(QDate(today.year, today.month, today.day))

        self.preview_button = QPushButton(self.tr("Pre&view..."), self)
        self.print_button = QPushButton(self.tr("&Print..."), self)
        self.pdf_button = QPushButton(self.tr("&Save as PDF..."), self)
        self.preview_button.clicked.connect(lambda: self.preview())
        self.print_button.clicked.connect(lambda: self.print_report())
        self.pdf_button.clicked.connect(lambda: self.save_pdf())
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report = self.preview_dialog = self.printed = self.saved = None
        self.busy = False

        heading = QLabel(self.title(), self)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        about = QLabel(explanation, self)
        about.setWordWrap(True)
        form = QFormLayout()
        form.addRow(label, self.period)
        buttons = QHBoxLayout()
        for button in (self.preview_button, self.print_button, self.pdf_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def title(self) -> str:
        return self.tr("Monthly circular") if self.is_county else self.tr("Daily summary")

    def refresh(self) -> None:
        self.status.clear()

    # what the chosen period means
    def selected_period(self) -> str:
        chosen = self.period.date()
        if self.is_county:
            return f"{chosen.year():04d}-{chosen.month():02d}"
        return f"{chosen.year():04d}-{chosen.month():02d}-{chosen.day():02d}"

    def report_work(self):
        """`work(progress)` that builds the chosen report in its own read-only connection; what
        it needs from the workspace (code lists, forms, codes, period) is read here, on the GUI thread."""
        db_path = self.workspace.paths.db_path
        divisions = codelists_divisions.for_workspace(self.workspace)   # the county's list, once received
        from desktop.core.entry.entry import registry

        forms = registry(self.workspace)
        period = self.selected_period()
        if self.is_county:
            county = self.workspace.county

            def build(db, progress):
                return circular.build(db, county, period, divisions, forms=forms, progress=progress)
        else:
            township = self.workspace.township

            def build(db, _progress):
                return daily.build(db, township, period, divisions, forms=forms)

        def work(progress):
            db = connect(db_path, readonly=True)
            try:
                return build(db, progress)
            finally:
                db.conn.close()

        return work

    def build_then(self, then):
        """Build the report through the task service, then `then(report)` on the GUI thread; a
        refusal goes to the status line and a message. Returns the service's task."""
        self.set_busy(True)

        def built(report):
            self.report = report
            try:
                then(report)
            except UserError as error:
                self._fail(error)

        label = self.tr("Building the monthly circular…") if self.is_county else self.tr("Building the daily summary…")
        return service().run(self.report_work(), parent=self, label=label, cancellable=self.is_county,
                             uses_store=False, on_done=built, on_failed=self._fail,
                             on_cancelled=lambda _partial: self.status.setText(self.tr("Cancelled.")),
                             finally_=lambda: self.set_busy(False))

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        for button in (self.preview_button, self.print_button, self.pdf_button):
            button.setEnabled(not busy)

    def _subject(self, report) -> tuple[str, dict]:
        if self.is_county:
            return "circular", {"county": report.county, "month": report.month}
        return "daily_summary", {"township": report.township, "date": report.date, "audit_seq": report.audit_seq}

    def _record(self, report, destination: str, pages: int) -> None:
        kind, subject = self._subject(report)
        printing.record_printed(self.workspace, kind, subject, destination=destination, pages=pages)

    def _fail(self, error: UserError) -> None:
        self.status.setText(str(error))
        QMessageBox.warning(self, self.title(), str(error))

    # the three actions (each builds through the task service first)
    def make_preview_dialog(self, report) -> QPrintPreviewDialog:
        dialog = QPrintPreviewDialog(self)
        dialog.setWindowTitle(self.tr("Print preview: %1").replace("%1", self.title()))
        dialog.paintRequested.connect(lambda printer: output.paint(report, printer))
        return dialog

    def preview(self):
        """Build, then show the preview (not blocking: `self.preview_dialog`). Returns the task."""
        def show(report):
            self.preview_dialog = self.make_preview_dialog(report)
            self.preview_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.preview_dialog.open()

        return self.build_then(show)

    def print_report(self, printer: QPrinter | None = None):
        """Build, then print on `printer` or on one the user picks in the print dialog; the pages
        printed go to `self.printed` (0: cancelled) and the status line. Returns the task."""
        def print_it(report):
            chosen = printer
            if chosen is None:
                chosen = QPrinter(QPrinter.PrinterMode.HighResolution)
                dialog = QPrintDialog(chosen, self)
                if dialog.exec() != QPrintDialog.DialogCode.Accepted:
                    self.printed = 0
                    return
            with _wait_cursor():
                pages = output.paint(report, chosen)
            self._record(report, "printer", pages)
            self.printed = pages
            self.status.setText(counted(pages, self.tr("Printed 1 page."), self.tr("Printed %n pages.")))

        self.printed = None
        return self.build_then(print_it)

    def default_file_name(self) -> str:
        if self.is_county:
            return f"circular-{self.workspace.county}-{self.selected_period()}.pdf"
        return f"summary-{self.workspace.township}-{self.selected_period()}.pdf"

    def save_pdf(self, path: str | None = None):
        """Build, then write the PDF to `path` or where the user chooses; the path written goes to
        `self.saved` and the status line. Returns the task (None: no file chosen)."""
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save as PDF"), self.default_file_name(),
                                                  self.tr("PDF files (*.pdf)"))
            if not path:
                return None

        def write(report):
            with _wait_cursor():
                pages = output.write_pdf(report, path)
            self._record(report, "pdf", pages)
            self.saved = path
            self.status.setText(counted(pages, self.tr("Saved %1 (1 page)."), self.tr("Saved %1 (%n pages)."))
                                .replace("%1", path))

        self.saved = None
        return self.build_then(write)
