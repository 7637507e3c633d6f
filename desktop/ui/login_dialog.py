"""Signing in: the clerk picks their name and types the password; both outcomes go in the trail.

The same dialog unlocks the window after the idle lock (`locked_clerk` fixes the name). The
clerk who last signed in on this PC (setting `last_clerk`) is preselected, the cursor in the password.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from desktop.core import accounts, settings
from desktop.core.errors import UserError
from desktop.ui.formatting import division_name


class LoginDialog(QDialog):
    def __init__(self, workspace, parent=None, locked_clerk: str | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.locked_clerk = locked_clerk
        place = division_name(workspace.township or workspace.county)
        self.setWindowTitle(self.tr("Window locked") if locked_clerk else self.tr("Sign in"))
        heading = QLabel(self.tr("Township Desk — %1").replace("%1", place), self)
        heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.name_combo = QComboBox(self)
        for name, _role in accounts.names(workspace.db):
            self.name_combo.addItem(name, name)
        remembered = self.name_combo.findData(locked_clerk or workspace.setting(settings.LAST_CLERK))
        self.name_combo.setCurrentIndex(max(0, remembered))
        if locked_clerk:
            self.name_combo.setEnabled(False)
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel(self)
        self.message.setStyleSheet("color: #b71c1c;")
        self.message.setWordWrap(True)
        # built without a parent (the layout adopts it): the (buttons, parent) constructor makes
        # PySide6 create all 93 enums of the Qt namespace to rule out an overload, 15 ms of start-up
        self.buttons = QDialogButtonBox()
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Unlock") if locked_clerk else self.tr("Sign in"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            self.tr("Sign out") if locked_clerk else self.tr("Quit"))
        self.buttons.accepted.connect(self.try_sign_in)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Clerk:"), self.name_combo)
        form.addRow(self.tr("Password:"), self.password_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        if locked_clerk:
            note = QLabel(self.tr("The window was locked after a period without use. "
                                  "Type your password to go on."), self)
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(400)
        self.password_edit.setFocus()

    def try_sign_in(self) -> bool:
        name = self.name_combo.currentData()
        if not name:
            return False
        try:
            role = accounts.authenticate(self.workspace.db, name, self.password_edit.text())
        except UserError as error:
            self.workspace.record_event("login_failed", details={"account": name})
            self.message.setText(str(error.text))
            self.password_edit.selectAll()
            self.password_edit.setFocus()
            return False
        self.workspace.clerk, self.workspace.clerk_role = name, role
        self.workspace.record_event("login", details={"unlock": True} if self.locked_clerk else {})
        if not self.locked_clerk and self.workspace.setting(settings.LAST_CLERK) != name:
            self.workspace.put_setting(settings.LAST_CLERK, name)
        self.accept()
        return True
