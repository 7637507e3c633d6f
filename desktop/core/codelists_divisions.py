"""The administrative divisions as a tree: county -> townships -> villages, with phones.

A convenience view over the `divisions` code list read by desktop.core.codelists (one reader for
every code list); sample codes until the county loads its official list (DOMAIN.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from desktop.core.codelists import shipped_codelists


@dataclass(frozen=True)
class Division:
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
    return {c.code: Division(c.code, c.parent, c.extra.get("level", ""), c.label.zh, c.label.en,
                             c.extra.get("phone", ""))
            for c in shipped_codelists().get("divisions")}


def find(code: str) -> Division | None:
    return load().get(str(code))


def children(code: str, level: str | None = None) -> list[Division]:
    return [d for d in load().values() if d.parent == code and (level is None or d.level == level)]
