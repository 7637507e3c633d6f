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
