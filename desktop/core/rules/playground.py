"""What `township forms eval` runs: one expression on given field values, in the engine's real
semantics (like ODK's form-logic playground), with a JSON-ready result.

    evaluate_text("${age} >= 16", {"age": 20})        -> {"value": True, "type": "boolean"}
    evaluate_text("date('2020-02-30')")               -> raises EvaluationError

With a form, values take the types of the form's fields (an integer field's "12" is 12, a date
field's text a date) and a reference to a field the form does not have is an error; without
one, text in ISO date form (YYYY-MM-DD) is a date, JSON numbers are numbers, any other text is
text (a space-separated text is what a select_multiple holds) and a list of objects is a repeat.
"""

from __future__ import annotations

import datetime
import math
import re

from desktop.core.i18n import Text
from desktop.core.rules.context import RuleContext
from desktop.core.rules.expressions import Env, ExpressionError, compile_expression
from desktop.core.rules.values import EvaluationError, NodeSet, parse_date, to_string

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _untyped(value):
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        day = parse_date(value)
        return day if day is not None else value
    if isinstance(value, list):
        return [{k: _untyped(v) for k, v in item.items()} if isinstance(item, dict) else _untyped(item)
                for item in value]
    if value is None:
        return ""
    return value


def _typed(form, values: dict) -> dict:
    from desktop.core.rules.engine import _coerce_input, _TypeProblem

    fields = {f.name: f for f in form.fields}
    out = {}
    for name, value in values.items():
        if isinstance(value, list) and all(isinstance(item, dict) for item in value):
            out[name] = [_typed(form, item) for item in value]
            continue
        field = fields.get(name)
        if field is None:
            out[name] = _untyped(value)
            continue
        try:
            out[name] = _coerce_input(field.type, value)
        except _TypeProblem:
            raise EvaluationError(f"'{value}' is not a valid {field.type} for {name}",
                                  f"“{value}”不是字段 {name} 的有效 {field.type} 值") from None
    return out


def typed_result(value) -> dict:
    """{"value": …, "type": …}: NaN and infinities as the strings "NaN", "Infinity", "-Infinity"."""
    if isinstance(value, bool):
        return {"value": value, "type": "boolean"}
    if isinstance(value, int | float):
        if isinstance(value, float):
            if value != value:
                return {"value": "NaN", "type": "number"}
            if math.isinf(value):
                return {"value": "Infinity" if value > 0 else "-Infinity", "type": "number"}
            if value.is_integer() and abs(value) < 2**53:
                value = int(value)
        return {"value": value, "type": "number"}
    if isinstance(value, datetime.datetime):
        return {"value": value.isoformat(timespec="milliseconds"), "type": "datetime"}
    if isinstance(value, datetime.date):
        return {"value": value.isoformat(), "type": "date"}
    if isinstance(value, NodeSet):
        return typed_result(value[0] if value else "")
    return {"value": to_string(value), "type": "string"}


def evaluate_text(expression: str, values: dict | None = None, *, form=None,
                  today: datetime.date | None = None, context: RuleContext | None = None,
                  current="") -> dict:
    """The typed result of `expression`; raises ExpressionError (syntax, unknown function or
    field) or EvaluationError (a value the expression cannot work with)."""
    compiled = compile_expression(expression)
    values = dict(values or {})
    if form is not None:
        known = {f.name for f in form.fields} | {g.name for g in form.groups}
        for name in sorted(compiled.references - known):
            raise ExpressionError(Text(f"${{{name}}} refers to no field of the form {form.form_id}",
                                       f"${{{name}}} 引用的字段在表单 {form.form_id} 中不存在"))
        values = _typed(form, values)
    else:
        values = {name: _untyped(value) for name, value in values.items()}
    if context is None:
        context = RuleContext(today=today) if today is not None else RuleContext()
    env = Env(values, context, current=_untyped(current), form=form)
    return typed_result(compiled.strict(env))


__all__ = ["evaluate_text", "typed_result", "EvaluationError", "ExpressionError"]
