"""The core's progress reporter, and a county import cancelled before its commit."""

from __future__ import annotations

import pytest

from desktop.core.i18n import Text
from desktop.core.progress import NULL_PROGRESS, Cancelled, Progress, ensure, for_terminal
from desktop.core.store import audit
from desktop.core.sync import incoming, outgoing
from desktop.core.workspace.workspace import Workspace
from tests.core.sync.helpers import TOWNSHIPS, county_data_hash, make_sites
from tests.ui.sync_sites import add_records, open_as


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_reports_are_throttled_but_the_last_and_new_labels_always_go_out():
    clock, heard = FakeClock(), []
    progress = Progress(lambda done, total, label: heard.append((done, total, label)), interval=0.1, clock=clock)
    step = Text("step", "步骤")
    for done in range(10):
        progress(done, 10, step)
        clock.now += 0.03
    progress(10, 10)
    assert heard[0] == (0, 10, step) and heard[-1] == (10, 10, step)
    assert 3 <= len(heard) <= 5
    other = Text("other", "其他")
    progress(1, 5, other)
    assert heard[-1] == (1, 5, other)


def test_cancel_raises_at_the_next_check_only():
    progress = Progress()
    progress.check()
    progress.cancel()
    assert progress.cancel_requested
    with pytest.raises(Cancelled):
        progress.check()


def test_the_null_progress_never_cancels_and_keeps_nothing():
    assert ensure(None) is NULL_PROGRESS
    NULL_PROGRESS(5, 10, Text("x", "x"))
    NULL_PROGRESS.cancel()
    NULL_PROGRESS.check()
    assert NULL_PROGRESS.done == 0


def test_the_terminal_progress_is_silent_off_a_terminal(capsys):
    import sys

    assert for_terminal(sys.stderr) is NULL_PROGRESS   # captured: not a tty


def test_a_cancelled_county_import_leaves_the_store_unchanged(tmp_path):
    county_dir, townships = make_sites(tmp_path / "sites")
    stick = tmp_path / "stick"
    stick.mkdir()
    files = []
    for code in TOWNSHIPS:
        with open_as(townships[code]) as township:
            add_records(township, 40)
            files.append(outgoing.export_township(township.db, township.paths, stick).path)
    with Workspace.open(county_dir) as county:
        before = county_data_hash(county.db), audit.head(county.db), county.db.execute(
            "SELECT count(*) FROM sync_received").fetchone()[0]
        heard = []

        def report(done, total, label):
            heard.append((done, total, str(label)))
            if "records" in str(label):
                progress.cancel()    # while the first bundle's records are being applied

        progress = Progress(report, interval=0)
        with pytest.raises(Cancelled) as stopped:
            incoming.import_files(county.db, county.paths, files, progress=progress)
        assert stopped.value.partial == []
        after = county_data_hash(county.db), audit.head(county.db), county.db.execute(
            "SELECT count(*) FROM sync_received").fetchone()[0]
        assert after == before
        assert (0, 2) == heard[0][:2] and any(total == 40 for _done, total, _label in heard)
        outcomes = incoming.import_files(county.db, county.paths, files)   # not cancelled: all applied
        assert [o.outcome for o in outcomes] == ["applied", "applied"]
        assert county.db.execute("SELECT count(*) FROM records").fetchone()[0] == 80


def test_a_county_import_reports_its_records_in_steps_and_cancels_between_them(tmp_path, monkeypatch):
    from desktop.core.store import records

    monkeypatch.setattr(records, "APPLY_STEP", 10)     # 40 records: four steps instead of 2,000 a step
    county_dir, townships = make_sites(tmp_path / "sites")
    stick = tmp_path / "stick"
    stick.mkdir()
    with open_as(townships[TOWNSHIPS[0]]) as township:
        add_records(township, 40)
        file = outgoing.export_township(township.db, township.paths, stick).path
    with Workspace.open(county_dir) as county:
        before = county_data_hash(county.db), audit.head(county.db)
        heard, stop_at = [], [20]

        def report(done, total, label):
            if "records" in str(label):
                heard.append((done, total))
                if stop_at and done == stop_at[0]:
                    progress.cancel()       # half-way through the records: the next step stops

        progress = Progress(report, interval=0)
        with pytest.raises(Cancelled):
            incoming.import_files(county.db, county.paths, [file], progress=progress)
        assert heard == [(0, 40), (10, 40), (20, 40)]
        assert (county_data_hash(county.db), audit.head(county.db)) == before    # the steps written rolled back
        heard.clear()
        stop_at.clear()
        progress = Progress(report, interval=0)
        assert [o.outcome for o in incoming.import_files(county.db, county.paths, [file], progress=progress)] \
            == ["applied"]
        assert heard[:5] == [(0, 40), (10, 40), (20, 40), (30, 40), (40, 40)]
        assert county.db.execute("SELECT count(*) FROM records").fetchone()[0] == 40


def test_the_audit_check_reports_the_rows_checked_and_may_be_cancelled(tmp_path):
    county_dir, townships = make_sites(tmp_path / "sites")
    with open_as(townships[TOWNSHIPS[0]]) as township:
        add_records(township, 5)
        rows = audit.head(township.db)[0]
        heard = []
        assert audit.verify_chain(township.db, progress=Progress(
            lambda done, total, label: heard.append((done, total)), interval=0)) == []
        assert heard[0] == (0, rows) and heard[-1] == (rows, rows) and len(heard) > 2
        progress = Progress(lambda done, total, label: progress.cancel() if done == 2 else None, interval=0)
        with pytest.raises(Cancelled):
            audit.verify_chain(township.db, progress=progress)
