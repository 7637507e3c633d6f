"""Images on printed reports: the QR code (from segno) and the circular's bar chart.

Both are drawn at the output device's resolution in black, white and grey hatching, so they
stay crisp and legible on an old laser printer. The QR code uses a whole number of device pixels
per module, so no scaling blurs it.
"""

from __future__ import annotations

import io

import segno
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPainter, QPen

from desktop.render.fonts import report_fonts

QUIET_ZONE = 4


def qr_image(payload: str, dpi: float, width_mm: float = 32.0) -> QImage:
    code = segno.make(payload, error="m", micro=False)
    modules = code.symbol_size(scale=1, border=QUIET_ZONE)[0]
    module_px = max(1, int(width_mm * dpi / 25.4) // modules)
    # segno writes the PNG; one Qt call loads it (module-by-module painting would cost thousands)
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=module_px, border=QUIET_ZONE)
    return QImage.fromData(buffer.getvalue(), "PNG")


def bar_chart(bars: list[tuple[str, float | None, bool]], target: float, dpi: float, *,
              width_mm: float = 170.0, title: str = "", target_label: str = "",
              not_measured: str = "—") -> QImage:
    """Horizontal bars: (label, rate or None, below target); a dashed line marks the target.

    Bars below target are hatched, the others solid grey, so the difference survives a
    black-and-white copy. Rates above 100 % are drawn to the edge with their value printed."""
    px = dpi / 25.4
    row_mm, top_mm, bottom_mm, label_mm, value_mm = 6.0, 8.0, 7.0, 28.0, 16.0
    width = int(width_mm * px)
    height = int((top_mm + bottom_mm + row_mm * max(1, len(bars))) * px)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    fonts = report_fonts()
    font = QFont(fonts.serif)
    font.setPixelSize(max(8, int(3.2 * px)))
    painter.setFont(font)
    # the label column fits the longest name ("Urban District Office" needs more than 平舒镇), up to
    # a third of the chart; a longer one is elided rather than cut at the left edge
    widest = max((QFontMetricsF(font).horizontalAdvance(label) for label, _rate, _below in bars), default=0.0)
    label_px = min(max(label_mm * px, widest + 3 * px), width / 3)
    plot_left, plot_right = label_px, width - value_mm * px
    plot_width = plot_right - plot_left
    top, bottom = top_mm * px, height - bottom_mm * px
    pen = QPen(Qt.GlobalColor.black, max(1.0, 0.25 * px))
    painter.setPen(pen)
    if title:
        painter.drawText(QRectF(0, 0, width, top * 0.8), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), title)
    # scale: 0 % to 100 %, ticks every 20 %
    for tick in range(0, 101, 20):
        x = plot_left + plot_width * tick / 100
        painter.setPen(QPen(QColor(170, 170, 170), max(1.0, 0.15 * px)))
        painter.drawLine(int(x), int(top), int(x), int(bottom))
        painter.setPen(pen)
        painter.drawText(QRectF(x - 8 * px, bottom, 16 * px, bottom_mm * px * 0.6),
                         int(Qt.AlignmentFlag.AlignCenter), f"{tick}%")
    for index, (label, rate, below) in enumerate(bars):
        y = top + index * row_mm * px
        painter.setPen(pen)
        shown = QFontMetricsF(font).elidedText(label, Qt.TextElideMode.ElideRight, plot_left - 2 * px)
        painter.drawText(QRectF(0, y, plot_left - 2 * px, row_mm * px),
                         int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), shown)
        if rate is None:
            painter.drawText(QRectF(plot_left + 2 * px, y, 30 * px, row_mm * px),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), not_measured)
            continue
        bar = QRectF(plot_left, y + row_mm * px * 0.18, plot_width * min(rate, 1.0), row_mm * px * 0.64)
        brush = QBrush(Qt.GlobalColor.black, Qt.BrushStyle.BDiagPattern) if below else QBrush(QColor(110, 110, 110))
        painter.fillRect(bar, QBrush(Qt.GlobalColor.white))
        painter.fillRect(bar, brush)
        painter.drawRect(bar)
        painter.drawText(QRectF(plot_right + 1.5 * px, y, value_mm * px, row_mm * px),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         f"{rate * 100:.1f}%" + (" ▼" if below else ""))
    target_x = plot_left + plot_width * target
    painter.setPen(QPen(Qt.GlobalColor.black, max(1.0, 0.4 * px), Qt.PenStyle.DashLine))
    painter.drawLine(int(target_x), int(top - 1.5 * px), int(target_x), int(bottom))
    if target_label:
        painter.drawText(QRectF(target_x - 20 * px, top - 5 * px, 40 * px, 3.5 * px),
                         int(Qt.AlignmentFlag.AlignCenter), target_label)
    painter.end()
    return image
