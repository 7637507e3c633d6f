"""Crash consistency of export and import, and the small sync items of issue 13's finding 11:
a process stopped between an import's commit and its checks runs them on the next import; a bundle
left complete under its final name by an export stopped before recording it is adopted, never
rewritten with other bytes under the same sequence; a county return export that fails part-way
says what it wrote; a stale resident-ID flag does not depend on import order; importing return
bundles alone never makes a township write a new bundle; a FIFO named like a bundle is refused."""

from __future__ import annotations

import os

import pytest

from desktop.core.entry import entry, form_entry
from desktop.core.exchange import corrections
from desktop.core.store.atomic import StorageFullError
from desktop.core.sync import bundle, incoming, outgoing
from desktop.core.workspace.workspace import Workspace
from tests.conftest import run_township
from tests.core.sync.helpers import TOWNSHIPS, add_people, make_sites, person, resident_id

A, B = TOWNSHIPS


class Stopped(BaseException):
    """The process stops here (what SIGKILL does; the in-process stand-in of tests below)."""


def _stop(*_args, **_kwargs):
    raise Stopped


@pytest.fixture
def sites(tmp_path):
    county, townships = make_sites(tmp_path / "sites")
    stick = tmp_path / "stick"
    stick.mkdir()
    return county, townships, stick


def _export(folder, stick):
    with Workspace.open(folder) as township:
        return outgoing.export_township(township.db, township.paths, stick)


def _import(folder, files):
    with Workspace.open(folder) as site:
        return incoming.import_files(site.db, site.paths, files, clerk="officer")


def _tasks(county):
    with Workspace.open(county) as site:
        return sorted(site.db.execute("SELECT township, kind FROM corrections").fetchall())


def test_checks_stopped_after_the_commit_run_on_the_next_import(sites, monkeypatch):
    county, townships, stick = sites
    for day, code in enumerate(TOWNSHIPS, 1):   # the same resident registered in both townships, A first
        with monkeypatch.context() as clock, Workspace.open(townships[code]) as township:
            clock.setenv("TOWNSHIP_FAKE_NOW", f"2026-11-{day:02d}T09:00:00+08:00")
            add_people(township, [{"name": "张三", "id_number": resident_id(7)}])
    bundles = [_export(townships[code], stick).path for code in TOWNSHIPS]
    monkeypatch.setattr(corrections, "check_imported", _stop)
    with pytest.raises(Stopped):
        _import(county, bundles)
    monkeypatch.undo()
    assert _tasks(county) == []          # committed, but the checks never ran
    outcomes = _import(county, bundles)  # the next start: both "already imported"
    assert [o.outcome for o in outcomes] == ["already", "already"]
    assert _tasks(county) == [(B, "duplicate_id")]
    assert [o.outcome for o in _import(county, bundles)] == ["already", "already"]
    assert _tasks(county) == [(B, "duplicate_id")]   # run once, not again


def test_bundle_left_under_its_final_name_is_adopted_not_rewritten(sites, monkeypatch):
    county, townships, stick = sites
    with Workspace.open(townships[A]) as township:
        add_people(township, [{"name": "张三", "id_number": resident_id(1)}])
    monkeypatch.setattr(outgoing, "_record_sent", _stop)
    with pytest.raises(Stopped):
        _export(townships[A], stick)
    monkeypatch.undo()
    left = stick / bundle.bundle_file_name(bundle.KIND_DATA, A, 1)
    first = left.read_bytes()
    written = _export(townships[A], stick)
    assert written.sequence == 1 and left.read_bytes() == first
    assert [o.outcome for o in _import(county, [left])] == ["applied"]
    with Workspace.open(townships[A]) as township:
        add_people(township, [{"name": "李四", "id_number": resident_id(2)}])
    second = _export(townships[A], stick)
    assert second.sequence == 2
    assert [o.outcome for o in _import(county, [second.path])] == ["applied"]
    with Workspace.open(county) as site:
        assert site.db.execute("SELECT count(*) FROM records").fetchone()[0] == 2


