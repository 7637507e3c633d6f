"""Every supported function and operator, with ODK's behaviour for empty values."""

from __future__ import annotations

import datetime
import math

import pytest

from desktop.core.codelists.codelists import shipped_codelists
from desktop.core.rules import ExpressionError, RuleContext, compile_expression
from desktop.core.rules.expressions import evaluate

TODAY = datetime.date(2026, 11, 26)
CTX = RuleContext(today=TODAY, codelists=shipped_codelists(), values={"township": "131025100"})
VALID_ID = "131025199001010015"  # male, born 1990-01-01


def ev(source, values=None, current="", choice=None):
    return evaluate(source, values or {}, CTX, current, choice)


@pytest.mark.parametrize("source, expected", [
    ("1 + 2 * 3", 7), ("(1 + 2) * 3", 9), ("7 div 2", 3.5), ("7 mod 3", 1), ("-(2 - 5)", 3),
    ("2 = 2", True), ("2 != 2", False), ("3 > 2", True), ("3 >= 3", True), ("2 < 1", False), ("1 <= 1", True),
    ("'a' = 'a'", True), ("'1' = 1", True), ("true() and false()", False), ("true() or false()", True),
    ("not(false())", True), ("1 div 0 > 1000", True),
])
def test_operators(source, expected):
    assert ev(source) == expected


def test_field_references_and_current_value():
    assert ev("${a} + ${b}", {"a": 2, "b": 3}) == 5
    assert ev(". * 2", current=4) == 8
    assert ev("${missing} = ''") is True  # an absent value is empty, as in ODK


class TestEmptyValues:
    """ODK: an empty value is '' — NaN in arithmetic, false in comparisons, false as boolean."""

    def test_arithmetic_with_empty_is_nan(self):
        assert math.isnan(ev("${a} + 1", {"a": ""}))

    def test_comparisons_with_empty_number_are_false(self):
        for op in (">", ">=", "<", "<=", "="):
            assert ev(f"${{a}} {op} 5", {"a": ""}) is False
        assert ev("${a} != 5", {"a": ""}) is True

    def test_empty_equals_empty_string(self):
        assert ev("${a} = ''", {"a": ""}) is True
        assert ev("${a} != ''", {"a": "x"}) is True

    def test_empty_is_false(self):
        assert ev("${a} or false()", {"a": ""}) is False
        assert ev("boolean(${a})", {"a": "x"}) is True

    def test_functions_on_empty(self):
        assert ev("string-length(${a})", {"a": ""}) == 0
        assert ev("count-selected(${a})", {"a": ""}) == 0
        assert ev("selected(${a}, 'x')", {"a": ""}) is False
        assert ev("regex(${a}, '^x$')", {"a": ""}) is False
        assert ev("concat(${a}, 'b')", {"a": ""}) == "b"
        assert ev("coalesce(${a}, 'd')", {"a": ""}) == "d"
        assert ev("substr(${a}, 0, 2)", {"a": ""}) == ""
        assert math.isnan(ev("int(${a})", {"a": ""}))
        assert math.isnan(ev("round(${a}, 1)", {"a": ""}))
        assert ev("date(${a})", {"a": ""}) == ""
        assert ev("decimal-date-time(${a})", {"a": ""}) == ""  # JavaRosa toDecimalDateTime("") is ""
        assert ev("id_valid(${a})", {"a": ""}) is False
        assert ev("id_sex(${a})", {"a": ""}) == ""
        assert ev("id_birth_date(${a})", {"a": ""}) == ""
        assert ev("phone_valid(${a})", {"a": ""}) is False
        assert ev("in_codelist(${a}, 'ethnicity')", {"a": ""}) is False
        assert ev("if(${a}, 1, 2)", {"a": ""}) == 2
        assert ev("number(${a}) = number(${a})", {"a": ""}) is False  # NaN


def test_if_evaluates_only_the_branch_taken():
    assert ev("if(${a} = 'x', 'yes', 'no')", {"a": "x"}) == "yes"
    assert ev("if(${a} = 'x', 'yes', 'no')", {"a": "y"}) == "no"


def test_select_functions():
    assert ev("selected(${m}, 'b')", {"m": "a b c"}) is True
    assert ev("selected(${m}, 'd')", {"m": "a b c"}) is False
    assert ev("count-selected(${m})", {"m": "a b c"}) == 3
    assert ev("selected-at(${m}, 1)", {"m": "a b c"}) == "b"
    assert ev("selected-at(${m}, 5)", {"m": "a b c"}) == ""


