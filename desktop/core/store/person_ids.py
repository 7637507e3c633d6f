"""The same person ID in current records of two townships: one query, used by the county's import,
its corrections checks and its reports, and the only writer of `sync_resident_conflicts`.

A record's person ID is the value of its form's person-ID field (desktop.core.forms.keys), kept
in `record_keys` by the records writer; the query is index lookups from the records in scope, so
its cost follows the number of records checked, not the size of the county.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from desktop.core.clock import now_iso


class Holder(NamedTuple):
    """A current record holding a person ID that a current record of another township also holds."""

    form_id: str
    value: str
    record_id: str
    township: str


# {scope} is where the records whose IDs are looked at (r1) come from; every holder of such an ID
# is returned. CROSS JOIN fixes the join order: from the records in scope through the keys' indexes,
# never a scan of every record of the county.
_SHARED = """
WITH shared(form_id, field, value) AS MATERIALIZED (
    SELECT DISTINCT k1.form_id, k1.field, k1.value
    FROM {scope} CROSS JOIN record_keys k1 ON k1.record_id = r1.id
    CROSS JOIN record_keys k2 ON k2.form_id = k1.form_id AND k2.field = k1.field AND k2.value = k1.value
                              AND k2.record_id != k1.record_id
    CROSS JOIN records r2 ON r2.id = k2.record_id
    WHERE +r1.deleted = 0 AND r2.deleted = 0 AND r1.township != r2.township
      AND (k1.form_id, k1.field) IN (VALUES {fields}){where})
SELECT k.form_id, k.value, r.id, r.township
FROM shared s CROSS JOIN record_keys k ON k.form_id = s.form_id AND k.field = s.field AND k.value = s.value
CROSS JOIN records r ON r.id = k.record_id
WHERE r.deleted = 0
ORDER BY k.form_id, k.value, r.created_at, r.id
"""


# every record at once: the IDs held by two or more key rows, found in one ordered walk of the
# keys' own index per (form, field), then only their holders read (the way from every record through
# the indexes is a million lookups at a million records: 40-60 s against about 2 s)
_HELD_TWICE = ("SELECT form_id, field, value FROM record_keys WHERE form_id = ? AND field = ? "
               "GROUP BY value HAVING count(*) > 1")
_SHARED_ALL = """
WITH held(form_id, field, value) AS MATERIALIZED ({held}),
shared(form_id, field, value) AS MATERIALIZED (
    SELECT k.form_id, k.field, k.value
    FROM held d CROSS JOIN record_keys k ON k.form_id = d.form_id AND k.field = d.field AND k.value = d.value
    CROSS JOIN records r ON r.id = k.record_id
    WHERE r.deleted = 0
    GROUP BY k.form_id, k.field, k.value HAVING count(DISTINCT r.township) > 1)
