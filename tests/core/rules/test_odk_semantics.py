"""Expressions give what ODK Collect gives: each case is an expression, field values, and the
result Collect's engine (JavaRosa) computes, checked through `forms eval`'s core function
(desktop.core.rules.playground.evaluate_text) and, for a few, through the command itself.

Where every expected value comes from:

- JavaRosa, github.com/getodk/javarosa at d686d1bc9, src/main/java/org/javarosa/xpath/expr/
  XPathFuncExpr.java: toNumeric (',' read as '.', trimmed, only '-', '.' and 0-9 — so '1e3',
  '+5', 'Infinity' and full-width digits are NaN), toString (within 1e-12 of a whole number it
  is written as one, else Java's Double.toString: 1.0E-5), toBoolean (|x| > 1e-12), toInt
  (truncation), round (BigDecimal of Double.toString, HALF_UP, HALF_DOWN for negatives, and
  (long)(x·10^d + 0.5) for negative d), coalesce (isNull: '' or NaN), regex (Pattern.matches:
  the whole text), multiSelected (" list ".contains(" value.trim() ")), substring (negative
  positions count from the end), substring-before/-after, translate, normalize-space, sum (NaN
  skipped), max/min (NaN skipped; none left is NaN), count-non-empty, join, toDate (date()
  truncates; impossible text throws), toDecimalDateTime ('' stays ''), boolStr ('true' in any
  case or '1'), once, pow, log10, abs, indexedRepeat (an index below 1 is 1), position.
- XPathArithExpr.java (Java double arithmetic: 1 div 0 = Infinity, x mod 0 = NaN, -7 mod 3 = -1),
  XPathCmpExpr.java (< <= > >= compare toNumeric of both sides, so a date against the text
  '2020-01-01' is false), XPathEqExpr.java (booleans first, then numbers within 1e-12, else text).
- DateUtils.java: parseDateTime/parseDate (YYYY-M-D pieces, day checked against the month),
  format (%Y %y %m %n %b %d %e %H %h %M %S %3 %a %W %%; any other escape throws).
- DigestAlgorithm.java / Encoding.java: MD5, SHA-1, SHA-256, SHA-384, SHA-512; base64 (default) or hex.
- ChoiceNameFunctionHandler.java: jr:choice-name(value, path) is the label of that choice.
- The ODK XForms spec, github.com/getodk/xforms-spec at 9fe248c, _sections/30-bindings.md
  (function table: coalesce, once, boolean-from-string, regex, sum, max, round, position,
  format-date, decimal-date-time "since January 1, 1970 UTC", selected, indexed-repeat).

Documented deviations (docs/FORMS.md, "Where we differ from ODK Collect") are in DEVIATIONS,
each with what Collect gives and what we give.
"""

from __future__ import annotations

import datetime
import json

import pytest

from desktop.core.forms.registry import FormRegistry
from desktop.core.rules import RuleContext
from desktop.core.rules.playground import EvaluationError, ExpressionError, evaluate_text

