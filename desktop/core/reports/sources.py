"""The figures reports take from other areas: sync state, cross-checks, corrections.

Each reader calls the area that owns the figure, imported when it is needed (a report built at
start-up does not load sync's cryptography), and turns its answer into the plain values the
daily summary and the monthly circular print. The areas relied on (docs/REPORTS.md):
- `desktop.core.exchange.crosschecks.summary_for_day(db, township, date[, divisions=]) -> {"outstanding": n,
  "reminders_due": [{"subject", "target_township", "target_phone", "sent_at"}]}`
- `desktop.core.exchange.crosschecks.feedback_counts(db, township, date_from, date_to) ->
  {"received": n, "answered_in_time": n}`
- `desktop.core.exchange.corrections.open_count(db) -> n`
- sync: `desktop.core.sync.status.township_state(db, township)` (last bundle written, last
  acknowledgement, changes the county has not acknowledged).
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.store.db import Database


def crosscheck_day(db: Database, township: str, date: str, divisions=None) -> dict:
    from desktop.core.exchange import crosschecks

    # the installation's names and phones when the caller has them; the three-argument call otherwise
    extra = {"divisions": divisions} if divisions is not None else {}
    figures = crosschecks.summary_for_day(db, township, date, **extra)
    return {"outstanding": int(figures.get("outstanding", 0)),
            "reminders_due": list(figures.get("reminders_due", []))}


def crosscheck_feedback(db: Database, township: str, date_from: str, date_to: str) -> dict:
    from desktop.core.exchange import crosschecks

    figures = crosschecks.feedback_counts(db, township, date_from, date_to)
    return {"received": int(figures.get("received", 0)),
            "answered_in_time": int(figures.get("answered_in_time", 0))}


def corrections_open(db: Database) -> int:
    from desktop.core.exchange import corrections

    return int(corrections.open_count(db))


@dataclass(frozen=True)
class SyncState:
    """Where this installation stands with the county; `synced` is False before the first export."""

    synced: bool
    last_export_sequence: int | None = None
    last_export_at: str | None = None
    last_ack_sequence: int | None = None
    last_ack_at: str | None = None
    pending_changes: int = 0


def sync_state(db: Database, township: str) -> SyncState:
    from desktop.core.sync import status

    state = status.township_state(db, township)
    return SyncState(
        synced=state.last_export_at is not None,
        last_export_sequence=state.last_export_sequence,
        last_export_at=state.last_export_at,
        last_ack_sequence=state.last_ack_sequence,
        last_ack_at=state.last_ack_at,
        pending_changes=state.pending,
    )
