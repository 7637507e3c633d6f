"""Painting an HTML document on A4 pages with a running header and footer on every page.

The document is laid out against the target device itself (its resolution), so point sizes and
millimetres mean the same on a PDF and on a printer; QTextDocument paginates it (table header
rows repeat on each page) and each page's slice is painted between the header and the footer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QFont,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPen,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from desktop.render.fonts import report_fonts

MARGIN_MM = (18.0, 14.0, 15.0, 12.0)   # left, top, right, bottom: room for binding on the left
HEADER_MM = 9.0
FOOTER_MM = 8.0
BODY_POINT_SIZE = 10.5                 # 五号, the usual size of official tables


@dataclass
class PageFrame:
    """What runs on every page: header left/right, footer left; the footer centre is the page number."""

    header_left: str
    header_right: str
    footer_left: str
    page_label: str = "{page} / {pages}"      # formatted with page and pages
    footer_right: str = ""


@dataclass
class Layout:
    html: str
    frame: PageFrame
    images: dict[str, QImage] = field(default_factory=dict)
    landscape: bool = False                   # A4 landscape (a wide list) instead of portrait


def mm(device, millimetres: float) -> float:
    """Millimetres in the device's pixels."""
    return millimetres * device.logicalDpiY() / 25.4


def html_pixels(device_pixels: float, dpi: float) -> int:
    """The width/height to write in an <img> tag so the image takes `device_pixels` on the device.

    QTextDocument scales image sizes by the layout device's DPI over Qt's default (screen) DPI."""
    from PySide6.QtGui import QGuiApplication
    screen = QGuiApplication.primaryScreen()
    default_dpi = screen.logicalDotsPerInchY() if screen is not None else 96.0
    return max(1, round(device_pixels * default_dpi / dpi))


def prepare(device: QPagedPaintDevice, landscape: bool = False) -> None:
    """A4 portrait (or landscape) with our margins (the painter's origin becomes the top-left of the margins)."""
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    device.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation,
                                     QMarginsF(*MARGIN_MM), QPageLayout.Unit.Millimeter))


def build_document(device, layout: Layout, width: float, height: float) -> QTextDocument:
    fonts = report_fonts()
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    font = QFont(fonts.serif)
    font.setPointSizeF(BODY_POINT_SIZE)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    for name, image in layout.images.items():
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    document.setHtml(layout.html)
    document.setPageSize(QSizeF(width, height))
    keep_blocks_together(document, height)
    return document


def keep_blocks_together(document: QTextDocument, page_height: float) -> None:
    """Start each marked block (html.keep_together) on a new page if it would straddle two.

    QTextDocument honours only explicit page breaks, so each straddling block gets one; blocks
    are handled top to bottom because a break moves everything after it."""
    from desktop.render.html import HEADING_ANCHOR, KEEP_ANCHOR

    layout = document.documentLayout()
    room_after_heading = page_height * 0.06   # a heading needs a few lines of its content below it
    block = document.begin()
    while block.isValid():
        anchors = _anchors(block)
        if HEADING_ANCHOR in anchors and QTextCursor(block).currentTable() is None:
            rect = layout.blockBoundingRect(block)
            if page_height - (rect.bottom() % page_height) < room_after_heading:
                block_format = block.blockFormat()
                block_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                QTextCursor(block).setBlockFormat(block_format)
        if KEEP_ANCHOR in anchors:
            table = QTextCursor(block).currentTable()
            if table is not None:
                rect = layout.frameBoundingRect(table)
                first, last = int(rect.top() // page_height), int((rect.bottom() - 1) // page_height)
                if first != last and rect.height() < page_height:
                    table_format = table.format()
                    table_format.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                    table.setFormat(table_format)
        block = block.next()


def _anchors(block) -> list[str]:
    names = []
    iterator = block.begin()
    while not iterator.atEnd():
        names += iterator.fragment().charFormat().anchorNames()
        iterator += 1
    return names


def paint(device: QPagedPaintDevice, make_layout) -> int:
    """Paint a report on `device`; `make_layout(dpi)` returns its Layout. Returns the page count.

    The layout is made after the device is set up so images can be drawn at its resolution."""
    prepare(device)
    layout = make_layout(device.logicalDpiY())
    if layout.landscape:
        prepare(device, landscape=True)
    width, full_height = device.width(), device.height()
    header, footer = mm(device, HEADER_MM), mm(device, FOOTER_MM)
    body_height = full_height - header - footer
    document = build_document(device, layout, width, body_height)
    pages = max(1, document.pageCount())
    fonts = report_fonts()
    small = QFont(fonts.sans)
    small.setPointSizeF(8.0)
    painter = QPainter()
    if not painter.begin(device):
        raise RuntimeError("cannot paint on the output device")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for page in range(pages):
            if page:
                device.newPage()
            _paint_frame(painter, layout.frame, small, page + 1, pages, width, full_height, header, footer)
            painter.save()
            painter.translate(0, header - page * body_height)
            document.drawContents(painter, QRectF(0, page * body_height, width, body_height))
            painter.restore()
    finally:
        painter.end()
    return pages


def _paint_frame(painter: QPainter, frame: PageFrame, font: QFont, page: int, pages: int,
                 width: float, height: float, header: float, footer: float) -> None:
    painter.save()
    painter.setFont(font)
    painter.setPen(QPen(Qt.GlobalColor.black, max(1.0, header / 60)))
    top = QRectF(0, 0, width, header * 0.75)
    painter.drawText(top, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), frame.header_left)
    painter.drawText(top, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), frame.header_right)
    painter.drawLine(0, int(header * 0.8), int(width), int(header * 0.8))
    line_y = height - footer * 0.85
    painter.drawLine(0, int(line_y), int(width), int(line_y))
    bottom = QRectF(0, height - footer * 0.8, width, footer * 0.8)
    painter.drawText(bottom, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), frame.footer_left)
    painter.drawText(bottom, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter),
                     frame.page_label.format(page=page, pages=pages))
    painter.drawText(bottom, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), frame.footer_right)
    painter.restore()
