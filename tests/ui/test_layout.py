"""Nothing cut off at 1366x768: every field label of the entry form shows in full, beside the
navigation and the problems list, with no sideways scrolling, in both languages and at every
text size (100 / 125 / 150 / 175 %); no label or button of any page is narrower than its text,
and no list's column narrower than its title, at 100, 150 and 175 %."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from tests.ui.layout_checks import clipped_text, cut_columns, cut_navigation, outside_viewport

SCREEN = (1366, 768)


@pytest.fixture
def main_window(qtbot, qapp, people_township):
    """Build the signed-in main window in a language and text size, at the clerks' screen size."""
    from desktop.ui.shell.locale_setup import apply_fonts, install_language
    from desktop.ui.shell.main_window import MainWindow

    built = []

    def build(lang: str, size: int = 100):
        install_language(qapp, lang)
        apply_fonts(qapp, size)
        window = MainWindow(people_township)
        qtbot.addWidget(window)
        window.resize(*SCREEN)
        window.show()
        qtbot.waitExposed(window)
        built.append(window)
        return window

    yield build
    for window in built:
        window.close()
    apply_fonts(qapp, 100)


def settle():
    for _ in range(3):
        QApplication.processEvents()


@pytest.mark.parametrize("size", [100, 125, 150, 175])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_entry_form_labels_show_in_full_without_sideways_scrolling(main_window, lang, size):
    window = main_window(lang, size)
    page = window.show_page("entry")
    settle()
    view = page.form_view
    assert window.width() == SCREEN[0]
    assert not view.horizontalScrollBar().isVisible()
    assert view.body.minimumSizeHint().width() <= view.viewport().width()
    labels = [row.label for row in view.rows.values() if row.label.isVisibleTo(view)]
    assert len(labels) >= 15
    assert outside_viewport(view, labels) == []
    assert outside_viewport(view, [row.editor for row in view.rows.values() if row.editor is not None]) == []
    assert [problem for problem in clipped_text(view.body)] == []
    # the form's first heading is in view when the cursor starts in its first field
    assert view.verticalScrollBar().value() == 0


@pytest.mark.parametrize("size", [100, 150, 175])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_label_button_or_column_of_any_page_is_cut_off(main_window, lang, size):
    window = main_window(lang, size)
    assert window.width() == SCREEN[0] and window.height() <= SCREEN[1]
    problems = []
    for key in window.pages:
        window.show_page(key)
        settle()
        page = window.pages[key]
        problems += [f"{key}: {problem}" for problem in clipped_text(page)]
        problems += [f"{key}: {problem}" for problem in cut_columns(page)]
    problems += [f"status bar: {problem}" for problem in clipped_text(window.statusBar())]
    problems += [f"navigation: {problem}" for problem in cut_navigation(window.navigation)]
    assert problems == []


def test_the_checks_see_a_clipped_label(qtbot):
    from PySide6.QtWidgets import QLabel, QScrollArea, QWidget

    area = QScrollArea()
    qtbot.addWidget(area)
    body = QWidget()
    body.setMinimumWidth(900)
    label = QLabel("现居住地（村街）", body)
    label.setFixedWidth(30)
    label.move(700, 0)
    area.setWidget(body)
    area.resize(400, 200)
    area.show()
    settle()
    assert clipped_text(body) and outside_viewport(area, [label])
