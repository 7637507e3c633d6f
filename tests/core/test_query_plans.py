"""The plans of the hot queries, pinned: SQLite's EXPLAIN QUERY PLAN of the statements the code
really runs (captured with a trace callback, parameters bound) on a county store as an import
leaves it - no ANALYZE, no statistics, as a real store is until `PRAGMA optimize` first runs -
and again once the statistics exist. A query that falls back to a scan of every record, or to a
sort of all of them, fails here rather than at a county of a million records (docs/PERFORMANCE.md).
"""

from __future__ import annotations

import re

import pytest

from desktop.core.exchange import exchange
from desktop.core.store import person_ids, records
from desktop.core.store.db import transaction
from desktop.core.sync import status as sync_status
from tests.helpers import bigcounty

N = 10_000      # enough rows that a scan and a seek differ by orders of magnitude; built in about a second
FIELDS = [(bigcounty.FORM, "id_number")]


@pytest.fixture(scope="module", params=["no statistics", "analyzed"])
def county(request, tmp_path_factory):
    folder = bigcounty.county_at(tmp_path_factory.mktemp("plans") / "county", N)
    workspace = bigcounty.open_county(folder)
    db = workspace.db
    assert db.execute("SELECT count(*) FROM records").fetchone()[0] == N
    has_stats = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone()
    if request.param == "analyzed":
        db.execute("ANALYZE")
    elif has_stats:   # the built store's close gathered some (PRAGMA optimize): a store as before it
        with transaction(db):
            db.execute("DELETE FROM sqlite_stat1")
            if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat4'").fetchone():
                db.execute("DELETE FROM sqlite_stat4")
        db.execute("ANALYZE sqlite_schema")    # reloads the (now empty) statistics
    if request.param == "no statistics" and has_stats:
        assert not db.execute("SELECT 1 FROM sqlite_stat1 WHERE tbl = 'records'").fetchone()
    yield workspace
    workspace.db.conn.close()


def traced(db, run) -> list[str]:
    """The statements `run()` executes on `db`, parameters bound (PRAGMAs and writes to temp tables aside)."""
    seen: list[str] = []
    db.conn.set_trace_callback(seen.append)
    try:
        result = run()
        if hasattr(result, "__next__"):
            list(result)
    finally:
        db.conn.set_trace_callback(None)
    return [sql for sql in seen if sql.lstrip().upper().startswith(("SELECT", "WITH"))]


def plan(db, sql: str) -> list[str]:
    return [row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql)]


FULL_SCAN = re.compile(r"^SCAN (records|r\d?|k\d?|record_keys|exchange_items)\b")


def assert_no_scan(lines: list[str], sql: str, *, sorts_found: bool = False) -> None:
    """No scan of a whole table; no sort before LIMIT (`sorts_found`: the sort is of what was
    found through the indexes, as the same-ID query's holders)."""
    scans = [line for line in lines if FULL_SCAN.match(line)]
    assert not scans, f"a scan of a whole table in\n{sql}\n" + "\n".join(lines)
    assert sorts_found or "USE TEMP B-TREE FOR ORDER BY" not in lines, f"a sort of every row in\n{sql}\n" + "\n".join(lines)


def test_same_id_check_after_an_import_looks_up_only_the_bundle(county):
    db = county.db
    ids = [row[0] for row in db.execute("SELECT id FROM records LIMIT 50")]
    statements = traced(db, lambda: person_ids.shared_ids(db, FIELDS, record_ids=ids))
    [sql] = [s for s in statements if "shared" in s]
    lines = plan(db, sql)
    assert_no_scan(lines, sql, sorts_found=True)
    assert any("SEARCH r1 USING INDEX sqlite_autoindex_records_1 (id=?)" in line for line in lines), lines
    # record_keys is WITHOUT ROWID (migration 1801): its primary key is the index by key value
    assert any(re.match(r"SEARCH k2 USING PRIMARY KEY \(form_id=\? AND field=\? "
                        r"AND value=\?\)", line) for line in lines), "\n".join(lines)


def test_same_id_check_since_an_audit_position_reads_the_change_index(county):
    db = county.db
    since = db.execute("SELECT max(last_audit_seq) FROM records").fetchone()[0]
    statements = traced(db, lambda: person_ids.shared_ids(db, FIELDS, since_audit_seq=since))
    [sql] = [s for s in statements if "shared" in s]
    lines = plan(db, sql)
    assert_no_scan(lines, sql, sorts_found=True)
    assert any("SEARCH r1 USING INDEX records_change (last_audit_seq>?)" in line for line in lines), lines


