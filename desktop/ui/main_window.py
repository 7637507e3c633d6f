"""The main window: page navigation (Ctrl+1..Ctrl+7), menus, the status bar and the idle lock.

Pages come from desktop.ui.pages; the window only hosts them, wires the few links between them
(the records list opens a record in the entry page, or its history in the audit page) and
keeps the status bar current.

Pages are built when first shown (start-up budget, docs/PERFORMANCE.md): the navigation lists
them by the titles in NAVIGATION_TITLES, each the page's own `title()` text in its translation
context (tests/ui/test_main_window.py checks they agree). A page without an entry there is built
with the window. `window.pages` maps each key to its page, building it on first access.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from desktop.core.errors import UserError
from desktop.ui import sync_status
from desktop.ui.formatting import division_name, short_time
from desktop.ui.idle_lock import IdleWatcher
from desktop.ui.login_dialog import LoginDialog
from desktop.ui.messages import error_text
from desktop.ui.pages import load_page_class, visible_page_targets
from desktop.ui.settings_dialog import SettingsDialog, idle_lock_minutes

log = logging.getLogger("township.ui")
STATUS_REFRESH_MS = 30_000

# key -> (translation context = the page's class, title() text; for the county role if different)
NAVIGATION_TITLES = {
    "entry": ("EntryPage", "Data entry"),
    "records": ("RecordsPage", "Records"),
    "sync": ("SyncPage", "Sync"),
    "reports": ("ReportsPage", "Daily summary", "Monthly circular"),
    "audit": ("AuditPage", "Audit trail"),
}
PLACEHOLDER_TITLES = {"desktop.ui.placeholder_page:EntryNotInstalledPage": ("EntryNotInstalledPage", "Entry")}


def navigation_title(key: str, target: str, role: str | None) -> str | None:
    """The page's title without building it, or None when only the page knows it."""
    entry = PLACEHOLDER_TITLES.get(target) or NAVIGATION_TITLES.get(key)
    if entry is None or target.rpartition(":")[2] != entry[0]:
        return None
    text = entry[2] if role == "county" and len(entry) > 2 else entry[1]
    return QCoreApplication.translate(entry[0], text)


class Pages(Mapping):
    """key -> page of a main window; a page is built on first access."""

    def __init__(self, window: MainWindow):
        self.window = window

    def __getitem__(self, key: str) -> QWidget:
        return self.window.page(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self.window.page_keys)

    def __len__(self) -> int:
        return len(self.window.page_keys)


