"""Benchmarks of a county of 1,000,000 records (issue budgets, docs/PERFORMANCE.md), each against
its baseline in the same run: the same work on a 1,000-record county (or an empty one), or the
same import without re-registrations.

The county is ten townships' records with 0.5 % of people registered again in another township,
built once per machine through the records writer's bulk path (tests/helpers/bigcounty.py, cached
under the temporary folder; `BENCH_COUNTY_RECORDS` for another size) and copied for the run. No
ANALYZE is run: the store has only the statistics the app's own `PRAGMA optimize` gathers.
Peak RSS is this process's maximum resident set after each benchmark.
Run: BENCH_SKIP_BUILD=1 bash scripts/bench.sh -k county_scale
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time

import pytest

from desktop.cli import records_cmd
from desktop.core.exchange import corrections
from desktop.core.store import person_ids, records
from desktop.core.store.db import transaction
from desktop.core.workspace.workspace import Workspace
from tests.bench.harness import Stats, measure, measure_pair, record
from tests.helpers import bigcounty

pytestmark = pytest.mark.bench
N = int(os.environ.get("BENCH_COUNTY_RECORDS", 1_000_000))
SMALL = 1_000
SEARCHES = ["王丽", "wl", "zs", "张伟", "丽强", "1234", "x9", "05"]
SIZE = f"{N:,}"


def peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _open(folder) -> Workspace:
    workspace = bigcounty.open_county(folder)
    workspace.clerk, workspace.clerk_role = "县管", "admin"
    return workspace


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    started = time.perf_counter()
    folder = bigcounty.county_at(tmp_path_factory.mktemp("big") / "county", N)
    print(f"  {SIZE}-record county ready in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    workspace = _open(folder)     # a template built before a migration gets it here, as a county would
    print(f"  opened in {time.perf_counter() - started:.1f} s (migrations of a template built before them included)")
    yield workspace
    workspace.close()


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    workspace = _open(bigcounty.county_at(tmp_path_factory.mktemp("small") / "county", SMALL))
    yield workspace
    workspace.close()


@pytest.fixture(scope="module")
def empty(tmp_path_factory):
    workspace = _open(bigcounty.county_at(tmp_path_factory.mktemp("empty") / "county", 0))
    yield workspace
    workspace.close()


def _search(db, text):
    return records.query(db, limit=100, **records.list_filter(search=text))


def test_two_character_search_and_first_page(big, small):
    worst = None
    for text in SEARCHES:
        ours, baseline = measure_pair(lambda t=text: _search(big.db, t), lambda t=text: _search(small.db, t), runs=7)
        print(f"  search {text!r}: {ours.median * 1000:.1f} ms at {SIZE}, {baseline.median * 1000:.1f} ms at {SMALL:,}")
        if worst is None or ours.median > worst[0].median:
            worst = (ours, baseline, text)
    ours, baseline, text = worst
    record(f"county: 2-character search at {SIZE} records", ours, baseline=baseline, budget=0.050,
           baseline_name=f"the same search at {SMALL:,} records",
           note=f"slowest of {len(SEARCHES)} ({text!r}), the page of 100 (records.query, in process)")
    ours, baseline = measure_pair(lambda: records.query(big.db, limit=100, **records.list_filter()),
                                  lambda: records.query(small.db, limit=100, **records.list_filter()), runs=9)
    record(f"county: list first page at {SIZE} records", ours, baseline=baseline, budget=0.100,
           baseline_name=f"the same page at {SMALL:,} records", note="records.query, in process")
    record(f"county: peak RSS after the searches at {SIZE}", peak_rss(), unit="bytes")


def _circular(workspace):
    from desktop.core.codelists import codelists_divisions
    from desktop.core.entry.entry import registry
    from desktop.core.reports import circular

    divisions, forms = codelists_divisions.for_workspace(workspace), registry(workspace)
    return lambda: circular.build(workspace.db, bigcounty.COUNTY, CIRCULAR_MONTH, divisions, forms=forms)


CIRCULAR_MONTH = "2026-11"     # the last month the county's records were entered in


def test_monthly_circular_at_a_million(big, small):
    ours, baseline = measure_pair(_circular(big), _circular(small), runs=7)
    report = _circular(big)()
    assert sum(row.present for row in report.rows) > N * 0.8 and all(row.villages_covered for row in report.rows)
    record(f"county: monthly circular at {SIZE} records", ours, baseline=baseline, budget=2.0,
           baseline_name=f"the same circular at {SMALL:,} records",
           note="circular.build of the last month with the installation's forms and code list (in process)")
    record(f"county: peak RSS after the circulars at {SIZE}", peak_rss(), unit="bytes")


MEASURE = ("import resource, subprocess, sys\n"
           "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
           "print('PEAK-KB', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
           "sys.exit(code)\n")


def _cli_search(folder, text, *more):
    """`township records list FORM --search TEXT` in its own process (as a clerk runs it): its peak
    RSS is read by a fresh parent whose only child it is."""
    from tests.conftest import run_township

    def run():
        result = run_township("records", "list", bigcounty.FORM, "--search", text, *more, "--data-dir", folder,
                              prefix=[sys.executable, "-c", MEASURE], env={"TOWNSHIP_PASSWORD": bigcounty.PASSWORD})
        assert result.returncode == 0, result.stderr[-2000:]
        peaks.append(int(next(line.split()[1] for line in result.stderr.splitlines() if line.startswith("PEAK-KB"))))
    peaks: list[int] = []
    run.peaks = peaks
    return run


def test_records_list_search_through_the_command_line(big, small):
    """The same searches as a clerk types them at the command line, at 1,000,000 and at 1,000
    records: a name, initials, a birth date from an ID number and a run of ID digits, each of
    which finds records at both sizes (a search finding nothing would not load the form that
    prints the names, and would not be the same command). The command prints the newest
    records_cmd.LIST_LIMIT found and says when more match; the same with every match printed
    (--limit 0) is an info row: what grows there is the output, 1,000 times the matches."""
    some = records.query(small.db, limit=1)[0].values
    texts = [some["name"], "wl", some["id_number"][6:14], some["id_number"][-6:-2]]
    worst = None
    for text in texts:
        assert records.count(small.db, search=text) and records.count(big.db, search=text), text
        ours_run, baseline_run = _cli_search(big.paths.root, text), _cli_search(small.paths.root, text)
        ours, baseline = measure_pair(ours_run, baseline_run, runs=5)
        print(f"  records list --search {text!r}: {ours.median:.2f} s at {SIZE}, {baseline.median:.2f} s at {SMALL:,};"
              f" peak {max(ours_run.peaks) >> 10} / {max(baseline_run.peaks) >> 10} MB")
        if worst is None or ours.median / baseline.median > worst[0].median / worst[1].median:
            worst = (ours, baseline, text, max(ours_run.peaks) * 1024, max(baseline_run.peaks) * 1024)
    ours, baseline, text, peak, baseline_peak = worst
    record(f"county: `records list --search` at {SIZE} records", ours, baseline=baseline, budget_ratio=1.5,
           baseline_name=f"the same command at {SMALL:,} records",
           note=f"the worst ratio of {len(texts)} searches ({text!r}), the newest {records_cmd.LIST_LIMIT} printed")
    record(f"county: `records list --search` peak RSS at {SIZE} records", peak, baseline=baseline_peak,
           unit="bytes", baseline_name=f"at {SMALL:,} records", note=f"the same search ({text!r})")
    every = []
    for text in texts:
        ours, baseline = measure_pair(_cli_search(big.paths.root, text, "--limit", "0"),
                                      _cli_search(small.paths.root, text, "--limit", "0"), runs=5)
        print(f"  records list --search {text!r} --limit 0: {ours.median:.2f} s at {SIZE}, "
              f"{baseline.median:.2f} s at {SMALL:,}")
        every.append((ours.median / baseline.median, ours, baseline, text))
    _ratio, ours, baseline, text = max(every, key=lambda run: run[0])
    record(f"county: `records list --search --limit 0` at {SIZE} records", ours, baseline=baseline,
           baseline_name=f"the same command at {SMALL:,} records",
           note=f"the worst of the same searches ({text!r}), every record found printed (1,000 times as many)")


def test_main_window_at_a_million_as_at_empty(qtbot, big, small, empty):
    from PySide6.QtCore import QCoreApplication, QEvent, QObject

    from desktop.ui.shell.app import build_main_window_for_bench

    class PaintSeen(QObject):
        """Notes the records list's viewport being painted: the timed call ends with its rows on screen."""
        painted = 0

        def eventFilter(self, watched, event):  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint:
                self.painted += 1
            return False

    def open_window(workspace):
        window = build_main_window_for_bench(workspace)
        table = window.pages["records"].table
        seen = PaintSeen(window)
        table.viewport().installEventFilter(seen)
        window.show()
        QCoreApplication.processEvents()
        # the rows were painted within the timed call, and a store with records fills the list
        assert seen.painted and table.viewport().isVisible(), "the list was not painted"
        assert workspace is empty or table.rowAt(table.viewport().height() - 1) >= 0, "the list's rows do not fill it"
        window.close()
        window.deleteLater()
        QCoreApplication.processEvents()
        # processEvents() alone never deletes it: without this every window stayed alive, hidden,
        # and each later one was slower than the one before (docs/PERFORMANCE.md)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    ours, baseline = measure_pair(lambda: open_window(big), lambda: open_window(empty), runs=9)
    record(f"county: main window at {SIZE} records", ours, baseline=baseline, budget_ratio=1.2,
           baseline_name="the same window on an empty county",
           note="built, shown to its list painted (checked), deleted")
    # the same against a store that also has a list to paint: what grows with the store's size alone
    ours, baseline = measure_pair(lambda: open_window(big), lambda: open_window(small), runs=9)
    record(f"county: main window at {SIZE} records against {SMALL:,}", ours, baseline=baseline, budget_ratio=1.2,
           baseline_name=f"the same window on a county of {SMALL:,} records",
           note="built, shown to its list painted (checked), deleted (both paint a page of the list)")
    record(f"county: peak RSS after the main windows at {SIZE}", peak_rss(), unit="bytes")


