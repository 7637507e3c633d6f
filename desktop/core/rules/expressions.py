"""Parse an XLSForm expression once (lark) and compile it into a Python closure evaluated many
times: `compile_expression("${age} >= 16")` gives an `Expression` whose `evaluate(env)` is a
handful of function calls, which is what keeps whole-record validation well under 2 ms.

Syntax errors, unknown functions and wrong argument counts raise `ExpressionError` at compile
time with the character position; the form loader adds the sheet, row and column.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lark import Lark, Token, Tree
from lark.exceptions import LarkError, UnexpectedCharacters, UnexpectedEOF, UnexpectedInput

from desktop.core.i18n import Text
from desktop.core.rules import fullwidth
from desktop.core.rules.functions import FUNCTIONS, NODESET_ARGUMENTS
from desktop.core.rules.values import EvaluationError, NodeSet, compare_equal, to_bool, to_number


class ExpressionError(ValueError):
    """An expression that cannot be compiled; `text` says why in both languages."""

    def __init__(self, text: Text):
        super().__init__(text.en)
        self.text = text


class Env:
    """What an expression reads while it runs: field values by name, the current field's value
    (`.`), the rule context, the choice row being filtered (choice_filter's bare names), the
    1-based number of the repeat instance being evaluated (`position(..)`, None outside a
    repeat), the form (for `jr:choice-name()`) and, inside a repeat instance, the names of the
    repeats around it (`outer`): sum() and count() there read the rows of this instance's own
    nested repeats, not those of the other instances around it, as ODK's relative paths do."""

    __slots__ = ("values", "current", "context", "choice", "position", "form", "outer")

    def __init__(self, values, context, current="", choice=None, position=None, form=None, outer=()):
        self.values = values
        self.context = context
        self.current = current
        self.choice = choice
        self.position = position
        self.form = form
        self.outer = outer


@dataclass
class Expression:
    """A compiled expression and what it reads (for dependency order and load-time checks)."""

    source: str
    evaluate: object  # Callable[[Env], value]; a value it cannot work with gives ''
    references: frozenset[str] = field(default_factory=frozenset)
    bare_names: frozenset[str] = field(default_factory=frozenset)
    uses_current: bool = False
    aggregated: frozenset[str] = field(default_factory=frozenset)  # read over a repeat (sum(), ...)
    last_saved: frozenset[str] = field(default_factory=frozenset)  # ${last-saved#name}
    strict: object = None
    functions: frozenset[str] = field(default_factory=frozenset)  # the functions it calls
    uses_position: bool = False  # position(..): the number of the repeat instance  # Callable[[Env], value] raising EvaluationError (`forms eval`)

    def __call__(self, env: Env):
        return self.evaluate(env)


@cache
def _parser() -> Lark:
    grammar = (Path(__file__).with_name("grammar.lark")).read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", maybe_placeholders=False)


def _arith(op: str):
    if op == "+":
        return operator.add
    if op == "-":
        return operator.sub
    if op == "*":
        return operator.mul
    if op == "div":
        def divide(a, b):
            if b == 0:
                return math.nan if a == 0 or a != a else math.copysign(math.inf, a) * math.copysign(1, b)
            return a / b
        return divide

    def modulo(a, b):
        return math.nan if b == 0 else math.fmod(a, b)
    return modulo


def _absent_column(node):
    """For an operand that is a bare name: a test telling whether the choice being filtered
    lacks that column (then the operand is an empty node-set, as in XPath); else None."""
    if not (isinstance(node, Tree) and node.data == "bare_name"):
        return None
    name = str(node.children[0])
    return lambda env: env.choice is not None and name not in env.choice


def _compared(left, right, left_absent, right_absent, equal: bool):
    """XPath `=` / `!=`: with an empty node-set on either side both are false, except against a
    boolean (the node-set is then false())."""
    if left_absent is None and right_absent is None:
        if equal:
            return lambda env: compare_equal(left(env), right(env))
        return lambda env: not compare_equal(left(env), right(env))

    def compare(env):
        a, b = left(env), right(env)
        if a.__class__ is not bool and b.__class__ is not bool and (
                (left_absent is not None and left_absent(env)) or (right_absent is not None and right_absent(env))):
            return False
        return compare_equal(a, b) is equal
    return compare


class _Compiler:
    def __init__(self):
        self.references: set[str] = set()
        self.bare_names: set[str] = set()
        self.aggregated: set[str] = set()  # references read as a repeat's values (sum(), ...)
        self.last_saved: set[str] = set()  # ${last-saved#name}: the last saved record's value
        self.uses_current = False
        self.uses_position = False
        self.functions: set[str] = set()

    def compile(self, node):
        if isinstance(node, Token):  # a lone terminal never reaches here; rules wrap them
            raise AssertionError(node)
        method = getattr(self, "_" + node.data)
        return method(node.children)

    def _number(self, children):
        value = float(children[0])
        return lambda env: value

    def _string(self, children):
        value = str(children[0])[1:-1]
        return lambda env: value

    def _ref(self, children):
        name = str(children[0])[2:-1]
        self.references.add(name)

        def read(env):
            return env.values.get(name, "")
        return read

    def _parent(self, children):
        raise ExpressionError(Text("'..' is supported only as position(..)",
                                   "“..”只能用于 position(..)"))

    def _nodeset(self, node):
        """`${name}` as the values of that field over every instance of its repeat (or the
        instances of the repeat `name`): what sum(), count() and the like read."""
        name = str(node.children[0])[2:-1]
        self.references.add(name)
        self.aggregated.add(name)

        def read(env):
            value = env.values.get(name, _MISSING)
            if value is _MISSING:
                found: list = []
                _collect(env.values, name, found, env.outer)
                return NodeSet(found)
            return NodeSet(value) if isinstance(value, list) else NodeSet((value,))
        return read

    def _indexed_repeat(self, nodes):
        """indexed-repeat(${field}, ${repeat}, n[, ${inner_repeat}, m ...]) as JavaRosa: the
        field in the n-th instance (1-based; below 1 is 1) of the repeat; '' past the end."""
        if len(nodes) not in (3, 5, 7, 9, 11):
            raise ExpressionError(Text(
                f"indexed-repeat() takes 3, 5, 7, 9 or 11 arguments, not {len(nodes)}",
                f"函数 indexed-repeat() 需要 3、5、7、9 或 11 个参数，实际为 {len(nodes)} 个"))
        names = []
        for position in [0, *range(1, len(nodes), 2)]:
            node = nodes[position]
            if not (isinstance(node, Tree) and node.data == "ref"):
                raise ExpressionError(Text(
                    f"indexed-repeat(): argument {position + 1} must be a ${{field}}",
                    f"indexed-repeat()：第 {position + 1} 个参数必须是 ${{字段名}}"))
            names.append(str(node.children[0])[2:-1])
        target, repeats = names[0], names[1:]
        self.references.update(names)
        self.aggregated.update(names)
        indexes = [self.compile(nodes[position]) for position in range(2, len(nodes), 2)]

        def read(env):
            scope = env.values
            for repeat, index in zip(repeats, indexes, strict=True):
                instances = scope.get(repeat) if isinstance(scope, Mapping) else None
                number = to_number(index(env))
                number = 1 if number != number or number < 1 else int(number)
                if not isinstance(instances, list) or number > len(instances):
                    return ""
                scope = instances[number - 1]
            return scope.get(target, "") if isinstance(scope, Mapping) else ""
        return read

    def _position(self, nodes):
        if len(nodes) != 1 or not (isinstance(nodes[0], Tree) and nodes[0].data == "parent"):
            raise ExpressionError(Text("position() is supported as position(..): the number of the repeat instance",
                                       "position() 只支持 position(..)：重复组中当前条目的序号"))
        self.uses_position = True

        def read(env):
            return float(env.position) if env.position is not None else ""
        return read

    def _last_saved(self, children):
        name = str(children[0])[len("${last-saved#"):-1]
        self.last_saved.add(name)

        def read(env):
            form_id = env.form.form_id if env.form is not None else ""
            return env.context.last_saved_value(form_id, name)
        return read

    def _current(self, children):
        self.uses_current = True
        return lambda env: env.current

    def _bare_name(self, children):
        name = str(children[0])
        self.bare_names.add(name)

        def read(env):
            if env.choice is None:
                return ""
            # a child element of the choice (XPath); none: empty (see _absent_column)
            return env.choice.get(name, "")
        return read

    def _neg(self, children):
        inner = self.compile(children[0])
        return lambda env: -to_number(inner(env))

    def _or_op(self, children):
        left, right = self.compile(children[0]), self.compile(children[1])
        return lambda env: to_bool(left(env)) or to_bool(right(env))

    def _and_op(self, children):
        left, right = self.compile(children[0]), self.compile(children[1])
        return lambda env: to_bool(left(env)) and to_bool(right(env))

    def _compare(self, children):
        left, op, right = self.compile(children[0]), str(children[1]), self.compile(children[2])
        if op in ("=", "!="):
            return _compared(left, right, _absent_column(children[0]), _absent_column(children[2]), op == "=")
        relation = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}[op]
        # XPath compares numbers here (NaN, i.e. an empty value, makes it false); dates are days
        return lambda env: relation(to_number(left(env)), to_number(right(env)))

    def _arith(self, children):
        left, op, right = self.compile(children[0]), str(children[1]), self.compile(children[2])
        apply = _arith(op)
        return lambda env: apply(to_number(left(env)), to_number(right(env)))

    def _call(self, children):
        name = str(children[0])
        nodes = [child for child in children[1:] if child is not None]
        self.functions.add(name)
        if name == "indexed-repeat":
            return self._indexed_repeat(nodes)
        if name == "position":
            return self._position(nodes)
        if name == "once":
            self.uses_current = True
        nodeset_positions = NODESET_ARGUMENTS.get(name, ())
        if name in ("concat", "max", "min") and len(nodes) != 1:
            nodeset_positions = ()
        if name in ("sum", "count", "count-non-empty") and nodes and not (
                isinstance(nodes[0], Tree) and nodes[0].data == "ref"):
            raise ExpressionError(Text(f"{name}() needs a ${{field}} (a repeat or a field inside one)",
                                       f"函数 {name}() 的参数必须是 ${{字段名}}（重复组或其中的字段）"))
        args = [self._nodeset(node) if index in nodeset_positions and isinstance(node, Tree)
                and node.data == "ref" else self.compile(node) for index, node in enumerate(nodes)]
        if name not in FUNCTIONS:
            raise ExpressionError(Text(f"unknown function {name}()", f"不支持的函数 {name}()"))
        least, most, implementation = FUNCTIONS[name]
        if len(args) < least or (most is not None and len(args) > most):
            expected = str(least) if least == most else (f"{least}+" if most is None else f"{least}-{most}")
            raise ExpressionError(Text(
                f"{name}() takes {expected} argument{'' if expected == '1' else 's'}, not {len(args)}",
                f"函数 {name}() 需要 {expected} 个参数，实际为 {len(args)} 个"))
        if name == "string-length" and not args:
            self.uses_current = True
        if name == "if":  # evaluate only the branch taken
            condition, then, otherwise = args
            return lambda env: then(env) if to_bool(condition(env)) else otherwise(env)
        if not args:
            return lambda env: implementation(env)
        if len(args) == 1:
            only = args[0]
            return lambda env: implementation(env, only(env))
        if len(args) == 2:
            first, second = args
            return lambda env: implementation(env, first(env), second(env))
        return lambda env: implementation(env, *[arg(env) for arg in args])


