"""Benchmark: the provincial circular over 10,000,000 records <= 10 s (DESIGN.md budgets).

A hub database in the province role as a province of 170 counties (Hebei has some 170 county-level
divisions) of 20 townships each would hold it: 10,000,000 present people as keyed hashes
(`province_persons`, both indexes), 100,000 of them registered in two counties
(`province_duplicates`), and twelve months of figures of the 3,400 townships. The rows are made
by SQL in the throw-away cluster of tests/hub (fsync off: the load is setup, not measured). What
is measured is what `township hub circular --month --pdf` does: read the month's figures and the
count of people in two counties (desktop/hub/circular.py), rank (core/reports/provincial.py) and
write the PDF with the county circular's renderer - and again with the optional annex of the
3,400 townships (`--townships`).

Run: PYTHONPATH=$PWD QT_QPA_PLATFORM=offscreen python -m pytest -m bench tests/bench/test_hub_province_bench.py -s
(BENCH_PROVINCE_PERSONS=N for another size.)
"""

from __future__ import annotations

import os
import time

import pytest

from tests.bench.harness import measure, record
from tests.hub.conftest import postgres  # noqa: F401  (the throw-away cluster of tests/hub)

PERSONS = int(os.environ.get("BENCH_PROVINCE_PERSONS", 10_000_000))
COUNTIES, TOWNSHIPS, MONTHS = 170, 20, 12
DUPLICATES = PERSONS // 100
MONTH = "2026-11"

FILL = """
INSERT INTO sites (fingerprint, code, role, county, signing_key, age_recipient, name)
SELECT 'SHA256:bench' || c, '13' || lpad((1000 + c)::text, 4, '0'), 'county', '13' || lpad((1000 + c)::text, 4, '0'),
       'ssh-ed25519 bench', 'age1bench', '县' || c
FROM generate_series(0, {counties} - 1) c;
INSERT INTO bundles (sha256, file_sha256, length, kind, sender, recipient, county, township, sequence, signer, file_name)
SELECT encode(sha256(('bundle' || c)::bytea), 'hex'), encode(sha256(('file' || c)::bytea), 'hex'), 1,
       'county-province', code, '13', code, code, {months}, 'SHA256:bench' || c, 'TD-' || code || '-P000012.tdb'
FROM (SELECT c, '13' || lpad((1000 + c)::text, 4, '0') AS code FROM generate_series(0, {counties} - 1) c) s;
INSERT INTO province_counties (county, name_zh, name_en, sequence, bundle, persons)
SELECT '13' || lpad((1000 + c)::text, 4, '0'), '县' || c, 'County ' || c, {months},
       encode(sha256(('bundle' || c)::bytea), 'hex'), {persons} / {counties}
FROM generate_series(0, {counties} - 1) c;
INSERT INTO province_months (county, month, sequence, bundle, built_at)
SELECT '13' || lpad((1000 + c)::text, 4, '0'), '2026-' || lpad(m::text, 2, '0'), m,
       encode(sha256(('bundle' || c)::bytea), 'hex'), '2026-' || lpad(m::text, 2, '0') || '-28T10:00:00'
FROM generate_series(0, {counties} - 1) c, generate_series(1, {months}) m;
INSERT INTO province_figures
SELECT '13' || lpad((1000 + c)::text, 4, '0'), '2026-' || lpad(m::text, 2, '0'),
       '13' || lpad((1000 + c)::text, 4, '0') || lpad((100 + t)::text, 3, '0'), '乡镇' || t, 'Town ' || t,
       {persons} / {counties} / {townships} + 1, true,
       {persons} / {counties} / {townships} * (100 - (c * 37 + t) % 25) / 100,
       30, 30 - (c + t) % 5, (c * t) % 300, 10 + t % 7, 10 + t % 7 - (c + m) % 4, 20, 20 - (c * t + m) % 9
FROM generate_series(0, {counties} - 1) c, generate_series(1, {months}) m, generate_series(0, {townships} - 1) t;
INSERT INTO province_persons (person, county, township)
SELECT sha256(int8send(CASE WHEN g < {duplicates} THEN g + {persons} - {duplicates} ELSE g END)),
       '13' || lpad((1000 + g % {counties})::text, 4, '0'),
       '13' || lpad((1000 + g % {counties})::text, 4, '0') || lpad((100 + (g / {counties}) % {townships})::text, 3, '0')
FROM generate_series(0, {persons} - 1) g;
INSERT INTO province_duplicates (person, county_a, township_a, county_b, township_b)
SELECT a.person, least(a.county, b.county), CASE WHEN a.county < b.county THEN a.township ELSE b.township END,
       greatest(a.county, b.county), CASE WHEN a.county < b.county THEN b.township ELSE a.township END
FROM province_persons a JOIN province_persons b ON b.person = a.person AND b.county > a.county
WHERE a.person IN (SELECT sha256(int8send(g + {persons} - {duplicates})) FROM generate_series(0, {duplicates} - 1) g)
ON CONFLICT DO NOTHING;
ANALYZE;
"""


