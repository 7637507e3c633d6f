"""The record tallies (migration 1611): kept exact by the triggers on `records` through every
write of the records writer - save, edit, delete, undelete, the county's import (a large one
with the triggers lifted and each batch tallied at once) - filled by the
migration for a store that had records before it, and giving the monthly circular the same
figures as counting the records themselves."""

from __future__ import annotations

import json

import pytest

from desktop.core.progress import Cancelled, Progress
from desktop.core.reports import circular
from desktop.core.store import records, tallies
from desktop.core.store.db import transaction
from desktop.core.workspace.workspace import Workspace
from tests.helpers import bigcounty

FORM = "floating_population"
PRESENT = circular.PRESENT_WHERE.format(status="json_extract(data, '$.status')")


def _save(db, name, village, *, status="complete", record_id=None, reason=None, left=False):
    values = {"name": name, "village": village, **({"status": "left"} if left else {})}
    return records.save(db, form_id=FORM, form_version="1", township=village[:9], values=values, clerk="王丽",
                        status=status, record_id=record_id, reason=reason)


def _recounted(db):
    """The tallies as counted from the records themselves."""
    return sorted(db.execute(
        "SELECT form_id, township, status, deleted, coalesce(json_extract(data, '$.village'), ''),"
        " coalesce(json_extract(data, '$.status'), 'present') = 'left', substr(created_at, 1, 7), count(*)"
        " FROM records GROUP BY 1, 2, 3, 4, 5, 6, 7").fetchall())


def _tallied(db):
    return sorted(db.execute("SELECT * FROM record_tallies WHERE n > 0").fetchall())


def _circular_counts(db, before):
    """present and villages per township as the circular counted them before the tallies."""
    present = dict(db.execute(f"SELECT township, count(*) FROM records WHERE {PRESENT} GROUP BY township",
                              [FORM, before]).fetchall())
    covered: dict[str, set[str]] = {}
    for township, village in db.execute(
            f"SELECT DISTINCT township, json_extract(data, '$.village') FROM records WHERE {PRESENT}", [FORM, before]):
        covered.setdefault(township, set()).add(village)
    return present, covered


def test_every_write_of_the_records_writer_keeps_the_tallies(tmp_path):
    with Workspace.open(tmp_path / "t", create=True) as workspace:
        db = workspace.db
        one = _save(db, "王丽", "131025100001")
        two = _save(db, "张三", "131025100002", status="draft")
        _save(db, "李四", "131025101001", left=True)
        assert tallies.count(db) == 3 and tallies.count(db, status="draft") == 1
        _save(db, "张三", "131025100003", record_id=two.id)                      # a draft completed, moved
        _save(db, "王丽", "131025100001", record_id=one.id, reason="left", left=True)
        records.delete(db, two.id, clerk="王丽", reason="entered twice")
        assert tallies.count(db) == 2 and tallies.count(db, deleted=True) == 1 and tallies.count(db, deleted=None) == 3
        records.undelete(db, two.id, clerk="王丽", reason="not a duplicate")
        pairs = [(dict(rec, id=f"received-{i}"), values) for i, (rec, values) in enumerate(bigcounty.rows(30, seed=3))]
        with transaction(db):
            records.apply_received(db, pairs, audit_seq=1, unique_fields=lambda f, v: ())
        again = dict(pairs[0][0], version=2, deleted=1, data=json.dumps(dict(pairs[0][1], status="left")))
        with transaction(db):     # a newer version of one of them, and an older one of another (kept as it is)
            records.apply_received(db, [(again, pairs[0][1]), (dict(pairs[1][0], version=0), pairs[1][1])],
                                   audit_seq=2, unique_fields=lambda f, v: ())
        assert _tallied(db) == _recounted(db)
        assert tallies.count(db, deleted=None) == db.execute("SELECT count(*) FROM records").fetchone()[0] == 33
        assert records.count(db, **records.list_filter()) == 32     # the received one deleted
        assert records.count(db, **records.list_filter(status="deleted")) == 1
        assert records.count(db, **records.list_filter(status="draft")) == \
            db.execute("SELECT count(*) FROM records WHERE status = 'draft' AND deleted = 0").fetchone()[0]


