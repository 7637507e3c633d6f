"""A large bundle (records.BULK_CACHE_FROM records or more). The township's export reads its
records in id order without sorting them in memory. The county's import, read and written a
chunk at a time as one bulk apply (records.bulk_writes): the tallies count every record as it
stands, the tally triggers are lifted while the chunks are written and back after, after a
cancelled import too, and nothing else than the import's records is counted."""

from __future__ import annotations

import pytest

from desktop.core.progress import Cancelled, Progress
from desktop.core.store import records, tallies
from desktop.core.store.records import BUNDLE_COLUMNS
from desktop.core.sync import incoming, outgoing, trust
from desktop.core.workspace.workspace import Workspace
from tests.core.sync.helpers import TOWNSHIPS, fill_township, make_sites
from tests.core.test_tallies import _recounted, _tallied, _triggers

N = records.BULK_CACHE_FROM + 1_500      # two chunks of the stream and a half at least


@pytest.fixture
def sites(tmp_path):
    county_dir, townships = make_sites(tmp_path, TOWNSHIPS[:1])
    with Workspace.open(townships[TOWNSHIPS[0]]) as township:
        fill_township(township, N)
        stick = tmp_path / "stick"
        stick.mkdir()
        written = outgoing.export_township(township.db, township.paths, stick)
    return county_dir, written.path


def test_a_large_bundle_is_tallied_as_its_records_stand_and_the_triggers_come_back(sites):
    county_dir, bundle_file = sites
    with Workspace.open(county_dir) as county:
        db = county.db
        before = _triggers(db)
        assert len(before) == 3
        seen = []        # the triggers the store holds at each progress report of the import
        watch = Progress(lambda done, total, label: seen.append(len(_triggers(db))), interval=0)
        [outcome] = incoming.import_files(db, county.paths, [bundle_file], progress=watch)
        assert outcome.outcome == "applied", outcome.text.en
        assert 0 in seen                      # the chunks were written with the triggers lifted
        assert _triggers(db) == before
        assert tallies.count(db, deleted=None) == N == db.execute("SELECT count(*) FROM records").fetchone()[0]
        assert _tallied(db) == _recounted(db)
        # the search index has every record (the bundle's search texts, indexed a chunk at a time)
        assert records.count(db, search="测试6001") == 1


def test_a_cancelled_large_import_leaves_the_store_and_its_triggers_as_they_were(sites):
    county_dir, bundle_file = sites
    with Workspace.open(county_dir) as county:
        db = county.db
        before, tallied = _triggers(db), _tallied(db)
        reports = []

        def cancel_in_the_second_chunk(done, total, label):
            reports.append(done)
            if done > 2_000:
                stopping.cancel()

        stopping = Progress(cancel_in_the_second_chunk, interval=0)
        with pytest.raises(Cancelled):
            incoming.import_files(db, county.paths, [bundle_file], progress=stopping)
        assert max(reports) > 2_000
        assert db.execute("SELECT count(*) FROM records").fetchone()[0] == 0
        assert _triggers(db) == before and _tallied(db) == tallied == _recounted(db)
        trust.install_keys(county.paths)
        [outcome] = incoming.import_files(db, county.paths, [bundle_file])     # and it imports afterwards
        assert outcome.outcome == "applied", outcome.text.en
        assert _tallied(db) == _recounted(db) and tallies.count(db, deleted=None) == N


def test_a_large_export_reads_its_records_in_id_order_without_sorting_them_in_memory(tmp_path):
    """SQLCipher keeps temporary B-trees in memory: a sort of every changed record held a first
    export of 500,000 records whole (322 MB)."""
    _county_dir, townships = make_sites(tmp_path, TOWNSHIPS[:1])
    with Workspace.open(townships[TOWNSHIPS[0]]) as township:
        fill_township(township, outgoing.SORTED_IN_MEMORY_MAX + 10)
        db, columns = township.db, ", ".join(BUNDLE_COLUMNS)
        for count in (10, outgoing.SORTED_IN_MEMORY_MAX + 10):
            sql = outgoing.changed_records_sql(columns, count)
            plan = " / ".join(row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql, [0, township.township]))
            if count > outgoing.SORTED_IN_MEMORY_MAX:      # (a few the planner may sort as it likes)
                assert "TEMP B-TREE" not in plan, plan
            ids = [row[0] for row in db.execute(sql, [0, township.township])]
            assert ids == sorted(ids) and len(ids) == outgoing.SORTED_IN_MEMORY_MAX + 10
