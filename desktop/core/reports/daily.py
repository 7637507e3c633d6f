"""The township's daily summary (日报): what was entered on one day, as data for printing.

Everything is read from the audit trail, not from the records' current state, so a summary of a
past day prints the same figures later (only "drafts outstanding", the sync state and the
cross-check figures are as of printing, and the summary says so). The day's rows are found by
the audit index on `at`; counts are made in Python over that day's rows only, so the cost grows
with the day's work, not with the size of the database.

Definitions (docs/REPORTS.md): created = "create" events; edited = "edit" events; completed =
records that became complete that day (saved complete when created, or a draft completed);
deleted = "delete" events. A record's village is the current value of its field with the village role.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from desktop.core.clock import now_iso
from desktop.core.entry import reveals
from desktop.core.errors import UserError
from desktop.core.forms import roles
from desktop.core.i18n import Text
from desktop.core.quality import keying
from desktop.core.reports import names, qr, sources
from desktop.core.store import audit
from desktop.core.store.db import Database


@dataclass
class Counts:
    created: int = 0
    edited: int = 0
    completed: int = 0
    deleted: int = 0

    @property
    def total(self) -> int:
        """Entries: every create, edit and delete (completion is not a separate entry)."""
        return self.created + self.edited + self.deleted

    def add(self, event: str, completed: bool) -> None:
        if event == "create":
            self.created += 1
        elif event == "edit":
            self.edited += 1
        elif event == "delete":
            self.deleted += 1
        if completed:
            self.completed += 1


@dataclass
class CountRow:
    key: str            # form id or village code ("" for no village)
    name: Text
    counts: Counts


@dataclass(frozen=True)
class Override:
    at: str
    clerk: str
    record_id: str
    form_id: str
    field: str
    reason: str
    field_label: Text


@dataclass(frozen=True)
class Deletion:
    at: str
    clerk: str
    record_id: str
    form_id: str
    reason: str


@dataclass
class ClerkRow:
    clerk: str
    counts: Counts


@dataclass
class DailySummary:
    township: str
    township_name: Text
    date: str
    built_at: str
    totals: Counts
    by_form: list[CountRow]
    by_village: list[CountRow]
    drafts_outstanding: int
    drafts_by_form: list[tuple[Text, int]]
    overrides: list[Override]
    deletions: list[Deletion]
    per_clerk: list[ClerkRow]
    per_hour: list[tuple[int, int]]           # (hour 0-23, entries) for hours with entries
    sync: sources.SyncState
    audit_seq: int
    audit_hash: str
    crosschecks: dict | None = None           # None: cross-checks not installed yet
    corrections_open: int | None = None
    extra: dict = field(default_factory=dict)
    keying: list = field(default_factory=list)   # desktop.core.quality.keying.Keying per clerk
    reveals: list = field(default_factory=list)  # desktop.core.entry.reveals.Reveal, oldest first
    # the divisions list the names came from (the installation's): printing names more places with it
    divisions: object = field(default=None, repr=False, compare=False)

    @property
    def is_empty(self) -> bool:
        """No record was created, changed or deleted that day."""
        return self.totals.total == 0

    def qr_values(self) -> dict:
        return {"township": self.township, "date": self.date, "created": self.totals.created,
                "edited": self.totals.edited, "completed": self.totals.completed,
                "deleted": self.totals.deleted, "drafts": self.drafts_outstanding,
                "overridden": len(self.overrides), "audit_seq": self.audit_seq, "audit_hash": self.audit_hash}

    def qr_payload(self) -> str:
        return qr.make_payload(self.qr_values())


BAD_DATE = Text("{value} is not a date; write it as YYYY-MM-DD.", "{value} 不是日期，请写成 YYYY-MM-DD。")


def parse_date(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except (TypeError, ValueError):
        raise UserError(BAD_DATE.format(value=value), code="bad-date") from None


def head_through(db: Database, day: str) -> tuple[int, str]:
    """(seq, hash) of the last audit row written on or before `day` (the chain as of that day)."""
    next_day = (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()
    row = db.execute("SELECT seq, hash FROM audit WHERE at < ? ORDER BY at DESC, seq DESC LIMIT 1",
                     [next_day]).fetchone()
    return (row[0], row[1]) if row else (0, audit.GENESIS)


# driven by the audit index on `at` (the day's rows only), named: statistics of a young store (a
# small audit table) would otherwise have the planner scan it, a plan that grows with the trail;
# the unary + keeps it from starting at the records table's township index instead
DAY_EVENTS_TEMPLATE = """
SELECT a.event, a.form_id, {village}, a.clerk, substr(a.at, 12, 2),
       CASE WHEN a.event = 'create' AND json_extract(a.details, '$.status') = 'complete' THEN 1
            WHEN a.event = 'edit' AND json_extract(a.details, '$.status[1]') = 'complete' THEN 1
            ELSE 0 END,
       json_extract(a.details, '$.overrides'), a.reason, a.record_id, a.at
