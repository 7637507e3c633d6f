"""Load an XLSForm (.xlsx, or the .md / .csv text forms pyxform reads) into a `FormDefinition`.

pyxform does the reading (`get_xlsform`: sheets to rows, keeping row positions) and the XLSForm
interpretation (`workbook_to_json`: type aliases, groups, translations, choice lists). We add what
a desktop entry program needs on top: the supported subset (docs/FORMS.md) with every problem
located by sheet, row and column, our extension columns, code-list choices, compiled rules, and
load-time refusal of unknown references and dependency cycles. Every problem is collected and
raised together in one `FormLoadError`; no input file produces a traceback.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from io import BytesIO
from pathlib import Path

from desktop.core.forms import desk, roles
from desktop.core.forms.model import (
    Choice,
    ChoiceList,
    Field,
    FormDefinition,
    FormLoadError,
    FormProblem,
    Group,
)
from desktop.core.forms.problems import ProblemCollector, base_column
from desktop.core.forms.xlsform import header_positions, normalise_sheet, parse_type
from desktop.core.i18n import Text

log = logging.getLogger("township.forms")

SURVEY, CHOICES, SETTINGS = "survey", "choices", "settings"
SUPPORTED_SHEETS = {SURVEY, CHOICES, SETTINGS}
# pyxform reads these sheets too, but what they do is outside our subset
REFUSED_SHEETS = {"external_choices", "entities", "osm"}

# survey columns we support; lang-suffixed ones may also appear as `label::中文 (zh)` etc.
TRANSLATED_COLUMNS = {"label", "hint", "constraint_message", "required_message", "soft_constraint_message"}
PLAIN_COLUMNS = {"type", "name", "required", "constraint", "relevant", "calculation", "default",
                 "readonly", "choice_filter", "appearance", "unique", "soft_constraint", "search",
                 "codelist", "role", "repeat_count", "parameters"}
SETTINGS_COLUMNS = {"form_title", "form_id", "version", "default_language"}
# our extension: when two records are possibly the same person (desktop.core.quality.duplicates)
DUPLICATE_SETTINGS = {"duplicate_threshold": "score", "duplicate_name_threshold": "name"}
SETTINGS_COLUMNS |= set(DUPLICATE_SETTINGS)
# settings for an ODK server or Collect's own display: nothing to do at a desk
SERVER_SETTINGS = {"style", "allow_choice_duplicates", "instance_name", "public_key", "submission_url",
                   "auto_send", "auto_delete", "xml_root", "namespaces", "name", "clean_text_values",
                   "sms_keyword", "sms_separator", "sms_allow_media", "sms_date_format",
                   "sms_datetime_format", "sms_response", "prefix", "delimiter", "add_none_option",
                   "instance_xmlns", "client_editable", "omit_instanceID"}
DEFAULT_VERSION = "1"
PLAIN_KINDS = {"text", "integer", "decimal", "date", "select_one", "select_multiple", "calculate", "note",
               "begin_group", "begin_repeat"}

YES = {"yes", "true", "true()", "1", "y"}
NO = {"", "no", "false", "false()", "0", "n"}
APPEARANCES = {"", "minimal", "multiline", "autocomplete", "search", "horizontal", "compact",
               "field-list", "table-list", "no-calendar", "month-year", "year", "numbers"}
# an XML name as pyxform demands it (ASCII): letters, digits, _ - . and not starting with a digit
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")
_LANG_CODE = re.compile(r"\(([A-Za-z]{2,3})(?:[-_][A-Za-z]+)?\)\s*$")


def language_code(name: str | None) -> str:
    """`中文 (zh)` -> zh, `English (en)` -> en; a name without a code is guessed from its words."""
    if not name or name == "default":
        return ""
    match = _LANG_CODE.search(name)
    if match:
        return match[1].lower()
    lowered = name.lower()
    if "english" in lowered:
        return "en"
    if "chinese" in lowered or "中文" in name or "汉" in name:
        return "zh"
    return lowered


def _headers(header_rows) -> list[str]:
    if not header_rows:
        return []
    return [str(h) for h in header_rows[0].keys()]


def _text_of(value, languages: dict[str, str], default_language: str) -> Text | None:
    """pyxform's label value (a string, or {language name: text}) as a two-language Text;
    a missing language falls back to the other one so nothing shows blank."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return Text(value, value)
    by_code: dict[str, str] = {}
    for name, text in value.items():
        code = languages.get(name) or language_code(name) or default_language
        if text:
            by_code[code] = str(text)
    zh = by_code.get("zh") or by_code.get(default_language) or next(iter(by_code.values()), "")
    en = by_code.get("en") or by_code.get(default_language) or next(iter(by_code.values()), "")
    if not zh and not en:
        return None
    return Text(en, zh)


def _date_default(kind: str, value: str) -> str:
    """A date default typed in Excel comes back as `2012-12-12 00:00:00`: the date is meant."""
    if kind == "date" and re.fullmatch(r"\d{4}-\d{2}-\d{2}[ T]00:00:00", value):
        return value[:10]
    return value