def test_same_id_check_of_the_whole_county_walks_the_keys_index_once(county):
    db = county.db
    statements = traced(db, lambda: person_ids.shared_ids(db, FIELDS))
    [sql] = [s for s in statements if "shared" in s]
    lines = plan(db, sql)
    assert_no_scan(lines, sql, sorts_found=True)
    # the IDs held twice from the keys' primary key in its own order, no lookup from every record
    assert any(re.match(r"SEARCH record_keys USING PRIMARY KEY "
                        r"\(form_id=\? AND field=\?\)", line) for line in lines), "\n".join(lines)
    assert "USE TEMP B-TREE FOR GROUP BY" not in "\n".join(lines[:4]), lines
    assert not any("records_change" in line or line.startswith("SEARCH r1") for line in lines), lines


def test_list_first_page_walks_the_list_index(county):
    db = county.db
    [sql] = traced(db, lambda: records.query(db, limit=100, **records.list_filter()))
    lines = plan(db, sql)
    assert_no_scan(lines, sql)
    assert any(line.startswith("SEARCH records USING INDEX records_search (deleted=?)") for line in lines), lines


def test_list_first_page_of_one_form_walks_the_form_index(county):
    db = county.db
    [sql] = traced(db, lambda: records.query(db, limit=100, **records.list_filter(form_id=bigcounty.FORM)))
    lines = plan(db, sql)
    assert_no_scan(lines, sql)
    assert any("records_form_search (form_id=? AND deleted=?)" in line for line in lines), lines


@pytest.mark.parametrize("text", ["王丽", "wl", "丽强", "王伟"])
def test_a_search_of_rare_pieces_reads_the_search_index(county, text):
    db = county.db
    statements = traced(db, lambda: records.query(db, limit=100, **records.list_filter(search=text)))
    [sql] = [s for s in statements if s.startswith("SELECT id,")]
    assert "record_grams MATCH" in sql
    lines = plan(db, sql)
    assert_no_scan(lines, sql, sorts_found=True)     # the sort is of the records the index found
    assert any(line.startswith("SEARCH records USING INTEGER PRIMARY KEY (rowid=?)") for line in lines), lines
    assert any("SCAN record_grams VIRTUAL TABLE INDEX" in line for line in lines), lines
    assert records.count(db, search=text) > 0


@pytest.mark.parametrize("text", ["1310", "13", "丽"])
def test_a_search_of_common_pieces_or_one_character_walks_the_list_in_order(county, text):
    db = county.db
    statements = traced(db, lambda: records.query(db, limit=100, **records.list_filter(search=text)))
    [sql] = [s for s in statements if s.startswith("SELECT id,")]
    assert "record_grams" not in sql
    lines = plan(db, sql)
    assert_no_scan(lines, sql)
    assert any(line.startswith("SEARCH records USING INDEX records_search (deleted=?)") for line in lines), lines


def test_main_window_counts_seek_instead_of_scanning(county):
    db = county.db
    statements = traced(db, lambda: (records.form_ids_in_use(db), exchange.pending_out_count(db),
                                     sync_status.county_last_exchange(db)))
    assert statements
    for sql in statements:
        lines = plan(db, sql)
        assert not any(line.startswith(("SCAN records", "SCAN exchange_items")) for line in lines), (sql, lines)
    assert records.form_ids_in_use(db) == [bigcounty.FORM]


def test_township_pending_count_reads_the_township_change_index(county):
    db = county.db
    lines = plan(db, sync_status.PENDING_RECORDS_SQL.replace("?", "'131025100'", 1).replace("?", "0"))
    assert any("records_township_change (township=? AND last_audit_seq>?)" in line for line in lines), lines


def test_corrections_scan_pages_by_keyset_on_the_change_index(county):
    db = county.db
    pages = records.changed_since(db, -1, batch=500)
    statements = traced(db, lambda: [next(pages) for _ in range(1200)])
    assert len([s for s in statements if "INDEXED BY records_change" in s]) == 3    # three pages of 500
    for sql in statements:
        lines = plan(db, sql)
        assert_no_scan(lines, sql)
        assert any(line.startswith("SEARCH records USING INDEX records_change") for line in lines), lines
    # a page continues within its audit position from the last rowid read: `last_audit_seq >= ?`
    # alone would walk that position's earlier entries again for every page (one import writes a
    # million records at one position)
    for sql in statements[1:]:
        assert any("records_change (last_audit_seq=? AND rowid>?)" in line for line in plan(db, sql)), sql


