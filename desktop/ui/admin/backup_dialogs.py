"""File > Back up now… (any clerk) and File > Restore from backup… (supervisor or admin).

Backing up writes a snapshot (desktop.core.store.backup.snapshot) to the backups folder or a chosen
folder such as a USB stick, on a worker thread with its own connection, and records a "backup"
event as `township backup` does. The restore dialog lists the backups in the backups folder
(automatic daily, before an update, manual) with date, kind, size and record count read from
each file read-only, or takes any file; it checks the chosen file first (a damaged one is refused
with the core's message and nothing changes), asks for confirmation saying the current database
is kept aside, and then emits `restoreChosen(path)`: the application closes the workspace and
restores it through the task service, with the bytes copied in the progress dialog
(desktop.core.workspace.restore.put_in_place and reopen, the halves `township restore` runs in one).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.core.errors import UserError
from desktop.core.store import backup
from desktop.core.store.db import connect
from desktop.core.workspace import accounts
from desktop.core.workspace import restore as workspace_restore
from desktop.ui.shell import file_dialogs
from desktop.ui.shell.messages import error_text
from desktop.ui.shell.tasks import Done, service

OK_STYLE = "color: #1b5e20; font-weight: bold;"
ERROR_STYLE = "color: #b71c1c;"


def size_text(size: int) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("RestoreDialog", "%1 MB").replace("%1", f"{size / 1_048_576:.1f}")


def kind_label(kind: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return {"daily": QCoreApplication.translate("RestoreDialog", "Daily (automatic)"),
            "premigrate": QCoreApplication.translate("RestoreDialog", "Before a program update"),
            "manual": QCoreApplication.translate("RestoreDialog", "Made by a clerk")}.get(
        kind, QCoreApplication.translate("RestoreDialog", "Other file"))


class BackupNowDialog(QDialog):
    """Write a snapshot now: to the backups folder on this PC, or to a folder the clerk picks."""

    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.written: Path | None = None
        self.setWindowTitle(self.tr("Back up now"))
        intro = QLabel(self.tr("A backup is a copy of the whole database: records, audit trail, accounts and "
                               "settings. Keep one away from this PC too, for example on a USB stick."), self)
        intro.setWordWrap(True)
        self.local_radio = QRadioButton(self.tr("To the backups folder on this PC:"), self)
        self.local_radio.setChecked(True)
        local_path = QLabel(str(workspace.paths.backups), self)
        local_path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.other_radio = QRadioButton(self.tr("To another folder (a USB stick):"), self)
        group = QButtonGroup(self)
        group.addButton(self.local_radio)
        group.addButton(self.other_radio)
        self.folder_edit = QLineEdit(self)
        self.folder_edit.textEdited.connect(lambda _text: self.other_radio.setChecked(True))
        self.choose_button = QPushButton(self.tr("&Choose…"), self)
        self.choose_button.clicked.connect(self.choose_folder)
        grid = QGridLayout()
        grid.addWidget(self.local_radio, 0, 0, 1, 2)
        grid.addWidget(local_path, 1, 0, 1, 2)
        grid.addWidget(self.other_radio, 2, 0, 1, 2)
        grid.addWidget(self.folder_edit, 3, 0)
        grid.addWidget(self.choose_button, 3, 1)
        grid.setColumnMinimumWidth(0, 20)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(self)
        self.backup_button = self.buttons.addButton(self.tr("&Back up"), QDialogButtonBox.ButtonRole.ActionRole)
        self.backup_button.setDefault(True)
        self.backup_button.clicked.connect(self.back_up)
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Close"))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def choose_folder(self) -> None:
        folder = file_dialogs.choose_folder(self, self.tr("Back up to which folder?"), self.workspace)
        if folder:
            self.folder_edit.setText(str(folder))
            self.other_radio.setChecked(True)

    def target(self) -> Path | None:
        if self.local_radio.isChecked():
            return self.workspace.paths.backups
        text = self.folder_edit.text().strip()
        return Path(text) if text else None

    def back_up(self) -> None:
        folder = self.target()
        if folder is None:
            self._say(self.tr("Choose the folder first."), ERROR_STYLE)
            return
        db_path = self.workspace.paths.db_path

        def work(progress):
            db = connect(db_path, readonly=True)   # the GUI keeps its own connection meanwhile
            try:
                return Done(backup.snapshot(db, folder, "manual", progress=progress), frozenset({"backups"}))
            finally:
                db.conn.close()

        self.backup_button.setEnabled(False)
        service().run(work, parent=self, label=self.tr("Writing the backup…"), cancellable=True,
                      on_done=self._written, on_failed=self._failed, on_cancelled=self._cancelled,
                      finally_=lambda: self.backup_button.setEnabled(True))

    def _written(self, path: Path) -> None:
        self.written = path
        self.workspace.record_event("backup", details={"file": path.name})
        self.backup_button.setEnabled(True)
        self._say(self.tr("Backup written: %1").replace("%1", str(path)), OK_STYLE)

    def _failed(self, error: Exception) -> None:
        self._say(error_text(error), ERROR_STYLE)

    def _cancelled(self, _partial) -> None:
        self._say(self.tr("Cancelled: no backup was written."), ERROR_STYLE)

    def _say(self, text: str, style: str) -> None:
        self.message.setStyleSheet(style)
        self.message.setText(text)


class RestoreDialog(QDialog):
    """Pick a backup, have it checked, confirm; emits restoreChosen(path) and closes.

    With a `workspace`, its clerk must be allowed to restore (checked here). Without one - the
    current database is too damaged to open - `paths` names the data folder, and after the
    confirmation a supervisor or administrator signs in against the chosen backup's own accounts
    (BackupSignInDialog). `restorer` is who restores, for the "restore" audit event."""

    restoreChosen = Signal(object)

    def __init__(self, workspace, parent=None, *, paths=None):
        super().__init__(parent)
        if workspace is not None:
            accounts.require(workspace.clerk_role, "restore")
        self.workspace = workspace
        self.paths = workspace.paths if workspace is not None else paths
        self.restorer = workspace.clerk if workspace is not None else None
        self.sign_in: BackupSignInDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self.checking = False
        self.recovery_prompt = None   # another PC's backup: the question for its recovery key
        self.setWindowTitle(self.tr("Restore from backup"))
        intro = QLabel(self.tr("Choose the backup to go back to. The current database is not deleted: it is "
                               "kept aside in the data folder, so a restore can be undone."), self)
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([self.tr("Taken"), self.tr("Kind"), self.tr("Size"), self.tr("Records")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)     # the kind; numbers stay narrow
        self.table.itemSelectionChanged.connect(self.update_actions)
        self.table.itemActivated.connect(lambda _item: self.restore_selected())
        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.buttons = QDialogButtonBox(self)
        self.file_button = self.buttons.addButton(self.tr("Choose a &file…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.file_button.clicked.connect(self.choose_file)
        self.restore_button = self.buttons.addButton(self.tr("&Restore…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self.restore_selected)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(620, 440)
        self.reload()

    def reload(self) -> None:
        self.backups = backup.describe_folder(self.paths.backups)
        self.table.setRowCount(len(self.backups))
        for row, info in enumerate(self.backups):
            cells = [info.taken_at.strftime("%Y-%m-%d %H:%M"), kind_label(info.kind), size_text(info.size),
                     self.tr("unreadable") if info.records is None else str(info.records)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.empty_label.setText("" if self.backups else self.tr(
            "No backups in %1 yet. Use \"Choose a file…\" for a backup elsewhere, e.g. on a USB stick.")
            .replace("%1", str(self.paths.backups)))
        self.empty_label.setVisible(not self.backups)
        if self.backups:
            self.table.selectRow(0)
        self.update_actions()

    def update_actions(self) -> None:
        self.restore_button.setEnabled(not self.checking and bool(self.table.selectedItems()))
        self.file_button.setEnabled(not self.checking)

    def selected_path(self) -> Path | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()].path if rows else None

    def restore_selected(self) -> None:
        path = self.selected_path()
        if path is not None:
            self.check_then_confirm(path)

    def choose_file(self) -> None:
        name = file_dialogs.open_file(self, self.tr("Restore which backup file?"),
                                      self.tr("Backups (*.db);;All files (*)"), None, self.paths.backups)
        if name:
            self.check_then_confirm(Path(name))

    def check_then_confirm(self, path: Path) -> None:
        """Check the file on a worker thread (integrity check of the whole file), then ask."""
        self.message.clear()
        self.checking = True
        self.update_actions()

        def finished():
            self.checking = False
            self.update_actions()

        service().run(lambda progress: self._check(path), parent=self, label=self.tr("Checking the backup…"),
                      uses_store=False, on_done=self.confirm,
                      on_failed=lambda error: self._check_failed(path, error), finally_=finished)

    def _check_failed(self, path: Path, error) -> None:
        # the check said: encrypted under a key this process does not hold; with a recovery wrap
        # beside it, that is another installation's backup, which its recovery key opens
        if getattr(error, "code", None) == "foreign-key" and backup.keyring_beside(path).is_file():
            self.ask_recovery_key(path)   # another PC's backup: its recovery key opens it
            return
        self.message.setText(error_text(error))

    def ask_recovery_key(self, path: Path):
        """Another installation's backup: ask for that installation's recovery key, then check it
        again (desktop.core.workspace.restore.open_foreign_backup). Returned open, for tests."""
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Backup from another PC"))
        dialog.setLabelText(self.tr("This backup was taken on another installation. Type that installation's "
                                    "recovery key (kept in the office safe) to open it."))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.setOkButtonText(self.tr("Open the backup"))
        dialog.setCancelButtonText(self.tr("Cancel"))

        def given(text: str) -> None:
            from desktop.core.workspace import restore as restoring

            if restoring.open_foreign_backup(path, text):
                self.check_then_confirm(path)
            else:
                self.message.setText(self.tr("That recovery key does not open this backup."))

        dialog.textValueSelected.connect(given)
        dialog.open()
        self.recovery_prompt = dialog
        return dialog

    @staticmethod
    def _check(path: Path) -> backup.BackupInfo:
        backup.check_backup_file(path)
        return backup.describe(path)

    def confirm(self, info: backup.BackupInfo) -> QMessageBox:
        """Ask before restoring; non-blocking (the box is `self.confirm_box`)."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Restore from backup"), "", parent=self)
        box.setText(self.tr("Restore the backup taken %1 (%2 records)?").replace(
            "%1", info.taken_at.strftime("%Y-%m-%d %H:%M")).replace("%2", str(info.records)))
        box.setInformativeText(self.tr(
            "Changes made after that backup will no longer show. The current database is not deleted: it is kept "
            "in the data folder under a name beginning with township.db.replaced-, so this can be undone.\n\n"
            "The program closes the records, restores the backup and asks you to sign in again."))
        restore = box.addButton(self.tr("Restore"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.buttonClicked.connect(lambda button: self._confirmed(info.path) if button is restore else None)
        self.confirm_box = box
        box.open()
        return box

    def _confirmed(self, path: Path) -> None:
        if self.workspace is None:   # nobody signed in: ask the backup who may restore it
            self.sign_in = BackupSignInDialog(path, self)
            self.sign_in.accepted.connect(lambda: self._restore_as(path, self.sign_in.clerk))
            self.sign_in.open()
            return
        self._restore_as(path, self.restorer)

    def _restore_as(self, path: Path, clerk: str) -> None:
        self.restorer = clerk
        self.accept()
        self.restoreChosen.emit(path)


class BackupSignInDialog(QDialog):
    """Who restores, checked against the backup's own accounts: the current database cannot be
    opened, so its accounts cannot be asked (desktop.core.workspace.restore.sign_in_to_backup)."""

    def __init__(self, backup_file: Path, parent=None):
        super().__init__(parent)
        self.backup_file = Path(backup_file)
        self.clerk: str | None = None
        self.setWindowTitle(self.tr("Who is restoring?"))
        intro = QLabel(self.tr("The current database cannot be opened. A supervisor or an administrator "
                               "signs in as they could when the backup was taken."), self)
        intro.setWordWrap(True)
        self.name_combo = QComboBox(self)
        for name in workspace_restore.clerks_in(self.backup_file):
            self.name_combo.addItem(name, name)
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        form = QFormLayout()
        form.addRow(self.tr("Clerk:"), self.name_combo)
        form.addRow(self.tr("Password:"), self.password_edit)
        buttons = QDialogButtonBox(self)
        ok = buttons.addButton(self.tr("Restore"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        self.password_edit.setFocus()

    def try_accept(self) -> bool:
        try:
            self.clerk = workspace_restore.sign_in_to_backup(self.backup_file, self.name_combo.currentData() or "",
                                                  self.password_edit.text())
        except UserError as error:
            self.message.setText(error_text(error))
            self.password_edit.selectAll()
            return False
        self.accept()
        return True
