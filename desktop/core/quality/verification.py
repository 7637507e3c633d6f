"""Verification by re-keying (dependent verification, as CSPro's Verify mode).

A supervisor selects what to verify - one clerk's day, one village, or a sample (a percentage of
the current completed records, drawn reproducibly from a seed) - and `create_batch` stores the
selection as a numbered batch of records. A second clerk, never the one who keyed a record,
re-keys it blind on the entry form; each field whose re-keyed value differs from the one keyed
stops there, showing both, and the verifier chooses one (or keys it again). `finish` stores the
outcome: the item is marked verified (who keyed, who verified, each field that differed and which
value won), a `verification` row goes into the trail, and a value the verifier's entry won is
saved through the entry rules (form_entry.save, the records' one writer) as an edit whose reason
names the verification.

This module is the only writer of `verification_batches` and `verification_items` (migration
1903). Records already verified are marked in the records list (`verified_ids`); a batch's
records not yet verified are where a session resumes (`next_item`), after a sign-out too. A
record deleted before it was verified is settled: a batch is done when each of its records is
verified or deleted.
"""

from __future__ import annotations

import json
import math
import random
import uuid
from dataclasses import dataclass, field

from desktop.core.clock import now_iso
from desktop.core.errors import RecordRejected, UserError
from desktop.core.i18n import Text
from desktop.core.progress import NULL_PROGRESS, Progress
from desktop.core.store import audit, records
from desktop.core.store.db import Database, transaction

EVENT = "verification"
KINDS = ("clerk_day", "village", "sample")
KEYED, REKEYED = "keyed", "rekeyed"   # which value won a difference


@dataclass
class Batch:
    id: str
    number: int
    selection: dict
    created_at: str
    created_by: str
    total: int = 0
    verified: int = 0
    deleted: int = 0   # records deleted before they were verified: nothing left to re-key

    @property
    def settled(self) -> int:
        """Records needing no more work: verified, or deleted before they were."""
        return self.verified + self.deleted

    @property
    def done(self) -> bool:
        return self.total > 0 and self.settled >= self.total

    def describe(self) -> Text:
        s = self.selection
        where = f" ({s['form']})" if s.get("form") else ""
        if s["kind"] == "clerk_day":
            return Text(f"records {s['clerk']} keyed on {s['date']}{where}", f"{s['clerk']} 于 {s['date']} 录入的记录{where}")
        if s["kind"] == "village":
            return Text(f"records of village {s['village']}{where}", f"村 {s['village']} 的记录{where}")
        return Text(f"a {s['percent']:g} % sample (seed {s['seed']}){where}",
                    f"{s['percent']:g}% 抽样（种子 {s['seed']}）{where}")

    def as_dict(self) -> dict:
        return {"id": self.id, "number": self.number, "selection": self.selection, "created_at": self.created_at,
                "created_by": self.created_by, "total": self.total, "verified": self.verified,
                "deleted": self.deleted, "done": self.done, "description": self.describe().en}


@dataclass
class Difference:
    """One field whose re-keyed value differed from the keyed one, and which of the two won."""

    field: str
    keyed: object
    rekeyed: object
    chosen: str = ""   # KEYED or REKEYED

    def as_dict(self) -> dict:
        return {"field": self.field, "keyed": self.keyed, "rekeyed": self.rekeyed, "chosen": self.chosen}


@dataclass
class Item:
    batch_id: str
    record_id: str
    position: int
    keyed_by: str
    status: str = "pending"
    verified_by: str | None = None
    verified_at: str | None = None
    differences: list[Difference] = field(default_factory=list)


# --- choosing what to verify ---------------------------------------------------------------------

