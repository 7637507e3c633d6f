"""What the operator page shows, read from the hub's tables (read-only; no personal data).

`sites(conn)`: every enrolled county and township with its key's fingerprint, whether revoked,
and the last bundle it sent (when, which number) and how many it has sent; `gaps(conn)`: for each
sender and recipient, the bundle numbers missing between the first and last stored - a bundle
the hub never received, so its recipient is waiting for a stick or a resend; `crosschecks(conn)`:
the cross-county items routed (routing.py), counted by the county they came from and went to;
`circular_months(conn)`: the months the counties sent figures for, with what they hold (the
operator page offers each month's circular).
"""

from __future__ import annotations

import psycopg

_SITES = """
SELECT s.code, s.role, s.county, s.name, s.fingerprint, s.revoked, s.enrolled,
       b.last_received, b.last_sequence, coalesce(b.sent, 0)
FROM sites s
LEFT JOIN (SELECT sender, max(received) AS last_received, max(sequence) AS last_sequence, count(*) AS sent
           FROM bundles GROUP BY sender) b ON b.sender = s.code AND NOT s.revoked
ORDER BY s.county, s.role <> 'county', s.code, s.revoked
"""

# numbered per sender and recipient (a county numbers its return bundles per township)
_GAPS = """
SELECT sender, recipient, array_agg(n ORDER BY n) FROM (
    SELECT r.sender, r.recipient, n
    FROM (SELECT sender, recipient, min(sequence) AS lo, max(sequence) AS hi FROM bundles
          GROUP BY sender, recipient) r,
         generate_series(r.lo, least(r.hi, r.lo + 100000)) AS n
    EXCEPT
    SELECT sender, recipient, sequence FROM bundles
) missing GROUP BY sender, recipient ORDER BY sender, recipient
"""

_FIELDS = ("code", "role", "county", "name", "fingerprint", "revoked", "enrolled", "last_received",
           "last_sequence", "sent")


def sites(conn: psycopg.Connection) -> list[dict]:
    return [dict(zip(_FIELDS, row, strict=True)) for row in conn.execute(_SITES).fetchall()]


def gaps(conn: psycopg.Connection) -> dict[tuple[str, str], list[int]]:
    """{(sender, recipient): the bundle numbers missing between the first and last stored}."""
    return {(sender, recipient): list(numbers) for sender, recipient, numbers in conn.execute(_GAPS).fetchall()}


def totals(conn: psycopg.Connection) -> dict:
    row = conn.execute("SELECT count(*), coalesce(sum(length), 0), max(received) FROM bundles").fetchone()
    return {"bundles": row[0], "bytes": row[1], "last_received": row[2]}


# per county pair: sent down, answered "person unknown" by the hub, waiting (for the named county's
# first bundle, or for the county to be enrolled)
_CROSSCHECKS = """
SELECT from_county, coalesce(to_county, named_county) AS county,
       count(*) FILTER (WHERE bundle IS NOT NULL AND answered IS NULL),
       count(*) FILTER (WHERE answered = 'unknown'),
       count(*) FILTER (WHERE bundle IS NULL)
FROM province_routes GROUP BY 1, 2 ORDER BY 1, 2
"""


def crosschecks(conn: psycopg.Connection) -> list[dict]:
    return [{"from": row[0], "to": row[1], "routed": row[2], "unknown": row[3], "waiting": row[4]}
            for row in conn.execute(_CROSSCHECKS).fetchall()]


def circular_months(conn: psycopg.Connection, limit: int = 24) -> list[tuple[str, str]]:
    """(month, fingerprint) of the newest months with figures: the fingerprint changes whenever a
    county's figures of that month, or the counties listed, change (a circular made before is
    then out of date)."""
    rows = conn.execute(
        "SELECT m.month, string_agg(m.county || ':' || m.bundle, ',' ORDER BY m.county) || '/' ||"
        " (SELECT string_agg(code, ',' ORDER BY code) FROM sites WHERE role = 'county' AND NOT revoked) ||"
        " '/' || (SELECT count(*) FROM province_duplicates)"
        " FROM province_months m GROUP BY m.month ORDER BY m.month DESC LIMIT %s", (limit,)).fetchall()
    return [(month, fingerprint or "") for month, fingerprint in rows]
