"""Finding text a person cannot read in full: labels and buttons narrower (or shorter) than their
text needs, and widgets pushed outside the part of a scroll area that is on screen."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QHeaderView, QLabel, QWidget


def needed_size(label: QLabel) -> tuple[int, int]:
    """Width and height the label's text needs at its current width (wrapping if it wraps)."""
    rect = label.contentsRect()
    indent = 0 if label.indent() < 0 else label.indent()
    width = max(rect.width() - indent, 1)
    flags = int(label.alignment().value)
    if label.wordWrap():
        flags |= int(Qt.TextFlag.TextWordWrap.value)
    if label.buddy() is not None:
        flags |= int(Qt.TextFlag.TextShowMnemonic.value)   # "&Date:" shows as "Date:"
    needed = label.fontMetrics().boundingRect(QRect(0, 0, width, 100_000), flags, label.text())
    return needed.width(), needed.height()


def clipped_text(top: QWidget) -> list[str]:
    """'what: text (why)' for each visible label or button on `top` whose text does not fit."""
    problems = []
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top) or widget.width() <= 0:
            continue
        if isinstance(widget, QLabel) and widget.text() and widget.textFormat() != Qt.TextFormat.RichText \
                and not widget.pixmap():
            width, height = needed_size(widget)
            room = widget.contentsRect()
            if width > room.width() + 1 or height > room.height() + 1:
                problems.append(f"label {widget.text()!r} needs {width}x{height}, has {room.width()}x{room.height()}")
        elif isinstance(widget, QAbstractButton) and widget.text():
            if widget.sizeHint().width() > widget.width() + 1:
                problems.append(f"button {widget.text()!r} needs {widget.sizeHint().width()}, has {widget.width()}")
    return problems


def outside_viewport(area: QAbstractScrollArea, widgets) -> list[str]:
    """Visible widgets of `area` lying (partly) left or right of what its viewport shows."""
    viewport = area.viewport()
    problems = []
    for widget in widgets:
        if not widget.isVisibleTo(area):
            continue
        left = widget.mapTo(viewport, QPoint(0, 0)).x()
        if left < 0 or left + widget.width() > viewport.width():
            text = widget.text() if hasattr(widget, "text") else type(widget).__name__
            problems.append(f"{text!r} spans x {left}..{left + widget.width()}, viewport 0..{viewport.width()}")
    return problems


def cut_columns(top: QWidget) -> list[str]:
    """'column title (needs, has)' for each visible table column narrower than its title needs
    (Qt's own measure of the header section: text, margins, the sort arrow where shown): a column
    whose name the clerk cannot read. A stretched column is measured at what the view gives it."""
    problems = []
    for header in top.findChildren(QHeaderView):
        if header.orientation() != Qt.Orientation.Horizontal or not header.isVisibleTo(top):
            continue
        model = header.model()
        if model is None:
            continue
        for section in range(header.count()):
            if header.isSectionHidden(section):
                continue
            title = model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
            if not title:
                continue
            needed = header.sectionSizeHint(section)
            if header.sectionSize(section) < needed:
                problems.append(f"column {title!r} needs {needed}, has {header.sectionSize(section)}")
    return problems


def cut_navigation(navigation) -> list[str]:
    """Page titles of the navigation list wider than the list: cut at the right edge."""
    problems = []
    metrics = QFontMetrics(navigation.font())
    room = navigation.viewport().width() - 16          # the delegate's padding on both sides
    for row in range(navigation.count()):
        title = navigation.item(row).text()
        if metrics.horizontalAdvance(title) > room:
            problems.append(f"page {title!r} needs {metrics.horizontalAdvance(title)}, has {room}")
    return problems
