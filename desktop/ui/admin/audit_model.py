"""The audit trail's item model: lazy pages of 200 rows over desktop.core.store.audit.entries.

Edits show as "field: old → new", with the field's label and a code's meaning in the clerk's
language when the form is known (`names`, a desktop.core.entry.field_names.FieldNames). Values that look
like ID or phone numbers are masked here as on every other screen (the full values stay in the
trail).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt

from desktop.core.entry import identity
from desktop.core.errors import UserError
from desktop.core.logs import redact
from desktop.core.store import audit, records
from desktop.ui.shell.formatting import counted, short_time
from desktop.ui.shell.paged_model import KEY_ROLE, PAGE_SIZE, PagedTableModel

SEQ_ROLE = KEY_ROLE


@dataclass(frozen=True)
class AuditFilter:
    record_id: str | None = None
    clerk: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    reveals: bool = False       # only the reveals (an ID shown in full, an unmasked export, a slip)


def event_label(event: str) -> str:
    labels = {
        "create": QCoreApplication.translate("AuditModel", "Created"),
        "edit": QCoreApplication.translate("AuditModel", "Edited"),
        "delete": QCoreApplication.translate("AuditModel", "Deleted"),
        "login": QCoreApplication.translate("AuditModel", "Signed in"),
        "login_failed": QCoreApplication.translate("AuditModel", "Sign-in failed"),
        "logout": QCoreApplication.translate("AuditModel", "Signed out"),
        "export": QCoreApplication.translate("AuditModel", "Exported"),
        "import": QCoreApplication.translate("AuditModel", "Imported"),
        "print": QCoreApplication.translate("AuditModel", "Printed"),
        "restore": QCoreApplication.translate("AuditModel", "Restored"),
        "backup": QCoreApplication.translate("AuditModel", "Backed up"),
        "setup": QCoreApplication.translate("AuditModel", "Set up"),
        "account": QCoreApplication.translate("AuditModel", "Account"),
        "form_install": QCoreApplication.translate("AuditModel", "Form installed"),
        "sync": QCoreApplication.translate("AuditModel", "Sync"),
        "crosscheck": QCoreApplication.translate("AuditModel", "Cross-check"),
        "correction": QCoreApplication.translate("AuditModel", "Correction"),
        "task": QCoreApplication.translate("AuditModel", "Entry task"),
        "keying": QCoreApplication.translate("AuditModel", "Keyed"),
        "undelete": QCoreApplication.translate("AuditModel", "Deletion taken back"),
        "verification": QCoreApplication.translate("AuditModel", "Verified by re-keying"),
        "reveal": QCoreApplication.translate("AuditModel", "ID shown in full"),
    }
    return labels.get(event, event)


def _value(value) -> str:
    return "—" if value in (None, "") else redact(str(value))


# details keys never shown: what other columns show (changes, status, overrides, the action),
# hashes, and the parts only a program reads (counts, lists of rows or records)
HIDDEN_KEYS = frozenset({"changes", "values", "status", "overrides", "action", "sha256", "county_sha256",
                         "county_audit_head", "fingerprint", "division", "counts", "gaps", "filter",
                         "selection", "differences"})
# keys whose value is a record's, a task's or a request's id: shown by its first eight characters
ID_KEYS = frozenset({"record", "request", "task", "keep", "remove", "follow_up"})
# keys whose value is a division code: shown by its name
DIVISION_KEYS = frozenset({"township", "county", "target", "code"})


def detail_labels() -> dict[str, str]:
    """The keys events store in their details, in the clerk's language."""
    return {
        "account": QCoreApplication.translate("AuditModel", "account"),
        "role": QCoreApplication.translate("AuditModel", "role"),
        "file": QCoreApplication.translate("AuditModel", "file"),
        "previous": QCoreApplication.translate("AuditModel", "previous"),
        "report": QCoreApplication.translate("AuditModel", "report"),
        "destination": QCoreApplication.translate("AuditModel", "to"),
        "pages": QCoreApplication.translate("AuditModel", "pages"),
        "date": QCoreApplication.translate("AuditModel", "date"),
        "month": QCoreApplication.translate("AuditModel", "month"),
        "township": QCoreApplication.translate("AuditModel", "township"),
        "county": QCoreApplication.translate("AuditModel", "county"),
        "bundle": QCoreApplication.translate("AuditModel", "bundle"),
        "seq": QCoreApplication.translate("AuditModel", "row"),
        "from_seq": QCoreApplication.translate("AuditModel", "from row"),
        "count": QCoreApplication.translate("AuditModel", "count"),
        "rows": QCoreApplication.translate("AuditModel", "rows"),
        "to": QCoreApplication.translate("AuditModel", "to"),
        "path": QCoreApplication.translate("AuditModel", "file"),
        "form": QCoreApplication.translate("AuditModel", "form"),
        "version": QCoreApplication.translate("AuditModel", "version"),
        "delete_reason": QCoreApplication.translate("AuditModel", "deleted because"),
        "sequence": QCoreApplication.translate("AuditModel", "bundle No."),
        "acked_sequence": QCoreApplication.translate("AuditModel", "acknowledged up to No."),
        "items": QCoreApplication.translate("AuditModel", "messages"),
        "kind": QCoreApplication.translate("AuditModel", "kind"),
        "due_date": QCoreApplication.translate("AuditModel", "due"),
        "outside_county": QCoreApplication.translate("AuditModel", "outside the county"),
        "what": QCoreApplication.translate("AuditModel", "what"),
        "records": QCoreApplication.translate("AuditModel", "records"),
        "key": QCoreApplication.translate("AuditModel", "matched by"),
        "field": QCoreApplication.translate("AuditModel", "field"),
        "search": QCoreApplication.translate("AuditModel", "search"),
        "where": QCoreApplication.translate("AuditModel", "filter"),
        "record": QCoreApplication.translate("AuditModel", "record"),
        "reason": QCoreApplication.translate("AuditModel", "reason"),
        "why": QCoreApplication.translate("AuditModel", "why"),
        "code": QCoreApplication.translate("AuditModel", "place"),
        "request": QCoreApplication.translate("AuditModel", "request"),
        "target": QCoreApplication.translate("AuditModel", "asked"),
        "answer": QCoreApplication.translate("AuditModel", "answer"),
        "task": QCoreApplication.translate("AuditModel", "task"),
        "keep": QCoreApplication.translate("AuditModel", "stays"),
        "remove": QCoreApplication.translate("AuditModel", "removed"),
        "follow_up": QCoreApplication.translate("AuditModel", "follow-up task"),
        "batch": QCoreApplication.translate("AuditModel", "batch No."),
        "keyed_by": QCoreApplication.translate("AuditModel", "keyed by"),
        "verified_by": QCoreApplication.translate("AuditModel", "verified by"),
        "fields": QCoreApplication.translate("AuditModel", "fields"),
        "changed": QCoreApplication.translate("AuditModel", "fields changed"),
        "seconds": QCoreApplication.translate("AuditModel", "seconds"),
        "errors": QCoreApplication.translate("AuditModel", "errors"),
        "keys": QCoreApplication.translate("AuditModel", "keys"),
        "items_reopened": QCoreApplication.translate("AuditModel", "messages reopened"),
        "from_row": QCoreApplication.translate("AuditModel", "from row"),
        "rejoined_at": QCoreApplication.translate("AuditModel", "rejoined at bundle No."),
        "replaced_rows": QCoreApplication.translate("AuditModel", "rows replaced"),
        "was": QCoreApplication.translate("AuditModel", "was at row"),
        "county_sequence": QCoreApplication.translate("AuditModel", "county bundle No."),
        "county_through_seq": QCoreApplication.translate("AuditModel", "the county holds rows up to"),
        "records_offered": QCoreApplication.translate("AuditModel", "records sent back"),
        "updates_installed": QCoreApplication.translate("AuditModel", "updates installed"),
        "audit_seq": QCoreApplication.translate("AuditModel", "audit trail row"),
    }


