"""The county's same-ID check runs by itself when bundles are imported (sync's import path calls
corrections.check_imported): real bundles, signed and encrypted, between enrolled sites."""

from __future__ import annotations

import pytest

from desktop.core.exchange import corrections, exchange
from desktop.core.sync import incoming, outgoing
from desktop.core.workspace.workspace import Workspace
from tests.core.sync.helpers import TOWNSHIPS, add_people, county_data_hash, make_sites, resident_id

A, B = TOWNSHIPS


@pytest.fixture
def sites(tmp_path):
    county_dir, folders = make_sites(tmp_path / "sites")
    stick = tmp_path / "stick"
    stick.mkdir()
    return county_dir, folders, stick


def _export(folder, stick):
    with Workspace.open(folder) as township:
        return outgoing.export_township(township.db, township.paths, stick).path


def _import(county_dir, files):
    with Workspace.open(county_dir) as county:
        return incoming.import_files(county.db, county.paths, files, clerk="县管理员")


def test_the_same_id_in_two_townships_raises_a_task_on_import_once(sites, monkeypatch):
    county_dir, folders, stick = sites
    shared = resident_id(7)
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-02T09:00:00+08:00")
    with Workspace.open(folders[A]) as town_a:
        [first] = add_people(town_a, [{"name": "张三", "id_number": shared}])
        add_people(town_a, [{"name": "李四", "id_number": resident_id(8)}])
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-03T09:00:00+08:00")
    with Workspace.open(folders[B]) as town_b:
        [later] = add_people(town_b, [{"name": "张三", "id_number": shared}])
    bundle_a, bundle_b = _export(folders[A], stick), _export(folders[B], stick)

    # B's bundle first: nothing to compare with yet
    [outcome] = _import(county_dir, [bundle_b])
    assert outcome.outcome == "applied" and outcome.notes == []
    with Workspace.open(county_dir) as county:
        assert corrections.tasks(county.db) == []

    # A's bundle brings the earlier registration: the later one (B's) gets the task at once
    [outcome] = _import(county_dir, [bundle_a])
    assert outcome.outcome == "applied"
    assert any("two townships" in note.en and B in note.en for note in outcome.notes)
    with Workspace.open(county_dir) as county:
        [task] = corrections.tasks(county.db)
        assert (task.township, task.record_id, task.kind, task.details["other_record"]) == (
            B, later.id, "duplicate_id", first.id)
        assert task.raised_by == "县管理员"
        assert [i["id"] for i in exchange.pending_out(county.db, B)] == [task.id]   # in B's next return bundle
        assert county.db.execute("SELECT count(*) FROM sync_resident_conflicts WHERE resolved_at IS NULL"
                                 ).fetchone()[0] == 0
        state = county_data_hash(county.db)
        tasks_before = county.db.execute("SELECT count(*) FROM corrections").fetchone()[0]

    # the same bundles again, together: nothing changes, no second task
    outcomes = _import(county_dir, [bundle_a, bundle_b])
    assert [o.outcome for o in outcomes] == ["already", "already"] and all(o.notes == [] for o in outcomes)
    with Workspace.open(county_dir) as county:
        assert county_data_hash(county.db) == state
        assert county.db.execute("SELECT count(*) FROM corrections").fetchone()[0] == tasks_before
        # a full scan agrees: the problem has its task already
        assert corrections.scan(county) == []


def test_a_later_bundle_only_checks_what_it_changed_and_never_doubles_a_task(sites, monkeypatch):
    county_dir, folders, stick = sites
    shared = resident_id(9)
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-02T09:00:00+08:00")
    with Workspace.open(folders[A]) as town_a:
        add_people(town_a, [{"name": "王五", "id_number": shared}])
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-03T09:00:00+08:00")
    with Workspace.open(folders[B]) as town_b:
        add_people(town_b, [{"name": "王五", "id_number": shared}])
    outcomes = _import(county_dir, [_export(folders[A], stick), _export(folders[B], stick)])
    assert [o.outcome for o in outcomes] == ["applied", "applied"]
    assert outcomes[0].notes == [] and len(outcomes[1].notes) == 1    # one check after both bundles
    with Workspace.open(county_dir) as county:
        assert len(corrections.tasks(county.db)) == 1

    # A's next bundle changes nothing about the pair (a new person): no new task
    with Workspace.open(folders[A]) as town_a:
        add_people(town_a, [{"name": "赵六", "id_number": resident_id(10)}])
    [outcome] = _import(county_dir, [_export(folders[A], stick)])
    assert outcome.outcome == "applied" and outcome.notes == []
    with Workspace.open(county_dir) as county:
        assert len(corrections.tasks(county.db)) == 1


