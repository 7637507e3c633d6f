"""Which row of a sheet is its header, and which column holds which field.

Registers often open with a title row (“平舒镇流动人口登记台账”) and write their headers their own
way (“身份证号码”, “姓 名”, “联系电话（手机）”). A header cell is compared with every top-level
input field of the form after normalising both (full-width to half-width, case, spaces and
punctuation removed): the field's name, its labels in every language, and the common synonyms of
the role it plays (desktop.core.forms.roles). The header row is the first of the opening rows
whose cells name the most fields. `--map COLUMN=FIELD` (a header text or a column letter)
overrides what was recognised.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from desktop.core.errors import UserError
from desktop.core.forms import roles
from desktop.core.forms.model import FormDefinition
from desktop.core.forms.problems import column_letter
from desktop.core.i18n import Text

HEADER_SEARCH_ROWS = 20

# what registers call the fields that play a role (normalised when used)
SYNONYMS = {
    roles.PERSON_ID: ("身份证号", "身份证号码", "身份证", "公民身份号码", "公民身份证号码", "身份号码", "证件号码",
                      "身份证件号码", "id", "idnumber", "idno", "residentid"),
    roles.PERSON_NAME: ("姓名", "名字", "name", "fullname"),
    roles.SEX: ("性别", "sex", "gender"),
    roles.BIRTH_DATE: ("出生日期", "出生年月", "出生年月日", "生日", "birthdate", "dateofbirth", "dob"),
    roles.PHONE: ("联系电话", "电话", "手机", "手机号", "手机号码", "联系方式", "电话号码", "phone", "mobile", "tel"),
    roles.VILLAGE: ("村", "村街", "所在村", "现居住村", "居住村", "村居委会", "村居", "居委会", "村委会", "所在村居",
                    "现居住地", "village"),
}

_NOTE = re.compile(r"\([^)]*\)")
_DROP = re.compile(r"[\s\W_]+", re.UNICODE)


def normalise(text) -> str:
    """'身份证号码（必填）' and '身份证号码' alike: NFKC (full-width to half-width), lower case, without
    spaces and punctuation, and without a trailing note in brackets."""
    text = unicodedata.normalize("NFKC", str(text or "")).strip().lower()
    text = re.sub(r"\((?:必填|选填|required|optional)\)$|\*$", "", text)
    return _DROP.sub("", text)


def importable_fields(form: FormDefinition):
    """The fields a sheet's columns can fill: top-level inputs (no calculations, metadata, repeats)."""
    return [f for f in form.fields if f.is_input and not f.repeat and not f.metadata]


def _names_for(form: FormDefinition) -> dict[str, str]:
    """normalised header text -> field name; a field's own name and labels win over synonyms."""
    found: dict[str, str] = {}
    fields = importable_fields(form)
    for f in fields:
        for role in (f.role,) if f.role else ():
            for synonym in SYNONYMS.get(role, ()):
                found.setdefault(normalise(synonym), f.name)
    for f in fields:
        labels = [f.name, f.label.en, f.label.zh, *(str(v) for v in (f.other_labels or {}).values())]
        for label in labels:
            if normalise(label):
                found[normalise(label)] = f.name
    return found


def _role_fields(form: FormDefinition) -> dict[str, str]:
    out = {}
    for role in SYNONYMS:
        f = form.role_field(role)
        if f is not None and not f.metadata:
            out[role] = f.name
    return out




@dataclass
class Columns:
    """The header row (as Excel numbers it) and column index -> field name; `unmapped` the
    header cells that name no field, `headers` every header cell's text by column index."""

    header_row: int
    fields: dict[int, str]
    headers: dict[int, str]
    unmapped: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"header_row": self.header_row,
                "columns": {self.headers.get(i) or column_letter(i): name for i, name in sorted(self.fields.items())},
                "unmapped": self.unmapped}


class Matcher:
    def __init__(self, form: FormDefinition):
        self.form = form
        self.names = _names_for(form)
        for role, name in _role_fields(form).items():
            for synonym in SYNONYMS[role]:
                self.names.setdefault(normalise(synonym), name)

    def field_for(self, header) -> str | None:
        key = normalise(header)
        if not key:
            return None
        if key in self.names:
            return self.names[key]
        bare = normalise(_NOTE.sub("", unicodedata.normalize("NFKC", str(header))))   # 联系电话（手机）
        return self.names.get(bare) if bare else None

    def match_row(self, values) -> dict[int, str]:
        found: dict[int, str] = {}
        taken: set[str] = set()
        for index, value in enumerate(values):
            if value is None or not isinstance(value, str):
                continue
            name = self.field_for(value)
            if name and name not in taken:
                found[index] = name
                taken.add(name)
        return found


def find_columns(form: FormDefinition, opening_rows, overrides: dict[str, str] | None = None) -> Columns:
    """From the sheet's opening rows [(number, values)], the header row and the columns' fields.
    `overrides` {header text or column letter: field name} come last and win; a field name of
    "" leaves that column out."""
    matcher = Matcher(form)
    best = None
    for number, values in opening_rows:
        found = matcher.match_row(values)
        if found and (best is None or len(found) > len(best[1])):
            best = (number, found, values)
    overrides = dict(overrides or {})
    if best is None:
        if not overrides:
            raise UserError(Text("No header row found: no cell in the first rows names a field of the form. "
                                 "Give the columns with --map COLUMN=FIELD.",
                                 "找不到表头：前几行中没有单元格是本表单的字段名。请用 --map 列名=字段 指定。"),
                            code="no-header")
        number, values = opening_rows[0] if opening_rows else (1, ())
        best = (number, {}, values)
    number, found, values = best
    headers = {i: str(v).strip() for i, v in enumerate(values) if v not in (None, "")}
    fields = dict(found)
    valid = {f.name for f in importable_fields(form)}
    for column, name in overrides.items():
        if not name:              # a column the clerk chose not to import
            index = _column_index(column, headers)
            fields.pop(index, None)
            continue
        if name not in valid:
            raise UserError(Text(f"--map {column}={name}: the form has no field '{name}' to import into.",
                                 f"--map {column}={name}：表单中没有可导入的字段“{name}”。"), code="bad-map")
        index = _column_index(column, headers)
        if index is None:
            raise UserError(Text(f"--map {column}={name}: no column '{column}' in the header row {number}.",
                                 f"--map {column}={name}：第 {number} 行表头中没有“{column}”列。"), code="bad-map")
        fields = {i: n for i, n in fields.items() if n != name and i != index}
        fields[index] = name
    unmapped = [text for i, text in sorted(headers.items()) if i not in fields]
    return Columns(number, fields, headers, unmapped)


def _column_index(column: str, headers: dict[int, str]) -> int | None:
    for index, text in headers.items():
        if text == column or normalise(text) == normalise(column):
            return index
    if re.fullmatch(r"[A-Za-z]{1,3}", column):
        index = 0
        for letter in column.upper():
            index = index * 26 + ord(letter) - 64
        return index - 1
    return None


def parse_map(items) -> dict[str, str]:
    out = {}
    for item in items or ():
        column, sep, name = item.partition("=")
        if not sep or not column.strip() or not name.strip():
            raise UserError(Text(f"--map {item}: write it as COLUMN=FIELD.", f"--map {item}：格式应为 列名=字段。"),
                            code="bad-map")
        out[column.strip()] = name.strip()
    return out
