"""Guarded reads of figures that other areas own: sync state, cross-checks, corrections.

Reports are printed from the first day, before sync and cross-checks are installed. Each reader
here returns None (or a "not synced yet" state) when the module or table it needs does not exist,
so the summary says "not available" instead of failing. Only a *missing* module is tolerated: an
error raised inside an installed module is a bug and propagates.

The contracts relied on (docs/REPORTS.md):
- `desktop.core.crosschecks.summary_for_day(db, township, date) -> {"outstanding": n,
  "reminders_due": [{"subject", "target_township", "target_phone", "sent_at"}]}`
- `desktop.core.crosschecks.feedback_counts(db, township, date_from, date_to) ->
  {"received": n, "answered_in_time": n}`
- `desktop.core.corrections.open_count(db) -> n`
- sync: the setting `sync_state` (a JSON object with any of last_export_sequence,
  last_export_at, last_ack_sequence, last_ack_at, acked_audit_seq), else the audit trail's
  "export" and "import" events.
"""

from __future__ import annotations

import importlib
import json
from dataclasses import dataclass
from types import ModuleType

from desktop.core.db import Database

SYNC_STATE_SETTING = "sync_state"


def optional_module(name: str) -> ModuleType | None:
    """The module, or None when it is not installed yet (any other import failure is a bug)."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name and (name == error.name or name.startswith(error.name + ".")):
            return None
        raise


def crosscheck_day(db: Database, township: str, date: str) -> dict | None:
    module = optional_module("desktop.core.crosschecks")
    if module is None or not hasattr(module, "summary_for_day"):
        return None
    figures = module.summary_for_day(db, township, date)
    return {"outstanding": int(figures.get("outstanding", 0)),
            "reminders_due": list(figures.get("reminders_due", []))}


def crosscheck_feedback(db: Database, township: str, date_from: str, date_to: str) -> dict | None:
    module = optional_module("desktop.core.crosschecks")
    if module is None or not hasattr(module, "feedback_counts"):
        return None
    figures = module.feedback_counts(db, township, date_from, date_to)
    return {"received": int(figures.get("received", 0)),
            "answered_in_time": int(figures.get("answered_in_time", 0))}


def corrections_open(db: Database) -> int | None:
    module = optional_module("desktop.core.corrections")
    if module is None or not hasattr(module, "open_count"):
        return None
    return int(module.open_count(db))


@dataclass(frozen=True)
class SyncState:
    """Where this installation stands with the county; `synced` is False before the first export."""

    synced: bool
    last_export_sequence: int | None = None
    last_export_at: str | None = None
    last_ack_sequence: int | None = None
    last_ack_at: str | None = None
    pending_changes: int = 0


def _table_exists(db: Database, name: str) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", [name]).fetchone() is not None


LAST_EVENT_SQL = "SELECT at, details FROM audit WHERE event = ? ORDER BY seq DESC LIMIT 1"   # index audit_event
PENDING_SQL = "SELECT count(*) FROM records WHERE township = ? AND last_audit_seq > ?"       # records_township_change


def sync_state(db: Database, township: str) -> SyncState:
    state = {}
    if _table_exists(db, "settings"):
        row = db.execute("SELECT value FROM settings WHERE key = ?", [SYNC_STATE_SETTING]).fetchone()
        if row:
            loaded = json.loads(row[0])
            state = loaded if isinstance(loaded, dict) else {}
    if not state.get("last_export_at"):
        # fallback: the trail's own export / import events (the sync area appends them)
        export = db.execute(LAST_EVENT_SQL, ["export"]).fetchone()
        if export:
            details = json.loads(export[1] or "{}")
            state.setdefault("last_export_at", export[0])
            state.setdefault("last_export_sequence", details.get("sequence"))
        imported = db.execute(LAST_EVENT_SQL, ["import"]).fetchone()
        if imported:
            state.setdefault("last_ack_at", imported[0])
            state.setdefault("last_ack_sequence", json.loads(imported[1] or "{}").get("sequence"))
    acked_through = int(state.get("acked_audit_seq") or 0)
    # a change is pending until the county acknowledged the audit row that made it (records_change index)
    pending = db.execute(PENDING_SQL, [township, acked_through]).fetchone()[0]
    return SyncState(
        synced=bool(state.get("last_export_at")),
        last_export_sequence=state.get("last_export_sequence"),
        last_export_at=state.get("last_export_at"),
        last_ack_sequence=state.get("last_ack_sequence"),
        last_ack_at=state.get("last_ack_at"),
        pending_changes=pending,
    )
