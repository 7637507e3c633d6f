"""Reveals: an ID number shown in full, an export with ID numbers in full, a printed record slip.

Every screen and paper masks ID numbers (identity.mask_id). A supervisor or an administrator
(the "unmask" permission, desktop.core.workspace.accounts.PERMISSIONS) may see one in full from
the records list, giving a reason; `reveal_id` checks both, writes a "reveal" audit event naming
the clerk, the record and the reason, and only then returns the number. Unmasked exports
(desktop.core.sheets.exporter: an "export" event with details.unmasked) and printed slips (a
"print" event with details.what == "slip") are reveals too; `between` lists all three kinds for
the audit page and the daily summary. `require_unmask` is the one check an export in full passes
(the records export, the comparison of two entries: desktop.core.quality.compare_export, and
`township records list --unmask`: `record_list_unmasked`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from desktop.core.errors import UserError
from desktop.core.forms import roles
from desktop.core.i18n import Text
from desktop.core.store import audit, records
from desktop.core.store.db import Database

ID_SHOWN, EXPORTED, SLIP = "id", "export", "slip"
LISTED = "list"      # details.what of an "export" event: `township records list --unmask`

KIND_LABELS = {
    ID_SHOWN: Text("ID number shown in full", "显示完整身份号码"),
    EXPORTED: Text("Exported with full ID numbers", "导出完整身份号码"),
    SLIP: Text("Record slip printed", "打印登记回执"),
}

NO_REASON = Text("Give the reason the ID number is shown in full.", "请填写显示完整身份号码的原因。")
NO_EXPORT_REASON = Text("Give the reason the ID numbers are exported in full.", "请填写导出完整身份号码的原因。")
NO_ID = Text("This record has no ID number.", "此记录没有身份号码。")

# the audit rows that are reveals, by the audit index on `at`
REVEALS_SQL = ("SELECT seq, at, clerk, event, record_id, form_id, details, reason FROM audit"
               " WHERE at >= ? AND at < ? AND " + audit.REVEAL_CONDITION + " {township}ORDER BY seq")
TOWNSHIP_SQL = ("AND (record_id IS NULL OR EXISTS (SELECT 1 FROM records r WHERE r.id = audit.record_id"
                " AND r.township = ?)) ")


@dataclass(frozen=True)
class Reveal:
    seq: int
    at: str
    clerk: str
    kind: str            # ID_SHOWN, EXPORTED or SLIP
    record_id: str | None
    form_id: str | None
    reason: str
    details: dict

    @property
    def label(self) -> Text:
        return KIND_LABELS[self.kind]


def require_unmask(workspace, reason: str | None) -> str:
    """The reason, stripped, for a clerk allowed to export ID numbers in full who gave one;
    else refused (the role first: a clerk is told to ask a supervisor, whatever the reason)."""
    from desktop.core.workspace import accounts

    accounts.require(workspace.clerk_role, "unmask")
    reason = (reason or "").strip()
    if not reason:
        raise UserError(NO_EXPORT_REASON, code="reason-needed")
    return reason


def record_list_unmasked(workspace, form_id: str, *, records: int, reason: str,
                         search: str | None = None) -> None:
    """The audit event of a records list printed with ID numbers in full: an "export" reveal
    (what "list"), so the daily summary and the audit page's reveals list it."""
    details = {"what": LISTED, "form": form_id, "records": records, "unmasked": True}
    if search:
        details["search"] = search
    workspace.record_event("export", form_id=form_id, details=details, reason=reason)


def reveal_id(workspace, record_id: str, reason: str, *, field: str | None = None) -> str:
    """The full ID number of `record_id` (the field with the person-ID role, or `field`), for a
    clerk allowed to see it, after writing the "reveal" audit event with the reason."""
    from desktop.core.entry import form_entry, identity
    from desktop.core.workspace import accounts

    accounts.require(workspace.clerk_role, "unmask")
    reason = (reason or "").strip()
    if not reason:
        raise UserError(NO_REASON, code="reason-needed")
    record = records.get(workspace.db, record_id)
    if field is None:
        try:
            form = form_entry.registry_for(workspace).get(record.form_id)
        except Exception:  # noqa: BLE001 - a form no longer installed: the fallback names decide
            form = None
        number = identity.value_of(form, record.values, roles.PERSON_ID)
        found = form.role_field(roles.PERSON_ID) if form is not None else None
        field = found.name if found is not None else None
    else:
        number = record.values.get(field)
    if not number:
        raise UserError(NO_ID, code="no-id")
    details = {"what": ID_SHOWN}
    if field:
        details["field"] = field
    workspace.record_event("reveal", record_id=record.id, form_id=record.form_id, details=details, reason=reason)
    return str(number)


def _kind(event: str) -> str:
    return {"reveal": ID_SHOWN, "export": EXPORTED, "print": SLIP}[event]


def between(db: Database, start: str, end: str, township: str | None = None) -> list[Reveal]:
    """The reveals written from `start` (inclusive) to `end` (exclusive), ISO dates or times,
    oldest first; with `township`, those of its records (and every unmasked export)."""
    sql = REVEALS_SQL.format(township=TOWNSHIP_SQL if township else "")
    params = [start, end, township] if township else [start, end]
    found = []
    for seq, at, clerk, event, record_id, form_id, details, reason in db.execute(sql, params):
        details = json.loads(details or "{}")
        why = reason or details.get("reason") or ""    # a slip may carry its reason in its details
        found.append(Reveal(seq, at, clerk, _kind(event), record_id, form_id, str(why), details))
    return found


def on_day(db: Database, day: str, township: str | None = None) -> list[Reveal]:
    import datetime as dt

    next_day = (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()
    return between(db, day, next_day, township)
