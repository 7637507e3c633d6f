"""The hub's schema: numbered SQL migrations applied in order, recorded in schema_version.

`township hub init` runs `migrate`: on an empty database it creates everything, on one made by
an older hub it applies only the migrations not yet recorded, and on an up-to-date one it does
nothing - so running init again is how a hub is upgraded. Each migration runs in its own
transaction together with its schema_version row, under an advisory lock, so two inits at once
cannot both apply one. A database recorded at a version newer than this program knows is refused.
"""

from __future__ import annotations

import re
from importlib import resources

import psycopg

from desktop.core.i18n import Text
from desktop.hub.db import HubError

_MIGRATION = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
_LOCK = 0x7464_6875_6231   # pg_advisory_xact_lock key: "tdhub1"


def migrations() -> list[tuple[int, str, str]]:
    """(number, file name, SQL) of every migration shipped, in order."""
    folder = resources.files("desktop.hub") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = _MIGRATION.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    numbers = [number for number, _, _ in found]
    if len(set(numbers)) != len(numbers):
        raise RuntimeError(f"two hub migrations share a number: {numbers}")
    return found


def current_version(conn: psycopg.Connection) -> int:
    exists = conn.execute("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()[0]
    if not exists:
        return 0
    return conn.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]


def migrate(conn: psycopg.Connection) -> list[str]:
    """Apply the migrations the database lacks; returns the names of those applied."""
    applied = []
    shipped = migrations()
    newest = shipped[-1][0] if shipped else 0
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK,))
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, name text NOT NULL,"
                     " applied timestamptz NOT NULL DEFAULT now())")
    have = current_version(conn)
    if have > newest:
        raise HubError(Text(f"the hub database is at schema version {have}, newer than this program knows "
                            f"({newest}); update the program first",
                            f"中心数据库的结构版本为 {have}，比本程序所知（{newest}）更新；请先升级本程序"),
                       code="newer-schema")
    for number, name, sql in shipped:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK,))
            if conn.execute("SELECT 1 FROM schema_version WHERE version = %s", (number,)).fetchone():
                continue   # applied meanwhile by another init
            conn.execute(sql)
            conn.execute("INSERT INTO schema_version (version, name) VALUES (%s, %s)", (number, name))
            applied.append(name)
    return applied
