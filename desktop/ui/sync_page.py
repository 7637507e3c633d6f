"""The sync page: what is waiting to go to the county and when bundles last went and came.

Small on purpose: the sync core (export to a USB stick, import of return bundles) adds its
buttons here when it lands; until then the page says sync is not available yet.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from desktop.ui import sync_status
from desktop.ui.formatting import short_time


class SyncPage(QWidget):
    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.unsent_records = QLabel(self)
        self.unsent_items = QLabel(self)
        self.last_export = QLabel(self)
        self.last_import = QLabel(self)
        box = QGroupBox(self.tr("State"), self)
        form = QFormLayout(box)
        form.addRow(self.tr("Changed records not yet acknowledged:"), self.unsent_records)
        form.addRow(self.tr("Messages not yet acknowledged:"), self.unsent_items)
        form.addRow(self.tr("Last export:"), self.last_export)
        form.addRow(self.tr("Last import:"), self.last_import)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(box)
        # Sync actions (export to a stick, import bundles) go here when desktop.core.sync lands.
        layout.addStretch(1)
        self.refresh()

    def title(self) -> str:
        return self.tr("Sync")

    def refresh(self) -> None:
        status = sync_status.read(self.workspace)
        self.notice.setText(
            self.tr("Exporting and importing bundles is not available in this version yet. "
                    "What is waiting to be sent is counted below.")
            if not status.available else self.tr("Sync is available."))
        self.unsent_records.setText(str(status.unsent_records))
        self.unsent_items.setText(str(status.unsent_items))
        never = self.tr("never")
        self.last_export.setText(short_time(status.last_export) or never)
        self.last_import.setText(short_time(status.last_import) or never)
