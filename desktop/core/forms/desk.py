"""Desk equivalents of XLSForm features made for a phone or a server (docs/FORMS.md, "Forms made
elsewhere"): what each becomes in a Township Desk form, or that it is ignored with a warning, or
refused with the reason. The loader asks `check_type` while it checks the survey rows and
`equivalent` while it builds the fields.
"""

from __future__ import annotations

import csv
import re

from desktop.core.forms.model import Choice, ChoiceList
from desktop.core.i18n import Text

SURVEY = "survey"

# filled by the app when the record is created or saved (desktop.core.forms.metadata)
METADATA = {"start", "end", "today", "username", "deviceid", "phonenumber", "email",
            "simserial", "subscriberid"}
_METADATA_EMPTY = {"phonenumber", "email", "simserial", "subscriberid"}
# kept as an empty hidden field (so expressions naming them still work), with a warning
IGNORED = {
    "image": ("a picture cannot be taken at a desk", "桌面录入无法拍照"),
    "audio": ("sound is not recorded", "不录制声音"),
    "video": ("video is not recorded", "不录制视频"),
    "file": ("files are not attached to records", "记录不附加文件"),
    "background-audio": ("sound is not recorded", "不录制声音"),
    "geotrace": ("lines on a map are not drawn at a desk", "桌面录入不绘制地图线"),
    "geoshape": ("shapes on a map are not drawn at a desk", "桌面录入不绘制地图区域"),
    "start-geopoint": ("a desk computer has no GPS", "台式电脑没有 GPS"),
    "background-geopoint": ("a desk computer has no GPS", "台式电脑没有 GPS"),
    "audit": ("Collect's audit log is not kept (the record has its own audit trail)",
              "不保存 Collect 审计日志（记录有自己的操作痕迹）"),
    "hidden": ("nothing fills it", "没有内容填写它"),
    "xml-external": ("external data files are not read", "不读取外部数据文件"),
    "csv-external": ("external data files are not read", "不读取外部数据文件"),
}
# typed as text, with a warning
AS_TEXT = {
    "time": ("typed as text (hh:mm)", "按文本录入（时:分）"),
    "datetime": ("typed as text (YYYY-MM-DD hh:mm)", "按文本录入（年-月-日 时:分）"),
    "barcode": ("typed (or scanned by a keyboard scanner) as text", "按文本录入（或用键盘式扫码枪扫入）"),
}
REFUSED = {
    "select_one_external": ("external choices are not supported", "不支持外部选项（external choices）"),
    "rank": ("ranking is not supported", "不支持排序题（rank）"),
    "osm": ("OpenStreetMap questions are not supported", "不支持 OpenStreetMap 题"),
}
CONFIRM_LIST = "_confirm"
_COLUMN_NOTES = {
    "media": ("pictures, sound and video are not shown in a form", "表单中不显示图片、声音和视频"),
    "guidance_hint": ("guidance hints are not shown", "不显示指导提示（guidance_hint）"),
    "trigger": ("Collect's trigger column (recalculate on change) is ignored", "Collect 的 trigger 列已忽略"),
}

GEOPOINT_CONSTRAINT = ("count-selected(.) >= 2 and count-selected(.) <= 4 and selected-at(., 0) >= -90 "
                       "and selected-at(., 0) <= 90 and selected-at(., 1) >= -180 "
                       "and selected-at(., 1) <= 180")


def warn_column(problems, header: str, base: str) -> None:
    """A survey column the desk does not use: a comment column, a column of another tool, media."""
    en, zh = _COLUMN_NOTES.get(base, ("", ""))
    if base.startswith("_") or base.startswith("#") or " " in base:
        en, zh = "a comment column", "注释列"
    note_en = f" ({en})" if en else ""
    note_zh = f"（{zh}）" if zh else ""
    problems.warn(SURVEY, 1, header, f"the column '{header}' is ignored{note_en}",
                  f"“{header}”列已忽略{note_zh}")


