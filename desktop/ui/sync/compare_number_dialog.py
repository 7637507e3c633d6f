"""The dialog that shows a key's number to compare by phone before it is trusted: a township's
enrollment file at its county, the province pack at a county. Enroll stays disabled until the
officer ticks that the other side read the same number (and, when a key is enrolled already,
that it is to be replaced). Subclasses give the texts, in their own translation context."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout


class CompareNumberDialog(QDialog):
    def __init__(self, parent, *, title: str, intro: str, rows: list[tuple[str, str]], short: str,
                 number_label: str, full_label: str, fingerprint: str, confirm: str, replace: str | None,
                 enroll: str, cancel: str):
        super().__init__(parent)
        self.setWindowTitle(title)
        intro_label = QLabel(intro, self)
        intro_label.setWordWrap(True)
        number = QLabel(short, self)
        number.setObjectName("shortFingerprint")
        number.setStyleSheet("QLabel { font-size: 20pt; font-weight: bold; letter-spacing: 2px; }")
        number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        for label, text in rows:
            form.addRow(label, QLabel(text, self))
        form.addRow(number_label, number)
        form.addRow(full_label, QLabel(fingerprint, self))
        self.confirm = QCheckBox(confirm, self)
        self.replace = QCheckBox(self)
        self.replace.setVisible(replace is not None)
        if replace is not None:
            self.replace.setText(replace)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(enroll)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for box in (self.confirm, self.replace):
            box.toggled.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(intro_label)
        layout.addLayout(form)
        layout.addWidget(self.confirm)
        layout.addWidget(self.replace)
        layout.addWidget(self.buttons)
        self._update()

    def _update(self) -> None:
        ok = self.confirm.isChecked() and (not self.replace.isVisibleTo(self) or self.replace.isChecked())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
