"""Putting a report on paper or in a PDF; one painter path for PDF, print preview and printer.

`paint(report, device)` takes a DailySummary or a Circular and any QPagedPaintDevice (QPdfWriter,
or the QPrinter a QPrintPreviewDialog hands over). Headless callers get a Q(Gui)Application from
`ensure_app()` (offscreen when there is no display).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from desktop.core.errors import UserError
from desktop.core.i18n import Text
from desktop.core.reports.circular import Circular
from desktop.core.reports.daily import DailySummary
from desktop.render import paged

PDF_DPI = 300
_app = None


def ensure_app():
    """The running QGuiApplication, or a new one (offscreen when no display is available)."""
    global _app
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    existing = QGuiApplication.instance()
    if existing is not None:
        return existing
    if sys.platform.startswith("linux") and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QApplication(["township"])
    return _app


def layout_maker(report):
    if isinstance(report, DailySummary):
        from desktop.render import summary
        return lambda dpi: summary.layout(report, dpi)
    if isinstance(report, Circular):
        from desktop.render import circular
        return lambda dpi: circular.layout(report, dpi)
    from desktop.core.reports.slip import RecordList, RecordSlip
    if isinstance(report, RecordSlip):
        from desktop.render import slip
        return lambda dpi: slip.slip_layout(report, dpi)
    if isinstance(report, RecordList):
        from desktop.render import slip
        return lambda dpi: slip.list_layout(report, dpi)
    raise TypeError(f"not a report: {type(report).__name__}")


def paint(report, device) -> int:
    """Paint the report on a paged device; returns the number of pages."""
    return paged.paint(device, layout_maker(report))


def write_pdf(report, path: str | os.PathLike) -> int:
    """Write the report as an A4 PDF (written beside the target, then renamed); returns pages."""
    from PySide6.QtGui import QPdfWriter

    ensure_app()
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".report-", suffix=".pdf", dir=target.parent)
        os.close(handle)
    except OSError as error:
        raise UserError(Text("Cannot write {file}: {err}", "无法写入 {file}：{err}")
                        .format(file=target, err=error.strerror), code="unwritable") from error
    try:
        writer = QPdfWriter(temporary)
        writer.setResolution(PDF_DPI)
        writer.setCreator("Township Desk")
        writer.setTitle(_title(report))
        pages = paint(report, writer)
        del writer  # closes the file
        os.replace(temporary, target)
    except OSError as error:
        raise UserError(Text("Cannot write {file}: {err}", "无法写入 {file}：{err}")
                        .format(file=target, err=error.strerror), code="unwritable") from error
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return pages


def print_report(report, printer_name: str | None = None) -> int:
    """Send the report to a printer (the default one unless named); returns pages."""
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    ensure_app()
    info = QPrinterInfo.printerInfo(printer_name) if printer_name else QPrinterInfo.defaultPrinter()
    if info.isNull():
        raise UserError(Text("No printer found{name}. Save a PDF instead (--pdf FILE).",
                             "找不到打印机{name}。请改为保存 PDF（--pdf 文件）。")
                        .format(name=f" ({printer_name})" if printer_name else ""), code="no-printer")
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    return paint(report, printer)


def _title(report) -> str:
    from desktop.render import labels as L
    if isinstance(report, DailySummary):
        return f"{report.township_name.get()} {L.SUMMARY_SHORT.get()} {report.date}"
    if not isinstance(report, Circular):
        from desktop.render import slip
        if hasattr(report, "record_id"):
            return f"{report.township_name.get()} {slip.SLIP_SHORT.get()}"
        return f"{report.township_name.get()} {slip.LIST_SHORT.get()}"
    short = L.PROVINCIAL_SHORT if report.level == "province" else L.CIRCULAR_SHORT
    return f"{report.county_name.get()} {short.get()} {report.month}"
