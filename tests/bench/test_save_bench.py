"""Saving a record (with its audit row, synchronous=FULL) against a raw sqlite3 INSERT + COMMIT
with the same pragmas on the same disk. Budget (docs/PERFORMANCE.md): <= 1.5x."""

from __future__ import annotations

import itertools
import json
import sqlite3
import uuid

import pytest

from desktop.core.store import records
from desktop.core.store.db import PRAGMAS
from tests.bench.harness import measure_pair, record

pytestmark = pytest.mark.bench

SAVES_PER_RUN = 30
VALUES = {
    "name": "张伟", "id_number": "131025198802143219", "sex": "1", "birth_date": "1988-02-14",
    "ethnicity": "01", "phone": "13812345678", "hukou_address": "河北省廊坊市大城县平舒镇东街村",
    "marital_status": "20", "village": "131025100001", "address_detail": "东街12号", "arrival_date": "2020-03-01",
    "move_reason": "01", "employer": "平舒镇建材厂", "status": "present", "remarks": "",
}


def test_save_vs_raw_sqlite_insert(township, tmp_path):
    counter = itertools.count()

    def app_saves():
        for _ in range(SAVES_PER_RUN):
            values = {**VALUES, "name": f"张伟{next(counter)}"}
            records.save(township.db, form_id="floating_population", form_version="2026110101",
                         township="131025100", values=values, clerk="王丽", unique_fields=("id_number",))

    raw = sqlite3.connect(tmp_path / "raw.db", isolation_level=None)
    for pragma in PRAGMAS:
        raw.execute(pragma)
    assert raw.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL, as the app's store
    raw.execute("CREATE TABLE records (id TEXT PRIMARY KEY, data TEXT NOT NULL)")

    def raw_inserts():
        for _ in range(SAVES_PER_RUN):
            values = {**VALUES, "name": f"张伟{next(counter)}"}
            raw.execute("BEGIN IMMEDIATE")
            raw.execute("INSERT INTO records VALUES (?, ?)", [str(uuid.uuid4()), json.dumps(values, ensure_ascii=False)])
            raw.execute("COMMIT")

    ours, base = measure_pair(app_saves, raw_inserts, runs=11)   # each commit waits for the disk: scattered
    per_save = type(ours)(tuple(v / SAVES_PER_RUN for v in ours.values))
    per_insert = type(base)(tuple(v / SAVES_PER_RUN for v in base.values))
    record("save one record (audit row, synchronous=FULL)", per_save, baseline=per_insert, budget_ratio=1.5,
           baseline_name="raw sqlite3 INSERT + COMMIT, same pragmas",
           note=f"mean of {SAVES_PER_RUN} saves per run")
    raw.close()
    saved = township.db.execute("SELECT count(*) FROM records").fetchone()[0]
    assert saved == SAVES_PER_RUN * 12  # warm-up + 11 runs: every acknowledged save is there