def _bundle(n: int, seed: int, reregistered: float, townships=bigcounty.TOWNSHIPS[:1]):
    """n new records of one township: people the county does not hold, but for `reregistered` of
    them, each a person the county holds in another township (a re-registration).

    bigcounty.rows numbers its people from 0, as the county's own: taken as they are, nine in ten
    of a bundle's records were the same person as a county record of another township, so the
    "without re-registrations" bundle had about 45,000 of them too (corrected: the figures before,
    docs/PERFORMANCE.md)."""
    pairs = []
    fresh = N + seed * n       # person numbers above the county's (0 to N - 1): held by no record
    for number, (rec, values) in enumerate(bigcounty.rows(n, seed=seed, reregistered=0)):
        rec["id"] = f"{seed:08x}-bench-{number:012d}"
        rec["township"] = townships[0]
        # the county's record number i is of TOWNSHIPS[i % 10]: 10k + 1 is of another township
        person = number * 10 + 1 if number < n * reregistered else fresh + number
        old, new = values["id_number"], bigcounty.person_id(person)
        values["id_number"] = new
        rec["data"] = json.dumps(values, ensure_ascii=False, sort_keys=True)
        rec["search_text"] = rec["search_text"].replace(old, new)
        pairs.append((rec, values))
    return pairs


