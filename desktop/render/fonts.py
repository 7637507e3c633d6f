"""Fonts for printed reports: a CJK family that the PDF embeds, picked by name with fallbacks.

Song (serif) for body text, as official documents use, and Hei (sans) for headings. On Linux the
Noto CJK fonts (fonts-noto-cjk); on Windows SimSun / SimHei / Microsoft YaHei. A font the
packager ships in resources/fonts is loaded first and then wins if it is named in the lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PySide6.QtGui import QFontDatabase

SERIF = ("Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "NSimSun", "Songti SC", "AR PL UMing CN",
         "Noto Sans CJK SC", "Microsoft YaHei", "WenQuanYi Zen Hei")
SANS = ("Noto Sans CJK SC", "Source Han Sans SC", "SimHei", "Microsoft YaHei", "PingFang SC",
        "WenQuanYi Zen Hei", "Noto Serif CJK SC", "SimSun")
MONO = ("DejaVu Sans Mono", "Liberation Mono", "Consolas", "Courier New", "Noto Sans Mono CJK SC")


@dataclass(frozen=True)
class ReportFonts:
    serif: str
    sans: str
    mono: str


def _load_shipped_fonts() -> None:
    from desktop.core.paths import resources_dir
    folder = resources_dir() / "fonts"
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() in (".ttf", ".otf", ".ttc"):
                QFontDatabase.addApplicationFont(str(path))


def _first(candidates, available: set[str], fallback: str) -> str:
    return next((name for name in candidates if name in available), fallback)


@cache
def report_fonts() -> ReportFonts:
    """The families to print with (needs a Q(Gui)Application)."""
    _load_shipped_fonts()
    available = set(QFontDatabase.families())
    general = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family()
    serif = _first(SERIF, available, general)
    return ReportFonts(serif=serif, sans=_first(SANS, available, serif),
                       mono=_first(MONO, available, QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()))