def _note_name(kind: str, number: int) -> str:
    """A note may have no name (pyxform accepts it): it is named by its row."""
    return f"note_row{number}" if kind == "note" else ""


def _others(value, languages: dict[str, str]) -> dict:
    """The texts of a label in the languages other than zh and en: {language name: text}."""
    if not isinstance(value, dict):
        return {}
    return {str(name): str(text) for name, text in value.items()
            if text and (languages.get(name) or language_code(name)) not in ("zh", "en", "")}


def _raw_text(row: dict, column: str, languages: set[str], default_language: str) -> Text | None:
    """A translated extension column read from the raw row (pyxform does not translate it)."""
    by_code = {}
    for key, value in row.items():
        base, lang = base_column(key)
        if base == column and value:
            by_code[language_code(lang) or default_language] = str(value)
    if not by_code:
        return None
    zh = by_code.get("zh") or next(iter(by_code.values()))
    en = by_code.get("en") or next(iter(by_code.values()))
    return Text(en, zh)


def _parse_type(raw: str) -> tuple[str, str]:
    """`select_one sex` -> (select_one, sex); `begin group` -> (begin_group, ''); every spelling
    pyxform accepts (`select one from sex`, `gps`, `q int`...) is read as pyxform reads it."""
    kind, list_name, _, _ = parse_type(raw)
    return kind, list_name


def _flatten_json(children: Iterable[dict], out: dict[str, dict]) -> None:
    """pyxform's elements by name; a name used by a group and a field inside it keeps both
    (the group under `name`, the field under `name` + '\0field')."""
    for child in children:
        name = child.get("name")
        container = child.get("type") in ("group", "repeat", "loop")
        key = name if container else f"{name}\0field"
        if name and key not in out:
            out[key] = child
        if name and name not in out:
            out[name] = child
        if "children" in child and container:
            _flatten_json(child["children"], out)


def _read_workbook(source, file_type: str | None):
    # pyxform (with openpyxl) costs a noticeable part of a start on an old PC: load it when a
    # form file is actually read, not when the app starts
    from pyxform.errors import PyXFormError
    from pyxform.xls2json_backends import get_xlsform

    try:
        return get_xlsform(source, file_type=file_type)
    except PyXFormError as error:
        if "not recognized as a supported type" in str(error):
            text = Text("the file is damaged, or is not an .xlsx spreadsheet or XLSForm text file",
                        "文件已损坏，或不是 .xlsx 表格或 XLSForm 文本文件")
        else:
            text = Text(f"the file is not a readable XLSForm spreadsheet ({error})",
                        f"文件不是可读取的 XLSForm 表格（{error}）")
        raise FormLoadError(_source_name(source), [FormProblem("", 0, "", text)]) from None
    except Exception as error:  # openpyxl and zipfile raise many kinds on damaged files
        log.info("unreadable form file: %s", type(error).__name__)
        raise FormLoadError(_source_name(source), [FormProblem("", 0, "", Text(
            f"the file is damaged or not a spreadsheet ({type(error).__name__})",
            f"文件已损坏或不是表格文件（{type(error).__name__}）"))]) from None


def _source_name(source) -> str:
    if isinstance(source, str | Path):
        return Path(source).name
    return "(data)"


def load_form(source, *, file_type: str | None = None, codelists=None) -> FormDefinition:
    """Read, check and compile a form; raise FormLoadError listing every problem.

    `source` is a path (.xlsx/.xlsm/.md/.csv) or bytes; `codelists` fills `codelist` choice
    lists (default: the shipped code lists)."""
    from desktop.core.codelists.codelists import shipped_codelists

    if isinstance(source, Path):
        source = str(source)
    if isinstance(source, str) and not Path(source).is_file():
        raise FormLoadError(_source_name(source), [FormProblem("", 0, "", Text(
            "the file does not exist", "文件不存在"))])
    if isinstance(source, bytes):
        source = BytesIO(source)
    if file_type is None and isinstance(source, str):
        suffix = Path(source).suffix.lower()
        if suffix not in (".xlsx", ".xlsm", ".md", ".csv", ".xls"):
            raise FormLoadError(_source_name(source), [FormProblem("", 0, "", Text(
                f"'{suffix or '(none)'}' files are not forms; use .xlsx (or .md / .csv)",
                f"“{suffix or '（无）'}”文件不是表单；请使用 .xlsx（或 .md / .csv）"))])
    def positions():
        return header_positions(source, file_type)

    directory = Path(source).parent if isinstance(source, str) else None
    workbook = _read_workbook(source, file_type)
    return _FormBuilder(workbook, _source_name(source), codelists or shipped_codelists(),
                        positions=positions, directory=directory).build()


