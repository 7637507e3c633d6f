"""The rules engine on the floating-population form: every problem at once, relevance clears
values, calculations follow their inputs, duplicates name the existing record."""

from __future__ import annotations

import copy
import datetime

import pytest

from desktop.core.forms.loader import load_form
from desktop.core.paths import resource
from desktop.core.rules import ExistingRecord, RuleContext, dict_lookup, evaluate_form, validate

TODAY = datetime.date(2026, 11, 26)
RECORD = {
    "name": "张三", "id_number": "131025199001010015", "sex": "1", "birth_date": "1990-01-01",
    "ethnicity": "01", "phone": "13812345678", "hukou_address": "河北省廊坊市大城县平舒镇",
    "marital_status": "20", "village": "131025100001", "arrival_date": "2020-03-01",
    "move_reason": "01", "employer": "大城县保温材料厂", "status": "present",
}


@pytest.fixture(scope="module")
def form():
    return load_form(resource("forms", "floating_population.xlsx"))


def context(**kwargs):
    return RuleContext(today=TODAY, values={"township": "131025100"}, **kwargs)


def codes(violations):
    return {(v.path, v.code) for v in violations}


def test_valid_record_has_no_violations(form):
    assert validate(form, RECORD, context()) == []


def test_duplicate_id_number_names_the_existing_record(form):
    existing = {"fp-0001": {"id_number": "131025199001010015", "name": "张三"}}
    violations = validate(form, RECORD, context(find_existing=dict_lookup(existing)))
    assert codes(violations) == {("id_number", "unique")}
    violation = violations[0]
    assert violation.severity == "error" and violation.existing_record == "fp-0001"
    assert "张三" in violation.message.en and "张三" in violation.message.zh   # the person, not the record's id
    assert "fp-0001" not in violation.message.en + violation.message.zh
    # editing that very record is not a duplicate of itself
    assert validate(form, RECORD, context(find_existing=dict_lookup(existing)), record_id="fp-0001") == []


def test_unique_lookup_receives_form_field_and_normalised_value(form):
    calls = []

    def find(form_id, field, value, exclude):
        calls.append((form_id, field, value, exclude))
        return ExistingRecord("r9", "李四, 东街村") if value == "13102519900101004X" else None

    record = {**RECORD, "id_number": "13102519900101004x", "sex": "2"}
    violations = validate(form, record, context(find_existing=find), record_id="r1")
    assert calls == [("floating_population", "id_number", "13102519900101004X", "r1")]
    assert [v.code for v in violations] == ["unique"] and "李四, 东街村" in violations[0].message.zh
    assert evaluate_form(form, record, context()).record()["id_number"] == "13102519900101004X"


def test_sex_and_birth_date_must_match_the_id(form):
    record = {**RECORD, "sex": "2", "birth_date": "1990-01-02"}
    assert codes(validate(form, record, context())) == {("sex", "constraint"), ("birth_date", "constraint")}


def test_every_problem_is_reported_at_once(form):
    record = {**RECORD, "id_number": "131025199001010016", "phone": "12345", "arrival_date": "2027-01-01",
              "ethnicity": "99", "status": "left", "name": ""}
    found = codes(validate(form, record, context()))
    assert found == {("id_number", "constraint"), ("phone", "constraint"), ("arrival_date", "constraint"),
                     ("ethnicity", "choice"), ("left_date", "required"), ("name", "required")}


def test_left_date_is_relevant_only_when_left_and_cleared_otherwise(form):
    state = evaluate_form(form, {**RECORD, "left_date": "2025-01-01"}, context())
    assert state.relevant["left_date"] is False
    assert state.values["left_date"] == "" and state.record()["left_date"] == ""
    left = {**RECORD, "status": "left", "left_date": "2019-01-01"}
    state = evaluate_form(form, left, context())
    assert state.relevant["left_date"] is True
    assert codes(state.violations) == {("left_date", "constraint")}  # before arrival
    left["left_date"] = "2025-01-01"
    assert evaluate_form(form, left, context()).ok


def test_arrival_not_before_birth(form):
    # also more than 30 years ago, which is only a warning
    assert codes(validate(form, {**RECORD, "arrival_date": "1989-12-31"}, context())) == {
        ("arrival_date", "constraint"), ("arrival_date", "soft_constraint")}


def test_village_choices_follow_the_township_in_context(form):
    state = evaluate_form(form, RECORD, context())
    assert {c.extra["parent"] for c in state.options["village"]} == {"131025100"}
    assert len(state.options["village"]) == 5
    other = {**RECORD, "village": "131025101001"}
    assert codes(validate(form, other, context())) == {("village", "choice")}
    # the county (no township in context) sees every village
    county = RuleContext(today=TODAY)
    assert validate(form, other, county) == []


def test_calculations_update_dependents(form):
    state = evaluate_form(form, RECORD, context())
    assert state.values["age"] == 36
    state = evaluate_form(form, {**RECORD, "birth_date": ""}, context())
    assert state.values["age"] == ""


def test_soft_checks_are_warnings(form):
    young = {**RECORD, "id_number": "131025201501010011", "birth_date": "2015-01-01", "marital_status": "10"}
    state = evaluate_form(form, young, context())
    assert codes(state.violations) == {("employer", "soft_constraint")}
    assert state.warnings and state.ok
    old_arrival = {**RECORD, "arrival_date": "1991-01-01"}
    assert [(v.code, v.severity) for v in validate(form, old_arrival, context())] == [("soft_constraint", "warning")]


def test_type_errors_keep_what_was_typed(form):
    state = evaluate_form(form, {**RECORD, "arrival_date": "2020-02-30"}, context())
    assert codes(state.violations) == {("arrival_date", "type")}
    assert state.record()["arrival_date"] == "2020-02-30"


def test_repeat_instances_are_checked_with_their_own_paths(form):
    record = copy.deepcopy(RECORD)
    record["family"] = [
        {"member_name": "李梅", "member_relationship": "01"},
        {"member_name": "", "member_relationship": "09", "member_id_number": "131025199001010015"},
    ]
    state = evaluate_form(form, record, context())
    assert codes(state.violations) == {("family/1/member_name", "required"),
                                       ("family/1/member_relationship", "choice"),
                                       ("family/1/member_id_number", "constraint")}
    assert state.values["family_count"] == 2
    assert state.record()["family"][0]["member_name"] == "李梅"


def test_empty_values_take_no_constraint_but_required(form):
    state = evaluate_form(form, {}, context())
    assert {v.code for v in state.violations} == {"required"}
    assert "phone" not in {v.field for v in state.violations}


