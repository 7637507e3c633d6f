"""Starting the GUI: language, fonts, the crash handler, then setup wizard or sign-in, then the window.

`run_gui(args)` is what a bare `township` runs. The AppController moves between the three screens
(first-run wizard, sign-in, main window) and rebuilds the window when the language or text size
changes.

Start-up is kept short (budget: 1.3x a bare PySide6 window, docs/PERFORMANCE.md): the first
window that takes input is the sign-in dialog (or, on first run, the setup wizard), shown before
anything the main window needs is loaded. Once it takes input (`phases.ready()`), a worker
thread warms up what comes next while the clerk types the password: the form packs (pyxform,
lark, the rules engine), pypinyin's dictionaries for search, cryptography's Argon2id. The main
window builds its pages when they are first shown. The start-up tricks (cycle collection off
until ready, no `Qt` namespace before the first window, the warm-up, phase logging) live in
desktop.startup, one module each, with what each was measured to save.
"""

from __future__ import annotations

import logging
import sys
import traceback
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from desktop.core.errors import DataDirError, UserError
from desktop.core.logs import log_file_hint, setup_logging
from desktop.core.paths import data_dir
from desktop.startup import gc_pause, phases, qt_namespace
from desktop.startup.first_paint import on_first_paint
from desktop.ui.shell.locale_setup import (
    apply_fonts,
    choose_language,
    complete_language,
    first_run_language,
    install_language,
)

if TYPE_CHECKING:
    from desktop.core.workspace.workspace import Workspace

log = logging.getLogger("township.ui")


