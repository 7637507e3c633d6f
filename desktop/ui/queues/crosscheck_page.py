"""The cross-check page: requests to answer here, requests sent from here (reminders highlighted);
at the county, every request it routed between townships."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout

from desktop.core.codelists import codelists_divisions
from desktop.core.exchange import crosschecks
from desktop.core.i18n import current_language
from desktop.ui.queues.crosscheck_dialogs import AnswerDialog, NewRequestDialog
from desktop.ui.queues.crosscheck_models import ROW_ROLE, CrossCheckTableModel
from desktop.ui.queues.queue_page import QueuePage, queue_table
from desktop.ui.shell.empty_state import EmptyState
from desktop.ui.shell.formatting import counted


class CrossCheckPage(QueuePage):

    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.is_township = workspace.role == "township"
        self.divisions = codelists_divisions.for_workspace(workspace)   # the county's list, once received
        self.tabs = QTabWidget(self)
        self.reminder_label = QLabel(self)
        self.reminder_label.setWordWrap(True)
        self.reminder_label.setStyleSheet("background: #ffd8a8; color: black; padding: 4px;")
        self.reminder_label.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.reminder_label)
        layout.addWidget(self.tabs)
        if self.is_township:
            self.incoming_model = CrossCheckTableModel("in", self, self.divisions)
            self.outgoing_model = CrossCheckTableModel("out", self, self.divisions)
            self.incoming_view = queue_table(self.incoming_model, self)
            self.outgoing_view = queue_table(self.outgoing_model, self)
            self.tabs.addTab(self.incoming_view, self.tr("&Incoming"))
            self.tabs.addTab(self.outgoing_view, self.tr("&Outgoing"))
            # Enter or a double click answers ("activated" covers both; doubleClicked too would open two)
            self.incoming_view.activated.connect(lambda _index: self.answer_selected())
            self.new_button = QPushButton(self.tr("&New request…"), self)
            self.new_button.clicked.connect(lambda: self.new_request())
            self.answer_button = QPushButton(self.tr("&Answer…"), self)
            self.answer_button.clicked.connect(self.answer_selected)
            self.incoming_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
            self.tabs.currentChanged.connect(lambda _i: self._update_buttons())
            buttons = [self.new_button, self.answer_button]
            self.empty_states = [
                EmptyState(self.incoming_view, lambda: self.tr(
                    "No requests from other townships. They arrive with the county's return bundle "
                    "(Sync page).")),
                EmptyState(self.outgoing_view, lambda: self.tr(
                    "No requests sent. To ask another township about a person, select the record in "
                    "Records and press Ask another township (Alt+K), or press New request (Alt+N) here."))]
        else:
            self.routed_model = CrossCheckTableModel("route", self, self.divisions)
            self.routed_view = queue_table(self.routed_model, self)
            self.tabs.addTab(self.routed_view, self.tr("&Routed between townships"))
            buttons = []
            self.empty_states = [EmptyState(self.routed_view, lambda: self.tr(
                "No cross-checks yet. Townships' requests arrive with their sync bundles."))]
        self.refresh_button = QPushButton(self.tr("R&efresh"), self)
        self.refresh_button.clicked.connect(self.refresh)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.refresh_button)
        layout.addLayout(row)
        self.refresh()

    def title(self) -> str:
        return self.tr("Cross-checks")

    def refresh(self) -> None:
        db = self.workspace.db
        if not self.is_township:
            self.routed_model.set_rows(crosschecks.routed(db))
            return
        self.incoming_model.set_rows(crosschecks.incoming(db))
        self.outgoing_model.set_rows(crosschecks.outgoing(db))
        due = [request for request in self.outgoing_model.rows if request.reminder_due()]
        if due:
            phones = sorted({f"{crosschecks.township_name(r.target, current_language(), self.divisions)} "
                             f"{crosschecks.township_phone(r.target, self.divisions)}"
                             for r in due})
            self.reminder_label.setText(counted(len(due), self.tr("1 request sent three or more days ago has no answer: "
                                                                   "phone {phones}"),
                                                self.tr("%n requests sent three or more days ago have no answer: "
                                                        "phone {phones}"))
                                        .replace("{phones}", ", ".join(phones)))
            self.reminder_label.show()
        else:
            self.reminder_label.hide()
        self.tabs.setTabText(1, self.tr("&Outgoing ({n} to phone)").replace("{n}", str(len(due)))
                             if due else self.tr("&Outgoing"))
        waiting = sum(1 for request in self.incoming_model.rows if request.open)
        self.tabs.setTabText(0, self.tr("&Incoming ({n} to answer)").replace("{n}", str(waiting))
                             if waiting else self.tr("&Incoming"))
        self._update_buttons()

    def selected_incoming(self) -> crosschecks.CrossCheck | None:
        rows = self.incoming_view.selectionModel().selectedRows()
        return self.incoming_model.data(rows[0], ROW_ROLE) if rows else None

    def _update_buttons(self) -> None:
        request = self.selected_incoming()
        self.answer_button.setEnabled(self.tabs.currentIndex() == 0 and request is not None and request.open)

    def new_request(self, record_id: str | None = None) -> NewRequestDialog:
        """Open the dialog (non-blocking); the queue refreshes when a request was made."""
        return self._open_dialog(NewRequestDialog(self.workspace, record_id, self))

    def answer_selected(self) -> AnswerDialog | None:
        request = self.selected_incoming()
        if request is None or not request.open:
            return None
        return self._open_dialog(AnswerDialog(self.workspace, request, self))
