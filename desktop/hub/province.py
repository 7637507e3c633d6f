"""The hub in the province role: merge county bundles into PostgreSQL, flag people in two counties.

A county bundle (kind county-province, desktop/core/sync/province_bundle.py) is addressed to the
province, and the hub holds the province's keys (identity.py), so - unlike township and return
bundles, which it only stores - it opens it: verified as every bundle is, decrypted with the hub's
age identity, checked against its schema chunk by chunk, and merged in the same transaction that
stores it in the mailbox (mailbox.ingest). Nothing of it is kept if any part is refused.

Merging, idempotently:
- a resend (the same identity) is answered "duplicate" before this runs: nothing changes;
- the month's figures are replaced when the bundle's sequence is newer than the one holding that
  month (a late older bundle never overwrites a newer month);
- the county's person hashes are replaced whole, by COPY, when the bundle is the county's newest;
  then the pairs of the same hash in two counties are brought up to date for that county;
- an items-only bundle (no month) changes no figures and no persons;
- the cross-check items it carries are routed, each once (routing.py), in the same transaction.
"""

from __future__ import annotations

from desktop.core.i18n import Text
from desktop.core.sync import bundle
from desktop.hub import routing, sites
from desktop.hub.db import HubError

FIGURE_COLUMNS = ("township", "name_zh", "name_en", "task", "task_set_by_county", "present", "villages",
                  "villages_covered", "changes_in_month", "feedback_received", "feedback_in_time",
                  "receipt_sent", "receipt_imported")


ANALYZE_AFTER = 10_000   # person rows replaced: above this, the table's statistics are refreshed


def _refuse(code: str, en: str, zh: str) -> HubError:
    return HubError(Text(en, zh), code=code)


def merge(conn, path, verified: bundle.VerifiedBundle, hub) -> dict:
    """Open the county bundle at `path` (already verified by the mailbox) with the hub's keys and
    merge it; runs inside the caller's transaction. Returns what changed."""
    county = verified.manifest.county
    trusted = {verified.signer.fingerprint: verified.signer}
    with bundle.open_bundle_stream(path, trusted, [hub.keys.age_identity], bundle.KIND_PROVINCE) as opened:
        if opened.sha256 != verified.sha256:
            raise _refuse("hash-mismatch", "the bundle changed while it was read; refused",
                          "同步包在读取时被改动，已拒绝")
        header, sequence = opened.payload, opened.manifest.sequence
        if header["province"] != hub.province:
            raise _refuse("wrong-province", f"the bundle is for province {header['province']}, this hub is "
                          f"province {hub.province}'s; refused", f"同步包发往省 {header['province']}，本中心属于省 "
                          f"{hub.province}，已拒绝")
        expected = conn.execute("SELECT match_key_id FROM hub").fetchone()[0]
        if header["match_key_id"] != expected:
            raise _refuse("other-match-key", "the county hashed its people with another matching key than this "
                          "province's: enroll the current province pack at the county "
                          "(township hub export-pack) and send again",
                          "该县使用的人员比对密钥不是本省当前的密钥：请在县端登记最新的省级配置包后重新报送")
        for row in header["figures"]:
            if not row["township"].startswith(county) or len(row["township"]) != 9:
                raise _refuse("bad-payload", f"figures of {row['township']}, which is not a township of county "
                              f"{county}; refused", f"{row['township']} 不是县 {county} 的乡镇，已拒绝")
        adopted = sites.adopt_townships(conn, county, header.get("townships", []))
        if "month" not in header:       # items only, between the monthly bundles
            for _name, _rows in opened.parts:   # (nothing is streamed in it; read to the end all the same)
                pass
            routed = routing.route(conn, hub, county, header.get("items", []))
            return {"county": county, "month": None, "month_replaced": False, "persons": None,
                    "townships": adopted, "routed": routed}
        # the county's row, made by the first bundle: ON CONFLICT makes a second post arriving at
        # the same time wait for the first and then take the row lock, never fail on the key
        first = conn.execute("INSERT INTO province_counties (county, name_zh, name_en, sequence, bundle, persons)"
                             " VALUES (%s, %s, %s, %s, %s, 0) ON CONFLICT (county) DO NOTHING RETURNING county",
                             (county, header["county_name_zh"], header["county_name_en"], sequence,
                              opened.sha256)).fetchone()
        current = conn.execute("SELECT sequence FROM province_counties WHERE county = %s FOR UPDATE",
                               (county,)).fetchone()
        newest = first is not None or sequence > current[0]
        month_replaced = _merge_month(conn, county, header, sequence, opened.sha256)
        persons = None
        if newest:
            persons = _replace_persons(conn, county, opened.parts)
            conn.execute("UPDATE province_counties SET name_zh = %s, name_en = %s, sequence = %s, bundle = %s,"
                         " persons = %s, merged = now() WHERE county = %s",
                         (header["county_name_zh"], header["county_name_en"], sequence, opened.sha256, persons,
                          county))
            _flag_duplicates(conn, county)
        else:
            for _name, _rows in opened.parts:   # read to the end: every chunk is checked even when unused
                pass
        routed = routing.route(conn, hub, county, header.get("items", []))
    return {"county": county, "month": header["month"], "month_replaced": month_replaced, "persons": persons,
            "townships": adopted, "routed": routed}


