"""The same person registered by two townships under two ID numbers: the county's scan raises one
`possible_duplicate` task per pair, kept at the county with both records' ids; the county decides
it as different people (closed, never raised again) or the same person (the record that goes gets
a task at its township), audited."""

from __future__ import annotations

import json

import pytest

from desktop.core.entry import entry
from desktop.core.errors import UserError
from desktop.core.exchange import corrections, exchange
from desktop.core.store import audit
from tests.core.crosscheck.carrier import copy_records, county_to_township
from tests.core.crosscheck.conftest import FORM, A, B, person
from tests.helpers.people import check_digit

ORIGINAL = "13102519880214321"
MISTYPED = "13102519880215321"      # one digit of the birth date mistyped
OLDER = "13102519880214775"         # the same birth date, other sequence digits
NAMESAKE = "13102519880517113"


def resident(body: str) -> str:
    return body + check_digit(body)


def registered(county, town_a, town_b, monkeypatch):
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-02T09:00:00+08:00")
    first = entry.add(town_a, FORM, person(resident(ORIGINAL), "张伟", A))
    namesake = entry.add(town_a, FORM, person(resident(NAMESAKE), "张伟", A, hukou_address="山东省济南市历下区"))
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-03T09:00:00+08:00")
    mistyped = entry.add(town_b, FORM, person(resident(MISTYPED), "张玮", B))    # a homophone too
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-04T09:00:00+08:00")
    older = entry.add(town_b, FORM, person(resident(OLDER), "张伟", B))
    copy_records(town_a, county)
    copy_records(town_b, county)
    return first, namesake, mistyped, older


def test_one_task_per_pair_with_both_records(county, town_a, town_b, monkeypatch, cli):
    first, namesake, mistyped, older = registered(county, town_a, town_b, monkeypatch)
    raised = corrections.scan(county)
    pairs = {(t.record_id, t.details["other_record"]) for t in raised if t.kind == "possible_duplicate"}
    assert pairs == {(mistyped.id, first.id), (older.id, first.id)}
    assert namesake.id not in {t.details.get("other_record") for t in raised}
    task = next(t for t in raised if t.record_id == mistyped.id)
    assert (task.township, task.status) == (B, "open")
    assert "id_one_edit" in task.details["reasons"] and "name_sounds_same" in task.details["reasons"]
    assert "Pingshu" in task.message_en and "可能是同一人" in task.message_zh
    # kept at the county until decided: nothing goes to the township yet
    assert not [i for i in exchange.pending_out(county.db, B) if i["payload"].get("kind") == "possible_duplicate"]
    assert corrections.scan(county) == []

    listed = cli("--data-dir", county.paths.root, "corrections", "list", "--json")
    assert listed.code == 0
    shown = {t["id"]: t for t in json.loads(listed.out)}[task.id]
    assert shown["kind"] == "possible_duplicate" and shown["records"] == [mistyped.id, first.id]


def test_decided_as_different_people_or_the_same_person(county, town_a, town_b, monkeypatch, cli):
    first, _namesake, mistyped, older = registered(county, town_a, town_b, monkeypatch)
    raised = {t.record_id: t for t in corrections.scan(county) if t.kind == "possible_duplicate"}
    county.clerk = "县管理员"

    with pytest.raises(UserError, match="which record stays"):
        corrections.decide_duplicate(county, raised[older.id].id, same_person=True, keep=None)
    different = corrections.decide_duplicate(county, raised[older.id].id, same_person=False, reason="两人户籍不同")
    assert (different.status, different.decision, different.decision_reason) == (
        "decided", "different_people", "两人户籍不同")
    with pytest.raises(UserError):
        corrections.decide_duplicate(county, different.id, same_person=False)

    done = cli("--data-dir", county.paths.root, "corrections", "decide", raised[mistyped.id].id[:8],
               "--same-person", first.id[:8], "--reason", "电话核实为同一人", "--clerk", "县管理员")
    assert done.code == 0, done.err
    same = corrections.get(county.db, raised[mistyped.id].id)
    assert (same.status, same.decision, same.details["keep"], same.details["remove"]) == (
        "decided", "same_person", first.id, mistyped.id)
    trail = [e for e in audit.entries(county.db) if e.event == "correction"
             and (e.details or {}).get("action") in ("same_person", "different_people")]
    assert {e.details["action"] for e in trail} == {"same_person", "different_people"}
    assert {e.reason for e in trail} == {"两人户籍不同", "电话核实为同一人"}

    # the township holding the record that goes is asked to remove it
    county_to_township(county, town_b)
    [follow_up] = [t for t in corrections.tasks(town_b.db) if t.kind == "possible_duplicate"]
    assert follow_up.record_id == mistyped.id and follow_up.details["other_record"] == first.id
    assert "same person" in follow_up.message_en
    assert corrections.scan(county) == []          # decided pairs are not raised again