def flag_labels() -> dict[str, str]:
    """Keys whose True is shown by the label alone ("unlocked"); their False is not shown."""
    return {
        "unlock": QCoreApplication.translate("AuditModel", "unlocked"),
        "first": QCoreApplication.translate("AuditModel", "first sign-in"),
        "unmasked": QCoreApplication.translate("AuditModel", "ID numbers in full"),
        "codes": QCoreApplication.translate("AuditModel", "choices as codes"),
    }


def action_labels(event: str | None = None) -> dict[str, str]:
    """What an event's details.action means; `event` tells a verification batch from an account."""
    if event == "verification":
        return {"create": QCoreApplication.translate("AuditModel", "verification batch drawn"),
                "verified": QCoreApplication.translate("AuditModel", "verified")}
    return {
        "create": QCoreApplication.translate("AuditModel", "account created"),
        "deactivate": QCoreApplication.translate("AuditModel", "account switched off"),
        "reactivate": QCoreApplication.translate("AuditModel", "account switched on again"),
        "role": QCoreApplication.translate("AuditModel", "role changed"),
        "reset_password": QCoreApplication.translate("AuditModel", "password reset"),
        "export": QCoreApplication.translate("AuditModel", "bundle written"),
        "import": QCoreApplication.translate("AuditModel", "bundle read"),
        "new": QCoreApplication.translate("AuditModel", "new request"),
        "change_password": QCoreApplication.translate("AuditModel", "own password changed"),
        "lock_after": QCoreApplication.translate("AuditModel", "sign-in lock after failed tries set"),
        "recover": QCoreApplication.translate("AuditModel", "password reset with the recovery key"),
        "recovery_key": QCoreApplication.translate("AuditModel", "new recovery key made"),
        "answer": QCoreApplication.translate("AuditModel", "request answered"),
        "export_provincial": QCoreApplication.translate("AuditModel", "requests written for the provincial channel"),
        "raise": QCoreApplication.translate("AuditModel", "correction raised"),
        "fixed": QCoreApplication.translate("AuditModel", "marked fixed"),
        "disputed": QCoreApplication.translate("AuditModel", "disputed"),
        "accept_dispute": QCoreApplication.translate("AuditModel", "dispute accepted"),
        "reject_dispute": QCoreApplication.translate("AuditModel", "dispute rejected"),
        "same_person": QCoreApplication.translate("AuditModel", "decided: the same person"),
        "different_people": QCoreApplication.translate("AuditModel", "decided: different people"),
        "revoke": QCoreApplication.translate("AuditModel", "key revoked"),
        "rejoin-request": QCoreApplication.translate("AuditModel", "a PC that lost its place asked to rejoin"),
        "rebase": QCoreApplication.translate("AuditModel", "history replaced from the county's copy"),
        "resync": QCoreApplication.translate("AuditModel", "changes to be sent again"),
        "rejoin": QCoreApplication.translate("AuditModel", "rejoined with the county's copy"),
    }


