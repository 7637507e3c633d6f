"""Comparing two independent entries of the same records (CSPro's CSDiff): the records of a form in
this installation against those of the other entry, matched by a key field, field by field.

Two clerks key the same paper register into two data folders; `compare` pairs their records by
the form's person-ID field (desktop.core.forms.keys.person_id_field) or a field the caller names,
and lists every field whose values differ and every key found on one side only. The other entry
is its data folder (opened read-only) or the data bundle it exported (read, verified and decrypted
as import does: desktop.core.quality.compare_bundle). No record is written to either store.

ID numbers are masked wherever a comparison is shown or written (identity.mask_id): the key when
records are matched by a person-ID field, and the values of every person-ID field (a family
member's inside a repeat too); `Comparison.key_text` and `value_text` do it, `unmask=True` only
for output that desktop.core.quality.compare_export has recorded as a reveal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.entry import identity
from desktop.core.errors import UserError
from desktop.core.forms import keys, roles
from desktop.core.i18n import Text, plural
from desktop.core.paths import data_dir
from desktop.core.progress import Progress, ensure
from desktop.core.store import records
from desktop.core.store.db import Database, connect

HERE_ONLY = "only_here"
THERE_ONLY = "only_there"


class BadComparison(UserError):
    """What to compare is unusable (no such folder or field): bad usage, exit 2."""

    exit_code = 2


@dataclass(frozen=True)
class Difference:
    """One disagreement: a field whose values differ (kind "field"), or a key one side lacks."""

    key: str
    field: str
    here: object
    there: object
    kind: str = "field"

    def as_dict(self) -> dict:
        return {"key": self.key, "field": self.field, "here": self.here, "there": self.there, "kind": self.kind}


@dataclass
class Comparison:
    form_id: str
    key_field: str
    here_count: int = 0
    there_count: int = 0
    differences: list[Difference] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)   # key -> the person's name, to show beside it
    id_fields: frozenset[str] = frozenset()   # the form's person-ID fields (any scope): masked when shown

    @property
    def agree(self) -> bool:
        return not self.differences

    @property
    def key_is_id(self) -> bool:
        return self.key_field in self.id_fields

    def key_text(self, key: str, unmask: bool = False) -> str:
        """A record's key as shown: masked when it is an ID number."""
        return key if unmask or not self.key_is_id or not key else identity.mask_id(key)

    def value_text(self, field_name: str, value, unmask: bool = False):
        """A field's value as shown: an ID number masked, and so are those inside a repeat's rows."""
        if unmask or not self.id_fields:
            return value
        return _masked(value, self.id_fields) if field_name not in self.id_fields else _mask_one(value)

    def as_dict(self, unmask: bool = False) -> dict:
        def difference(d: Difference) -> dict:
            out = {"key": self.key_text(d.key, unmask), "field": d.field,
                   "here": self.value_text(d.field, d.here, unmask),
                   "there": self.value_text(d.field, d.there, unmask), "kind": d.kind}
            if self.names.get(d.key):
                out["name"] = self.names[d.key]   # beside a masked key, what finds the record
            return out

        return {"form": self.form_id, "key": self.key_field, "here": self.here_count, "there": self.there_count,
                "agree": self.agree, "masked": not unmask, "differences": [difference(d) for d in self.differences]}

    def summary(self) -> Text:
        if self.agree:
            return Text("records: {here} here, {there} there: the two entries agree",
                        "本地 {here} 条、对方 {there} 条：两次录入一致").format(
                here=self.here_count, there=self.there_count)
        return Text("records: {here} here, {there} there: " + plural(len(self.differences), "difference"),
                    "本地 {here} 条、对方 {there} 条：{n} 处不一致").format(
            here=self.here_count, there=self.there_count, n=len(self.differences))


def _mask_one(value):
    return identity.mask_id(value) if isinstance(value, str | int) and value != "" else value


def _masked(value, id_fields: frozenset[str]):
    """`value` with the ID numbers of a repeat's rows (lists of {field: value}) masked."""
    if isinstance(value, list):
        return [_masked(item, id_fields) for item in value]
    if isinstance(value, dict):
        return {name: _mask_one(item) if name in id_fields else _masked(item, id_fields)
                for name, item in value.items()}
    return value


class FolderEntry:
    """The other entry as a data folder: its database, opened read-only."""

    township = None   # every record of the form, whoever's

    def __init__(self, db: Database):
        self.db = db

    def records(self, form_id: str, progress: Progress | None = None):
        return (record.values for record in records.query(self.db, form_id=form_id, limit=None,
                                                          order="created_at, id"))

    def close(self) -> None:
        self.db.close()


def is_bundle(path: str | Path) -> bool:
    from desktop.core.sync.bundle import parse_bundle_file_name

    return Path(path).is_file() and bool(parse_bundle_file_name(Path(path).name))


