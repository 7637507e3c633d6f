"""The county's decision on a disputed correction: accepted (closed, the record stands) or
rejected (open again with the county's reply, at the county and, after its return bundle, at the
township, which must then correct the record)."""

from __future__ import annotations

import json

import pytest

from desktop.core.entry import entry
from desktop.core.errors import UserError
from desktop.core.exchange import corrections
from desktop.core.reports import daily
from desktop.core.store import records
from desktop.core.store.driver import sqlite3
from tests.conftest import VALID_IDS
from tests.core.crosscheck.carrier import copy_records, county_to_township, township_to_county
from tests.core.crosscheck.conftest import FORM, person


def _disputed(county, town_a, name="孙七"):
    record = entry.add(town_a, FORM, person(VALID_IDS[0], name, town_a.township))
    copy_records(town_a, county)
    task = corrections.raise_task(county, record.id, message="现居住地与村里名单不符", field="village")
    county_to_township(county, town_a)
    corrections.resolve(town_a, task.id, outcome="disputed", reason="已与村协管员核实，名单有误")
    township_to_county(town_a, county)
    assert corrections.get(county.db, task.id).status == "disputed"
    return record, task


def test_accepting_a_dispute_closes_the_task_on_both_sides(county, town_a):
    record, task = _disputed(county, town_a)
    with pytest.raises(UserError) as wrong_role:
        corrections.decide(town_a, task.id, decision="accepted")
    assert wrong_role.value.code == "wrong-role"

    accepted = corrections.decide(county, task.id[:8], decision="accepted", reason="以核实结果为准")
    assert (accepted.status, accepted.decision, accepted.decision_reason) == ("accepted", "accepted", "以核实结果为准")
    assert corrections.counts(county.db) == {"open": 0, "fixed": 0, "disputed": 0, "accepted": 1}
    assert corrections.open_count(county.db) == 0
    with pytest.raises(UserError) as twice:
        corrections.decide(county, task.id, decision="rejected", reason="x")
    assert twice.value.code == "not-disputed"
    # the accepted problem is not raised again by the checks (a manual task has no check, so try a rule one)
    assert corrections._live(county.db, task.dedup_key)

    county_to_township(county, town_a)
    at_town = corrections.get(town_a.db, task.id)
    assert (at_town.status, at_town.decision_reason) == ("accepted", "以核实结果为准")
    assert at_town.decision_arrived_at is not None
    assert corrections.open_count(town_a.db) == 0
    assert daily.build(town_a.db, town_a.township, at_town.decision_arrived_at[:10]).corrections_open == 0
    assert records.get(town_a.db, record.id).version == 1          # the record stands
    county_to_township(county, town_a)                               # the same decision again: nothing changes
    assert corrections.get(town_a.db, task.id).status == "accepted"


def test_rejecting_a_dispute_reopens_the_task_until_the_record_is_fixed(county, town_a):
    record, task = _disputed(county, town_a)
    with pytest.raises(UserError) as no_reply:
        corrections.decide(county, task.id, decision="rejected", reason="  ")
    assert no_reply.value.code == "reason-required"
    with pytest.raises(UserError) as bad:
        corrections.decide(county, task.id, decision="maybe")
    assert bad.value.code == "invalid"

    rejected = corrections.decide(county, task.id, decision="rejected", reason="户籍地派出所名单为准，请更正")
    assert (rejected.status, rejected.rejections, rejected.dispute_rejected) == ("open", 1, True)
    assert rejected.status_text.en == "open: dispute rejected"
    assert corrections.open_count(county.db) == 1
    assert corrections.open_count(county.db, town_a.township) == 1

    # the township's next bundle still carries the old dispute: it must not close the reopened task
    township_to_county(town_a, county)
    assert corrections.get(county.db, task.id).status == "open"

    county_to_township(county, town_a)
    at_town = corrections.get(town_a.db, task.id)
    assert (at_town.status, at_town.decision, at_town.decision_reason) == ("open", "rejected", "户籍地派出所名单为准，请更正")
    assert corrections.open_count(town_a.db) == 1
    assert [t.id for t in corrections.tasks(town_a.db, status="open")] == [task.id]
    with pytest.raises(UserError) as again:
        corrections.resolve(town_a, task.id, outcome="disputed", reason="仍认为正确")
    assert again.value.code == "dispute-rejected" and "户籍地派出所名单为准" in again.value.text.zh
    with pytest.raises(UserError) as unchanged:
        corrections.resolve(town_a, task.id, outcome="fixed")
    assert unchanged.value.code == "not-fixed"

    fixed = corrections.resolve(town_a, task.id, outcome="fixed",
                                changes={"village": f"{town_a.township}002"}, reason="按县里答复更正")
    assert fixed.status == "fixed"
    outcome_ids = {i["id"] for i in json.loads(json.dumps(
        [i for i in corrections.exchange.pending_out(town_a.db) if i["type"] == corrections.OUTCOME]))}
    assert task.id + ".outcome.2" in outcome_ids
    township_to_county(town_a, county)
    cleared = corrections.get(county.db, task.id)
    assert (cleared.status, cleared.resolution_reason, cleared.rejections) == ("fixed", "按县里答复更正", 1)
    assert corrections.counts(county.db) == {"open": 0, "fixed": 1, "disputed": 0, "accepted": 0}
    actions = [json.loads(row[0])["action"] for row in county.db.execute(
        "SELECT details FROM audit WHERE event = 'correction' ORDER BY seq")]
    assert actions == ["raise", "reject_dispute"]


def test_only_disputed_tasks_are_decided(county, town_a):
    record = entry.add(town_a, FORM, person(VALID_IDS[0], "周八", town_a.township))
    copy_records(town_a, county)
    task = corrections.raise_task(county, record.id, message="请核对电话")
    with pytest.raises(UserError) as still_open:
        corrections.decide(county, task.id, decision="accepted")
    assert still_open.value.code == "not-disputed"


def test_existing_tasks_survive_the_upgrade(tmp_path, monkeypatch):
    from desktop.core.store import migrations
    from desktop.core.store.db import connect

    db = connect(tmp_path / "old.db")
    monkeypatch.setattr(migrations, "MIGRATIONS", [m for m in migrations.MIGRATIONS if m.NUMBER < 402])
    migrations.migrate(db)
    db.execute("INSERT INTO corrections (id, township, record_id, kind, message_en, message_zh, dedup_key, raised_at,"
               " raised_by, status, resolution_reason) VALUES ('t1', '131025100', 'r1', 'manual', 'm', 'm', 'k',"
               " '2026-11-01', 'x', 'disputed', 'why')")
    monkeypatch.undo()
    assert 402 in migrations.migrate(db)
    task = corrections.get(db, "t1")
    assert (task.status, task.resolution_reason, task.rejections, task.decision) == ("disputed", "why", 0, None)
    with pytest.raises(sqlite3.IntegrityError):   # the wider CHECK still refuses nonsense
        db.execute("UPDATE corrections SET status = 'closed' WHERE id = 't1'")
    db.close()
