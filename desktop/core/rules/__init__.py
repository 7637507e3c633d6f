"""Entry rules: the XLSForm expression language (expressions), its functions, and the engine
that evaluates a form's relevance, calculations and checks on a record (engine)."""

from desktop.core.rules.context import ExistingRecord, RuleContext, dict_lookup
from desktop.core.rules.engine import (
    FormState,
    Violation,
    evaluate_form,
    new_record,
    new_repeat_instance,
    validate,
)
from desktop.core.rules.expressions import ExpressionError, compile_expression

__all__ = ["ExistingRecord", "ExpressionError", "FormState", "RuleContext", "Violation",
           "compile_expression", "dict_lookup", "evaluate_form", "new_record", "new_repeat_instance",
           "validate"]
