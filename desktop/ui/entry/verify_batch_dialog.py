"""The supervisor's choice of records to verify by re-keying: a clerk's day, a village, or a sample
(a percentage drawn reproducibly from a seed), optionally of one form.

The dialog is the GUI of `township verify-batch create`: it builds the selection with
`verification.selection` and creates the batch with `verification.create_batch` (the same core
functions the command calls), the creation running through the one task service on its own
connection. Keyboard only: Alt+C, Alt+V, Alt+S choose the way (the arrow keys too), Tab moves
through that way's fields, Enter creates the batch, Esc closes. A refusal (no completed record
matches, a role that may not choose) stays in the dialog to be corrected.
"""

from __future__ import annotations

import random

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QGridLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
)

from desktop.core import clock
from desktop.core.codelists import codelists_divisions
from desktop.core.entry import form_entry
from desktop.core.errors import UserError
from desktop.core.i18n import Text, current_language
from desktop.core.quality import verification
from desktop.core.store import records
from desktop.core.workspace import accounts
from desktop.ui.entry.division_picker import division_label
from desktop.ui.entry.form_view import ERROR_COLOUR

KINDS = ("clerk_day", "village", "sample")


class NewBatchDialog(QDialog):
    """See the module docstring. `created(batch)` is emitted once the batch is stored."""

    created = Signal(object)

    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.language = current_language()
        self.task = None
        self.setWindowTitle(self.tr("New verification batch"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Choose the completed records a second clerk re-keys blind. The same seed "
                               "draws the same sample again."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)

        grid = QGridLayout()
        self.kind_group = QButtonGroup(self)
        self.clerk_day_radio = QRadioButton(self.tr("A &clerk's day"), self)
        self.village_radio = QRadioButton(self.tr("A &village"), self)
        self.sample_radio = QRadioButton(self.tr("A &sample"), self)
        for number, radio in enumerate((self.clerk_day_radio, self.village_radio, self.sample_radio)):
            self.kind_group.addButton(radio, number)

        self.clerk_combo = QComboBox(self)
        self.clerk_combo.setEditable(True)          # a clerk whose account is gone still keyed records
        for name, _role in accounts.names(workspace.db):
            self.clerk_combo.addItem(name)
        self.clerk_combo.setCurrentText(self.clerk_combo.itemText(0) if self.clerk_combo.count() else "")
        self.date_edit = QDateEdit(self)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setCalendarPopup(True)
        today = clock.today()
        self.date_edit.setDate(QDate(today.year, today.month, today.day))

        self.village_combo = QComboBox(self)
        divisions = codelists_divisions.for_workspace(workspace)
        for village in divisions.children(workspace.township or "", "village"):
            self.village_combo.addItem(division_label(village, self.language), village.code)

        self.percent_spin = QDoubleSpinBox(self)
        self.percent_spin.setRange(0.1, 100.0)
        self.percent_spin.setDecimals(1)
        self.percent_spin.setValue(10.0)
        self.percent_spin.setSuffix(" %")
        self.seed_spin = QSpinBox(self)
        self.seed_spin.setRange(1, 999_999)
        # a fresh seed each time, shown and kept with the batch: written down, it draws the sample again
        self.seed_spin.setValue(random.SystemRandom().randrange(1, 1_000_000))

        self.form_combo = QComboBox(self)
        self.form_combo.addItem(self.tr("All forms"), None)
        titles = {d.form_id: d.title.get(self.language) for d in form_entry.registry_for(workspace).latest()}
        for form_id in records.form_ids_in_use(workspace.db):
            self.form_combo.addItem(titles.get(form_id) or form_id, form_id)

        def labelled(text, widget):
            label = QLabel(text, self)
            label.setBuddy(widget)
            return label

        grid.addWidget(self.clerk_day_radio, 0, 0, 1, 4)
        grid.addWidget(labelled(self.tr("Clerk"), self.clerk_combo), 1, 1)
        grid.addWidget(self.clerk_combo, 1, 2)
        grid.addWidget(labelled(self.tr("Day keyed"), self.date_edit), 1, 3)
        grid.addWidget(self.date_edit, 1, 4)
        grid.addWidget(self.village_radio, 2, 0, 1, 4)
        grid.addWidget(labelled(self.tr("Village"), self.village_combo), 3, 1)
        grid.addWidget(self.village_combo, 3, 2, 1, 3)
        grid.addWidget(self.sample_radio, 4, 0, 1, 4)
        grid.addWidget(labelled(self.tr("Percentage"), self.percent_spin), 5, 1)
        grid.addWidget(self.percent_spin, 5, 2)
        grid.addWidget(labelled(self.tr("Seed"), self.seed_spin), 5, 3)
        grid.addWidget(self.seed_spin, 5, 4)
        grid.addWidget(labelled(self.tr("Form"), self.form_combo), 6, 0, 1, 2)
        grid.addWidget(self.form_combo, 6, 2, 1, 3)
        grid.setColumnMinimumWidth(0, 24)
        layout.addLayout(grid)

        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.button(QDialogButtonBox.Ok).setText(self.tr("Create the batch"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.create)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.kind_group.idToggled.connect(lambda _id, _on: self._enable())
        self.clerk_day_radio.setChecked(True)
        self._enable()

    def _enable(self) -> None:
        """Only the chosen way's fields take input (Tab skips the others)."""
        kind = self.kind()
        for widget, of in ((self.clerk_combo, "clerk_day"), (self.date_edit, "clerk_day"),
                           (self.village_combo, "village"), (self.percent_spin, "sample"),
                           (self.seed_spin, "sample")):
            widget.setEnabled(kind == of)

    def kind(self) -> str:
        return KINDS[max(self.kind_group.checkedId(), 0)]

    def chosen(self) -> dict:
        """The selection as the command line builds it (UserError for one that cannot be)."""
        kind = self.kind()
        form_id = self.form_combo.currentData()
        if kind == "clerk_day":
            clerk = self.clerk_combo.currentText().strip()
            if not clerk:
                raise UserError(Text("Name the clerk whose day to verify.", "请填写录入员姓名。"),
                                code="usage")
            return verification.selection(clerk_day=(clerk, self.date_edit.date().toString("yyyy-MM-dd")),
                                          form_id=form_id)
        if kind == "village":
            village = self.village_combo.currentData()
            if not village:
                raise UserError(Text("This township has no village to choose.", "本乡镇没有可选的村街。"),
                                code="usage")
            return verification.selection(village=village, form_id=form_id)
        return verification.selection(sample=(self.percent_spin.value(), self.seed_spin.value()), form_id=form_id)

    def showEvent(self, event):
        super().showEvent(event)
        self.clerk_day_radio.setFocus(Qt.OtherFocusReason)

    def create(self):
        """Enter: store the batch (off the GUI thread); the dialog closes once it is."""
        if self.task is not None:
            return None
        try:
            chosen = self.chosen()
        except UserError as error:
            self._refused(error)
            return None
        from desktop.ui.shell.tasks import Done, service

        data_root, clerk, role = self.workspace.paths.root, self.workspace.clerk, self.workspace.clerk_role

        def work(progress):
            from desktop.core.workspace.workspace import Workspace

            with Workspace.open(data_root) as workspace:
                workspace.clerk, workspace.clerk_role = clerk, role
                return Done(verification.create_batch(workspace, chosen, progress=progress),
                            frozenset({"verification"}))

        self.buttons.setEnabled(False)
        self.status_label.setText(self.tr("Choosing the records…"))
        self.status_label.setStyleSheet("")
        self.task = service().run(work, parent=self, label=self.tr("Choosing the records to verify…"),
                                  on_done=self._created, on_failed=self._refused, finally_=self._ended)
        return self.task

    def _created(self, batch) -> None:
        self.created.emit(batch)
        self.accept()

    def _refused(self, error: UserError) -> None:
        self.status_label.setText(error.text.get(self.language))
        self.status_label.setStyleSheet(f"color: {ERROR_COLOUR};")

    def _ended(self) -> None:
        self.task = None
        self.buttons.setEnabled(True)