def test_a_search_of_a_run_of_digits_reads_the_number_index(county):
    """A run of ID or phone digits: its four-character pieces in the index, which are about as
    rare as the run (its two-character pieces are in a quarter of all records each)."""
    db = county.db
    phone = records.query(db, limit=1)[0].values["phone"]
    text = phone[4:9]
    statements = traced(db, lambda: records.query(db, limit=100, **records.list_filter(search=text)))
    [sql] = [s for s in statements if s.startswith("SELECT id,")]
    assert "record_grams MATCH" in sql and re.search(r"MATCH '\"\d{4}\"", sql), sql
    lines = plan(db, sql)
    assert_no_scan(lines, sql, sorts_found=True)
    assert any(line.startswith("SEARCH records USING INTEGER PRIMARY KEY (rowid=?)") for line in lines), lines
    assert any("SCAN record_grams VIRTUAL TABLE INDEX" in line for line in lines), lines
    assert {r.id for r in records.query(db, limit=None, search=text)} == {
        row[0] for row in db.execute("SELECT id FROM records WHERE search_text LIKE ?", [f"%{text}%"])}


def test_every_match_of_a_search_reads_the_index_when_few_records_hold_it(tmp_path):
    """The command line's list and the count read every match: the index while fewer than 1 in
    60 records match, though more than a page's walk would read it for (pinyin initials, 0.9 %
    of the records: the walk read all 1,000,000 records for them, 5 s)."""
    workspace = bigcounty.open_county(bigcounty.county_at(tmp_path / "county", 50_000))
    db = workspace.db
    try:
        found = records.count(db, search="wl")
        assert 1.3 * 50_000 ** 0.5 < found < 50_000 / 60, found
        page = [s for s in traced(db, lambda: records.query(db, limit=100, search="wl")) if s.startswith("SELECT id,")]
        assert "record_grams" not in page[0]     # a page: the walk finds it sooner
        for run in (lambda: records.query(db, limit=None, search="wl"), lambda: records.count(db, search="wl")):
            [sql] = [s for s in traced(db, run) if "FROM records" in s and "record_grams" in s]
            assert_no_scan(plan(db, sql), sql, sorts_found=True)
        assert len(records.query(db, limit=None, search="wl")) == found
    finally:
        db.conn.close()


def test_the_list_count_without_a_search_reads_the_tallies(county):
    db = county.db
    for args in (records.list_filter(), records.list_filter(form_id=bigcounty.FORM, status="draft"),
                 records.list_filter(status="deleted")):
        [sql] = traced(db, lambda a=args: records.count(db, **a))
        assert "FROM record_tallies" in sql and "records " not in sql.replace("record_tallies", "")
    assert records.count(db, **records.list_filter()) == N


def test_the_monthly_circular_reads_tallies_and_indexes_only(county):
    """Every query the circular runs, with the installation's forms: none reads every record
    (the present and village counts were a scan of every record's JSON: 76 s at a million)."""
    from desktop.core.codelists import codelists_divisions
    from desktop.core.entry.entry import registry
    from desktop.core.reports import circular

    db = county.db
    statements = traced(db, lambda: circular.build(db, bigcounty.COUNTY, "2026-11",
                                                   codelists_divisions.for_workspace(county), forms=registry(county)))
    assert any("record_tallies" in sql for sql in statements)
    for sql in statements:
        lines = plan(db, sql)
        assert not any(FULL_SCAN.match(line) for line in lines), (sql, lines)
        assert not any(re.match(r"SCAN (crosschecks|corrections|sync_audit_in|audit)\b", line) for line in lines), (sql, lines)
        if re.search(r"\bFROM records\b", sql):     # the month's changes: a range of one index, nothing more
            assert lines == ["SEARCH records USING COVERING INDEX records_updated_township (updated_at>? AND updated_at<?)",
                             "USE TEMP B-TREE FOR GROUP BY"], (sql, lines)


def test_the_check_at_entry_reads_only_the_records_changed_since_its_last_refresh(county):
    """The possible-duplicate check refreshes its index of the township's people after every save
    (desktop.core.quality.duplicates.TownshipIndex): by the change index, not the form's index,
    which walks every record of the form (a save grew from 5 to 11 ms over a 5,000-record
    register, and would keep growing)."""
    from desktop.core.entry.entry import registry
    from desktop.core.quality import duplicates

    db = county.db
    definition = registry(county).get(bigcounty.FORM)
    head = db.execute("SELECT max(last_audit_seq) FROM records").fetchone()[0]
    index = duplicates.TownshipIndex(definition, bigcounty.TOWNSHIPS[0])
    index.seq = head - 1
    statements = [s for s in traced(db, lambda: index.refresh(db)) if "FROM records" in s]
    assert len(statements) == 2, statements
    for sql in statements:
        lines = plan(db, sql)
        assert any(line.startswith("SEARCH records USING INDEX records_change (last_audit_seq>?)") for line in lines), (sql, lines)