def selection(*, clerk_day: tuple[str, str] | None = None, village: str | None = None,
              sample: tuple[float, int] | None = None, form_id: str | None = None) -> dict:
    """The selection of one batch, from exactly one of the three ways of choosing."""
    chosen = [x for x in (clerk_day, village, sample) if x]
    if len(chosen) != 1:
        raise UserError(Text("Choose one of: a clerk's day, a village, or a sample.",
                             "请选择其一：某录入员某天、某村，或抽样。"), code="usage")
    if clerk_day:
        clerk, day = clerk_day
        import datetime as dt
        try:
            dt.date.fromisoformat(day)
        except ValueError:
            raise UserError(Text(f"Not a date (YYYY-MM-DD): {day}", f"不是日期（年-月-日）：{day}"), code="usage") from None
        found = {"kind": "clerk_day", "clerk": clerk, "date": day}
    elif village:
        found = {"kind": "village", "village": village}
    else:
        percent, seed = sample
        if not 0 < float(percent) <= 100:
            raise UserError(Text("The sample is a percentage above 0 and at most 100.",
                                 "抽样比例应大于 0、不超过 100。"), code="usage")
        found = {"kind": "sample", "percent": float(percent), "seed": int(seed)}
    if form_id:
        found["form"] = form_id
    return found


def selected_records(workspace, chosen: dict) -> list[records.Record]:
    """The current completed records `chosen` selects, in the order they were keyed. A sample
    draws the same records for the same seed from the same records."""
    form_id = chosen.get("form")
    where, params = "", []
    if chosen["kind"] == "clerk_day":
        where, params = "created_by = ? AND created_at >= ? AND created_at < ?", [
            chosen["clerk"], chosen["date"], chosen["date"] + "\uffff"]
    elif chosen["kind"] == "village":
        from desktop.core.entry import form_entry
        from desktop.core.forms import roles

        names = roles.names_by_form(form_entry.registry_for(workspace), roles.VILLAGE)
        where, params = f"{roles.sql_value(roles.VILLAGE, names)} = ?", [chosen["village"]]
    found = records.query(workspace.db, form_id=form_id, status="complete", where=where, params=params,
                          limit=None, order="created_at, id")
    if chosen["kind"] == "sample":
        pool = sorted(found, key=lambda r: r.id)
        count = min(len(pool), math.ceil(len(pool) * chosen["percent"] / 100))
        drawn = random.Random(chosen["seed"]).sample(pool, count)
        found = sorted(drawn, key=lambda r: (r.created_at, r.id))
    return found


def create_batch(workspace, chosen: dict, *, progress: Progress = NULL_PROGRESS) -> Batch:
    """A new batch of the records `chosen` selects (supervisors and administrators)."""
    from desktop.core.workspace import accounts

    accounts.require(workspace.clerk_role, "verify_select")
    found = selected_records(workspace, chosen)
    if not found:
        raise UserError(Text("No completed record matches this selection.", "没有符合所选条件的已完成记录。"),
                        code="empty")
    db: Database = workspace.db
    batch_id, stamp, clerk = str(uuid.uuid4()), now_iso(), workspace.clerk or "system"
    with transaction(db):
        number = db.execute("SELECT coalesce(max(number), 0) + 1 FROM verification_batches").fetchone()[0]
        db.execute("INSERT INTO verification_batches (id, number, selection, created_at, created_by)"
                   " VALUES (?, ?, ?, ?, ?)", [batch_id, number, json.dumps(chosen, ensure_ascii=False),
                                               stamp, clerk])
        for position, record in enumerate(found, 1):
            progress.check()
            db.execute("INSERT INTO verification_items (batch_id, record_id, position, keyed_by)"
                       " VALUES (?, ?, ?, ?)", [batch_id, record.id, position, record.created_by])
            progress(position, len(found), "")
        audit.append(db, EVENT, clerk=clerk, details={"batch": number, "action": "create", "selection": chosen,
                                                      "records": len(found)}, at=stamp)
    return Batch(batch_id, number, chosen, stamp, clerk, total=len(found))


# --- reading batches -----------------------------------------------------------------------------

# a record deleted while still pending is settled (no one can re-key it); verified first, it
# stays verified; taken back from deletion, it is pending again (read each time, never stored)
_BATCHES = ("SELECT b.id, b.number, b.selection, b.created_at, b.created_by, count(i.record_id),"
            " coalesce(sum(i.status = 'verified'), 0),"
            " coalesce(sum(i.status = 'pending' AND r.deleted = 1), 0) FROM verification_batches b"
            " LEFT JOIN verification_items i ON i.batch_id = b.id"
            " LEFT JOIN records r ON r.id = i.record_id")


def _batch(row) -> Batch:
    return Batch(row[0], row[1], json.loads(row[2]), row[3], row[4], row[5], row[6], row[7])