class MainWindow(QMainWindow):
    signOutRequested = Signal()
    settingsChanged = Signal()
    closed = Signal()

    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.lock_dialog = None
        self.setWindowTitle(self.tr("Township Desk — %1").replace(
            "%1", division_name(workspace.township or workspace.county)))

        self.navigation = QListWidget(self)
        self.navigation.setFixedWidth(170)
        self.navigation.setStyleSheet("QListWidget::item { padding: 8px 6px; }")
        self.stack = QStackedWidget(self)
        self.page_keys: list[str] = []
        self._targets: dict[str, str] = {}
        self._built: dict[str, QWidget] = {}
        self.pages = Pages(self)
        for key, target in visible_page_targets(workspace):
            title = navigation_title(key, target, workspace.role)
            self.page_keys.append(key)
            self._targets[key] = target
            if title is None:   # a page the window does not know: built now, for its title
                try:
                    page = self.page(key)
                except Exception:  # one broken page must not keep the clerk out of the others
                    log.exception("page %s failed to start; skipped", key)
                    self.page_keys.pop()
                    del self._targets[key]
                    continue
                title = page.title()
            else:
                self.stack.addWidget(QWidget(self))   # stands in until the page is first shown
            position = self.navigation.count() + 1
            self.navigation.addItem(title)
            if position <= 9:
                self.navigation.item(position - 1).setToolTip(f"Ctrl+{position}")
                action = QAction(self)
                action.setShortcut(QKeySequence(f"Ctrl+{position}"))
                action.triggered.connect(lambda _checked=False, row=position - 1: self.navigation.setCurrentRow(row))
                self.addAction(action)
        self.navigation.currentRowChanged.connect(self._show_page)

        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._build_menus()

        self.clerk_label = QLabel(self)
        self.place_label = QLabel(self)
        self.unsent_label = QLabel(self)
        self.sync_label = QLabel(self)
        for label in (self.clerk_label, self.place_label, self.unsent_label, self.sync_label):
            label.setContentsMargins(8, 0, 8, 0)
            label.setFrameShape(QLabel.Shape.StyledPanel)
            self.statusBar().addPermanentWidget(label)
        self.status_timer = QTimer(self)
        self.status_timer.timeout.connect(self.refresh_status)
        self.status_timer.start(STATUS_REFRESH_MS)
        self.refresh_status()

        self.idle = IdleWatcher(idle_lock_minutes(workspace), self)
        self.idle.idle.connect(self.lock)
        if self.navigation.count():
            self.navigation.setCurrentRow(0)

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&File"))
        self.settings_action = menu.addAction(self.tr("&Settings…"), self.open_settings)
        self.accounts_action = menu.addAction(self.tr("Clerk &accounts…"), self.open_accounts)
        self.accounts_action.setVisible(self.workspace.clerk_role == "admin")
        menu.addSeparator()
        self.lock_action = menu.addAction(self.tr("&Lock the window"), self.lock)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        menu.addAction(self.tr("Sign &out"), self.sign_out)
        quit_action = menu.addAction(self.tr("&Quit"), self.close)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.tr("&About Township Desk"), self.show_about)

    # -- pages ---------------------------------------------------------------------------------
    def page(self, key: str) -> QWidget:
        """The page of `key`, built now if it has not been shown yet."""
        if key in self._built:
            return self._built[key]
        if key not in self._targets:
            raise KeyError(key)
        page_class = load_page_class(self._targets[key])
        if page_class is None:
            raise KeyError(key)
        page = page_class(self.workspace, self)
        self._built[key] = page
        index = self.page_keys.index(key)
        stand_in = self.stack.widget(index)
        self.stack.insertWidget(index, page)
        if stand_in is not None and stand_in not in self._built.values():
            self.stack.removeWidget(stand_in)
            stand_in.deleteLater()
        if key == "records":
            page.openRequested.connect(self.open_record)
            if hasattr(page, "historyRequested"):
                page.historyRequested.connect(self.show_history)
        return page

    def _show_page(self, row: int) -> None:
        if row < 0:
            return
        page = self.page(self.page_keys[row])
        self.stack.setCurrentWidget(page)
        if hasattr(page, "refresh"):
            try:
                page.refresh()
            except UserError as error:
                QMessageBox.warning(self, page.title(), error_text(error))
        self.refresh_status()

    def show_page(self, key: str) -> QWidget | None:
        if key not in self._targets:
            return None
        self.navigation.setCurrentRow(self.page_keys.index(key))
        return self.page(key)

    def open_record(self, record_id: str) -> None:
        page = self.pages.get("entry")
        if page is None or not hasattr(page, "open_record"):
            QMessageBox.information(self, self.tr("Open record"),
                                    self.tr("The entry page is not installed in this version."))
            return
        self.show_page("entry")
        try:
            page.open_record(record_id)
        except UserError as error:
            QMessageBox.warning(self, self.tr("Open record"), error_text(error))

    def show_history(self, record_id: str) -> None:
        page = self.show_page("audit")
        if page is not None:
            page.show_record(record_id)

    # -- status bar ----------------------------------------------------------------------------
    def refresh_status(self) -> None:
        ws = self.workspace
        status = sync_status.read(ws)
        self.clerk_label.setText(self.tr("Clerk: %1").replace("%1", ws.clerk or ""))
        self.place_label.setText(division_name(ws.township or ws.county))
        self.unsent_label.setText(self.tr("Unsent changes: %1").replace("%1", str(status.unsent)))
        self.sync_label.setText(self.tr("Last sync: %1").replace(
            "%1", short_time(status.last_sync) if status.last_sync else self.tr("never")))

    # -- menus ---------------------------------------------------------------------------------
    def open_settings(self) -> None:
        dialog = SettingsDialog(self.workspace, self)
        if dialog.exec():
            self.idle.set_minutes(idle_lock_minutes(self.workspace))
            self.settingsChanged.emit()

    def open_accounts(self) -> None:
        from desktop.ui.accounts_dialog import AccountsDialog

        try:
            AccountsDialog(self.workspace, self).exec()
        except UserError as error:
            QMessageBox.warning(self, self.tr("Clerk accounts"), error_text(error))

    def show_about(self) -> None:
        from desktop import __version__

        QMessageBox.about(self, self.tr("About Township Desk"),
                          self.tr("Township Desk %1\nOffline records for township clerks, "
                                  "synced to the county by USB stick.").replace("%1", __version__))

    # -- lock and sign-out ---------------------------------------------------------------------
    def is_locked(self) -> bool:
        return self.lock_dialog is not None

    def lock(self) -> None:
        """Hide the records and ask for the clerk's password again."""
        if self.lock_dialog is not None:
            return
        self.idle.pause()
        self.centralWidget().setVisible(False)
        self.menuBar().setEnabled(False)
        self.lock_dialog = LoginDialog(self.workspace, self, locked_clerk=self.workspace.clerk)
        self.lock_dialog.accepted.connect(self._unlocked)
        self.lock_dialog.rejected.connect(self.sign_out)
        self.lock_dialog.open()

    def _unlocked(self) -> None:
        self.lock_dialog.deleteLater()
        self.lock_dialog = None
        self.centralWidget().setVisible(True)
        self.menuBar().setEnabled(True)
        self.idle.resume()

    def sign_out(self) -> None:
        if self.lock_dialog is not None:
            self.lock_dialog.deleteLater()
            self.lock_dialog = None
        self.workspace.record_event("logout")
        self.signOutRequested.emit()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.idle.stop()
        self.status_timer.stop()
        self.closed.emit()
        super().closeEvent(event)
