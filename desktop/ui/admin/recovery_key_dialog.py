"""The recovery key, shown once after setup: to print (or copy by hand) and keep in the office
safe. It opens the encrypted data when every password is lost (docs/SECURITY.md)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout


class RecoveryKeyDialog(QDialog):
    def __init__(self, recovery_key: str, place: str, parent=None):
        super().__init__(parent)
        self.recovery_key, self.place = recovery_key, place
        self.setWindowTitle(self.tr("Recovery key"))
        note = QLabel(self.tr("The data on this PC is encrypted. This recovery key opens it when every "
                              "password is lost. It is shown only now: print it or write it down, and keep "
                              "it in the office safe, away from the PC."), self)
        note.setWordWrap(True)
        self.key_label = QLabel(recovery_key, self)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.key_label.setFont(font)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox()
        self.print_button = buttons.addButton(self.tr("Print..."), QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = buttons.addButton(self.tr("I have kept it safe"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.print_button.clicked.connect(self.print_key)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.key_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def page_text(self) -> str:
        return "\n\n".join([self.tr("Township Desk recovery key"), self.place, self.recovery_key,
                            self.tr("Keep in the office safe. Whoever holds it can open the data.")])

    def print_key(self) -> None:
        from PySide6.QtGui import QTextDocument
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        document = QTextDocument()
        document.setPlainText(self.page_text())
        document.setDefaultFont(self.key_label.font())
        document.print_(printer)


def confirm_new_key(parent=None):
    """The question before a new recovery key is made (returned open-able, not shown): the old key
    cannot be shown again and stops working. "Cancel" is the default and the Escape answer."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    translate = QCoreApplication.translate   # spelled out in each call: lupdate reads the context there
    box = QMessageBox(QMessageBox.Icon.Warning, translate("RecoveryKeyDialog", "New recovery key"),
                      translate("RecoveryKeyDialog", "Make a new recovery key?"),
                      QMessageBox.StandardButton.NoButton, parent)
    box.setInformativeText(translate(
        "RecoveryKeyDialog", "The recovery key cannot be shown again: it is kept nowhere on this PC. A new one replaces it, "
        "and the key in the office safe stops working at once. The new key is shown only once: print it "
        "or write it down and put it in the safe in place of the old one."))
    box.make_button = box.addButton(translate("RecoveryKeyDialog", "&Make a new key"),
                                    QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(translate("RecoveryKeyDialog", "Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    return box


class RecoveryResetDialog(QDialog):
    """At the sign-in: a clerk who forgot the password sets a new one with the recovery key from the
    office safe (desktop.core.workspace.recovery, as `township recover NAME`)."""

    def __init__(self, data_dir, clerks, chosen: str | None = None, parent=None):
        super().__init__(parent)
        from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit

        self.data_dir = data_dir
        self.setWindowTitle(self.tr("Forgotten password"))
        note = QLabel(self.tr("Type the recovery key kept in the office safe, then a new password twice. "
                              "Whoever has the recovery key can do this for any clerk, so each use is written "
                              "in the audit trail."), self)
        note.setWordWrap(True)
        self.name_combo = QComboBox(self)
        for name in clerks:
            self.name_combo.addItem(name, name)
        self.name_combo.setCurrentIndex(max(0, self.name_combo.findData(chosen)))
        self.key_edit = QLineEdit(self)
        self.key_edit.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
        # the whole key in view at every text size (it is typed from paper, group by group)
        self.key_edit.setMinimumWidth(self.key_edit.fontMetrics().horizontalAdvance(
            self.key_edit.placeholderText() + "XX"))
        self.new_edit, self.repeat_edit = QLineEdit(self), QLineEdit(self)
        for edit in (self.new_edit, self.repeat_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b71c1c;")
        buttons = QDialogButtonBox()
        self.set_button = buttons.addButton(self.tr("Set the new password"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.set_button.setDefault(True)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Clerk:"), self.name_combo)
        form.addRow(self.tr("Recovery key:"), self.key_edit)
        form.addRow(self.tr("New password:"), self.new_edit)
        form.addRow(self.tr("New password again:"), self.repeat_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self.key_edit.setFocus()

    def chosen(self) -> str | None:
        return self.name_combo.currentData()

    def save(self) -> bool:
        from desktop.core.errors import UserError
        from desktop.core.workspace import recovery

        if self.new_edit.text() != self.repeat_edit.text():
            self.message.setText(self.tr("The two new passwords differ."))
            self.repeat_edit.selectAll()
            self.repeat_edit.setFocus()
            return False
        try:
            recovery.reset_password(self.data_dir, self.chosen() or "", self.key_edit.text(), self.new_edit.text())
        except UserError as error:
            self.message.setText(str(error.text))
            edit = self.key_edit if error.code == "bad-recovery-key" else self.new_edit
            edit.selectAll()
            edit.setFocus()
            return False
        self.accept()
        return True
