"""The cell painter of a paged table whose cells are their display text alone (the records list).

Qt's own delegate asks the model for seven roles of every cell it paints (font, alignment,
colours, check state, icon, text, background): on a Python model each is a call from C++ into
Python, about 1,100 of them for the 26 rows a full-screen list shows, and most of the cost of
painting its first page. A PagedTableModel row already holds each cell's text (`row[n + 1]`), so
this delegate fills the style option from the row in one Python call per cell and leaves every
other field as the view set it — what Qt's delegate does when the model answers None for those
roles, as the records model does. The painted pixels are the same (tests/ui/test_records_page.py).
A model that answers other roles (`_other_data`: the audit trail's) keeps Qt's delegate.
"""

from __future__ import annotations

from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay


class DisplayTextDelegate(QStyledItemDelegate):
    def __init__(self, model, parent=None):
        super().__init__(parent)
        self._model = model

    def initStyleOption(self, option, index) -> None:
        option.index = index
        text = self._model.display_text(index.row(), index.column())
        if text is not None:
            option.features |= HAS_DISPLAY
            option.text = text
        option.styleObject = None     # as Qt's delegate: no style animations inside item views
