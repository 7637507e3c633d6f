"""The refused posts, kept for the operator page: the one writer of the `refusals` table.

A refusal is recorded with its time, the client's address, its code and HTTP status and the
bytes received - never the content. Rate-limited requests (429) are not recorded: a sender at its
limit would otherwise turn each refused request into a write. The table keeps the newest
`KEEP` rows; older ones are deleted as new ones come, so a flood of bad posts costs a bounded
table, not the disk.
"""

from __future__ import annotations

import psycopg

KEEP = 10_000
_TRIM_EVERY = 100     # trim once in this many inserts: a DELETE per refusal would double the writes


def record(conn: psycopg.Connection, address: str, code: str, status: int, length: int = 0) -> None:
    with conn.transaction():
        row = conn.execute("INSERT INTO refusals (address, code, status, length) VALUES (%s, %s, %s, %s) "
                           "RETURNING id", (address[:64], code[:64], status, length)).fetchone()
        if row[0] % _TRIM_EVERY == 0:
            conn.execute("DELETE FROM refusals WHERE id <= %s", (row[0] - KEEP,))


def newest(conn: psycopg.Connection, limit: int = 50) -> list[dict]:
    rows = conn.execute("SELECT at, address, code, status, length FROM refusals ORDER BY id DESC LIMIT %s",
                        (limit,)).fetchall()
    return [dict(zip(("at", "address", "code", "status", "length"), row, strict=True)) for row in rows]


def count_since(conn: psycopg.Connection, hours: int = 24) -> int:
    return conn.execute("SELECT count(*) FROM refusals WHERE at > now() - make_interval(hours => %s)",
                        (hours,)).fetchone()[0]
