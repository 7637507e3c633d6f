"""Keying statistics: sessions saved on the entry form become keying rows of the trail; the daily
summary shows them per clerk, and the county's circular per township from the trails its bundles
brought (a real export and import)."""

from __future__ import annotations

import time

from desktop.core.entry import entry
from desktop.core.i18n import Text
from desktop.core.quality import keying
from desktop.core.reports import circular, daily
from desktop.core.rules.engine import Violation
from desktop.core.store import records
from tests.conftest import VALID_IDS, complete_record

FORM = "floating_population"
DAY = "2026-11-20"


class Seen:
    def __init__(self, *errors):
        self.errors = [Violation(path, code, "error", Text("x", "x"), path) for path, code in errors]


def keyed(workspace, values, *, seconds, errors=()):
    session = keying.Session({"ethnicity": "01", "status": "present"}, started=time.monotonic() - seconds)
    for seen in errors:
        session.saw(seen)
    record = entry.add(workspace, FORM, values)
    return keying.record_session(workspace, session, record, entry.form_for(workspace, FORM))


def test_sessions_per_clerk_on_the_daily_summary(township, monkeypatch):
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", f"{DAY}T09:00:00+08:00")
    row = keyed(township, complete_record(VALID_IDS[0], "王五"), seconds=90,
                errors=[Seen(("id_number", "constraint")), Seen(("id_number", "constraint"), ("phone", "constraint")),
                        Seen(("name", "required"))])
    assert row.event == "keying" and row.details["errors"] == 2
    fields = row.details["fields"]
    assert fields == len([v for k, v in complete_record(VALID_IDS[0], "王五").items()
                          if v and k not in ("ethnicity", "status")])    # what the session began with aside
    township.clerk = "李强"
    keyed(township, complete_record(VALID_IDS[1], "赵六"), seconds=30)

    summary = daily.build(township.db, township.township, DAY)
    by_clerk = {k.who: k for k in summary.keying}
    assert set(by_clerk) == {"王丽", "李强"}
    wang = by_clerk["王丽"]
    assert (wang.records, wang.errors) == (1, 2) and 89 <= wang.seconds <= 95
    assert wang.error_rate == 2 / fields
    assert by_clerk["李强"].errors == 0 and by_clerk["李强"].error_rate == 0
    assert daily.build(township.db, township.township, "2026-11-21").keying == []


def test_the_summary_prints_each_clerks_keying(township, monkeypatch, qapp):
    from desktop.render import summary as render

    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", f"{DAY}T09:00:00+08:00")
    keyed(township, complete_record(VALID_IDS[0], "王五"), seconds=120, errors=[Seen(("name", "constraint"))])
    html = render.layout(daily.build(township.db, township.township, DAY), 96).html
    assert "Keying per clerk" in html and "Error rate" in html and "王丽" in html
    assert "2.0" in html                    # minutes


def test_the_circular_annex_shows_keying_per_township(tmp_path, monkeypatch, qapp):
    from desktop.core.sync import incoming, outgoing
    from desktop.render import circular as render
    from tests.core.sync.helpers import make_sites
    from tests.ui.sync_sites import open_as

    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", f"{DAY}T09:00:00+08:00")
    county_dir, towns = make_sites(tmp_path)
    code, folder = next(iter(towns.items()))
    with open_as(folder, "王丽") as town:
        keyed(town, complete_record(VALID_IDS[0], "王五", village=f"{code}001"), seconds=60,
              errors=[Seen(("name", "constraint"))])
        second = keyed(town, complete_record(VALID_IDS[1], "赵六", village=f"{code}002"), seconds=60)
        verified_once(town, records.get(town.db, second.record_id), by="李强", changes={"phone": "13800138000"})
        (tmp_path / "stick").mkdir()
        written = outgoing.export_township(town.db, town.paths, tmp_path / "stick", clerk="王丽")
    with open_as(county_dir, "county") as county:
        assert incoming.import_file(county.db, county.paths, written.path).ok
        built = circular.build(county.db, county.township or "131025", "2026-11")
        html = render.layout(built, 96).html
    stats = built.keying[code]
    assert (stats.records, stats.errors) == (2, 1)
    assert 120 <= stats.seconds < 126      # two 60-second sessions, and the saves' own time on a busy machine
    assert "Annex: keying per township" in html and "2.0" in html
    assert stats.changed == 1 and stats.verified > 1 and "Fields changed at verification" in html


def verified_once(workspace, record, *, by: str, changes: dict):
    """`by` re-keys `record` in a one-record batch; each field of `changes` differed and the re-keyed value won."""
    from desktop.core.quality import verification

    keyer, role = workspace.clerk, workspace.clerk_role
    workspace.clerk, workspace.clerk_role = "王丽", "supervisor"
    made = verification.create_batch(workspace, verification.selection(village=record.values["village"]))
    workspace.clerk = by
    item = verification.next_item(workspace.db, made.id, by)
    differences = [verification.Difference(name, record.values.get(name), value, verification.REKEYED)
                   for name, value in changes.items()]
    verification.finish(workspace, entry.form_for(workspace, FORM), item, differences)
    workspace.clerk, workspace.clerk_role = keyer, role


def test_fields_changed_at_verification_on_the_summary(township, monkeypatch, qapp):
    from desktop.render import summary as render

    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", f"{DAY}T09:00:00+08:00")
    keyed(township, complete_record(VALID_IDS[0], "王五"), seconds=60)
    [record] = records.query(township.db, form_id=FORM)
    verified_once(township, record, by="李强", changes={"phone": "13800138000", "marital_status": "10"})
    summary = daily.build(township.db, township.township, DAY)
    wang = {k.who: k for k in summary.keying}["王丽"]
    assert wang.changed == 2 and wang.verified > 2 and wang.verification_error_rate == 2 / wang.verified
    assert "李强" not in {k.who for k in summary.keying}       # the verifier keyed nothing
    html = render.layout(summary, 96).html
    assert "Fields changed at verification" in html and "Verification error rate" in html
    assert f"{2 / wang.verified * 100:.1f}%" in html