def _bare_registration(folder, stick):
    """A complete floating-population record missing what the form requires (saved past the form)."""
    from desktop.core.store import records

    with Workspace.open(folder) as township:
        records.save(township.db, form_id="floating_population", form_version="1", township=township.township,
                     values={"name": "王五", "id_number": resident_id(11), "village": township.township + "001"},
                     clerk="clerk", unique_fields=("id_number",))
    return _export(folder, stick)


def test_a_small_import_is_checked_against_the_entry_rules_too(sites):
    county_dir, folders, stick = sites
    [outcome] = _import(county_dir, [_bare_registration(folders[A], stick)])
    assert any("entry rules" in note.en for note in outcome.notes)
    with Workspace.open(county_dir) as county:
        raised = corrections.tasks(county.db)
        assert raised and {(task.township, task.kind) for task in raised} == {(A, "rule")}
        assert all(task.raised_by == "县管理员" for task in raised)
    [again] = _import(county_dir, [_export(folders[A], stick)])     # nothing new: no task twice
    with Workspace.open(county_dir) as county:
        assert len(corrections.tasks(county.db)) == len(raised)


def test_a_large_import_leaves_the_rules_to_the_scan_and_says_so(sites, monkeypatch):
    county_dir, folders, stick = sites
    monkeypatch.setattr(corrections, "AUTO_RULE_CHECK_LIMIT", 0)
    [outcome] = _import(county_dir, [_bare_registration(folders[A], stick)])
    assert any("not checked" in note.en and "corrections scan" in note.en for note in outcome.notes)
    with Workspace.open(county_dir) as county:
        assert corrections.tasks(county.db) == []
        county.clerk, county.clerk_role = "县管理员", "admin"
        assert {task.kind for task in corrections.scan(county)} == {"rule"}


def _same_id_queries(county_dir, files) -> tuple[list, list[str]]:
    """The outcomes of importing `files` together, and the same-ID queries it ran (each apply's
    flags, and the check after them)."""
    from tests.core.test_query_plans import traced

    with Workspace.open(county_dir) as county:
        found = []
        sql = traced(county.db, lambda: found.extend(incoming.import_files(county.db, county.paths, files,
                                                                           clerk="县管理员")))
    return found, [s for s in sql if "WITH shared(" in s]


def test_an_import_sharing_no_id_does_not_run_the_same_id_query_again_after_it(sites):
    county_dir, folders, stick = sites
    with Workspace.open(folders[A]) as town_a:
        add_people(town_a, [{"name": "张三", "id_number": resident_id(21)}])
    with Workspace.open(folders[B]) as town_b:
        add_people(town_b, [{"name": "李四", "id_number": resident_id(22)}])
    outcomes, queries = _same_id_queries(county_dir, [_export(folders[A], stick), _export(folders[B], stick)])
    assert [o.outcome for o in outcomes] == ["applied", "applied"] and all(o.notes == [] for o in outcomes)
    assert len(queries) == 2      # one per bundle's apply; the check after them had nothing to look for


def test_bundles_imported_together_still_find_the_id_they_share(sites, monkeypatch):
    """The check after the import is left out only when no apply flagged a shared ID: here the
    second bundle's apply flags it, and the check raises the task."""
    county_dir, folders, stick = sites
    shared = resident_id(23)
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-02T09:00:00+08:00")
    with Workspace.open(folders[A]) as town_a:
        [first] = add_people(town_a, [{"name": "张三", "id_number": shared}])
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-03T09:00:00+08:00")
    with Workspace.open(folders[B]) as town_b:
        [later] = add_people(town_b, [{"name": "张三", "id_number": shared}])
    outcomes, queries = _same_id_queries(county_dir, [_export(folders[B], stick), _export(folders[A], stick)])
    assert [o.shared_ids for o in outcomes] == [0, 1]
    assert len(queries) == 3
    assert any("two townships" in note.en for note in outcomes[-1].notes)
    with Workspace.open(county_dir) as county:
        [task] = corrections.tasks(county.db)
        assert (task.township, task.record_id, task.details["other_record"]) == (B, later.id, first.id)
