"""Field roles: a county form whose fields have other names gets the ID check, the birth date
and sex from the ID, the duplicate check and masking (docs/FORMS.md, "Roles")."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.core.entry import form_entry, identity
from desktop.core.errors import RecordRejected
from desktop.core.forms import roles
from desktop.core.forms.loader import FormLoadError, load_form
from desktop.core.rules import RuleContext, evaluate_form
from desktop.core.rules.context import dict_lookup
from tests.core.forms.county_form import write_county_form

VALID_ID = "131025198802143219"  # male, born 1988-02-14
FEMALE_X = "11010519491231002x"  # female, born 1949-12-31, typed with a small x
CONTEXT = RuleContext(today=dt.date(2026, 12, 1))


@pytest.fixture
def county_form(tmp_path):
    return load_form(write_county_form(tmp_path))


def test_the_role_column_names_the_fields(county_form):
    assert county_form.role_field(roles.PERSON_ID).name == "sfzh"
    assert county_form.role_field(roles.PERSON_NAME).name == "xm"
    assert county_form.role_name(roles.VILLAGE) == "cun"
    assert county_form.role_field(roles.PERSON_ID, "jtcy").name == "cysfzh"
    assert county_form.role_field(roles.PHONE) is None
    assert county_form.role_name(roles.PHONE, default="-") == "-"
    assert county_form.field("sfzh").as_dict()["role"] == "person_id"


def test_the_person_id_gets_the_resident_id_check_whatever_its_name(county_form):
    values = {"xm": "张三", "sfzh": "131025198802143210"}  # wrong check digit
    state = evaluate_form(county_form, values, CONTEXT)
    assert [(v.field, v.code) for v in state.errors] == [("sfzh", "constraint")]
    assert "校验位" in state.errors[0].message.zh and "should be 9" in state.errors[0].message.en
    state = evaluate_form(county_form, {"xm": "李四", "sfzh": FEMALE_X}, CONTEXT)
    assert state.ok and state.values["sfzh"] == FEMALE_X.upper()  # stored with a capital X


def test_birth_date_and_sex_follow_from_the_id_by_role(county_form):
    assert identity.derived_from_id(county_form, "sfzh", VALID_ID) == {"csrq": "1988-02-14", "xb": "1"}
    assert identity.derived_from_id(county_form, "jtcy/0/cysfzh", FEMALE_X) == {
        "jtcy/0/cycsrq": "1949-12-31", "jtcy/0/cyxb": "2"}
    assert identity.derived_from_id(county_form, "sfzh", "131025198802143210") == {}
    assert identity.derived_from_id(county_form, "xm", VALID_ID) == {}


def test_the_same_id_is_refused_by_the_rules(county_form):
    lookup = dict_lookup({"r1": {"xm": "张三", "sfzh": VALID_ID}})
    context = RuleContext(today=dt.date(2026, 12, 1), find_existing=lookup)
    state = evaluate_form(county_form, {"xm": "张三", "sfzh": VALID_ID}, context)
    assert [(v.field, v.code) for v in state.errors] == [("sfzh", "unique")]


def test_the_same_id_is_refused_by_the_store_as_for_the_shipped_form(township, tmp_path):
    registry = form_entry.registry_for(township)
    form = registry.install(write_county_form(tmp_path))
    first = form_entry.save(township, form, {"xm": "张三", "sfzh": VALID_ID, "cun": "131025100001"})
    with pytest.raises(RecordRejected) as refused:
        form_entry.save(township, form, {"xm": "张三三", "sfzh": VALID_ID})
    unique = [v for v in refused.value.violations if v.code == "unique"]
    assert unique and unique[0].existing_record == first.id
    assert "张三" in unique[0].message.zh  # the holder is named by the name role (xm)


def test_masking_and_the_short_description_by_role(county_form):
    values = {"xm": "张三", "sfzh": VALID_ID}
    assert identity.masked_id(county_form, values) == "131025********3219"
    assert identity.short_description(county_form, values) == "张三 131025********3219"
    assert identity.display_name(None, {"name": "李四"}) == "李四"  # no definition: the fallback names


def test_one_masker_hides_short_values_everywhere(township):
    from desktop.core.exchange import crosschecks

    assert identity.mask_id(VALID_ID) == "131025********3219"
    assert identity.mask_id("131025000000321") == "131025*****0321"      # a 15-digit first-generation ID
    assert [identity.mask_id(v) for v in ("1310251988", "13102", "", None)] == ["**********", "*****", "", ""]
    request = crosschecks.new_request(township, question="是否在本地居住？", subject_name="张三",
                                      subject_id_number=VALID_ID, target="131025101")
    assert crosschecks.reminder_entry(request)["subject"] == "张三 131025********3219"


def test_search_covers_the_name_and_id_roles(county_form):
    assert {"xm", "sfzh"} <= set(county_form.search_fields)


def test_village_and_status_sql_by_role(county_form):
    names = roles.names_by_form([county_form], roles.VILLAGE)
    assert names == {"county_people": "cun"}
    sql = roles.sql_value(roles.VILLAGE, names)
    assert "'$.cun'" in sql and "'$.village'" in sql
    assert roles.sql_value(roles.VILLAGE, {"floating_population": "village"}) == "json_extract(data, '$.village')"


def test_a_form_without_a_role_column_keeps_todays_names(write_form):
    form = load_form(write_form("""
| | type | name | label |
| | text | name | Name |
| | text | id_number | ID |
| | date | birth_date | Born |
| | begin_repeat | family | Family |
| | text | member_id_number | ID |
| | date | member_birth_date | Born |
| | end_repeat | | |
"""))
    assert form.role_name(roles.PERSON_ID) == "id_number"
    assert form.role_name(roles.PERSON_NAME) == "name"
    assert form.role_name(roles.BIRTH_DATE, "family") == "member_birth_date"
    assert "id_valid(.)" in form.field("id_number").constraint
    assert identity.derived_from_id(form, "family/0/member_id_number", VALID_ID) == {
        "family/0/member_birth_date": "1988-02-14"}


def test_role_problems_are_reported_with_row_and_column(write_form):
    with pytest.raises(FormLoadError) as failed:
        load_form(write_form("""
| | type | name | label | role |
| | text | xm | Name | person_name |
| | text | sfzh | ID | person_id |
| | text | zjhm | Other ID | person_id |
| | text | bh | Number | serial |
| | integer | nl | Age | birth_date |
"""))
    problems = failed.value.problems
    assert [(p.row, p.column) for p in problems] == [(4, "role (D)"), (5, "role (D)"), (6, "role (D)")]
    assert "already given to 'sfzh' on row 3" in problems[0].message.en
    assert "角色“person_id”已给了第 3 行的“sfzh”" in problems[0].message.zh
    assert "'serial' is not known" in problems[1].message.en and "没有“serial”这个角色" in problems[1].message.zh
    assert "type date" in problems[2].message.en


def test_a_role_may_appear_once_at_the_top_and_once_in_each_repeat(county_form):
    assert county_form.role_name(roles.SEX) == "xb" and county_form.role_name(roles.SEX, "jtcy") == "cyxb"