def check_type(builder, kind: str, list_name: str, row: dict, number: int) -> bool:
    """A survey type outside the plain subset: True when it has a desk equivalent (with its
    warning given), False when it is refused (the problem recorded)."""
    problems = builder.problems
    raw = str(row.get("type", "")).strip()
    name = str(row.get("name", "")).strip()
    if kind in METADATA:
        if kind in _METADATA_EMPTY:
            problems.warn(SURVEY, number, "type",
                          f"the type '{raw}' stays empty: a desk computer has no {kind}",
                          f"类型“{raw}”保持为空：台式电脑没有此项（{kind}）")
        return True
    if kind in IGNORED:
        en, zh = IGNORED[kind]
        problems.warn(SURVEY, number, "type", f"the type '{raw}' is ignored: {en}; the field stays empty",
                      f"类型“{raw}”已忽略：{zh}；该字段保持为空")
        return True
    if kind in AS_TEXT:
        en, zh = AS_TEXT[kind]
        problems.warn(SURVEY, number, "type", f"the type '{raw}' is {en}", f"类型“{raw}”{zh}")
        return True
    if kind in ("geopoint", "trigger", "acknowledge"):
        return True
    if kind == "range":
        if range_bounds(row) is None:
            problems.add(SURVEY, number, "parameters",
                         f"the range parameters '{row.get('parameters')}' are not start=… end=… step=… numbers",
                         f"range 参数“{row.get('parameters')}”应为 start=… end=… step=… 数字")
            return False
        return True
    if kind in ("select_one_from_file", "select_multiple_from_file"):
        problem = _file_choices(builder, list_name, row)
        if isinstance(problem, Text):
            problems.problems.append(_problem(builder, number, "type", problem))
            builder.refused[name] = number
            return False
        return True
    en, zh = REFUSED.get(kind, (None, None))
    if en:
        problems.add(SURVEY, number, "type", f"the type '{raw}' is not supported: {en}",
                     f"不支持类型“{raw}”：{zh}")
    else:
        problems.add(SURVEY, number, "type", f"the type '{raw}' is not supported",
                     f"不支持类型“{raw}”")
    if name:
        builder.refused[name] = number
    return False


def _problem(builder, number, column, text):
    from desktop.core.forms.model import FormProblem
    return FormProblem(SURVEY, number, builder.problems.column(SURVEY, column), text)


def range_bounds(row: dict) -> tuple[float, float, float] | None:
    """start, end, step of a range row (pyxform's defaults 1, 10, 1), or None if unreadable."""
    values = {"start": 1.0, "end": 10.0, "step": 1.0}
    for part in re.split(r"[\s;,]+", str(row.get("parameters", "") or "").strip()):
        if not part:
            continue
        key, _, value = part.partition("=")
        if key.strip() not in values:
            continue
        try:
            values[key.strip()] = float(value)
        except ValueError:
            return None
    return values["start"], values["end"], values["step"]


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)


def _file_choices(builder, file_name: str, row: dict) -> ChoiceList | Text:
    """The choices of `select_one_from_file X.csv` from the CSV beside the form."""
    if file_name in builder.extra_lists:
        return builder.extra_lists[file_name]
    if not file_name.lower().endswith(".csv"):
        return Text(f"choices from '{file_name}' are not supported: only a .csv beside the form is read",
                    f"不支持从“{file_name}”读取选项：只读取表单旁边的 .csv 文件")
    path = builder.directory / file_name if builder.directory is not None else None
    if path is None or not path.is_file():
        return Text(f"the choices file '{file_name}' must be beside the form file",
                    f"选项文件“{file_name}”必须与表单文件放在同一文件夹")
    parameters = dict(p.partition("=")[::2] for p in str(row.get("parameters", "") or "").split() if "=" in p)
    value_column, label_column = parameters.get("value", "name"), parameters.get("label", "label")
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        return Text(f"the choices file '{file_name}' cannot be read ({type(error).__name__})",
                    f"无法读取选项文件“{file_name}”（{type(error).__name__}）")
    if not rows or value_column not in rows[0] or label_column not in rows[0]:
        return Text(f"the choices file '{file_name}' needs '{value_column}' and '{label_column}' columns",
                    f"选项文件“{file_name}”需要“{value_column}”和“{label_column}”列")
    choices = tuple(Choice(str(r[value_column]).strip(), Text(str(r[label_column]), str(r[label_column])),
                           {k: str(v) for k, v in r.items() if k not in (value_column, label_column) and k})
                    for r in rows if str(r.get(value_column, "")).strip())
    found = ChoiceList(file_name, choices)
    builder.extra_lists[file_name] = found
    return found


