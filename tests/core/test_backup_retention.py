"""Automatic snapshots bound the disk: 7 daily + 4 weekly whatever the time in use (docs/STORAGE.md),
taken with SQLite's online backup; the command line takes the day's snapshot after the first
command's own work and output. Days pass on the fake clock (TOWNSHIP_FAKE_NOW)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from desktop.core.store import backup, db
from tests.conftest import PASSWORD, run_township


def _day(start: date, offset: int, hour: int = 9) -> datetime:
    return datetime.combine(start + timedelta(days=offset), datetime.min.time()).replace(hour=hour)


def _names(paths) -> list[str]:
    return sorted(Path(p).name for p in paths)


def test_retention_keeps_seven_days_and_four_weeks(tmp_path):
    start = date(2026, 1, 5)   # a Monday
    paths = [tmp_path / f"daily-{_day(start, i):%Y%m%d-%H%M%S}.db" for i in range(90)]
    kept = backup.retained(paths)
    last = start + timedelta(days=89)
    days = {last - timedelta(days=i) for i in range(7)}
    assert {datetime.strptime(p.name[6:14], "%Y%m%d").date() for p in kept} >= days
    weekly = sorted(p for p in kept if datetime.strptime(p.name[6:14], "%Y%m%d").date() not in days)
    assert len(weekly) == 4 and len(kept) == 11
    weeks = [datetime.strptime(p.name[6:14], "%Y%m%d").date().isocalendar()[:2] for p in weekly]
    assert len(set(weeks)) == 4
    # each weekly one is the newest snapshot of its week: a Sunday (the weeks before the 7 days)
    assert all(datetime.strptime(p.name[6:14], "%Y%m%d").date().weekday() == 6 for p in weekly)
    oldest_day = min(days)
    assert all(datetime.strptime(p.name[6:14], "%Y%m%d").date().isocalendar()[:2]
               != oldest_day.isocalendar()[:2] for p in weekly)


def test_retention_with_gaps_and_two_a_day(tmp_path):
    # used on some days only, twice on one: the newest of each day counts, days without one are skipped
    stamps = ["20260301-090000", "20260301-170000", "20260305-090000", "20260320-090000", "20260321-090000"]
    paths = [tmp_path / f"daily-{s}.db" for s in stamps]
    assert _names(backup.retained(paths)) == _names(paths[1:])
    stranger = tmp_path / "daily-notatime.db"
    assert stranger in backup.retained([*paths, stranger])


def test_daily_snapshots_over_three_months_stay_bounded(township, monkeypatch):
    folder = township.paths.backups
    start = date(2026, 1, 5)
    for offset in range(100):
        monkeypatch.setenv("TOWNSHIP_FAKE_NOW", _day(start, offset).isoformat())
        made = backup.daily_if_due(township.db, folder)
        assert made is not None and made.exists()
        monkeypatch.setenv("TOWNSHIP_FAKE_NOW", _day(start, offset, hour=15).isoformat())
        assert backup.daily_if_due(township.db, folder) is None     # at most once a day
        assert len(backup.list_backups(folder, "daily")) <= backup.KEEP_DAILY + backup.KEEP_WEEKLY
    left = backup.list_backups(folder, "daily")
    assert len(left) == 11
    assert _names(left) == _names(backup.retained(left))
    newest = db.connect(Path(left[-1]), readonly=True, key=township.db.key)   # a snapshot is under the store's key
    try:
        assert newest.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        newest.close()


def test_manual_and_premigrate_snapshots_are_never_pruned(township, monkeypatch):
    folder = township.paths.backups
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-01-01T08:00:00")
    manual = backup.snapshot(township.db, folder, "manual")
    for offset in range(30):
        monkeypatch.setenv("TOWNSHIP_FAKE_NOW", _day(date(2026, 1, 2), offset).isoformat())
        backup.daily_if_due(township.db, folder)
    assert manual.exists()


def test_the_command_line_takes_the_day_s_snapshot_after_the_command(township_dir):
    env = {"TOWNSHIP_FAKE_NOW": "2026-03-02T08:30:00"}
    folder = township_dir / "backups"
    empty = township_dir.parent / "none.json"
    empty.write_text("[]")
    before = backup.list_backups(folder, "daily")
    result = run_township("records", "add", "floating_population", "--json", empty, "--data-dir", township_dir, env=env)
    assert result.returncode == 0, result.stderr
    daily = [p for p in backup.list_backups(folder, "daily") if p not in before]
    assert _names(daily) == ["daily-20260302-083000.db"]
    later = {"TOWNSHIP_FAKE_NOW": "2026-03-02T16:00:00"}
    again = run_township("records", "add", "floating_population", "--json", empty, "--data-dir", township_dir, env=later)
    assert again.returncode == 0 and backup.list_backups(folder, "daily") == sorted([*before, *daily])


def test_a_failed_command_leaves_the_snapshot_to_the_next(township_dir, monkeypatch):
    from desktop.cli import common, main

    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-03-03T08:30:00")
    monkeypatch.setenv("TOWNSHIP_PASSWORD", PASSWORD)
    folder = township_dir / "backups"
    before = backup.list_backups(folder, "daily")
    bad = township_dir.parent / "bad.json"
    bad.write_text('[{"name": 1}]')
    code = main(["records", "add", "no_such_form", "--json", str(bad), "--data-dir", str(township_dir)])
    assert code != 0
    assert not common._DEFERRED and backup.list_backups(folder, "daily") == before
