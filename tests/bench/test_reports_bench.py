"""Benchmarks: the daily summary of a 100,000-record database builds in <= 300 ms, its PDF in <= 1 s.

The database is filled in one transaction with the same rows records.save writes (record + hash-
chained audit row), over 90 days, the last of them a busy day of 600 changes with overrides.
Run: PYTHONPATH=$PWD QT_QPA_PLATFORM=offscreen python -m pytest -m bench tests/bench/test_reports_bench.py -s
"""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest

from desktop.core.store import audit
from desktop.core.store.db import transaction
from desktop.core.store.records import COLUMNS
from tests.bench.harness import measure, record

RECORDS = 100_000
BUSY_DAY = "2026-11-20"
VILLAGES = ["131025100001", "131025100002", "131025100003", "131025100004", "131025100005"]


def fill(db) -> None:
    start = dt.datetime.fromisoformat("2026-08-23T08:00:00+08:00")
    busy = dt.datetime.fromisoformat(f"{BUSY_DAY}T08:00:00+08:00")
    with transaction(db):
        for n in range(RECORDS):
            if n >= RECORDS - 600:
                moment = busy + dt.timedelta(seconds=50 * (n - (RECORDS - 600)))
            else:
                moment = start + dt.timedelta(seconds=n * 77)   # about 90 days before the busy day
            stamp = moment.isoformat(timespec="seconds")
            values = {"name": f"测试{n}", "village": VILLAGES[n % 5], "id_number": f"{n:018d}"}
            status = "draft" if n % 50 == 0 else "complete"
            details = {"values": values, "status": status, "form_version": "1"}
            if n % 40 == 0:
                details["overrides"] = {"arrival_date": "已核实"}
            record_id = str(uuid.uuid4())
            entry = audit.append(db, "create", clerk=("王丽", "李强")[n % 2], record_id=record_id,
                                 form_id="floating_population", details=details, at=stamp)
            db.execute(f"INSERT INTO records ({COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,0,NULL,?,?)",
                       [record_id, "floating_population", "1", "131025100", status, 1,
                        json.dumps(values, ensure_ascii=False), stamp, "王丽", stamp, "王丽", entry.seq, ""])


@pytest.fixture(scope="module")
def big_township(tmp_path_factory):
    from desktop.core.workspace.setup import initialise
    from tests.conftest import PASSWORD

    workspace = initialise(tmp_path_factory.mktemp("bench") / "t", role="township", code="131025100",
                           clerk="王丽", password=PASSWORD)
    fill(workspace.db)
    yield workspace
    workspace.close()


@pytest.mark.bench
def test_daily_summary_of_100k_records(big_township, tmp_path):
    from desktop.core.reports import daily
    from desktop.render import output

    db = big_township.db
    assert db.execute("SELECT count(*) FROM records").fetchone()[0] == RECORDS
    summary = daily.build(db, "131025100", BUSY_DAY)
    assert summary.totals.created == 600
    build = measure(lambda: daily.build(db, "131025100", BUSY_DAY), runs=7)
    output.ensure_app()
    output.write_pdf(summary, tmp_path / "warm.pdf")       # first use loads the fonts
    pdf = measure(lambda: output.write_pdf(summary, tmp_path / "summary.pdf"), runs=7, warmup=0)
    day = f"{RECORDS:,} records, {summary.totals.total} changes that day"
    record("daily summary: build at 100,000 records", build, budget=0.300, note=day)
    record("daily summary: PDF at 100,000 records", pdf, budget=1.0, note=day + "; fonts already loaded")
    assert build.median > 0 and pdf.median > 0
