"""Help: F1 on each page opens that page's help in the clerk's language; the Help menu lists every
area; the pages explain the sync words and when to phone the county."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QPixmap

from desktop.ui.shell import help as help_pages

HEADINGS = {"entry": ("Data entry", "数据录入"), "records": ("Records", "记录"), "sync": ("Sync with the county", "与县同步"),
            "reports": ("Reports", "报表"), "admin": ("Administration", "管理")}


@pytest.mark.parametrize("language", ["en", "zh"])
def test_f1_on_each_page_opens_its_help_in_the_ui_language(qtbot, qapp, people_township, language):
    from desktop.ui.shell.locale_setup import install_language
    from desktop.ui.shell.main_window import MainWindow

    install_language(qapp, language)
    window = MainWindow(people_township)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    index = 0 if language == "en" else 1
    for row, key in enumerate(window.page_keys):
        window.navigation.setCurrentRow(row)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.keyClick(window.stack.currentWidget(), Qt.Key.Key_F1)
        dialog = window.help_dialog
        qtbot.waitUntil(dialog.isVisible)
        area = help_pages.PAGE_AREAS[key]
        assert dialog.area == area and dialog.language == language, key
        text = dialog.browser.toPlainText()
        assert text.startswith(HEADINGS[area][index]), (key, text[:40])
        assert HEADINGS[area][index] in dialog.windowTitle()
        # the figure is drawn: the page's image is found beside it and loads
        figure = dialog.browser.loadResource(2, QUrl(f"{area}_{language}.svg"))
        image = figure if isinstance(figure, QImage | QPixmap) else QImage.fromData(figure)
        assert not image.isNull() and image.width() > 300, key
        dialog.close()
    menu_titles = [action.text().split(" ", 1)[1] for action in window.help_actions.values()]
    assert menu_titles == [help_pages.area_title(area) for area in help_pages.AREAS]
    window.help_actions["admin"].trigger()
    assert window.help_dialog.area == "admin" and window.help_dialog.isVisible()
    window.help_dialog.close()


def test_every_page_exists_in_both_languages_with_its_figure():
    for area in help_pages.AREAS:
        for language in ("en", "zh"):
            text = help_pages.help_text(area, language)
            figure = f"{area}_{language}.svg"
            assert f"]({figure})" in text, (area, language)
            assert (help_pages.help_file(area, language).parent / figure).is_file()


def test_the_sync_help_explains_the_sync_words_and_when_to_phone():
    zh = help_pages.help_text("sync", "zh")
    for words in ("回执包", "县级配置包", "登记文件", "电话核对码", "什么时候给县里打电话"):
        assert words in zh, words
    en = help_pages.help_text("sync", "en")
    for words in ("Return bundle", "County pack", "Enrollment file", "Phone check number", "When to phone the county"):
        assert words in en, words