def open_other(path: str | Path, *, here: Database | None = None, paths=None):
    """The other entry: a data folder (read-only), or a data bundle (`TD-….tdb`) read through
    this site's keys (`here` and `paths`, the comparing store and its folder); a file that is
    neither is refused."""
    folder = Path(path)
    if is_bundle(folder):
        if here is None or paths is None:
            raise BadComparison(Text("{path} is a sync bundle, which only a data folder's keys can read.",
                                     "{path} 是同步包，只能用数据文件夹的密钥读取。").format(path=path), code="bad-usage")
        from desktop.core.quality.compare_bundle import BundleEntry

        return BundleEntry(folder, here, paths)
    if not folder.is_dir():
        raise BadComparison(Text("{path} is neither a data folder nor a sync bundle (TD-….tdb): compare against "
                                 "the data folder of the other entry or the bundle it exported.",
                                 "{path} 既不是数据文件夹也不是同步包（TD-….tdb）：请指定另一次录入的数据文件夹或其导出的同步包。")
                            .format(path=path), code="unreadable")
    db_file = data_dir(folder).db_path
    if not db_file.exists():
        raise BadComparison(Text("No Township Desk data in {path}.", "{path} 中没有本系统的数据。").format(path=path),
                        code="unreadable")
    return FolderEntry(connect(db_file, readonly=True))


def key_field_for(definition, chosen: str | None) -> str:
    """The field records are matched by: `chosen` (which must be a field of the form), else the
    form's person-ID field (by role), else its first unique field."""
    if chosen:
        if not definition.has_field(chosen):
            raise BadComparison(Text("The form {form} has no field {field}.", "表单 {form} 没有字段 {field}。")
                            .format(form=definition.form_id, field=chosen), code="bad-usage")
        return chosen
    found = keys.person_id_field(definition) or next(iter(keys.unique_fields(definition)), None)
    if not found:
        raise BadComparison(Text("The form {form} has no key field: name one with --key FIELD.",
                             "表单 {form} 没有关键字段：请用 --key 字段 指定。").format(form=definition.form_id),
                        code="bad-usage")
    return found


def _by_key(values_of_records, key_field: str) -> tuple[dict[str, dict], list[str]]:
    """{key value: the record's values} of the current records; keys held twice come back apart."""
    found: dict[str, dict] = {}
    twice: list[str] = []
    for values in values_of_records:
        key = values.get(key_field)
        key = "" if key is None else str(key).strip()
        if key in found:
            twice.append(key)
        found[key] = values
    return found, twice


def _same(a, b) -> bool:
    if a in (None, "") and b in (None, ""):
        return True
    if isinstance(a, list | dict) or isinstance(b, list | dict):
        return a == b
    return str(a).strip() == str(b).strip()


def _field_differences(key: str, here: dict, there: dict, order: list[str]) -> list[Difference]:
    names = order + sorted((set(here) | set(there)) - set(order))
    return [Difference(key, name, here.get(name), there.get(name))
            for name in names if not _same(here.get(name), there.get(name))]


def compare(here_db: Database, there, definition, *, key: str | None = None,
            progress: Progress | None = None) -> Comparison:
    """Every difference between this store's records of the form and the other entry's (what
    `open_other` returns, or another Database): per key (in key order), the fields that differ in
    the form's order, then keys found on one side only. Against a township's bundle only that
    township's records here are compared (at the county the store holds every township's)."""
    progress = ensure(progress)
    key_field = key_field_for(definition, key)
    if isinstance(there, Database):
        there = FolderEntry(there)
    there_values, _ = _by_key(there.records(definition.form_id, progress), key_field)
    township = there.township
    here_values, _ = _by_key((r.values for r in records.query(
        here_db, form_id=definition.form_id, limit=None, order="created_at, id",
        where="township = ?" if township else "", params=[township] if township else [])), key_field)
    here, there = here_values, there_values
    result = Comparison(definition.form_id, key_field, len(here), len(there),
                        id_fields=frozenset(f.name for f in definition.fields if f.role == roles.PERSON_ID))
    name_field = definition.role_field(roles.PERSON_NAME)
    if name_field is not None and name_field.name != key_field:
        for side in (there, here):   # here's spelling wins where both have one
            result.names.update({k: str(v[name_field.name]) for k, v in side.items() if v.get(name_field.name)})
    order = [f.name for f in definition.fields]
    keys_all = sorted(set(here) | set(there))
    for number, value in enumerate(keys_all, 1):
        if value in here and value in there:
            result.differences += _field_differences(value, here[value], there[value], order)
        elif value in here:
            result.differences.append(Difference(value, "", "", "", HERE_ONLY))
        else:
            result.differences.append(Difference(value, "", "", "", THERE_ONLY))
        if number % 500 == 0:
            progress(number, len(keys_all), Text("comparing records", "比对记录"))
            progress.check()
    return result


def cell_text(value):
    if value is None:
        return ""
    if isinstance(value, list | dict):
        import json

        return json.dumps(value, ensure_ascii=False)
    return str(value)
