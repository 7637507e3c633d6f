"""The administrative divisions as a tree: county -> townships -> villages, with phones.

A convenience view over the `divisions` code list read by desktop.core.codelists.codelists (one reader for
every code list); sample codes until the county loads its official list (DOMAIN.md).

Two sources: the shipped list (`find`, `children`, `load`: the default for code that has no
data folder at hand) and an installation's own view, `for_data_dir(paths)`, which prefers the
divisions list the county sent (`config/codelists/divisions.csv` in the data folder, written
by desktop.core.sync.resources) so a renamed village or a new phone number shows everywhere the
installation names places. A received list that cannot be read, or is empty, is logged and the
shipped one used, as desktop.core.codelists.codelists.for_data_dir does.

`name_of(code, lang)` answers the one question the first window asks (the sign-in heading) by
reading the shipped divisions.csv straight, without the code-list machinery (about 5 ms of
start-up, docs/PERFORMANCE.md); tests/core/test_codelists_divisions.py keeps its answers equal
to the full list's.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from desktop.core.errors import UserError
from desktop.core.paths import resource

log = logging.getLogger("township.forms")
RECEIVED_FILE = Path("codelists") / "divisions.csv"   # under the data folder's config folder


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


@cache
def shipped() -> Divisions:
    from desktop.core.codelists.codelists import shipped_codelists

    return Divisions.from_codes(shipped_codelists().get("divisions"))


@lru_cache(maxsize=8)
def _received(path: str, mtime_ns: int, size: int) -> Divisions:
    """Read once per version of the file (the key changes when the county's update replaces it)."""
    from desktop.core.codelists.codelists import _read_csv

    try:
        codes = _read_csv(Path(path))
    except UserError as error:
        log.warning("received divisions list not used: %s", error.text.en)
        return shipped()
    if not codes:
        log.warning("received divisions list %s is empty; not used", path)
        return shipped()
    return Divisions.from_codes(codes, path)


def for_data_dir(paths) -> Divisions:
    """This installation's divisions: the county's received list when the data folder holds one,
    else the shipped list (also when `paths` is None)."""
    if paths is None:
        return shipped()
    path = Path(paths.config) / RECEIVED_FILE
    try:
        stat = path.stat()
    except OSError:
        return shipped()
    return _received(str(path), stat.st_mtime_ns, stat.st_size)


def name_in(paths, code: str, lang: str) -> str | None:
    """The division's name in `lang` from this installation's list: the county's received list
    when the data folder holds one, else the shipped list - read for the one code, without
    loading the list (`name_of`), which is what a start can afford before its first window."""
    if paths is not None and (Path(paths.config) / RECEIVED_FILE).exists():
        division = for_data_dir(paths).find(str(code))
        return division.name(lang) if division else None
    return name_of(code, lang)


def for_workspace(workspace) -> Divisions:
    """`for_data_dir` of an open workspace (the shipped list without one)."""
    return for_data_dir(getattr(workspace, "paths", None))


# the shipped list, for code without a data folder at hand
def load() -> dict[str, Division]:
    return shipped().all()


def find(code: str) -> Division | None:
    return shipped().find(code)


def children(code: str, level: str | None = None) -> list[Division]:
    return shipped().children(code, level)


def name_of(code: str, lang: str) -> str | None:
    """The shipped division's name in `lang` (the other language's when that one is empty); None
    when the code is not in the list."""
    code = str(code)
    if shipped.cache_info().currsize:   # the whole list is in memory already
        division = find(code)
        return division.name(lang) if division else None
    import csv

    with resource("codelists", "divisions.csv").open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if (row.get("code") or "").strip() == code:
                zh, en = (row.get("name_zh") or "").strip(), (row.get("name_en") or "").strip()
                return (zh or en) if lang == "zh" else (en or zh)
    return None
