"""Correction tasks: the county's checks raise them, the township fixes or disputes, the outcome clears them."""

from __future__ import annotations

import json

import pytest

from desktop.core.entry import entry
from desktop.core.errors import UserError
from desktop.core.exchange import corrections
from desktop.core.store import records
from desktop.core.store.db import transaction
from tests.conftest import VALID_IDS
from tests.core.crosscheck.carrier import copy_records, county_to_township, round_trip, township_to_county
from tests.core.crosscheck.conftest import FORM, A, B, person


def test_same_id_in_two_townships_corrects_the_later_one(county, town_a, town_b, monkeypatch):
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-02T09:00:00+08:00")
    first = entry.add(town_a, FORM, person(VALID_IDS[1], "张三", town_a.township))
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-03T09:00:00+08:00")
    later = entry.add(town_b, FORM, person(VALID_IDS[1], "张三", town_b.township))
    entry.add(town_b, FORM, person(VALID_IDS[2], "李四", town_b.township))
    copy_records(town_b, county)     # imported in either order: "later" is about registration time
    copy_records(town_a, county)

    [task] = corrections.scan(county)
    assert (task.township, task.record_id, task.kind, task.field) == (B, later.id, "duplicate_id", "id_number")
    assert "Pingshu" in task.message_en and "平舒镇" in task.message_zh
    assert task.details == {"other_township": A, "other_record": first.id}
    assert corrections.scan(county) == []            # never raised twice while open
    assert corrections.open_count(county.db) == 1 and corrections.open_count(county.db, A) == 0

    county_to_township(county, town_b)
    [received] = corrections.tasks(town_b.db)
    assert (received.id, received.status, received.record_version) == (task.id, "open", 1)
    assert corrections.open_count(town_b.db) == 1
    with pytest.raises(UserError) as unchanged:
        corrections.resolve(town_b, task.id, outcome="fixed")
    assert unchanged.value.code == "not-fixed"

    records.delete(town_b.db, later.id, clerk="李强", reason="本人已迁回平舒镇")
    fixed = corrections.resolve(town_b, task.id[:8], outcome="fixed", reason="已删除重复登记")
    assert fixed.status == "fixed" and corrections.open_count(town_b.db) == 0
    with pytest.raises(UserError):
        corrections.resolve(town_b, task.id, outcome="disputed", reason="again")

    assert corrections.get(county.db, task.id).status == "open"  # until the next bundle
    township_to_county(town_b, county)
    cleared = corrections.get(county.db, task.id)
    assert (cleared.status, cleared.resolution_reason) == ("fixed", "已删除重复登记")
    assert corrections.open_count(county.db) == 0


def test_records_failing_the_rules_and_disputes(county, town_a, town_b):
    good = entry.add(town_a, FORM, person(VALID_IDS[0], "王五", town_a.township))
    # a record the current rules refuse (entered under older rules, say): no name
    bad = entry.add(town_a, FORM, person(VALID_IDS[3], "赵六", town_a.township))
    values = dict(bad.values, name="")
    with transaction(town_a.db):
        town_a.db.execute("UPDATE records SET data=? WHERE id=?", [json.dumps(values), bad.id])
    copy_records(town_a, county)

    [task] = corrections.scan(county)
    assert (task.record_id, task.kind, task.field, task.details) == (bad.id, "rule", "name", {"rule": "required"})
    assert good.id not in {t.record_id for t in corrections.tasks(county.db)}

    county_to_township(county, town_a)
    with pytest.raises(UserError) as still_bad:
        corrections.resolve(town_a, task.id, outcome="fixed", changes={"name": ""}, reason="x")
    assert still_bad.value.code == "rejected"
    with pytest.raises(UserError) as no_reason:
        corrections.resolve(town_a, task.id, outcome="disputed")
    assert no_reason.value.code == "reason-required"
    fixed = corrections.resolve(town_a, task.id, outcome="fixed", changes={"name": "赵六"}, reason="补录姓名")
    assert fixed.status == "fixed"
    assert records.get(town_a.db, bad.id).values["name"] == "赵六"
    round_trip(county, town_a)
    assert corrections.counts(county.db) == {"open": 0, "fixed": 1, "disputed": 0, "accepted": 0}


def test_manual_task_disputed(county, town_a):
    record = entry.add(town_a, FORM, person(VALID_IDS[0], "孙七", town_a.township))
    copy_records(town_a, county)
    with pytest.raises(UserError):
        corrections.raise_task(county, record.id, message=" ")
    task = corrections.raise_task(county, record.id, message="现居住地与村里名单不符", field="village")
    with pytest.raises(UserError) as wrong_role:
        corrections.raise_task(town_a, record.id, message="x")
    assert wrong_role.value.code == "wrong-role"
    county_to_township(county, town_a)
    corrections.resolve(town_a, task.id, outcome="disputed", reason="已与村协管员核实，名单有误")
    township_to_county(town_a, county)
    disputed = corrections.get(county.db, task.id)
    assert (disputed.status, disputed.resolution_reason) == ("disputed", "已与村协管员核实，名单有误")
    assert disputed.outcome_arrived_at is not None


def _correction_task(county, town_a, name="周八"):
    record = entry.add(town_a, FORM, person(VALID_IDS[0], name, town_a.township))
    copy_records(town_a, county)
    task = corrections.raise_task(county, record.id, message="到达日期与登记表不符", field="arrival_date")
    county_to_township(county, town_a)
    return record, task


def test_a_correction_leaving_a_warning_without_reason_is_refused_as_entry_refuses_it(county, town_a):
    """A correction goes through entry's save: it cannot complete a record entry would refuse."""
    from desktop.core.entry import form_entry
    from desktop.core.errors import RecordRejected

    record, task = _correction_task(county, town_a)
    changes = {"arrival_date": "1990-01-01"}       # more than 30 years ago: a warning needing a reason
    with pytest.raises(RecordRejected) as by_entry:
        form_entry.save(town_a, entry.form_for(town_a, FORM), {**record.values, **changes}, record_id=record.id,
                        reason="x", expected_version=record.version)
    with pytest.raises(RecordRejected) as by_correction:
        corrections.resolve(town_a, task.id, outcome="fixed", changes=changes, reason="按登记表更正")
    assert by_correction.value.text == by_entry.value.text and "reason for each" in by_correction.value.text.en
    assert [(v.field, v.code, v.severity, v.message) for v in by_correction.value.violations] == \
        [(v.field, v.code, v.severity, v.message) for v in by_entry.value.violations] != []
    assert records.get(town_a.db, record.id).version == record.version        # nothing written
    assert corrections.get(town_a.db, task.id).status == "open"

    fixed = corrections.resolve(town_a, task.id, outcome="fixed", changes=changes, reason="按登记表更正",
                                overrides={"arrival_date": "1990年来此务工，有暂住证为据"})
    assert fixed.status == "fixed"
    saved = records.get(town_a.db, record.id)
    assert (saved.values["arrival_date"], saved.version, saved.status) == ("1990-01-01", record.version + 1, "complete")
    [edit] = [row for row in town_a.db.execute(
        "SELECT details, reason FROM audit WHERE record_id = ? AND event = 'edit'", [record.id])]
    details = json.loads(edit[0])
    assert details["overrides"] == {"arrival_date": "1990年来此务工，有暂住证为据"}
    assert details["changes"] == {"arrival_date": [record.values["arrival_date"], "1990-01-01"]}
    assert task.id[:8] in edit[1] and "按登记表更正" in edit[1]
