"""The corrections page: the county's correction tasks, linked to their records.

At a township: open tasks first; open the record to correct it (the page emits `openRecord`
for the window's record editor), then mark the task fixed, or dispute it with a reason (not
again once the county rejected the dispute: the county's reply is shown). At the county: every
township's tasks, accepting or rejecting a township's dispute (any county clerk), and a button
that runs the county's checks off the GUI thread.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from desktop.core.codelists import codelists_divisions
from desktop.core.entry.field_names import FieldNames
from desktop.core.errors import UserError
from desktop.core.exchange import corrections
from desktop.core.i18n import current_language
from desktop.ui.queues.crosscheck_models import ROW_ROLE, CorrectionTableModel
from desktop.ui.queues.queue_page import QueuePage, queue_table
from desktop.ui.shell.empty_state import EmptyState
from desktop.ui.shell.formatting import counted

log = logging.getLogger("township.ui")


class _TaskDialog(QDialog):
    """One decision on a correction task: what the task says, a reason box, an error line and
    OK/Cancel. A subclass adds its own labels (its own tr() texts) and the core call (`_submit`)."""

    def __init__(self, workspace, task: corrections.Correction, parent=None):
        super().__init__(parent)
        self.workspace, self.task = workspace, task

    def _message_label(self) -> QLabel:
        message = QLabel(self.task.message.get(current_language()), self)
        message.setWordWrap(True)
        message.setStyleSheet("font-weight: bold;")
        return message

    def _lay_out(self, labels: list[QLabel], placeholder: str) -> None:
        """`labels` above the reason box, whose grey hint is `placeholder`."""
        self.reason_edit = QPlainTextEdit(self)
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setPlaceholderText(placeholder)
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet("color: #c92a2a;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (*labels, self.reason_edit, self.error_label, self.buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(max(self.fontMetrics().horizontalAdvance("0") * 70, 420))
        self.reason_edit.setFocus()

    def _submit(self, reason: str) -> None:
        raise NotImplementedError

    def accept(self) -> None:
        try:
            self._submit(self.reason_edit.toPlainText())
        except UserError as error:
            self.error_label.setText(str(error.text))
            self.error_label.show()
            return
        super().accept()


class ResolveDialog(_TaskDialog):
    """Mark a task fixed (with a note) or dispute it (a reason is required)."""

    def __init__(self, workspace, task: corrections.Correction, outcome: str, parent=None, *,
                 record_name: str = "", field_label: str = ""):
        super().__init__(workspace, task, parent)
        self.outcome = outcome
        self.resolved: corrections.Correction | None = None
        self.setWindowTitle(self.tr("Mark the task fixed") if outcome == "fixed" else self.tr("Dispute the task"))
        message = self._message_label()
        about = QLabel(self.tr("Record: %1 · field: %2").replace("%1", record_name or task.record_id[:8])
                       .replace("%2", field_label or "—"), self)
        reply = QLabel(self.tr("The county rejected your dispute: %1").replace("%1", task.decision_reason or ""), self)
        reply.setWordWrap(True)
        reply.setVisible(task.dispute_rejected)
        self._lay_out([about, message, reply], self.tr("What was corrected (optional)") if outcome == "fixed"
                      else self.tr("Why the record is right (required)"))

    def _submit(self, reason: str) -> None:
        self.resolved = corrections.resolve(self.workspace, self.task.id, outcome=self.outcome, reason=reason)


class DecisionDialog(_TaskDialog):
    """The county accepts a township's dispute (the task closes) or rejects it with a reply (the
    task goes back to the township, which must correct the record)."""

    def __init__(self, workspace, task: corrections.Correction, decision: str, parent=None, *,
                 record_name: str = "", field_label: str = ""):
        super().__init__(workspace, task, parent)
        self.decision = decision
        self.decided: corrections.Correction | None = None
        accepting = decision == "accepted"
        self.setWindowTitle(self.tr("Accept the dispute") if accepting else self.tr("Reject the dispute"))
        about = QLabel(self.tr("Record: %1 · field: %2").replace("%1", record_name or task.record_id[:8])
                       .replace("%2", field_label or "—"), self)
        message = self._message_label()
        dispute = QLabel(self.tr("The township's reason: %1").replace("%1", task.resolution_reason or ""), self)
        dispute.setWordWrap(True)
        effect = QLabel(self.tr("The task is closed and the record stays as it is.") if accepting else
                        self.tr("The task goes back to the township with your reply; it must correct the record."),
                        self)
        effect.setWordWrap(True)
        self._lay_out([about, message, dispute, effect], self.tr("Note for the township (optional)") if accepting
                      else self.tr("Why the record must be corrected (required)"))

    def _submit(self, reason: str) -> None:
        self.decided = corrections.decide(self.workspace, self.task.id, decision=self.decision, reason=reason)


class CorrectionsPage(QueuePage):
    openRecord = Signal(str)      # the window opens this record in the editor
    scanFinished = Signal(int)    # county: how many tasks the checks raised

    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.is_county = workspace.role == "county"
        self.model = CorrectionTableModel(self.is_county, self, names=FieldNames(workspace),
                                          divisions=codelists_divisions.for_workspace(workspace))
        self.view = queue_table(self.model, self)
        self.filter_combo = QComboBox(self)
        self.filter_combo.addItem(self.tr("Open"), "open")
        self.filter_combo.addItem(self.tr("Disputed"), "disputed")
        self.filter_combo.addItem(self.tr("Fixed"), "fixed")
        self.filter_combo.addItem(self.tr("Dispute accepted"), "accepted")
        self.filter_combo.addItem(self.tr("All"), None)
        self.filter_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.count_label = QLabel(self)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("&Show:"), self))
        top.itemAt(0).widget().setBuddy(self.filter_combo)
        top.addWidget(self.filter_combo)
        top.addStretch(1)
        top.addWidget(self.count_label)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(self.tr("&Open the record"), self)
        self.open_button.clicked.connect(self._open_record)
        buttons.addWidget(self.open_button)
        if self.is_county:
            self.scan_button = QPushButton(self.tr("&Run the county's checks"), self)
            self.scan_button.clicked.connect(self.run_scan)
            self.accept_button = QPushButton(self.tr("&Accept the dispute…"), self)
            self.accept_button.clicked.connect(lambda: self.decide_selected("accepted"))
            self.reject_button = QPushButton(self.tr("Re&ject the dispute…"), self)
            self.reject_button.clicked.connect(lambda: self.decide_selected("rejected"))
            buttons.addWidget(self.accept_button)
            buttons.addWidget(self.reject_button)
            buttons.addWidget(self.scan_button)
        else:
            self.fixed_button = QPushButton(self.tr("&Mark fixed…"), self)
            self.fixed_button.clicked.connect(lambda: self.resolve_selected("fixed"))
            self.dispute_button = QPushButton(self.tr("&Dispute…"), self)
            self.dispute_button.clicked.connect(lambda: self.resolve_selected("disputed"))
            buttons.addWidget(self.fixed_button)
            buttons.addWidget(self.dispute_button)
        buttons.addStretch(1)
        self.refresh_button = QPushButton(self.tr("R&efresh"), self)
        self.refresh_button.clicked.connect(self.refresh)
        buttons.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.view.activated.connect(lambda _index: self._open_record())   # Enter or a double click
        self.empty_state = EmptyState(self.view, self._empty_text)
        self.refresh()

    def title(self) -> str:
        return self.tr("Corrections")

    def refresh(self) -> None:
        tasks = corrections.tasks(self.workspace.db, status=self.filter_combo.currentData())
        self.model.set_rows(tasks, self._people({task.record_id for task in tasks}))
        counts = corrections.counts(self.workspace.db)
        self.count_label.setText(self.tr("{open} open, {disputed} disputed, {fixed} fixed, disputes accepted: {accepted}")
                                 .replace("{open}", str(counts["open"])).replace("{disputed}", str(counts["disputed"]))
                                 .replace("{fixed}", str(counts["fixed"])).replace("{accepted}", str(counts["accepted"])))
        self._update_buttons()

    def _people(self, record_ids: set[str]) -> dict[str, str]:
        """The name on each record, so the list says whose record needs correcting."""
        return corrections.names_on_records(self.workspace.db, record_ids, self.workspace.paths)

    def _empty_text(self) -> str:
        if self.is_county:
            return self.tr("No correction tasks here. Run the county's checks to look for problems "
                           "in the townships' records.")
        if self.filter_combo.currentData() == "open":
            return self.tr("No correction tasks to do. The county's tasks arrive with its return bundle "
                           "(Sync page); each one names a record to correct.")
        return self.tr("No correction tasks in this list.")

    def selected(self) -> corrections.Correction | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.data(rows[0], ROW_ROLE) if rows else None

    def _update_buttons(self) -> None:
        task = self.selected()
        self.open_button.setEnabled(task is not None)
        if self.is_county:
            disputed = task is not None and task.status == "disputed"
            self.accept_button.setEnabled(disputed)
            self.reject_button.setEnabled(disputed)
        else:
            self.fixed_button.setEnabled(task is not None and task.status == "open")
            self.dispute_button.setEnabled(task is not None and task.status == "open" and not task.dispute_rejected)

    def select_record(self, record_id: str) -> bool:
        """Put the cursor on the record's task (back from correcting it): mark it fixed from here."""
        for row, task in enumerate(self.model.rows):
            if task.record_id == record_id:
                self.view.selectRow(row)
                self.view.setFocus()
                return True
        return False

    def _open_record(self) -> None:
        task = self.selected()
        if task is not None:
            self.openRecord.emit(task.record_id)

    def resolve_selected(self, outcome: str) -> ResolveDialog | None:
        task = self.selected()
        if task is None or task.status != "open":
            return None
        return self._open_dialog(ResolveDialog(self.workspace, task, outcome, self,
                                               record_name=self.model.people.get(task.record_id, ""),
                                               field_label=self.model.names.label(task.form_id, task.field)))

    def decide_selected(self, decision: str) -> DecisionDialog | None:
        """County: accept or reject the selected task's dispute."""
        task = self.selected()
        if task is None or task.status != "disputed":
            return None
        return self._open_dialog(DecisionDialog(self.workspace, task, decision, self,
                                                record_name=self.model.people.get(task.record_id, ""),
                                                field_label=self.model.names.label(task.form_id, task.field)))

    def run_scan(self):
        """Run the checks through the task service, with their own connection to the database;
        a progress dialog (records checked, Cancel until the tasks are written) if it takes a while."""
        from desktop.ui.shell.tasks import Done, service

        self.scan_button.setEnabled(False)
        data_root, clerk = self.workspace.paths.root, self.workspace.clerk

        def work(progress):
            from desktop.core.workspace.workspace import Workspace

            with Workspace.open(data_root) as workspace:
                workspace.clerk = clerk
                return Done(corrections.scan(workspace, progress=progress), frozenset({"corrections"}))

        def finish(message: str, raised: int) -> None:
            self.status_label.setText(message)
            self.refresh()
            self.scanFinished.emit(raised)

        return service().run(
            work, parent=self, label=self.tr("Checking every township's records…"), cancellable=True,
            on_done=lambda raised: finish(counted(len(raised), self.tr("The checks raised 1 new task; it goes out with its "
                                                                      "township's return bundle."),
                                                  self.tr("The checks raised %n new tasks; they go out with each "
                                                          "township's return bundle.")),
                                          len(raised)),
            on_failed=lambda error: finish(str(error.text), -1),
            on_cancelled=lambda _partial: finish(self.tr("The checks were cancelled; no task was raised."), -1),
            finally_=lambda: self.scan_button.setEnabled(True))
