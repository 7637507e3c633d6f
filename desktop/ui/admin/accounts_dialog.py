"""Managing clerk accounts: the list with each clerk's role and whether they may sign in; for the
selected clerk, changing the role, setting a new password and deactivating or reactivating
(reactivating sets a new password too); adding a clerk. Administrators do all of it; a
supervisor sees the list and sets new passwords for clerks (one who forgot it, or whose account
the failed sign-ins locked). Every rule (only an admin, never the last active
admin, not oneself) is in desktop.core.workspace.accounts; this dialog shows what it says."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
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

from desktop.core.errors import UserError
from desktop.core.store.db import transaction
from desktop.core.workspace import accounts, sign_in_card


def role_label(role: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return {"clerk": QCoreApplication.translate("AccountsDialog", "Clerk"),
            "supervisor": QCoreApplication.translate("AccountsDialog", "Supervisor"),
            "admin": QCoreApplication.translate("AccountsDialog", "Administrator")}.get(role, role)


class AccountsDialog(QDialog):
    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        accounts.require(workspace.clerk_role, "reset_password")
        self.workspace = workspace
        self.admin = workspace.clerk_role in accounts.PERMISSIONS["manage_accounts"]
        self.reactivating = None   # the open reactivation dialog (toggle_active)
        self.setWindowTitle(self.tr("Clerk accounts"))
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Role"), self.tr("Status")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.itemSelectionChanged.connect(self.update_actions)

        selected_box = QGroupBox(self.tr("Selected clerk"), self)
        self.selected_role_combo = QComboBox(selected_box)
        for role in accounts.ROLES:
            self.selected_role_combo.addItem(role_label(role), role)
        self.role_button = QPushButton(self.tr("Change &role"), selected_box)
        self.role_button.clicked.connect(self.change_role)
        self.reset_button = QPushButton(self.tr("&New password…"), selected_box)
        self.reset_button.clicked.connect(self.reset_password)
        self.active_button = QPushButton(self.tr("&Deactivate"), selected_box)
        self.active_button.clicked.connect(self.toggle_active)
        self.selected_message = QLabel(selected_box)
        self.selected_message.setWordWrap(True)
        selected_row = QHBoxLayout()
        selected_row.addWidget(self.selected_role_combo)
        selected_row.addWidget(self.role_button)
        selected_row.addStretch(1)
        selected_row.addWidget(self.reset_button)
        selected_row.addWidget(self.active_button)
        selected_layout = QVBoxLayout(selected_box)
        selected_layout.addLayout(selected_row)
        selected_layout.addWidget(self.selected_message)

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
        layout.addWidget(selected_box)
        layout.addWidget(box)
        layout.addWidget(buttons)
        self.resize(560, 600)
        if not self.admin:   # a supervisor: new passwords for clerks, nothing else
            for widget in (self.selected_role_combo, self.role_button, self.active_button, box):
                widget.hide()
        self.reload()

    def reload(self, select: str | None = None) -> None:
        select = select or self.selected_name()
        found = accounts.all_accounts(self.workspace.db)
        self.table.setRowCount(len(found))
        grey = QColor("#757575")
        for row, account in enumerate(found):
            items = [QTableWidgetItem(account.name), QTableWidgetItem(role_label(account.role)),
                     QTableWidgetItem(self.tr("active") if account.active else self.tr("deactivated"))]
            for column, item in enumerate(items):
                item.setData(Qt.ItemDataRole.UserRole, account)
                if not account.active:
                    item.setForeground(grey)
                self.table.setItem(row, column, item)
        names = [account.name for account in found]
        sign_in_card.refresh(self.workspace)   # the sign-in dialog lists the active clerks from it
        self.table.selectRow(names.index(select) if select in names else 0)
        self.update_actions()

    def selected(self) -> accounts.Account | None:
        items = self.table.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def selected_name(self) -> str | None:
        account = self.selected()
        return account.name if account else None

    def update_actions(self) -> None:
        account = self.selected()
        for widget in (self.selected_role_combo, self.role_button, self.reset_button, self.active_button):
            widget.setEnabled(account is not None)
        if account is None:
            return
        self.selected_role_combo.setCurrentIndex(self.selected_role_combo.findData(account.role))
        self.active_button.setText(self.tr("&Deactivate") if account.active else self.tr("R&eactivate"))
        self.reset_button.setEnabled(account.active and (self.admin or account.role == "clerk"))
        self.selected_message.clear()

    def _change(self, function, *args) -> bool:
        """Run one core change in a transaction; its refusal is shown under the selected clerk."""
        account = self.selected()
        if account is None:
            return False
        try:
            with transaction(self.workspace.db):
                function(self.workspace.db, account.name, *args, by=self.workspace.clerk or "")
        except UserError as error:
            self.reload(account.name)
            self.selected_message.setText(str(error.text))
            return False
        self.reload(account.name)
        return True

    def change_role(self) -> bool:
        role = self.selected_role_combo.currentData()
        done = self._change(accounts.set_role, role)
        if done:
            self.selected_message.setText(self.tr("%1 is now: %2.").replace("%1", self.selected_name())
                                          .replace("%2", role_label(role)))
        return done

    def toggle_active(self) -> bool:
        """Deactivate the selected clerk; for a deactivated one, open the dialog that reactivates
        it with a new password (returned as `self.reactivating`, for tests)."""
        account = self.selected()
        if account is None:
            return False
        if not account.active:
            self.reactivating = self._reactivate(account.name)
            return False
        done = self._change(accounts.set_active, not account.active)
        if done:
            self.selected_message.setText(
                self.tr("%1 can sign in again.").replace("%1", account.name) if not account.active else
                self.tr("%1 can no longer sign in; their records and trail entries stay.").replace("%1", account.name))
        return done

    def _reactivate(self, name: str):
        from desktop.ui.admin.password_dialog import PasswordDialog

        dialog = PasswordDialog(self.workspace, name, self, reactivate=True)

        def done():
            self.reload(name)
            self.selected_message.setText(self.tr("%1 can sign in again.").replace("%1", name))

        dialog.accepted.connect(done)
        dialog.open()
        return dialog

    def reset_password(self):
        """The dialog for a new password of the selected clerk (returned open, for tests)."""
        from desktop.ui.admin.password_dialog import PasswordDialog

        account = self.selected()
        if account is None:
            return None
        dialog = PasswordDialog(self.workspace, account.name, self)
        dialog.accepted.connect(lambda: self.selected_message.setText(
            self.tr("New password set for %1.").replace("%1", account.name)))
        dialog.open()
        return dialog

    def add_account(self) -> bool:
        if self.password_edit.text() != self.repeat_edit.text():
            self.message.setText(self.tr("The two passwords differ."))
            return False
        name = self.name_edit.text().strip()
        try:
            with transaction(self.workspace.db):
                accounts.create(self.workspace.db, name, self.role_combo.currentData(),
                                self.password_edit.text(), by=self.workspace.clerk or "")
        except UserError as error:
            self.message.setText(str(error.text))
            return False
        self.message.setText(self.tr("Account added."))
        for edit in (self.name_edit, self.password_edit, self.repeat_edit):
            edit.clear()
        self.reload(name)
        return True