def test_return_bundle_left_under_its_final_name_is_adopted(sites, monkeypatch):
    county, townships, stick = sites
    with Workspace.open(townships[A]) as township:
        add_people(township, [{"name": "张三", "id_number": resident_id(1)}])
    _import(county, [_export(townships[A], stick).path])
    monkeypatch.setattr(outgoing, "_record_sent", _stop)
    with Workspace.open(county) as site, pytest.raises(Stopped):
        outgoing.export_returns(site.db, site.paths, stick, townships=[A])
    monkeypatch.undo()
    left = stick / bundle.bundle_file_name(bundle.KIND_RETURN, A, 1)
    first = left.read_bytes()
    with Workspace.open(county) as site:
        [written] = outgoing.export_returns(site.db, site.paths, stick, townships=[A])
    assert written.sequence == 1 and left.read_bytes() == first
    assert [o.outcome for o in _import(townships[A], [left])] == ["applied"]
    assert _export(townships[A], stick) is None


def test_full_stick_part_way_through_the_return_export_says_what_was_written(sites, cli, monkeypatch):
    county, townships, stick = sites
    for code in TOWNSHIPS:
        with Workspace.open(townships[code]) as township:
            add_people(township, [{"name": "张三", "id_number": resident_id(int(code[-1]))}])
        _import(county, [_export(townships[code], stick).path])
    real = bundle.write_streamed_bundle
    calls = []

    def full_on_second(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise StorageFullError(bundle.Text("the drive is full; nothing was written", "磁盘已满；未写入任何内容"),
                                   code="disk-full")
        return real(*args, **kwargs)

    monkeypatch.setattr(bundle, "write_streamed_bundle", full_on_second)
    result = cli("export", "--data-dir", county, "--to", stick)
    assert result.code == 1
    first = bundle.bundle_file_name(bundle.KIND_RETURN, A, 1)
    assert f"wrote and verified 1 return bundle ({first}), recorded as sent" in result.err
    with Workspace.open(county) as site:
        assert site.db.execute("SELECT township FROM sync_sent WHERE kind = 'county-return'").fetchall() == [(A,)]


def _change_id(folder, number):
    with Workspace.open(folder) as township:
        record = township.db.execute("SELECT id, version FROM records").fetchone()
        form = entry.form_for(township, "floating_population")
        values = person(township, {"name": "张三", "id_number": resident_id(number)})
        form_entry.save(township, form, values, record_id=record[0], reason="ID corrected",
                        expected_version=record[1])


def _conflicts(county):
    with Workspace.open(county) as site:
        return site.db.execute("SELECT record_a, record_b FROM sync_resident_conflicts").fetchall()


def test_a_stale_resident_id_flag_does_not_depend_on_import_order(tmp_path):
    results = []
    for order in ("every bundle", "newest only"):
        county, townships = make_sites(tmp_path / order)
        stick = tmp_path / order / "stick"
        stick.mkdir()
        for code in TOWNSHIPS:
            with Workspace.open(townships[code]) as township:
                add_people(township, [{"name": "张三", "id_number": resident_id(7)}])
        a1, b1 = (_export(townships[code], stick).path for code in TOWNSHIPS)
        _change_id(townships[B], 8)          # township B corrects the ID: no longer the same person
        b2 = _export(townships[B], stick).path
        _import(county, [a1, b1, b2] if order == "every bundle" else [a1, b2])
        results.append(_conflicts(county))
    assert results[0] == results[1] == []


def test_importing_return_bundles_alone_leaves_nothing_to_send(sites):
    county, townships, stick = sites
    with Workspace.open(townships[A]) as township:
        add_people(township, [{"name": "张三", "id_number": resident_id(1)}])
    _import(county, [_export(townships[A], stick).path])
    for _round in range(3):
        with Workspace.open(county) as site:
            returns = outgoing.export_returns(site.db, site.paths, stick, townships=[A])
        assert [o.outcome for o in _import(townships[A], [w.path for w in returns])] == ["applied"]
        assert _export(townships[A], stick) is None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_named_like_a_bundle_is_refused_without_hanging(sites):
    county, _townships, stick = sites
    fifo = stick / bundle.bundle_file_name(bundle.KIND_DATA, A, 1)
    os.mkfifo(fifo)
    result = run_township("import", "--data-dir", county, fifo, timeout=30)
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "not a regular file" in result.stderr
    assert "Traceback" not in result.stderr
