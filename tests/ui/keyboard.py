"""Typing into real widgets the way a clerk does: ASCII through key presses, Chinese through an
input-method commit (as a pinyin IME delivers it; QTest cannot press keys for CJK characters)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication


def focused():
    widget = QApplication.focusWidget()
    assert widget is not None, "no widget has the keyboard focus"
    return widget


def type_text(text: str, widget=None) -> None:
    widget = widget or focused()
    for run in _runs(text):
        if run.isascii():
            QTest.keyClicks(widget, run)
        else:
            event = QInputMethodEvent()
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)
    QApplication.processEvents()


def press(key, modifiers=Qt.NoModifier, widget=None) -> None:
    QTest.keyClick(widget or focused(), key, modifiers)
    QApplication.processEvents()


def enter_field(text: str) -> None:
    """Type into the focused field and press Enter to move on."""
    if text:
        type_text(text)
    press(Qt.Key_Return)


def _runs(text: str):
    run = ""
    for char in text:
        if run and run[-1].isascii() != char.isascii():
            yield run
            run = ""
        run += char
    if run:
        yield run
