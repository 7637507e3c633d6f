"""The entry page in Chinese: every visible string of ours is translated (the .qm is loaded as
the app loads it), and the form's own labels come in Chinese from the form definition."""

from __future__ import annotations

import re

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit

from desktop.core.i18n import set_language
from desktop.core.paths import resource
from tests.ui.test_entry_page import dispose

# what may stay Latin in a Chinese screen: key names, date pattern, codes, numbers
ALLOWED = re.compile(r"Ctrl|Shift|Tab|Enter|YYYY|[0-9]")


def untranslated(text: str) -> bool:
    rest = ALLOWED.sub("", text)
    return bool(re.search(r"[A-Za-z]{3,}", rest))


def test_every_visible_string_is_chinese(qtbot, township):
    translator = QTranslator()
    assert translator.load(str(resource("translations", "entry_zh_CN.qm")))
    QApplication.installTranslator(translator)
    set_language("zh")
    try:
        from desktop.ui.entry.entry_page import EntryPage

        page = EntryPage(township)
        page.resize(1366, 768)
        page.show()
        page.form_view.set_values({"status": "left", "family": [{}]})
        QApplication.processEvents()
        assert page.title() == "信息录入"
        texts = []
        for widget in page.findChildren(QLabel) + page.findChildren(QAbstractButton):
            if widget.isVisible() and widget.text():
                texts.append(widget.text())
        for edit in page.findChildren(QLineEdit):
            if edit.isVisible() and edit.placeholderText():
                texts.append(edit.placeholderText())
        assert "姓名" in texts and "沿用" in texts and "保存 (Ctrl+S)" in texts
        assert [t for t in texts if untranslated(t)] == []
        dispose(page)
    finally:
        QApplication.removeTranslator(translator)
        set_language(None)
