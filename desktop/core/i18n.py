"""Two-language text for messages that the Qt-free core shows to people.

The Qt side translates its own widgets with Qt Linguist (`tr()`); the core cannot use Qt, so
every message it raises or returns is a `Text` carrying both Simplified Chinese and English.
Whoever shows it (the CLI, a dialog) picks the language with `str()` or `.get(lang)`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

LANGUAGES = ("zh", "en")
_current: str | None = None


def system_language() -> str:
    """Chinese when the environment or the system locale says so, English otherwise."""
    for var in ("TOWNSHIP_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    import locale  # only here: most starts know the language from a setting or the environment

    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return "zh" if loc.lower().startswith(("zh", "chinese")) else "en"


def current_language() -> str:
    return _current or system_language()


def set_language(lang: str | None) -> None:
    """Fix the language for this process (None goes back to the system's)."""
    global _current
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}")
    _current = lang


def plural(n: int, one: str, many: str | None = None) -> str:
    """'1 record', '3 records' (English: no "(s)"); `many` when adding an s is wrong."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


@dataclass(frozen=True)
class Text:
    """A message in both languages; `str()` gives the current language's."""

    en: str
    zh: str

    def get(self, lang: str | None = None) -> str:
        return self.zh if (lang or current_language()) == "zh" else self.en

    def format(self, **values) -> Text:
        return Text(self.en.format(**values), self.zh.format(**values))

    @staticmethod
    def counted(n: int, one: str, many: str, zh: str) -> Text:
        """English plurals without "(s)": `one` when n is 1, else `many`; Chinese has one form.
        Each is formatted with n ("{n} records", "共 {n} 条记录")."""
        return Text((one if n == 1 else many).format(n=n), zh.format(n=n))

    def __add__(self, other: Text) -> Text:
        return Text(self.en + other.en, self.zh + other.zh)

    def as_dict(self) -> dict[str, str]:
        return {"en": self.en, "zh": self.zh}

    def __str__(self) -> str:
        return self.get()