def _role_labels() -> dict[str, str]:
    return {"clerk": QCoreApplication.translate("AuditModel", "clerk"), "supervisor": QCoreApplication.translate("AuditModel", "supervisor"), "admin": QCoreApplication.translate("AuditModel", "administrator"),
            "county": QCoreApplication.translate("AuditModel", "county"),
            "township": QCoreApplication.translate("AuditModel", "township")}


def value_labels(event: str) -> dict[str, dict[str, str]]:
    """The known values of some keys, in the clerk's language (the value itself is a code)."""
    from desktop.core.exchange import corrections, crosschecks
    from desktop.core.i18n import current_language

    lang = current_language()
    kinds = ({code: text.get(lang) for code, text in corrections.KIND_TEXT.items()} if event == "correction" else
             {"township-data": QCoreApplication.translate("AuditModel", "data bundle"),
              "county-return": QCoreApplication.translate("AuditModel", "return bundle")})
    return {
        "role": _role_labels(),
        "kind": kinds,
        "answer": {code: text.get(lang) for code, text in crosschecks.ANSWER_TEXT.items()},
        "what": {"id": QCoreApplication.translate("AuditModel", "ID number"),
                 "slip": QCoreApplication.translate("AuditModel", "record slip"),
                 "list": QCoreApplication.translate("AuditModel", "records list"),
                 "compare": QCoreApplication.translate("AuditModel", "comparison of two entries")},
        "report": {"daily_summary": QCoreApplication.translate("AuditModel", "daily summary"),
                   "circular": QCoreApplication.translate("AuditModel", "monthly circular")},
        "destination": {"pdf": QCoreApplication.translate("AuditModel", "PDF file"),
                        "printer": QCoreApplication.translate("AuditModel", "printer")},
        "why": {"bad-login": QCoreApplication.translate("AuditModel", "wrong name or password"),
                "account-locked": QCoreApplication.translate("AuditModel", "account locked"),
                "throttled": QCoreApplication.translate("AuditModel", "too many tries")},
        "where": {"filtered": QCoreApplication.translate("AuditModel", "filtered")},
    }


