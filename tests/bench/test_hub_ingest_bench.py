"""Benchmark: the hub's ingest of a county bundle of 1,000,000 records <= 2x a raw COPY of the same
rows into the same tables (DESIGN.md budgets; issue #17).

The bundle is a real county-province bundle (desktop/core/sync/province_bundle.py `write_bundle`,
signed by an enrolled county's key, encrypted to the hub): 1,000,000 present people as keyed
hashes in 20 townships, and their figures. Ours is `mailbox.ingest` as `POST /v1/bundles` runs it
(after the body is spooled): verify the container, signature and hashes, store the file's pieces,
decrypt, check every chunk against its schema, merge (COPY of the hashes, figures, the
duplicate pairs). The baseline is a raw COPY of the same 1,000,000 (hash, county, township) rows,
already decoded in memory, into the same `province_persons` table with its indexes, and a commit.
Before each run of either, the tables are emptied (not timed).

Run: PYTHONPATH=$PWD QT_QPA_PLATFORM=offscreen python -m pytest -m bench tests/bench/test_hub_ingest_bench.py -s
(BENCH_INGEST_PERSONS=N for another size.)
"""

from __future__ import annotations

import hashlib
import os
import time

import pytest

from tests.bench.harness import Stats, record
from tests.hub.conftest import postgres  # noqa: F401  (the throw-away cluster of tests/hub)

PERSONS = int(os.environ.get("BENCH_INGEST_PERSONS", 1_000_000))
COUNTY, TOWNSHIPS = "131025", 20
RUNS = 5


def _hash(n: int) -> bytes:
    return hashlib.sha256(n.to_bytes(8, "big")).digest()


@pytest.fixture(scope="module")
def ingest_setup(postgres, tmp_path_factory):  # noqa: F811
    import psycopg

    from desktop.core.sync import enrollment, province_bundle
    from desktop.core.sync.keys import create_keys
    from desktop.hub import db, identity, pack, schema, sites

    root = tmp_path_factory.mktemp("ingest")
    url = postgres.url("bench_ingest")
    with psycopg.connect(postgres.url(), autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS bench_ingest")
        conn.execute("CREATE DATABASE bench_ingest")
    with db.connect(url, autocommit=True) as conn:
        schema.migrate(conn)
        hub, _made = identity.init_hub(conn, root / "keys", "13")
        key = pack.match_key(root / "keys")
        conn.execute("UPDATE hub SET match_key_id = %s", (enrollment.match_key_id(key),))
        county_keys = create_keys(root / "county-keys", "county")
        sites.enroll(conn, enrollment.build_county_pack(county_keys, COUNTY, "大城县"), "13")
    townships = [f"{COUNTY}{100 + t:03d}" for t in range(TOWNSHIPS)]
    figures = [{"township": code, "name_zh": code, "name_en": code, "task": PERSONS // TOWNSHIPS, "task_set_by_county": True,
                "present": PERSONS // TOWNSHIPS, "villages": 30, "villages_covered": 30, "changes_in_month": 1,
                "feedback_received": 1, "feedback_in_time": 1, "receipt_sent": 1, "receipt_imported": 1}
               for code in townships]
    header = {"township": COUNTY, "county_name_zh": "大城县", "county_name_en": "Dacheng County", "province": "13",
              "month": "2026-11", "built_at": "2026-11-30T10:00:00", "match_key_id": enrollment.match_key_id(key),
              "figures": figures}
    rows = ({"k": _hash(n).hex(), "t": townships[n % TOWNSHIPS]} for n in range(PERSONS))
    started = time.perf_counter()
    path, _verified, written = province_bundle.write_bundle(root, county_keys, hub.keys.public().age_recipient,
                                                            header, rows, sequence=1, previous_sha256=None)
    print(f"bundle of {written:,} people written in {time.perf_counter() - started:.1f} s: "
          f"{path.stat().st_size / 1e6:.1f} MB")
    raw = [(_hash(n), COUNTY, townships[n % TOWNSHIPS]) for n in range(PERSONS)]
    return url, hub, path, raw


@pytest.mark.bench
def test_ingest_of_a_county_bundle_of_a_million_records(ingest_setup):
    import psycopg

    from desktop.hub import mailbox

    url, hub, path, raw = ingest_setup
    ours, baseline = [], []

    def run_ours(conn):
        stored = mailbox.ingest(conn, path, hub=hub)
        assert stored.status == mailbox.STORED

    def run_raw(conn):
        with conn.transaction():
            with conn.cursor() as cursor, cursor.copy("COPY province_persons (person, county, township) FROM STDIN") \
                    as copy:
                for row in raw:
                    copy.write_row(row)

    with psycopg.connect(url, autocommit=True) as conn:
        for run in range(RUNS + 1):          # the first pair warms the caches and is not counted
            for which, work, into in ((0, run_ours, ours), (1, run_raw, baseline)):
                _reset_autocommit(conn)
                if which == 1:   # the raw COPY needs the county's row its foreign key names
                    _county_row(conn)
                started = time.perf_counter()
                work(conn)
                elapsed = time.perf_counter() - started
                if run:
                    into.append(elapsed)
            held = conn.execute("SELECT count(*) FROM province_persons").fetchone()[0]
            assert held == PERSONS
    with psycopg.connect(url, autocommit=True) as conn:
        _reset_autocommit(conn)
        run_ours(conn)
        assert conn.execute("SELECT persons FROM province_counties").fetchone()[0] == PERSONS
    size = path.stat().st_size
    record(f"hub: ingest of a county bundle of {PERSONS:,} records", Stats(tuple(ours)), Stats(tuple(baseline)),
           budget_ratio=2.0, baseline_name="raw COPY of the same rows (decoded, in memory) into province_persons",
           note=f"{PERSONS:,} keyed person hashes in {TOWNSHIPS} townships, bundle {size / 1e6:.0f} MB: verify, "
                "store the pieces, decrypt, check, COPY, duplicates; PostgreSQL with fsync off", runs=RUNS)


def _reset_autocommit(conn) -> None:
    for table in ("province_duplicates", "province_persons", "province_figures", "province_months",
                  "province_counties", "bundle_pieces", "bundles"):
        conn.execute(f"DELETE FROM {table}")
    conn.execute("VACUUM ANALYZE")


def _county_row(conn) -> None:
    """What the first bundle of a county makes before its hashes go in: a bundle row and the
    county's row (the raw COPY's foreign key names it)."""
    conn.execute("INSERT INTO bundles (sha256, file_sha256, length, kind, sender, recipient, county, township,"
                 " sequence, signer, file_name) SELECT repeat('0', 64), repeat('0', 64), 0, 'county-province', %s,"
                 " '13', %s, %s, 1, fingerprint, 'raw' FROM sites LIMIT 1", (COUNTY, COUNTY, COUNTY))
    conn.execute("INSERT INTO province_counties (county, name_zh, name_en, sequence, bundle, persons)"
                 " VALUES (%s, '', '', 1, repeat('0', 64), 0)", (COUNTY,))
