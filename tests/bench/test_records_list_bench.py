"""Benchmarks of the records list at 100,000 records (docs/CLIENT.md has the figures).

Budgets (DESIGN.md): the first page shows in <= 100 ms and a 2-character search returns in
<= 50 ms. "Returns" means its first page is on screen; when that page is full, the total is
counted on a worker thread and the count label fills in after. Each is measured through the real model and view, next to a baseline in the same run:
a bare SQLite SELECT of the same page; the medians go into docs/PERFORMANCE.md's table.
Run: scripts/bench.sh -k records_list
"""

from __future__ import annotations

import json
import random
import time
import uuid

import pytest

from desktop.core.store import records
from desktop.core.store.db import transaction
from desktop.core.store.search import search_text
from tests.bench.harness import Stats, record

pytestmark = pytest.mark.bench
N = 100_000
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"
SEARCHES = ["wl", "zs", "13", "王丽", "x9", "qq", "zh", "05"]


@pytest.fixture(scope="module")
def big_township(tmp_path_factory):
    from desktop.core.workspace.setup import initialise

    rng = random.Random(7)
    workspace = initialise(tmp_path_factory.mktemp("bench") / "t", role="township", code="131025100",
                           clerk="王丽", password="bench-password")
    rows = []
    for i in range(N):
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        id_number = (f"131025{rng.randint(1950, 2005):04d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
                     f"{rng.randint(0, 999):03d}{rng.choice('0123456789X')}")
        values = {"name": name, "id_number": id_number, "sex": rng.choice("12"),
                  "village": f"1310251000{rng.randint(1, 5):02d}", "phone": f"13{rng.randint(0, 10**9 - 1):09d}",
                  "hukou_address": "河北省廊坊市大城县某某乡某某村", "arrival_date": "2020-01-01", "status": "present"}
        stamp = (f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:"
                 f"{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}.{i % 10**6:06d}+08:00")
        rows.append((str(uuid.uuid4()), "floating_population", "1", "131025100", "complete", 1,
                     json.dumps(values, ensure_ascii=False), stamp, "王丽", stamp, "王丽", 0, None, i + 10,
                     search_text(values)))
    with transaction(workspace.db):
        workspace.db.conn.executemany(f"INSERT INTO records ({records.COLUMNS}) VALUES ({','.join('?' * 15)})", rows)
        records.write_search_index(workspace.db, workspace.db.execute("SELECT rowid, search_text FROM records"),
                                   replace=False)
    # no ANALYZE: a real store has only what PRAGMA optimize gathers (the plans are pinned without it)
    workspace.clerk, workspace.clerk_role = "王丽", "admin"
    yield workspace
    workspace.close()


def runs_of(function, runs=7) -> Stats:
    """Seconds of each of `runs` runs after one warm-up run. Background counts finish between
    runs, untimed, so they never compete with the next run."""
    from PySide6.QtCore import QCoreApplication, QThreadPool

    times = []
    for attempt in range(runs + 1):
        start = time.perf_counter()
        function()
        if attempt:
            times.append(time.perf_counter() - start)
        QThreadPool.globalInstance().waitForDone()
        QCoreApplication.processEvents()
    return Stats(tuple(times))


def test_first_page_within_100_ms(qtbot, big_township):
    from desktop.ui.entry.records_model import FIRST_PAGE, PAGE_SIZE, RecordFilter
    from desktop.ui.entry.records_page import RecordsPage

    page = RecordsPage(big_township)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    qtbot.waitUntil(page.model.total_known, timeout=10_000)
    assert page.model.total() == N

    def show_first_page():
        page.model.set_filter(RecordFilter(form_id=None))
        page.table.viewport().repaint()

    db = big_township.db
    baseline = runs_of(lambda: db.execute(f"SELECT {records.COLUMNS} FROM records WHERE deleted = 0 "
                                          "ORDER BY updated_at DESC, id LIMIT ?", [PAGE_SIZE]).fetchall())
    measured = runs_of(show_first_page)
    record("records list: first page at 100,000 records", measured, baseline=baseline, budget=0.100,
           baseline_name="bare SQLite SELECT of the page", note="model reset and table repainted")
    assert page.model.rowCount() == FIRST_PAGE   # the list reads its first 40 rows, more as the clerk scrolls


def test_two_character_search_within_50_ms(qtbot, big_township):
    from desktop.core.store.search import like_pattern
    from desktop.ui.entry.records_model import PAGE_SIZE, RecordFilter, RecordsModel

    model = RecordsModel(big_township.db, count_db_path=big_township.paths.db_path)
    db = big_township.db
    worst = None
    for query in SEARCHES:
        measured = runs_of(lambda q=query: model.set_filter(RecordFilter(search=q)))
        baseline = runs_of(lambda q=query: db.execute(
            f"SELECT {records.COLUMNS} FROM records WHERE deleted = 0 AND search_text LIKE ? ESCAPE '\\' "
            "ORDER BY updated_at DESC, id LIMIT ?", [like_pattern(q), PAGE_SIZE]).fetchall())
        if worst is None or measured.median > worst[0].median:
            worst = (measured, baseline, query)
        qtbot.waitUntil(model.total_known, timeout=10_000)
        print(f"  search {query!r}: {measured.median * 1000:.1f} ms, {model.total()} found "
              f"(bare page {baseline.median * 1000:.1f} ms)")
    measured, baseline, query = worst
    record("records list: 2-character search at 100,000 records", measured, baseline=baseline, budget=0.050,
           baseline_name="bare SQLite LIKE query of the page",
           note=f"slowest of {len(SEARCHES)} queries ({query!r}), first page shown")