def test_text_functions():
    assert ev("string-length('平舒镇')") == 3
    assert ev("string-length()", current="abcd") == 4
    assert ev("regex('13812345678', '^1[3-9][0-9]{9}$')") is True
    assert ev("regex('x13812345678', '^1[3-9][0-9]{9}$')") is False
    assert ev("regex('ab12', '[0-9]')") is False  # JavaRosa: Pattern.matches, the whole text
    assert ev("regex('ab12', '.*[0-9].*')") is True
    assert ev("concat('a', 1, 2.5, true())") == "a12.5true"
    assert ev("substr('abcdef', 1, 3)") == "bc"
    assert ev("substr('abcdef', 2)") == "cdef"
    assert ev("contains('abc', 'b') and starts-with('abc', 'a') and ends-with('abc', 'c')") is True
    assert ev("string(3)") == "3" and ev("number('2.5')") == 2.5


def test_number_functions():
    assert ev("int(3.9)") == 3 and ev("int(-3.9)") == -3
    assert ev("round(2.5)") == 3 and ev("round(2.345, 2)") == 2.35 and ev("round(-2.5)") == -2
    assert ev("coalesce(${a}, 7)", {"a": 3}) == 3


def test_dates_and_date_arithmetic():
    birth = datetime.date(1990, 1, 1)
    assert ev("today()") == TODAY
    assert ev("today() - ${b}", {"b": birth}) == (TODAY - birth).days
    assert ev("date(${b} + 31)", {"b": birth}) == datetime.date(1990, 2, 1)
    assert ev("date('2024-02-29')") == datetime.date(2024, 2, 29)
    assert ev("date('2023-02-29')") == ""
    assert ev("decimal-date-time('1970-01-11')") == 10
    assert ev("date(0)") == datetime.date(1970, 1, 1)
    assert ev("${d} > today()", {"d": datetime.date(2027, 1, 1)}) is True
    # JavaRosa compares numbers: the text '2020-01-01' is NaN; date('2020-01-01') is a date
    assert ev("${d} >= '2020-01-01'", {"d": datetime.date(2021, 1, 1)}) is False
    assert ev("${d} >= date('2020-01-01')", {"d": datetime.date(2021, 1, 1)}) is True
    assert ev("${d} = ${e}", {"d": birth, "e": datetime.date(1990, 1, 1)}) is True
    assert ev("int((today() - ${b}) div 365.25)", {"b": birth}) == 36


def test_id_functions():
    assert ev(f"id_valid('{VALID_ID}')") is True
    assert ev(f"id_sex('{VALID_ID}')") == "1"
    assert ev(f"id_birth_date('{VALID_ID}')") == datetime.date(1990, 1, 1)
    assert ev(f"${{s}} = id_sex('{VALID_ID}')", {"s": "1"}) is True
    assert ev("id_valid('131025199001010016')") is False


@pytest.mark.parametrize("number, ok", [
    ("13812345678", True), ("19912345678", True), ("12812345678", False), ("1381234567", False),
    ("0316-5512000", True), ("03165512000", True), ("010-62345678", True), ("010-12345678", False), ("0316 5512000", True),
    ("0316-5512000-123", True), ("5512000", False), ("0316-0512000", False), ("abc", False),
])
def test_phone_valid(number, ok):
    assert ev("phone_valid(.)", current=number) is ok


def test_code_lists_and_context():
    assert ev("in_codelist('56', 'ethnicity')") is True
    assert ev("in_codelist('57', 'ethnicity')") is False
    assert ev("in_codelist('131025100001', 'village')") is True
    assert ev("context('township')") == "131025100"
    assert ev("context('nothing')") == ""


def test_choice_filter_reads_choice_columns():
    assert ev("parent = context('township')", choice={"name": "x", "parent": "131025100"}) is True
    assert ev("parent = context('township')", choice={"name": "x", "parent": "131025101"}) is False


def test_count_of_a_repeat():
    assert ev("count(${family})", {"family": [{}, {}]}) == 2
    assert ev("count(${family})", {"family": []}) == 0


def test_references_are_collected():
    expression = compile_expression("${a} + ${b} > . and parent = 'x'")
    assert expression.references == {"a", "b"}
    assert expression.bare_names == {"parent"}
    assert expression.uses_current


@pytest.mark.parametrize("source, fragment", [
    ("1 +", "ends too early"), ("${a} === 3", "character"), ("nosuch(1)", "unknown function nosuch()"),
    ("if(1, 2)", "takes 3"), ("/data/x = 1", "paths"), ("'unclosed", "character 1"), ("(1", "ends too early"),
    ("", "ends too early"),
])
def test_malformed_expressions_are_refused_with_a_reason(source, fragment):
    with pytest.raises(ExpressionError) as caught:
        compile_expression(source)
    assert fragment in caught.value.text.en
    assert caught.value.text.zh