def test_the_circular_counts_from_the_tallies_what_the_records_hold(tmp_path):
    folder = bigcounty.county_at(tmp_path / "county", 2000)
    workspace = bigcounty.open_county(folder)
    try:
        db = workspace.db
        assert _tallied(db) == _recounted(db)      # the migration filled them for the records held
        for month in ("2026-03", "2026-12"):
            present, covered = _circular_counts(db, f"{month}-01")
            assert tallies.present_by_township(db, FORM, month) == present
            assert tallies.villages_by_township(db, FORM, month) == {t: v - {None} for t, v in covered.items()}
        report = circular.build(db, bigcounty.COUNTY, "2026-11")
        present, covered = _circular_counts(db, "2026-12-01")
        assert {row.code: row.present for row in report.rows} == {t: present.get(t, 0) for t in bigcounty.TOWNSHIPS}
    finally:
        workspace.close()


def _triggers(db):
    return sorted(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'records'"))


def test_a_bulk_apply_writes_its_batches_tallies_and_gives_the_triggers_back(tmp_path):
    """The county's import of a large bundle (records.BULK_CACHE_FROM records or more) lifts the
    tally triggers for its transaction and counts each batch itself: new records, newer versions
    of held ones (moved, completed, deleted, left) and older versions (kept as held) all tally as
    the records stand; the triggers are back after it, after a rolled-back one too."""
    with Workspace.open(tmp_path / "t", create=True) as workspace:
        db = workspace.db
        before = _triggers(db)
        assert len(before) == 3
        pairs = list(bigcounty.rows(records.BULK_CACHE_FROM + 1000, seed=5))
        during = []       # the triggers the store holds at each progress report of the apply
        watch = Progress(lambda done, total, label: during.append(len(_triggers(db))), interval=0)
        with transaction(db):
            records.apply_received(db, pairs, audit_seq=1, unique_fields=lambda f, v: (), progress=watch)
        assert during and set(during) == {0}
        assert _triggers(db) == before
        assert _tallied(db) == _recounted(db)
        changed = []
        for i, (record, values) in enumerate(pairs[:records.BULK_CACHE_FROM]):
            if i % 3 == 0:         # an older version than the one held: kept as it is
                changed.append((dict(record, version=0, status="draft"), values))
                continue
            values = dict(values, village=f"{record['township']}999", **({"status": "left"} if i % 5 == 0 else {}))
            changed.append((dict(record, version=2, status="draft" if i % 7 == 0 else "complete", deleted=i % 4 == 1,
                                 data=json.dumps(values, ensure_ascii=False)), values))
        fresh = [(dict(record, id=f"new-{i}"), values) for i, (record, values) in enumerate(pairs[:1000])]
        with transaction(db):
            # as the import calls it: naming the records held here (only theirs are taken out first)
            records.apply_received(db, changed + fresh, audit_seq=2, unique_fields=lambda f, v: (),
                                   replaced={record["id"] for record, _values in changed})
        assert _tallied(db) == _recounted(db)
        assert tallies.count(db, deleted=None) == len(pairs) + 1000
        assert tallies.count(db, deleted=True) == sum(1 for i in range(records.BULK_CACHE_FROM) if i % 4 == 1 and i % 3)
        cancelling = Progress(lambda done, total, label: cancelling.cancel(), interval=0)
        with pytest.raises(Cancelled), transaction(db):      # cancelled after its first batch: rolled back
            records.apply_received(db, [(dict(r, id=f"gone-{i}"), v) for i, (r, v) in enumerate(pairs)],
                                   audit_seq=3, unique_fields=lambda f, v: (), progress=cancelling)
        assert tallies.count(db, deleted=None) == len(pairs) + 1000
        assert _triggers(db) == before and _tallied(db) == _recounted(db)
        _save(db, "王丽", "131025100001")          # the triggers keep a save's tallies again
        assert _tallied(db) == _recounted(db)
