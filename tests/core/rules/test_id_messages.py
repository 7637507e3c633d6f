"""Each resident ID fault has its own message, in both languages, naming the fault; an ID typed
in full-width digits is the same ID as in half-width and cannot register the same person twice
(through the real save path: rules, store, record keys)."""

from __future__ import annotations

import datetime

import pytest

from desktop.core.entry import form_entry
from desktop.core.errors import RecordRejected
from desktop.core.forms.loader import load_form
from desktop.core.paths import resource
from desktop.core.rules import RuleContext, evaluate_form
from desktop.core.rules.functions import id_number_problem, id_number_valid
from desktop.core.store import records
from tests.core.rules.test_engine import RECORD
from tests.core.rules.test_id_numbers import make_id

TODAY = datetime.date(2026, 11, 26)
VALID_ID = "131025199001010015"


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else ("\u3000" if c == " " else c) for c in text)


@pytest.fixture(scope="module")
def form():
    return load_form(resource("forms", "floating_population.xlsx"))


def id_message(form, number: str):
    state = evaluate_form(form, {**RECORD, "id_number": number}, RuleContext(
        today=TODAY, values={"township": "131025100"}))
    found = [v for v in state.errors if v.path == "id_number"]
    assert [v.code for v in found] == ["constraint"]
    return found[0].message


def test_an_old_15_digit_number(form):
    message = id_message(form, "131025900101001")
    assert "15-digit" in message.en and "18" in message.en
    assert "15位" in message.zh and "18位" in message.zh


def test_a_wrong_length(form):
    message = id_message(form, "13102519900101001")
    assert "18 characters" in message.en and "17" in message.en
    assert "18位" in message.zh and "17位" in message.zh


def test_an_unknown_region(form):
    message = id_message(form, make_id("990000", datetime.date(1990, 1, 1), 1))
    assert "region code 990000" in message.en
    assert "地区码 990000" in message.zh


def test_a_birth_date_that_does_not_exist(form):
    message = id_message(form, make_id("131025", datetime.date(1990, 2, 1), 1).replace("19900201", "19900230"))
    assert "birth date" in message.en and "does not exist" in message.en
    assert "出生日期不存在" in message.zh
    assert "1990" not in message.en + message.zh  # the birth date is not repeated (masking)


def test_a_birth_date_in_the_future(form):
    message = id_message(form, make_id("131025", datetime.date(2027, 3, 1), 1))
    assert "birth date" in message.en and "future" in message.en
    assert "出生日期晚于今天" in message.zh


def test_a_birth_date_before_1900(form):
    message = id_message(form, make_id("131025", datetime.date(1899, 12, 31), 1))
    assert "before 1900" in message.en and "1900" in message.zh


def test_a_wrong_check_character_names_the_right_one(form):
    message = id_message(form, VALID_ID[:-1] + "6")
    assert "check character is 6 but should be 5" in message.en
    assert "校验位为 6" in message.zh and "应为 5" in message.zh
    lower_x = make_id("131025", datetime.date(1990, 1, 1), 4)  # ends in X
    assert lower_x.endswith("X")
    assert "should be X" in id_message(form, lower_x[:-1] + "1").en


def test_a_valid_id_has_no_problem():
    assert id_number_problem(VALID_ID, TODAY) is None
    assert id_number_problem("", TODAY) is None


def test_full_width_digits_are_the_same_id():
    assert id_number_valid(full_width(VALID_ID), TODAY)
    assert id_number_problem(full_width(VALID_ID), TODAY) is None


def test_the_engine_reads_full_width_as_half_width(form):
    state = evaluate_form(form, {**RECORD, "id_number": full_width(VALID_ID), "phone": full_width("138 1234 5678")[:3]
                                 + full_width("12345678")}, RuleContext(today=TODAY, values={"township": "131025100"}))
    assert state.ok, state.violations
    assert state.record()["id_number"] == VALID_ID
    assert state.record()["phone"] == "13812345678"
    # a field without a format check keeps what was typed
    state = evaluate_form(form, {**RECORD, "remarks": "Ａ１"}, RuleContext(today=TODAY, values={"township": "131025100"}))
    assert state.record()["remarks"] == "Ａ１"


def test_a_full_width_id_cannot_register_the_same_person_twice(township):
    registry = form_entry.registry_for(township)
    form = registry.get("floating_population")
    first = form_entry.save(township, form, dict(RECORD))
    with pytest.raises(RecordRejected) as refused:
        form_entry.save(township, form, {**RECORD, "name": "张三三", "id_number": full_width(VALID_ID)})
    unique = [v for v in refused.value.violations if v.code == "unique"]
    assert unique and unique[0].existing_record == first.id


def test_a_full_width_id_is_stored_and_indexed_half_width(township):
    registry = form_entry.registry_for(township)
    form = registry.get("floating_population")
    saved = form_entry.save(township, form, {**RECORD, "id_number": full_width(VALID_ID),
                                             "phone": full_width("13812345678")})
    stored = records.get(township.db, saved.id)
    assert stored.values["id_number"] == VALID_ID and stored.values["phone"] == "13812345678"
    assert records.find_by_key(township.db, form.form_id, "id_number", VALID_ID).record_id == saved.id
    with pytest.raises(RecordRejected):
        form_entry.save(township, form, {**RECORD, "name": "张三三"})


def test_a_draft_keeps_the_id_half_width(township):
    form = form_entry.registry_for(township).get("floating_population")
    draft = form_entry.save(township, form, {"name": "张三", "id_number": full_width(VALID_ID)}, complete=False)
    assert records.get(township.db, draft.id).values["id_number"] == VALID_ID
