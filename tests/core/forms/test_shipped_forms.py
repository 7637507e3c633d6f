"""Every shipped form pack loads, is complete in both languages, and its defaults pass its rules."""

from __future__ import annotations

import datetime

import pytest

from desktop.core.forms.loader import load_form
from desktop.core.forms.registry import FormRegistry
from desktop.core.paths import resource
from desktop.core.rules import RuleContext, evaluate_form, new_record, new_repeat_instance

FORMS = sorted(p.stem for p in resource("forms").glob("*.md"))
CONTEXT = RuleContext(today=datetime.date(2026, 11, 26), values={"township": "131025100"})
FLOATING_POPULATION_CONTRACT = [
    "name", "id_number", "sex", "birth_date", "ethnicity", "phone", "hukou_address", "village",
    "arrival_date", "move_reason", "employer", "marital_status", "status", "left_date",
]


def test_the_three_packs_ship_as_source_and_spreadsheet():
    assert FORMS == ["certificate", "equipment", "floating_population"]
    for name in FORMS:
        assert resource("forms", name + ".xlsx").is_file()


@pytest.mark.parametrize("name", FORMS)
def test_spreadsheet_matches_its_text_source(name):
    # a forgotten `python scripts/build_forms.py` after editing the .md fails here
    source = load_form(resource("forms", name + ".md")).as_dict()
    built = load_form(resource("forms", name + ".xlsx")).as_dict()
    assert source == built


def _texts(form):
    yield "title", form.title
    for field in form.fields:
        yield field.name, field.label
        for attribute in ("hint", "required_message", "constraint_message", "soft_constraint_message"):
            if getattr(field, attribute) is not None:
                yield f"{field.name}.{attribute}", getattr(field, attribute)
        if field.constraint and field.is_input:
            assert field.constraint_message is not None, f"{field.name} has a rule without a message"
        if field.soft_constraint:
            assert field.soft_constraint_message is not None, field.name
    for group in form.groups:
        yield group.name, group.label
    for list_name, choices in form.choice_lists.items():
        for choice in choices:
            yield f"{list_name}.{choice.name}", choice.label


@pytest.mark.parametrize("name", FORMS)
def test_every_label_is_non_empty_in_both_languages(name):
    form = load_form(resource("forms", name + ".xlsx"))
    assert form.form_id == name and form.version
    for where, text in _texts(form):
        assert text.zh.strip() and text.en.strip(), where
        assert text.zh != text.en or text.zh.isdigit(), f"{where} is not translated: {text}"
        # Chinese labels hold Chinese (the English one must not have been copied over)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in text.zh), where


@pytest.mark.parametrize("name", FORMS)
def test_every_default_passes_its_own_rules(name):
    form = load_form(resource("forms", name + ".xlsx"))
    record = new_record(form, CONTEXT)
    defaults = {f.name for f in form.fields if f.default}
    assert defaults <= set(record)
    state = evaluate_form(form, record, CONTEXT)
    broken = [v for v in state.violations if v.field in defaults]
    assert broken == []
    # only "required" may be missing in a blank record
    assert {v.code for v in state.violations} <= {"required"}
    for repeat in form.repeats:
        instance = new_repeat_instance(form, repeat.name, CONTEXT)
        state = evaluate_form(form, {**record, repeat.name: [instance]}, CONTEXT)
        assert {v.code for v in state.violations} <= {"required"}


def test_floating_population_field_names_are_the_contract():
    form = load_form(resource("forms", "floating_population.xlsx"))
    names = [f.name for f in form.fields]
    for name in FLOATING_POPULATION_CONTRACT:
        assert name in names
    assert form.field("id_number").unique
    assert set(form.search_fields) == {"name", "id_number", "phone", "member_name", "member_id_number"}
    assert [c.name for c in form.choice_lists["sex"]] == ["1", "2"]
    assert [c.name for c in form.choices_for("marital_status")] == ["10", "20", "21", "22", "23", "30", "40", "90"]
    assert len(form.choices_for("ethnicity")) == 56
    assert [c.name for c in form.choices_for("status")] == ["present", "left"]
    assert form.repeats and form.repeats[0].name == "family"


VALID_RECORDS = {
    "floating_population": {
        "name": "张三", "id_number": "131025199001010015", "sex": "1", "birth_date": "1990-01-01",
        "ethnicity": "01", "phone": "13812345678", "hukou_address": "河北省廊坊市大城县平舒镇",
        "marital_status": "20", "village": "131025100001", "arrival_date": "2020-03-01",
        "move_reason": "01", "employer": "大城县保温材料厂", "status": "present",
        "family": [{"member_name": "李梅", "member_relationship": "01"}],
    },
    "certificate": {
        "cert_number": "PS-2026-001", "cert_type": "02", "holder_name": "张三",
        "holder_id_number": "131025199001010015", "village": "131025100002", "applied_date": "2026-11-20",
        "paperwork_complete": "yes", "issue_date": "2026-11-21", "verified": "no",
    },
    "equipment": {
        "asset_number": "PS-PC-01", "equipment_type": "01", "dedicated_pc": "yes", "location": "流管办",
        "custodian": "王芳", "condition": "good", "purchase_date": "2022-05-01", "last_check_date": "2026-10-01",
    },
}


@pytest.mark.parametrize("name", FORMS)
def test_a_complete_record_passes(name):
    form = load_form(resource("forms", name + ".xlsx"))
    state = evaluate_form(form, VALID_RECORDS[name], CONTEXT)
    assert state.violations == []


def test_registry_lists_the_shipped_forms():
    registry = FormRegistry()
    assert registry.form_ids() == FORMS
    assert registry.get("floating_population").title.zh == "流动人口登记"
