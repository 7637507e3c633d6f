"""Code lists: administrative divisions, ethnicity (GB 3304), sex (GB/T 2261.1), marital status
(GB/T 2261.2), reasons for moving, certificate and equipment types.

Each list is a UTF-8 CSV in `resources/codelists/` with the columns `code, parent, name_zh,
name_en` (more columns are kept as extras). `divisions.csv` also has a `level` column and gives
three lists: `divisions` (all), `township` and `village` (each village's `parent` is its township).
A folder given later (the county's updates in the data folder) replaces a shipped list of the
same name. Forms use them through `in_codelist(x, 'name')` and the `codelist` column (docs/FORMS.md).
"""

from __future__ import annotations

import csv
import logging
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from desktop.core.errors import UserError
from desktop.core.i18n import Text
from desktop.core.paths import resource

log = logging.getLogger("township.forms")


@dataclass(frozen=True)
class Code:
    code: str
    label: Text
    parent: str = ""
    extra: dict = field(default_factory=dict, hash=False)

    @property
    def name(self) -> str:  # the same shape as a form Choice, so match_choices takes either
        return self.code


@dataclass(frozen=True)
class CodeList:
    name: str
    codes: tuple[Code, ...]

    def __post_init__(self):
        object.__setattr__(self, "_by_code", {c.code: c for c in self.codes})

    def get(self, code: str) -> Code | None:
        return self._by_code.get(code)

    def __contains__(self, code: str) -> bool:
        return code in self._by_code

    def __iter__(self):
        return iter(self.codes)

    def __len__(self) -> int:
        return len(self.codes)

class CodeLists:
    """All code lists by name."""

    def __init__(self, lists: dict[str, CodeList]):
        self._lists = dict(lists)

    def names(self) -> list[str]:
        return sorted(self._lists)

    def get(self, name: str) -> CodeList:
        try:
            return self._lists[name]
        except KeyError:
            raise UserError(Text(f"unknown code list '{name}'", f"没有名为“{name}”的代码表"),
                            code="unknown_codelist") from None

    def has(self, name: str) -> bool:
        return name in self._lists

    def contains(self, name: str, code: str) -> bool:
        found = self._lists.get(name)
        return found is not None and code in found


def _read_csv(path: Path) -> list[Code]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise UserError(Text(f"cannot read the code list {path.name}: {error}",
                             f"无法读取代码表 {path.name}：{error}")) from error
    codes = []
    for number, row in enumerate(rows, start=2):
        code = (row.get("code") or "").strip()
        zh = (row.get("name_zh") or "").strip()
        en = (row.get("name_en") or "").strip()
        if not code or not (zh or en):
            raise UserError(Text(f"code list {path.name}, row {number}: a code and a name are needed",
                                 f"代码表 {path.name} 第 {number} 行：需要代码和名称"))
        extra = {k: (v or "").strip() for k, v in row.items()
                 if k and k not in ("code", "parent", "name_zh", "name_en")}
        codes.append(Code(code, Text(en or zh, zh or en), (row.get("parent") or "").strip(), extra))
    return codes


def load_codelists(*folders: Path) -> CodeLists:
    """Read every `*.csv` of the folders; a later folder's file replaces an earlier one's."""
    files: dict[str, Path] = {}
    for folder in folders:
        if folder and Path(folder).is_dir():
            for path in sorted(Path(folder).glob("*.csv")):
                files[path.stem] = path
    lists: dict[str, CodeList] = {}
    for name, path in files.items():
        codes = _read_csv(path)
        lists[name] = CodeList(name, tuple(codes))
        if name == "divisions":
            for level in ("county", "township", "village"):
                lists[level] = CodeList(level, tuple(c for c in codes if c.extra.get("level") == level))
    return CodeLists(lists)


@cache
def shipped_codelists() -> CodeLists:
    return load_codelists(resource("codelists"))


def for_data_dir(data_dir) -> CodeLists:
    """The shipped lists with the county's updates (`config/codelists/NAME.csv` in the data folder,
    written by desktop.core.sync.resources, newer versions only) replacing those of the same name.
    A received list that cannot be read is logged and the shipped one kept, so a bad update never
    stops data entry."""
    received = Path(data_dir.config) / "codelists"
    shipped = shipped_codelists()
    if not received.is_dir():
        return shipped
    lists = {name: shipped.get(name) for name in shipped.names()}
    for path in sorted(received.glob("*.csv")):
        try:
            codes = _read_csv(path)
        except UserError as error:
            log.warning("received code list %s not used: %s", path.name, error.text.en)
            continue
        if not codes:  # an empty list would make every code of its fields "unknown"
            log.warning("received code list %s is empty; not used", path.name)
            continue
        lists[path.stem] = CodeList(path.stem, tuple(codes))
        if path.stem == "divisions":
            for level in ("county", "township", "village"):
                lists[level] = CodeList(level, tuple(c for c in codes if c.extra.get("level") == level))
    return CodeLists(lists)
