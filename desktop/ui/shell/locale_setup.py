"""The GUI's language and fonts: Qt translators for every *_zh_CN.qm, CJK font fallback, larger text.

Each area ships its own Qt Linguist file (resources/translations/<area>_zh_CN.qm); all of them are
loaded when the language is Chinese, plus Qt's own qtbase translation (standard buttons, context
menus) when PySide6 carries it - at a start, the sign-in dialog's own first and the rest once it
is on screen. English is the source language, so English needs no translator.
"""

from __future__ import annotations

import logging
import os

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication

from desktop.core.i18n import set_language, system_language
from desktop.core.paths import resource

log = logging.getLogger("township.ui")

# Tried in order after the platform's default font, so Chinese renders on Linux (fonts-noto-cjk),
# Windows (Microsoft YaHei / SimSun) and macOS (PingFang) without a bundled font.
CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei",
                "SimSun", "PingFang SC")
LARGE_TEXT_FACTOR = 1.25      # what the older "larger text" switch (True) means
TEXT_SIZES = (100, 125, 150, 175)

_installed: list[QTranslator] = []
_base_point_size: float | None = None


def choose_language(setting: str | None) -> str:
    """The saved setting when there is one, else the system locale."""
    return setting if setting in ("zh", "en") else system_language()


def first_run_language() -> str:
    """The setup wizard's language before anything is saved: Chinese, the product's language,
    whatever the PC's locale (many township PCs run an English Windows or a bare Linux); only an
    explicit TOWNSHIP_LANG decides otherwise. English is one Down key away below it."""
    forced = os.environ.get("TOWNSHIP_LANG", "")
    if forced:
        return "zh" if forced.lower().startswith("zh") else "en"
    return "zh"


# what the sign-in dialog (the first window of a start) shows: the shell's own strings
FIRST_WINDOW_AREAS = ("shell",)
_rest_to_load = False          # install_language(first_window=True) left files for complete_language
_loaded_files: list[str] = []


def install_language(app: QApplication, lang: str, *, first_window: bool = False) -> list[str]:
    """Replace the installed translators with those of `lang`; returns the files loaded.

    `first_window=True` loads only what the sign-in dialog needs (FIRST_WINDOW_AREAS): every
    file is a disk read before the first window. `complete_language` loads the rest (the other
    areas, Qt's own strings) once that window is on screen, before anything needs them."""
    global _rest_to_load
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _loaded_files.clear()
    _rest_to_load = False
    set_language(lang)
    if lang != "zh":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return []
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    if first_window:
        _rest_to_load = True
        return _load(app, [resource("translations", f"{area}_zh_CN.qm") for area in FIRST_WINDOW_AREAS])
    return _load(app, _zh_files())


def complete_language(app: QApplication) -> list[str]:
    """Load the translators `install_language(first_window=True)` left for later."""
    global _rest_to_load
    if not _rest_to_load:
        return []
    _rest_to_load = False
    return _load(app, [path for path in _zh_files() if str(path) not in _loaded_files])


def _zh_files() -> list:
    from PySide6.QtCore import QLibraryInfo

    qt_file = _qt_file(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    return [*sorted(resource("translations").glob("*_zh_CN.qm")), *([qt_file] if qt_file else [])]


def _qt_file(qt_dir: str):
    from pathlib import Path

    path = Path(qt_dir) / "qtbase_zh_CN.qm"
    return path if path.exists() else None


def _load(app: QApplication, paths) -> list[str]:
    loaded = []
    for path in paths:
        translator = QTranslator(app)
        if translator.load(str(path)):
            app.installTranslator(translator)
            _installed.append(translator)
            _loaded_files.append(str(path))
            loaded.append(str(path))
        else:
            log.warning("could not load translation %s", path)
    return loaded


def text_percent(size) -> int:
    """100/125/150/175 from a size in percent, or from the older switch (True: 125, False: 100)."""
    if isinstance(size, bool):
        return 125 if size else 100
    return size if size in TEXT_SIZES else 100


def apply_fonts(app: QApplication, size: int | bool = 100) -> QFont:
    """The default font with CJK fallbacks, at the clerk's text size (percent, or True for 125 %).

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
    font.setPointSizeF(_base_point_size * text_percent(size) / 100)
    app.setFont(font)
    return font
