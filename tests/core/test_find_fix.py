"""The find-and-fix list from a real store: drafts (the clerk's own, checked against the saved
records), open corrections and overridden warnings, each with why it is listed, and off the list
once fixed."""

from __future__ import annotations

from desktop.core.entry import find_fix, form_entry
from desktop.core.entry.drafts import Draft, DraftStore
from desktop.core.exchange import corrections
from tests.conftest import complete_record
from tests.core.crosscheck.carrier import copy_records, county_to_township
from tests.core.crosscheck.conftest import county  # noqa: F401  (fixture)

VALID_ID = "131025198802143219"
OTHER_ID = "110101199003074514"


def _form(ws):
    return form_entry.registry_for(ws).get("floating_population")


def _drafts(ws, clerk):
    return DraftStore(ws.paths.drafts, clerk, key=ws.data_key)


def test_a_draft_is_listed_for_its_clerk_only_and_its_id_checked_against_saved_records(township):
    form = _form(township)
    saved = form_entry.save(township, form, complete_record(VALID_ID, name="张三"), complete=True)
    draft = Draft(form_id=form.form_id, form_version=form.version, values={"name": "张三丰", "id_number": VALID_ID})
    _drafts(township, "王丽").save(draft)
    _drafts(township, "李明").save(Draft(form_id="certificate", form_version="1", values={"holder_name": "赵六"}))

    [item] = find_fix.draft_items(township)
    assert (item.kind, item.form_id, item.duplicate_of) == ("draft", "floating_population", saved.id)
    assert item.who == "张三丰 131025********3219"
    assert "已登记" in item.why.zh and "张三" in item.why.zh and "尚未保存" in item.why.zh
    assert "already registered" in item.why.en

    draft.values = {"name": "王五", "id_number": OTHER_ID}     # the same draft, its ID corrected
    _drafts(township, "王丽").save(draft)
    [item] = find_fix.draft_items(township)
    assert item.duplicate_of is None and item.why.en == "Not saved yet"


def test_a_record_saved_over_a_warning_is_listed_with_the_reason_until_saved_without_one(township):
    form = _form(township)
    plain = form_entry.save(township, form, complete_record(OTHER_ID, name="李四"), complete=True)
    values = complete_record(VALID_ID, name="张三", arrival_date="1990-01-01")
    state = form_entry.evaluate(township, form, values)
    assert [w.path for w in state.warnings] == ["arrival_date"]
    warned = form_entry.save(township, form, values, complete=True, overrides={"arrival_date": "有暂住证为据"})

    [item] = find_fix.override_items(township)
    assert (item.kind, item.record_id) == ("override", warned.id) and item.record_id != plain.id
    assert item.who == "张三 131025********3219"
    assert item.why.zh == "来本地日期：有暂住证为据"
    assert item.why.en.endswith(": 有暂住证为据")

    form_entry.save(township, form, {**values, "arrival_date": "2024-03-01"}, complete=True, record_id=warned.id,
                    reason="按登记表更正", expected_version=warned.version)
    assert find_fix.override_items(township) == []


def test_an_open_correction_is_listed_with_the_countys_message_until_fixed(township, county):  # noqa: F811
    form = _form(township)
    record = form_entry.save(township, form, complete_record(VALID_ID, name="李四"), complete=True)
    copy_records(township, county)
    corrections.raise_task(county, record.id, message="请核对电话号码", field="phone")
    county_to_township(county, township)

    [item] = find_fix.correction_items(township)
    assert (item.kind, item.record_id, item.who) == ("correction", record.id, "李四 131025********3219")
    assert item.why.zh == "县级：请核对电话号码"
    assert [i.kind for i in find_fix.items(township)] == ["correction"]
    assert find_fix.counts(find_fix.items(township)) == {"draft": 0, "correction": 1, "override": 0}

    corrections.resolve(township, item.task_id, outcome="fixed", reason="已核对", changes={"phone": "13812345678"})
    assert find_fix.correction_items(township) == []
