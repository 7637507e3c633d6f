"""The entry rules of a form, evaluated as the clerk types.

`compile_form` runs once when a form is loaded: it compiles every expression, refuses references
to missing fields and dependency cycles (with sheet, row and column), and fixes the order in
which relevance and calculations are evaluated. `evaluate_form` then runs one pass per keystroke:
relevance (non-relevant fields are cleared), calculations in dependency order, and every check
(type, required, choice, constraint, soft check, uniqueness), returning a `FormState` with all
problems at once. `validate` is the same pass returning only the violations.

Paths: a top-level field's path is its name; a field in a repeat is `repeat/index/name` (index
from 0), e.g. `family/1/member_name`, and in a repeat inside a repeat
`repeat/index/inner/index/name`, e.g. `household/0/member/2/age`. A repeat's value is a list of
instances (dicts of its children's values), a nested repeat's a list inside each instance.
"""

from __future__ import annotations

import datetime
import graphlib
import math
from collections import ChainMap
from dataclasses import dataclass, field
from typing import Any

from desktop.core.forms.model import Field, FormDefinition, FormProblem, Group
from desktop.core.forms.problems import ProblemCollector, base_column
from desktop.core.i18n import Text
from desktop.core.rules.context import RuleContext
from desktop.core.rules.expressions import Env, Expression, ExpressionError, compile_expression
from desktop.core.rules.functions import id_number_problem
from desktop.core.rules.values import (
    NAN,
    half_width,
    is_empty,
    parse_date,
    to_bool,
    to_date,
    to_number,
    to_string,
)

SEVERITIES = ("error", "warning")
# the sheet column each rule is written in (for locating problems)
RULE_COLUMNS = {"relevant": "relevant", "calculate": "calculation", "constraint": "constraint",
                "soft_constraint": "soft_constraint", "required": "required", "default": "default",
                "choice_filter": "choice_filter", "repeat_count": "repeat_count"}
MAX_REPEAT_ROWS = 200  # a repeat_count above this is refused (a typo must not build 10 000 rows)


@dataclass(frozen=True)
class Violation:
    """One broken rule. `field` is the field's name, `path` where it is (see module doc),
    `code` one of type / required / choice / constraint / soft_constraint / unique /
    repeat_count (on a repeat's path: its row count is not what repeat_count asks), and a
    warning (`severity == 'warning'`) may be overridden by the clerk with a reason."""

    field: str
    code: str
    severity: str
    message: Text
    path: str = ""
    existing_record: str = ""  # for `unique`: the id of the record already holding the value

    def __post_init__(self):
        if not self.path:
            object.__setattr__(self, "path", self.field)

    def as_json(self) -> dict:
        return self.as_dict()

    def as_dict(self) -> dict:
        out = {"field": self.field, "path": self.path, "code": self.code, "severity": self.severity,
               "message": self.message.as_dict()}
        if self.existing_record:
            out["existing_record"] = self.existing_record
        return out


