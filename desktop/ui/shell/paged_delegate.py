"""The cell painter of a paged table whose cells are their display text alone (the records list).

Qt's own delegate asks the model for seven roles of every cell it paints (font, alignment,
colours, check state, icon, text, background): on a Python model each is a call from C++ into
Python, about 1,100 of them for the 26 rows a full-screen list shows, and most of the cost of
painting its first page. A PagedTableModel row already holds each cell's text (`row[n + 1]`), so
this delegate fills the style option from the row in one Python call per cell and leaves every
other field as the view set it — what Qt's delegate does when the model answers None for those
roles, as the records model does. The painted pixels are the same (tests/ui/test_records_page.py).
A model that answers other roles (`_other_data`: the audit trail's) keeps Qt's delegate.

While a DisplayTextTable paints, the cell's text goes to the style without the "has display"
feature. That feature only tells the style to measure the text: QCommonStyle (Fusion, Windows)
lays the text out once for each of the three parts of a cell it places (check box, icon, text)
and once more to draw it, four layouts a cell. A table view gives the text the whole cell
(`showDecorationSelected`), so the measure changes nothing there, and the text is still drawn —
elided, highlighted, focused — as before, laid out once. That this paints the same pixels is
checked on the first paint for each style, font and row height (`_UnmeasuredText`): where a style
would paint differently, the text is measured as before. Sizing a column to its contents
(`sizeHint`) always measures.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTableView

HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay


class DisplayTextDelegate(QStyledItemDelegate):
    def __init__(self, model, parent=None):
        super().__init__(parent)
        self._model = model
        self.measure_text = True     # False only while a DisplayTextTable paints (see above)

    def initStyleOption(self, option, index) -> None:
        option.index = index
        text = self._model.display_text(index.row(), index.column())
        if text is not None:
            if self.measure_text:
                option.features |= HAS_DISPLAY
            option.text = text
        option.styleObject = None     # as Qt's delegate: no style animations inside item views


class DisplayTextTable(QTableView):
    """A table view over a PagedTableModel, painted through a DisplayTextDelegate that does not
    have the style measure the text it paints where that changes no pixel (the records list)."""

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.text_delegate = DisplayTextDelegate(model, self)
        self.setItemDelegate(self.text_delegate)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        delegate = self.text_delegate
        if self.itemDelegate() is not delegate or not _UnmeasuredText.same_pixels(self):
            super().paintEvent(event)
            return
        delegate.measure_text = False
        try:
            super().paintEvent(event)
        finally:
            delegate.measure_text = True


class _UnmeasuredText:
    """Whether a view's style paints a cell's text the same without measuring it first: tried
    once for each style, font and row height (about 0.5 ms, on the first paint), on a short
    Chinese text and a long one that is elided, in a plain, an alternate and a selected, focused
    cell."""

    SAMPLES = ("王小红", "Dongzangtun Village 东臧屯村 131025********002X")
    WIDTH = 120
    @classmethod
    def same_pixels(cls, view) -> bool:
        style = view.style()
        # kept on the style object itself (an id() could be a freed style's, reused)
        name = f"township-unmeasured-text:{view.font().key()}:{view.verticalHeader().defaultSectionSize()}"
        known = style.property(name)
        if known is None:
            known = cls._try(view)
            style.setProperty(name, known)
        return bool(known)

    @classmethod
    def _try(cls, view) -> bool:
        state = QStyle.StateFlag
        option = QStyleOptionViewItem()
        view.initViewItemOption(option)
        option.rect = QRect(0, 0, cls.WIDTH, view.verticalHeader().defaultSectionSize())
        option.styleObject = None
        plain = option.state | state.State_Enabled | state.State_Active
        looks = [(plain, False), (plain, True), (plain | state.State_Selected | state.State_HasFocus, False)]
        for text in cls.SAMPLES:
            for cell_state, alternate in looks:
                cell = QStyleOptionViewItem(option)
                cell.state, cell.text = cell_state, text
                if alternate:
                    cell.features |= QStyleOptionViewItem.ViewItemFeature.Alternate
                measured = QStyleOptionViewItem(cell)
                measured.features |= HAS_DISPLAY
                if cls._painted(view, measured) != cls._painted(view, cell):
                    return False
        return True

    @staticmethod
    def _painted(view, option) -> QImage:
        ratio = view.devicePixelRatioF()     # at the screen's scale (125 %, 150 %), as the view paints
        size = option.rect.size()
        image = QImage(round(size.width() * ratio), round(size.height() * ratio),
                       QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(0xFFFFFFFF)
        painter = QPainter(image)
        view.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, view)
        painter.end()
        return image
