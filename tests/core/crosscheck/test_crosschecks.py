"""Cross-check requests between two townships through the county, carried as sync will carry them."""

from __future__ import annotations

import csv

import pytest

from desktop.core.entry import entry
from desktop.core.errors import UserError
from desktop.core.exchange import crosschecks, inbox
from tests.conftest import VALID_IDS
from tests.core.crosscheck.carrier import county_to_township, round_trip, township_to_county
from tests.core.crosscheck.conftest import FORM, A, B, person

DAY0 = "2026-11-02T09:00:00+08:00"


def at(monkeypatch, stamp: str) -> None:
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", stamp)


def test_a_asks_b_b_answers_a_sees_the_answer(county, town_a, town_b, monkeypatch):
    at(monkeypatch, DAY0)
    record = entry.add(town_a, FORM, person(VALID_IDS[1], "张三", town_a.township))
    entry.add(town_b, FORM, person(VALID_IDS[1], "张三", town_b.township))
    request = crosschecks.new_request(town_a, record_id=record.id, target=B,
                                      question="现居住地是否仍在旺村？")
    assert (request.subject_name, request.subject_id_number, request.state) == ("张三", VALID_IDS[1], "draft")
    assert request.due_date == "2026-11-09"

    township_to_county(town_a, county)
    assert crosschecks.get(town_a.db, request.id).state == "sent"
    [routed] = crosschecks.routed(county.db)
    assert (routed.requester, routed.target, routed.state) == (A, B, "sent")

    county_to_township(county, town_b)
    assert crosschecks.routed(county.db)[0].state == "delivered"
    [incoming] = crosschecks.incoming(town_b.db)
    assert (incoming.state, incoming.question, incoming.requester) == ("delivered", "现居住地是否仍在旺村？", A)
    assert incoming.record_id is not None  # B's own record of the person, to answer from

    round_trip(county, town_b, town_a)     # B's receipt reaches A
    assert crosschecks.get(town_a.db, request.id).state == "delivered"

    answered = crosschecks.answer(town_b, request.id[:8], result="differs", details="已于10月迁往平舒镇")
    assert answered.state == "answered"
    with pytest.raises(UserError) as twice:
        crosschecks.answer(town_b, request.id, result="confirmed")
    assert twice.value.code == "answered"

    round_trip(county, town_b, town_a)
    back = crosschecks.get(town_a.db, request.id)
    assert (back.state, back.answer, back.answer_details) == ("closed", "differs", "已于10月迁往平舒镇")
    assert crosschecks.outgoing(town_a.db, open_only=True) == []
    assert crosschecks.incoming(town_b.db, open_only=True) == []
    assert crosschecks.routed(county.db)[0].state == "closed"   # A imported the answer


def test_three_day_reminder_and_a_late_answer_counts_against_b(county, town_a, town_b, monkeypatch):
    at(monkeypatch, DAY0)
    late = crosschecks.new_request(town_a, subject_name="李四", subject_id_number=VALID_IDS[2], target=B,
                                   question="是否在本镇务工？")
    timely = crosschecks.new_request(town_a, subject_name="王五", target=B, question="婚育证明是否属实？")
    round_trip(county, town_a, town_b)

    at(monkeypatch, "2026-11-04T17:00:00+08:00")   # two days on: no reminder yet
    assert crosschecks.summary_for_day(town_a.db, A, "2026-11-04")["reminders_due"] == []
    crosschecks.answer(town_b, timely.id, result="confirmed")
    round_trip(county, town_b, town_a)

    at(monkeypatch, "2026-11-05T09:00:00+08:00")   # three days on: phone B about the unanswered one
    summary = crosschecks.summary_for_day(town_a.db, A, "2026-11-05")
    [reminder] = summary["reminders_due"]
    assert reminder["target_township"] == B and reminder["target_phone"] == "0316-5512101"
    assert reminder["sent_at"].startswith("2026-11-02") and reminder["subject"].startswith("李四 131025")
    assert summary["awaiting_answer"] == 1
    assert crosschecks.get(town_a.db, late.id).reminder_due()
    assert crosschecks.summary_for_day(town_b.db, B, "2026-11-05")["outstanding"] == 1
    # the county sees the same reminder from what it routed
    assert [r["id"] for r in crosschecks.summary_for_day(county.db, A, "2026-11-05")["reminders_due"]] == [late.id]

    at(monkeypatch, "2026-11-10T09:00:00+08:00")   # a day after the due date
    assert crosschecks.summary_for_day(town_b.db, B, "2026-11-10")["overdue"] == 1
    crosschecks.answer(town_b, late.id, result="confirmed")
    round_trip(county, town_b, town_a)
    assert crosschecks.summary_for_day(town_a.db, A, "2026-11-10")["reminders_due"] == []
    assert crosschecks.feedback_counts(town_b.db, B, "2026-11-01", "2026-11-30") == {"received": 2, "answered_in_time": 1}
    assert crosschecks.feedback_counts(county.db, B, "2026-11-01", "2026-11-30") == {"received": 2, "answered_in_time": 1}
    assert crosschecks.feedback_counts(county.db, A, "2026-11-01", "2026-11-30") == {"received": 0, "answered_in_time": 0}
    figures = crosschecks.circular_figures(county.db, B, "2026-11-01", "2026-11-30")
    # items the county sent B: the two forwarded requests, both imported (the carrier acknowledges at once)
    assert (figures["feedback_rate"], figures["items_sent"], figures["receipt_rate"]) == (0.5, 2, 1.0)
    assert crosschecks.circular_figures(county.db, "131025102", "2026-11-01", "2026-11-30")["feedback_rate"] is None
    # the history is kept: as of the 5th, the reminder was due
    assert len(crosschecks.summary_for_day(town_a.db, A, "2026-11-05")["reminders_due"]) == 1


