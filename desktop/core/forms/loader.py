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

from desktop.core.forms import roles
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
                 "codelist", "role"}
SETTINGS_COLUMNS = {"form_title", "form_id", "version", "default_language"}

YES = {"yes", "true", "true()", "1", "y"}
NO = {"", "no", "false", "false()", "0", "n"}
APPEARANCES = {"", "minimal", "multiline", "autocomplete", "search", "horizontal", "compact",
               "field-list", "table-list", "no-calendar", "month-year", "year", "numbers"}
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
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
    """`select_one sex` -> (select_one, sex); `begin group` -> (begin_group, '')."""
    words = raw.strip().split()
    if not words:
        return "", ""
    lowered = [w.lower() for w in words]
    if lowered[:2] in (["select", "one"], ["select", "multiple"]):
        return "select_" + lowered[1], " ".join(words[2:])
    if lowered[0] in ("select_one", "select_multiple"):
        return lowered[0], " ".join(words[1:])
    if lowered[:2] in (["begin", "group"], ["end", "group"], ["begin", "repeat"], ["end", "repeat"]):
        return "_".join(lowered[:2]), ""
    return "_".join(lowered), ""


def _flatten_json(children: Iterable[dict], out: dict[str, dict]) -> None:
    for child in children:
        name = child.get("name")
        if name and name not in out:
            out[name] = child
        if "children" in child and child.get("type") in ("group", "repeat"):
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
    workbook = _read_workbook(source, file_type)
    return _FormBuilder(workbook, _source_name(source), codelists or shipped_codelists()).build()


