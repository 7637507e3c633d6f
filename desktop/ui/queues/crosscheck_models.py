"""Table models over cross-check requests and correction tasks, for the two queue pages.

Each model holds a plain list from the core (desktop.core.exchange.crosschecks / corrections) and is
reloaded whole by `set_rows`; the queues are short (what is open plus recent history), so a
reset is cheaper to reason about than fine-grained updates. Rows due a phone reminder, and open
correction tasks, carry a background colour; `ROW_ROLE` hands the core object to the page. What
both queues share (rows, named columns, highlight, the model interface) is in QueueTableModel.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.core.entry import identity
from desktop.core.exchange import corrections, crosschecks
from desktop.core.i18n import current_language

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
REMINDER_ROLE = Qt.ItemDataRole.UserRole + 2
REMINDER_COLOUR = QColor("#ffd8a8")   # warm orange: "ring them"; readable with black text
OPEN_COLOUR = QColor("#fff3bf")


class QueueTableModel(QAbstractTableModel):
    """A short list of core objects under named columns `[(key, title)]`; a subclass says how a
    column shows (`_display`) and which rows stand out (`_highlight`)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list = []
        self.columns: list[tuple[str, str]] = []

    def _display(self, row, key: str) -> str:
        raise NotImplementedError

    def _highlight(self, row) -> QColor | None:
        return None

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, index):
        """The core object behind `index`, or None outside the table."""
        if not index.isValid() or not (0 <= index.row() < len(self.rows)) \
                or not (0 <= index.column() < len(self.columns)):
            return None
        return self.rows[index.row()]

    def rowCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.columns):
            return self.columns[section][1]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index)
        if row is None:
            return None
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = self._highlight(row)
            return QBrush(colour) if colour else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("black")) if self._highlight(row) else None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        return self._display(row, self.columns[index.column()][0])


class CrossCheckTableModel(QueueTableModel):
    """Requests on one side: "in" (to answer here), "out" (sent from here) or "route" (county)."""

    def __init__(self, side: str, parent=None, divisions=None):
        super().__init__(parent)
        self.side = side
        self.divisions = divisions    # the installation's township names and phones (the county's list)
        self.columns = self._columns()

    def _columns(self) -> list[tuple[str, str]]:
        other = {"in": self.tr("From"), "out": self.tr("To"), "route": self.tr("From → to")}[self.side]
        columns = [("state", self.tr("State")), ("other", other), ("name", self.tr("Name")),
                   ("id_number", self.tr("ID number")), ("question", self.tr("To confirm")),
                   ("due", self.tr("Due")), ("sent", self.tr("Sent") if self.side != "in" else self.tr("Received")),
                   ("answer", self.tr("Answer"))]
        if self.side == "out":
            columns.append(("reminder", self.tr("Reminder")))
        return columns

    def state_text(self, state: str) -> str:
        return {"draft": self.tr("waiting for the next bundle"), "provincial": self.tr("for the provincial channel"),
                "at_province": self.tr("with the province"),
                "sent": self.tr("sent"), "delivered": self.tr("delivered"), "answered": self.tr("answered"),
                "closed": self.tr("closed")}[state]

    def answer_text(self, answer: str | None) -> str:
        if not answer:
            return ""
        return {"confirmed": self.tr("confirmed"), "differs": self.tr("differs"),
                "unknown": self.tr("person unknown")}[answer]

    def reminder_count(self) -> int:
        return sum(1 for request in self.rows if request.reminder_due())

    def _highlight(self, request: crosschecks.CrossCheck) -> QColor | None:
        return REMINDER_COLOUR if request.reminder_due() else None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        request = self.row_at(index)
        if request is not None and role == REMINDER_ROLE:
            return request.reminder_due()
        if request is not None and role == Qt.ItemDataRole.ToolTipRole and request.reminder_due():
            return self.tr("Sent three or more days ago without an answer: phone {phone}").replace(
                "{phone}", crosschecks.township_phone(request.target, self.divisions))
        return super().data(index, role)

    def _display(self, request: crosschecks.CrossCheck, key: str) -> str:
        lang = current_language()
        if key == "state":
            return self.state_text(request.state)
        if key == "other":
            if self.side == "route":
                return f"{crosschecks.township_name(request.requester, lang, self.divisions)} → " \
                       f"{crosschecks.township_name(request.target, lang, self.divisions)}"
            return request.outside_county or crosschecks.township_name(request.counterpart, lang, self.divisions)
        if key == "name":
            return request.subject_name
        if key == "id_number":
            return identity.mask_id(request.subject_id_number)
        if key == "question":
            return request.question
        if key == "due":
            return request.due_date
        if key == "sent":
            return (request.sent_on or "")[:10]
        if key == "answer":
            text = self.answer_text(request.answer)
            return f"{text}: {request.answer_details}" if request.answer_details else text
        if key == "reminder":
            if request.reminder_due():
                return self.tr("phone reminder due: {phone}").replace(
                    "{phone}", crosschecks.township_phone(request.target, self.divisions))
            return ""
        return ""


