"""The errors of a form's entry rules over many stored records at once (the county's
corrections scan): the same violations `evaluate_form` gives with severity "error", other than
`unique`, in the same order, at a small part of the cost per record.

What makes it cheaper, all decided once per form when the scan starts:
- only what can raise an error is evaluated: no soft constraints (warnings), no uniqueness
  lookups (the scan's own same-ID check covers them), no calculations that no error-raising rule
  reads, directly or through other calculations (e.g. an age read only by warnings);
- the result of an expression that reads nothing but field values, `.`, the fixed context and
  one fixed day (no `now()`, no repeat aggregates, no `${last-saved#...}`, no `position(..)`)
  is remembered by those inputs: a village's choice filter is evaluated once for the scan, not
  once per choice per record, and field-local constraints once per distinct value. A table
  that rarely hits (its inputs differ on every record, e.g. an ID number) is dropped after a
  while, so memory stays bounded whatever the number of records;
- the day is fixed when the scan starts: every record is judged against the same today.

`tests/core/crosscheck/test_scan_findings.py` checks it against `evaluate_form` record by record
on a store seeded with every kind of fault; keep the two in step when the engine changes.
"""

from __future__ import annotations

import dataclasses
from collections import ChainMap

from desktop.core.forms.model import FormDefinition
from desktop.core.i18n import Text
from desktop.core.rules.context import RuleContext
from desktop.core.rules.engine import (
    _ALWAYS,
    MAX_REPEAT_ROWS,
    Violation,
    _coerce_input,
    _coerce_result,
    _count_violation,
    _RepeatStep,
    _row_count,
    _Step,
    _TypeProblem,
)
from desktop.core.rules.expressions import Env, Expression
from desktop.core.rules.functions import id_number_problem
from desktop.core.rules.values import half_width, is_empty, to_bool, to_string

IMPURE_FUNCTIONS = frozenset({"now"})   # a different value on each call: never remembered
# an expression's table of remembered results grows to TABLE_LIMIT entries; full, it is dropped
# when fewer than half of its look-ups hit (its inputs differ on nearly every record: an ID
# number, a phone), else emptied and filled again. A field's table (its errors by its stored
# inputs) is looked at every TABLE_LIMIT entries - dropped when nine in ten look-ups missed - and
# may grow to FIELD_TABLE_LIMIT, since names take tens of thousands of values and still repeat.
# Memory stays bounded whatever the number of records.
TABLE_LIMIT = 20_000
FIELD_TABLE_LIMIT = 200_000


def _pure(expression: Expression) -> bool:
    return not (expression.aggregated or expression.last_saved or expression.uses_position
                or expression.functions & IMPURE_FUNCTIONS)


class _Remembered:
    """An expression's results by its inputs: `.`, then the fields it reads, each with its
    class (1, 1.0 and True are equal keys in a dict but not equal inputs to the rules)."""

    __slots__ = ("compute", "refs", "table", "lookups", "hits")

    def __init__(self, compute, refs: tuple[str, ...]):
        self.compute, self.refs = compute, refs
        self.table: dict | None = {}
        self.lookups = self.hits = 0

    def __call__(self, env: Env):
        table = self.table
        if table is None:
            return self.compute(env)
        current, values = env.current, env.values
        refs = self.refs
        if not refs:
            key = (current.__class__, current)
        elif len(refs) == 1:
            value = values.get(refs[0], "")
            key = (current.__class__, current, value.__class__, value)
        else:
            read = [values.get(name, "") for name in refs]
            key = (current.__class__, current, *read, *[value.__class__ for value in read])
        self.lookups += 1
        try:
            found = table[key]
            self.hits += 1
            return found
        except KeyError:
            pass
        except TypeError:      # an input that is a list (a repeat): not remembered
            return self.compute(env)
        result = table[key] = self.compute(env)
        if len(table) >= TABLE_LIMIT:
            if self.hits * 2 < self.lookups:
                self.table = None
            else:
                table.clear()
        return result


