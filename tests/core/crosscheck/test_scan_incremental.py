"""`corrections scan` checks only the records changed since the last scan (all with full=True),
reading them by keyset pagination, with progress and cancel."""

from __future__ import annotations

import json

import pytest

from desktop.core.entry import entry
from desktop.core.exchange import corrections
from desktop.core.progress import Cancelled, Progress
from desktop.core.store import records
from desktop.core.store.db import transaction
from tests.conftest import VALID_IDS
from tests.core.crosscheck.carrier import copy_records
from tests.core.crosscheck.conftest import FORM, person


def _break_name(workspace, record_id):
    """Make a saved record one the current rules refuse (no name), as older rules may have let in."""
    row = records.get(workspace.db, record_id)
    with transaction(workspace.db):
        workspace.db.execute("UPDATE records SET data=? WHERE id=?", [json.dumps(dict(row.values, name="")), record_id])


def _totals():
    seen = []
    return seen, Progress(lambda done, total, label: seen.append((done, total)), interval=0)


def test_a_rescan_checks_only_what_changed_and_full_checks_all(county, town_a):
    first = entry.add(town_a, FORM, person(VALID_IDS[0], "王五", town_a.township))
    entry.add(town_a, FORM, person(VALID_IDS[1], "李四", town_a.township))
    _break_name(town_a, first.id)
    copy_records(town_a, county)
    seen, progress = _totals()
    [task] = corrections.scan(county, progress=progress)
    assert task.record_id == first.id and seen[-1] == (2, 2)

    seen, progress = _totals()
    assert corrections.scan(county, progress=progress) == [] and seen[-1] == (0, 0)   # nothing changed

    later = entry.add(town_a, FORM, person(VALID_IDS[2], "赵六", town_a.township))
    _break_name(town_a, later.id)
    copy_records(town_a, county)
    seen, progress = _totals()
    [new] = corrections.scan(county, progress=progress)
    assert new.record_id == later.id and seen[-1] == (1, 1)      # only the newly imported record

    # a task closed without the record changing is raised again only by a full rescan
    with transaction(county.db):
        county.db.execute("UPDATE corrections SET status = 'fixed' WHERE id = ?", [task.id])
    assert corrections.scan(county) == []
    seen, progress = _totals()
    [again] = corrections.scan(county, progress=progress, full=True)
    assert again.record_id == first.id and seen[-1] == (3, 3)


def test_a_cancelled_scan_writes_nothing_and_the_next_scan_checks_the_same_records(county, town_a):
    bad = entry.add(town_a, FORM, person(VALID_IDS[0], "王五", town_a.township))
    _break_name(town_a, bad.id)
    copy_records(town_a, county)
    progress = Progress()
    progress.cancel()
    with pytest.raises(Cancelled):
        corrections.scan(county, progress=progress)
    assert corrections.tasks(county.db) == []
    [task] = corrections.scan(county)
    assert task.record_id == bad.id


def test_keyset_pages_read_every_record_once_in_order_of_change(county, town_a):
    made = [entry.add(town_a, FORM, person(VALID_IDS[i], name, town_a.township)).id
            for i, name in enumerate(["王五", "李四", "赵六", "张三"])]
    copy_records(town_a, county)
    read = [r.id for r in records.changed_since(county.db, batch=2)]
    assert sorted(read) == sorted(made) and len(read) == 4
    seqs = [r.last_audit_seq for r in records.changed_since(county.db, batch=2)]
    assert seqs == sorted(seqs)
    assert records.count_changed_since(county.db) == 4
    newest = max(seqs)
    assert list(records.changed_since(county.db, newest, batch=2)) == []