SELECT k.form_id, k.value, r.id, r.township
FROM shared s CROSS JOIN record_keys k ON k.form_id = s.form_id AND k.field = s.field AND k.value = s.value
CROSS JOIN records r ON r.id = k.record_id
WHERE r.deleted = 0
ORDER BY k.form_id, k.value, r.created_at, r.id
"""


def shared_ids(db, fields: Iterable[tuple[str, str]], *, since_audit_seq: int | None = None,
               record_ids: Iterable[str] | None = None) -> list[Holder]:
    """Every current holder of a person ID held in two or more townships, grouped by ID and oldest
    registration first (created_at, then id, so the order is stable). `fields` are the (form,
    field) pairs that hold a person ID; `since_audit_seq` or `record_ids` limit the IDs looked at
    to those of the records changed after that audit position, or of those records."""
    fields = list(fields)
    if not fields:
        return []
    args: list = [part for pair in fields for part in pair]
    scope, where = "records r1", ""
    if since_audit_seq is None and record_ids is None:
        # the same IDs as the query below from every record: an ID two townships' current records hold
        held = " UNION ALL ".join(f"SELECT * FROM ({_HELD_TWICE})" for _ in fields)
        return [Holder(*row) for row in db.execute(_SHARED_ALL.format(held=held), args)]
    if since_audit_seq is not None:
        where = " AND r1.last_audit_seq > ?"
        args.append(since_audit_seq)
    elif record_ids is not None:
        # a scratch table of this connection: the ids may be many more than SQL parameters allow
        db.execute("CREATE TEMP TABLE IF NOT EXISTS person_ids_scope (id TEXT PRIMARY KEY)")
        db.execute("DELETE FROM temp.person_ids_scope")
        db.conn.executemany("INSERT OR IGNORE INTO temp.person_ids_scope VALUES (?)", [(i,) for i in record_ids])
        scope = "temp.person_ids_scope s CROSS JOIN records r1 ON r1.id = s.id"
    sql = _SHARED.format(fields=", ".join("(?, ?)" for _ in fields), scope=scope, where=where)
    try:
        return [Holder(*row) for row in db.execute(sql, args)]
    finally:
        if record_ids is not None and since_audit_seq is None:
            db.execute("DELETE FROM temp.person_ids_scope")


def pairs(holders: Iterable[Holder]) -> list[tuple[Holder, Holder]]:
    """(later, first) for each holder registered after the first holder of its ID, in another
    township (ordered as shared_ids returns them)."""
    found, first = [], {}
    for holder in holders:
        key = (holder.form_id, holder.value)
        if key not in first:
            first[key] = holder
        elif holder.township != first[key].township:
            found.append((holder, first[key]))
    return found


def flag_conflicts(db, record_ids: list[str], fields: Iterable[tuple[str, str]], *,
                   held: Iterable[str] | None = None) -> int:
    """Flag in sync_resident_conflicts each pair of current records of two townships holding the
    same person ID where one side is among `record_ids` (the records an import just applied);
    returns how many pairs were looked at. Call inside the import's transaction.

    An open flag of one of these records that their new version no longer shares (the ID was
    corrected, the record deleted) is dropped first, so the flags follow the newest versions
    whatever order the bundles arrive in. `held` names those of `record_ids` the county held
    before this apply: only they can have a flag (a record is flagged once held, and never
    leaves the table), so only theirs are looked for; None: any may have one."""
    if not record_ids:
        return 0
    wanted = set(record_ids)
    groups: dict[tuple[str, str], list[Holder]] = {}
    for holder in shared_ids(db, fields, record_ids=record_ids):
        groups.setdefault((holder.form_id, holder.value), []).append(holder)
    stamp, rows = now_iso(), set()
    for holders in groups.values():
        for a in holders:
            if a.record_id not in wanted:
                continue
            for b in holders:
                if b.township != a.township:
                    first, second = sorted((a, b), key=lambda h: h.record_id)
                    rows.add((first.record_id, first.township, second.record_id, second.township, a.form_id, stamp))
    if held is None or (held := [i for i in held if i in wanted]):
        _drop_stale(db, record_ids if held is None else held, {(row[0], row[2]) for row in rows})
    db.conn.executemany("INSERT OR IGNORE INTO sync_resident_conflicts (record_a, township_a, record_b, township_b,"
                        " form_id, found_at) VALUES (?,?,?,?,?,?)", sorted(rows))
    return len(rows)


def _drop_stale(db, record_ids: list[str], current: set[tuple[str, str]]) -> None:
    """Drop the open flags of `record_ids` that are not among the `current` pairs."""
    db.execute("CREATE TEMP TABLE IF NOT EXISTS person_ids_applied (id TEXT PRIMARY KEY)")
    db.execute("DELETE FROM temp.person_ids_applied")
    try:
        db.conn.executemany("INSERT OR IGNORE INTO temp.person_ids_applied VALUES (?)", [(i,) for i in record_ids])
        flagged = db.execute("SELECT record_a, record_b FROM sync_resident_conflicts WHERE resolved_at IS NULL AND"
                             " (record_a IN (SELECT id FROM temp.person_ids_applied)"
                             " OR record_b IN (SELECT id FROM temp.person_ids_applied))").fetchall()
        db.conn.executemany("DELETE FROM sync_resident_conflicts WHERE record_a = ? AND record_b = ?",
                            [tuple(pair) for pair in flagged if tuple(pair) not in current])
    finally:
        db.execute("DELETE FROM temp.person_ids_applied")


def mark_handled(db, record_id: str, other_id: str) -> None:
    """A correction task now covers the pair: it no longer counts as open."""
    if "sync_resident_conflicts" not in db.table_names():
        return
    first, second = sorted([record_id, other_id])
    db.execute("UPDATE sync_resident_conflicts SET resolved_at = coalesce(resolved_at, ?) "
               "WHERE record_a = ? AND record_b = ?", [now_iso(), first, second])


def open_conflicts(db) -> int:
    """Flagged pairs no correction task covers yet (the county's sync status)."""
    return db.execute("SELECT count(*) FROM sync_resident_conflicts WHERE resolved_at IS NULL").fetchone()[0]