def equivalent(kind: str, row: dict) -> dict:
    """The Field attributes that make `kind` its desk equivalent ({} for the plain subset)."""
    if kind in METADATA:
        out = {"type": "calculate", "source_type": kind, "metadata": kind}
        if kind == "today":
            out.update(calculate="today()", metadata="")
        return out
    if kind in IGNORED:
        return {"type": "calculate", "source_type": kind}
    if kind in AS_TEXT:
        return {"type": "text", "source_type": kind}
    if kind == "geopoint":
        own = str(row.get("constraint", "") or "").strip()
        return {"type": "text", "source_type": kind,
                "constraint": f"{GEOPOINT_CONSTRAINT} and ({own})" if own else GEOPOINT_CONSTRAINT,
                "hint": Text("latitude longitude, e.g. 39.9042 116.4074", "纬度 经度，例如 39.9042 116.4074"),
                "constraint_message": Text(
                    "type the latitude (-90 to 90) and longitude (-180 to 180), separated by a space",
                    "请输入纬度（-90 至 90）和经度（-180 至 180），以空格分隔")}
    if kind in ("trigger", "acknowledge"):
        return {"type": "select_multiple", "source_type": kind, "choice_list": CONFIRM_LIST}
    if kind == "range":
        start, end, step = range_bounds(row)
        whole = all(v == int(v) for v in (start, end, step))
        low, high = min(start, end), max(start, end)
        check = f". >= {_number(low)} and . <= {_number(high)}"
        own = str(row.get("constraint", "") or "").strip()
        return {"type": "integer" if whole else "decimal", "source_type": kind,
                "constraint": f"{check} and ({own})" if own else check,
                "constraint_message": Text(f"a number from {_number(low)} to {_number(high)}",
                                           f"请输入 {_number(low)} 至 {_number(high)} 之间的数")}
    if kind in ("select_one_from_file", "select_multiple_from_file"):
        return {"type": kind.replace("_from_file", ""), "source_type": kind}
    return {}


def confirm_list() -> ChoiceList:
    """The one choice of a trigger/acknowledge: a checkbox the clerk ticks."""
    return ChoiceList(CONFIRM_LIST, (Choice("OK", Text("Confirmed", "已确认")),))


def expand_loops(rows: list[dict], choices: list[dict]) -> tuple[list[dict], list[int]]:
    """`begin loop over L` … `end loop`, as pyxform expands it: a group named as the loop, in it a
    group per choice of L (named `<loop>_<choice>`, labelled by the choice), holding a copy of the
    loop's rows named `<choice>_<name>`, with `%(label)s` in their labels replaced by the choice's
    label. Returns the rows and, for each, its row number in the sheet (the header is row 1)."""
    from pyxform.xls2json import RE_BEGIN_CONTROL

    numbers = list(range(2, len(rows) + 2))
    if not any("loop" in str(r.get("type", "")).lower() for r in rows):
        return rows, numbers
    by_list: dict[str, list[dict]] = {}
    for choice in choices:
        by_list.setdefault(str(choice.get("list_name", "")).strip(), []).append(choice)
    out_rows: list[dict] = []
    out_numbers: list[int] = []
    index = 0
    while index < len(rows):
        row = rows[index]
        match = RE_BEGIN_CONTROL.search(" ".join(str(row.get("type", "")).lower().split()))
        if not match or match["type"] != "loop":
            out_rows.append(row)
            out_numbers.append(numbers[index])
            index += 1
            continue
        depth, end = 1, index + 1
        while end < len(rows) and depth:
            kind = " ".join(str(rows[end].get("type", "")).lower().split())
            depth += int(kind.startswith(("begin loop", "begin_loop"))) - int(kind in ("end loop", "end_loop"))
            end += 1
        if depth:  # never closed: left as written, the type check names it
            out_rows.append(row)
            out_numbers.append(numbers[index])
            index += 1
            continue
        body = list(zip(rows[index + 1:end - 1], numbers[index + 1:end - 1], strict=True))
        loop_name = str(row.get("name", "")).strip()
        group = {k: v for k, v in row.items() if k != "type"}
        out_rows.append({**group, "type": "begin_group"})
        out_numbers.append(numbers[index])
        for choice in by_list.get(match["list_name"] or "", []):
            code = str(choice.get("name", "")).strip()
            labels = {k: v for k, v in choice.items() if k.split("::")[0] == "label"}
            out_rows.append({"type": "begin_group", "name": f"{loop_name}_{code}", **labels})
            out_numbers.append(numbers[index])
            for child, number in body:
                copy = dict(child)
                if str(copy.get("name", "")).strip():
                    copy["name"] = f"{code}_{str(copy['name']).strip()}"
                for key, value in child.items():
                    if key.split("::")[0] in ("label", "hint") and isinstance(value, str) and "%(label)s" in value:
                        language = key.partition("::")[2]
                        label = choice.get(f"label::{language}" if language else "label") or \
                            next(iter(labels.values()), code)
                        copy[key] = value.replace("%(label)s", str(label))
                out_rows.append(copy)
                out_numbers.append(number)
            out_rows.append({"type": "end_group"})
            out_numbers.append(numbers[end - 1])
        out_rows.append({"type": "end_group"})
        out_numbers.append(numbers[end - 1])
        index = end
    return out_rows, out_numbers
