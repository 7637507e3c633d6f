"""The page list shows each page's shortcut in light grey (beside the title, or under it when
both do not fit), without widening the list; the sync page calls the status bar's number by the
same name and, with nothing pending and no stick, says what to do next."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from desktop.core.sync import stick
from tests.ui.sync_sites import TOWNSHIPS, add_records, make_sites, open_as


def pixels(image, rect, low: int, high: int) -> int:
    """Grey pixels with a level between low and high inside rect."""
    count = 0
    for x in range(rect.left(), rect.right()):
        for y in range(rect.top(), rect.bottom()):
            colour = QColor(image.pixel(x, y))
            if abs(colour.red() - colour.green()) < 6 and abs(colour.green() - colour.blue()) < 6 \
                    and low <= colour.red() <= high:
                count += 1
    return count


def grey_pixels(image, rect) -> int:
    """The light-grey shortcut colour (#8a8a8a; antialiasing lightens its edges)."""
    return pixels(image, rect, 0x80, 0xb0)


def dark_pixels(image, rect) -> int:
    """The title's black text."""
    return pixels(image, rect, 0, 0x40)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_page_shows_its_shortcut_in_grey_right_aligned(qtbot, qapp, people_township, lang):
    from desktop.ui.shell.locale_setup import install_language
    from desktop.ui.shell.main_window import MainWindow

    install_language(qapp, lang)
    window = MainWindow(people_township)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    navigation = window.navigation
    assert navigation.width() == 170
    assert [navigation.shortcut(row) for row in range(navigation.count())] == \
        [f"Ctrl+{n}" for n in range(1, navigation.count() + 1)]
    image = navigation.viewport().grab().toImage()
    for row in range(1, navigation.count()):          # row 0 is selected: drawn in the highlight colour
        assert navigation.shows_shortcut_on_one_line(row)
        rect = navigation.visualItemRect(navigation.item(row))
        right = rect.adjusted(rect.width() * 2 // 3, 0, 0, 0)
        left = rect.adjusted(0, 0, -rect.width() * 2 // 3, 0)
        assert grey_pixels(image, right) > 10, (row, navigation.item(row).text())
        assert dark_pixels(image, right) == 0          # the key is grey, not text colour
        assert dark_pixels(image, left) > 10           # the title is


def test_a_title_too_long_for_one_line_puts_the_key_under_it(qtbot):
    from desktop.ui.shell.navigation import NavigationList

    navigation = NavigationList()
    qtbot.addWidget(navigation)
    navigation.setFixedWidth(170)
    navigation.add_page("Short", "Ctrl+1")
    navigation.add_page("A much longer page title here", "Ctrl+2")
    navigation.show()
    qtbot.waitExposed(navigation)
    assert navigation.shows_shortcut_on_one_line(0)
    assert not navigation.shows_shortcut_on_one_line(1)
    short, long = (navigation.visualItemRect(navigation.item(row)) for row in (0, 1))
    assert long.height() > short.height()
    image = navigation.viewport().grab().toImage()
    lower = long.adjusted(0, long.height() // 2 + 2, 0, 0)
    assert grey_pixels(image, lower.adjusted(lower.width() // 2, 0, 0, 0)) > 10


def test_the_sync_page_and_the_status_bar_say_unsent_changes_alike(qtbot, tmp_path):
    from desktop.ui.shell.main_window import MainWindow

    _, townships = make_sites(tmp_path / "sites")
    with open_as(townships[TOWNSHIPS[0]]) as township:
        add_records(township, 3)
        window = MainWindow(township)
        qtbot.addWidget(window)
        page = window.show_page("sync")
        assert window.unsent_label.text() == "Unsent changes: 3"
        label = page.unsent.parentWidget().layout().labelForField(page.unsent)
        assert (label.text(), page.unsent.text()) == ("Unsent changes:", "3")
        assert page.pending_records.text() == "3" and page.pending_items.text() == "0"
        assert page.result.title() == "Next step"
        assert page.result.headline.text().startswith("3 unsent changes. Plug in the USB stick that has the "
                                                      f"{stick.SYNC_FOLDER_NAME} folder")
        window.close()


def test_with_nothing_pending_and_no_stick_the_page_says_what_to_do_next(qtbot, qapp, tmp_path):
    from desktop.ui.shell.locale_setup import install_language
    from desktop.ui.sync.sync_page import SyncPage

    _, townships = make_sites(tmp_path / "sites")
    with open_as(townships[TOWNSHIPS[0]]) as township:
        page = SyncPage(township)
        qtbot.addWidget(page)
        assert page.unsent.text() == "0"
        text = page.result.headline.text()
        assert "Nothing to send" in text and stick.SYNC_FOLDER_NAME in text and "Export to a folder" in text
        install_language(qapp, "zh")
        zh_page = SyncPage(township)
        qtbot.addWidget(zh_page)
        assert zh_page.result.title() == "下一步"
        assert "导出到文件夹" in zh_page.result.headline.text()
        label = zh_page.unsent.parentWidget().layout().labelForField(zh_page.unsent)
        assert label.text() == "未上报变更："
        install_language(qapp, "en")
        page.export_to(tmp_path / "out")
        qtbot.waitUntil(lambda: not page.busy, timeout=20000)
        assert page.result.title() == "Result of the last action"    # an action's result replaces the hint