_MISSING = object()


def _collect(values, name: str, found: list, skip=()) -> None:
    """The values of `name` in every instance of every repeat in `values` (nested repeats too),
    but for the repeats named in `skip`."""
    for key, value in values.items():
        if isinstance(value, list) and key not in skip:
            for instance in value:
                if isinstance(instance, dict):
                    if name in instance:
                        value = instance[name]
                        if isinstance(value, list):  # a nested repeat: its instances
                            found.extend(value)
                        else:
                            found.append(value)
                    else:
                        _collect(instance, name, found)


def _syntax_error(source: str, error: LarkError) -> ExpressionError:
    if isinstance(error, UnexpectedEOF) or getattr(getattr(error, "token", None), "type", "") == "$END":
        return ExpressionError(Text("the expression ends too early", "表达式不完整"))
    if isinstance(error, UnexpectedInput):
        column = getattr(error, "column", None) or 1
        near = source[max(column - 1, 0):column + 9]
        if isinstance(error, UnexpectedCharacters) and source[column - 1:column] == "/":
            return ExpressionError(Text(
                f"paths such as '/data/...' are not supported at character {column}; use ${{field}}",
                f"第 {column} 个字符：不支持 '/data/...' 这样的路径，请写 ${{字段名}}"))
        return ExpressionError(Text(f"syntax error at character {column} (near '{near}')",
                                    f"第 {column} 个字符处语法错误（'{near}' 附近）"))
    return ExpressionError(Text(f"syntax error: {error}", f"语法错误：{error}"))


