"""The two cross-check dialogs: raising a request and answering one.

Both call the core and show its refusal (a UserError's text) inside the dialog, so a clerk keeps
what was typed and fixes the one thing named. They are opened with `open()` (window-modal,
non-blocking) so the queue page and the tests stay in control.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
)

from desktop.core.clock import today
from desktop.core.codelists import codelists_divisions
from desktop.core.entry import identity
from desktop.core.errors import UserError
from desktop.core.exchange import crosschecks
from desktop.core.i18n import current_language
from desktop.core.store import records

OUTSIDE = "__outside__"


def _readable_width(widget) -> int:
    """Wide enough for a sentence of a question on one or two lines (follows the font size)."""
    return max(widget.fontMetrics().horizontalAdvance("0") * 70, 420)


def _error_label(parent) -> QLabel:
    label = QLabel(parent)
    label.setStyleSheet("color: #c92a2a;")
    label.setWordWrap(True)
    label.hide()
    return label


class NewRequestDialog(QDialog):
    """Ask another township (or, for the provincial channel, another county) to confirm facts."""

    def __init__(self, workspace, record_id: str | None = None, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.record_id = record_id
        self.created: crosschecks.CrossCheck | None = None
        self.setWindowTitle(self.tr("New cross-check request"))
        lang = current_language()

        self.target_combo = QComboBox(self)
        for division in codelists_divisions.for_workspace(workspace).children(workspace.county or "", "township"):
            if division.code != workspace.township:
                self.target_combo.addItem(f"{division.name(lang)} ({division.code})", division.code)
        self.target_combo.addItem(self.tr("A township in another county…"), OUTSIDE)
        self.outside_edit = QLineEdit(self)
        self.outside_edit.setPlaceholderText(self.tr("Name or code of the other county, e.g. 131024"))
        self.outside_edit.setEnabled(False)
        self.route_label = QLabel(self)     # which way the request will travel, as the clerk types
        self.route_label.setWordWrap(True)
        self.route_label.setStyleSheet("color: #495057;")
        self.route_label.hide()
        self.target_combo.currentIndexChanged.connect(self._target_changed)
        self.name_edit = QLineEdit(self)
        self.id_edit = QLineEdit(self)
        self.id_edit.setMaxLength(18)
        self.question_edit = QPlainTextEdit(self)
        self.question_edit.setPlaceholderText(self.tr("What should the other township confirm?"))
        self.question_edit.setTabChangesFocus(True)
        self.due_edit = QDateEdit(self)
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat("yyyy-MM-dd")
        due = today() + timedelta(days=crosschecks.due_days(workspace.db))
        self.due_edit.setDate(QDate(due.year, due.month, due.day))
        if record_id:
            record = records.get(workspace.db, record_id)
            from desktop.core.entry import identity
            from desktop.core.entry.entry import registry
            from desktop.core.forms import roles

            record_form = identity.FormLookup(registry(workspace)).for_record(record)
            self.name_edit.setText(str(identity.value_of(record_form, record.values, roles.PERSON_NAME) or ""))
            self.id_edit.setText(str(identity.value_of(record_form, record.values, roles.PERSON_ID) or ""))

        form = QFormLayout()
        form.addRow(self.tr("&Ask"), self.target_combo)
        form.addRow(self.tr("Other &county"), self.outside_edit)
        form.addRow("", self.route_label)
        form.addRow(self.tr("&Name"), self.name_edit)
        form.addRow(self.tr("&ID number"), self.id_edit)
        form.addRow(self.tr("&To confirm"), self.question_edit)
        form.addRow(self.tr("&Due"), self.due_edit)
        self.error_label = _error_label(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Send with the next bundle"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(_readable_width(self))
        self.outside_edit.textChanged.connect(self._show_route)
        self.id_edit.textChanged.connect(self._show_route)
        self.question_edit.setFocus()

    def _target_changed(self, _index: int) -> None:
        outside = self.target_combo.currentData() == OUTSIDE
        self.outside_edit.setEnabled(outside)
        if outside:
            self.outside_edit.setFocus()
        self._show_route()

    def _show_route(self, _text: str = "") -> None:
        """Say how a request to another county will travel: through the province hub when it can
        find the person (a county of the province and an ID number), else on paper."""
        text = self.outside_edit.text().strip()
        if self.target_combo.currentData() != OUTSIDE or not text:
            self.route_label.hide()
            return
        route, county = crosschecks.outside_route(text, self.id_edit.text(), self.workspace.county)
        if route == crosschecks.UNKNOWN_COUNTY:
            message = self.tr("Not a county of the province known here: the request is kept for the provincial "
                              "channel on paper.")
        elif route == crosschecks.OWN_COUNTY:
            message = self.tr("This is your own county: choose its township in the list above.")
        elif route == crosschecks.PAPER:
            message = self.tr("Without an ID number the province cannot find the person: the request is kept for "
                              "the provincial channel on paper. Add the ID number to send it through the province.")
        else:
            message = self.tr("Goes with the next bundle through the county and the province to the township of "
                              "{county} that holds this ID number.").replace(
                "{county}", crosschecks.township_name(county, current_language()))
        self.route_label.setText(message)
        self.route_label.show()

    def accept(self) -> None:
        target = self.target_combo.currentData()
        try:
            self.created = crosschecks.new_request(
                self.workspace, question=self.question_edit.toPlainText(), subject_name=self.name_edit.text(),
                subject_id_number=self.id_edit.text(), target=None if target == OUTSIDE else target,
                outside_county=self.outside_edit.text() if target == OUTSIDE else None,
                due_date=self.due_edit.date().toString("yyyy-MM-dd"), record_id=self.record_id)
        except UserError as error:
            self.error_label.setText(str(error.text))
            self.error_label.show()
            return
        super().accept()


class AnswerDialog(QDialog):
    """Answer a request from another township: confirmed, differs (with details) or person unknown."""

    def __init__(self, workspace, request: crosschecks.CrossCheck, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.request = request
        self.answered: crosschecks.CrossCheck | None = None
        self.setWindowTitle(self.tr("Answer a cross-check"))
        lang = current_language()
        asked = QLabel(self)
        asked.setWordWrap(True)
        asked.setText(self.tr("{town} asks about {name} {id}:").replace(
            "{town}", request.outside_county or crosschecks.township_name(
                request.counterpart, lang, codelists_divisions.for_workspace(workspace))).replace(
            "{name}", request.subject_name).replace("{id}", identity.mask_id(request.subject_id_number)))
        question = QLabel(request.question, self)
        question.setWordWrap(True)
        question.setStyleSheet("font-weight: bold;")
        self.confirmed = QRadioButton(self.tr("&Confirmed"), self)
        self.differs = QRadioButton(self.tr("&Differs (say how below)"), self)
        self.unknown = QRadioButton(self.tr("Person &unknown here"), self)
        self.group = QButtonGroup(self)
        for button, value in ((self.confirmed, "confirmed"), (self.differs, "differs"), (self.unknown, "unknown")):
            button.setProperty("answer", value)
            self.group.addButton(button)
        self.confirmed.setChecked(True)
        self.details_edit = QPlainTextEdit(self)
        self.details_edit.setPlaceholderText(self.tr("Details"))
        self.details_edit.setTabChangesFocus(True)
        self.error_label = _error_label(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (asked, question, self.confirmed, self.differs, self.unknown, self.details_edit,
                       self.error_label, self.buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(_readable_width(self))

    def accept(self) -> None:
        try:
            self.answered = crosschecks.answer(self.workspace, self.request.id,
                                               result=self.group.checkedButton().property("answer"),
                                               details=self.details_edit.toPlainText())
        except UserError as error:
            self.error_label.setText(str(error.text))
            self.error_label.show()
            return
        super().accept()
