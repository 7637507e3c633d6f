"""A row of two groups of widgets that goes onto two lines when the page is too narrow for it,
and a word-wrapped label that keeps the height of its lines (`keep_wrapped_height`).

At 100 % text a page's controls sit on one line; at 150 % or 175 % the same line is wider than
what 1366x768 leaves beside the navigation, and Qt would widen the window past the screen (or cut
the buttons). `WrappingRow(first, second)` lays the two groups side by side when both fit and the
second under the first when they do not, and asks only for the width of the wider group.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QLayout, QSizePolicy, QWidget


def group(parent: QWidget, *items, stretch_at: int | None = None, right: bool = False) -> QWidget:
    """A widget holding `items` (widgets, ints for spacing) in one tight row; `right`: pushed to
    the right edge when the group has a line of its own."""
    holder = QWidget(parent)
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    if right:
        row.addStretch(1)
    for index, item in enumerate(items):
        if isinstance(item, int):
            row.addSpacing(item)
        else:
            row.addWidget(item, 1 if index == stretch_at else 0)
    if stretch_at is None and not right:
        row.addStretch(1)   # on a line of its own the group stays together at the left
    return holder


class _WrappedHeight(QObject):
    def eventFilter(self, watched, event):  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Resize:
            needed = watched.heightForWidth(watched.width())
            if needed > 0 and needed != watched.minimumHeight():
                watched.setMinimumHeight(needed)
        return False


def keep_wrapped_height(label: QLabel) -> None:
    """A word-wrapped label inside nested layouts (a grid in a group box beside another) is not
    always given the height its second line needs; this keeps its minimum height at what its
    width needs, so larger text never cuts the second line."""
    label.setWordWrap(True)
    watcher = _WrappedHeight(label)
    label.installEventFilter(watcher)


class WrappingRow(QWidget):
    def __init__(self, first: QWidget, second: QWidget, parent=None, *, first_stretch: int = 1):
        super().__init__(parent)
        self.first, self.second = first, second
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)   # minimumSizeHint decides
        self.box.addWidget(first, first_stretch)
        self.box.addWidget(second, 0)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def wrapped(self) -> bool:
        return self.box.direction() == QBoxLayout.Direction.TopToBottom

    def _one_line_width(self) -> int:
        return self.first.sizeHint().width() + self.box.spacing() + self.second.sizeHint().width()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        width = max(self.first.minimumSizeHint().width(), self.second.minimumSizeHint().width())
        return QSize(width, self.box.minimumSize().height())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(self._one_line_width(), self.box.sizeHint().height())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        wanted = (QBoxLayout.Direction.LeftToRight if event.size().width() >= self._one_line_width()
                  else QBoxLayout.Direction.TopToBottom)
        if wanted != self.box.direction():
            self.box.setDirection(wanted)
            self.updateGeometry()
        super().resizeEvent(event)
