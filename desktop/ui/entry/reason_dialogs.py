"""Small dialogs that ask why: one reason per overridden warning, the reason for changing a
completed record, or the reason for one action (deleting a record, revoking a key). All refuse
OK until every reason is written and are keyboard-only friendly (Tab between reasons, Enter
accepts). Their shared strings are in the "ReasonDialog" translation context."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)


class ReasonsDialog(QDialog):
    """A heading, then one reason per `add_reason`; OK (`ok_text`, "Save" unless told) waits for all."""

    def __init__(self, title: str, intro: str, parent=None, *, ok_text: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        heading = QLabel(intro, self)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.WrapAllRows)
        layout.addLayout(self.form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.button(QDialogButtonBox.Ok).setText(ok_text or QCoreApplication.translate("ReasonDialog", "Save"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(QCoreApplication.translate("ReasonDialog", "Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.inputs: list[QLineEdit] = []

    def add_reason(self, question: str | None, placeholder: str | None = None) -> QLineEdit:
        """A reason field under `question` (None: the heading asks it)."""
        edit = QLineEdit(self)
        edit.setPlaceholderText(placeholder or QCoreApplication.translate("ReasonDialog", "Reason"))
        edit.textChanged.connect(self._update)
        if question is not None:
            label = QLabel(question, self)
            label.setWordWrap(True)
            self.form.addRow(label)  # the question on its own line, full width
        self.form.addRow(edit)
        self.inputs.append(edit)
        self._update()
        return edit

    def _update(self) -> None:
        ready = all(edit.text().strip() for edit in self.inputs)
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(ready)

    def accept(self) -> None:
        if all(edit.text().strip() for edit in self.inputs):
            super().accept()

    def showEvent(self, event):
        super().showEvent(event)
        if self.inputs:
            self.inputs[0].setFocus(Qt.OtherFocusReason)


class OverrideDialog(ReasonsDialog):
    """One reason per warning; `reasons()` gives {violation path: reason}."""

    def __init__(self, warnings, labels: dict[str, str], language: str, parent=None):
        super().__init__(self.tr("Warnings need a reason"),
                         self.tr("The record has warnings. To complete it anyway, say why each value "
                                 "is right. The reasons are kept in the audit trail."), parent)
        self.paths = []
        for warning in warnings:
            label = labels.get(warning.path, warning.field)
            self.add_reason(f"{label}: {warning.message.get(language)}")
            self.paths.append(warning.path)

    def reasons(self) -> dict[str, str]:
        return {path: edit.text().strip() for path, edit in zip(self.paths, self.inputs, strict=True)}


class EditReasonDialog(ReasonsDialog):
    """Why a completed record is being changed."""

    def __init__(self, parent=None):
        super().__init__(self.tr("Reason for the change"),
                         self.tr("This record was already completed. Say why it is being changed; "
                                 "the reason is kept in the audit trail."), parent)
        self.add_reason(self.tr("Reason for the change"))

    def reason(self) -> str:
        return self.inputs[0].text().strip()


class ReasonDialog(ReasonsDialog):
    """The reason for one action; the prompt asks the question."""

    def __init__(self, title: str, prompt: str, parent=None):
        super().__init__(title, prompt, parent, ok_text=QCoreApplication.translate("ReasonDialog", "OK"))
        self.setMinimumWidth(420)
        self.reason_edit = self.add_reason(None, QCoreApplication.translate("ReasonDialog", "Reason (required)"))

    def reason(self) -> str:
        return self.reason_edit.text()