def install_crash_handler() -> None:
    """A bug escaping a slot: log the traceback and tell the clerk where the log is.
    A UserError that escapes is shown plainly instead (it is not a bug)."""
    showing = []

    def handle(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        from PySide6.QtWidgets import QMessageBox  # not at start-up: each Qt class costs when first used

        if isinstance(exc, UserError):
            QMessageBox.warning(QApplication.activeWindow(), QApplication.translate("App", "Township Desk"),
                                str(exc.text))
            return
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
        if showing or QApplication.instance() is None:
            return
        showing.append(True)
        try:
            QMessageBox.critical(
                QApplication.activeWindow(), QApplication.translate("App", "Township Desk: internal error"),
                QApplication.translate("App", "Something went wrong inside the program. Your saved records "
                                              "are safe. The details were written to the log file:\n%1\n\n"
                                              "Please give this file to your support contact.")
                .replace("%1", log_file_hint()))
        finally:
            showing.clear()

    sys.excepthook = handle


SHUT_RETRY_MS = 200   # how often a sign-out looks again for the tasks to end before shutting the store


class AppController(QObject):
    """Which screen is showing: the setup wizard, the sign-in dialog or the main window."""

    def __init__(self, app: QApplication, data_dir_override):
        super().__init__(app)
        self.app = app
        self.data_dir_override = data_dir_override
        self.workspace: Workspace | None = None
        self.wizard = None
        self.login = None
        self._locked = False     # the encrypted store waits for a password (open_store)
        self.window = None
        self.exit_code = 0
        self._replacing = False
        self._warm_up = None       # the task service's Task once the first window is up
        self.damaged_box = self.restore_dialog = self.notice = None   # a damaged store's way back
        self._damage: UserError | None = None

    # -- start ---------------------------------------------------------------------------------
    def start(self) -> None:
        paths = data_dir(self.data_dir_override)
        if not paths.db_path.exists():
            self.show_wizard()   # first run: the store (sqlite3, migrations) loads when the wizard creates it
            return
        from desktop.core.workspace import sign_in_card

        card = sign_in_card.read(paths)
        if card is not None:
            # the sign-in dialog from the card; the store opens once it takes input (open_store_behind)
            install_language(self.app, choose_language(card.language), first_window=True)
            apply_fonts(self.app, card.text_percent)
            phases.phase("language-and-fonts")
            self.show_login(card)
            return
        if self.open_store():   # no card (the first start after an update): the store first, as before
            self.apply_preferences()
            self.show_login()
        elif self._locked and self.login is None:   # encrypted, no card: the keyring's accounts
            from desktop.core.workspace.keyring import Keyring, keyring_path

            ring = Keyring.load(keyring_path(paths.db_path))
            self.show_login(sign_in_card.SignInCard(None, False, "", "", tuple(ring.accounts()), None))
            self.login.unlock = self.unlock_store

    def open_store(self) -> bool:
        """Open the installation's store; False when the wizard or an error message took over."""
        from desktop.core.workspace.workspace import Workspace

        try:
            workspace = Workspace.open(self.data_dir_override)
        except DataDirError as error:
            if error.code == "locked":
                self._locked = True
                if self.login is not None:
                    self.login.unlock = self.unlock_store   # the sign-in opens it
                return False
            if error.code == "not-set-up":
                self.show_wizard()
            else:
                self.fail(error)
            return False
        phases.phase("database-opened")
        if not workspace.is_set_up:
            workspace.close()
            self.show_wizard()
            return False
        self.workspace = workspace
        return True

    def open_store_behind(self) -> bool:
        """The sign-in dialog shown from the card takes input: open the store behind it and
        bring the dialog in line with it (a card behind the store costs one redraw)."""
        from desktop.core.workspace import sign_in_card

        shown = self.login.card
        if not self.open_store():
            if self.login is not None and self.login.unlock is not None:
                return True    # encrypted: the store opens with the password typed
            self._close_login()
            return False
        card = sign_in_card.refresh(self.workspace)
        if (card.language, card.text_percent) != (shown.language, shown.text_percent) or not card.clerks:
            self._close_login()
            self.apply_preferences()
            self.show_login(card)
        else:
            self.login.attach(self.workspace, card)
        phases.phase("store-opened-behind-sign-in")
        return True

    def unlock_store(self, name: str, password: str) -> None:
        """The clerk's password opens the encrypted store behind the sign-in dialog; UserError
        (the sign-in's own message) when it does not."""
        from desktop.core.paths import data_dir
        from desktop.core.workspace import sign_in_card, throttle
        from desktop.core.workspace.keyring import Keyring, keyring_path, wrong_secret
        from desktop.core.workspace.workspace import Workspace

        paths = data_dir(self.data_dir_override)
        throttle.check(paths.root, name)
        ring = Keyring.load(keyring_path(paths.db_path))
        key = ring.unlock(password, name) if ring is not None else None
        if key is None:
            throttle.failed(paths.root, name)
            raise wrong_secret()
        try:
            self.workspace = Workspace.open(self.data_dir_override, key=key)
        except DataDirError as error:
            self._close_login()
            self.fail(error)
            raise wrong_secret() from error
        self.login.unlock = None
        self.login.attach(self.workspace, sign_in_card.refresh(self.workspace))

    def _close_login(self) -> None:
        if self.login is not None:
            self.login.blockSignals(True)
            self.login.close()
            self.login.deleteLater()
            self.login = None

    def apply_preferences(self) -> None:
        from desktop.core.store import settings

        ws = self.workspace
        install_language(self.app, choose_language(ws.setting(settings.LANGUAGE)))
        apply_fonts(self.app, settings.text_size_of(ws.setting))
        phases.phase("language-and-fonts")

    def fail(self, error: UserError) -> None:
        from PySide6.QtWidgets import QMessageBox

        if error.code == "corrupt":
            self._damage = error
            self.offer_restore(error)
            return
        QMessageBox.critical(None, self.tr("Township Desk"), str(error.text))
        self.exit_code = 1
        self.app.exit(1)

    def offer_restore(self, error: UserError):
        """The database is damaged: say so and offer a restore from a backup right here (a
        supervisor or admin signs in against the backup), or quit. Returns the (open) message."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("Township Desk"), self.tr(
            "The database %1 is damaged and cannot be opened.").replace(
            "%1", str(data_dir(self.data_dir_override).db_path)))
        box.setDetailedText(str(error.text))   # the store's own words (they name `township restore` too)
        box.setInformativeText(self.tr(
            "The records saved up to the last backup are in it: restoring it lets work go on. The damaged "
            "database is kept aside in the data folder, not deleted."))
        restore = box.addButton(self.tr("Restore from a backup…"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Quit"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
        box.buttonClicked.connect(lambda button: self._choose_backup() if button is restore else self._give_up())
        self.damaged_box = box
        box.open()
        return box

    def _give_up(self) -> None:
        self.exit_code = 1
        self.app.exit(1)

    def _choose_backup(self) -> None:
        from desktop.ui.admin.backup_dialogs import RestoreDialog

        self.restore_dialog = RestoreDialog(None, paths=data_dir(self.data_dir_override))
        self.restore_dialog.restoreChosen.connect(self._restore_damaged)
        self.restore_dialog.rejected.connect(self._give_up)
        self.restore_dialog.open()

    def _restore_damaged(self, backup_file) -> None:
        """The restore chosen at the damaged-database message: nothing is open, so the copy runs
        in the task service at once; a refused backup ends the program as before, a cancelled
        restore goes back to the message."""
        from PySide6.QtWidgets import QMessageBox

        def refused(error: UserError) -> None:
            QMessageBox.critical(None, self.tr("Township Desk"), str(error.text))
            self._give_up()

        def restored(workspace_restored) -> None:
            self.workspace = workspace_restored.workspace
            self._sign_in_again(self._notice(QMessageBox.Icon.Information, self.tr(
                "Restored from %1. The damaged database is kept as %2. Sign in again.")
                .replace("%1", str(backup_file)).replace("%2", str(workspace_restored.aside))))

        self._run_restore(backup_file, self.restore_dialog.restorer, restored, refused,
                          lambda: self.offer_restore(self._damage))

    def _first_window_shown(self) -> None:
        """Called once the first window has been painted: it is on screen and takes input.
        A benchmark run ends here; otherwise what comes next warms up on a worker thread."""
        if self._warm_up is not None:
            return
        gc_pause.resume()
        if phases.ready():
            self.quit()
            return
        complete_language(self.app)
        if self.login is not None:
            if self.workspace is None:
                if not self.open_store_behind():
                    return
            else:
                from desktop.core.workspace import sign_in_card

                sign_in_card.refresh(self.workspace)   # for the next start
        from desktop.startup.warm_up import warm_up
        from desktop.ui.shell.tasks import service

        workspace = self.workspace
        self._warm_up = service().run(lambda _progress: warm_up(workspace), quiet=True, uses_store=False)
        qt_namespace.build_now()   # the main window needs it; the first window did without

    def _wait_for_warm_up(self) -> None:
        """Let a warm-up still running finish before the GUI thread needs the same things (both
        loading at once would only share one interpreter lock)."""
        if self._warm_up is not None:
            self._warm_up.future.result()

    # -- first run -----------------------------------------------------------------------------
    def show_wizard(self, lang: str | None = None) -> None:
        from desktop.ui.shell.setup_wizard import SetupWizard

        setup_logging(data_dir(self.data_dir_override).logs)
        install_language(self.app, lang or first_run_language())
        apply_fonts(self.app)
        self.wizard = SetupWizard(self.data_dir_override)
        self.wizard.languageChosen.connect(self._wizard_language)
        self.wizard.accepted.connect(self._wizard_done)
        self.wizard.rejected.connect(lambda: self.app.exit(0))
        self.wizard.show()
        phases.phase("setup-wizard-shown")
        on_first_paint(self.wizard, self._first_window_shown)

    def _wizard_language(self, lang: str) -> None:
        old = self.wizard
        self.show_wizard(lang)  # rebuilt so every text is in the new language
        old.blockSignals(True)
        old.close()
        old.deleteLater()

    def _wizard_done(self) -> None:
        self.workspace = self.wizard.workspace
        self.wizard.deleteLater()
        self.wizard = None
        self.apply_preferences()
        self.show_main()
        recovery_key, self.workspace.recovery_key = self.workspace.recovery_key, None   # shown once
        if recovery_key:
            from desktop.core.i18n import current_language
            from desktop.core.workspace import sign_in_card
            from desktop.ui.admin.recovery_key_dialog import RecoveryKeyDialog

            place = sign_in_card.from_workspace(self.workspace).place(current_language())
            self.recovery_dialog = RecoveryKeyDialog(recovery_key, place, self.window)
            self.recovery_dialog.show()

    # -- sign-in -------------------------------------------------------------------------------
    def show_login(self, card=None) -> None:
        from desktop.ui.shell.login_dialog import LoginDialog

        phases.phase("sign-in-imported")
        self.login = LoginDialog(self.workspace, card=card)
        if self.login.data_dir is None:   # the store not open yet: "Forgot password…" needs its folder
            self.login.data_dir = self.data_dir_override
        phases.phase("sign-in-built")
        self.login.accepted.connect(self._signed_in)
        self.login.rejected.connect(self.quit)
        self.login.show()
        phases.phase("sign-in-shown")
        on_first_paint(self.login, self._first_window_shown)

    def _signed_in(self) -> None:
        self.login.deleteLater()
        self.login = None
        self.show_main()

    # -- the main window -----------------------------------------------------------------------
    def show_main(self) -> None:
        self._wait_for_warm_up()
        self.window = build_main_window(self.workspace)
        self.window.signOutRequested.connect(self._signed_out)
        self.window.settingsChanged.connect(self._settings_changed)
        self.window.restoreRequested.connect(self.restore_backup)
        self.window.closed.connect(self._window_closed)
        self.window.showMaximized() if self._screen_is_small() else self.window.show()
        phases.phase("main-window-shown")
        QTimer.singleShot(0, self._daily_backup)

    def _screen_is_small(self) -> bool:
        screen = self.app.primaryScreen()
        return screen is not None and screen.availableGeometry().width() <= 1440

    def _daily_backup(self):
        """Once a day after sign-in, through the task service with its own connection; a failure
        reaches the log and the clerk (a message, or the crash dialog for a bug)."""
        from desktop.core.store import backup
        from desktop.core.store.db import connect
        from desktop.ui.shell.tasks import Done, service

        if self.workspace is None or self.window is None:   # signed out or restoring meanwhile
            return None
        paths = self.workspace.paths

        def work(progress):
            db = connect(paths.db_path)
            try:
                made = backup.daily_if_due(db, paths.backups, progress=progress)
                return Done(made, frozenset({"backups"}) if made else frozenset())
            finally:
                db.conn.close()

        return service().run(work, parent=self.window, label=self.tr("Taking today's backup…"), cancellable=True)

    def _replace_window(self) -> None:
        self._replacing = True
        self.window.close()
        self.window.deleteLater()
        self.window = None
        self._replacing = False

    def _signed_out(self) -> None:
        self.workspace.clerk = self.workspace.clerk_role = None
        self._replace_window()
        self._shut_when_idle()
        self.show_login()

    def _shut_when_idle(self) -> None:
        """Signed out: shut the store (its key let go; the next clerk's password opens it again)
        once no task on a worker needs it, while nobody has signed in meanwhile."""
        from desktop.ui.shell.tasks import service

        if self.workspace is None or self.workspace.clerk is not None or self.window is not None:
            return
        if service().store_busy():
            QTimer.singleShot(SHUT_RETRY_MS, self._shut_when_idle)
            return
        self.workspace.shut_store()

    def _settings_changed(self) -> None:
        self.apply_preferences()
        self._replace_window()
        self.show_main()

    # -- restore -------------------------------------------------------------------------------
    def restore_backup(self, backup_file):
        """File > Restore from backup…, confirmed: close the window and the workspace, restore
        (desktop.core.workspace.restore, as `township restore`), then sign in again. Returns the
        task: the copy runs in the task service with the bytes copied in its progress dialog."""
        from PySide6.QtWidgets import QMessageBox

        clerk = self.workspace.clerk
        self._replace_window()
        from desktop.ui.shell.tasks import service

        service().wait_idle()   # no worker may hold the old file open
        self.workspace.close()  # on the GUI thread, which used it; the task opens no connection to it
        self.workspace = None

        def refused(error: UserError) -> None:   # nothing was replaced: back to the database as it was
            if self.open_store():
                self._sign_in_again(self._notice(QMessageBox.Icon.Warning, str(error.text)))

        def restored(workspace_restored) -> None:
            self.workspace = workspace_restored.workspace
            self._sign_in_again(self._notice(QMessageBox.Icon.Information, self.tr(
                "Restored from %1. The previous database is kept as %2. Sign in again.")
                .replace("%1", str(backup_file)).replace("%2", str(workspace_restored.aside))))

        def cancelled() -> None:
            if self.open_store():
                self._sign_in_again(self._notice(QMessageBox.Icon.Information, self.tr(
                    "The restore was cancelled; nothing was changed. Sign in again.")))

        return self._run_restore(backup_file, clerk, restored, refused, cancelled)

    def _run_restore(self, backup_file, clerk: str, restored, refused, cancelled):
        """The file copy (desktop.core.workspace.restore.put_in_place) in the task service, with
        the database closed; the restored one is opened on the GUI thread, which then uses it.
        Cancel works until the current database is moved aside (the core decides)."""
        from desktop.core.workspace import restore
        from desktop.ui.shell.tasks import service

        data = self.data_dir_override
        outcome = []

        def done(aside) -> None:
            outcome.append("done")
            try:
                reopened = restore.reopen(data, backup_file, clerk=clerk, aside=aside)
            except UserError as error:
                refused(error)
                return
            restored(reopened)

        def failed(error: UserError) -> None:
            outcome.append("failed")
            refused(error)

        def was_cancelled(_partial) -> None:
            outcome.append("cancelled")
            cancelled()

        def after() -> None:   # a bug in the copy (reported by the service): open whatever is there
            if not outcome and self.workspace is None and self.open_store():
                self.apply_preferences()
                self.show_login()

        return service().run(lambda progress: restore.put_in_place(data, backup_file, progress=progress),
                             label=self.tr("Restoring the backup…"), cancellable=True,
                             on_done=done, on_failed=failed, on_cancelled=was_cancelled, finally_=after)

    def _sign_in_again(self, notice) -> None:
        """After a restore (or a refused one): the store's language, the sign-in dialog, and
        `notice` on top of it."""
        self.apply_preferences()
        self.show_login()
        self.notice = notice
        notice.setParent(self.login, notice.windowFlags())
        notice.open()

    def _notice(self, icon, text: str):
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(icon, self.tr("Restore from backup"), text)
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.button(QMessageBox.StandardButton.Ok).setText(self.tr("OK"))
        return box

    def _window_closed(self) -> None:
        if not self._replacing:
            self.quit()

    def quit(self) -> None:
        if self._warm_up is not None:
            self._warm_up.future.result()
        if self.workspace is not None:
            if self.workspace.clerk:
                self.workspace.record_event("logout")
            self.workspace.close()
            self.workspace = None
        self.app.exit(self.exit_code)


def build_main_window(workspace: Workspace):
    """The main window for a signed-in clerk, sized for a 1366x768 screen and up."""
    from desktop.ui.shell.main_window import MainWindow

    window = MainWindow(workspace)
    window.resize(1280, 720)
    return window


def build_main_window_for_bench(workspace: Workspace):
    """For the start-up benchmark's probe (tests/bench/startup_probe.py): the main window as a
    signed-in clerk first sees it, without the sign-in dialog (and its warm-up) before it."""
    return build_main_window(workspace)


def run_gui(args) -> int:
    phases.phase("qt-imported")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Township Desk")
    app.setQuitOnLastWindowClosed(False)  # the controller decides when the program ends
    phases.phase("qapplication-created")
    install_crash_handler()
    controller = AppController(app, getattr(args, "data_dir", None))
    QTimer.singleShot(0, controller.start)
    code = app.exec()
    from desktop.ui.shell import tasks

    tasks.shutdown()
    return controller.exit_code or code
