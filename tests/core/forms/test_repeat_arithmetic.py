"""Arithmetic over a repeat in a loaded form, as ODK Collect evaluates it: sum/count/max/min
of a repeat's children outside the repeat, position(..) and indexed-repeat() inside it (the
ODK XForms spec's function table; JavaRosa's XPathFuncExpr sum, max, min, position,
indexedRepeat)."""

from __future__ import annotations

import datetime

import pytest

from desktop.core.forms.loader import load_form
from desktop.core.forms.model import FormLoadError
from desktop.core.rules import RuleContext, evaluate_form

SURVEY = """
| | type | name | label | calculation | constraint |
| | begin_repeat | members | Members | | |
| | integer | member_age | Age | | . >= 0 |
| | calculate | number_in_list | Number | position(..) | |
| | calculate | previous_age | Previous | indexed-repeat(${member_age}, ${members}, position(..) - 1) | |
| | end_repeat | | | | |
| | calculate | total_age | Total | sum(${member_age}) | |
| | calculate | oldest | Oldest | max(${member_age}) | |
| | calculate | youngest | Youngest | min(${member_age}) | |
| | calculate | headcount | Count | count(${members}) | |
| | calculate | first_age | First | indexed-repeat(${member_age}, ${members}, 1) | |
| | text | note_text | Note | | ${total_age} < 200 |
"""


@pytest.fixture
def form(write_form):
    return load_form(write_form(SURVEY))


def test_aggregates_positions_and_indexed_repeat(form):
    values = {"members": [{"member_age": "30"}, {"member_age": ""}, {"member_age": "5"}], "note_text": "x"}
    state = evaluate_form(form, values, RuleContext(today=datetime.date(2026, 11, 26)))
    assert state.ok
    assert state.values["total_age"] == 35  # the empty age is skipped, as JavaRosa's sum()
    assert state.values["oldest"] == 30 and state.values["youngest"] == 5
    assert state.values["headcount"] == 3 and state.values["first_age"] == 30
    members = state.values["members"]
    assert [m["number_in_list"] for m in members] == [1, 2, 3]
    # indexed-repeat(..., position(..) - 1) inside the repeat reads the instances before this
    # one (docs/FORMS.md: Collect would give the first instance its own age, index 0 being 1)
    assert [m["previous_age"] for m in members] == ["", 30, ""]


def test_no_instances(form):
    state = evaluate_form(form, {"members": []}, RuleContext(today=datetime.date(2026, 11, 26)))
    assert state.values["total_age"] == 0 and state.values["headcount"] == 0
    assert state.values["oldest"] == ""  # NaN stores empty


def test_a_repeat_child_outside_its_repeat_needs_an_aggregate(write_form):
    survey = """
| | type | name | label | calculation |
| | begin_repeat | members | Members | |
| | integer | member_age | Age | |
| | end_repeat | | | |
| | calculate | bad | Bad | ${member_age} + 1 |
"""
    with pytest.raises(FormLoadError) as raised:
        load_form(write_form(survey))
    assert "inside the repeat" in str(raised.value.problems[0].message.en)