@dataclass
class FormState:
    """The outcome of one pass: typed values after clearing and calculation, the relevance and
    (for filtered selects) the available choices of every path, and every violation."""

    values: dict[str, Any]
    relevant: dict[str, bool]
    violations: list[Violation]
    options: dict[str, tuple] = field(default_factory=dict)
    invalid_inputs: dict[str, Any] = field(default_factory=dict)
    # the number of rows `repeat_count` asks for, by repeat path (`family`, `household/0/member`)
    repeat_counts: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> list[Violation]:
        return [v for v in self.violations if v.severity == "error"]

    @property
    def warnings(self) -> list[Violation]:
        return [v for v in self.violations if v.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def record(self) -> dict[str, Any]:
        """JSON-ready values: dates as YYYY-MM-DD, NaN as empty; an input that could not be
        read as its type is kept as typed so nothing the clerk entered is lost."""
        out = {name: _plain(value) for name, value in self.values.items()}
        for path, raw in self.invalid_inputs.items():
            parts = path.split("/")
            scope = out
            for repeat, index in zip(parts[:-1:2], parts[1:-1:2], strict=True):
                scope = scope[repeat][int(index)]
            scope[parts[-1]] = raw
        return out


def _plain(value):
    if isinstance(value, list):
        return [{k: _plain(v) for k, v in item.items()} for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        if value != value or math.isinf(value):
            return ""
        return int(value) if value.is_integer() else value
    return value


# -- coercion of inputs and calculation results to a field's type ------------------------------

class _TypeProblem(Exception):
    pass


def _coerce_input(kind: str, value):
    """A value as entered (UI text or JSON) to the engine's typed value; raises _TypeProblem."""
    if value is None:
        return ""
    if kind in ("text", "select_one", "note", "calculate"):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return value.strip() if isinstance(value, str) else to_string(value)
    if kind == "select_multiple":
        if isinstance(value, list | tuple):
            return " ".join(to_string(v) for v in value if to_string(v))
        return " ".join(to_string(value).split())
    if kind == "integer":
        if isinstance(value, bool):
            raise _TypeProblem
        if isinstance(value, int):
            return value
        if isinstance(value, float):
            if value.is_integer():
                return int(value)
            raise _TypeProblem
        text = str(value).strip()
        if not text:
            return ""
        try:
            return int(text)
        except ValueError:
            raise _TypeProblem from None
    if kind == "decimal":
        if isinstance(value, bool):
            raise _TypeProblem
        if isinstance(value, int | float):
            return float(value)
        text = str(value).strip()
        if not text:
            return ""
        try:
            number = float(text)
        except ValueError:
            raise _TypeProblem from None
        if number != number or math.isinf(number):
            raise _TypeProblem
        return number
    if kind == "date":
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = str(value).strip()
        if not text:
            return ""
        day = parse_date(text)
        if day is None or len(text) != 10:
            raise _TypeProblem
        return day
    return value


def _coerce_result(kind: str, value):
    """A calculation's result for a field of `kind`; anything unusable becomes empty."""
    if isinstance(value, float) and (value != value or math.isinf(value)):
        return ""
    if kind == "calculate":
        return value
    if kind == "date":
        day = to_date(value)
        return "" if day is None else day
    if kind == "integer":
        number = to_number(value)
        return "" if number != number or math.isinf(number) else int(number)
    if kind == "decimal":
        number = to_number(value)
        return "" if number != number or math.isinf(number) else number
    return to_string(value)


TYPE_MESSAGES = {
    "integer": Text("{label}: enter a whole number", "{label}：请填写整数"),
    "decimal": Text("{label}: enter a number", "{label}：请填写数字"),
    "date": Text("{label}: enter a date as YYYY-MM-DD", "{label}：请按 YYYY-MM-DD 格式填写日期"),
}


# -- the compiled plan ----------------------------------------------------------------------

_ALWAYS = object()


@dataclass
class _Step:
    field: Field
    relevants: tuple[Expression, ...]
    calculate: Expression | None
    required: object  # None, _ALWAYS or an Expression
    constraint: Expression | None
    soft_constraint: Expression | None
    choice_filter: Expression | None
    default: Expression | None
    default_value: Any
    choice_names: frozenset
    choice_rows: tuple  # (Choice, row dict for choice_filter)
    messages: dict[str, Text]
    normalise_id: bool = False  # a resident ID field: stored without spaces, upper-case X
    normalise_width: bool = False  # a field with a format check: full-width typed as half-width


@dataclass
class _RepeatStep:
    group: Group
    relevants: tuple[Expression, ...]
    steps: list  # _Step and nested _RepeatStep in evaluation order
    count: Expression | None = None  # repeat_count


@dataclass
class Plan:
    order: list  # _Step and _RepeatStep in evaluation order
    by_name: dict[str, _Step]


def _header_for(headers: dict[str, list[str]], column: str) -> str:
    for header in headers.get("survey", []):
        if base_column(header)[0] == column:
            return header
    return column


def compile_form(form: FormDefinition, headers: dict[str, list[str]],
                 warnings: list[FormProblem] | None = None) -> list[FormProblem]:
    """Compile and check every rule of `form`, set `form.plan`, return the problems found (and
    add what loads with a warning to `warnings`)."""
    problems = ProblemCollector(headers)
    fields = {f.name: f for f in form.fields}
    groups = {g.name: g for g in form.groups}

    def compile_rule(owner: Field | Group, attribute: str, source: str) -> Expression | None:
        if not source:
            return None
        column = _header_for(headers, RULE_COLUMNS[attribute])
        try:
            expression = compile_expression(source)
        except ExpressionError as error:
            problems.problems.append(FormProblem("survey", owner.row, problems.column("survey", column),
                                                 Text(f"in '{source}': ", f"表达式“{source}”：") + error.text))
            return None
        if isinstance(owner, Field):
            owner_repeat = owner.repeat
        elif attribute == "repeat_count":  # counted in the instance (or record) holding the repeat
            owner_repeat = _enclosing_repeat(owner, groups)
        else:
            owner_repeat = owner.name if owner.repeat else _enclosing_repeat(owner, groups)
        in_scope = _repeat_chain(owner_repeat, groups)  # the instance's own and its outer instances'
        for name in sorted(expression.references):
            if name in fields:
                target_repeat = fields[name].repeat
                if target_repeat and target_repeat not in in_scope and name not in expression.aggregated:
                    problems.add("survey", owner.row, column,
                                 f"${{{name}}} is inside the repeat '{target_repeat}' and cannot be used here",
                                 f"${{{name}}} 位于重复组“{target_repeat}”内，此处不能引用")
            elif name in groups and groups[name].repeat:
                if attribute not in ("calculate", "constraint", "soft_constraint", "relevant", "required"):
                    problems.add("survey", owner.row, column, f"${{{name}}} is a repeat",
                                 f"${{{name}}} 是重复组")
            else:
                problems.add("survey", owner.row, column, f"${{{name}}} refers to no field of this form",
                             f"${{{name}}} 引用的字段在本表单中不存在")
        for name in sorted(expression.last_saved):
            if name not in fields:
                problems.add("survey", owner.row, column,
                             f"${{last-saved#{name}}} refers to no field of this form",
                             f"${{last-saved#{name}}} 引用的字段在本表单中不存在")
            elif fields[name].repeat:
                problems.add("survey", owner.row, column,
                             f"${{last-saved#{name}}}: '{name}' is inside the repeat '{fields[name].repeat}'",
                             f"${{last-saved#{name}}}：“{name}”位于重复组“{fields[name].repeat}”内")
        if expression.bare_names and attribute != "choice_filter":
            bare = sorted(expression.bare_names)[0]
            problems.add("survey", owner.row, column,
                         f"'{bare}' is not understood here; write ${{{bare}}} to use a field",
                         f"无法识别“{bare}”；引用字段请写 ${{{bare}}}")
        return expression

    for group in form.groups:
        group.compiled["relevant"] = compile_rule(group, "relevant", group.relevant)
        if group.repeat and group.repeat_count:
            group.compiled["repeat_count"] = compile_rule(group, "repeat_count", group.repeat_count)

    steps: dict[str, _Step] = {}
    for f in form.fields:
        compiled = {attr: compile_rule(f, attr, getattr(f, attr))
                    for attr in ("relevant", "calculate", "constraint", "soft_constraint", "choice_filter")}
        required = None
        if f.required == "true()":
            required = _ALWAYS
        elif f.required:
            required = compile_rule(f, "required", f.required)
        default_expr, default_value = None, ""
        if f.default:
            if "(" in f.default or "${" in f.default:
                default_expr = compile_rule(f, "default", f.default)
            else:
                try:
                    default_value = _coerce_input(f.type, f.default)
                except _TypeProblem:
                    problems.add("survey", f.row, _header_for(headers, "default"),
                                 f"the default '{f.default}' is not a valid {f.type}",
                                 f"默认值“{f.default}”不是有效的 {f.type}")
        choice_list = form.choice_lists.get(f.choice_list) if f.choice_list else None
        choice_rows = ()
        if choice_list is not None:
            choice_rows = tuple((c, choice_row(c)) for c in choice_list)
            if compiled["choice_filter"] is not None:
                columns = {k for _, row in choice_rows for k in row}
                for bare in sorted(compiled["choice_filter"].bare_names - columns):
                    # as in ODK: a bare name is a child element of the choice; with no such column it
                    # is an empty node-set, and a comparison with it is false
                    problems.warn("survey", f.row, _header_for(headers, "choice_filter"),
                                  f"the choice list '{f.choice_list}' has no column '{bare}': as in ODK it "
                                  f"reads as nothing, and a comparison with it is false (for the text write "
                                  f"'{bare}' in quotes)",
                                  f"选项列表“{f.choice_list}”没有“{bare}”列：与 ODK 相同，它读作空，与它比较的结果"
                                  f"为假（若指文字请加引号写 '{bare}'）")
        f.compiled.update(compiled)
        relevants = []
        parent = f.group
        while parent:
            if groups[parent].compiled.get("relevant") is not None:
                relevants.insert(0, groups[parent].compiled["relevant"])
            parent = groups[parent].parent
        if compiled["relevant"] is not None:
            relevants.append(compiled["relevant"])
        label = f.label
        type_message = TYPE_MESSAGES.get(f.type, Text("{label}: invalid value", "{label}：取值无效"))
        messages = {
            "required": f.required_message or Text(f"{label.en} is required", f"请填写{label.zh}"),
            "constraint": f.constraint_message or Text(f"{label.en}: this value is not allowed",
                                                       f"{label.zh}：取值不符合规则"),
            "soft_constraint": f.soft_constraint_message or Text(
                f"{label.en}: please check this value", f"{label.zh}：请核实该值"),
            "choice": Text(f"{label.en}: not one of the choices", f"{label.zh}：不是可选的选项"),
            "type": Text(type_message.en.replace("{label}", label.en),
                         type_message.zh.replace("{label}", label.zh)),
        }
        steps[f.name] = _Step(
            field=f, relevants=tuple(relevants), calculate=compiled["calculate"], required=required,
            constraint=compiled["constraint"], soft_constraint=compiled["soft_constraint"],
            choice_filter=compiled["choice_filter"], default=default_expr, default_value=default_value,
            choice_names=frozenset(c.name for c in choice_list) if choice_list else frozenset(),
            choice_rows=choice_rows, messages=messages,
            normalise_id=f.type == "text" and (f.role == "person_id" or "id_valid(.)" in f.constraint.replace(" ", "")),
            normalise_width=has_format_check(f))

    order, cycle_problems = _evaluation_order(form, steps, groups, problems)
    problems.problems.extend(cycle_problems)
    form.plan = Plan(order=order, by_name=steps)
    if warnings is not None:
        warnings.extend(problems.warnings)
    return problems.problems


def choice_row(choice) -> dict:
    """What a choice_filter reads of a choice: its name, its other columns, and its label as
    `label` (untranslated) or `label::<language>` (the XLSForm column it was written in)."""
    labels = {("label" if not language else f"label::{language}"): text
              for language, text in getattr(choice, "labels", {}).items()}
    return {**labels, "name": choice.name, **choice.extra}


_FORMAT_FUNCTIONS = ("id_valid(", "phone_valid(", "regex(", "in_codelist(")


def has_format_check(f: Field) -> bool:
    """A text field whose value has a format (an ID, a phone, a code): a person_id or phone
    role, or a constraint calling id_valid, phone_valid, regex or in_codelist. Its full-width
    input is read as half-width before it is checked, stored and indexed."""
    if f.type != "text":
        return False
    if f.role in ("person_id", "phone"):
        return True
    rules = f"{f.constraint} {f.soft_constraint}"
    return any(name in rules for name in _FORMAT_FUNCTIONS)


def _enclosing_repeat(group: Group, groups: dict[str, Group]) -> str:
    parent = group.parent
    while parent:
        if groups[parent].repeat:
            return parent
        parent = groups[parent].parent
    return ""


def _repeat_chain(repeat: str, groups: dict[str, Group]) -> list[str]:
    """`repeat` and the repeats around it, innermost first ([] at the top level)."""
    chain = []
    while repeat:
        chain.append(repeat)
        repeat = _enclosing_repeat(groups[repeat], groups)
    return chain


def _group_relevants(start: str, stop: str, groups: dict[str, Group]) -> list[Expression]:
    """The relevants of the group `start` and those around it, up to (not including) `stop`."""
    relevants = []
    while start and start != stop:
        if groups[start].compiled.get("relevant") is not None:
            relevants.insert(0, groups[start].compiled["relevant"])
        start = groups[start].parent
    return relevants


def _step_dependencies(step: _Step) -> set[str]:
    names: set[str] = set()
    for expression in (*step.relevants, step.calculate, step.default):
        if expression is not None:
            names |= expression.references
    return names


def _evaluation_order(form: FormDefinition, steps: dict[str, _Step], groups: dict[str, Group],
                      problems) -> tuple[list, list[FormProblem]]:
    """Relevance and calculations in dependency order (sheet order where free); cycles refused.
    A repeat is one unit among its neighbours, ordered inside the same way (at any depth)."""
    found: list[FormProblem] = []
    repeats = {g.name: g for g in form.groups if g.repeat}

    # a member of a scope is a field (its name) or a repeat (its name and "/": a field may
    # have the name of its own repeat)
    def ancestry(name: str, as_repeat: bool = False) -> list[str]:
        """The repeats around `name`, outermost first, then `name` itself."""
        if name in steps and not as_repeat:
            return [*(r + "/" for r in reversed(_repeat_chain(steps[name].field.repeat, groups))), name]
        if name in repeats:
            return [*(r + "/" for r in reversed(_repeat_chain(repeats[name].name, groups)))]
        return [name]

    def unit_in(name: str, scope: str, as_repeat: bool = False) -> str | None:
        """What `name` counts as among the members of the repeat `scope` ("" = the record):
        itself, or the repeat inside `scope` holding it; None when it is outside `scope`."""
        line = ancestry(name, as_repeat)
        if not scope:
            return line[0]
        if scope + "/" not in line[:-1]:
            return None
        return line[line.index(scope + "/") + 1]

    def sort(names: list[str], deps: dict[str, set[str]]) -> list[str]:
        sorter = graphlib.TopologicalSorter({n: deps[n] for n in names})
        try:
            sorter.prepare()
        except graphlib.CycleError as error:
            cycle = error.args[1]
            def row_of(n: str) -> int:
                return repeats[n[:-1]].row if n.endswith("/") else steps[n].field.row
            rows = ", ".join(f"{n.rstrip('/')} (row {row_of(n)})" for n in cycle[:-1])
            rows_zh = "、".join(f"{n.rstrip('/')}（第 {row_of(n)} 行）" for n in cycle[:-1])
            row = row_of(cycle[0])
            found.append(FormProblem("survey", row, "", Text(
                f"these fields depend on each other in a circle: {rows}",
                f"以下字段相互循环依赖：{rows_zh}")))
            return names
        # stable: repeatedly take the first ready name in sheet order
        position = {n: i for i, n in enumerate(names)}
        done: list[str] = []
        ready = sorted(sorter.get_ready(), key=position.get)
        while ready:
            name = ready.pop(0)
            done.append(name)
            sorter.done(name)
            ready = sorted(set(ready) | set(sorter.get_ready()), key=position.get)
        return done

    def order_of(scope: str) -> list:
        members: list[str] = []
        for f in form.fields:  # sheet order; a repeat where its first field is
            unit = unit_in(f.name, scope)
            if unit is not None and unit not in members:
                members.append(unit)
        deps: dict[str, set[str]] = {n: set() for n in members}

        def depend(unit: str, names) -> None:
            for dep in names:
                dep_unit = unit_in(dep, scope)
                if dep_unit in deps and (dep_unit != unit or not unit.endswith("/")):
                    deps[unit].add(dep_unit)
        for name, step in steps.items():
            unit = unit_in(name, scope)
            if unit in deps:
                depend(unit, _step_dependencies(step))
        for name, group in repeats.items():
            unit = unit_in(name, scope, as_repeat=True)
            if unit not in deps:
                continue
            for key in ("relevant", "repeat_count"):
                if group.compiled.get(key) is not None:
                    depend(unit, group.compiled[key].references)
        order: list = []
        for name in sort(members, deps):
            if not name.endswith("/"):
                step = steps[name]
                if step.field.repeat:  # the repeats' relevance is applied per repeat
                    own = [step.field.compiled["relevant"]] if step.field.compiled.get("relevant") else []
                    step.relevants = (*_group_relevants(step.field.group, step.field.repeat, groups), *own)
                order.append(step)
                continue
            group = repeats[name[:-1]]
            relevants = _group_relevants(group.name, _enclosing_repeat(group, groups), groups)
            order.append(_RepeatStep(group, tuple(relevants), order_of(group.name),
                                     group.compiled.get("repeat_count")))
        return order

    return order_of(""), found


# -- evaluation --------------------------------------------------------------------------------

def _relevant(relevants, env) -> bool:
    for expression in relevants:
        if not to_bool(expression.evaluate(env)):
            return False
    return True


def _run_steps(steps, source: dict, work: dict, env: Env, prefix: str, relevant: dict,
               invalid: dict, type_errors: list) -> None:
    for step in steps:
        f = step.field
        name = f.name
        path = prefix + name
        if step.relevants and not _relevant(step.relevants, env):
            relevant[path] = False
            work[name] = ""
            continue
        relevant[path] = True
        if step.calculate is not None:
            env.current = source.get(name, "")
            work[name] = _coerce_result(f.type, step.calculate.evaluate(env))
            continue
        if f.type == "note":
            work[name] = ""
            continue
        raw = source.get(name)
        try:
            value = _coerce_input(f.type, raw)
            if step.normalise_width and value:
                value = half_width(value)
            if step.normalise_id and value:
                value = value.replace(" ", "").upper()
            work[name] = value
        except _TypeProblem:
            work[name] = ""
            invalid[path] = raw
            type_errors.append((step, path))


def _check(step: _Step, value, env: Env, path: str, violations: list, form_id: str,
           context: RuleContext, record_id, check_unique: bool, options: dict) -> None:
    f = step.field
    env.current = value
    allowed = step.choice_names
    if step.choice_filter is not None:
        filtered = []
        for choice, row in step.choice_rows:
            env.choice = row
            if to_bool(step.choice_filter.evaluate(env)):
                filtered.append(choice)
        env.choice = None
        options[path] = tuple(filtered)
        allowed = {c.name for c in filtered}
    if is_empty(value):
        required = step.required
        if required is _ALWAYS or (required is not None and to_bool(required.evaluate(env))):
            violations.append(Violation(f.name, "required", "error", step.messages["required"], path))
        return
    if step.choice_rows:
        picked = value.split() if f.type == "select_multiple" else (value,)
        if any(name not in allowed for name in picked):
            violations.append(Violation(f.name, "choice", "error", step.messages["choice"], path))
            return
    if step.constraint is not None and not to_bool(step.constraint.evaluate(env)):
        message = step.messages["constraint"]
        if step.normalise_id:  # a resident ID: the message names what is wrong with it
            fault = id_number_problem(to_string(value), context.today_date())
            if fault is not None:
                message = Text(f"{f.label.en}: {fault.en}", f"{f.label.zh}：{fault.zh}")
        violations.append(Violation(f.name, "constraint", "error", message, path))
    if step.soft_constraint is not None and not to_bool(step.soft_constraint.evaluate(env)):
        violations.append(Violation(f.name, "soft_constraint", "warning", step.messages["soft_constraint"], path))
    if f.unique and check_unique and context.find_existing is not None:
        existing = context.lookup_existing(form_id, f.name, to_string(value), record_id)
        if existing is not None:
            shown = existing.display or existing.record_id[:8]   # the person, never a bare UUID
            violations.append(Violation(f.name, "unique", "error", Text(
                f"{f.label.en}: already registered: {shown}", f"{f.label.zh}：已登记，见 {shown}"), path,
                existing_record=existing.record_id))


def evaluate_form(form: FormDefinition, values: dict, context: RuleContext | None = None, *,
                  record_id: str | None = None, check_unique: bool = True) -> FormState:
    """One pass over a record: relevance, calculations, and every check. `values` maps field
    names to entered values (text from widgets or JSON values); a repeat's value is a list of
    dicts. `record_id` is the record being edited (excluded from uniqueness); the form view may
    pass `check_unique=False` on keystrokes and True before saving."""
    context = context or RuleContext()
    plan: Plan = form.plan
    work: dict[str, Any] = {}
    relevant: dict[str, bool] = {}
    invalid: dict[str, Any] = {}
    type_errors: list = []
    violations: list[Violation] = []
    options: dict[str, tuple] = {}
    env = Env(work, context, form=form)
    instance_envs: list = []  # (repeat step, path prefix of the instance, env)
    counts: dict[str, int] = {}

    def run(order, source: dict, scope: dict, scope_env: Env, prefix: str, outer: tuple) -> None:
        for step in order:
            if isinstance(step, _Step):
                _run_steps((step,), source, scope, scope_env, prefix, relevant, invalid, type_errors)
                continue
            name = step.group.name
            path = prefix + name
            if step.relevants and not _relevant(step.relevants, scope_env):
                relevant[path] = False
                scope[name] = []
                continue
            relevant[path] = True
            entered = source.get(name) or []
            if not isinstance(entered, list):
                entered = []
            if step.count is not None:
                counts[path] = _row_count(step.count.evaluate(scope_env))
                if counts[path] != len(entered) or counts[path] > MAX_REPEAT_ROWS:
                    violations.append(_count_violation(step.group, counts[path], len(entered), path))
            instances: list = []
            for index, instance_source in enumerate(entered):
                instance_source = instance_source if isinstance(instance_source, dict) else {}
                # the instance's own values over those around it (read live: a check sees the
                # outer values computed after this instance); indexed-repeat() inside the repeat
                # sees the instances before this one
                inner = ChainMap({name: instances}, scope)
                inner_env = Env(inner, context, position=index + 1, form=form, outer=(*outer, name))
                run(step.steps, instance_source, inner, inner_env, f"{path}/{index}/", (*outer, name))
                instances.append({_step_name(s): inner[_step_name(s)] for s in step.steps})
                instance_envs.append((step, f"{path}/{index}/", inner_env))
            scope[name] = instances

    run(plan.order, values, work, env, "", ())

    for type_step, path in type_errors:
        violations.append(Violation(type_step.field.name, "type", "error", type_step.messages["type"], path))
    typed_paths = {path for _, path in type_errors}

    for step in plan.order:
        if isinstance(step, _Step):
            f = step.field
            if relevant.get(f.name) and f.type not in ("note", "calculate") and f.name not in typed_paths:
                _check(step, work[f.name], env, f.name, violations, form.form_id, context, record_id,
                       check_unique, options)
    for repeat_step, prefix, inner_env in instance_envs:
        for step in repeat_step.steps:
            if isinstance(step, _RepeatStep):
                continue
            f = step.field
            path = prefix + f.name
            if relevant.get(path) and f.type not in ("note", "calculate") and path not in typed_paths:
                _check(step, inner_env.values[f.name], inner_env, path, violations, form.form_id, context,
                       record_id, check_unique, options)

    # keep only the form's own fields (repeat instances hold only their children)
    return FormState(values=work, relevant=relevant, violations=violations, options=options,
                     invalid_inputs=invalid, repeat_counts=counts)


def _step_name(step) -> str:
    return step.group.name if isinstance(step, _RepeatStep) else step.field.name


def _row_count(value) -> int:
    """repeat_count's value as a number of rows, as JavaRosa: truncated, at least 0; above
    MAX_REPEAT_ROWS is held at that (and refused by _count_violation)."""
    number = to_number(value)
    if number != number or number < 1:
        return 0
    return int(min(number, MAX_REPEAT_ROWS + 1))


def _count_violation(group: Group, wanted: int, rows: int, path: str) -> Violation:
    if wanted > MAX_REPEAT_ROWS:
        return Violation(group.name, "repeat_count", "error", Text(
            f"{group.label.en}: the form asks for more than {MAX_REPEAT_ROWS} rows; check the number it counts",
            f"{group.label.zh}：表单要求超过 {MAX_REPEAT_ROWS} 行，请核对计数"), path)
    return Violation(group.name, "repeat_count", "error", Text(
        f"{group.label.en}: the form asks for {wanted} rows, there are {rows}; "
        "remove the extra rows (Ctrl+Shift+D) or correct the number they follow",
        f"{group.label.zh}：表单要求 {wanted} 行，实际 {rows} 行；请删除多余的行（Ctrl+Shift+D）或改正行数所依据的值"),
        path)


def validate(form: FormDefinition, values: dict, context: RuleContext | None = None, *,
             record_id: str | None = None) -> list[Violation]:
    """Every violation of a record, errors and warnings, at once."""
    return evaluate_form(form, values, context, record_id=record_id).violations


def new_record(form: FormDefinition, context: RuleContext | None = None) -> dict[str, Any]:
    """A blank record with the form's defaults (literal or computed, e.g. `today()`), as
    JSON-ready values; repeats start empty."""
    context = context or RuleContext()
    values: dict[str, Any] = {}
    env = Env(values, context, form=form)  # the form: ${last-saved#...}
    for step in form.plan.order:
        if isinstance(step, _RepeatStep):
            values[step.group.name] = []
            continue
        if step.default is not None:
            values[step.field.name] = _coerce_result(step.field.type, step.default.evaluate(env))
        elif step.field.default:
            values[step.field.name] = step.default_value
    return {name: _plain(value) for name, value in values.items()}


def new_repeat_instance(form: FormDefinition, repeat: str, context: RuleContext | None = None) -> dict:
    """Defaults for one new instance of a repeat."""
    context = context or RuleContext()
    values: dict[str, Any] = {}
    env = Env(values, context)
    groups = {g.name: g for g in form.groups}
    for group in form.groups:
        if group.repeat and group.parent and _enclosing_repeat(group, groups) == repeat:
            values[group.name] = []  # a repeat inside it starts empty
    for f in form.fields:
        if f.repeat != repeat:
            continue
        step = form.plan.by_name[f.name]
        if step.default is not None:
            values[f.name] = _coerce_result(f.type, step.default.evaluate(env))
        elif f.default:
            values[f.name] = step.default_value
    return {name: _plain(value) for name, value in values.items()}


__all__ = ["FormState", "Violation", "compile_form", "evaluate_form", "new_record", "new_repeat_instance",
           "validate", "NAN"]