def test_outside_county_goes_to_the_provincial_file(town_a, tmp_path, monkeypatch):
    at(monkeypatch, DAY0)
    request = crosschecks.new_request(town_a, subject_name="赵六", outside_county="文安县", question="户籍地核实",
                                      due_date="2026-11-20")
    assert request.state == "provincial"
    out = tmp_path / "provincial.csv"
    assert crosschecks.export_provincial(town_a, out) == 1
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[1][2:4] == ["文安县", "赵六"]
    assert crosschecks.get(town_a.db, request.id).state == "sent"
    closed = crosschecks.answer(town_a, request.id, result="unknown")
    assert closed.state == "closed"
    from desktop.core.exchange import exchange
    assert exchange.pending_out(town_a.db) == []      # never sent through the county


@pytest.mark.parametrize("kwargs, words", [
    ({"target": A}, "itself"),
    ({"target": "131026100"}, "not a township of this county"),
    ({"target": B, "subject_id_number": "123"}, "ID number"),
    ({"target": B, "outside_county": "文安县"}, "either"),
    ({"target": B, "due_date": "2020-01-01"}, "passed"),
])
def test_bad_requests_are_refused_plainly(town_a, kwargs, words):
    with pytest.raises(UserError) as refused:
        crosschecks.new_request(town_a, subject_name="某人", question="?", **kwargs)
    assert words in refused.value.text.en
    assert crosschecks.outgoing(town_a.db) == []


def test_answers_are_checked(county, town_a, town_b):
    request = crosschecks.new_request(town_a, subject_name="某人", target=B, question="?")
    with pytest.raises(UserError, match="answer comes from"):
        crosschecks.answer(town_a, request.id, result="confirmed")
    round_trip(county, town_a, town_b)
    with pytest.raises(UserError, match="Say what differs"):
        crosschecks.answer(town_b, request.id, result="differs")
    with pytest.raises(UserError, match="one of"):
        crosschecks.answer(town_b, request.id, result="maybe")
    with pytest.raises(UserError, match="cross-check"):
        crosschecks.new_request(county, subject_name="某人", target=B, question="?")


def test_default_due_days_is_a_setting(town_a, monkeypatch):
    at(monkeypatch, DAY0)
    town_a.put_setting(crosschecks.DUE_DAYS_SETTING, 10)
    assert crosschecks.new_request(town_a, subject_name="某人", target=B, question="?").due_date == "2026-11-12"


def test_importing_the_same_items_twice_changes_nothing(county, town_a, town_b):
    from desktop.core.exchange import exchange
    from desktop.core.store.db import transaction

    crosschecks.new_request(town_a, subject_name="某人", target=B, question="?")
    items = exchange.pending_out(town_a.db)
    with transaction(county.db):
        inbox.receive(county.db, items, side="county", source=A, here="county")
        inbox.receive(county.db, items, side="county", source=A, here="county")
    assert len(crosschecks.routed(county.db)) == 1 and len(exchange.pending_out(county.db, B)) == 1


@pytest.mark.allow_log("township.exchange", "ignored a malformed", level="WARNING")
def test_a_malformed_item_is_kept_but_not_acted_on(county, town_b):
    from desktop.core.exchange import exchange
    from desktop.core.store.db import transaction

    items = [{"id": f"x-{kind}", "type": kind, "origin": A, "target": B, "created_at": DAY0, "payload": {"odd": 1}}
             for kind in (crosschecks.REQUEST, crosschecks.RECEIPT, crosschecks.ANSWER, "correction.task")]
    with transaction(town_b.db):
        assert len(inbox.receive(town_b.db, items, side="township", source="county", here=B)) == 4
    assert crosschecks.incoming(town_b.db) == [] and exchange.pending_out(town_b.db) == []
    kept = town_b.db.execute("SELECT count(*) FROM exchange_items WHERE direction='in'").fetchone()[0]
    assert kept == 4


def test_a_subject_the_entry_rules_accept_can_be_asked_about(town_a):
    """131025 dates from 1989: stdnum's strict check refuses it for someone born in 1985; the
    entry rules accept it (the region existed), so a cross-check must too."""
    from stdnum.cn import ric

    from desktop.core.rules.functions import id_number_valid

    first = "13102519850101123"
    number = first + ric.calc_check_digit(first + "0")
    assert id_number_valid(number) and not ric.is_valid(number)
    request = crosschecks.new_request(town_a, subject_name="张三", subject_id_number=number,
                                      target="131025101", question="是否在贵镇居住？")
    assert request