@pytest.fixture(scope="module")
def big_province(postgres, tmp_path_factory):  # noqa: F811
    """A hub database of the province described above: its URL."""
    import psycopg

    from desktop.hub import db, identity, schema

    url = postgres.url("bench_province")
    with psycopg.connect(postgres.url(), autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS bench_province")
        conn.execute("CREATE DATABASE bench_province")
    with db.connect(url, autocommit=True) as conn:
        schema.migrate(conn)
        identity.init_hub(conn, tmp_path_factory.mktemp("keys") / "keys", "13")
        conn.execute("UPDATE hub SET name = '河北省'")
    started = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SET maintenance_work_mem = '256MB'")
        conn.execute(FILL.format(counties=COUNTIES, townships=TOWNSHIPS, months=MONTHS, persons=PERSONS,
                                 duplicates=DUPLICATES))
    print(f"filled in {time.perf_counter() - started:.0f} s")
    return url


@pytest.mark.bench
def test_provincial_circular_over_ten_million_records(big_province, tmp_path):
    from desktop.hub import circular
    from desktop.hub.db import connect
    from desktop.render import output

    with connect(big_province) as conn:
        held = conn.execute("SELECT count(*) FROM province_persons").fetchone()[0]
        pairs = conn.execute("SELECT count(DISTINCT person) FROM province_duplicates").fetchone()[0]
        report = circular.build(conn, MONTH)
    assert held == PERSONS and pairs == DUPLICATES
    assert len(report.rows) == COUNTIES and all(row.reported and row.townships == TOWNSHIPS for row in report.rows)
    assert sum(row.present for row in report.rows) > 0 and report.duplicates == DUPLICATES
    output.ensure_app()
    output.write_pdf(report, tmp_path / "warm.pdf")   # the first use loads the fonts

    def whole(townships: bool = False):
        with connect(big_province) as conn:
            built = circular.build(conn, MONTH, townships=townships)
        return output.write_pdf(built, tmp_path / "circular.pdf")

    def build_only():
        with connect(big_province) as conn:
            return circular.build(conn, MONTH)

    built = measure(build_only, runs=5)
    total = measure(whole, runs=5, warmup=0)
    pages = whole()
    annexed = measure(lambda: whole(True), runs=5, warmup=0)
    annex_pages = whole(True)
    what = (f"{PERSONS:,} people of {COUNTIES} counties ({COUNTIES * TOWNSHIPS:,} townships, {MONTHS} months of "
            f"figures), {DUPLICATES:,} in two counties; PostgreSQL with fsync off")
    record("hub: provincial circular over 10M records, build (figures, ranking)", built, budget=10.0,
           note=what, runs=built.runs)
    record("hub: provincial circular over 10M records, build + PDF", total, budget=10.0,
           note=what + f"; {pages} pages, fonts already loaded", runs=total.runs)
    record("hub: provincial circular over 10M records, build + PDF with the townships annex (--townships)",
           annexed, budget=10.0, note=what + f"; {annex_pages} pages, fonts already loaded", runs=annexed.runs)
