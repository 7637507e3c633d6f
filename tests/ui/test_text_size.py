"""Text size 100 / 125 / 150 / 175 %: chosen in Settings with the keyboard, kept in the store (and
on the sign-in card), applied to the whole application; an older "larger text" reads as 125 %."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.keyboard import press


@pytest.fixture
def base_font(qapp):
    from desktop.ui.shell.locale_setup import apply_fonts

    yield apply_fonts(qapp, 100)
    apply_fonts(qapp, 100)


@pytest.mark.parametrize("size", [100, 125, 150, 175])
def test_each_size_scales_the_application_font(qapp, base_font, size):
    from desktop.ui.shell.locale_setup import apply_fonts

    font = apply_fonts(qapp, size)
    assert QApplication.font().pointSizeF() == pytest.approx(base_font.pointSizeF() * size / 100)
    assert font.families() == base_font.families()


def test_the_older_switch_still_means_125_and_nothing_else_is_a_size(qapp, base_font):
    from desktop.ui.shell.locale_setup import apply_fonts

    assert apply_fonts(qapp, True).pointSizeF() == pytest.approx(base_font.pointSizeF() * 1.25)
    assert apply_fonts(qapp, 160).pointSizeF() == pytest.approx(base_font.pointSizeF())


def test_settings_offers_the_four_sizes_and_keeps_the_one_chosen(qtbot, township):
    from desktop.core.store import settings
    from desktop.core.workspace import sign_in_card
    from desktop.ui.admin.settings_dialog import SettingsDialog

    township.put_setting(settings.LARGE_TEXT, True)          # what an older version wrote
    dialog = SettingsDialog(township)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    combo = dialog.text_size_combo
    assert [combo.itemData(i) for i in range(combo.count())] == [100, 125, 150, 175]
    assert combo.currentData() == 125
    combo.setFocus()
    press(Qt.Key.Key_Down, widget=combo)
    assert combo.currentData() == 150
    press(Qt.Key.Key_Return, widget=combo)                   # OK
    assert dialog.result() == dialog.DialogCode.Accepted
    assert township.setting(settings.TEXT_SIZE) == 150 and township.setting(settings.LARGE_TEXT) is True
    assert sign_in_card.read(township.paths).text_percent == 150


def test_the_application_applies_the_stored_size(qapp, base_font, township):
    from desktop.core.store import settings
    from desktop.ui.shell.locale_setup import apply_fonts

    township.put_setting(settings.TEXT_SIZE, 175)
    apply_fonts(qapp, settings.text_size_of(township.setting))
    assert QApplication.font().pointSizeF() == pytest.approx(base_font.pointSizeF() * 1.75)
