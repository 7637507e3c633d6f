"""The administrative divisions as a tree: county -> townships -> villages, with phones.

A convenience view over the `divisions` code list read by desktop.core.codelists.codelists (one reader for
every code list). The shipped default list is the sample county 131025 大城县 (real county and
township codes, sample villages and phones, DOMAIN.md); the whole province with its real codes is
in desktop.core.codelists.province, which `find`, `children` and `name_of` fall back to, and
which setup installs into the data folder of any other county (so `for_data_dir` gives its own
part there).

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
from functools import cache, lru_cache
from pathlib import Path

from desktop.core.codelists.division_tree import Division, Divisions
from desktop.core.errors import UserError
from desktop.core.paths import resource

log = logging.getLogger("township.forms")
RECEIVED_FILE = Path("codelists") / "divisions.csv"   # under the data folder's config folder
__all__ = ["Division", "Divisions"]   # defined in division_tree; callers name them from here


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
    """The shipped division of `code`: the default list's, else the province's (any county)."""
    found = shipped().find(code)
    if found is None and code:
        from desktop.core.codelists import province

        found = province.find(code)
    return found


def children(code: str, level: str | None = None) -> list[Division]:
    """The default list's children of `code`, else the province's (a county the list does not hold)."""
    found = shipped().children(code, level)
    if not found and code:
        from desktop.core.codelists import province

        found = province.children(code, level)
    return found


def counties() -> list[Division]:
    """Every county of the province (the setup wizard's choices), in code order; the default
    list's counties if the province archive is missing."""
    from desktop.core.codelists import province

    return province.of_level("county") or [d for d in load().values() if d.level == "county"]


def default_county() -> str:
    """The default list's county (131025): where the setup wizard's township choice starts."""
    return next((d.code for d in load().values() if d.level == "county"), "")


def name_of(code: str, lang: str) -> str | None:
    """The shipped division's name in `lang` (the other language's when that one is empty): the
    default list's, else the province's; None when neither knows the code."""
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
    # not the default county: the province's line for the code (a zip member read only on this miss)
    from desktop.core.codelists import province

    found = province.names(code)
    return None if found is None else (found[0] if lang == "zh" else found[1])