def batches(db: Database) -> list[Batch]:
    """Every batch, newest first, with how many of its records are verified."""
    return [_batch(row) for row in db.execute(_BATCHES + " GROUP BY b.id ORDER BY b.number DESC")]


def batch(db: Database, number_or_id) -> Batch:
    rows = db.execute(_BATCHES + " WHERE b.id = ? OR b.number = ? GROUP BY b.id",
                      [str(number_or_id), number_or_id if isinstance(number_or_id, int) else -1]).fetchall()
    if not rows:
        raise UserError(Text(f"No verification batch {number_or_id}.", f"没有第 {number_or_id} 批核实。"), code="not-found")
    return _batch(rows[0])


def _item(row) -> Item:
    differences = [Difference(**d) for d in json.loads(row[7])] if row[7] else []
    return Item(row[0], row[1], row[2], row[3], row[4], row[5], row[6], differences)


_ITEMS = ("SELECT batch_id, record_id, position, keyed_by, status, verified_by, verified_at, differences"
          " FROM verification_items")


def items(db: Database, batch_id: str) -> list[Item]:
    return [_item(row) for row in db.execute(_ITEMS + " WHERE batch_id = ? ORDER BY position", [batch_id])]


def deleted_ids(db: Database, batch_id: str) -> set[str]:
    """The batch's records deleted before they were verified (settled: shown as deleted)."""
    return {row[0] for row in db.execute(
        "SELECT i.record_id FROM verification_items i JOIN records r ON r.id = i.record_id"
        " WHERE i.batch_id = ? AND i.status = 'pending' AND r.deleted = 1", [batch_id])}


def next_item(db: Database, batch_id: str, verifier: str) -> Item | None:
    """The first record of the batch not yet verified that `verifier` did not key (and is still
    current), or None when the batch has none left for them: where a session starts or resumes."""
    for row in db.execute(_ITEMS + " WHERE batch_id = ? AND status = 'pending' AND keyed_by != ?"
                          " AND record_id IN (SELECT id FROM records WHERE deleted = 0) ORDER BY position",
                          [batch_id, verifier]):
        return _item(row)
    return None


def left_for(db: Database, batch_id: str, verifier: str) -> int:
    """How many of the batch's records `verifier` may still verify (deleted ones aside)."""
    return db.execute("SELECT count(*) FROM verification_items WHERE batch_id = ? AND status = 'pending'"
                      " AND keyed_by != ? AND record_id IN (SELECT id FROM records WHERE deleted = 0)",
                      [batch_id, verifier]).fetchone()[0]


def verified_ids(db: Database, record_ids) -> set[str]:
    """Of `record_ids`, those verified by re-keying (the records list's marker)."""
    ids = list(record_ids)
    found = set()
    for start in range(0, len(ids), 500):
        part = ids[start:start + 500]
        found.update(row[0] for row in db.execute(
            f"SELECT DISTINCT record_id FROM verification_items WHERE status = 'verified' AND record_id IN"
            f" ({','.join('?' * len(part))})", part))
    return found


# --- comparing ------------------------------------------------------------------------------------

def compared_fields(form) -> list[str]:
    """The fields a verifier re-keys: the top-level inputs the clerk types (calculations, read-only
    fields, the app's metadata and repeats aside), in form order."""
    return [f.name for f in form.fields if not f.repeat and f.is_input and not f.metadata]


def shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " ".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def differs(keyed, rekeyed) -> bool:
    return shown(keyed) != shown(rekeyed)


# --- the outcome ------------------------------------------------------------------------------

def _check_verifier(workspace, item: Item) -> None:
    if (workspace.clerk or "") == item.keyed_by:
        raise UserError(Text("A record is verified by a clerk other than the one who keyed it.",
                             "记录须由录入员以外的人核实。"), code="same-clerk")


def start(workspace, item: Item) -> records.Record:
    """The record `item` names, checked to be one this clerk may verify."""
    _check_verifier(workspace, item)
    return records.get(workspace.db, item.record_id)


def previous_overrides(db: Database, record_id: str) -> dict:
    """The reasons the clerk gave for the record's warnings when it was last saved with any."""
    for entry in audit.entries(db, record_id=record_id, limit=50):
        if entry.event in ("create", "edit") and entry.details.get("overrides"):
            return dict(entry.details["overrides"])
    return {}


