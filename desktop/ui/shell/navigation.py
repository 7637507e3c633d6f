"""The main window's page list, showing each page's shortcut (Ctrl+1…) in light grey.

The shortcut sits right-aligned on the title's line when both fit in the list's width, and on a
second, smaller line under the title when they do not (long English titles in larger text), so the
list never needs to be wider than at 1366x768. The key is item data (SHORTCUT_ROLE), not part of
the title, so the title stays the page's own translated text.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStyle, QStyledItemDelegate, QStyleOptionViewItem

SHORTCUT_ROLE = Qt.ItemDataRole.UserRole + 1
PADDING_X, PADDING_Y, GAP = 8, 8, 10
SHORTCUT_COLOUR = QColor("#8a8a8a")


class NavigationDelegate(QStyledItemDelegate):
    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        small = QFont(option.font)
        small.setPointSizeF(max(6.0, option.font.pointSizeF() * 0.85))
        return option.font, small

    def _one_line(self, option: QStyleOptionViewItem, title: str, key: str, width: int) -> bool:
        title_font, small = self._fonts(option)
        needed = QFontMetrics(title_font).horizontalAdvance(title) + GAP + QFontMetrics(small).horizontalAdvance(key)
        return needed <= width - 2 * PADDING_X

    def _width(self, option: QStyleOptionViewItem) -> int:
        view = option.widget
        return view.viewport().width() if view is not None else option.rect.width()

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 (Qt's name)
        option = QStyleOptionViewItem(option)
        self.initStyleOption(option, index)
        title, key = option.text, index.data(SHORTCUT_ROLE) or ""
        title_font, small = self._fonts(option)
        height = QFontMetrics(title_font).height() + 2 * PADDING_Y
        if key and not self._one_line(option, title, key, self._width(option)):
            height += QFontMetrics(small).height()
        return QSize(self._width(option), height)

    def paint(self, painter, option, index) -> None:
        option = QStyleOptionViewItem(option)
        self.initStyleOption(option, index)
        title, key = option.text, index.data(SHORTCUT_ROLE) or ""
        option.text = ""
        style = option.widget.style() if option.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        title_font, small = self._fonts(option)
        text_rect = option.rect.adjusted(PADDING_X, 0, -PADDING_X, 0)
        line_height = QFontMetrics(title_font).height()
        painter.save()
        painter.setPen(option.palette.color(QPalette.ColorRole.HighlightedText if selected
                                            else QPalette.ColorRole.Text))
        painter.setFont(title_font)
        if not key or self._one_line(option, title, key, option.rect.width()):
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
            key_rect = text_rect
        else:
            top = option.rect.top() + PADDING_Y
            painter.drawText(QRect(text_rect.left(), top, text_rect.width(), line_height),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
            key_rect = QRect(text_rect.left(), top + line_height, text_rect.width(), QFontMetrics(small).height())
        if key:
            painter.setFont(small)
            painter.setPen(option.palette.color(QPalette.ColorRole.HighlightedText) if selected else SHORTCUT_COLOUR)
            painter.drawText(key_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, key)
        painter.restore()


class NavigationList(QListWidget):
    """A list of page titles, each with its shortcut drawn beside or under it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setItemDelegate(NavigationDelegate(self))
        self.setUniformItemSizes(False)

    def add_page(self, title: str, shortcut: str | None) -> QListWidgetItem:
        item = QListWidgetItem(title)
        if shortcut:
            item.setData(SHORTCUT_ROLE, shortcut)
            item.setToolTip(shortcut)
        self.addItem(item)
        return item

    def fit_titles(self, least: int) -> None:
        """As wide as the widest title needs at the text size in use (175 % text widens it a
        little), never narrower than `least`; the key goes under a title it does not fit beside."""
        from PySide6.QtGui import QFontMetrics

        metrics = QFontMetrics(self.font())
        widest = max((metrics.horizontalAdvance(self.item(row).text()) for row in range(self.count())), default=0)
        frame = 2 * self.frameWidth() + self.verticalScrollBar().sizeHint().width() // 4
        self.setFixedWidth(max(least, widest + 2 * PADDING_X + frame + 4))

    def shortcut(self, row: int) -> str:
        return self.item(row).data(SHORTCUT_ROLE) or ""

    def shows_shortcut_on_one_line(self, row: int) -> bool:
        """Whether the key sits beside the title (True) or under it (False); for tests."""
        option = QStyleOptionViewItem()
        option.initFrom(self)
        option.font = self.font()
        index = self.model().index(row, 0)
        delegate = self.itemDelegate()
        delegate.initStyleOption(option, index)
        return delegate._one_line(option, option.text, self.shortcut(row), self.viewport().width())
