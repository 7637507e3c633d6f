"""Settings the clerk may change: language, text size (100 / 125 / 150 / 175 %); and, for an admin only, the minutes
before the idle lock (a clerk cannot switch the lock off)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QSpinBox

from desktop.core.store import settings
from desktop.ui.shell.locale_setup import choose_language

DEFAULT_IDLE_LOCK_MINUTES = 5


def idle_lock_minutes(workspace) -> float:
    try:
        return max(0.0, float(workspace.setting(settings.IDLE_LOCK_MINUTES, DEFAULT_IDLE_LOCK_MINUTES)))
    except (TypeError, ValueError):
        return DEFAULT_IDLE_LOCK_MINUTES


class SettingsDialog(QDialog):
    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle(self.tr("Settings"))
        self.language_combo = QComboBox(self)
        self.language_combo.addItem("中文", "zh")  # each language named in itself
        self.language_combo.addItem("English", "en")
        self.language_combo.setCurrentIndex(
            self.language_combo.findData(choose_language(workspace.setting(settings.LANGUAGE))))
        self.text_size_combo = QComboBox(self)
        for percent in settings.TEXT_SIZES:
            label = self.tr("%1 % (normal)") if percent == 100 else self.tr("%1 %")
            self.text_size_combo.addItem(label.replace("%1", str(percent)), percent)
        self.text_size_combo.setCurrentIndex(
            self.text_size_combo.findData(settings.text_size_of(workspace.setting)))
        self.idle_spin = QSpinBox(self)
        self.idle_spin.setRange(0, 120)
        self.idle_spin.setSpecialValueText(self.tr("never"))
        self.idle_spin.setSuffix(self.tr(" min"))
        self.idle_spin.setValue(round(idle_lock_minutes(workspace)))
        self.idle_spin.setEnabled(self._admin())
        if not self._admin():
            self.idle_spin.setToolTip(self.tr("Only an administrator sets the idle lock."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Language:"), self.language_combo)
        form.addRow(self.tr("Text size:"), self.text_size_combo)
        form.addRow(self.tr("Lock the window after:"), self.idle_spin)
        form.addRow(buttons)
        self.setMinimumWidth(380)

    def save(self) -> None:
        self.workspace.put_setting(settings.LANGUAGE, self.language_combo.currentData())
        size = self.text_size_combo.currentData()
        if size != settings.text_size_of(self.workspace.setting):
            self.workspace.put_setting(settings.TEXT_SIZE, size)
            self.workspace.put_setting(settings.LARGE_TEXT, size > 100)   # what an older version reads
        if self._admin():
            self.workspace.put_setting(settings.IDLE_LOCK_MINUTES, self.idle_spin.value())
        self.accept()

    def _admin(self) -> bool:
        return self.workspace.clerk_role == "admin"
