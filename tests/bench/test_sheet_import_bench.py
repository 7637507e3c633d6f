"""Importing a register of BENCH_IMPORT_ROWS rows (default 50,000) from an .xlsx against saving the
same records through the one writer (desktop.core.entry.form_entry.save, the rules included), each
into a fresh store. Budget (docs/PERFORMANCE.md): <= 2x. The peak of the memory the import
allocates is recorded too: rows are streamed and a saved row is not kept, so
it grows only with the rows the report lists (here every row: a dry run of rows already present).
`BENCH_IMPORT_ROWS=5000` runs a smaller register."""

from __future__ import annotations

import datetime
import os
import random
import time
import tracemalloc

import pytest
from stdnum.cn import ric

from tests.bench.harness import record

pytestmark = pytest.mark.bench

ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "50000"))
CHUNKS = 10
FORM = "floating_population"
SURNAMES, GIVEN = "王李张刘陈杨赵黄周吴", "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚"
HEADERS = ["序号", "姓 名", "公民身份号码", "性别", "出生日期", "民族", "联系电话", "户籍地", "婚姻状况", "村/居委会",
           "来本地日期", "流动原因", "状态"]


def people(count: int):
    """(sheet cells, values as the form stores them) for `count` (up to 80,000) different people.
    No two are "possibly the same person" (desktop.core.quality.duplicates), whose warning would
    need a reason: every full name is different, and no two people of one surname share a birth
    date (the blocking keys of that check)."""
    rng = random.Random(11)
    for n in range(count):
        k = n // len(SURNAMES)
        birth = datetime.date(1950, 1, 1) + datetime.timedelta(days=k)
        body = f"131025{birth:%Y%m%d}{n % 1000:03d}"
        number = body + ric.calc_check_digit(body + "0")
        sex = "1" if int(number[16]) % 2 else "2"
        name = SURNAMES[n % len(SURNAMES)] + "".join(GIVEN[(k // len(GIVEN) ** i) % len(GIVEN)] for i in range(3))
        phone = f"13{rng.randint(0, 10**9 - 1):09d}"
        cells = [n + 1, name, number, "男" if sex == "1" else "女", datetime.datetime.combine(birth, datetime.time()),
                 "汉族", phone, "河北省廊坊市大城县某某乡某某村", "未婚", "东街村", datetime.datetime(2024, 3, 1),
                 "务工经商", "在本地"]
        values = {"name": name, "id_number": number, "sex": sex, "birth_date": birth.isoformat(), "ethnicity": "01",
                  "phone": phone, "hukou_address": "河北省廊坊市大城县某某乡某某村", "marital_status": "10",
                  "village": "131025100001", "arrival_date": "2024-03-01", "move_reason": "01", "status": "present"}
        yield cells, values


def write_register(path, rows) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("台账")
    sheet.append(["平舒镇流动人口登记台账"])
    sheet.append(HEADERS)
    for cells, _ in rows:
        sheet.append(cells)
    book.save(path)


def fresh_township(folder):
    from desktop.core.workspace.setup import initialise

    workspace = initialise(folder, role="township", code="131025100", clerk="王丽", password="bench-password")
    workspace.clerk, workspace.clerk_role = "王丽", "admin"
    return workspace


def test_import_vs_saving_the_same_records(tmp_path):
    """The rows go in CHUNKS registers, imported in turn with saving the same chunk's records
    directly, so that drift in the disk's speed (the machine is shared) hits both alike; then one
    register of all the rows is dry-run for the memory figure (the rules on every row, no saves)."""
    from desktop.core.entry import form_entry
    from desktop.core.progress import Progress
    from desktop.core.sheets import importer
    from desktop.core.store import records

    rows = list(people(ROWS))
    size = -(-ROWS // CHUNKS)
    chunks = [rows[i:i + size] for i in range(0, ROWS, size)]
    for number, chunk in enumerate(chunks):
        write_register(tmp_path / f"台账{number}.xlsx", chunk)
    whole = tmp_path / "台账.xlsx"
    write_register(whole, rows)

    direct, imported = fresh_township(tmp_path / "direct"), fresh_township(tmp_path / "imported")
    form = form_entry.registry_for(direct).get(FORM)
    saving = importing = 0.0
    reports = []
    for number, chunk in enumerate(chunks):
        started = time.perf_counter()
        for _, values in chunk:
            form_entry.save(direct, form, values)
        saving += time.perf_counter() - started
        started = time.perf_counter()
        report = importer.import_sheet(imported, FORM, tmp_path / f"台账{number}.xlsx",
                                       progress=Progress(lambda *a: reports.append(a[:2]), interval=0.5))
        importing += time.perf_counter() - started
        assert report.counts["saved"] == len(chunk) and not report.rows, report.rows[:3]
        assert reports[-1] == (len(chunk), len(chunk))
    assert records.count(direct.db, form_id=FORM) == ROWS == records.count(imported.db, form_id=FORM)
    expected = {values["id_number"]: values for _, values in rows}
    for stored in records.query(imported.db, form_id=FORM, limit=20):
        assert {k: stored.values.get(k) for k in expected[stored.values["id_number"]]} == \
            expected[stored.values["id_number"]]
    direct.close()
    del rows, chunks, expected

    tracemalloc.start()
    dry = importer.import_sheet(imported, FORM, whole, dry_run=True)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert dry.counts["present"] == ROWS
    imported.close()

    record(f"import a {ROWS:,}-row .xlsx register (rules, one save per row)", importing, baseline=saving,
           budget_ratio=2.0, baseline_name="the same records through form_entry.save",
           note=f"{CHUNKS} registers, each imported in turn with saving its records", runs=1)
    record(f"import a {ROWS:,}-row .xlsx register: peak memory (dry run, every row listed)", peak, unit="bytes",
           note="tracemalloc peak of a dry run of one register of every row", runs=1)