def _merge_month(conn, county: str, header: dict, sequence: int, sha256: str) -> bool:
    month = header["month"]
    held = conn.execute("SELECT sequence FROM province_months WHERE county = %s AND month = %s FOR UPDATE",
                        (county, month)).fetchone()
    if held is not None and held[0] >= sequence:
        return False
    conn.execute("DELETE FROM province_months WHERE county = %s AND month = %s", (county, month))  # and its figures
    conn.execute("INSERT INTO province_months (county, month, sequence, bundle, built_at) VALUES (%s, %s, %s, %s, %s)",
                 (county, month, sequence, sha256, header["built_at"]))
    columns = ", ".join(FIGURE_COLUMNS)
    with conn.cursor() as cursor, cursor.copy(f"COPY province_figures (county, month, {columns}) FROM STDIN") as copy:
        for row in header["figures"]:
            copy.write_row((county, month, *(row[name] for name in FIGURE_COLUMNS)))
    return True


def _replace_persons(conn, county: str, parts) -> int:
    conn.execute("DELETE FROM province_persons WHERE county = %s", (county,))
    count = 0
    with conn.cursor() as cursor, cursor.copy("COPY province_persons (person, county, township) FROM STDIN") as copy:
        for _name, rows in parts:
            for row in rows:
                township = row["t"]
                if not township.startswith(county):
                    raise _refuse("bad-payload", f"a person of {township}, which is not a township of county "
                                  f"{county}; refused", f"{township} 不是县 {county} 的乡镇，已拒绝")
                copy.write_row((bytes.fromhex(row["k"]), county, township))
                count += 1
    if count > ANALYZE_AFTER:
        # fresh statistics before the duplicate search joins these rows: planned on the old ones
        # (an empty table, at a county's first bundle) it ran a nested loop over every row for
        # every row - minutes at a million, found by the ingest benchmark
        conn.execute("ANALYZE province_persons")
    return count


def _flag_duplicates(conn, county: str) -> None:
    """The pairs involving `county` as its new hashes say: new ones added (first seen now), those
    it no longer holds dropped, those still true kept with when they were first seen."""
    conn.execute("""
        CREATE TEMP TABLE found ON COMMIT DROP AS
        SELECT DISTINCT mine.person,
               least(mine.county, other.county) AS county_a,
               CASE WHEN mine.county < other.county THEN mine.township ELSE other.township END AS township_a,
               greatest(mine.county, other.county) AS county_b,
               CASE WHEN mine.county < other.county THEN other.township ELSE mine.township END AS township_b
        FROM province_persons mine JOIN province_persons other
          ON other.person = mine.person AND other.county != mine.county
        WHERE mine.county = %s""", (county,))
    conn.execute("""
        DELETE FROM province_duplicates d WHERE (d.county_a = %s OR d.county_b = %s)
          AND NOT EXISTS (SELECT 1 FROM found f WHERE f.person = d.person AND f.county_a = d.county_a
                          AND f.township_a = d.township_a AND f.county_b = d.county_b AND f.township_b = d.township_b)
    """, (county, county))
    conn.execute("INSERT INTO province_duplicates (person, county_a, township_a, county_b, township_b)"
                 " SELECT person, county_a, township_a, county_b, township_b FROM found ON CONFLICT DO NOTHING")
    conn.execute("DROP TABLE found")


def duplicates(conn) -> list[dict]:
    """Every person registered in two counties, by county pair: the townships holding each record
    and a short reference of the keyed hash (never an ID: the hub has none)."""
    rows = conn.execute(
        "SELECT encode(person, 'hex'), county_a, township_a, county_b, township_b, first_seen"
        " FROM province_duplicates ORDER BY county_a, county_b, township_a, township_b, person").fetchall()
    return [{"person": row[0][:16], "county_a": row[1], "township_a": row[2], "county_b": row[3],
             "township_b": row[4], "first_seen": row[5].isoformat()} for row in rows]
