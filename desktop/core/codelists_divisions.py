"""The administrative divisions as a tree: county -> townships -> villages, with phones.

A convenience view over the `divisions` code list read by desktop.core.codelists (one reader for
every code list); sample codes until the county loads its official list (DOMAIN.md).
`name_of(code, lang)` answers the one question the first window asks (the sign-in heading) by
reading the shipped divisions.csv straight, without the code-list machinery (about 5 ms of
start-up, docs/PERFORMANCE.md); tests/core/test_codelists_divisions.py keeps its answers equal
to `find(code).name(lang)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from desktop.core.paths import resource


@dataclass(frozen=True)
class Division:
    """One county, township or village of the code list."""

    code: str
    parent: str
    level: str          # county / township / village
    name_zh: str
    name_en: str
    phone: str = ""

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en


@cache
def load() -> dict[str, Division]:
    from desktop.core.codelists import shipped_codelists

    return {c.code: Division(c.code, c.parent, c.extra.get("level", ""), c.label.zh, c.label.en,
                             c.extra.get("phone", ""))
            for c in shipped_codelists().get("divisions")}


def find(code: str) -> Division | None:
    return load().get(str(code))


def children(code: str, level: str | None = None) -> list[Division]:
    return [d for d in load().values() if d.parent == code and (level is None or d.level == level)]


def name_of(code: str, lang: str) -> str | None:
    """The division's name in `lang` (the other language's when that one is empty); None when
    the code is not in the list."""
    code = str(code)
    if load.cache_info().currsize:   # the whole list is in memory already
        division = find(code)
        return division.name(lang) if division else None
    import csv

    with resource("codelists", "divisions.csv").open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if (row.get("code") or "").strip() == code:
                zh, en = (row.get("name_zh") or "").strip(), (row.get("name_en") or "").strip()
                return (zh or en) if lang == "zh" else (en or zh)
    return None
