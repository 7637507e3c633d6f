"""Keying statistics per clerk and day, as a census office keeps them: records keyed, fields keyed,
time spent, errors the rules caught while keying, and the error rate.

A keying session runs from the moment a record is opened (or a new one started) on the entry form
to its save. `Session` follows it without Qt (the entry page starts one, shows it every state the
rules give, and hands it over at the save); `record_session` writes it as one `keying` row of the
audit trail (desktop.core.store.audit, the trail's only writer). Being audit rows, the sessions
travel to the county with the township's trail in its bundles (sync_audit_in), so the county's
monthly circular reads the same figures per township as the daily summary does per clerk.

Definitions (ours): records keyed = sessions saved; fields keyed = fields whose value the save
changed from what the form showed when the session started (calculations aside); time = open to
save; errors caught = distinct (field, rule) errors the rules showed during the session (a field
still empty is not one); error rate = errors caught / fields keyed.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field

from desktop.core.store import audit
from desktop.core.store.db import Database, transaction

EVENT = "keying"


class Session:
    """One record's keying, from open to save."""

    def __init__(self, values: dict | None = None, *, started: float | None = None):
        self.started = time.monotonic() if started is None else started
        self.before = dict(values or {})
        self.errors: set[tuple[str, str]] = set()

    def saw(self, state) -> None:
        """The rules' outcome as the clerk saw it: each error counts once (a field not filled in
        yet is no keying error)."""
        for violation in state.errors:
            if violation.code != "required":
                self.errors.add((violation.path or violation.field, violation.code))

    def fields_keyed(self, saved_values: dict, form=None) -> int:
        """Fields the clerk changed (a form's calculations and metadata aside)."""
        calculated = {f.name for f in form.fields if f.calculate or f.type == "calculate"} if form else set()
        return sum(1 for name, value in saved_values.items()
                   if name not in calculated and not name.startswith("_")
                   and not isinstance(value, list | dict) and value not in (None, "")
                   and str(self.before.get(name, "")) != str(value))

    def seconds(self) -> float:
        return max(0.0, time.monotonic() - self.started)


def record_session(workspace, session: Session, record, form=None) -> audit.AuditEntry:
    """Write the session of `record` (just saved with `form`) as a keying row of the trail."""
    details = {"fields": session.fields_keyed(record.values, form), "seconds": round(session.seconds(), 1),
               "errors": len(session.errors), "status": record.status}
    with transaction(workspace.db):
        return audit.append(workspace.db, EVENT, clerk=workspace.clerk or "system", record_id=record.id,
                            form_id=record.form_id, details=details)


@dataclass
class Keying:
    """One clerk's (or one township's) keying over a period."""

    who: str
    records: int = 0
    fields: int = 0
    seconds: float = 0.0
    errors: int = 0
    verified: int = 0    # fields of the clerk's records re-keyed at verification (desktop.core.quality.verification)
    changed: int = 0     # of those, fields the verification changed: the first entry was wrong
    extra: dict = field(default_factory=dict)

    @property
    def error_rate(self) -> float | None:
        return self.errors / self.fields if self.fields else None

    @property
    def verification_error_rate(self) -> float | None:
        """Fields changed at verification / fields re-keyed."""
        return self.changed / self.verified if self.verified else None

    def add_verified(self, figures) -> None:
        self.verified += figures.fields
        self.changed += figures.changed

    @property
    def minutes(self) -> float:
        return self.seconds / 60

    def add(self, details: dict) -> None:
        self.records += 1
        self.fields += int(details.get("fields") or 0)
        self.seconds += float(details.get("seconds") or 0)
        self.errors += int(details.get("errors") or 0)

    def as_dict(self) -> dict:
        return {"who": self.who, "records": self.records, "fields": self.fields, "seconds": round(self.seconds, 1),
                "errors": self.errors, "error_rate": self.error_rate, "verified_fields": self.verified,
                "changed_at_verification": self.changed, "verification_error_rate": self.verification_error_rate}


def _next_day(day: str) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()


def per_clerk(db: Database, day: str) -> list[Keying]:
    """Each clerk's keying on `day` (YYYY-MM-DD) in this installation's trail, by clerk."""
    import json

    found: dict[str, Keying] = {}
    for clerk, details in db.execute("SELECT clerk, details FROM audit WHERE at >= ? AND at < ? AND +event = ?",
                                     [day, _next_day(day), EVENT]):
        found.setdefault(clerk, Keying(clerk)).add(json.loads(details))
    from desktop.core.quality import verification

    for clerk, figures in verification.per_clerk(db, day).items():   # by the clerk who keyed the records
        found.setdefault(clerk, Keying(clerk)).add_verified(figures)
    return [found[clerk] for clerk in sorted(found)]


def per_township(db: Database, date_from: str, date_to: str) -> dict[str, Keying]:
    """At the county: each township's keying from `date_from` to `date_to` (inclusive), from the
    trails its bundles brought."""
    import json

    found: dict[str, Keying] = {}
    for township, details in db.execute(
            # the literal lets the planner use the partial index of keying rows (migration 1902)
            "SELECT township, details FROM sync_audit_in WHERE event = 'keying' AND at >= ? AND at < ?",
            [date_from, _next_day(date_to)]):
        found.setdefault(township, Keying(township)).add(json.loads(details))
    from desktop.core.quality import verification

    for township, figures in verification.per_township(db, date_from, date_to).items():
        found.setdefault(township, Keying(township)).add_verified(figures)
    return found