def _known_value(event: str, key: str, value, names=None, form_id: str | None = None) -> str:
    """One value as the clerk reads it: a code by its meaning, a division by its name, a field
    by its label, a record by the start of its id; a code nobody labelled as "other"."""
    from desktop.ui.shell.formatting import division_name

    known = value_labels(event).get(key)
    if known is not None:
        if isinstance(value, list | tuple) and len(value) == 2:   # a change: ["clerk", "supervisor"]
            return QCoreApplication.translate("AuditModel", "%1 → %2").replace(
                "%1", known.get(str(value[0]), _value(value[0]))).replace("%2", known.get(str(value[1]), _value(value[1])))
        return known.get(str(value), QCoreApplication.translate("AuditModel", "other"))
    if key in DIVISION_KEYS:
        return division_name(value) or _value(value)
    if key in ID_KEYS:
        return str(value)[:8]
    if key == "form":
        form = names.form(value) if names else None
        return form.title.get() if form is not None and form.title.get() else _value(value)
    if key in ("field", "key") and names:
        return names.label(form_id or None, str(value))
    return _value(value)


def _plain_details(details: dict, event: str = "", names=None, form_id: str | None = None) -> list[str]:
    """Events without changes (sign-in, accounts, backups, prints, syncs): what they record, each
    key and known value in the clerk's language; keys nobody labelled are left out rather than
    shown raw (tests/ui/test_audit_details.py fails for them)."""
    labels, flags = detail_labels(), flag_labels()
    parts = []
    action = details.get("action")
    if isinstance(action, str):
        parts.append(action_labels(event).get(action, QCoreApplication.translate("AuditModel", "other")))
    for key, value in sorted(details.items(), key=lambda item: item[0] != "what"):   # what it was, first
        if key in HIDDEN_KEYS or value is None or value is False or value == "":
            continue
        if key in flags:
            if value is True:
                parts.append(flags[key])
            continue
        if key not in labels or isinstance(value, dict) or (isinstance(value, list) and key != "role"):
            continue
        form = details.get("form") if isinstance(details.get("form"), str) else form_id
        parts.append(QCoreApplication.translate("AuditModel", "%1: %2").replace("%1", labels[key]).replace(
            "%2", _known_value(event, key, value, names, form)))
    return parts


def override_reasons(entry: audit.AuditEntry, names=None) -> str:
    """'年龄: 本人确认' for each warning the clerk overrode, with the reason given."""
    overrides = (entry.details or {}).get("overrides") or {}
    label = (lambda name: names.label(entry.form_id, name)) if names else (lambda name: name)
    if isinstance(overrides, dict):
        return QCoreApplication.translate("AuditModel", "; ").join(QCoreApplication.translate("AuditModel", "%1: %2").replace("%1", label(path)).replace("%2", str(reason))
                              for path, reason in overrides.items())
    return QCoreApplication.translate("AuditModel", "; ").join(label(str(path)) for path in overrides)