class _FormBuilder:
    def __init__(self, workbook, source_name: str, codelists, *, positions=None, directory=None):
        self.workbook = workbook
        self.source = source_name
        self.codelists = codelists
        self.directory = directory
        originals = {}
        for sheet in (SURVEY, CHOICES, SETTINGS):
            # pyxform's own dealiasing: `list name`, `label:English`, `bind:relevant`, `id_string`...
            rows, header, originals[sheet] = normalise_sheet(
                sheet, getattr(workbook, sheet), getattr(workbook, sheet + "_header"))
            setattr(workbook, sheet, rows)
            setattr(workbook, sheet + "_header", header)
        # `begin loop over L` expanded as pyxform does (a group per choice); rows keep their sheet row
        workbook.survey, self.row_numbers = desk.expand_loops(workbook.survey or [], workbook.choices or [])
        self.headers = {
            SURVEY: _headers(workbook.survey_header),
            CHOICES: _headers(workbook.choices_header),
            SETTINGS: _headers(workbook.settings_header),
        }
        self.problems = ProblemCollector(self.headers, positions, originals)
        self.extra_lists: dict[str, ChoiceList] = {}  # select_one_from_file lists, by file name
        self.refused: dict[str, int] = {}  # names of rows whose type is refused -> row
        self.ambiguous: dict[str, list[int]] = {}  # names used in more than one scope -> rows
        settings = (workbook.settings or [{}])[0] if workbook.settings else {}
        self.allow_duplicates = str(settings.get("allow_choice_duplicates", "")).strip().lower() in YES

    def fail_if_problems(self):
        unique: dict[tuple, FormProblem] = {}
        for problem in self.problems.problems:  # the loader and the compiler may both see one
            unique.setdefault((problem.sheet, problem.row, problem.column, problem.message.en), problem)
        self.problems.problems[:] = list(unique.values())
        if self.problems.problems:
            raise FormLoadError(self.source, self.problems.problems)

    # -- subset checks on the raw sheets ---------------------------------------------------
    def check_sheets(self):
        names = [n.lower() for n in (self.workbook.sheet_names or [])]
        for name in names:
            if name in REFUSED_SHEETS and getattr(self.workbook, name, None):
                # the rows that would use it (select_one_external...) are refused where they are
                self.problems.warn(name, 0, "", f"the '{name}' sheet is ignored: Township Desk does not "
                                   "use external choices, entities or OpenStreetMap tags",
                                   f"“{name}”工作表已忽略：本程序不使用外部选项、实体或 OpenStreetMap 标签")
        if not self.workbook.survey:
            self.problems.add(SURVEY, 0, "", "there is no 'survey' sheet, or it is empty",
                              "缺少“survey”工作表，或该表为空")
        for header in self.headers[SURVEY]:
            base, lang = base_column(header)
            if base in TRANSLATED_COLUMNS:
                continue
            if base in PLAIN_COLUMNS and not lang:
                continue
            desk.warn_column(self.problems, header, base)
        for header in self.headers[SETTINGS]:
            base, lang = base_column(header)
            if base in SETTINGS_COLUMNS and (not lang or base == "form_title"):
                continue
            if base in SERVER_SETTINGS:
                self.problems.warn(SETTINGS, 1, header,
                                   f"the server setting '{header}' is ignored: Township Desk sends no "
                                   "submissions to an ODK server",
                                   f"服务器设置“{header}”已忽略：本程序不向 ODK 服务器提交数据")
            else:
                self.problems.warn(SETTINGS, 1, header, f"the setting '{header}' is ignored",
                                   f"设置项“{header}”已忽略")
        choice_headers = {base_column(h)[0] for h in self.headers[CHOICES]}
        if self.workbook.choices and not {"list_name", "name"} <= choice_headers:
            self.problems.add(CHOICES, 1, "", "the choices sheet needs list_name and name columns",
                              "choices 工作表需要 list_name 和 name 列")
        if not self.workbook.settings:
            self.workbook.settings = [{}]
        settings = self.workbook.settings[0]
        if not str(settings.get("form_id", "")).strip():
            # as pyxform: the file's name (its `fallback_form_name`)
            default = str(self.workbook.fallback_form_name or "data").strip() or "data"
            settings["form_id"] = default
            self.problems.warn(SETTINGS, 2 if self.headers[SETTINGS] else 0, "form_id",
                               f"no form_id: '{default}' (the file's name) is used, as pyxform does; "
                               "set form_id before the form is sent to townships",
                               f"未填写 form_id：按 pyxform 的做法使用文件名“{default}”；"
                               "下发到乡镇前请填写 form_id")
        if not str(settings.get("version", "")).strip():
            settings["version"] = DEFAULT_VERSION
            self.problems.warn(SETTINGS, 2 if self.headers[SETTINGS] else 0, "version",
                               f"no version: '{DEFAULT_VERSION}' is used (pyxform gives none); set a "
                               "version before the form is sent, so later versions can replace it",
                               f"未填写 version：使用“{DEFAULT_VERSION}”（pyxform 不提供默认值）；"
                               "下发前请填写版本号，以便以后的版本替换它")
        header = dict((self.workbook.settings_header or [{}])[0])
        header.update({"form_id": None, "version": None})
        self.workbook.settings_header = [header]

    def check_survey_rows(self):
        """Types, names, nesting and plain-column values of every survey row."""
        seen: dict[str, int] = {}
        scoped: dict[tuple[str, str], int] = {}  # (enclosing repeat, name) -> row
        stack: list[tuple[str, int]] = []  # (begin type, row)
        repeats: list[tuple[int, str]] = []  # (depth in stack, name) of the open repeats
        for index, row in enumerate(self.workbook.survey or []):
            number = self.row_numbers[index]
            if not row:
                continue
            kind, list_name, or_other, spelling = parse_type(str(row.get("type", "")))
            name = str(row.get("name", "")).strip()
            if spelling:
                self.problems.warn(SURVEY, number, "type",
                                   f"legacy spelling '{spelling}' read as {kind}",
                                   f"旧写法“{spelling}”按 {kind} 读取")
            if not kind:
                if name:
                    self.problems.add(SURVEY, number, "type", "the type is missing", "缺少类型（type）")
                continue
            if kind in ("end_group", "end_repeat"):
                if not stack or stack[-1][0] != kind.replace("end", "begin"):
                    self.problems.add(SURVEY, number, "type", f"'{kind}' has no matching begin",
                                      f"“{kind}”没有对应的开始行")
                else:
                    stack.pop()
                    if repeats and repeats[-1][0] > len(stack):
                        repeats.pop()
                continue
            scope = repeats[-1][1] if repeats else ""
            if kind not in ("text", "integer", "decimal", "date", "select_one", "select_multiple",
                            "calculate", "note", "begin_group", "begin_repeat"):
                if not desk.check_type(self, kind, list_name, row, number):
                    continue
            if or_other:
                self.problems.warn(SURVEY, number, "type",
                                   f"'or_other': an 'other' choice and a text field {name}_other are added",
                                   f"“or_other”：已添加“其他”选项和文本字段 {name}_other")
            if kind in ("select_one", "select_multiple", "select_one_from_file",
                        "select_multiple_from_file") and not list_name:
                self.problems.add(SURVEY, number, "type", f"'{kind}' needs a choice list name",
                                  f"“{kind}”后须写选项列表名")
            if kind in ("begin_group", "begin_repeat"):
                stack.append((kind, number))
                if kind == "begin_repeat":
                    repeats.append((len(stack), name))
            name = name or _note_name(kind, number)
            if not name:
                self.problems.add(SURVEY, number, "name", "the name is missing", "缺少名称（name）")
            elif not _NAME.match(name):
                self.problems.add(SURVEY, number, "name",
                                  f"the name '{name}' must be letters, digits, _ - and . and start with a letter",
                                  f"名称“{name}”只能由字母、数字、下划线、- 和 . 组成，且以字母开头")
            elif name.lower() in ("meta", "instanceid"):
                self.problems.add(SURVEY, number, "name", f"the name '{name}' is reserved",
                                  f"名称“{name}”为保留字")
            elif (scope, name) in scoped:
                first = scoped[(scope, name)]
                self.problems.add(SURVEY, number, "name",
                                  f"the name '{name}' is already used on row {first}: ODK allows the same "
                                  "name in two groups, but Township Desk keeps the values of a record (or "
                                  "of a repeat's row) by name, so rename one of them",
                                  f"名称“{name}”已在第 {first} 行使用：ODK 允许不同分组中同名，但本程序按"
                                  "名称保存记录（或重复组每行）的值，请改名其中之一")
            else:
                scoped[(scope, name)] = number
                if name in seen:  # the same name inside and outside a repeat: as pyxform, only a
                    self.ambiguous.setdefault(name, [seen[name]]).append(number)  # ${name} is refused
                seen.setdefault(name, number)
            for key in ("readonly", "unique", "search"):
                value = str(row.get(key, "")).strip().lower()
                if value not in YES | NO:
                    self.problems.add(SURVEY, number, key, f"'{key}' must be yes or no, not '{row.get(key)}'",
                                      f"“{key}”只能填 yes 或 no，而不是“{row.get(key)}”")
            if row.get("calculation") and kind != "calculate" and kind not in ("text", "integer", "decimal",
                                                                                "date", "select_one"):
                self.problems.add(SURVEY, number, "calculation", f"a {kind} row cannot have a calculation",
                                  f"{kind} 行不能有计算（calculation）")
            if kind == "calculate" and not row.get("calculation"):
                self.problems.add(SURVEY, number, "calculation", "a calculate row needs a calculation",
                                  "calculate 行必须填写计算（calculation）")
            appearance = str(row.get("appearance", "")).strip()
            unknown = [part for part in appearance.split() if part not in APPEARANCES]
            if unknown:
                self.problems.warn(SURVEY, number, "appearance",
                                   f"the appearance '{' '.join(unknown)}' is ignored (the field is shown as usual)",
                                   f"外观（appearance）“{' '.join(unknown)}”已忽略（字段照常显示）")
            codelist = str(row.get("codelist", "")).strip()
            if codelist:
                if kind not in ("select_one", "select_multiple"):
                    self.problems.add(SURVEY, number, "codelist", "only a select can take a codelist",
                                      "只有选择题可以使用代码表（codelist）")
                elif not self.codelists.has(codelist):
                    self.problems.add(SURVEY, number, "codelist", f"there is no code list '{codelist}'",
                                      f"没有名为“{codelist}”的代码表")
        self.check_references(seen)
        for kind, number in stack:
            self.problems.add(SURVEY, number, "type", f"'{kind}' is never closed (end_{kind[6:]} is missing)",
                              f"“{kind}”没有结束行（缺少 end_{kind[6:]}）")

    def check_references(self, names: dict[str, int]):
        """${name} references to missing fields and select lists missing from the choices sheet,
        found on the raw rows so that they are located even where pyxform would stop first."""
        lists = {str(r.get("list_name", "")).strip() for r in self.workbook.choices or []}
        for index, row in enumerate(self.workbook.survey or []):
            number = self.row_numbers[index]
            kind, list_name = _parse_type(str(row.get("type", "")))
            if kind in ("select_one", "select_multiple") and list_name and list_name not in lists \
                    and not str(row.get("codelist", "")).strip():
                self.problems.add(SURVEY, number, "type", f"there is no choice list '{list_name}' on the choices sheet",
                                  f"choices 工作表中没有选项列表“{list_name}”")
            for header, value in row.items():
                base, _ = base_column(header)
                if base in ("relevant", "calculation", "constraint", "soft_constraint", "required",
                            "choice_filter", "default") or base.endswith("message") or base in ("label", "hint"):
                    # ${last-saved#name} names the field too (its value in the last saved record)
                    for prefix, name in re.findall(r"\$\{(last-saved#)?([^}]*)\}", str(value)):
                        if name in self.ambiguous:
                            rows = " and ".join(str(r) for r in self.ambiguous[name])
                            self.problems.add(SURVEY, number, header,
                                              f"${{{name}}} is ambiguous: fields on rows {rows} have that "
                                              "name (pyxform refuses such a reference too)",
                                              f"${{{name}}} 有歧义：第 {rows} 行的字段同名（pyxform 同样不接受）")
                        elif name not in names and name not in self.refused:
                            self.problems.add(SURVEY, number, header,
                                              f"${{{prefix}{name}}} refers to no field of this form",
                                              f"${{{prefix}{name}}} 引用的字段在本表单中不存在")

    # -- code-list choices --------------------------------------------------------------------
    def label_columns(self) -> list[str]:
        return [h for h in self.headers[CHOICES] if base_column(h)[0] == "label"] or \
               [h for h in self.headers[SURVEY] if base_column(h)[0] == "label"]

    def inject_codelists(self) -> dict[str, str]:
        """Replace the choices of every list a select names in `codelist` by that code list, so
        the county's updated lists apply without reissuing forms. Returns list_name -> codelist."""
        wanted: dict[str, str] = {}
        for row in self.workbook.survey or []:
            codelist = str(row.get("codelist", "")).strip()
            kind, list_name = _parse_type(str(row.get("type", "")))
            if codelist and list_name and self.codelists.has(codelist):
                wanted[list_name] = codelist
        if not wanted:
            return wanted
        label_headers = self.label_columns() or ["label"]
        rows = [r for r in (self.workbook.choices or []) if str(r.get("list_name", "")).strip() not in wanted]
        for list_name, codelist in wanted.items():
            for code in self.codelists.get(codelist):
                row = {"list_name": list_name, "name": code.code}
                for header in label_headers:
                    lang = language_code(base_column(header)[1])
                    row[header] = code.label.zh if lang != "en" else code.label.en
                if code.parent:
                    row["parent"] = code.parent
                rows.append(row)
        self.workbook.choices = rows
        headers = list(self.headers[CHOICES]) or ["list_name", "name", *label_headers]
        if "parent" not in headers:
            headers.append("parent")
        self.workbook.choices_header = [{h: None for h in headers}]
        return wanted

    # -- pyxform interpretation ---------------------------------------------------------------
    def interpret(self, report: bool) -> dict | None:
        """pyxform's parse of the (normalised) workbook, or None when pyxform refuses it: its
        problem is recorded when `report` (not when ours already cover the form)."""
        from pyxform.errors import PyXFormError
        from pyxform.xls2json import workbook_to_json

        warnings: list[str] = []
        try:
            return workbook_to_json(self.workbook, fallback_form_name=self.workbook.fallback_form_name,
                                    warnings=warnings)
        except PyXFormError as error:
            if not report:
                return None
            message = str(error)
            row = re.search(r"\[row\s*:\s*(\d+)\]", message)
            sheet = re.search(r"On the '(\w+)' sheet", message)
            column = re.search(r"the '([^']+)' (?:value|column)", message)
            self.problems.add(sheet[1] if sheet else (SURVEY if row else ""), int(row[1]) if row else 0,
                              column[1] if column and row else "",
                              f"XLSForm error: {message}", f"XLSForm 错误：{message}")
        except Exception as error:  # pyxform may stumble over odd cells; still a user problem
            log.info("pyxform failed: %s", type(error).__name__)
            if report:
                self.problems.add("", 0, "", f"XLSForm could not be interpreted ({type(error).__name__}: {error})",
                                  f"无法解析 XLSForm（{type(error).__name__}：{error}）")
        return None

    def raw_json(self) -> dict:
        """What the loader needs of pyxform's parse, read from the rows themselves: used when
        pyxform refuses the form, so the expressions are still checked in the same pass."""
        choices: dict[str, list] = {}
        for row in self.workbook.choices or []:
            option = {"name": row.get("name", "")}
            labels = {base_column(k)[1]: v for k, v in row.items() if base_column(k)[0] == "label" and v}
            if labels:
                option["label"] = labels.get("", "") if set(labels) == {""} else labels
            option.update({k: v for k, v in row.items() if base_column(k)[0] not in ("label", "name", "list_name")})
            choices.setdefault(str(row.get("list_name", "")).strip(), []).append(option)
        return {"children": [], "choices": choices}

    def build(self) -> FormDefinition:
        """Every problem of the form in one pass: sheets and rows, pyxform's own parse, then the
        expressions and references of whatever could be built."""
        self.check_sheets()
        self.check_survey_rows()
        early = bool(self.problems.problems)
        try:
            codelist_lists = self.inject_codelists()
            form_json = self.interpret(report=not early)
            if form_json is None:
                form_json = self.raw_json()
            return self.assemble(form_json, codelist_lists)
        except FormLoadError:
            raise
        except Exception as error:  # a form this broken: the problems found so far are the answer
            if not self.problems.problems:
                raise
            log.info("form checks stopped early: %s", type(error).__name__)
            self.fail_if_problems()
            raise

    def _duplicate_thresholds(self, settings: dict) -> dict:
        """{"score": x, "name": y} as the settings sheet declares them, each a number from 0 to 1."""
        found = {}
        for column, key in DUPLICATE_SETTINGS.items():
            text = str(settings.get(column, "")).strip()
            if not text:
                continue
            try:
                value = float(text)
            except ValueError:
                value = -1.0
            if not 0 <= value <= 1:
                self.problems.add(SETTINGS, 2, self.problems.column(SETTINGS, column),
                                  f"{column} must be a number from 0 to 1, not '{text}'",
                                  f"{column} 必须是 0 到 1 之间的数，而不是“{text}”")
                continue
            found[key] = value
        return found

    def assemble(self, form_json: dict, codelist_lists: dict) -> FormDefinition:

        settings = self.workbook.settings[0] if self.workbook.settings else {}
        default_language = language_code(str(settings.get("default_language", ""))) or "zh"
        languages = {}
        for header in self.headers[SURVEY] + self.headers[CHOICES]:
            _, lang = base_column(header)
            if lang:
                languages[lang] = language_code(lang) or default_language

        def text(value):
            return _text_of(value, languages, default_language)

        by_name: dict[str, dict] = {}
        _flatten_json(form_json.get("children", []), by_name)
        choice_lists = self.build_choice_lists(form_json.get("choices", {}), text, codelist_lists)

        fields: list[Field] = []
        groups: list[Group] = []
        layout: list = []
        stack: list[Group] = []
        has_roles = any(base_column(header)[0] == "role" for header in self.headers[SURVEY])
        taken: dict[tuple[str, str], tuple[str, int]] = {}  # (repeat, role) -> (field, row)
        for index, row in enumerate(self.workbook.survey or []):
            number = self.row_numbers[index]
            if not row:
                continue
            kind, list_name, or_other, _ = parse_type(str(row.get("type", "")))
            if not kind:  # a row holding only comments
                continue
            if kind in ("end_group", "end_repeat"):
                stack.pop()
                continue
            name = str(row.get("name", "")).strip() or _note_name(kind, number)
            equivalent = desk.equivalent(kind, row)
            if name in self.refused or (kind not in PLAIN_KINDS and not equivalent):
                # refused above (its problem is recorded): a stand-in, so that the expressions
                # naming it are not also reported as naming no field
                if name and not kind.startswith(("end", "begin")):
                    fields.append(Field(name=name, type="calculate", label=Text(name, name), row=number,
                                        group=stack[-1].name if stack else "",
                                        repeat=next((g.name for g in reversed(stack) if g.repeat), "")))
                continue
            container = kind in ("begin_group", "begin_repeat")
            element = by_name.get(name if container else f"{name}\0field", {})
            if not element:  # pyxform refused the form: the row itself (messages as written)
                element = {"default": row.get("default", ""), "choice_filter": row.get("choice_filter", "")}
                bind = {key: row.get(column, "") for key, column in (
                    ("relevant", "relevant"), ("constraint", "constraint"), ("calculate", "calculation"),
                    ("required", "required"), ("readonly", "readonly"))}
                control = {"appearance": row.get("appearance", "")}
            else:
                bind = element.get("bind", {}) or {}
                control = element.get("control", {}) or {}
            label = text(element.get("label"))
            if label is None and not element.get("type"):  # a row pyxform did not parse (see above)
                label = _raw_text(row, "label", set(languages), default_language)
            if kind in ("begin_group", "begin_repeat"):
                group = Group(name=name, label=label or Text(name, name), row=number,
                              repeat=kind == "begin_repeat", relevant=str(bind.get("relevant", "")),
                              appearance=str(control.get("appearance", "")),
                              parent=stack[-1].name if stack else "",
                              repeat_count=str(row.get("repeat_count", "") or "").strip()
                              if kind == "begin_repeat" else "")
                (stack[-1].children if stack else layout).append(group)
                groups.append(group)
                stack.append(group)
                continue
            if label is None and equivalent.get("type", kind) not in ("calculate",):
                if element.get("media") or element.get("hint"):  # pyxform accepts a hint or media alone
                    label = text(element.get("hint")) or Text(name, name)
                    self.problems.warn(SURVEY, number, "label",
                                       "no label (only a hint or media): the hint or the name is shown",
                                       "没有标签（只有提示或媒体）：显示提示或名称")
                else:
                    self.problems.add(SURVEY, number, "label", "the label is missing", "缺少标签（label）")
            required = str(bind.get("required", "")).strip()
            readonly = str(bind.get("readonly", "")).strip().lower()
            field = Field(
                name=name, type=kind, label=label or Text(name, name), row=number,
                hint=text(element.get("hint")),
                required="true()" if required.lower() in YES else ("" if required.lower() in NO else required),
                required_message=text(bind.get("jr:requiredMsg")),
                constraint=str(bind.get("constraint", "")).strip(),
                constraint_message=text(bind.get("jr:constraintMsg")),
                soft_constraint=str(row.get("soft_constraint", "")).strip(),
                soft_constraint_message=_raw_text(row, "soft_constraint_message", set(languages),
                                                  default_language),
                relevant=str(bind.get("relevant", "")).strip(),
                calculate=str(bind.get("calculate", "")).strip(),
                default=_date_default(kind, str(element.get("default", "")).strip()),
                readonly=readonly in YES,
                choice_list=list_name if kind in ("select_one", "select_multiple", "select_one_from_file",
                                                  "select_multiple_from_file") else "",
                choice_filter=str(element.get("choice_filter", "")).strip(),
                appearance=str(control.get("appearance", "")).strip(),
                unique=str(row.get("unique", "")).strip().lower() in YES,
                search=str(row.get("search", "")).strip().lower() in YES,
                group=stack[-1].name if stack else "",
                repeat=next((g.name for g in reversed(stack) if g.repeat), ""),
                other_labels=_others(element.get("label"), languages),
                other_hints=_others(element.get("hint"), languages),
            )
            for key, value in equivalent.items():
                setattr(field, key, value)
            if field.source_type in ("trigger", "acknowledge"):
                choice_lists.setdefault(desk.CONFIRM_LIST, desk.confirm_list())
            elif field.source_type.endswith("_from_file"):
                choice_lists.setdefault(list_name, self.extra_lists[list_name])
            if has_roles:
                self.assign_role(field, row, taken)
            if field.choice_list and field.choice_list not in choice_lists:
                self.problems.add(SURVEY, number, "type", f"there is no choice list '{field.choice_list}'",
                                  f"没有名为“{field.choice_list}”的选项列表")
            fields.append(field)
            (stack[-1].children if stack else layout).append(field)
            if or_other:  # as pyxform: an 'other' choice, and a text field shown when it is picked
                listed = choice_lists.get(field.choice_list)
                if listed is not None and "other" not in listed:
                    choice_lists[field.choice_list] = ChoiceList(
                        listed.name, (*listed.choices, Choice("other", Text("Other", "其他"), {
                            key: "" for key in (listed.choices[0].extra if listed.choices else {})})),
                        listed.codelist)
                other = Field(name=f"{name}_other", type="text", label=Text("Specify other.", "请注明其他"),
                              row=number, relevant=f"selected(${{{name}}}, 'other')", group=field.group,
                              repeat=field.repeat)
                fields.append(other)
                (stack[-1].children if stack else layout).append(other)

        if not has_roles:  # a form from before roles: the names it uses decide (roles.fallback_roles)
            assigned = roles.fallback_roles(fields)
            for field in fields:
                field.role = assigned.get(field.name, "")
        for field in fields:
            if field.role == roles.PERSON_ID and field.type == "text" and "id_valid(" not in field.constraint:
                # the resident ID check comes with the role, whatever the field is called
                field.constraint = f"id_valid(.) and ({field.constraint})" if field.constraint else "id_valid(.)"
                field.constraint_message = field.constraint_message or Text(
                    "Invalid ID number: check the length, birth date and check digit",
                    "身份号码无效：请核对位数、出生日期和校验位")

        # form_title::中文 (zh) / form_title::English (en) is our extension (XLSForm has one title)
        title = (_raw_text(settings, "form_title", set(languages), default_language)
                 or Text(str(settings.get("form_id", "")), str(settings.get("form_id", ""))))
        form = FormDefinition(
            form_id=str(settings.get("form_id", "")).strip(), version=str(settings.get("version", "")).strip(),
            title=title, default_language=default_language if default_language in ("zh", "en") else "zh",
            fields=tuple(fields), groups=tuple(groups), choice_lists=choice_lists, layout=tuple(layout),
            source=self.source, warnings=tuple(self.problems.warnings), languages=tuple(languages),
            duplicate_thresholds=self._duplicate_thresholds(settings),
        )
        from desktop.core.rules.engine import compile_form
        compile_warnings: list[FormProblem] = []
        for problem in compile_form(form, self.headers, warnings=compile_warnings):
            # the compiler names columns by header order: give the file's real column letter
            header = problem.column.rsplit(" (", 1)[0] if problem.column.endswith(")") else problem.column
            column = self.problems.column(problem.sheet, header) if header else ""
            self.problems.problems.append(FormProblem(problem.sheet, problem.row, column, problem.message))
        for warning in compile_warnings:
            header = warning.column.rsplit(" (", 1)[0] if warning.column.endswith(")") else warning.column
            column = self.problems.column(warning.sheet, header) if header else ""
            self.problems.warnings.append(FormProblem(warning.sheet, warning.row, column, warning.message))
        form.warnings = tuple(self.problems.warnings)
        self.fail_if_problems()
        return form

    def assign_role(self, field: Field, row: dict, taken: dict) -> None:
        """The `role` cell of a survey row: a known role, once per scope, on a field that fits it."""
        role = roles.parse(row.get("role"))
        if not role:
            return
        message = roles.problem(role, field.repeat, taken.get((field.repeat, role)))
        if message is None and field.type not in roles.FIELD_TYPES.get(role, (field.type,)):
            message = Text(f"the role '{role}' needs a field of type {' or '.join(roles.FIELD_TYPES[role])}",
                           f"角色“{role}”须用于 {' 或 '.join(roles.FIELD_TYPES[role])} 类型的字段")
        if message is not None:
            self.problems.problems.append(FormProblem(SURVEY, field.row, self.problems.column(SURVEY, "role"),
                                                      message))
            return
        field.role = role
        taken[(field.repeat, role)] = (field.name, field.row)

    def build_choice_lists(self, raw: dict, text, codelist_lists: dict[str, str]) -> dict[str, ChoiceList]:
        lists: dict[str, ChoiceList] = {}
        rows_by_list: dict[str, list[int]] = {}
        for index, row in enumerate(self.workbook.choices or []):
            rows_by_list.setdefault(str(row.get("list_name", "")).strip(), []).append(index + 2)
        for list_name, options in raw.items():
            choices = []
            seen = set()
            for position, option in enumerate(options):
                name = str(option.get("name", "")).strip()
                rows = rows_by_list.get(list_name, [])
                row = rows[position] if position < len(rows) and list_name not in codelist_lists else 0
                if name in seen:
                    if self.allow_duplicates:
                        self.problems.warn(CHOICES, row, "name",
                                           f"the choice '{name}' appears twice in '{list_name}' "
                                           "(allow_choice_duplicates): the first label is shown",
                                           f"选项列表“{list_name}”中选项“{name}”重复（allow_choice_duplicates）："
                                           "显示第一个标签")
                        continue
                    self.problems.add(CHOICES, row, "name", f"the choice '{name}' appears twice in '{list_name}'",
                                      f"选项列表“{list_name}”中选项“{name}”重复")
                seen.add(name)
                label = text(option.get("label"))
                if label is None:
                    self.problems.warn(CHOICES, row, "label",
                                       f"the choice '{name}' has no label (only media): its name is shown",
                                       f"选项“{name}”没有标签（只有媒体）：显示其名称")
                    label = Text(name, name)
                extra = {str(k): str(v) for k, v in option.items()
                         if k not in ("name", "label", "list_name") and not isinstance(v, dict)}
                raw_label = option.get("label")
                labels = ({str(k): str(v) for k, v in raw_label.items()} if isinstance(raw_label, dict)
                          else {"": str(raw_label)} if raw_label not in (None, "") else {})
                choices.append(Choice(name, label, extra, labels))
            lists[list_name] = ChoiceList(list_name, tuple(choices), codelist_lists.get(list_name, ""))
        return lists
