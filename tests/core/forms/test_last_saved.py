"""`${last-saved#field}`: the value of the field in the clerk's last saved record of the same form
(ODK's last-saved instance), through the real store; empty the first time."""

from __future__ import annotations

import pytest

from desktop.core.entry import form_entry
from desktop.core.forms.loader import load_form
from desktop.core.forms.model import FormLoadError
from desktop.core.rules import RuleContext, compile_expression, evaluate_form, new_record
from desktop.core.rules.expressions import evaluate

SURVEY = """
| | type | name | label | default | calculation |
| | text | village | Village | ${last-saved#village} | |
| | integer | household | Household | | |
| | calculate | next_household | | | ${last-saved#household} + 1 |
| | text | note | Note | | |"""
SETTINGS = """| settings |
| | form_id | version |
| | survey_{n} | 1 |
"""


@pytest.fixture
def last_saved_form(write_form):
    return load_form(write_form(SURVEY, settings=SETTINGS.format(n="a")))


def test_the_expression_reads_the_last_saved_record_of_its_form():
    expression = compile_expression("${last-saved#age} + 1")
    assert expression.last_saved == {"age"} and not expression.references
    assert evaluate("${last-saved#village}", {}, RuleContext()) == ""
    assert evaluate("concat('x', ${last-saved#v})", {}, RuleContext(last_saved={"": {"v": "东街"}})) == "x东街"


def test_through_the_store_each_form_and_clerk_has_its_own_last_record(township, last_saved_form, write_form):
    form = last_saved_form
    assert new_record(form, form_entry.rule_context(township)) == {"village": ""}  # nothing saved yet
    form_entry.save(township, form, {"village": "东街村", "household": 7, "note": "first"})
    form_entry.save(township, form, {"village": "西街村", "household": 8, "note": "second"})
    context = form_entry.rule_context(township)
    assert new_record(form, context)["village"] == "西街村"
    state = form_entry.evaluate(township, form, {"village": "西街村"}, context=context)
    assert state.record()["next_household"] == 9

    # another form with the same field names has its own last record
    other = load_form(write_form(SURVEY, settings=SETTINGS.format(n="b")))
    assert new_record(other, form_entry.rule_context(township)) == {"village": ""}

    # another clerk's records are not this clerk's last saved
    township.clerk = "李强"
    assert new_record(form, form_entry.rule_context(township)) == {"village": ""}
    form_entry.save(township, form, {"village": "南关村", "household": 1})
    assert new_record(form, form_entry.rule_context(township)) == {"village": "南关村"}
    township.clerk = "王丽"
    assert new_record(form, form_entry.rule_context(township)) == {"village": "西街村"}


def test_a_last_saved_reference_must_name_a_field(write_form):
    with pytest.raises(FormLoadError) as caught:
        load_form(write_form("""
| | type | name | label | default |
| | text | village | Village | ${last-saved#vilage} |"""))
    [problem] = caught.value.problems
    assert problem.row == 2 and problem.column.startswith("default")
    assert "${last-saved#vilage} refers to no field" in problem.message.en and "不存在" in problem.message.zh


def test_the_engine_is_unchanged_without_a_store(last_saved_form):
    state = evaluate_form(last_saved_form, {"village": "东街村"}, RuleContext())
    assert state.values["village"] == "东街村"