def reason_text(batch_: Batch, differences: list[Difference]) -> str:
    fields = ", ".join(d.field for d in differences if d.chosen == REKEYED)
    return f"复核重录 verification by re-keying, batch {batch_.number}: {fields}"


def finish(workspace, form, item: Item, differences: list[Difference], *,
           overrides: dict | None = None) -> records.Record:
    """Store the outcome of re-keying `item`'s record: a value the verifier's entry won is saved as
    an edit (the entry rules apply; a warning keeps the reason given before, else needs one in
    `overrides` - RecordRejected names it); then the item is verified and the trail has a
    `verification` row. Returns the record as it stands."""
    from desktop.core.entry import form_entry

    record = start(workspace, item)
    if any(not d.chosen for d in differences):
        raise ValueError("every difference needs the value that won")
    batch_ = batch(workspace.db, item.batch_id)
    values = dict(record.values)
    for d in differences:
        if d.chosen == REKEYED:
            values[d.field] = d.rekeyed
    changed = [d.field for d in differences if d.chosen == REKEYED and differs(record.values.get(d.field), d.rekeyed)]
    if changed:
        reasons = {**previous_overrides(workspace.db, record.id), **(overrides or {})}
        state = form_entry.evaluate(workspace, form, values, record_id=record.id)
        missing = [w for w in state.warnings if not str(reasons.get(w.path, "")).strip()]
        if missing:
            raise RecordRejected(Text("Give a reason for each warning of the corrected record.",
                                      "请为更正后记录的每条警告填写原因。"), missing)
        record = form_entry.save(workspace, form, values, complete=True, record_id=record.id,
                                 reason=reason_text(batch_, differences),
                                 overrides={w.path: reasons[w.path] for w in state.warnings},
                                 expected_version=record.version)
    stamp, clerk = now_iso(), workspace.clerk or "system"
    listed = [d.as_dict() for d in differences]
    with transaction(workspace.db):
        workspace.db.execute(
            "UPDATE verification_items SET status = 'verified', verified_by = ?, verified_at = ?, differences = ?"
            " WHERE batch_id = ? AND record_id = ?",
            [clerk, stamp, json.dumps(listed, ensure_ascii=False), item.batch_id, item.record_id])
        audit.append(workspace.db, EVENT, clerk=clerk, record_id=record.id, form_id=record.form_id, at=stamp,
                     details={"batch": batch_.number, "action": "verified", "keyed_by": item.keyed_by,
                              "verified_by": clerk, "fields": len(compared_fields(form)),
                              "differences": listed, "changed": len(changed)})
    return record


# --- figures for the keying statistics -----------------------------------------------------------

@dataclass
class Verified:
    """One clerk's (or township's) records verified over a period."""

    records: int = 0
    fields: int = 0        # fields re-keyed
    differed: int = 0      # fields whose two entries differed
    changed: int = 0       # fields the verification changed (the first entry was wrong)

    @property
    def error_rate(self) -> float | None:
        return self.changed / self.fields if self.fields else None

    def add(self, details: dict) -> None:
        self.records += 1
        self.fields += int(details.get("fields") or 0)
        self.differed += len(details.get("differences") or ())
        self.changed += int(details.get("changed") or 0)


def _next_day(day: str) -> str:
    import datetime as dt

    return (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()


def per_clerk(db: Database, day: str) -> dict[str, Verified]:
    """The verifications done on `day`, by the clerk who had keyed the records."""
    found: dict[str, Verified] = {}
    for (details,) in db.execute("SELECT details FROM audit WHERE at >= ? AND at < ? AND +event = ?",
                                 [day, _next_day(day), EVENT]):
        details = json.loads(details)
        if details.get("action") == "verified":
            found.setdefault(details.get("keyed_by") or "", Verified()).add(details)
    return found


def per_township(db: Database, date_from: str, date_to: str) -> dict[str, Verified]:
    """At the county: each township's verifications from `date_from` to `date_to` (inclusive)."""
    found: dict[str, Verified] = {}
    for township, details in db.execute(
            "SELECT township, details FROM sync_audit_in WHERE event = 'verification' AND at >= ? AND at < ?",
            [date_from, _next_day(date_to)]):
        details = json.loads(details)
        if details.get("action") == "verified":
            found.setdefault(township, Verified()).add(details)
    return found
