"""The monthly circular's figures from a county store seeded with several townships' records."""

from __future__ import annotations

import pytest

from desktop.core.errors import UserError
from desktop.core.exchange import exchange
from desktop.core.reports import circular, tasks
from desktop.core.store import audit
from desktop.core.store.db import transaction
from tests.reports.seeding import clock


def rows_by_code(report):
    return {row.code: row for row in report.rows}


def test_every_township_of_the_county_has_a_row(seeded_county):
    workspace, _ = seeded_county
    report = circular.build(workspace.db, "131025", "2026-11")
    assert len(report.rows) == 10
    assert [row.rank for row in report.rows] == list(range(1, 11))
    silent = {row.code for row in report.silent}
    assert "131025102" in silent and "131025109" in silent      # October only / nothing at all
    assert not {"131025100", "131025101"} & silent


def test_entry_rate_and_coverage_follow_the_formulas(seeded_county):
    workspace, expected = seeded_county
    tasks.set_task(workspace.db, "131025100", 10, clerk="县管理员")
    tasks.set_task(workspace.db, "131025101", 5, clerk="县管理员")
    rows = rows_by_code(circular.build(workspace.db, "131025", "2026-11"))
    for code, figures in expected.items():
        assert rows[code].present == figures["present"]
        assert (rows[code].villages_covered, rows[code].villages) == (figures["covered"], figures["villages"])
    assert rows["131025100"].rates["entry"] == pytest.approx(0.9)
    assert rows["131025100"].rates["coverage"] == pytest.approx(0.8)
    assert rows["131025100"].below_target == ["coverage"]       # 90 % entry meets its target exactly
    assert rows["131025101"].below_target == ["entry", "coverage"]
    assert rows["131025100"].rank == 1 and rows["131025101"].rank == 2


def test_records_entered_after_the_month_are_not_present_in_it(seeded_county):
    workspace, _ = seeded_county
    october = rows_by_code(circular.build(workspace.db, "131025", "2026-10"))
    assert october["131025100"].present == 0 and october["131025102"].present == 2


def test_default_task_is_ten_percent_of_the_sample_population(seeded_county):
    workspace, _ = seeded_county
    rows = rows_by_code(circular.build(workspace.db, "131025", "2026-11"))
    assert rows["131025100"].task == 6200 and not rows["131025100"].task_set_by_county
    tasks.set_task(workspace.db, "131025100", 50, clerk="县管理员")
    assert tasks.tasks(workspace.db, "131025")["131025100"] == (50, True)
    tasks.set_task(workspace.db, "131025100", 60, clerk="县管理员")
    with pytest.raises(UserError):
        tasks.set_task(workspace.db, "131025100001", 5, clerk="县管理员")     # a village, not a township
    with pytest.raises(UserError):
        tasks.set_task(workspace.db, "131025100", 0, clerk="县管理员")
    changes = [(e.clerk, e.details) for e in audit.entries(workspace.db, event="task")]   # newest first
    assert changes == [("县管理员", {"township": "131025100", "task": [50, 60]}),
                       ("县管理员", {"township": "131025100", "task": [None, 50]})]      # refusals leave none


def test_receipt_rate_from_the_item_channel(seeded_county):
    workspace, _ = seeded_county
    with clock("2026-11-10T09:00:00+08:00"), transaction(workspace.db):
        ids = [exchange.queue(workspace.db, "correction", origin="county", target="131025101", payload={"n": i})
               for i in range(4)]
        exchange.mark_sent(workspace.db, ids, 1)
        exchange.mark_acked(workspace.db, ids[:3])
    rows = rows_by_code(circular.build(workspace.db, "131025", "2026-11"))
    assert (rows["131025101"].receipt_imported, rows["131025101"].receipt_sent) == (3, 4)
    assert rows["131025101"].rates["receipt"] == pytest.approx(0.75)
    assert rows["131025100"].rates["receipt"] is None            # nothing sent: not measured


def test_feedback_rate_from_the_cross_checks(seeded_county, town_a, town_b, monkeypatch):
    """Requests routed by this county as sync routes them; the circular reads the real module."""
    from desktop.core.exchange import crosschecks
    from tests.core.crosscheck.carrier import round_trip
    from tests.core.crosscheck.conftest import A, B

    workspace, _ = seeded_county
    report = circular.build(workspace.db, "131025", "2026-11")
    assert all(row.rates["feedback"] is None for row in report.rows)  # no requests this month yet: not measured

    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-02T09:00:00+08:00")
    asked = [crosschecks.new_request(town_b, subject_name=name, target=A, question="是否在本镇务工？")
             for name in ("张三", "李四", "王五")]
    round_trip(workspace, town_b, town_a)
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-03T09:00:00+08:00")
    crosschecks.answer(town_a, asked[0].id, result="confirmed")
    round_trip(workspace, town_a)
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-30T17:00:00+08:00")
    rows = rows_by_code(circular.build(workspace.db, "131025", "2026-11"))
    assert rows[A].rates["feedback"] == pytest.approx(1 / 3)
    assert "feedback" in rows[A].below_target
    assert rows[B].rates["feedback"] is None


def test_an_empty_month_is_a_circular_that_says_so(seeded_county):
    workspace, _ = seeded_county
    report = circular.build(workspace.db, "131025", "2026-01")
    assert report.is_empty and len(report.rows) == 10 and len(report.silent) == 10


def test_bad_month_and_county_are_user_errors(seeded_county):
    workspace, _ = seeded_county
    with pytest.raises(UserError):
        circular.build(workspace.db, "131025", "2026-13")
    with pytest.raises(UserError):
        circular.build(workspace.db, "131025100", "2026-11")
    assert circular.month_bounds("2024-02") == ("2024-02-01", "2024-02-29", "2024-03-01")


def test_a_task_change_reads_plainly_in_the_trail(seeded_county, qapp):
    from desktop.ui.admin.audit_model import describe_details, event_label

    workspace, _ = seeded_county
    tasks.set_task(workspace.db, "131025100", 50, clerk="县管理员")
    entry = audit.entries(workspace.db, event="task")[0]
    assert (event_label(entry.event), describe_details(entry)) == ("Entry task", "Pingshu Town: — → 50")