def _apply_and_check(workspace, pairs, fields):
    """The county import's own work on the records (rolled back after): apply, flag the same
    IDs, and the automatic same-ID check over the records applied - as desktop.core.sync.incoming
    does them: the bundle's records are new here (no stale flag to look for), and the check after
    the import runs when an apply flagged a shared ID (corrections.check_imported's same_ids)."""
    db = workspace.db
    db.execute("BEGIN IMMEDIATE")
    try:
        since = db.execute("SELECT max(seq) FROM audit").fetchone()[0] or 0
        applied = records.apply_received(db, pairs, audit_seq=since + 1, unique_fields=lambda f, v: ("id_number",))
        flagged = person_ids.flag_conflicts(db, applied, fields, held=())
        found = person_ids.pairs(person_ids.shared_ids(db, fields, since_audit_seq=since)) if flagged else []
    finally:
        db.execute("ROLLBACK")
    return found


def _raw_apply(workspace, pairs):
    """The raw SQLite work of the same apply (rolled back after): the rows as they are inserted,
    with their ID keys, in one transaction - the records' tally triggers fire as on any insert."""
    db = workspace.db
    columns = records.BUNDLE_COLUMNS
    rows = [[rec[c] for c in columns] + [rec.get("search_text") or "", 1] for rec, _values in pairs]
    db.execute("BEGIN IMMEDIATE")
    try:
        db.conn.executemany(f"INSERT INTO records ({', '.join(columns)}, search_text, last_audit_seq) VALUES "
                            f"({', '.join('?' * (len(columns) + 2))})", rows)
        db.conn.executemany("INSERT OR IGNORE INTO record_keys VALUES (?, 'id_number', ?, ?)",
                            [(rec["form_id"], values["id_number"], rec["id"]) for rec, values in pairs])
    finally:
        db.execute("ROLLBACK")


