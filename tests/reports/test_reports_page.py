"""The Reports page: real widgets, a real database, PDFs written and a preview painted."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtPrintSupport import QPrinter

from desktop.core.store import audit
from desktop.ui.reports.reports_page import ReportsPage
from tests.reports.conftest import pdf_pages, pdf_text
from tests.reports.seeding import DAY


def test_township_page_saves_the_chosen_day_as_pdf(qtbot, seeded_township, tmp_path):
    workspace, _ = seeded_township
    workspace.clerk = "王丽"
    page = ReportsPage(workspace)
    qtbot.addWidget(page)
    assert page.title() == "Daily summary"
    page.period.setDate(QDate(2026, 11, 20))
    assert page.selected_period() == DAY
    out = tmp_path / "page.pdf"
    page.save_pdf(str(out))                      # built through the task service, then written
    qtbot.waitUntil(lambda: page.saved == str(out), timeout=10000)
    assert "2026-11-20" in pdf_text(out) and "Pingshu Town" in pdf_text(out)
    assert "Saved" in page.status.text()
    event = audit.entries(workspace.db, event="print", limit=1)[0]
    assert event.details["date"] == DAY and event.clerk == "王丽"


def test_preview_paints_the_same_pages(qtbot, seeded_township, tmp_path):
    workspace, _ = seeded_township
    page = ReportsPage(workspace)
    qtbot.addWidget(page)
    page.period.setDate(QDate(2026, 11, 20))
    page.preview()
    qtbot.waitUntil(lambda: page.preview_dialog is not None and page.preview_dialog.isVisible(), timeout=10000)
    dialog = page.preview_dialog
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "preview.pdf"))
    dialog.paintRequested.emit(printer)
    assert pdf_pages(tmp_path / "preview.pdf") >= 1
    assert "Daily summary" in pdf_text(tmp_path / "preview.pdf")
    dialog.close()
    page.print_report(printer)                  # printing on a given printer records the event
    qtbot.waitUntil(lambda: page.printed is not None, timeout=10000)
    assert page.printed >= 1 and "Printed" in page.status.text()
    assert audit.entries(workspace.db, event="print", limit=1)[0].details["destination"] == "printer"


def test_county_page_chooses_a_month(qtbot, seeded_county, tmp_path):
    workspace, _ = seeded_county
    page = ReportsPage(workspace)
    qtbot.addWidget(page)
    assert page.title() == "Monthly circular"
    page.period.setDate(QDate(2026, 11, 1))
    assert page.selected_period() == "2026-11"
    out = tmp_path / "circular.pdf"
    page.save_pdf(str(out))
    qtbot.waitUntil(lambda: page.saved == str(out), timeout=10000)
    text = pdf_text(out)
    assert "Dacheng County: circular" in text and "Entry rate" in text and "Wangcun" in text


def test_an_unwritable_file_is_shown_not_raised(qtbot, seeded_township, tmp_path, monkeypatch):
    workspace, _ = seeded_township
    page = ReportsPage(workspace)
    qtbot.addWidget(page)
    shown = []
    monkeypatch.setattr("desktop.ui.reports.reports_page.QMessageBox.warning", lambda *args: shown.append(args[2]))
    blocker = tmp_path / "file"
    blocker.write_text("x")
    page.save_pdf(str(blocker / "x.pdf"))
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert page.saved is None and "Cannot write" in page.status.text()
    assert page.pdf_button.isEnabled()           # the buttons come back once the task has ended


def test_the_page_is_translated_into_chinese(qtbot, seeded_township, qapp):
    from PySide6.QtCore import QTranslator

    from desktop.core.paths import resource

    translator = QTranslator()
    assert translator.load(str(resource("translations", "reports_zh_CN.qm")))
    qapp.installTranslator(translator)
    try:
        page = ReportsPage(seeded_township[0])
        qtbot.addWidget(page)
        assert page.title() == "日报" and page.pdf_button.text() == "另存为 PDF(&S)..."
    finally:
        qapp.removeTranslator(translator)


def _heard(label: str):
    """The values the task service hears from the task labelled `label`, on the worker as they go out."""
    from PySide6.QtCore import Qt

    from desktop.ui.shell.tasks import service

    heard = []

    def hear(task, done, total, _text):
        if task.label == label:
            heard.append((task, done, total))

    service()._progressed.connect(hear, Qt.ConnectionType.DirectConnection)
    return heard, lambda: service()._progressed.disconnect(hear)


def test_the_county_page_builds_the_circular_through_the_task_service_and_shows_it(qtbot, seeded_county,
                                                                                    tmp_path):
    from desktop.core.codelists import codelists_divisions

    workspace, _ = seeded_county
    page = ReportsPage(workspace)
    qtbot.addWidget(page)
    page.period.setDate(QDate(2026, 11, 1))
    townships = len(codelists_divisions.for_workspace(workspace).children(workspace.county, "township"))
    heard, stop = _heard("Building the monthly circular…")
    try:
        task = page.preview()
        assert not page.preview_button.isEnabled()          # busy while the worker builds
        assert task.cancellable and task.future is not None
        qtbot.waitUntil(lambda: page.preview_dialog is not None and page.preview_dialog.isVisible(), timeout=10000)
    finally:
        stop()
    assert heard[0][1:] == (0, townships) and heard[-1][1:] == (townships, townships) and townships > 1
    assert page.report.county == workspace.county and page.report.month == "2026-11"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "shown.pdf"))
    page.preview_dialog.paintRequested.emit(printer)
    assert "Dacheng County: circular" in pdf_text(tmp_path / "shown.pdf")
    page.preview_dialog.close()
    assert page.preview_button.isEnabled()


def test_building_the_circular_can_be_cancelled_between_townships(qtbot, seeded_county, tmp_path):
    workspace, _ = seeded_county
    page = ReportsPage(workspace)
    qtbot.addWidget(page)
    page.period.setDate(QDate(2026, 11, 1))
    heard, stop = _heard("Building the monthly circular…")
    from PySide6.QtCore import Qt

    from desktop.ui.shell.tasks import service

    def cancel_at_once(task, _done, _total, _text):
        if task.label == "Building the monthly circular…":
            task.cancel()                         # from the worker, as the dialog's button would

    service()._progressed.connect(cancel_at_once, Qt.ConnectionType.DirectConnection)
    try:
        page.save_pdf(str(tmp_path / "never.pdf"))
        qtbot.waitUntil(lambda: page.status.text() == "Cancelled.", timeout=10000)
    finally:
        service()._progressed.disconnect(cancel_at_once)
        stop()
    assert not (tmp_path / "never.pdf").exists() and page.saved is None and page.pdf_button.isEnabled()
    assert [done for _task, done, _total in heard] == [0]
    assert audit.entries(workspace.db, event="print") == []
