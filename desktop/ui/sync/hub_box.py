"""The Sync pages' network box: the hub address, "Send and fetch now", what the background sync
is doing (sending, in step, hub not reachable and when the next try is, a Wi-Fi sign-in page in
the way), and every bundle with its state - queued, sent, acknowledged (outbox_model)."""

from __future__ import annotations

import time

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
)

from desktop.core.sync import outbox
from desktop.ui.sync import hub_sync
from desktop.ui.sync.outbox_model import OutboxModel
from desktop.ui.sync.sync_common import ERROR_STYLE, OK_STYLE


class HubBox(QGroupBox):
    def __init__(self, workspace, parent=None, controller: hub_sync.HubSync | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Network (hub)"))
        self.workspace = workspace
        self.controller = controller or hub_sync.for_workspace(workspace)
        self.address = QLabel(self)
        self.address.setWordWrap(True)
        self.state_label = QLabel(self)
        self.state_label.setWordWrap(True)
        self.counts_label = QLabel(self)
        self.set_button = QPushButton(self.tr("Hub address…"), self)
        self.set_button.setToolTip(self.tr("Where bundles go when a network link exists, e.g. https://hub.example:8470"))
        self.set_button.clicked.connect(self.ask_address)
        self.now_button = QPushButton(self.tr("Send and fetch now"), self)
        self.now_button.clicked.connect(self.controller.run_now)
        self.model = OutboxModel(workspace.db, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.set_button)
        buttons.addWidget(self.now_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.address)
        layout.addLayout(buttons)
        layout.addWidget(self.state_label)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.table, 1)
        self.controller.changed.connect(self.refresh)
        self.refresh()

    def ask_address(self) -> None:
        url, accepted = QInputDialog.getText(
            self, self.tr("Hub address"), self.tr("The hub's address (empty: the USB stick only):"),
            QLineEdit.EchoMode.Normal, self.controller.url)
        if accepted:
            self.controller.set_url(url)

    def refresh(self) -> None:
        url = self.controller.url
        self.address.setText(self.tr("Hub: %1").replace("%1", url) if url
                             else self.tr("Hub: none set. Bundles go by USB stick only; they are also kept for the "
                                          "network, and go as soon as a hub address is set."))
        self.now_button.setEnabled(bool(url) and self.controller.state != hub_sync.RUNNING)
        text, good = self.state_text()
        self.state_label.setText(text)
        self.state_label.setStyleSheet(OK_STYLE if good else ERROR_STYLE if good is False else "")
        found = outbox.counts(self.workspace.db)
        self.counts_label.setText(self.tr("Queued: %1   Sent: %2   Acknowledged: %3")
                                  .replace("%1", str(found[outbox.QUEUED])).replace("%2", str(found[outbox.SENT]))
                                  .replace("%3", str(found[outbox.ACKNOWLEDGED])))
        self.model.reload()

    def state_text(self) -> tuple[str, bool | None]:
        """What the background sync is doing, and whether that is good (True), bad (False) or neither."""
        controller = self.controller
        if not controller.url:
            return "", None
        if controller.state == hub_sync.RUNNING:
            return self.tr("Sending and fetching…"), None
        if controller.state == hub_sync.OFFLINE:
            return self.tr("No network: the bundles wait here and go when a link comes back."), False
        later = self._next_try()
        if controller.state == hub_sync.FAILED and controller.error is not None:
            if controller.error.code == "portal" or controller.behind_portal():
                lead = self.tr("A Wi-Fi sign-in page answered instead of the hub: sign in to the network in a web "
                               "browser. Nothing was sent to it.")
            elif controller.error.code == "rate-limited":
                lead = self.tr("The hub asked to wait.")
            else:   # the reason itself says what happened and that the bundles stay queued
                reason = str(controller.error.text).rstrip(" .。")
                reason = reason[:1].upper() + reason[1:]
                return (self.tr("%1. %2").replace("%1", reason).replace("%2", later) if later else reason), False
            return f"{lead} {later}", False
        if controller.state == hub_sync.DONE:
            report = controller.report
            if report is not None and report.refused:
                return self.tr("The hub refused a bundle; it stays queued (see below).") + " " + later, False
            return self.tr("In step with the hub.") + " " + later, True
        return later, None

    def _next_try(self) -> str:
        at = self.controller.next_try_at
        if at is None:
            return ""
        return self.tr("Next try at %1.").replace("%1", time.strftime("%H:%M", time.localtime(at)))



class ResultAndNetworkTabs(QTabWidget):
    """The result panel and the network box as two tabs: the page keeps its height at 150 % text."""

    def __init__(self, parent, result, hub_box: HubBox):
        super().__init__(parent)
        self.addTab(result, self.tr("Result of the last action"))
        self.addTab(hub_box, self.tr("Network (hub)"))
        hub_box.setTitle("")

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        """No: the tabs take what the page leaves. With it, the page's layout shares the height by
        each part's wrapped height, and at 150 % text the boxes above were squeezed under their
        minimum (a wrapped label's second line under the next row of buttons)."""
        return False


def result_and_network_tabs(page, result, hub_box: HubBox) -> QTabWidget:
    return ResultAndNetworkTabs(page, result, hub_box)
