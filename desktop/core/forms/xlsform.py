"""What pyxform makes of a sheet, in the spelling the loader works with.

pyxform accepts many spellings of the same thing: `list name` for `list_name`, `label:English`
for `label::English`, `bind:relevant` for `relevant`, `id_string` for `form_id`, `select one from
L` for `select_one L`, `gps` for `geopoint`, `q int` for `integer`... This module asks pyxform
itself (its header dealiasing, its question-type dictionary and its select/control patterns) and
rewrites headers and types into one canonical spelling, so that the loader's checks and
pyxform's own interpretation see the same form. It also finds the real column of each header
in the file (a blank header cell still counts as a column, as in Excel).
"""

from __future__ import annotations

import functools
from pathlib import Path

# pyxform's grouped survey tokens -> our canonical column
_SURVEY_TOKENS = {
    ("bind", "relevant"): "relevant", ("bind", "constraint"): "constraint",
    ("bind", "jr:constraintMsg"): "constraint_message", ("bind", "jr:requiredMsg"): "required_message",
    ("bind", "calculate"): "calculation", ("bind", "readonly"): "readonly", ("bind", "required"): "required",
    ("control", "appearance"): "appearance", ("control", "jr:count"): "repeat_count",
}
_SETTINGS_TOKENS = {"id_string": "form_id", "title": "form_title"}
_CHOICES_TOKENS = {"list name": "list_name"}

# the XLSForm types, by the name the loader knows them under; every other spelling pyxform accepts
# (its question-type dictionary) is mapped onto one of these when its definition is the same
CANONICAL_TYPES = (
    "text", "integer", "decimal", "date", "time", "datetime", "calculate", "note", "hidden",
    "geopoint", "geotrace", "geoshape", "start-geopoint", "image", "audio", "video", "file",
    "background-audio", "background-geopoint", "barcode", "trigger", "acknowledge", "range", "rank",
    "start", "end", "today", "username", "deviceid", "phonenumber", "email", "simserial",
    "subscriberid", "audit", "xml-external", "csv-external", "osm",
)
_EXTRA_TYPE_ALIASES = {"imei": "deviceid", "photo": "image", "phone number": "text",
                       "uri:deviceid": "deviceid", "uri:email": "email", "uri:phonenumber": "phonenumber",
                       "uri:simserial": "simserial", "uri:subscriberid": "subscriberid",
                       "uri:username": "username", "device id": "deviceid", "sim id": "simserial",
                       "subscriber id": "subscriberid", "start time": "start", "end time": "end"}


@functools.cache
def _type_aliases() -> dict[str, str]:
    from pyxform.question_type_dictionary import QUESTION_TYPE_DICT

    out: dict[str, str] = {}
    canonical = {name: QUESTION_TYPE_DICT.get(name) for name in CANONICAL_TYPES}
    for name, definition in QUESTION_TYPE_DICT.items():
        if name in canonical:
            out[name] = name
            continue
        same = next((c for c, d in canonical.items() if d is not None and d == definition), None)
        if same:
            out[name] = same
    out.update(_EXTRA_TYPE_ALIASES)
    return out


def parse_type(raw: str) -> tuple[str, str, bool, str]:
    """An XLSForm type cell as (kind, list name, or_other, spelling note).

    `kind` is one of CANONICAL_TYPES, `select_one` / `select_multiple` / `select_one_from_file` /
    `select_multiple_from_file`, `begin_group` / `end_group` / `begin_repeat` / `end_repeat`, the
    raw type lower-cased when pyxform does not know it either, or '' for an empty cell. The note
    names the legacy spelling when the cell is not written the canonical way."""
    from pyxform.xls2json import RE_BEGIN_CONTROL, RE_END_CONTROL, RE_SELECT

    text = " ".join(str(raw or "").split())
    if not text:
        return "", "", False, ""
    lowered = text.lower()
    for pattern in (RE_BEGIN_CONTROL, RE_END_CONTROL):
        match = pattern.search(lowered)
        if match:
            control = match["type"]
            control = "repeat" if control in ("repeat", "looped group") else \
                "group" if control in ("group", "lgroup") else control
            kind = f"{'begin' if 'begin' in match.groupdict() else 'end'}_{control}"
            return kind, "", False, ""
    if lowered.split()[0] in ("select_one_from_file", "select_multiple_from_file"):
        words = text.split()
        return lowered.split()[0], " ".join(words[1:2]), False, ""
    match = RE_SELECT.search(text)
    if match:
        command = match["select_command"].lower()
        multiple = "multiple" in command or "all that apply" in command
        kind = "select_multiple" if multiple else "select_one"
        note = "" if command in ("select_one", "select_multiple", "select one", "select multiple") \
            else command
        if "external" in command:
            kind = "select_one_external"
        elif command == "rank":
            kind = "rank"
        return kind, match["list_name"], bool(match["specify_other"]), note
    aliases = _type_aliases()
    kind = aliases.get(text) or aliases.get(lowered)
    if kind:
        note = "" if lowered in (kind, kind.replace("_", " ")) else text
        return kind, "", False, note
    return lowered.replace(" ", "_"), "", False, ""


