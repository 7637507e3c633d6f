"""No two Alt-key mnemonics on one screen: on every page of the main window, in both languages,
the letters after "&" in the menu bar and the page's buttons, labels, group boxes and tabs are
distinct (a clash makes Alt+letter cycle between them, or open a menu instead of the button)."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QLabel, QTabBar

from tests.core.crosscheck.conftest import county  # noqa: F401  (fixture)

MNEMONIC = re.compile(r"&([^&\s])")


def mnemonic(text: str) -> str | None:
    found = MNEMONIC.search((text or "").replace("&&", ""))
    return found.group(1).upper() if found else None


def page_mnemonics(window, page) -> list[tuple[str, str]]:
    """(letter, text) of everything on screen with the page in view that takes an Alt key."""
    shown = [(mnemonic(a.text()), a.text()) for a in window.menuBar().actions() if a.isVisible()]
    for widget in page.findChildren(QAbstractButton) + page.findChildren(QGroupBox):
        text = widget.title() if isinstance(widget, QGroupBox) else widget.text()
        if widget.isVisibleTo(window):
            shown.append((mnemonic(text), text))
    for label in page.findChildren(QLabel):
        if label.buddy() is not None and label.isVisibleTo(window):
            shown.append((mnemonic(label.text()), label.text()))
    for bar in page.findChildren(QTabBar):
        if bar.isVisibleTo(window):
            shown += [(mnemonic(bar.tabText(i)), bar.tabText(i)) for i in range(bar.count())]
    return [(letter, text) for letter, text in shown if letter]


def clashes(window) -> dict[str, list]:
    found = {}
    for key in window.page_keys:
        page = window.show_page(key)
        QApplication.processEvents()
        letters = page_mnemonics(window, page)
        counts = Counter(letter for letter, _ in letters)
        double = {letter: [t for lt, t in letters if lt == letter] for letter, n in counts.items() if n > 1}
        if double:
            found[key] = double
    return found


def open_window(qtbot, workspace):
    from desktop.ui.shell.main_window import MainWindow

    window = MainWindow(workspace)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def close_window(window) -> None:
    window.close()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_page_of_the_township_has_two_alt_keys_alike(qtbot, qapp, people_township, lang):
    from desktop.ui.shell.locale_setup import install_language

    install_language(qapp, lang)
    people_township.clerk_role = "admin"
    window = open_window(qtbot, people_township)
    try:
        assert clashes(window) == {}
    finally:
        close_window(window)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_page_of_the_county_has_two_alt_keys_alike(qtbot, qapp, county, lang):  # noqa: F811
    from desktop.ui.shell.locale_setup import install_language

    install_language(qapp, lang)
    county.clerk_role = "admin"
    window = open_window(qtbot, county)
    try:
        assert clashes(window) == {}
    finally:
        close_window(window)
