"""Parse an XLSForm expression once (lark) and compile it into a Python closure evaluated many
times: `compile_expression("${age} >= 16")` gives an `Expression` whose `evaluate(env)` is a
handful of function calls, which is what keeps whole-record validation well under 2 ms.

Syntax errors, unknown functions and wrong argument counts raise `ExpressionError` at compile
time with the character position; the form loader adds the sheet, row and column.
"""

from __future__ import annotations

import math
import operator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lark import Lark, Token, Tree
from lark.exceptions import LarkError, UnexpectedCharacters, UnexpectedEOF, UnexpectedInput

from desktop.core.i18n import Text
from desktop.core.rules.functions import FUNCTIONS
from desktop.core.rules.values import compare_equal, to_bool, to_number


class ExpressionError(ValueError):
    """An expression that cannot be compiled; `text` says why in both languages."""

    def __init__(self, text: Text):
        super().__init__(text.en)
        self.text = text


class Env:
    """What an expression reads while it runs: field values by name, the current field's value
    (`.`), the rule context, and the choice row being filtered (choice_filter's bare names)."""

    __slots__ = ("values", "current", "context", "choice")

    def __init__(self, values, context, current="", choice=None):
        self.values = values
        self.context = context
        self.current = current
        self.choice = choice


@dataclass
class Expression:
    """A compiled expression and what it reads (for dependency order and load-time checks)."""

    source: str
    evaluate: object  # Callable[[Env], value]
    references: frozenset[str] = field(default_factory=frozenset)
    bare_names: frozenset[str] = field(default_factory=frozenset)
    uses_current: bool = False

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


class _Compiler:
    def __init__(self):
        self.references: set[str] = set()
        self.bare_names: set[str] = set()
        self.uses_current = False

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

    def _current(self, children):
        self.uses_current = True
        return lambda env: env.current

    def _bare_name(self, children):
        name = str(children[0])
        self.bare_names.add(name)

        def read(env):
            return "" if env.choice is None else env.choice.get(name, "")
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
        if op == "=":
            return lambda env: compare_equal(left(env), right(env))
        if op == "!=":
            return lambda env: not compare_equal(left(env), right(env))
        relation = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}[op]
        # XPath compares numbers here (NaN, i.e. an empty value, makes it false); dates are days
        return lambda env: relation(to_number(left(env)), to_number(right(env)))

    def _arith(self, children):
        left, op, right = self.compile(children[0]), str(children[1]), self.compile(children[2])
        apply = _arith(op)
        return lambda env: apply(to_number(left(env)), to_number(right(env)))

    def _call(self, children):
        name = str(children[0])
        args = [self.compile(child) for child in children[1:] if child is not None]
        if name not in FUNCTIONS:
            raise ExpressionError(Text(f"unknown function {name}()", f"不支持的函数 {name}()"))
        least, most, implementation = FUNCTIONS[name]
        if len(args) < least or (most is not None and len(args) > most):
            expected = str(least) if least == most else (f"{least}+" if most is None else f"{least}-{most}")
            raise ExpressionError(Text(
                f"{name}() takes {expected} argument(s), not {len(args)}",
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
        raise _syntax_error(source, error) from None
    compiler = _Compiler()
    if isinstance(tree, Token):  # cannot happen with this grammar, kept for clarity
        tree = Tree("string", [tree])
    evaluate = compiler.compile(tree)
    return Expression(source=source, evaluate=evaluate, references=frozenset(compiler.references),
                      bare_names=frozenset(compiler.bare_names), uses_current=compiler.uses_current)


def evaluate(source: str, values: dict | None = None, context=None, current="", choice=None):
    """One-off evaluation (tests, the CLI); forms compile once and reuse the Expression."""
    from desktop.core.rules.context import RuleContext
    env = Env(values or {}, context or RuleContext(), current, choice)
    return compile_expression(source).evaluate(env)