class _FormBuilder:
    def __init__(self, workbook, source_name: str, codelists):
        self.workbook = workbook
        self.source = source_name
        self.codelists = codelists
        self.headers = {
            SURVEY: _headers(workbook.survey_header),
            CHOICES: _headers(workbook.choices_header),
            SETTINGS: _headers(workbook.settings_header),
        }
        self.problems = ProblemCollector(self.headers)

    def fail_if_problems(self):
        if self.problems.problems:
            raise FormLoadError(self.source, self.problems.problems)

    # -- subset checks on the raw sheets ---------------------------------------------------
    def check_sheets(self):
        names = [n.lower() for n in (self.workbook.sheet_names or [])]
        for name in names:
            if name in REFUSED_SHEETS:
                self.problems.add(name, 0, "", f"the '{name}' sheet is not supported",
                                  f"不支持“{name}”工作表")
        if not self.workbook.survey:
            self.problems.add(SURVEY, 0, "", "there is no 'survey' sheet, or it is empty",
                              "缺少“survey”工作表，或该表为空")
        for header in self.headers[SURVEY]:
            base, lang = base_column(header)
            if base in TRANSLATED_COLUMNS:
                continue
            if base in PLAIN_COLUMNS and not lang:
                continue
            self.problems.add(SURVEY, 1, header, f"the column '{header}' is not supported",
                              f"不支持“{header}”列")
        for header in self.headers[SETTINGS]:
            base, lang = base_column(header)
            if base not in SETTINGS_COLUMNS or (lang and base != "form_title"):
                self.problems.add(SETTINGS, 1, header, f"the setting '{header}' is not supported",
                                  f"不支持设置项“{header}”")
        choice_headers = {base_column(h)[0] for h in self.headers[CHOICES]}
        if self.workbook.choices and not {"list_name", "name"} <= choice_headers:
            self.problems.add(CHOICES, 1, "", "the choices sheet needs list_name and name columns",
                              "choices 工作表需要 list_name 和 name 列")
        settings = (self.workbook.settings or [{}])[0] if self.workbook.settings else {}
        for key in ("form_id", "version"):
            if not str(settings.get(key, "")).strip():
                self.problems.add(SETTINGS, 2, key, f"the setting '{key}' is required",
                                  f"必须填写设置项“{key}”")

    def check_survey_rows(self):
        """Types, names, nesting and plain-column values of every survey row."""
        seen: dict[str, int] = {}
        stack: list[tuple[str, int]] = []  # (begin type, row)
        for index, row in enumerate(self.workbook.survey or []):
            number = index + 2
            if not row:
                continue
            kind, list_name = _parse_type(str(row.get("type", "")))
            name = str(row.get("name", "")).strip()
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
                continue
            if kind not in ("text", "integer", "decimal", "date", "select_one", "select_multiple",
                            "calculate", "note", "begin_group", "begin_repeat"):
                self.problems.add(SURVEY, number, "type",
                                  f"the type '{row.get('type')}' is not supported",
                                  f"不支持类型“{row.get('type')}”")
                continue
            if kind in ("select_one", "select_multiple") and not list_name:
                self.problems.add(SURVEY, number, "type", f"'{kind}' needs a choice list name",
                                  f"“{kind}”后须写选项列表名")
            if kind == "begin_repeat" and any(k == "begin_repeat" for k, _ in stack):
                self.problems.add(SURVEY, number, "type", "a repeat inside a repeat is not supported",
                                  "不支持在重复组内再嵌套重复组")
            if kind in ("begin_group", "begin_repeat"):
                stack.append((kind, number))
            if not name:
                self.problems.add(SURVEY, number, "name", "the name is missing", "缺少名称（name）")
            elif not _NAME.match(name):
                self.problems.add(SURVEY, number, "name",
                                  f"the name '{name}' must be letters, digits and _ and start with a letter",
                                  f"名称“{name}”只能由字母、数字和下划线组成，且以字母开头")
            elif name.lower() in ("meta", "instanceid"):
                self.problems.add(SURVEY, number, "name", f"the name '{name}' is reserved",
                                  f"名称“{name}”为保留字")
            elif name in seen:
                self.problems.add(SURVEY, number, "name",
                                  f"the name '{name}' is already used on row {seen[name]}",
                                  f"名称“{name}”已在第 {seen[name]} 行使用")
            else:
                seen[name] = number
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
            if appearance and any(part not in APPEARANCES for part in appearance.split()):
                self.problems.add(SURVEY, number, "appearance",
                                  f"the appearance '{appearance}' is not supported",
                                  f"不支持外观（appearance）“{appearance}”")
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
            number = index + 2
            kind, list_name = _parse_type(str(row.get("type", "")))
            if kind in ("select_one", "select_multiple") and list_name and list_name not in lists \
                    and not str(row.get("codelist", "")).strip():
                self.problems.add(SURVEY, number, "type", f"there is no choice list '{list_name}' on the choices sheet",
                                  f"choices 工作表中没有选项列表“{list_name}”")
            for header, value in row.items():
                base, _ = base_column(header)
                if base in ("relevant", "calculation", "constraint", "soft_constraint", "required",
                            "choice_filter", "default") or base.endswith("message") or base in ("label", "hint"):
                    for name in re.findall(r"\$\{([^}]*)\}", str(value)):
                        if name not in names:
                            self.problems.add(SURVEY, number, header,
                                              f"${{{name}}} refers to no field of this form",
                                              f"${{{name}}} 引用的字段在本表单中不存在")

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
    def interpret(self) -> dict:
        from pyxform.errors import PyXFormError
        from pyxform.xls2json import workbook_to_json

        warnings: list[str] = []
        try:
            return workbook_to_json(self.workbook, fallback_form_name=self.workbook.fallback_form_name,
                                    warnings=warnings)
        except PyXFormError as error:
            message = str(error)
            row = re.search(r"\[row\s*:\s*(\d+)\]", message)
            sheet = re.search(r"On the '(\w+)' sheet", message)
            column = re.search(r"the '([^']+)' (?:value|column)", message)
            self.problems.add(sheet[1] if sheet else (SURVEY if row else ""), int(row[1]) if row else 0,
                              column[1] if column and row else "",
                              f"XLSForm error: {message}", f"XLSForm 错误：{message}")
            self.fail_if_problems()
        except Exception as error:  # pyxform may stumble over odd cells; still a user problem
            log.info("pyxform failed: %s", type(error).__name__)
            self.problems.add("", 0, "", f"XLSForm could not be interpreted ({type(error).__name__}: {error})",
                              f"无法解析 XLSForm（{type(error).__name__}：{error}）")
            self.fail_if_problems()
        raise AssertionError("unreachable")

    def build(self) -> FormDefinition:
        self.check_sheets()
        self.check_survey_rows()
        self.fail_if_problems()
        codelist_lists = self.inject_codelists()
        form_json = self.interpret()

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
            number = index + 2
            if not row:
                continue
            kind, list_name = _parse_type(str(row.get("type", "")))
            if kind in ("end_group", "end_repeat"):
                stack.pop()
                continue
            name = str(row.get("name", "")).strip()
            element = by_name.get(name, {})
            bind = element.get("bind", {}) or {}
            control = element.get("control", {}) or {}
            label = text(element.get("label"))
            if kind in ("begin_group", "begin_repeat"):
                group = Group(name=name, label=label or Text(name, name), row=number,
                              repeat=kind == "begin_repeat", relevant=str(bind.get("relevant", "")),
                              appearance=str(control.get("appearance", "")),
                              parent=stack[-1].name if stack else "")
                (stack[-1].children if stack else layout).append(group)
                groups.append(group)
                stack.append(group)
                continue
            if label is None and kind not in ("calculate",):
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
                default=str(element.get("default", "")).strip(),
                readonly=readonly in YES,
                choice_list=list_name if kind in ("select_one", "select_multiple") else "",
                choice_filter=str(element.get("choice_filter", "")).strip(),
                appearance=str(control.get("appearance", "")).strip(),
                unique=str(row.get("unique", "")).strip().lower() in YES,
                search=str(row.get("search", "")).strip().lower() in YES,
                group=stack[-1].name if stack else "",
                repeat=next((g.name for g in reversed(stack) if g.repeat), ""),
            )
            if has_roles:
                self.assign_role(field, row, taken)
            if field.choice_list and field.choice_list not in choice_lists:
                self.problems.add(SURVEY, number, "type", f"there is no choice list '{field.choice_list}'",
                                  f"没有名为“{field.choice_list}”的选项列表")
            fields.append(field)
            (stack[-1].children if stack else layout).append(field)

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
            source=self.source,
        )
        from desktop.core.rules.engine import compile_form
        self.problems.problems.extend(compile_form(form, self.headers))
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
                    self.problems.add(CHOICES, row, "name", f"the choice '{name}' appears twice in '{list_name}'",
                                      f"选项列表“{list_name}”中选项“{name}”重复")
                seen.add(name)
                label = text(option.get("label"))
                if label is None:
                    self.problems.add(CHOICES, row, "label", f"the choice '{name}' has no label",
                                      f"选项“{name}”缺少标签")
                    label = Text(name, name)
                extra = {str(k): str(v) for k, v in option.items()
                         if k not in ("name", "label", "list_name") and not isinstance(v, dict)}
                choices.append(Choice(name, label, extra))
            lists[list_name] = ChoiceList(list_name, tuple(choices), codelist_lists.get(list_name, ""))
        return lists
