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


def _detail_labels() -> dict[str, str]:
    """The keys events store in their details, in the clerk's language."""
    return {"account": QCoreApplication.translate("AuditModel", "account"), "role": QCoreApplication.translate("AuditModel", "role"), "file": QCoreApplication.translate("AuditModel", "file"), "previous": QCoreApplication.translate("AuditModel", "previous"),
            "report": QCoreApplication.translate("AuditModel", "report"), "destination": QCoreApplication.translate("AuditModel", "to"), "pages": QCoreApplication.translate("AuditModel", "pages"), "date": QCoreApplication.translate("AuditModel", "date"),
            "month": QCoreApplication.translate("AuditModel", "month"), "township": QCoreApplication.translate("AuditModel", "township"), "county": QCoreApplication.translate("AuditModel", "county"),
            "bundle": QCoreApplication.translate("AuditModel", "bundle"), "seq": QCoreApplication.translate("AuditModel", "row"), "from_seq": QCoreApplication.translate("AuditModel", "from row"), "count": QCoreApplication.translate("AuditModel", "count"),
            "rows": QCoreApplication.translate("AuditModel", "rows"), "to": QCoreApplication.translate("AuditModel", "to"), "path": QCoreApplication.translate("AuditModel", "file"), "form": QCoreApplication.translate("AuditModel", "form"),
            "version": QCoreApplication.translate("AuditModel", "version"), "unlock": QCoreApplication.translate("AuditModel", "unlocked"), "first": QCoreApplication.translate("AuditModel", "first sign-in"),
            "delete_reason": QCoreApplication.translate("AuditModel", "deleted because"),
            "sequence": QCoreApplication.translate("AuditModel", "bundle No."),
            "acked_sequence": QCoreApplication.translate("AuditModel", "acknowledged up to No."),
            "items": QCoreApplication.translate("AuditModel", "messages"),
            "kind": QCoreApplication.translate("AuditModel", "kind"),
            "due_date": QCoreApplication.translate("AuditModel", "due"),
            "outside_county": QCoreApplication.translate("AuditModel", "outside the county")}


def _action_labels() -> dict[str, str]:
    return {"create": QCoreApplication.translate("AuditModel", "account created"), "deactivate": QCoreApplication.translate("AuditModel", "account switched off"),
            "reactivate": QCoreApplication.translate("AuditModel", "account switched on again"), "role": QCoreApplication.translate("AuditModel", "role changed"),
            "reset_password": QCoreApplication.translate("AuditModel", "password reset"),
            "export": QCoreApplication.translate("AuditModel", "bundle written"),
            "import": QCoreApplication.translate("AuditModel", "bundle read"),
            "new": QCoreApplication.translate("AuditModel", "new request"), "change_password": QCoreApplication.translate("AuditModel", "own password changed")}


def _role_labels() -> dict[str, str]:
    return {"clerk": QCoreApplication.translate("AuditModel", "clerk"), "supervisor": QCoreApplication.translate("AuditModel", "supervisor"), "admin": QCoreApplication.translate("AuditModel", "administrator"),
            "county": QCoreApplication.translate("AuditModel", "county")}


def _plain_details(details: dict) -> list[str]:
    """Events without changes (sign-in, accounts, backups, prints, syncs): what they record, each
    key and known value in the clerk's language."""
    labels, roles = _detail_labels(), _role_labels()
    parts = []
    action = details.get("action")
    if isinstance(action, str):
        parts.append(_action_labels().get(action, action.replace("_", " ").replace("-", " ")))
    for key, value in details.items():
        if key in ("changes", "values", "status", "overrides", "action", "sha256") or isinstance(value, dict | list):
            continue
        if value is True and key in ("first", "unlock"):
            parts.append(labels[key])
            continue
        if value is None or value is False:
            continue
        if key == "role" and isinstance(value, str):
            value = roles.get(value, value)
        parts.append(QCoreApplication.translate("AuditModel", "%1: %2").replace("%1", labels.get(key, key)).replace("%2", _value(value)))
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
        names = {"draft": QCoreApplication.translate("AuditModel", "draft"),
                 "complete": QCoreApplication.translate("AuditModel", "complete")}
        old, new = (names.get(v, _value(v)) for v in details["status"])
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
        parts = _plain_details(details)
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
