"""Managing clerk accounts (administrators only): the list, and adding a clerk."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.core import accounts
from desktop.core.db import transaction
from desktop.core.errors import UserError


def role_label(role: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return {"clerk": QCoreApplication.translate("AccountsDialog", "Clerk"),
            "supervisor": QCoreApplication.translate("AccountsDialog", "Supervisor"),
            "admin": QCoreApplication.translate("AccountsDialog", "Administrator")}.get(role, role)


class AccountsDialog(QDialog):
    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        accounts.require(workspace.clerk_role, "manage_accounts")
        self.workspace = workspace
        self.setWindowTitle(self.tr("Clerk accounts"))
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Role")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)

        box = QGroupBox(self.tr("Add a clerk"), self)
        self.name_edit = QLineEdit(box)
        self.role_combo = QComboBox(box)
        for role in accounts.ROLES:
            self.role_combo.addItem(role_label(role), role)
        self.password_edit = QLineEdit(box)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit = QLineEdit(box)
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_button = QPushButton(self.tr("&Add"), box)
        self.add_button.clicked.connect(self.add_account)
        self.message = QLabel(box)
        self.message.setWordWrap(True)
        form = QFormLayout(box)
        form.addRow(self.tr("Name:"), self.name_edit)
        form.addRow(self.tr("Role:"), self.role_combo)
        form.addRow(self.tr("Password:"), self.password_edit)
        form.addRow(self.tr("Password again:"), self.repeat_edit)
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        row.addWidget(self.add_button)
        form.addRow(row)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(box)
        layout.addWidget(buttons)
        self.resize(480, 460)
        self.reload()

    def reload(self) -> None:
        names = accounts.names(self.workspace.db)
        self.table.setRowCount(len(names))
        for row, (name, role) in enumerate(names):
            self.table.setItem(row, 0, QTableWidgetItem(name))
            self.table.setItem(row, 1, QTableWidgetItem(role_label(role)))

    def add_account(self) -> bool:
        if self.password_edit.text() != self.repeat_edit.text():
            self.message.setText(self.tr("The two passwords differ."))
            return False
        try:
            with transaction(self.workspace.db):
                accounts.create(self.workspace.db, self.name_edit.text(), self.role_combo.currentData(),
                                self.password_edit.text(), by=self.workspace.clerk or "")
        except UserError as error:
            self.message.setText(str(error.text))
            return False
        self.message.setText(self.tr("Account added."))
        for edit in (self.name_edit, self.password_edit, self.repeat_edit):
            edit.clear()
        self.reload()
        return True