def _remember(expression: Expression | None):
    if expression is None:
        return None
    if not _pure(expression):
        return expression.evaluate
    return _Remembered(expression.evaluate, tuple(sorted(expression.references)))


def _allowed_choices(step: _Step):
    """env -> the names of the choices a filtered select allows for the record (remembered by
    the filter's inputs when it is pure)."""
    expression, rows = step.choice_filter, step.choice_rows

    def allowed(env: Env) -> frozenset:
        names = []
        for choice, row in rows:
            env.choice = row
            if to_bool(expression.evaluate(env)):
                names.append(choice.name)
        env.choice = None
        return frozenset(names)
    if not _pure(expression):
        return allowed
    return _Remembered(allowed, tuple(sorted(expression.references)))


@dataclasses.dataclass
class _Check:
    """One field of the plan as the scan runs it."""

    name: str
    kind: str
    step: _Step
    relevants: tuple
    calculate: object          # None, or env -> value
    needed: bool               # read by a rule that can raise an error, or checked itself
    checked: bool              # its value is checked (not a note or a calculation)
    required: object           # None, _ALWAYS or env -> value
    constraint: object
    plain: tuple               # (required, constraint) evaluated afresh: the fast path remembers whole fields
    dates: dict | None         # a date field's stored text -> its date (parsing is most of a date's cost)
    allowed: object            # None, or env -> frozenset of the choice names allowed


@dataclasses.dataclass
class _Repeat:
    name: str
    group: object
    relevants: tuple
    count: object
    steps: list


_NOT_RELEVANT, _TYPE_PROBLEM = "not relevant", "type"   # why a field's work value is "" in the fast path
_CLEAN = (None, ())     # a field without errors


class _Piece:
    """One top-level checked field in the fast path: the steps its errors depend on (in plan
    order), the stored fields among them, and its errors by those fields' stored values."""

    __slots__ = ("item", "steps", "inputs", "single", "table", "misses")

    def __init__(self, item: _Check, steps: tuple, inputs: tuple[str, ...], pure: bool):
        self.item, self.steps, self.inputs = item, steps, inputs
        self.single = inputs[0] if len(inputs) == 1 else None
        self.table: dict | None = {} if pure else None
        self.misses = 0


def needed_names(form: FormDefinition) -> set[str]:
    """The fields and groups whose values a rule that can raise an error reads, directly or
    through calculations and relevance, with every field that is checked itself."""
    steps = form.plan.by_name
    inside: dict[str, set[str]] = {}       # a group -> the fields within it, at any depth
    groups = {g.name: g for g in form.groups}
    for f in form.fields:
        parent = f.group
        while parent:
            inside.setdefault(parent, set()).add(f.name)
            parent = groups[parent].parent if parent in groups else ""
    wanted: set[str] = set()
    pending: list[str] = []

    def want(names) -> None:
        for name in names:
            if name not in wanted:
                wanted.add(name)
                pending.append(name)
                pending.extend(sorted(inside.get(name, ())))

    def reads(expressions) -> set[str]:
        found: set[str] = set()
        for expression in expressions:
            if expression is not None and expression is not _ALWAYS:
                found |= expression.references
        return found

    for step in steps.values():
        if step.field.type not in ("note", "calculate"):
            want([step.field.name])
    for group in form.groups:   # a repeat's relevance and row count decide what is checked
        if group.repeat:
            want(reads([group.compiled.get("relevant"), group.compiled.get("repeat_count")]))
    while pending:
        name = pending.pop()
        wanted.add(name)
        step = steps.get(name)
        if step is not None:
            want(reads([*step.relevants, step.calculate, step.required, step.constraint, step.choice_filter]))
        elif name in groups:
            want(reads([groups[name].compiled.get("relevant"), groups[name].compiled.get("repeat_count")]))
    return wanted


