"""Guarded reads of figures that other areas own: sync state, cross-checks, corrections.

Reports are printed from the first day, before sync and cross-checks are installed. Each reader
here returns None (or a "not synced yet" state) when the module or table it needs does not exist,
so the summary says "not available" instead of failing. Only a *missing* module is tolerated: an
error raised inside an installed module is a bug and propagates.

The contracts relied on (docs/REPORTS.md):
- `desktop.core.exchange.crosschecks.summary_for_day(db, township, date[, divisions=]) -> {"outstanding": n,
  "reminders_due": [{"subject", "target_township", "target_phone", "sent_at"}]}`
- `desktop.core.exchange.crosschecks.feedback_counts(db, township, date_from, date_to) ->
  {"received": n, "answered_in_time": n}`
- `desktop.core.exchange.corrections.open_count(db) -> n`
- sync: `desktop.core.sync.status.township_state(db, township)` (last bundle written, last
  acknowledgement, changes the county has not acknowledged).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType

from desktop.core.store.db import Database


def optional_module(name: str) -> ModuleType | None:
    """The module, or None when it is not installed yet (any other import failure is a bug)."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name and (name == error.name or name.startswith(error.name + ".")):
            return None
        raise


def crosscheck_day(db: Database, township: str, date: str, divisions=None) -> dict | None:
    module = optional_module("desktop.core.exchange.crosschecks")
    if module is None or not hasattr(module, "summary_for_day"):
        return None
    # the installation's names and phones when the caller has them; the three-argument contract otherwise
    extra = {"divisions": divisions} if divisions is not None else {}
    figures = module.summary_for_day(db, township, date, **extra)
    return {"outstanding": int(figures.get("outstanding", 0)),
            "reminders_due": list(figures.get("reminders_due", []))}


def crosscheck_feedback(db: Database, township: str, date_from: str, date_to: str) -> dict | None:
    module = optional_module("desktop.core.exchange.crosschecks")
    if module is None or not hasattr(module, "feedback_counts"):
        return None
    figures = module.feedback_counts(db, township, date_from, date_to)
    return {"received": int(figures.get("received", 0)),
            "answered_in_time": int(figures.get("answered_in_time", 0))}


def corrections_open(db: Database) -> int | None:
    module = optional_module("desktop.core.exchange.corrections")
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


PENDING_SQL = "SELECT count(*) FROM records WHERE township = ?"   # before sync is installed: everything


def sync_state(db: Database, township: str) -> SyncState:
    module = optional_module("desktop.core.sync.status")
    if module is None:
        return SyncState(synced=False, pending_changes=db.execute(PENDING_SQL, [township]).fetchone()[0])
    state = module.township_state(db, township)
    return SyncState(
        synced=state.last_export_at is not None,
        last_export_sequence=state.last_export_sequence,
        last_export_at=state.last_export_at,
        last_ack_sequence=state.last_ack_sequence,
        last_ack_at=state.last_ack_at,
        pending_changes=state.pending,
    )