class CorrectionTableModel(QueueTableModel):
    """Correction tasks: at a township its own, at the county every township's."""

    def __init__(self, county: bool = False, parent=None, names=None, divisions=None):
        super().__init__(parent)
        self.county = county
        self.divisions = divisions    # the installation's township names (the county's list if received)
        self.names = names            # desktop.core.entry.field_names.FieldNames: "phone" shown as 联系电话
        self.people: dict[str, str] = {}
        self.columns = [("status", self.tr("Status")), ("record", self.tr("Record")), ("kind", self.tr("Problem")),
                        ("field", self.tr("Field")), ("message", self.tr("What to do")),
                        ("raised", self.tr("Raised")), ("resolution", self.tr("Outcome"))]
        if county:
            self.columns.insert(1, ("township", self.tr("Township")))

    def status_text(self, task: corrections.Correction) -> str:
        if task.dispute_rejected:
            return self.tr("open: dispute rejected")
        return {"open": self.tr("open"), "fixed": self.tr("fixed"), "disputed": self.tr("disputed"),
                "accepted": self.tr("dispute accepted"), "decided": self.tr("decided")}[task.status]

    def outcome_text(self, task: corrections.Correction) -> str:
        """The township's note or dispute reason, and the county's reply when it decided on a dispute."""
        parts = [task.resolution_reason or ""]
        if task.decision == "rejected":
            parts.append(self.tr("County's reply: %1").replace("%1", task.decision_reason or ""))
        elif task.decision in ("same_person", "different_people"):
            parts.append(self.tr("County: the same person") if task.decision == "same_person"
                         else self.tr("County: different people"))
        elif task.decision == "accepted":
            parts.append(self.tr("County: dispute accepted") + (f" ({task.decision_reason})" if task.decision_reason
                                                               else ""))
        return "; ".join(part for part in parts if part)

    def kind_text(self, kind: str) -> str:
        return {"duplicate_id": self.tr("ID registered in two townships"),
                "rule": self.tr("fails the entry rules"), "manual": self.tr("raised by the county"),
                "possible_duplicate": self.tr("possibly the same person")}[kind]

    def set_rows(self, rows: list[corrections.Correction], people: dict[str, str] | None = None) -> None:
        """`people`: record id -> the person's name, shown instead of the bare record number."""
        self.people = dict(people or {})
        super().set_rows(rows)

    def _highlight(self, task: corrections.Correction) -> QColor | None:
        return OPEN_COLOUR if task.status == "open" else None

    def _display(self, task: corrections.Correction, key: str) -> str:
        lang = current_language()
        if key == "status":
            return self.status_text(task)
        if key == "township":
            return crosschecks.township_name(task.township, lang, self.divisions)
        if key == "record":
            name = self.people.get(task.record_id)
            return f"{name} ({task.record_id[:8]})" if name else task.record_id[:8]
        if key == "kind":
            return self.kind_text(task.kind)
        if key == "field":
            return self.names.label(task.form_id, task.field) if self.names else task.field
        if key == "message":
            return task.message.get(lang)
        if key == "raised":
            return task.raised_at[:10]
        if key == "resolution":
            return self.outcome_text(task)
        return ""
