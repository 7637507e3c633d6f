"""Signing in: the clerk picks their name and types the password; both outcomes go in the trail.

The same dialog unlocks the window after the idle lock (`locked_clerk` fixes the name). The
clerk who last signed in on this PC (setting `last_clerk`) is preselected, the cursor in the password.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from desktop.core.errors import UserError
from desktop.core.i18n import current_language
from desktop.core.workspace.sign_in_card import SignInCard, from_workspace


class LoginDialog(QDialog):
    """Without a `card`, it shows what the store says; with one (the start-up path), it shows
    the card until `attach` hands it the open store."""

    def __init__(self, workspace, parent=None, locked_clerk: str | None = None, *,
                 card: SignInCard | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.unlock = None   # the app's unlock(name, password) when the encrypted store waits for a password
        self.data_dir = workspace.paths.root if workspace is not None else None   # the app sets it otherwise
        self.recovery_dialog = None   # "Forgot password…" while open
        self.locked_clerk = locked_clerk
        self.card = card or from_workspace(workspace)
        self.setWindowTitle(self.tr("Window locked") if locked_clerk else self.tr("Sign in"))
        self.heading = heading = QLabel(self)
        self._show_place()
        # a larger regular face, no style sheet and no bold: a style sheet builds Qt's CSS style
        # and a bold face reads a second font file (two with CJK) before the first window shows
        heading_font = QFont(heading.font())
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.5)
        heading.setFont(heading_font)
        self.name_combo = QComboBox(self)
        self._list_clerks(locked_clerk or self.card.last_clerk)
        if locked_clerk:
            self.name_combo.setEnabled(False)
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel(self)   # red once it has something to say (show_error)
        self.message.setWordWrap(True)
        # built without a parent (the layout adopts it): the (buttons, parent) constructor makes
        # PySide6 create all 93 enums of the Qt namespace to rule out an overload, 15 ms of start-up
        self.buttons = QDialogButtonBox()
        # buttons of our own, not the standard Ok/Cancel relabelled: the box puts the standard
        # texts back whenever a translator is installed (the app adds Qt's own once this is painted)
        self.sign_in_button = self.buttons.addButton(
            self.tr("Unlock") if locked_clerk else self.tr("Sign in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.quit_button = self.buttons.addButton(
            self.tr("Sign out") if locked_clerk else self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        self.forgot_button = self.buttons.addButton(self.tr("&Forgot password…"),
                                                    QDialogButtonBox.ButtonRole.HelpRole)
        self.forgot_button.setAutoDefault(False)
        self.forgot_button.clicked.connect(self.forgot_password)
        self.sign_in_button.setDefault(True)
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

    def _show_place(self) -> None:
        self.heading.setText(self.tr("Township Desk — %1").replace("%1", self.card.place(current_language())))

    def _list_clerks(self, preferred: str | None) -> None:
        self.name_combo.clear()
        # the lock belongs to the clerk who locked it, listed even if the account went inactive since
        for name in (self.locked_clerk,) if self.locked_clerk else self.card.clerks:
            self.name_combo.addItem(name, name)
        self.name_combo.setCurrentIndex(max(0, self.name_combo.findData(preferred)))

    def attach(self, workspace, card: SignInCard) -> None:
        """The store is open: sign-ins go to it, and the names and the place follow it where the
        card was behind (the clerk's choice is kept when it is still there)."""
        shown, self.card, self.workspace = self.card, card, workspace
        if card.clerks != shown.clerks:
            chosen = self.name_combo.currentData()
            self._list_clerks(chosen if chosen in card.clerks else card.last_clerk)
        if card.place(current_language()) != shown.place(current_language()):
            self._show_place()

    def show_error(self, text: str) -> None:
        # not before the first window: each Qt class costs on its first use
        from PySide6.QtGui import QColor, QPalette

        palette = self.message.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor(0xB7, 0x1C, 0x1C))
        self.message.setPalette(palette)
        self.message.setText(text)

    def forgot_password(self):
        """The recovery key sets a new password (desktop.ui.admin.recovery_key_dialog); returned open."""
        from desktop.ui.admin.recovery_key_dialog import RecoveryResetDialog

        clerks = [self.name_combo.itemData(i) for i in range(self.name_combo.count())]
        dialog = RecoveryResetDialog(self.data_dir, clerks, self.name_combo.currentData(), self)

        def done():
            name = dialog.chosen()
            self.name_combo.setCurrentIndex(max(0, self.name_combo.findData(name)))
            self.password_edit.clear()
            self.password_edit.setFocus()
            self.message.setPalette(self.heading.palette())
            self.message.setText(self.tr("%1 has a new password: sign in with it.").replace("%1", name or ""))

        dialog.accepted.connect(done)
        dialog.open()
        self.recovery_dialog = dialog
        return dialog

    def _open_shut_store(self, name: str) -> None:
        """The idle lock shut the store and let go of its key (desktop.ui.shell.screen_lock): the
        password unwraps the key and the store opens again before the sign-in is checked in it.
        A wrong one opens nothing: it is logged and counted, not audited (nothing is open to
        write it into)."""
        if not getattr(self.workspace, "is_shut", False):
            return
        self.workspace.open_store(name, self.password_edit.text())

    def try_sign_in(self) -> bool:
        name = self.name_combo.currentData()
        if name and self.workspace is None and self.unlock is not None:
            try:   # the encrypted store opens with this clerk's password (the app attaches it)
                self.unlock(name, self.password_edit.text())
            except UserError as error:
                self.show_error(str(error.text))
                self.password_edit.selectAll()
                self.password_edit.setFocus()
                return False
        if not name or self.workspace is None:   # no store yet: the app attaches it right after showing
            return False
        from desktop.core.store import settings  # the store's modules: loaded with the store
        from desktop.core.workspace import (
            accounts,  # the store's modules: loaded with the store
            throttle,
        )

        root = self.workspace.paths.root
        try:
            throttle.check(root, name)
            self._open_shut_store(name)
            role = accounts.authenticate(self.workspace.db, name, self.password_edit.text())
        except UserError as error:
            if error.code == "bad-login":
                throttle.failed(root, name)
            self.workspace.record_when_open("login_failed", details={"account": name, "why": error.code})
            self.show_error(str(error.text))
            self.password_edit.selectAll()
            self.password_edit.setFocus()
            return False
        throttle.succeeded(root, name)
        self.workspace.clerk, self.workspace.clerk_role = name, role
        self.workspace.record_event("login", details={"unlock": True} if self.locked_clerk else {})
        if not self.locked_clerk and self.workspace.setting(settings.LAST_CLERK) != name:
            self.workspace.put_setting(settings.LAST_CLERK, name)
        self.accept()
        return True
