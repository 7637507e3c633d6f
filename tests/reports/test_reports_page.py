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
    assert page.save_pdf(str(out)) == str(out)
    assert "2026-11-20" in pdf_text(out) and "Pingshu Town" in pdf_text(out)
    assert "Saved" in page.status.text()
    event = audit.entries(workspace.db, event="print", limit=1)[0]
    assert event.details["date"] == DAY and event.clerk == "王丽"


def test_preview_paints_the_same_pages(qtbot, seeded_township, tmp_path):
    workspace, _ = seeded_township
    page = ReportsPage(workspace)
    qtbot.addWidget(page)
    page.period.setDate(QDate(2026, 11, 20))
    dialog = page.make_preview_dialog()
    qtbot.addWidget(dialog)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "preview.pdf"))
    dialog.paintRequested.emit(printer)
    assert pdf_pages(tmp_path / "preview.pdf") >= 1
    assert "Daily summary" in pdf_text(tmp_path / "preview.pdf")
    assert page.print_report(printer) >= 1      # printing on a given printer records the event
    assert audit.entries(workspace.db, event="print", limit=1)[0].details["destination"] == "printer"


def test_county_page_chooses_a_month(qtbot, seeded_county, tmp_path):
    workspace, _ = seeded_county
    page = ReportsPage(workspace)
    qtbot.addWidget(page)
    assert page.title() == "Monthly circular"
    page.period.setDate(QDate(2026, 11, 1))
    assert page.selected_period() == "2026-11"
    out = tmp_path / "circular.pdf"
    assert page.save_pdf(str(out))
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
    assert page.save_pdf(str(blocker / "x.pdf")) is None
    assert shown and "Cannot write" in page.status.text()


def test_the_page_is_translated_into_chinese(qtbot, seeded_township, qapp):
    from PySide6.QtCore import QTranslator

    from desktop.core.paths import resource

    translator = QTranslator()
    assert translator.load(str(resource("translations", "reports_zh_CN.qm")))
    qapp.installTranslator(translator)
    try:
        page = ReportsPage(seeded_township[0])
        qtbot.addWidget(page)
        assert page.title() == "日报" and page.pdf_button.text() == "另存为 PDF(&D)..."
    finally:
        qapp.removeTranslator(translator)
