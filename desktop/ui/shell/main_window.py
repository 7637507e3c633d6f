"""The main window: page navigation (Ctrl+1..Ctrl+8, shown beside each page's title), menus,
the status bar and the idle lock.

The File menu holds the clerk's own tools (settings, changing one's password, backing up now) and
those of the roles that may use them (clerk accounts for admins, restoring a backup for supervisors
and admins). A chosen restore is handed to the application as `restoreRequested(path)`: it closes
this window and the workspace first (desktop/ui/shell/app.py).

Pages come from desktop.ui.shell.pages; the window only hosts them, wires the few links between them
(the records list and the corrections page open a record in the entry page; the records list
shows a record's history in the audit page, starts a new record with Ctrl+N and asks another
township about a record through the cross-check page) and keeps the status bar current.

Pages are built when first shown (start-up budget, docs/PERFORMANCE.md): the navigation lists
them by the titles in NAVIGATION_TITLES, each the page's own `title()` text in its translation
context (tests/ui/test_main_window.py checks they agree). A page without an entry there is built
with the window. `window.pages` maps each key to its page, building it on first access, and
a page's links are connected when it is built.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from desktop.core.codelists.codelists_divisions import for_workspace
from desktop.core.errors import UserError
from desktop.core.workspace import accounts
from desktop.ui.admin.settings_dialog import SettingsDialog, idle_lock_minutes
from desktop.ui.shell import pages as page_table
from desktop.ui.shell.formatting import division_name, short_time
from desktop.ui.shell.idle_lock import IdleWatcher
from desktop.ui.shell.login_dialog import LoginDialog
from desktop.ui.shell.messages import error_text
from desktop.ui.shell.navigation import NavigationList
from desktop.ui.shell.tasks import service
from desktop.ui.sync import sync_status

log = logging.getLogger("township.ui")
STATUS_REFRESH_MS = 30_000

# a page's loader -> (its class's name: the translation context, its title() source text, and the
# county's where it differs), so the navigation list is filled without importing the pages
NAVIGATION_TITLES = {
    page_table.entry_page: ("EntryPage", "Data entry"),
    page_table.records_page: ("RecordsPage", "Records"),
    page_table.sync_page: ("SyncPage", "Sync"),
    page_table.county_sync_page: ("CountySyncPage", "Sync"),
    page_table.reports_page: ("ReportsPage", "Daily summary", "Monthly circular"),
    page_table.crosscheck_page: ("CrossCheckPage", "Cross-checks"),
    page_table.corrections_page: ("CorrectionsPage", "Corrections"),
    page_table.verify_page: ("VerifyPage", "Verification"),
    page_table.audit_page: ("AuditPage", "Audit trail"),
    page_table.fix_page: ("FixPage", "Find and fix"),
}
# the pages a record is opened from: saving it brings the clerk back there, not to a blank form
RETURN_PAGES = ("records", "corrections", "fix")


def navigation_title(loader, role: str | None) -> str | None:
    """The page's title without building it, or None when only the page knows it."""
    known = NAVIGATION_TITLES.get(loader)
    if known is None:
        return None
    context, *texts = known
    text = texts[1] if role == "county" and len(texts) > 1 else texts[0]
    return QCoreApplication.translate(context, text)


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
    restoreRequested = Signal(object)     # the backup file the clerk chose and confirmed
    settingsChanged = Signal()
    closed = Signal()

    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.lock_dialog = None
        self.return_to: str | None = None   # the list a record was opened from (RETURN_PAGES)
        self.screen_lock = None   # the idle lock's ScreenLock while locked
        self.recovery_question = self.recovery_dialog = None   # File > New recovery key…, while open
        self._paused_watchers = []   # the sync pages' drive watchers, stopped while locked
        self.setWindowTitle(self.tr("Township Desk — %1").replace(
            "%1", division_name(workspace.township or workspace.county, for_workspace(workspace))))

        self.navigation = NavigationList(self)
        self.navigation.setFixedWidth(170)
        self.stack = QStackedWidget(self)
        self.page_keys: list[str] = []
        self._loaders: dict[str, Callable[[], type]] = {}
        self._built: dict[str, QWidget] = {}
        self.pages = Pages(self)
        for key, loader in page_table.visible_page_loaders(workspace):
            title = navigation_title(loader, workspace.role)
            self.page_keys.append(key)
            self._loaders[key] = loader
            if title is None:   # a page the window does not know: built now, for its title
                try:
                    page = self.page(key)
                except Exception:  # one broken page must not keep the clerk out of the others
                    log.exception("page %s failed to start; skipped", key)
                    self.page_keys.pop()
                    del self._loaders[key]
                    continue
                title = page.title()
            else:
                self.stack.addWidget(QWidget(self))   # stands in until the page is first shown
            position = self.navigation.count() + 1
            keys = QKeySequence(f"Ctrl+{position}") if position <= 9 else None
            self.navigation.add_page(title, keys.toString(QKeySequence.SequenceFormat.NativeText) if keys else None)
            if keys is not None:
                action = QAction(self)
                action.setShortcut(keys)
                action.triggered.connect(lambda _checked=False, row=position - 1: self.navigation.setCurrentRow(row))
                self.addAction(action)
        self.navigation.fit_titles(170)
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
        self.network_label = QLabel(self)   # shown only when a hub address is set
        from desktop.ui.sync import hub_sync

        self.hub_sync = hub_sync.for_workspace(workspace, parent=self)   # background network sync, on a timer
        self.hub_sync.changed.connect(self.refresh_status)
        for label in (self.clerk_label, self.place_label, self.unsent_label, self.sync_label, self.network_label):
            label.setContentsMargins(8, 0, 8, 0)
            label.setFrameShape(QLabel.Shape.StyledPanel)
            self.statusBar().addPermanentWidget(label)
        self.status_timer = QTimer(self)
        self.status_timer.timeout.connect(self.refresh_status)
        self.status_timer.start(STATUS_REFRESH_MS)
        self.refresh_status()
        service().changed.connect(self._work_changed)

        self.idle = IdleWatcher(idle_lock_minutes(workspace), self)
        self.idle.idle.connect(self.lock)
        if self.navigation.count():
            self.navigation.setCurrentRow(0)

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&File"))
        self.settings_action = menu.addAction(self.tr("&Settings…"), self.open_settings)
        self.password_action = menu.addAction(self.tr("Change my &password…"), self.change_password)
        self.accounts_action = menu.addAction(self.tr("Clerk &accounts…"), self.open_accounts)
        self.accounts_action.setVisible(self.workspace.clerk_role in accounts.PERMISSIONS["reset_password"])
        self.recovery_action = menu.addAction(self.tr("New &recovery key…"), self.new_recovery_key)
        self.recovery_action.setVisible(self.workspace.clerk_role in accounts.PERMISSIONS["recovery_key"]
                                        and self.workspace.keyring is not None)
        menu.addSeparator()
        self.import_action = menu.addAction(self.tr("&Import from spreadsheet…"), self.open_import)
        self.import_action.setVisible(self.workspace.role == "township")
        menu.addSeparator()
        self.backup_action = menu.addAction(self.tr("&Back up now…"), self.back_up_now)
        self.restore_action = menu.addAction(self.tr("&Restore from backup…"), self.open_restore)
        self.restore_action.setVisible(self.workspace.clerk_role in accounts.PERMISSIONS["restore"])
        menu.addSeparator()
        self.lock_action = menu.addAction(self.tr("&Lock the window"), self.lock)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        menu.addAction(self.tr("Sign &out"), self.sign_out)
        quit_action = menu.addAction(self.tr("&Quit"), self.close)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.page_help_action = help_menu.addAction(self.tr("Help for this &page"), self.show_page_help)
        self.page_help_action.setShortcut(QKeySequence("F1"))
        self._add_help_pages(help_menu)
        help_menu.addSeparator()
        self.keys_action = help_menu.addAction(self.tr("&Keyboard shortcuts"), self.show_keys)
        self.keys_action.setShortcut(QKeySequence("Shift+F1"))
        help_menu.addAction(self.tr("&About Township Desk"), self.show_about)

    # -- pages ---------------------------------------------------------------------------------
    def page(self, key: str) -> QWidget:
        """The page of `key`, built now if it has not been shown yet."""
        if key in self._built:
            return self._built[key]
        if key not in self._loaders:
            raise KeyError(key)
        page = self._loaders[key]()(self.workspace, self)
        self._built[key] = page
        index = self.page_keys.index(key)
        stand_in = self.stack.widget(index)
        self.stack.insertWidget(index, page)
        if stand_in is not None and stand_in not in self._built.values():
            self.stack.removeWidget(stand_in)
            stand_in.deleteLater()
        self._link_page(key, page)
        return page

    def _show_page(self, row: int) -> None:
        if row < 0:
            return
        key = self.page_keys[row]
        fresh = key not in self._built
        page = self.page(key)
        self.stack.setCurrentWidget(page)
        if fresh and getattr(page, "READ_WHEN_BUILT", False):
            page.show_first()      # it has just read what it shows: not read twice
        elif hasattr(page, "refresh"):
            try:
                page.refresh()
            except UserError as error:
                QMessageBox.warning(self, page.title(), error_text(error))
        self.refresh_status()

    def _work_changed(self, what) -> None:
        """A task changed `what` (desktop.ui.shell.tasks.Done): the page in view and the status
        line show it now; the other pages refresh when they are next shown."""
        if not self.isVisible():   # closed (signed out, replaced): its workspace may be closed too
            return
        page = self.stack.currentWidget()
        if page in self._built.values() and hasattr(page, "refresh") and getattr(page, "REFRESH_ON", what) & what:
            try:
                page.refresh()
            except UserError as error:
                QMessageBox.warning(self, page.title(), error_text(error))
        self.refresh_status()

    def _link_page(self, key: str, page: QWidget) -> None:
        """Connect the signals a newly built page offers to the window's actions."""
        links = (("records", "openRequested", self.open_record),
                 ("records", "historyRequested", self.show_history),
                 ("records", "crossCheckRequested", self.ask_about_record),
                 ("records", "newRecordRequested", self.new_record),
                 ("corrections", "openRecord", self.open_record),
                 ("fix", "openRecord", self.open_record),
                 ("fix", "openDraft", self.open_draft),
                 ("entry", "recordSaved", self._record_saved),
                 ("entry", "newStarted", self._forget_return),
                 ("records", "changed", self.refresh_status),
                 ("corrections", "changed", self.refresh_status),
                 ("crosschecks", "changed", self.refresh_status))
        for page_key, signal, slot in links:
            if page_key == key and hasattr(page, signal):
                getattr(page, signal).connect(slot)

    def show_page(self, key: str) -> QWidget | None:
        if key not in self._loaders:
            return None
        self.navigation.setCurrentRow(self.page_keys.index(key))
        return self.page(key)

    def _current_key(self) -> str | None:
        row = self.navigation.currentRow()
        return self.page_keys[row] if 0 <= row < len(self.page_keys) else None

    def open_record(self, record_id: str) -> None:
        page = self.pages.get("entry")
        if page is None or not hasattr(page, "open_record"):
            QMessageBox.information(self, self.tr("Open record"),
                                    self.tr("The entry page is not installed in this version."))
            return
        came_from = self._current_key()
        self.show_page("entry")
        try:
            opened = page.open_record(record_id)
        except UserError as error:
            QMessageBox.warning(self, self.tr("Open record"), error_text(error))
            opened = False
        self.return_to = came_from if opened is not False and came_from in RETURN_PAGES else None

    def open_draft(self, form_id: str, key: str = "") -> None:
        """The find-and-fix list's Enter on a draft: the entry page takes it up where it was left."""
        page = self.pages.get("entry")
        if page is None or not hasattr(page, "open_draft"):
            return
        came_from = self._current_key()
        self.show_page("entry")
        opened = page.open_draft(form_id, key or None)
        self.return_to = came_from if opened and came_from in RETURN_PAGES else None

    def _record_saved(self, record_id: str) -> None:
        """Back to the list the record was opened from (its row refreshed and selected), not a blank form.
        The status bar counts the change now: saving runs on the GUI thread, outside the task
        service, so nothing else would tell it before the next tick of its timer."""
        self.refresh_status()
        back, self.return_to = self.return_to, None
        if back is not None and self._current_key() == "entry":
            page = self.show_page(back)
            if page is not None and hasattr(page, "select_record"):
                # after the reason dialog has handed the focus back, or it would take it again
                QTimer.singleShot(0, lambda: page.select_record(record_id) if page.isVisible() else None)

    def _forget_return(self) -> None:
        self.return_to = None

    def new_record(self) -> None:
        page = self.show_page("entry")
        if page is not None and hasattr(page, "new_record"):
            page.new_record()

    def ask_about_record(self, record_id: str):
        """Open the cross-check request dialog for a record (the records list's "Ask another township…")."""
        page = self.pages.get("crosschecks")
        if page is None or not hasattr(page, "new_request"):
            QMessageBox.information(self, self.tr("Cross-check request"),
                                    self.tr("The cross-check page is not installed in this version."))
            return None
        try:
            dialog = page.new_request(record_id)
        except UserError as error:
            QMessageBox.warning(self, self.tr("Cross-check request"), error_text(error))
            return None
        dialog.accepted.connect(lambda: self.statusBar().showMessage(
            self.tr("Cross-check request kept; it goes to the county with the next sync bundle."), 10_000))
        return dialog

    def show_history(self, record_id: str) -> None:
        page = self.show_page("audit")
        if page is not None:
            page.show_record(record_id)

    # -- status bar ----------------------------------------------------------------------------
    def refresh_status(self) -> None:
        ws = self.workspace
        status = sync_status.read(ws)
        self.clerk_label.setText(self.tr("Clerk: %1").replace("%1", ws.clerk or ""))
        self.place_label.setText(division_name(ws.township or ws.county, for_workspace(ws)))
        self.unsent_label.setText(self.tr("Unsent changes: %1").replace("%1", str(status.unsent)))
        self.sync_label.setText(self.tr("Last sync: %1").replace(
            "%1", short_time(status.last_sync) if status.last_sync else self.tr("never")))
        self.refresh_network_status()

    def refresh_network_status(self) -> None:
        from desktop.core.sync import outbox
        from desktop.ui.sync import hub_sync

        controller = self.hub_sync
        self.network_label.setVisible(bool(controller.url))
        if not controller.url:
            return
        found = outbox.counts(self.workspace.db)
        text = self.tr("Network: %1 queued, %2 sent, %3 acknowledged").replace("%1", str(found[outbox.QUEUED])) \
            .replace("%2", str(found[outbox.SENT])).replace("%3", str(found[outbox.ACKNOWLEDGED]))
        if controller.state == hub_sync.RUNNING:
            text += self.tr(" (sending…)")
        elif controller.state == hub_sync.OFFLINE:
            text += self.tr(" (no network)")
        elif controller.state == hub_sync.FAILED:
            text += self.tr(" (Wi-Fi sign-in page)") if controller.error is not None and \
                controller.error.code == "portal" else self.tr(" (hub not reachable)")
        self.network_label.setText(text)

    # -- menus ---------------------------------------------------------------------------------
    def open_settings(self) -> None:
        dialog = SettingsDialog(self.workspace, self)
        if dialog.exec():
            self.idle.set_minutes(idle_lock_minutes(self.workspace))
            self.settingsChanged.emit()

    def open_accounts(self) -> None:
        from desktop.ui.admin.accounts_dialog import AccountsDialog

        try:
            AccountsDialog(self.workspace, self).exec()
        except UserError as error:
            QMessageBox.warning(self, self.tr("Clerk accounts"), error_text(error))

    def new_recovery_key(self):
        """File > New recovery key… (supervisors and admins): the warning first; "Make a new key"
        replaces the key and shows the new one once. Returns the question box (for tests)."""
        from desktop.ui.admin.recovery_key_dialog import RecoveryKeyDialog, confirm_new_key

        box = confirm_new_key(self)

        def answered(button):
            if button is not box.make_button:
                return
            from desktop.core.i18n import current_language
            from desktop.core.workspace import recovery, sign_in_card

            try:
                recovery_key = recovery.make_new(self.workspace)
            except UserError as error:
                QMessageBox.warning(self, self.tr("New recovery key"), error_text(error))
                return
            place = sign_in_card.from_workspace(self.workspace).place(current_language())
            self.recovery_dialog = RecoveryKeyDialog(recovery_key, place, self)
            self.recovery_dialog.open()

        box.buttonClicked.connect(answered)
        box.open()
        self.recovery_question = box
        return box

    def change_password(self):
        """File > Change my password… (returned open, for tests)."""
        from desktop.ui.admin.password_dialog import PasswordDialog

        dialog = PasswordDialog(self.workspace, None, self)
        dialog.accepted.connect(lambda: self.statusBar().showMessage(self.tr("Your password was changed."), 10_000))
        dialog.open()
        return dialog

    def open_import(self):
        """File > Import from spreadsheet…: the register's rows through the entry rules."""
        from PySide6.QtCore import Qt

        from desktop.ui.entry.import_dialog import ImportDialog

        dialog = ImportDialog(self.workspace, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def back_up_now(self):
        from desktop.ui.admin.backup_dialogs import BackupNowDialog

        dialog = BackupNowDialog(self.workspace, self)
        dialog.open()
        return dialog

    def open_restore(self):
        """File > Restore from backup… (supervisors and admins); a confirmed choice goes to the
        application as restoreRequested, after this dialog has closed."""
        from desktop.ui.admin.backup_dialogs import RestoreDialog

        try:
            dialog = RestoreDialog(self.workspace, self)
        except UserError as error:
            QMessageBox.warning(self, self.tr("Restore from backup"), error_text(error))
            return None
        dialog.restoreChosen.connect(lambda path: QTimer.singleShot(0, lambda: self.restoreRequested.emit(path)))
        dialog.open()
        return dialog

    def keyboard_map(self) -> list[tuple[str, str]]:
        """(keys, what they do): the whole day without a mouse."""
        pages = [(f"Ctrl+{n}", page.title()) for n, page in enumerate(self.pages.values(), start=1) if n <= 9]
        return [*pages,
                ("Enter / Tab", self.tr("Data entry: next field (Shift+Tab: back)")),
                ("Ctrl+S", self.tr("Data entry: save the record")),
                ("Ctrl+N", self.tr("New record (from data entry or the records list)")),
                ("Ctrl+K", self.tr("Data entry: keep this field's value for the next record")),
                ("Ctrl+N / 1 2 3", self.tr("Verification: a new batch (supervisors); at a field that differs, "
                                           "1 keeps the first entry, 2 takes this one, 3 keys it again")),
                (self.tr("type in the search box"), self.tr("Records: name, ID number, phone or pinyin "
                                                            "initials of a name (e.g. zs)")),
                ("Enter / ↓", self.tr("Records: Enter opens the record, ↓ moves into the list")),
                ("Alt+S / Alt+K / Delete", self.tr("Records: history / ask another township / delete")),
                ("Ctrl+L", self.tr("Lock the window")),
                ("F1", self.tr("Help for the page in view")),
                ("Shift+F1", self.tr("This list"))]

    def _add_help_pages(self, menu) -> None:
        from desktop.ui.shell import help as help_pages

        menu.addSeparator()
        self.help_actions = {}
        for number, area in enumerate(help_pages.AREAS, start=1):
            action = menu.addAction(f"&{number} {help_pages.area_title(area)}")
            action.triggered.connect(lambda _checked=False, area=area: self.show_help(area))
            self.help_actions[area] = action

    def current_page_key(self) -> str | None:
        row = self.navigation.currentRow()
        return self.page_keys[row] if 0 <= row < len(self.page_keys) else None

    def show_help(self, area: str):
        """The help page of `area` in the clerk's language, beside the window (one help window)."""
        from desktop.ui.shell import help as help_pages

        if getattr(self, "help_dialog", None) is None:
            self.help_dialog = help_pages.HelpDialog(self)
        self.help_dialog.show_area(area)
        return self.help_dialog

    def show_page_help(self):
        """F1: the help of the page in view."""
        from desktop.ui.shell import help as help_pages

        return self.show_help(help_pages.PAGE_AREAS.get(self.current_page_key() or "", "entry"))

    def show_keys(self) -> None:
        rows = "".join(f"<tr><td style='padding-right:16px'><b>{keys}</b></td><td>{what}</td></tr>"
                       for keys, what in self.keyboard_map())
        box = QMessageBox(QMessageBox.Icon.NoIcon, self.tr("Keyboard shortcuts"), f"<table>{rows}</table>",
                          QMessageBox.StandardButton.Ok, self)
        box.button(QMessageBox.StandardButton.Ok).setText(self.tr("OK"))
        box.exec()

    def show_about(self) -> None:
        from desktop import __version__

        QMessageBox.about(self, self.tr("About Township Desk"),
                          self.tr("Township Desk %1\nOffline records for township clerks, "
                                  "synced to the county by USB stick.").replace("%1", __version__))

    # -- lock and sign-out ---------------------------------------------------------------------
    def is_locked(self) -> bool:
        return self.lock_dialog is not None

    def lock(self) -> None:
        """Hide the records and every other window, let go of the data key and ask for the
        clerk's password again (desktop.ui.shell.screen_lock)."""
        if self.lock_dialog is not None:
            return
        from desktop.ui.shell.screen_lock import ScreenLock

        self.idle.pause()
        self.status_timer.stop()   # the store may be shut while locked (screen_lock)
        self.hub_sync.pause()        # no network sync while the data key is let go
        self._paused_watchers = [page.watcher for page in self._built.values()   # a stick found while
                                 if getattr(page, "watcher", None) is not None    # locked waits for the unlock
                                 and page.watcher.timer.isActive()]
        for watcher in self._paused_watchers:
            watcher.stop()
        for page in self._built.values():   # drafts written while the key is still there
            if hasattr(page, "before_lock"):
                page.before_lock()
        self.centralWidget().setVisible(False)
        self.menuBar().setEnabled(False)
        self.lock_dialog = LoginDialog(self.workspace, self, locked_clerk=self.workspace.clerk)
        self.screen_lock = ScreenLock(self, self.workspace)
        self.screen_lock.engage(self.lock_dialog)
        self.lock_dialog.accepted.connect(self._unlocked)
        self.lock_dialog.rejected.connect(self.sign_out)
        self.lock_dialog.open()

    def _unlocked(self) -> None:
        self.screen_lock.release()
        self.screen_lock = None
        self.lock_dialog.deleteLater()
        self.lock_dialog = None
        self.centralWidget().setVisible(True)
        self.menuBar().setEnabled(True)
        self.status_timer.start(STATUS_REFRESH_MS)
        self.hub_sync.resume()
        for watcher in self._paused_watchers:
            watcher.start()
        self._paused_watchers = []
        self.idle.resume()

    def sign_out(self) -> None:
        if self.screen_lock is not None:
            self.screen_lock.release()
            self.screen_lock = None
        if self.lock_dialog is not None:
            self.lock_dialog.deleteLater()
            self.lock_dialog = None
        self.workspace.record_when_open("logout")   # a locked store: at the next sign-in
        self.signOutRequested.emit()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.idle.stop()
        self.status_timer.stop()
        for page in self._built.values():   # before the store closes: keep drafts, stop the rules
            if hasattr(page, "close_down"):
                page.close_down()
        super().closeEvent(event)
        self.closed.emit()
