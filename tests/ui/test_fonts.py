"""The GUI's font: the platform's default font draws Latin text, a CJK font draws Chinese."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QTextLayout


def families_drawing(text: str, font: QFont) -> set[str]:
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return {run.rawFont().familyName() for run in layout.glyphRuns()}


@pytest.fixture
def app_font(qapp):
    from desktop.ui.shell.locale_setup import apply_fonts

    default = QFontInfo(QFont(qapp.font().families()[0])).family()
    yield apply_fonts(qapp, False), default
    apply_fonts(qapp, False)


def test_latin_in_the_default_font_and_chinese_in_a_cjk_font(app_font):
    from desktop.ui.shell.locale_setup import CJK_FAMILIES

    font, default = app_font
    installed = [f for f in CJK_FAMILIES if f in set(QFontDatabase.families())]
    if not installed:
        pytest.skip("no CJK font installed (fonts-noto-cjk on Linux)")
    assert font.families()[0] == default
    assert families_drawing("Sign in", font) == {default}
    assert families_drawing("王丽", font) <= set(installed)


def test_larger_text_keeps_the_families(app_font, qapp):
    from desktop.ui.shell.locale_setup import apply_fonts

    font, _default = app_font
    large = apply_fonts(qapp, True)
    assert large.families() == font.families()
    assert large.pointSizeF() == pytest.approx(font.pointSizeF() * 1.25)
