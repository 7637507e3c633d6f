"""Typing a new password twice: a clerk changing their own (the current one first), or an
administrator setting a new one for a clerk who forgot theirs. The rules live in desktop.core.workspace.accounts."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from desktop.core.errors import UserError
from desktop.core.store.db import transaction
from desktop.core.workspace import accounts


def password_edit(parent) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class PasswordDialog(QDialog):
    """`account` None: the signed-in clerk changes their own password; otherwise an admin resets
    `account`'s password, or (`reactivate`) reactivates the account with a new one: deactivating
    took away what let the old password open the data."""

    def __init__(self, workspace, account: str | None = None, parent=None, *, reactivate: bool = False):
        super().__init__(parent)
        self.workspace = workspace
        self.account = account
        self.reactivate = reactivate
        own = account is None
        self.setWindowTitle(self.tr("Change my password") if own else
                            self.tr("Reactivate an account") if reactivate else self.tr("Reset password"))
        intro = QLabel(self.tr("Type your current password, then the new one twice.") if own else
                       self.tr("%1 can sign in again with a new password: the old one stopped opening the "
                               "data when the account was deactivated. Set it and tell it to them; they can "
                               "change it later from File > Change my password.").replace("%1", account)
                       if reactivate else
                       self.tr("Set a new password for %1 and tell it to them; they can change it "
                               "later from File > Change my password.").replace("%1", account), self)
        intro.setWordWrap(True)
        self.current_edit = password_edit(self)
        self.new_edit = password_edit(self)
        self.repeat_edit = password_edit(self)
        self.message = QLabel(self)
        self.message.setStyleSheet("color: #b71c1c;")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Change password") if own else self.tr("Reactivate") if reactivate else self.tr("Set password"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        if own:
            form.addRow(self.tr("Current password:"), self.current_edit)
        else:
            self.current_edit.hide()
        form.addRow(self.tr("New password:"), self.new_edit)
        form.addRow(self.tr("New password again:"), self.repeat_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        (self.current_edit if own else self.new_edit).setFocus()

    def save(self) -> bool:
        if self.new_edit.text() != self.repeat_edit.text():
            self.message.setText(self.tr("The two new passwords differ."))
            self.repeat_edit.selectAll()
            self.repeat_edit.setFocus()
            return False
        db = self.workspace.db
        try:
            with transaction(db):
                if self.account is None:
                    accounts.change_own_password(db, self.workspace.clerk or "", self.current_edit.text(),
                                                 self.new_edit.text())
                elif self.reactivate:
                    accounts.set_active(db, self.account, True, by=self.workspace.clerk or "",
                                        password=self.new_edit.text())
                else:
                    accounts.reset_password(db, self.account, self.new_edit.text(), by=self.workspace.clerk or "")
        except UserError as error:
            self.message.setText(str(error.text))
            return False
        self.accept()
        return True
