"""The phone check of a county pack loaded on the township's Sync page, as in the setup wizard:
the county's key number is shown, and the pack is loaded only once the clerk ticks that the
county read the same number by phone. A pack whose key this PC already trusts (new code lists or
form packs from the same county key) needs no call."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

from desktop.core.sync import enrollment, trust
from desktop.ui.shell.formatting import division_name


def needs_phone_check(db, pack: enrollment.CountyPack) -> bool:
    """True unless the pack's county key is one this PC already has as active."""
    return not any(row["role"] == "county" and row["fingerprint"] == pack.keys.fingerprint
                   for row in trust.enrolled(db, status="active"))


class PackCheckDialog(QDialog):
    """The county's number to compare by phone; "Load" only when the clerk confirms it matches."""

    def __init__(self, pack: enrollment.CountyPack, parent=None):
        super().__init__(parent)
        self.pack = pack
        self.setWindowTitle(self.tr("Load the county pack"))
        intro = QLabel(self.tr("Call the county and compare this number with the number on their screen. "
                               "Load the pack only if every digit matches."), self)
        intro.setWordWrap(True)
        short = QLabel(pack.keys.short_fingerprint, self)
        short.setObjectName("shortFingerprint")
        short.setStyleSheet("QLabel { font-size: 20pt; font-weight: bold; letter-spacing: 2px; }")
        short.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        full = QLabel(pack.keys.fingerprint, self)
        full.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow(self.tr("Key of:"), QLabel(f"{pack.county} {division_name(pack.county)}", self))
        form.addRow(self.tr("Number to compare:"), short)
        form.addRow(self.tr("Full fingerprint:"), full)
        self.confirm = QCheckBox(self.tr("The county read me the same number"), self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.load_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.load_button.setText(self.tr("Load"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.confirm.toggled.connect(self.load_button.setEnabled)
        self.load_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.confirm)
        layout.addWidget(self.buttons)
