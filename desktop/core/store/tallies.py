"""Counts of records read from the tallies the store keeps as records change (migration 1611:
`record_tallies`, kept by triggers on the records writer's table, and by the writer itself in a
bulk apply of received records), so a count costs the same at
a million records as at none.

Read-only: nothing here writes. The tallies know the village and present/left values under the
fallback field names only (`village`, `status`; desktop.core.forms.roles): a caller whose forms
give those roles to other fields counts from the records instead (`covers_roles`).
"""

from __future__ import annotations

from desktop.core.forms import roles
from desktop.core.store.db import Database


def covers_roles(village_sql: str, status_sql: str) -> bool:
    """Whether the tallies' village and presence are those of these role expressions
    (roles.sql_value): true when every form uses the fallback names."""
    return village_sql == roles.sql_value(roles.VILLAGE) and status_sql == roles.sql_value(roles.STATUS)


def count(db: Database, *, form_id: str | None = None, status: str | None = None,
          deleted: bool | None = False) -> int:
    """How many records of `form_id` (None: any), `status` (None: any) and deletion (None: either)."""
    clauses, args = ["n > 0"], []
    if form_id:
        clauses.append("form_id = ?")
        args.append(form_id)
    if status:
        clauses.append("status = ?")
        args.append(status)
    if deleted is not None:
        clauses.append("deleted = ?")
        args.append(1 if deleted else 0)
    row = db.execute(f"SELECT sum(n) FROM record_tallies WHERE {' AND '.join(clauses)}", args).fetchone()
    return int(row[0] or 0)


def present_by_township(db: Database, form_id: str, before_month: str) -> dict[str, int]:
    """{township: current, completed records of `form_id` whose person has not left, created
    before `before_month` (YYYY-MM)}."""
    return {township: int(n) for township, n in db.execute(
        "SELECT township, sum(n) FROM record_tallies WHERE form_id = ? AND status = 'complete' AND deleted = 0"
        " AND gone = 0 AND created_month < ? GROUP BY township", [form_id, before_month])}


def villages_by_township(db: Database, form_id: str, before_month: str) -> dict[str, set[str]]:
    """{township: the villages with at least one such record}."""
    found: dict[str, set[str]] = {}
    for township, village in db.execute(
            "SELECT DISTINCT township, village FROM record_tallies WHERE form_id = ? AND status = 'complete'"
            " AND deleted = 0 AND gone = 0 AND created_month < ? AND n > 0 AND village != ''",
            [form_id, before_month]):
        found.setdefault(township, set()).add(village)
    return found
