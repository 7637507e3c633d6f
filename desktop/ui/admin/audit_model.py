"""The audit trail's item model: lazy pages of 200 rows over desktop.core.store.audit.entries.

Edits show as "field: old → new", with the field's label and a code's meaning in the clerk's
language when the form is known (`names`, a desktop.core.entry.field_names.FieldNames). Values that look
like ID or phone numbers are masked here as on every other screen (the full values stay in the
trail).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt

from desktop.core.logs import redact
from desktop.core.store import audit
from desktop.ui.shell.formatting import short_time
from desktop.ui.shell.paged_model import KEY_ROLE, PAGE_SIZE, PagedTableModel

SEQ_ROLE = KEY_ROLE


@dataclass(frozen=True)
class AuditFilter:
    record_id: str | None = None
    clerk: str | None = None
    date_from: str | None = None
    date_to: str | None = None


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
    }
    return labels.get(event, event)


def _value(value) -> str:
    return "—" if value in (None, "") else redact(str(value))


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
        parts.append(QCoreApplication.translate("AuditModel", "%n field(s) entered", "",
                                                len(details["values"])))
    if not parts:
        parts = [f"{key}: {_value(value)}" for key, value in details.items()
                 if key not in ("changes", "values", "status", "overrides") and not isinstance(value, dict | list)]
    if details.get("overrides"):
        parts.append(QCoreApplication.translate("AuditModel", "warnings overridden: %1")
                     .replace("%1", ", ".join(label(path) for path in details["overrides"])))
    return QCoreApplication.translate("AuditModel", "; ").join(parts)


class AuditModel(PagedTableModel):
    COLUMN_COUNT = 7

    def __init__(self, db, parent=None, names=None):
        super().__init__(parent)
        self._db = db
        self._names = names
        self._filter = AuditFilter()
        self._more = False

    def set_filter(self, audit_filter: AuditFilter) -> None:
        self.beginResetModel()
        self._filter = audit_filter
        self._rows = self._read_page(0)
        self._more = len(self._rows) == PAGE_SIZE
        self.endResetModel()

    def reload(self) -> None:
        self.set_filter(self._filter)

    @property
    def audit_filter(self) -> AuditFilter:
        return self._filter

    def _read_page(self, offset: int) -> list[tuple]:
        f = self._filter
        found = audit.entries(self._db, record_id=f.record_id, clerk=f.clerk, date_from=f.date_from,
                              date_to=f.date_to, limit=PAGE_SIZE, offset=offset)
        return [(e.seq, str(e.seq), short_time(e.at), e.clerk, event_label(e.event),
                 (e.record_id or "")[:8], describe_details(e, self._names), e.reason or "") for e in found]

    def _more_to_read(self) -> bool:
        return self._more

    def _page_read(self, page: list[tuple]) -> None:
        self._more = len(page) == PAGE_SIZE

    def _other_data(self, row: tuple, column: int, role):
        if role == Qt.ItemDataRole.ToolTipRole and column == 5:
            return row[6] or None
        return None

    def _column_titles(self) -> tuple[str, ...]:
        return (self.tr("No."), self.tr("Time"), self.tr("Clerk"), self.tr("Event"), self.tr("Record"),
                self.tr("Changes (old → new)"), self.tr("Reason"))
