"""The daily summary's figures, read from a database seeded through records.save."""

from __future__ import annotations

import pytest

from desktop.core.errors import UserError
from desktop.core.reports import daily, qr, sources
from desktop.core.store import audit
from tests.reports.seeding import DAY, save


def test_counts_by_form_village_clerk_and_hour(seeded_township):
    workspace, expected = seeded_township
    summary = daily.build(workspace.db, "131025100", DAY)
    totals = summary.totals
    assert (totals.created, totals.edited, totals.completed, totals.deleted) == (
        expected["created"], expected["edited"], expected["completed"], expected["deleted"])
    assert summary.drafts_outstanding == expected["drafts"]
    villages = {row.name.zh: (row.counts.created, row.counts.edited, row.counts.deleted) for row in summary.by_village}
    assert villages == {"东街村": (3, 1, 1), "西街村": (2, 1, 0), "南关村": (3, 0, 0)}
    assert [(row.key, row.counts.total) for row in summary.by_form] == [("floating_population", 11)]
    clerks = {row.clerk: row.counts.total for row in summary.per_clerk}
    assert clerks == {"王丽": 7, "李强": 4}
    assert summary.per_hour == [(8, 3), (9, 2), (14, 3), (15, 2), (16, 1)]


def test_overrides_and_deletions_keep_their_reasons(seeded_township):
    workspace, _ = seeded_township
    summary = daily.build(workspace.db, "131025100", DAY)
    assert [(o.field, o.reason) for o in summary.overrides] == [
        ("arrival_date", "来本地时间经村委会核实"), ("marital_status", "结婚证已核验")]
    # printed by the form's own labels, not the stored field names
    assert [o.field_label.zh for o in summary.overrides] == ["来本地日期", "婚姻状况"]
    assert [d.reason for d in summary.deletions] == ["重复登记"]


def test_other_days_and_townships_do_not_count(seeded_township):
    workspace, _ = seeded_township
    save(workspace.db, at=f"{DAY}T10:00:00+08:00", clerk="王丽", village="131025101001", township="131025101")
    summary = daily.build(workspace.db, "131025100", DAY)
    assert summary.totals.created == 8
    before = daily.build(workspace.db, "131025100", "2026-11-19")
    assert (before.totals.created, before.totals.completed) == (2, 1)


def test_audit_head_is_the_last_row_of_that_day(seeded_township):
    workspace, _ = seeded_township
    summary = daily.build(workspace.db, "131025100", DAY)
    day_rows = [e for e in audit.entries(workspace.db, date_from=DAY, date_to=DAY)]
    assert summary.audit_seq == max(e.seq for e in day_rows)
    assert summary.audit_hash == next(e.hash for e in day_rows if e.seq == summary.audit_seq)
    # the newest row overall is the next day's, so a reprint of this day keeps its code
    assert audit.head(workspace.db)[0] > summary.audit_seq


def test_qr_payload_round_trips_and_matches_the_database(seeded_township):
    workspace, expected = seeded_township
    summary = daily.build(workspace.db, "131025100", DAY)
    parsed = qr.parse_qr_payload(summary.qr_payload())
    assert parsed == {"township": "131025100", "date": DAY, "created": 8, "edited": 2, "completed": 8,
                      "deleted": 1, "drafts": 1, "overridden": 2, "audit_seq": summary.audit_seq,
                      "audit_hash": summary.audit_hash}
    seq, digest = workspace.db.execute("SELECT seq, hash FROM audit WHERE seq = ?", [parsed["audit_seq"]]).fetchone()
    assert digest == parsed["audit_hash"]


@pytest.mark.parametrize("bad", ["", "hello", "TDS1;t=131025100", "TDS2;t=1", "TDS1;t=131025100;t=1",
                                 "TDS1;t=131025100;d=2026-11-20;c=x;e=2;k=8;x=1;dr=1;w=2;n=15;h=" + "a" * 64,
                                 "TDS1;t=131025100;d=2026-11-20;c=1;e=2;k=8;x=1;dr=1;w=2;n=15;h=" + "a" * 63,
                                 "TDS1;t=131025100;d=2026-11-20;c=1;e=2;k=8;x=1;dr=1;w=2;n=15;h=" + "a" * 64 + ";z=1"])