def compile_expression(source: str) -> Expression:
    """Parse and compile; raises ExpressionError naming the position of the problem."""
    try:
        tree = _parser().parse(source)
    except LarkError as error:
        full_width = fullwidth.message(source)
        if full_width is not None:
            raise ExpressionError(full_width) from None
        raise _syntax_error(source, error) from None
    compiler = _Compiler()
    if isinstance(tree, Token):  # cannot happen with this grammar, kept for clarity
        tree = Tree("string", [tree])
    strict = compiler.compile(tree)

    def evaluate(env):
        try:
            return strict(env)
        except EvaluationError:
            return ""
    return Expression(source=source, evaluate=evaluate, references=frozenset(compiler.references),
                      bare_names=frozenset(compiler.bare_names), uses_current=compiler.uses_current,
                      strict=strict, aggregated=frozenset(compiler.aggregated),
                      last_saved=frozenset(compiler.last_saved), functions=frozenset(compiler.functions),
                      uses_position=compiler.uses_position)


def evaluate(source: str, values: dict | None = None, context=None, current="", choice=None, *,
             position=None, form=None, strict: bool = False):
    """One-off evaluation (tests, the CLI); forms compile once and reuse the Expression.
    `strict` raises EvaluationError where the engine takes the result as empty."""
    from desktop.core.rules.context import RuleContext
    env = Env(values or {}, context or RuleContext(), current, choice, position, form)
    expression = compile_expression(source)
    return (expression.strict if strict else expression.evaluate)(env)