TODAY = datetime.date(2026, 11, 26)
NOW = datetime.datetime(2026, 11, 26, 9, 30, 15, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
CONTEXT = RuleContext(today=TODAY, now=NOW)
D = datetime.date
REPEAT = {"family": [{"name": "a", "age": 3}, {"name": "b", "age": ""}, {"name": "c", "age": 7}]}
NESTED = {"family": [{"name": "a", "kids": [{"kid": "a1", "kid_age": 1}]},
                     {"name": "b", "kids": [{"kid": "b1", "kid_age": 4}, {"kid": "b2", "kid_age": 6}]}]}

# (expression, values, value, type)
CASES = [
    # arithmetic (XPathArithExpr: Java doubles)
    ("1 + 2 * 3", {}, 7, "number"),
    ("7 div 2", {}, 3.5, "number"),
    ("7 mod 3", {}, 1, "number"),
    ("-7 mod 3", {}, -1, "number"),
    ("7.5 mod 2", {}, 1.5, "number"),
    ("5 mod 0", {}, "NaN", "number"),
    ("1 div 0", {}, "Infinity", "number"),
    ("-1 div 0", {}, "-Infinity", "number"),
    ("0 div 0", {}, "NaN", "number"),
    ("'3' + 4", {}, 7, "number"),
    ("'' + 1", {}, "NaN", "number"),
    ("true() + 1", {}, 2, "number"),
    ("0.1 + 0.2", {}, 0.30000000000000004, "number"),
    ("-${a}", {"a": 3}, -3, "number"),
    ("${a} * 2", {"a": ""}, "NaN", "number"),
    # equality (XPathEqExpr) and comparison (XPathCmpExpr)
    ("1 = 1.0", {}, True, "boolean"),
    ("'1' = 1", {}, True, "boolean"),
    ("'abc' = 'abc'", {}, True, "boolean"),
    ("'a' != 'b'", {}, True, "boolean"),
    ("'' = 0", {}, False, "boolean"),
    ("true() = 'x'", {}, True, "boolean"),
    ("false() = ''", {}, True, "boolean"),
    ("2 = true()", {}, True, "boolean"),
    ("'10' > '9'", {}, True, "boolean"),
    ("'abc' < 'abd'", {}, False, "boolean"),
    ("${a} > 5", {"a": ""}, False, "boolean"),
    ("${a} != 5", {"a": ""}, True, "boolean"),
    ("${a} = ''", {"a": ""}, True, "boolean"),
    ("1 < 2 and 2 < 3", {}, True, "boolean"),
    ("false() or 0", {}, False, "boolean"),
    ("${d} > 18262", {"d": "2020-01-02"}, True, "boolean"),
    ("${d} = '2020-01-02'", {"d": "2020-01-02"}, True, "boolean"),
    ("${d} >= '2020-01-01'", {"d": "2020-01-02"}, False, "boolean"),
    ("${d} >= date('2020-01-01')", {"d": "2020-01-02"}, True, "boolean"),
    ("${d} - ${e}", {"d": "2020-03-01", "e": "2020-02-01"}, 29, "number"),
    ("${d} + 1", {"d": "2020-01-02"}, 18264, "number"),
    # number() (toNumeric)
    ("number('12')", {}, 12, "number"),
    ("number(' 12 ')", {}, 12, "number"),
    ("number('-3.5')", {}, -3.5, "number"),
    ("number('.5')", {}, 0.5, "number"),
    ("number('5.')", {}, 5, "number"),
    ("number('1,5')", {}, 1.5, "number"),
    ("number('1e3')", {}, "NaN", "number"),
    ("number('+5')", {}, "NaN", "number"),
    ("number('Infinity')", {}, "NaN", "number"),
    ("number('１２')", {}, "NaN", "number"),
    ("number('abc')", {}, "NaN", "number"),
    ("number('')", {}, "NaN", "number"),
    ("number('1 000')", {}, "NaN", "number"),
    ("number('2020-01-01')", {}, "NaN", "number"),
    ("number(true())", {}, 1, "number"),
    ("number(false())", {}, 0, "number"),
    ("number(${d})", {"d": "1970-01-11"}, 10, "number"),
    # string() (toString)
    ("string(3)", {}, "3", "string"),
    ("string(2.5)", {}, "2.5", "string"),
    ("string(1 div 3)", {}, "0.3333333333333333", "string"),
    ("string(0.1 + 0.2)", {}, "0.30000000000000004", "string"),
    ("string(0.00001)", {}, "1.0E-5", "string"),
    ("string(123456789.5)", {}, "1.234567895E8", "string"),
    ("string(-0)", {}, "0", "string"),
    ("string(1.0000000000001)", {}, "1", "string"),
    ("string(true())", {}, "true", "string"),
    ("string(1 div 0)", {}, "Infinity", "string"),
    ("string(number('x'))", {}, "NaN", "string"),
    ("string(${d})", {"d": "2020-01-02"}, "2020-01-02", "string"),
    # boolean() (toBoolean), not(), boolean-from-string() (boolStr)
    ("boolean('')", {}, False, "boolean"),
    ("boolean('false')", {}, True, "boolean"),
    ("boolean(0)", {}, False, "boolean"),
    ("boolean(number('x'))", {}, False, "boolean"),
    ("boolean(0.0000000000001)", {}, False, "boolean"),
    ("boolean(${d})", {"d": "2020-01-02"}, True, "boolean"),
    ("not('')", {}, True, "boolean"),
    ("boolean-from-string('true')", {}, True, "boolean"),
    ("boolean-from-string('TRUE')", {}, True, "boolean"),
    ("boolean-from-string('1')", {}, True, "boolean"),
    ("boolean-from-string('yes')", {}, False, "boolean"),
    ("boolean-from-string('')", {}, False, "boolean"),
    # int(), round(), abs(), pow(), log10() and the other XPath 3.0 maths
    ("int(3.7)", {}, 3, "number"),
    ("int(-3.7)", {}, -3, "number"),
    ("int('4.9')", {}, 4, "number"),
    ("int('')", {}, "NaN", "number"),
    ("round(2.5)", {}, 3, "number"),
    ("round(-2.5)", {}, -2, "number"),
    ("round(-2.6)", {}, -3, "number"),
    ("round(1.005, 2)", {}, 1.01, "number"),
    ("round(2.675, 2)", {}, 2.68, "number"),
    ("round(1.45, 1)", {}, 1.5, "number"),
    ("round(3.14159, 3)", {}, 3.142, "number"),
    ("round(1234.5, -2)", {}, 1200, "number"),
    ("round(1250, -2)", {}, 1300, "number"),
    ("round(-1250, -2)", {}, -1200, "number"),
    ("round('', 1)", {}, "NaN", "number"),
    ("round(5, 31)", {}, "NaN", "number"),
    ("abs(-3.5)", {}, 3.5, "number"),
    ("abs('')", {}, "NaN", "number"),
    ("pow(2, 10)", {}, 1024, "number"),
    ("pow(2, -1)", {}, 0.5, "number"),
    ("pow(-8, 0.5)", {}, "NaN", "number"),
    ("pow(0, -1)", {}, "Infinity", "number"),
    ("log10(1000)", {}, 3, "number"),
    ("log10(0)", {}, "-Infinity", "number"),
    ("log10(-1)", {}, "NaN", "number"),
    ("sqrt(16)", {}, 4, "number"),
    ("pi()", {}, 3.141592653589793, "number"),
    ("exp10(2)", {}, 100, "number"),
    # text
    ("concat('a', 1, true())", {}, "a1true", "string"),
    ("concat(${a}, 'b')", {"a": ""}, "b", "string"),
    ("string-length('汉字')", {}, 2, "number"),
    ("string-length(number('x'))", {}, 3, "number"),
    ("substr('abcdef', 1, 3)", {}, "bc", "string"),
    ("substr('abcdef', 2)", {}, "cdef", "string"),
    ("substr('abcdef', -2)", {}, "ef", "string"),
    ("substr('abcdef', 1, -1)", {}, "bcde", "string"),
    ("substr('abc', 5)", {}, "", "string"),
    ("substr('abcdef', 4, 2)", {}, "", "string"),
    ("substring-before('2020-01-02', '-')", {}, "2020", "string"),
    ("substring-after('2020-01-02', '-')", {}, "01-02", "string"),
    ("substring-before('abc', 'x')", {}, "", "string"),
    ("substring-after('abc', '')", {}, "abc", "string"),
    ("translate('abc', 'abc', 'ABC')", {}, "ABC", "string"),
    ("translate('--aaa--', 'abc-', 'ABC')", {}, "AAA", "string"),
    ("translate('a-b', '-', '')", {}, "ab", "string"),
    ("normalize-space('  a   b  ')", {}, "a b", "string"),
    ("contains('abc', 'b')", {}, True, "boolean"),
    ("contains('abc', '')", {}, True, "boolean"),
    ("starts-with('13812345678', '138')", {}, True, "boolean"),
    ("ends-with('abc', 'bc')", {}, True, "boolean"),
    ("join(', ', 'a', 'b')", {}, "a, b", "string"),
    ("coalesce('', 'x')", {}, "x", "string"),
    ("coalesce(number(''), 5)", {}, 5, "number"),
    ("coalesce('a', 'b')", {}, "a", "string"),
    ("if(1 > 2, 'y', 'n')", {}, "n", "string"),
    ("if('', 1, 2)", {}, 2, "number"),
    # regex() matches the whole text (Pattern.matches)
    ("regex('13812345678', '1[3-9][0-9]{9}')", {}, True, "boolean"),
    ("regex('x13812345678', '1[3-9][0-9]{9}')", {}, False, "boolean"),
    ("regex('ab12', '[0-9]')", {}, False, "boolean"),
    ("regex('ab12', '.*[0-9].*')", {}, True, "boolean"),
    ("regex('', '[0-9]*')", {}, True, "boolean"),
    ("regex('ABC', '^[A-Z]+$')", {}, True, "boolean"),
    ("not(regex('张三', '.*[0-9].*'))", {}, True, "boolean"),
    ("not(regex('张3', '.*[0-9].*'))", {}, False, "boolean"),
    # select values (multiSelected, countSelected, selectedAt)
    ("selected('a b c', 'b')", {}, True, "boolean"),
    ("selected('a b c', ' b ')", {}, True, "boolean"),
    ("selected('a b c', 'd')", {}, False, "boolean"),
    ("selected('ab c', 'a')", {}, False, "boolean"),
    ("selected(${s}, 'c')", {"s": "a c"}, True, "boolean"),
    ("count-selected('a b  c')", {}, 3, "number"),
    ("count-selected('')", {}, 0, "number"),
    ("selected-at('a b c', 1)", {}, "b", "string"),
    ("selected-at('a b c', 5)", {}, "", "string"),
    ("selected-at('a b c', -1)", {}, "", "string"),
    # dates (toDate, toDecimalDateTime, DateUtils.parseDateTime and format)
    ("date('2020-02-29')", {}, "2020-02-29", "date"),
    ("date('2020-1-5')", {}, "2020-01-05", "date"),
    ("date(0)", {}, "1970-01-01", "date"),
    ("date(-0.5)", {}, "1970-01-01", "date"),
    ("date(-1.5)", {}, "1969-12-31", "date"),
    ("date(18262.9)", {}, "2020-01-01", "date"),
    ("date('')", {}, "", "string"),
    ("date(number('x'))", {}, "NaN", "number"),
    ("date('2020-01-02T10:30:00')", {}, "2020-01-02", "date"),
    ("date(${d} + 31)", {"d": "1990-01-01"}, "1990-02-01", "date"),
    ("decimal-date-time('1970-01-11')", {}, 10, "number"),
    ("decimal-date-time('2020-01-01T12:00:00Z')", {}, 18262.5, "number"),
    ("decimal-date-time('2020-01-01T08:00:00+08:00')", {}, 18262, "number"),
    ("decimal-date-time('2020-01-01T06:00:00.000-06:00')", {}, 18262.5, "number"),
    ("decimal-date-time(${d})", {"d": "2020-01-02"}, 18263, "number"),
    ("decimal-date-time('')", {}, "", "string"),
    ("format-date('2020-03-05', '%Y-%m-%d')", {}, "2020-03-05", "string"),
    ("format-date('2020-03-05', '%y/%n/%e')", {}, "20/3/5", "string"),
    ("format-date(${d}, '%d.%m.%Y')", {"d": "2020-01-02"}, "02.01.2020", "string"),
    ("format-date('2020-03-05', '100%%')", {}, "100%", "string"),
    ("format-date('', '%Y')", {}, "", "string"),
    ("format-date-time('2020-03-05T14:07:09.123', '%H:%M:%S.%3')", {}, "14:07:09.123", "string"),
    ("format-date-time('2020-03-05T04:07:09', '%h:%M')", {}, "4:07", "string"),
    ("today()", {}, "2026-11-26", "date"),
    ("today() - date('2026-01-01')", {}, 329, "number"),
    ("int((today() - ${b}) div 365.25)", {"b": "1990-01-01"}, 36, "number"),
    ("now()", {}, "2026-11-26T09:30:15.000+08:00", "datetime"),
    ("string(now())", {}, "2026-11-26", "string"),
    ("date(now())", {}, "2026-11-26", "date"),
    # digest (DigestAlgorithm, Encoding; FIPS 180 test vectors for 'abc')
    ("digest('abc', 'SHA-256', 'hex')", {},
     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "string"),
    ("digest('abc', 'MD5', 'hex')", {}, "900150983cd24fb0d6963f7d28e17f72", "string"),
    ("digest('abc', 'SHA-1')", {}, "qZk+NkcGgWq6PiVxeFDCbJzQ2J0=", "string"),
    # repeats: sum/count/max/min over a repeat's children, indexed-repeat()
    ("count(${family})", REPEAT, 3, "number"),
    ("sum(${age})", REPEAT, 10, "number"),
    ("max(${age})", REPEAT, 7, "number"),
    ("min(${age})", REPEAT, 3, "number"),
    ("count-non-empty(${age})", REPEAT, 2, "number"),
    ("sum(${age})", {"family": []}, 0, "number"),
    ("max(${age})", {"family": []}, "NaN", "number"),
    ("max(1, 5, 3)", {}, 5, "number"),
    ("min('', 2)", {}, 2, "number"),
    ("indexed-repeat(${name}, ${family}, 2)", REPEAT, "b", "string"),
    ("indexed-repeat(${name}, ${family}, 0)", REPEAT, "a", "string"),
    ("indexed-repeat(${name}, ${family}, 9)", REPEAT, "", "string"),
    ("join(' ', ${name})", REPEAT, "a b c", "string"),
    ("concat(${name})", REPEAT, "abc", "string"),
    ("indexed-repeat(${kid}, ${family}, 2, ${kids}, 2)", NESTED, "b2", "string"),
    ("sum(${kid_age})", NESTED, 11, "number"),
    ("count(${kids})", NESTED, 3, "number"),
]

# (expression, values, what ODK Collect gives, what we give, type) - listed in docs/FORMS.md
DEVIATIONS = [
    # JavaRosa's max() starts from Double.MIN_VALUE (the smallest positive double), so a max of
    # negative numbers is 4.9E-324; we give the largest value
    ("max(-1, -2)", {}, 4.9e-324, -1, "number"),
    # JavaRosa writes (int) d, capped at 2^31-1, so big whole numbers come out as 1.0E10
    ("string(10000000000)", {}, "1.0E10", "10000000000", "string"),
    # a date-time without an offset is local time in Collect (so the result depends on the
    # device's zone); we read it as UTC, which is what Collect gives on a device set to UTC
    ("decimal-date-time('2020-01-01T06:00:00')", {}, "depends on the device's zone", 18262.25, "number"),
    # %b and %a follow the device's language in Collect; ours are always English
    ("format-date('2020-03-05', '%b %a')", {}, "device language", "Mar Thu", "string"),
    # floor() and ceiling() (XPath 1.0) are not in JavaRosa: Collect refuses the form
    ("floor(-1.5)", {}, "unhandled function", -2, "number"),
    ("ceiling(-1.5)", {}, "unhandled function", -1, "number"),
]


def result(expression, values=None, **kwargs):
    return evaluate_text(expression, values, context=CONTEXT, **kwargs)


@pytest.mark.parametrize("expression, values, value, kind", CASES, ids=[c[0] for c in CASES])
def test_as_odk_collect(expression, values, value, kind):
    assert result(expression, values) == {"value": value, "type": kind}


@pytest.mark.parametrize("expression, values, collect, ours, kind", DEVIATIONS, ids=[c[0] for c in DEVIATIONS])
def test_documented_deviations(expression, values, collect, ours, kind):
    assert result(expression, values) == {"value": ours, "type": kind}
    assert ours != collect


def test_there_are_at_least_150_cases():
    assert len(CASES) >= 150


@pytest.mark.parametrize("expression", [
    "date('2020-02-30')", "date('2021-02-29')", "date('2020-13-01')", "date('yesterday')",
    "decimal-date-time('x')", "format-date('2020-03-05', '%Q')", "digest('abc', 'CRC32')",
    "date(1 div 0)",
])
def test_impossible_values_are_errors_as_in_collect(expression):
    with pytest.raises(EvaluationError):
        result(expression)


@pytest.mark.parametrize("expression", [
    "1 +", "unknown(1)", "sum('3')", "position()", "substr('a')", "indexed-repeat(${a}, ${b})",
    "${a} ..",
])
def test_expressions_that_do_not_compile(expression):
    with pytest.raises(ExpressionError):
        result(expression)


def test_current_value_once_and_normalize_space():
    assert result("string-length(.)", current="abcd") == {"value": 4, "type": "number"}
    assert result("normalize-space()", current=" x  y ") == {"value": "x y", "type": "string"}
    assert result("once('new')", current="") == {"value": "new", "type": "string"}
    assert result("once('new')", current="kept") == {"value": "kept", "type": "string"}


def test_in_the_engine_a_value_it_cannot_use_is_empty():
    from desktop.core.rules.expressions import evaluate
    assert evaluate("date('2020-02-30')", {}, CONTEXT) == ""
    with pytest.raises(EvaluationError):
        evaluate("date('2020-02-30')", {}, CONTEXT, strict=True)


@pytest.fixture(scope="module")
def registry():
    return FormRegistry()


def test_with_a_form_values_take_the_types_of_its_fields(registry):
    form = registry.get("floating_population")
    # a date field's text is a date; without the form, too, when it is ISO
    assert result("${arrival_date} + 0", {"arrival_date": "2021-05-01"}, form=form)["value"] == 18748
    # a text field's ISO-looking text stays text with the form, is a date without it
    assert result("${remarks} + 0", {"remarks": "2021-05-01"}, form=form)["value"] == "NaN"
    assert result("${remarks} + 0", {"remarks": "2021-05-01"})["value"] == 18748
    assert result("count(${family})", {"family": [{"member_name": "x"}]}, form=form)["value"] == 1
    with pytest.raises(ExpressionError, match="refers to no field"):
        result("${no_such_field}", {}, form=form)
    with pytest.raises(EvaluationError):
        result("${arrival_date}", {"arrival_date": "2021-02-30"}, form=form)


def test_choice_name_is_the_label_of_the_choice(registry):
    from desktop.core.i18n import set_language
    form = registry.get("floating_population")
    try:
        set_language("en")
        assert result("jr:choice-name(${sex}, '${sex}')", {"sex": "2"}, form=form) == {
            "value": "Female", "type": "string"}
        set_language("zh")
        assert result("jr:choice-name(${sex}, '${sex}')", {"sex": "2"}, form=form)["value"] == "女"
        assert result("jr:choice-name('9', '${sex}')", {}, form=form)["value"] == ""
    finally:
        set_language(None)
    with pytest.raises(EvaluationError):
        result("jr:choice-name('1', '${sex}')")


class TestCommand:
    def test_prints_one_json_object(self, cli, tmp_path):
        out = cli("forms", "eval", "coalesce(number(''), 5)", "--data-dir", tmp_path)
        assert out.code == 0 and json.loads(out.out) == {"value": 5, "type": "number"}

    def test_nan_and_infinity_are_strings(self, cli, tmp_path):
        assert json.loads(cli("forms", "eval", "number('1e3')", "--data-dir", tmp_path).out) == {
            "value": "NaN", "type": "number"}
        assert json.loads(cli("forms", "eval", "-1 div 0", "--data-dir", tmp_path).out)["value"] == "-Infinity"

    def test_values_today_and_a_form(self, cli, tmp_path):
        out = cli("forms", "eval", "today() - ${b}", "--values", '{"b": "2026-11-01"}', "--today", "2026-11-26",
                  "--data-dir", tmp_path)
        assert json.loads(out.out) == {"value": 25, "type": "number"}
        out = cli("forms", "eval", "selected(${move_reason}, '01')", "--form", "floating_population",
                  "--values", '{"move_reason": "01"}', "--data-dir", tmp_path)
        assert out.code == 0 and json.loads(out.out)["type"] == "boolean"

    @pytest.mark.parametrize("expression", ["date('2020-02-30')", "1 +", "nosuch()"])
    def test_a_failing_expression_exits_1_with_the_error(self, cli, tmp_path, expression):
        out = cli("forms", "eval", expression, "--data-dir", tmp_path)
        assert out.code == 1 and json.loads(out.out)["error"]
