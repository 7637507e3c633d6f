"""Pieces both sync pages use: running sync work on a worker thread with its own database
connection, a result panel that lists what happened to each file (with the reason for every
refusal) and says plainly when a stick is safe to remove, and StickPage - watching for the stick
(or the shared folder), its box on the page, and writing this installation's keys to a folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import UserError
from desktop.core.store.db import connect
from desktop.core.sync import stick, trust
from desktop.ui.shell.messages import error_text
from desktop.ui.shell.tasks import service
from desktop.ui.sync.drive_watcher import DriveWatcher

OK_STYLE = "QLabel { color: #1b5e20; font-weight: bold; }"
ERROR_STYLE = "QLabel { color: #b71c1c; font-weight: bold; }"


def on_own_connection(paths, work):
    """A task-service job running `work(db, paths, progress)` on a connection of its own (the GUI
    keeps its own). Settings it changes reach the GUI's copy only by `workspace.reload_settings()`
    once it is over."""

    def job(progress):
        db = connect(paths.db_path)
        try:
            return work(db, paths, progress)
        finally:
            db.conn.close()

    return job


def run_sync_work(page, label: str, work, on_done, on_error, *, cancellable: bool = False):
    """`work(db, paths, progress)` through the task service with its own connection; a UserError
    goes to `on_error`, a cancelled run to the page's result panel."""
    paths = page.workspace.paths
    job = on_own_connection(paths, work)

    page.busy = True
    page.update_actions()

    def finish():
        page.busy = False
        # the work ran on a connection of its own and may have changed settings (a county pack
        # bringing the hub's address): the page reads them from the workspace's copy
        page.workspace.reload_settings()
        page.refresh()

    return service().run(job, parent=page, label=label, on_done=on_done, on_failed=on_error,
                         on_cancelled=page.result.show_cancelled, finally_=finish, cancellable=cancellable,
                         changed=("sync", "records", "corrections"))


class ResultPanel(QGroupBox):
    """The outcome of the last sync action: a headline and one line per file. Before any action
    the page may show the next step here instead (`show_next_step`)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Result of the last action"))
        self.headline = QLabel(self)
        self.headline.setWordWrap(True)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QListWidget(self)
        self.details.setWordWrap(True)
        self.details.setAlternatingRowColors(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.details, 1)
        self.clear()

    def clear(self) -> None:
        self.idle = True
        self.setTitle(self.tr("Result of the last action"))
        self.headline.setStyleSheet("")
        self.headline.setText(self.tr("Nothing done yet in this session."))
        self.details.clear()

    def show_next_step(self, text: str) -> None:
        """What to do next, while no action has been done in this session."""
        if self.idle:
            self.setTitle(self.tr("Next step"))
            self.headline.setText(text)

    def _done(self) -> None:
        self.idle = False
        self.setTitle(self.tr("Result of the last action"))

    def show_ok(self, headline: str, lines=()) -> None:
        self._done()
        self.headline.setStyleSheet(OK_STYLE)
        self.headline.setText(headline)
        self._fill(lines)

    def show_error(self, headline: str, lines=()) -> None:
        self._done()
        self.headline.setStyleSheet(ERROR_STYLE)
        self.headline.setText(headline)
        self._fill(lines)

    def show_failure(self, error: Exception) -> None:
        self.show_error(error_text(error))

    def show_cancelled(self, outcomes=None) -> None:
        """Cancelled: what was being applied was rolled back; files done before it are listed."""
        self.show_error(self.tr("Cancelled. What was being written was undone; nothing of it was kept."))
        if outcomes:
            self.show_outcomes(self.tr("Cancelled. The bundle being applied was undone; the bundles before it "
                                       "were applied:"), outcomes)

    def show_outcomes(self, headline: str, outcomes) -> None:
        """Per file: applied / already imported / refused with its reason (from the core)."""
        refused = [o for o in outcomes if not o.ok]
        (self.show_error if refused else self.show_ok)(headline)
        style = self.style()
        for outcome in outcomes:
            item = QListWidgetItem(str(outcome.describe()))
            icon = QStyle.StandardPixmap.SP_DialogApplyButton if outcome.ok else QStyle.StandardPixmap.SP_MessageBoxWarning
            item.setIcon(style.standardIcon(icon))
            item.setData(Qt.ItemDataRole.UserRole, outcome.outcome)
            self.details.addItem(item)

    def _fill(self, lines) -> None:
        self.details.clear()
        for line in lines:
            self.details.addItem(str(line))

    def lines(self) -> list[str]:
        return [self.details.item(i).text() for i in range(self.details.count())]


class StickPage(QWidget):
    """A sync page that follows the sync folder on a plugged-in stick or the configured shared
    folder. A subclass lists what that folder offers (`_look_in_folder`), enables its buttons
    (`update_actions`) and shows its result panel as `self.result`; its texts stay its own."""

    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.busy = False
        self.folders: list[stick.SyncFolder] = []

    def _drive_box(self, title: str, buttons) -> QGroupBox:
        """The stick's box: `self.drive_label` (what was found) above a row of `buttons`."""
        box = QGroupBox(title, self)
        self.drive_label = QLabel(box)
        self.drive_label.setWordWrap(True)
        layout = QVBoxLayout(box)
        layout.addWidget(self.drive_label)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        return box

    def _watch_drives(self) -> None:
        self.watcher = DriveWatcher(lambda: self.workspace.setting(stick.SYNC_FOLDER_SETTING), self)
        self.watcher.changed.connect(self.set_folders)
        self.watcher.start()

    def _look_in_folder(self) -> None:
        raise NotImplementedError

    def update_actions(self) -> None:
        raise NotImplementedError

    def set_folders(self, folders) -> None:
        self.folders = list(folders)
        self._look_in_folder()
        self.update_actions()

    def folder(self) -> stick.SyncFolder | None:
        return self.folders[0] if self.folders else None

    def _write_keys(self, folder: Path, headline: str) -> None:
        """This installation's public keys to `folder`; `headline`'s %1 is the number read by phone."""
        try:
            written = trust.export_keys(self.workspace.db, self.workspace.paths, folder)
        except UserError as error:
            self.result.show_failure(error)
            return
        public = trust.install_keys(self.workspace.paths).public()
        self.result.show_ok(headline.replace("%1", public.short_fingerprint), [str(path) for path in written])

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.watcher.stop()
        super().closeEvent(event)
