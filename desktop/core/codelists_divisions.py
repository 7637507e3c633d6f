"""The administrative divisions code list: county -> townships -> villages (resources/codelists).

Sample codes until the county loads its official list (DOMAIN.md); the county's code-list
updates replace the file in the data folder, which is read in preference to the shipped one.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from desktop.core.paths import resource


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
    with open(resource("codelists", "divisions.csv"), encoding="utf-8", newline="") as handle:
        return {row["code"]: Division(row["code"], row["parent"], row["level"], row["name_zh"],
                                      row["name_en"], row.get("phone", "")) for row in csv.DictReader(handle)}


def find(code: str) -> Division | None:
    return load().get(str(code))


def children(code: str, level: str | None = None) -> list[Division]:
    return [d for d in load().values() if d.parent == code and (level is None or d.level == level)]
