"""Repeats inside repeats (households, each with its members) and repeat_count: loaded from the
sheet, evaluated as ODK Collect does (relative paths read the current instance), saved and read
back in the stored format (a nested repeat is a list inside each instance)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from desktop.core.entry import form_entry
from desktop.core.errors import RecordRejected
from desktop.core.forms.loader import load_form
from desktop.core.rules import RuleContext, evaluate_form, new_repeat_instance
from desktop.core.store import records

CORPUS = Path(__file__).resolve().parents[2] / "forms_corpus"
TODAY = RuleContext(today=datetime.date(2026, 12, 3))

SURVEY = """
| | type | name | label | calculation | constraint | relevant | repeat_count |
| | text | village | Village | | | | |
| | begin_repeat | household | Household | | | | |
| | text | head | Head | | | | |
| | begin_repeat | member | Member | | | | |
| | text | member_name | Name | | | | |
| | integer | age | Age | | . >= 0 and . < ${limit} | | |
| | calculate | row_number | Row | position(..) | | | |
| | text | school | School | | | ${age} < 18 | |
| | end_repeat | | | | | | |
| | integer | limit | Age limit | | | | |
| | calculate | household_age | Household age | sum(${age}) | | | |
| | calculate | household_size | Household size | count(${member}) | | | |
| | end_repeat | | | | | | |
| | calculate | total_age | Total age | sum(${age}) | | | |
| | calculate | people | People | count(${member}) | | | |
"""


@pytest.fixture
def form(write_form):
    return load_form(write_form(SURVEY))


RECORD = {"village": "东村", "household": [
    {"head": "张三", "limit": "120", "member": [{"member_name": "张三", "age": "40"},
                                                {"member_name": "张小", "age": "9", "school": "一小"}]},
    {"head": "李四", "limit": "120", "member": [{"member_name": "李四", "age": "70"}]},
]}


def test_a_two_level_form_loads_with_the_inner_repeat_inside_the_outer(form):
    household, member = form.group("household"), form.group("member")
    assert member.repeat and member.parent == "household"
    assert member in household.children
    assert form.field("age").repeat == "member" and form.field("head").repeat == "household"


def test_sum_and_count_over_inner_rows_per_instance_and_over_all(form):
    state = evaluate_form(form, RECORD, TODAY)
    assert state.ok, [v.message.en for v in state.violations]
    first, second = state.values["household"]
    assert (first["household_age"], first["household_size"]) == (49, 2)  # this household's rows only
    assert (second["household_age"], second["household_size"]) == (70, 1)
    assert state.values["total_age"] == 119 and state.values["people"] == 3
    assert [m["row_number"] for m in first["member"]] == [1, 2]


def test_inner_rules_have_nested_paths_and_read_the_outer_instance(form):
    values = {"household": [{"limit": "50", "member": [{"member_name": "王", "age": "60"},
                                                       {"member_name": "王小", "age": "30"}]}]}
    state = evaluate_form(form, values, TODAY)
    assert [(v.path, v.code) for v in state.errors] == [("household/0/member/0/age", "constraint")]
    # relevance inside the inner row: school only for a child
    assert state.relevant["household/0/member/0/school"] is False
    assert state.relevant["household/0/member/1/school"] is False
    values["household"][0]["member"][1]["age"] = "12"
    assert evaluate_form(form, values, TODAY).relevant["household/0/member/1/school"] is True


def test_a_type_error_in_an_inner_row_is_kept_as_typed(form):
    values = {"household": [{"limit": "120", "member": [{"member_name": "王", "age": "六十"}]}]}
    state = evaluate_form(form, values, TODAY)
    assert [(v.path, v.code) for v in state.errors] == [("household/0/member/0/age", "type")]
    assert state.record()["household"][0]["member"][0]["age"] == "六十"


def test_a_new_outer_instance_starts_with_no_inner_rows(form):
    assert new_repeat_instance(form, "household") == {"member": []}


def test_saved_and_read_back(form, township):
    saved = form_entry.save(township, form, RECORD)
    back = records.get(township.db, saved.id).values
    assert back["household"][0]["member"][1] == {"member_name": "张小", "age": 9, "row_number": 1 + 1,
                                                "school": "一小"}
    assert back["household"][1]["household_age"] == 70 and back["total_age"] == 119
    assert evaluate_form(form, back, TODAY).ok


def test_the_corpus_form_with_nested_repeats_loads():
    form = load_form(CORPUS / "kobocat" / "viewer__nested_repeats__nested_repeats.xls")
    nested = [g for g in form.repeats if g.parent and form.group(g.parent).repeat]
    assert nested


COUNTED = """
| | type | name | label | calculation | repeat_count |
| | integer | children | Children | | |
| | begin_repeat | child | Child | | ${children} |
| | text | child_name | Name | | |
| | end_repeat | | | | |
| | begin_repeat | visit | Visit | | 2 |
| | date | visit_date | Date | | |
| | end_repeat | | | | |
"""


def test_repeat_count_gives_the_rows_and_refuses_a_record_that_disagrees(write_form, township):
    form = load_form(write_form(COUNTED))
    values = {"children": "2", "child": [{"child_name": "甲"}, {"child_name": "乙"}],
              "visit": [{"visit_date": "2026-11-01"}, {"visit_date": "2026-11-20"}]}
    state = evaluate_form(form, values, TODAY)
    assert state.ok and state.repeat_counts == {"child": 2, "visit": 2}
    values["children"] = "1"
    state = evaluate_form(form, values, TODAY)
    assert [(v.path, v.code) for v in state.errors] == [("child", "repeat_count")]
    assert "asks for 1 rows, there are 2" in state.errors[0].message.en
    with pytest.raises(RecordRejected):
        form_entry.save(township, form, values)
    values["children"] = "100000"
    assert [v.code for v in evaluate_form(form, values, TODAY).errors] == ["repeat_count"]


def test_a_nested_repeat_count_reads_its_outer_instance(write_form):
    form = load_form(write_form("""
| | type | name | label | repeat_count |
| | begin_repeat | household | Household | |
| | integer | size | Size | |
| | begin_repeat | member | Member | ${size} |
| | text | member_name | Name | |
| | end_repeat | | | |
| | end_repeat | | | |
"""))
    values = {"household": [{"size": "1", "member": [{"member_name": "甲"}]},
                            {"size": "2", "member": [{"member_name": "乙"}]}]}
    state = evaluate_form(form, values, TODAY)
    assert state.repeat_counts == {"household/0/member": 1, "household/1/member": 2}
    assert [v.path for v in state.errors] == ["household/1/member"]