def test_a_damaged_or_foreign_code_is_refused_plainly(bad):
    with pytest.raises(UserError) as caught:
        qr.parse_qr_payload(bad)
    assert caught.value.code == "bad-qr"


def test_an_empty_day_is_a_summary_not_an_error(seeded_township):
    workspace, _ = seeded_township
    summary = daily.build(workspace.db, "131025100", "2026-10-01")
    assert summary.is_empty and summary.by_village == [] and summary.overrides == []
    assert summary.audit_seq == 0 and summary.audit_hash == audit.GENESIS
    assert qr.parse_qr_payload(summary.qr_payload())["created"] == 0


def test_bad_date_is_a_user_error(seeded_township):
    workspace, _ = seeded_township
    with pytest.raises(UserError):
        daily.build(workspace.db, "131025100", "2026-13-01")


def test_sync_state_before_the_first_export(seeded_township):
    workspace, _ = seeded_township
    state = sources.sync_state(workspace.db, "131025100")
    assert not state.synced and state.pending_changes == 11  # every record, deleted ones too
    # the guessed settings of earlier releases are not read: the sync core's tables are the state
    workspace.put_setting("sync_state", {"last_export_at": "2026-11-20T17:00:00+08:00", "acked_audit_seq": 10**6})
    assert not sources.sync_state(workspace.db, "131025100").synced


def test_cross_checks_and_corrections_come_from_their_areas(seeded_township):
    workspace, _ = seeded_township
    summary = daily.build(workspace.db, "131025100", DAY)  # nothing outstanding here
    assert summary.crosschecks["outstanding"] == 0 and summary.crosschecks["reminders_due"] == []
    assert summary.corrections_open == 0


def test_the_summary_shows_real_cross_checks_and_correction_tasks(county, town_a, town_b, monkeypatch):
    """Requests and a correction task carried between installations as sync carries them; the
    summary of town A reads them through the cross-check and correction modules themselves."""
    from desktop.core.entry import entry
    from desktop.core.exchange import crosschecks, exchange
    from desktop.core.store.db import transaction
    from tests.conftest import VALID_IDS
    from tests.core.crosscheck.carrier import county_to_township, round_trip
    from tests.core.crosscheck.conftest import FORM, A, B, person

    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-16T09:00:00+08:00")
    crosschecks.new_request(town_a, subject_name="张三", target=B, question="是否在本镇务工？")
    for name in ("李四", "王五", "赵六"):
        crosschecks.new_request(town_b, subject_name=name, target=A, question="现居住地是否仍在平舒？")
    round_trip(county, town_a, town_b)
    record = entry.add(town_a, FORM, person(VALID_IDS[1], "张三", A))
    with transaction(county.db):
        for n in range(2):
            exchange.queue(county.db, "correction.task", origin=exchange.COUNTY, target=A, item_id=f"t{n}",
                           payload={"task_id": f"t{n}", "record_id": record.id, "form_id": FORM, "kind": "manual",
                                    "message": {"en": "check the arrival date", "zh": "请核对来本地时间"}})
    county_to_township(county, town_a)

    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", f"{DAY}T17:00:00+08:00")
    summary = daily.build(town_a.db, A, DAY)
    assert summary.crosschecks["outstanding"] == 3 and summary.corrections_open == 2
    [reminder] = summary.crosschecks["reminders_due"]
    assert (reminder["target_township"], reminder["target_phone"]) == (B, "0316-5512101")
    assert reminder["subject"].startswith("张三") and reminder["sent_at"].startswith("2026-11-16")


def test_summary_queries_use_indexes_not_scans(seeded_township):
    """The cost must follow the day's work, not the database's size (benchmark: tests/bench)."""
    workspace, _ = seeded_township
    db = workspace.db

    def plan(sql, params):
        return " ".join(row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql, params))

    assert "USING INDEX audit_at" in plan(daily.DAY_EVENTS_SQL, [DAY, "2026-11-21", "131025100"])
    assert "records_open_drafts" in plan(daily.DRAFTS_SQL, ["131025100"])
    from desktop.core.sync import status
    assert "records_township_change" in plan(status.PENDING_RECORDS_SQL, ["131025100", 0])