FROM audit a INDEXED BY audit_at JOIN records r ON r.id = a.record_id
WHERE a.at >= ? AND a.at < ? AND +a.event IN ('create', 'edit', 'delete') AND +r.township = ?
ORDER BY a.seq
"""

DAY_EVENTS_SQL = DAY_EVENTS_TEMPLATE.format(village=roles.sql_value(roles.VILLAGE, data="r.data",
                                                                  form_column="a.form_id"))

DRAFTS_SQL = ("SELECT form_id, count(*) FROM records WHERE status = 'draft' AND deleted = 0 AND township = ?"
              " GROUP BY form_id ORDER BY form_id")


def build(db: Database, township: str, date: str, divisions=None, forms=None) -> DailySummary:
    """The summary of `township` for `date`; village and township names from `divisions` (the
    installation's list, codelists_divisions.for_data_dir) or the shipped list; `forms` (a
    FormRegistry, default: the shipped packs) names the fields of overridden warnings."""
    day = parse_date(date)
    next_day = (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()
    totals = Counts()
    by_form: dict[str, Counts] = defaultdict(Counts)
    by_village: dict[str, Counts] = defaultdict(Counts)
    by_clerk: dict[str, Counts] = defaultdict(Counts)
    by_hour: Counter = Counter()
    overrides: list[Override] = []
    deletions: list[Deletion] = []
    # the village of each form's records is the field with the village role (forms/roles.py)
    village_sql = roles.sql_value(roles.VILLAGE, roles.names_by_form(forms, roles.VILLAGE) if forms else None,
                                  data="r.data", form_column="a.form_id")
    for event, form_id, village, clerk, hour, completed, override_json, reason, record_id, at in \
            db.execute(DAY_EVENTS_TEMPLATE.format(village=village_sql), [day, next_day, township]):
        done = bool(completed)
        for counts in (totals, by_form[form_id], by_village[village or ""], by_clerk[clerk]):
            counts.add(event, done)
        by_hour[int(hour)] += 1
        if override_json:
            for field_name, why in sorted(json.loads(override_json).items()):
                if forms is None:
                    from desktop.core.forms.registry import FormRegistry  # pyxform: only when needed
                    forms = FormRegistry()
                overrides.append(Override(at, clerk, record_id, form_id, field_name, str(why),
                                          names.field_label(forms, form_id, field_name)))
        if event == "delete":
            deletions.append(Deletion(at, clerk, record_id, form_id, reason or ""))
    drafts = db.execute(DRAFTS_SQL, [township]).fetchall()
    seq, digest = head_through(db, day)
    return DailySummary(
        township=township,
        township_name=names.division_name(township, divisions),
        date=day,
        built_at=now_iso(),
        totals=totals,
        by_form=[CountRow(key, names.form_name(key), counts) for key, counts in sorted(by_form.items())],
        by_village=[CountRow(key, names.division_name(key, divisions), counts)
                    for key, counts in sorted(by_village.items())],
        drafts_outstanding=sum(n for _, n in drafts),
        drafts_by_form=[(names.form_name(form_id), n) for form_id, n in drafts],
        overrides=overrides,
        deletions=deletions,
        per_clerk=[ClerkRow(clerk, counts) for clerk, counts in sorted(by_clerk.items())],
        per_hour=sorted(by_hour.items()),
        sync=sources.sync_state(db, township),
        audit_seq=seq,
        audit_hash=digest,
        crosschecks=sources.crosscheck_day(db, township, day, divisions),
        corrections_open=sources.corrections_open(db),
        divisions=divisions,
        keying=keying.per_clerk(db, day),
        reveals=reveals.on_day(db, day, township),
    )
