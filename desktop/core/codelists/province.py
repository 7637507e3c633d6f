"""The shipped divisions of the whole province, read one county at a time.

`resources/divisions/13.zip` (Hebei; built by scripts/build_divisions.py from the national
statistical division codes, resources/divisions/README.md) holds `13.csv` - the province, its
cities, counties and townships, about 2,600 rows: what setup lists and checks - and one
`<county>.csv` per county with the county, its townships and villages: the part an
installation needs, about 300 villages. Reading a member is a zip look-up and the inflation of
that member only, so no run pays for the province's 54,000 villages.

Every member has the columns of divisions.csv, so a county's part is itself a divisions list:
setup installs it in the data folder of a county the default list does not hold
(desktop.core.workspace.setup), and the county pack carries it from there to the townships.
"""

from __future__ import annotations

import csv
import io
import logging
import zipfile
from functools import cache, lru_cache

from desktop.core.codelists.division_tree import Division, Divisions
from desktop.core.paths import resource

log = logging.getLogger("township.forms")
PROVINCE = "13"          # Hebei
# the version a county's part is installed with: below any version the county publishes ("1",
# "2026.1"), so the county's own list always replaces it; 2023 is the source's year
PART_VERSION = "0.2023"


def archive_path():
    return resource("divisions", f"{PROVINCE}.zip")


def _member(name: str) -> bytes | None:
    """A member's bytes; None when the archive has no such member, or no archive can be read (a
    broken install: setup then offers the default list's county alone, and says so in the log)."""
    try:
        with zipfile.ZipFile(archive_path()) as archive:
            return archive.read(name)
    except KeyError:
        return None
    except (OSError, zipfile.BadZipFile) as error:
        log.warning("the province divisions archive cannot be read: %s", error)
        return None


def _parse(data: bytes, source: str) -> Divisions:
    rows = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    return Divisions({row["code"]: Division(row["code"], row["parent"], row["level"], row["name_zh"],
                                            row["name_en"] or row["name_zh"], row.get("phone") or "")
                      for row in rows}, source)


@cache
def index() -> Divisions:
    """The province, its cities, counties and townships (no villages)."""
    return _parse(_member(f"{PROVINCE}.csv") or b"code,parent,level,name_zh,name_en,phone\n", "province")


def county_of(code) -> str | None:
    """The county a township or village code belongs to (its first six digits), if it is one of ours."""
    code = str(code or "")
    return code[:6] if len(code) >= 6 and code.startswith(PROVINCE) else None


def county_part_bytes(county: str) -> bytes | None:
    """The county's part as the CSV file setup installs and the county pack carries."""
    return _member(f"{county}.csv") if county_of(county) == county else None


@lru_cache(maxsize=4)
def county_part(county: str) -> Divisions | None:
    """The county, its townships and villages; None for a code that is no county of the province."""
    data = county_part_bytes(str(county))
    return _parse(data, f"{PROVINCE}.zip:{county}") if data else None


def find(code) -> Division | None:
    """Any division of the province: the index for counties and townships, the county's part
    for a village (only that county's member is read)."""
    code = str(code or "")
    found = index().find(code)
    if found is None and len(code) > 9:
        part = county_part(county_of(code) or "")
        found = part.find(code) if part else None
    return found


def names(code) -> tuple[str, str] | None:
    """(Chinese, English) name of one division without parsing a list: the line of `code` found
    in its member's bytes (the index, or for a village its county's part). For name_of, whose
    callers cannot wait for a list to load."""
    code = str(code or "")
    if not code.isdigit():
        return None
    data = _member(f"{PROVINCE}.csv" if len(code) <= 9 else f"{county_of(code)}.csv") or b""
    start = data.find(f"\n{code},".encode("ascii"))
    if start < 0:
        return None
    end = data.find(b"\n", start + 1)
    line = data[start + 1:end if end >= 0 else len(data)].decode("utf-8")
    row = next(csv.reader([line]))
    return row[3], row[4] or row[3]


def children(code, level: str | None = None) -> list[Division]:
    code = str(code or "")
    if len(code) >= 6:       # a county's townships, a township's villages: the county's own part
        part = county_part(county_of(code) or "")
        return part.children(code, level) if part else []
    return index().children(code, level)


def of_level(level: str) -> list[Division]:
    """Every county (or township) of the province, in code order: what setup offers."""
    return [division for division in index().all().values() if division.level == level]