def test_import_with_re_registrations_costs_as_one_without(big):
    fields = [(bigcounty.FORM, "id_number")]
    n = min(50_000, max(N // 20, 100))
    with_dups = _bundle(n, 11, 0.01)
    without = _bundle(n, 12, 0.0)
    # what each bundle is: about 1 in 100 a person of another township, and none
    found = _apply_and_check(big, with_dups, fields)
    assert n * 0.01 * 0.95 <= len({later.record_id for later, _first in found}) <= n * 0.01 * 1.05, len(found)
    assert _apply_and_check(big, without, fields) == []
    ours, baseline = measure_pair(lambda: _apply_and_check(big, with_dups, fields),
                                  lambda: _apply_and_check(big, without, fields), runs=5, warmup=0)
    record(f"county: apply + same-ID checks of {n:,} records with {int(n * 0.01):,} re-registrations into {SIZE}",
           ours, baseline=baseline, budget_ratio=2.0, baseline_name="the same without re-registrations",
           note="records.apply_received, flag_conflicts and the check since the import, rolled back")
    ours, raw = measure_pair(lambda: _apply_and_check(big, with_dups, fields), lambda: _raw_apply(big, with_dups),
                             runs=5, warmup=0)
    record(f"county: apply + same-ID checks of {n:,} records with {int(n * 0.01):,} re-registrations into {SIZE}, "
           "against the raw SQLite work", ours, baseline=raw, budget_ratio=2.0,
           baseline_name="raw SQLite insert of the same rows and their ID keys, rolled back",
           note="records.apply_received, flag_conflicts and the check since the import, rolled back")
    record(f"county: peak RSS after the import checks at {SIZE}", peak_rss(), unit="bytes")


SAMPLE = 20_000      # records the straightforward rule evaluation is timed on (the whole of them would take minutes)
SCAN_PROCESS = ("import json, resource, sys, time\n"
                "from desktop.core.exchange import corrections\n"
                "from desktop.core.progress import Progress\n"
                "from tests.helpers import bigcounty\n"
                "workspace = bigcounty.open_county(sys.argv[1])\n"
                "workspace.clerk, workspace.clerk_role = '县管', 'admin'\n"
                "reports = []\n"
                "progress = Progress(lambda done, total, label: reports.append(done), interval=0.5)\n"
                "started = time.perf_counter()\n"
                "raised = corrections.scan(workspace, progress=progress, full=True)\n"
                "print(json.dumps({'seconds': time.perf_counter() - started, 'tasks': len(raised),\n"
                "                  'reports': len(reports), 'peak_kb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))\n")


def _scan_in_own_process(folder) -> dict:
    """A full scan in a fresh process: its time, and that process's own peak resident set."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", SCAN_PROCESS, str(folder)], capture_output=True, text=True,
                            cwd=root, env={**os.environ, "PYTHONPATH": str(root)}, timeout=3600)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_scan_rules_per_record_against_validating_each_record(big):
    """The rules part of the scan on the same records both ways: each form's rules compiled once
    (corrections._rule_findings) against entry.validate of each record, as the scan did before."""
    import itertools

    from desktop.core.entry import entry

    sample = list(itertools.islice(records.changed_since(big.db, -1), SAMPLE))

    def straightforward():
        for r in sample:
            entry.validate(big, r.form_id, r.values, r.id)

    ours, baseline = measure_pair(lambda: corrections._rule_findings(big, sample), straightforward, runs=5, warmup=1)
    per = len(sample)
    record(f"county: scan rules per record at {SIZE} (compiled once per scan)",
           Stats(tuple(v / per for v in ours.values)), baseline=Stats(tuple(v / per for v in baseline.values)),
           budget_ratio=0.05, baseline_name="entry.validate of each record (the scan before)",
           note=f"{per:,} records of the county, the same both ways; the budget is 20x faster")


def test_corrections_scan_full_and_incremental(big, small, tmp_path):
    folder = bigcounty.county_at(tmp_path / "scanned", N)   # a fresh copy: no tasks raised yet
    full = _scan_in_own_process(folder)
    assert full["reports"], "the scan reports progress"
    started = time.perf_counter()
    corrections.scan(small, full=True)
    small_full = time.perf_counter() - started
    record(f"county: corrections scan of {SIZE} records (full)", Stats((full["seconds"],)), budget=120.0,
           baseline=Stats((small_full,)), baseline_name=f"the same scan of {SMALL:,} records",
           note=f"its own process: duplicate IDs, entry rules of every complete record, possible duplicates, "
                f"{full['tasks']:,} tasks written, with progress")
    record(f"county: peak RSS of the full corrections scan at {SIZE}", full["peak_kb"] * 1024, unit="bytes",
           note="the scanning process's own maximum resident set (ru_maxrss)")
    scanned = _open(folder)      # the county just scanned, as its clerk next opens it
    try:
        changed = [r.id for r in records.query(scanned.db, status="complete", limit=100)]
        with transaction(scanned.db):   # changed after the scan (above every audit position, so in every rescan)
            scanned.db.execute("UPDATE records SET last_audit_seq = last_audit_seq + 1000000 WHERE id IN "
                               f"({','.join('?' * len(changed))})", changed)
        rescans = measure(lambda: corrections.scan(scanned), runs=5, warmup=0)
    finally:
        scanned.close()
    record(f"county: corrections rescan after 100 changed records of {SIZE}", rescans, budget=2.0,
           note="incremental: the rules and same-ID check over the 100 changed records; possible duplicates "
                "among the people sharing a blocking key with one (desktop.core.store.duplicate_blocks)")
    record(f"county: peak RSS after the scans at {SIZE}", peak_rss(), unit="bytes")
