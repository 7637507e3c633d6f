"""One divisions list as a tree: a division by its code, a division's children.

Shared by the default list (desktop.core.codelists.codelists_divisions) and the province's
(desktop.core.codelists.province), which read their rows from different files.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Division:
    """One division of a list: a county, township or village (a province or city in the index)."""

    code: str
    parent: str
    level: str          # county / township / village (and province / city in the province index)
    name_zh: str
    name_en: str
    phone: str = ""

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en


class Divisions:
    """One divisions list: look a code up, list a division's children."""

    def __init__(self, divisions: dict[str, Division], source: str = "shipped"):
        self._by_code = divisions
        self.source = source          # "shipped" or the received file's path, for the log and tests

    @classmethod
    def from_codes(cls, codes, source: str = "shipped") -> Divisions:
        return cls({c.code: Division(c.code, c.parent, c.extra.get("level", ""), c.label.zh, c.label.en,
                                     c.extra.get("phone", "")) for c in codes}, source)

    def all(self) -> dict[str, Division]:
        return self._by_code

    def find(self, code) -> Division | None:
        return self._by_code.get(str(code)) if code else None

    def children(self, code, level: str | None = None) -> list[Division]:
        return [d for d in self._by_code.values() if d.parent == code and (level is None or d.level == level)]

    def name(self, code, lang: str = "zh") -> str:
        """The name in `lang`, or the code itself when the list does not know it."""
        division = self.find(code)
        return division.name(lang) if division else str(code or "")