class FormErrors:
    """One form's error-raising rules, compiled for a scan; `errors(values)` per record."""

    def __init__(self, form: FormDefinition, context: RuleContext | None = None):
        context = context or RuleContext()
        # one day for the whole scan, so a remembered `today()` is the day every record is judged by
        self.context = dataclasses.replace(context, today=context.today_date())
        self.form = form
        self._needed = needed_names(form)
        self._order = [self._compile(step) for step in form.plan.order]
        self._repeats = [item.name for item in self._order if item.__class__ is _Repeat]
        self._fields = self._field_pieces()
        self._records = 0       # through the fast path: how often each field's table was looked in

    def _field_pieces(self) -> list[_Piece] | None:
        """The top-level checked fields, each with the steps its errors depend on, for records
        whose repeats have no rows; None when this form's rules need the whole pass (a repeat
        with a row count; a relevance that reads `.`, which the engine leaves as the value of
        the step before)."""
        steps = {item.name: item for item in self._order}
        for item in self._order:
            if item.__class__ is _Repeat:
                if item.count is not None:
                    return None
            elif any(e.uses_current for e in item.step.relevants):
                return None
        for group in self.form.groups:
            relevant = group.compiled.get("relevant")
            if relevant is not None and relevant.uses_current:
                return None
        position = {item.name: number for number, item in enumerate(self._order)}
        pieces = []
        for item in self._order:
            if item.__class__ is not _Check or not item.checked:
                continue
            inputs, pure, pending = set(), True, [item.name]
            while pending:
                name = pending.pop()
                if name in inputs or name not in steps:
                    continue    # a field inside a repeat: no rows here, so nothing to read
                inputs.add(name)
                step = steps[name]
                if step.__class__ is _Repeat:
                    continue    # no rows: always [] here
                expressions = [*step.step.relevants, step.step.calculate]
                if name == item.name:
                    expressions += [step.step.required, step.step.constraint, step.step.choice_filter]
                for expression in expressions:
                    if expression is None or expression is _ALWAYS:
                        continue
                    pure = pure and not (expression.last_saved or expression.functions & IMPURE_FUNCTIONS)
                    pending.extend(expression.references)
            ordered = sorted(inputs, key=position.get)
            pieces.append(_Piece(item, tuple(steps[name] for name in ordered),
                                 tuple(name for name in ordered if steps[name].__class__ is _Check), pure))
        return pieces

    def _fast(self, values: dict) -> list[Violation]:
        """The record field by field: each field's errors from the steps it depends on, kept by
        their stored values while that keeps paying."""
        work: dict = {}
        emptied: dict = {}      # the fields left "" as not relevant or not readable as their type
        env = None
        types: list = []
        checks: list = []
        self._records += 1
        for piece in self._fields:
            table, key = piece.table, None
            if table is not None:
                single = piece.single
                if single is not None:
                    key = values.get(single)
                    if key.__class__ is not str:    # 1, 1.0 and True are one key: not one input
                        key = (key, key.__class__)
                else:
                    read = [values.get(name) for name in piece.inputs]
                    key = (*read, *[value.__class__ for value in read])
                try:
                    found = table.get(key)
                except TypeError:       # a list or an object where a value is stored
                    found, key = None, None
                if found is not None:
                    if found is not _CLEAN:
                        if found[0] is not None:
                            types.append(found[0])
                        checks.extend(found[1])
                    continue
            if env is None:
                env = Env(work, self.context, form=self.form)
            found = self._piece(piece, values, work, emptied, env)
            if found is not _CLEAN:
                if found[0] is not None:
                    types.append(found[0])
                checks.extend(found[1])
            if key is not None:
                table[key] = found
                size = len(table)
                if size % TABLE_LIMIT == 0:
                    # every entry is a miss: nine in ten missing is a field whose inputs differ on
                    # nearly every record (an ID, a phone), dropped; a full table that still
                    # misses half the time is dropped too, else emptied and filled again
                    misses = piece.misses + size
                    if misses * 10 > self._records * 9 or (size >= FIELD_TABLE_LIMIT and misses * 2 > self._records):
                        piece.table = None
                    elif size >= FIELD_TABLE_LIMIT:
                        piece.misses = misses
                        table.clear()
        return types + checks if types else checks

    def _piece(self, piece: _Piece, values: dict, work: dict, emptied: dict, env: Env) -> tuple:
        """(its type error or None, its other errors) of one field, running the steps it
        depends on that this record has not run yet."""
        for item in piece.steps:
            name = item.name
            if name in work:
                continue
            if item.__class__ is _Repeat:
                work[name] = []
                continue
            if item.relevants and not all(to_bool(r(env)) for r in item.relevants):
                work[name], emptied[name] = "", _NOT_RELEVANT
                continue
            if item.calculate is not None:
                env.current = values.get(name, "")
                work[name] = _coerce_result(item.kind, item.calculate(env))
                continue
            if item.kind == "note":
                work[name] = ""
                continue
            raw = values.get(name)
            dates = item.dates
            if dates is not None and raw.__class__ is str:
                value = dates.get(raw)
                if value is None:
                    try:
                        value = _coerce_input(item.kind, raw)
                    except _TypeProblem:
                        value = _TYPE_PROBLEM
                    if len(dates) >= TABLE_LIMIT:
                        dates.clear()
                    dates[raw] = value
                if value is _TYPE_PROBLEM:
                    work[name], emptied[name] = "", _TYPE_PROBLEM
                else:
                    work[name] = value
                continue
            try:
                value = _coerce_input(item.kind, raw)
                step = item.step
                if step.normalise_width and value:
                    value = half_width(value)
                if step.normalise_id and value:
                    value = value.replace(" ", "").upper()
                work[name] = value
            except _TypeProblem:
                work[name], emptied[name] = "", _TYPE_PROBLEM
        item = piece.item
        why = emptied.get(item.name)
        if why is _NOT_RELEVANT:
            return _CLEAN
        if why is _TYPE_PROBLEM:
            return Violation(item.name, "type", "error", item.step.messages["type"], item.name), ()
        found: list = []
        self._check(item, work[item.name], env, item.name, found, plain=True)
        return (None, tuple(found)) if found else _CLEAN

    def _compile(self, step):
        if isinstance(step, _RepeatStep):
            return _Repeat(step.group.name, step.group, tuple(_remember(e) for e in step.relevants),
                           _remember(step.count), [self._compile(s) for s in step.steps])
        f = step.field
        required = step.required if step.required is None or step.required is _ALWAYS else _remember(step.required)
        return _Check(name=f.name, kind=f.type, step=step, relevants=tuple(_remember(e) for e in step.relevants),
                      calculate=_remember(step.calculate), needed=f.name in self._needed,
                      checked=f.type not in ("note", "calculate"), required=required,
                      constraint=_remember(step.constraint),
                      allowed=_allowed_choices(step) if step.choice_filter is not None else None,
                      plain=(step.required if step.required is None or step.required is _ALWAYS
                             else step.required.evaluate,
                             step.constraint.evaluate if step.constraint is not None else None),
                      dates={} if f.type == "date" else None)

    def errors(self, values: dict) -> list[Violation]:
        """The errors of one record's stored values, as evaluate_form orders them."""
        if self._fields is not None:
            for name in self._repeats:
                entered = values.get(name)
                if entered and isinstance(entered, list):
                    return self._general(values)
            return self._fast(values)
        return self._general(values)

    def _general(self, values: dict) -> list[Violation]:
        """Every step of the plan, as evaluate_form runs it (records with repeat rows)."""
        context, form = self.context, self.form
        work: dict = {}
        relevant: dict[str, bool] = {}
        type_errors: list = []
        violations: list[Violation] = []
        env = Env(work, context, form=form)
        instance_envs: list = []

        def run(order, source, scope, scope_env, prefix, outer) -> None:
            for item in order:
                if item.__class__ is _Check:
                    name = item.name
                    if not item.needed:      # read by no error-raising rule: as the engine leaves it
                        if item.calculate is not None:
                            scope_env.current = source.get(name, "")
                        scope[name] = ""
                        continue
                    path = prefix + name
                    if item.relevants and not all(to_bool(r(scope_env)) for r in item.relevants):
                        relevant[path] = False
                        scope[name] = ""
                        continue
                    relevant[path] = True
                    if item.calculate is not None:
                        scope_env.current = source.get(name, "")
                        scope[name] = _coerce_result(item.kind, item.calculate(scope_env))
                        continue
                    if item.kind == "note":
                        scope[name] = ""
                        continue
                    raw = source.get(name)
                    try:
                        value = _coerce_input(item.kind, raw)
                        step = item.step
                        if step.normalise_width and value:
                            value = half_width(value)
                        if step.normalise_id and value:
                            value = value.replace(" ", "").upper()
                        scope[name] = value
                    except _TypeProblem:
                        scope[name] = ""
                        type_errors.append((item, path))
                    continue
                name = item.name
                path = prefix + name
                if item.relevants and not all(to_bool(r(scope_env)) for r in item.relevants):
                    relevant[path] = False
                    scope[name] = []
                    continue
                relevant[path] = True
                entered = source.get(name) or []
                if not isinstance(entered, list):
                    entered = []
                if item.count is not None:
                    wanted = _row_count(item.count(scope_env))
                    if wanted != len(entered) or wanted > MAX_REPEAT_ROWS:
                        violations.append(_count_violation(item.group, wanted, len(entered), path))
                instances: list = []
                for index, instance_source in enumerate(entered):
                    instance_source = instance_source if isinstance(instance_source, dict) else {}
                    inner = ChainMap({name: instances}, scope)
                    inner_env = Env(inner, context, position=index + 1, form=form, outer=(*outer, name))
                    run(item.steps, instance_source, inner, inner_env, f"{path}/{index}/", (*outer, name))
                    instances.append({s.name: inner[s.name] for s in item.steps})
                    instance_envs.append((item, f"{path}/{index}/", inner_env))
                scope[name] = instances

        run(self._order, values, work, env, "", ())
        for item, path in type_errors:
            violations.append(Violation(item.name, "type", "error", item.step.messages["type"], path))
        typed = {path for _, path in type_errors} if type_errors else ()
        for item in self._order:
            if item.__class__ is _Check and item.checked and relevant.get(item.name) and item.name not in typed:
                self._check(item, work[item.name], env, item.name, violations)
        for repeat, prefix, inner_env in instance_envs:
            for item in repeat.steps:
                if item.__class__ is not _Check or not item.checked:
                    continue
                path = prefix + item.name
                if relevant.get(path) and path not in typed:
                    self._check(item, inner_env.values[item.name], inner_env, path, violations)
        return violations

    def _check(self, item: _Check, value, env: Env, path: str, violations: list, plain: bool = False) -> None:
        """engine._check without the warnings and the uniqueness lookup."""
        step = item.step
        env.current = value
        allowed = step.choice_names
        if item.allowed is not None:
            allowed = item.allowed(env)
        if is_empty(value):
            required = item.plain[0] if plain else item.required
            if required is _ALWAYS or (required is not None and to_bool(required(env))):
                violations.append(Violation(item.name, "required", "error", step.messages["required"], path))
            return
        if step.choice_rows:
            picked = value.split() if item.kind == "select_multiple" else (value,)
            if any(name not in allowed for name in picked):
                violations.append(Violation(item.name, "choice", "error", step.messages["choice"], path))
                return
        constraint = item.plain[1] if plain else item.constraint
        if constraint is not None and not to_bool(constraint(env)):
            message = step.messages["constraint"]
            if step.normalise_id:
                fault = id_number_problem(to_string(value), self.context.today_date())
                if fault is not None:
                    label = step.field.label
                    message = Text(f"{label.en}: {fault.en}", f"{label.zh}：{fault.zh}")
            violations.append(Violation(item.name, "constraint", "error", message, path))