def describe_details(entry: audit.AuditEntry, names=None) -> str:
    details = entry.details or {}
    parts = []
    label = (lambda name: names.label(entry.form_id, name)) if names else (lambda name: name)
    shown = (lambda name, value: _value(names.value(entry.form_id, name, value))) if names \
        else (lambda _name, value: _value(value))
    for name, change in (details.get("changes") or {}).items():
        if isinstance(change, list | tuple) and len(change) == 2:
            parts.append(QCoreApplication.translate("AuditModel", "%1: %2 → %3").replace("%1", label(name))
                         .replace("%2", shown(name, change[0])).replace("%3", shown(name, change[1])))
    if isinstance(details.get("status"), list):
        statuses = {"draft": QCoreApplication.translate("AuditModel", "draft"),
                    "complete": QCoreApplication.translate("AuditModel", "complete")}
        old, new = (statuses.get(v, _value(v)) for v in details["status"])
        parts.append(QCoreApplication.translate("AuditModel", "status: %1 → %2").replace("%1", old).replace("%2", new))
    if entry.event == "task" and isinstance(details.get("task"), list):
        from desktop.ui.shell.formatting import division_name

        old, new = details["task"]
        parts.append(QCoreApplication.translate("AuditModel", "%1: %2 → %3")
                     .replace("%1", division_name(details.get("township"))).replace("%2", _value(old))
                     .replace("%3", _value(new)))
    if entry.event == "create" and isinstance(details.get("values"), dict):
        parts.append(counted(len(details["values"]), QCoreApplication.translate("AuditModel", "1 field entered"), QCoreApplication.translate("AuditModel", "%n fields entered")))
    if not parts:
        parts = _plain_details(details, entry.event, names, entry.form_id)
    if details.get("overrides"):
        parts.append(QCoreApplication.translate("AuditModel", "warnings overridden: %1").replace("%1", override_reasons(entry, names)))
    return QCoreApplication.translate("AuditModel", "; ").join(parts)


class AuditModel(PagedTableModel):
    COLUMN_COUNT = 7

    def __init__(self, db, parent=None, names=None):
        super().__init__(parent)
        self._db = db
        self._names = names
        self._people: dict[str, str] = {}
        self._filter = AuditFilter()
        self._more = False

    def set_filter(self, audit_filter: AuditFilter) -> None:
        self.beginResetModel()
        self._filter = audit_filter
        self._rows = self._read_page(0)
        self._more = len(self._rows) == PAGE_SIZE
        self.endResetModel()

    def reload(self) -> None:
        self._people.clear()
        self.set_filter(self._filter)

    @property
    def audit_filter(self) -> AuditFilter:
        return self._filter

    def _read_page(self, offset: int) -> list[tuple]:
        f = self._filter
        found = audit.entries(self._db, record_id=f.record_id, clerk=f.clerk, date_from=f.date_from,
                              date_to=f.date_to, reveals=f.reveals, limit=PAGE_SIZE, offset=offset)
        return [(e.seq, str(e.seq), short_time(e.at), e.clerk, event_label(e.event),
                 self._person(e.record_id), describe_details(e, self._names), self._reason(e)) for e in found]

    def _person(self, record_id: str | None) -> str:
        """The record as the clerk knows it: the name and the masked ID (its number when it has neither)."""
        if not record_id:
            return ""
        if record_id not in self._people:
            try:
                record = records.get(self._db, record_id)
            except UserError:
                shown = record_id[:8]
            else:
                form = self._names.form(record.form_id) if self._names else None
                shown = identity.short_description(form, record.values) or record_id[:8]
            self._people[record_id] = shown
        return self._people[record_id]

    def _reason(self, entry: audit.AuditEntry) -> str:
        """The reason given for the change, and for each warning overridden."""
        overridden = override_reasons(entry, self._names) if (entry.details or {}).get("overrides") else ""
        return QCoreApplication.translate("AuditModel", "; ").join(part for part in (entry.reason or "", overridden) if part)

    def _more_to_read(self) -> bool:
        return self._more

    def _page_read(self, page: list[tuple]) -> None:
        self._more = len(page) == PAGE_SIZE

    def _other_data(self, row: tuple, column: int, role):
        if role == Qt.ItemDataRole.ToolTipRole and column in (5, 6):
            return row[column + 1] or None
        return None

    def _column_titles(self) -> tuple[str, ...]:
        return (self.tr("No."), self.tr("Time"), self.tr("Clerk"), self.tr("Event"), self.tr("Record"),
                self.tr("Changes (old → new)"), self.tr("Reason"))
