"""The GUI's language and fonts: Qt translators for every *_zh_CN.qm, CJK font fallback, larger text.

Each area ships its own Qt Linguist file (resources/translations/<area>_zh_CN.qm); all of them are
loaded when the language is Chinese, plus Qt's own qtbase translation (standard buttons, context
menus) when PySide6 carries it. English is the source language, so English needs no translator.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication

from desktop.core.i18n import set_language, system_language
from desktop.core.paths import resource

log = logging.getLogger("township.ui")

# Tried in order after the platform's default font, so Chinese renders on Linux (fonts-noto-cjk),
# Windows (Microsoft YaHei / SimSun) and macOS (PingFang) without a bundled font.
CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei",
                "SimSun", "PingFang SC")
LARGE_TEXT_FACTOR = 1.25

_installed: list[QTranslator] = []
_base_point_size: float | None = None


def choose_language(setting: str | None) -> str:
    """The saved setting when there is one, else the system locale."""
    return setting if setting in ("zh", "en") else system_language()


def install_language(app: QApplication, lang: str) -> list[str]:
    """Replace the installed translators with those of `lang`; returns the files loaded."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    set_language(lang)
    loaded = []
    if lang == "zh":
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        candidates = sorted(resource("translations").glob("*_zh_CN.qm"))
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for path in [*candidates, *(p for p in [_qt_file(qt_dir)] if p)]:
            translator = QTranslator(app)
            if translator.load(str(path)):
                app.installTranslator(translator)
                _installed.append(translator)
                loaded.append(str(path))
            else:
                log.warning("could not load translation %s", path)
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    return loaded


def _qt_file(qt_dir: str):
    from pathlib import Path

    path = Path(qt_dir) / "qtbase_zh_CN.qm"
    return path if path.exists() else None


def apply_fonts(app: QApplication, large_text: bool = False) -> QFont:
    """The default font with CJK fallbacks, 25% larger when the clerk asked for larger text.

    The default font goes first under the family it resolves to: Windows names a real family
    ("Segoe UI"), but Linux's generic platforms name an alias ("Sans Serif") that a family list
    skips, which made the CJK font draw all Latin text too (and read 15-20 MB more of it from
    disk at a cold start, docs/PERFORMANCE.md)."""
    global _base_point_size
    font = QFont(app.font())
    if _base_point_size is None:
        _base_point_size = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
    default = QFontInfo(font).family() or font.family()
    available = set(QFontDatabase.families())
    families = [default] + [f for f in CJK_FAMILIES if f in available and f != default]
    font.setFamilies(families)
    font.setPointSizeF(_base_point_size * (LARGE_TEXT_FACTOR if large_text else 1.0))
    app.setFont(font)
    return font
