"""'ID numbers in full' and its reason, as the export and print dialogs offer it: enabled only
for the roles allowed to unmask (accounts.PERMISSIONS["unmask"]), and ready only with a reason,
which core keeps in the audit trail with what was exported or printed."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget

from desktop.core.workspace import accounts


class UnmaskChoice(QObject):
    """The check box (`check`) and the reason field (`reason_edit`), children of `parent`;
    `changed` is emitted when either changes. `refused_tip` says why the box is off for a clerk."""

    changed = Signal()

    def __init__(self, workspace, refused_tip: str, parent: QWidget):
        super().__init__(parent)
        self.check = QCheckBox(self.tr("ID numbers in f&ull"), parent)
        self.allowed = workspace.clerk_role in accounts.PERMISSIONS["unmask"]
        self.check.setEnabled(self.allowed)
        if not self.allowed:
            self.check.setToolTip(refused_tip)
        self.reason_edit = QLineEdit(parent)
        self.reason_edit.setPlaceholderText(self.tr("Why the full numbers are needed (kept in the audit trail)"))
        self.reason_edit.setEnabled(False)
        # the question reads whole before anything is typed, at every text size
        self.reason_edit.setMinimumWidth(
            self.reason_edit.fontMetrics().horizontalAdvance(self.reason_edit.placeholderText()) + 24)
        self.reason_edit.textChanged.connect(lambda _t: self.changed.emit())
        self.check.toggled.connect(self._toggled)

    def _toggled(self, on: bool) -> None:
        self.reason_edit.setEnabled(on)
        if on:
            self.reason_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.changed.emit()

    def wanted(self) -> bool:
        return self.check.isChecked()

    def ready(self) -> bool:
        """Nothing asked in full, or asked with a reason."""
        return not self.check.isChecked() or bool(self.reason_edit.text().strip())

    def reason(self) -> str | None:
        return self.reason_edit.text() if self.check.isChecked() else None

    def setVisible(self, visible: bool) -> None:
        self.check.setVisible(visible)
        self.reason_edit.setVisible(visible)