def canonical_header(sheet: str, header: str, use_double_colon: bool) -> str:
    """The header as the loader spells it: `bind:relevant` -> relevant, `label:English` ->
    label::English, `list name` -> list_name, `id_string` -> form_id; unknown headers unchanged."""
    from pyxform import aliases
    from pyxform.parsing.sheet_headers import process_header
    from pyxform.question import MultipleChoiceQuestion, Option
    from pyxform.survey import Survey

    header = str(header)
    if sheet == "survey":
        columns = _slot_names(MultipleChoiceQuestion)
        header_aliases = aliases.survey_header
    elif sheet == "settings":
        columns = _slot_names(Survey)
        header_aliases = aliases.settings_header
    else:
        columns = _slot_names(Option)
        header_aliases = aliases.list_header
    try:
        _, tokens = process_header(header, use_double_colon, header_aliases, columns)
    except Exception:  # an odd header: kept as written, and reported as an unknown column
        return header
    tokens = tuple(str(t) for t in tokens)
    if sheet == "survey" and tuple(tokens[:2]) in _SURVEY_TOKENS:
        base, rest = _SURVEY_TOKENS[tuple(tokens[:2])], tokens[2:]
    elif sheet == "settings" and tokens[0] in _SETTINGS_TOKENS:
        base, rest = _SETTINGS_TOKENS[tokens[0]], tokens[1:]
    elif sheet == "choices" and tokens[0] in _CHOICES_TOKENS:
        base, rest = _CHOICES_TOKENS[tokens[0]], tokens[1:]
    elif tokens[0] in ("label", "hint", "guidance_hint", "media") or tokens[0] in columns:
        base, rest = tokens[0], tokens[1:]
    else:
        return header
    return "::".join((base, *rest)) if rest else base


@functools.cache
def _slot_names(cls) -> frozenset:
    return frozenset(cls.get_slot_names())


def normalise_sheet(sheet: str, rows: list | None, header_rows: list | None) -> tuple[list, list, dict]:
    """Rows and header of a sheet with canonical headers. Returns (rows, header_rows,
    {canonical: original}) — the original spelling is kept for messages and legacy notes."""
    if not header_rows:
        return rows or [], header_rows or [], {}
    originals = [str(h) for h in header_rows[0].keys()]
    double = any("::" in h for h in originals)
    mapping = {h: canonical_header(sheet, h, double) for h in originals}
    if all(k == v for k, v in mapping.items()):
        return rows or [], header_rows, {h: h for h in originals}
    seen: dict[str, str] = {}
    for original, canonical in mapping.items():
        if canonical in seen:  # two spellings of one column: keep both, the second as written
            mapping[original] = original
        seen.setdefault(mapping[original], original)
    new_rows = [{mapping.get(str(k), str(k)): v for k, v in row.items()} for row in rows or []]
    new_header = [{mapping[h]: None for h in originals}]
    return new_rows, new_header, {v: k for k, v in mapping.items()}


def header_positions(source, file_type: str | None) -> dict[str, dict[str, int]]:
    """{sheet name (lower case): {header: 0-based column}} read from the file itself, so a blank
    header cell still counts (pyxform drops it). Empty when the format has no cells (.md, .csv)."""
    if not isinstance(source, str):
        return {}
    suffix = (file_type or Path(source).suffix.lstrip(".")).lower().lstrip(".")
    out: dict[str, dict[str, int]] = {}
    try:
        if suffix in ("xlsx", "xlsm"):
            import openpyxl

            book = openpyxl.load_workbook(source, read_only=True, data_only=True)
            try:
                for sheet in book.worksheets:
                    first = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
                    out[sheet.title.lower()] = _positions(first)
            finally:
                book.close()
        elif suffix == "xls":
            import xlrd

            book = xlrd.open_workbook(source, on_demand=True)
            for name in book.sheet_names():
                sheet = book.sheet_by_name(name)
                first = sheet.row_values(0) if sheet.nrows else ()
                out[name.lower()] = _positions(first)
    except Exception:  # the columns then count as pyxform read them
        return {}
    return out


def _positions(cells) -> dict[str, int]:
    out: dict[str, int] = {}
    for index, value in enumerate(cells):
        if value is None or str(value).strip() == "":
            continue
        out.setdefault(str(value).strip(), index)
    return out
