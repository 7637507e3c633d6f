"""The township's Sync page: what waits for the county, and the stick.

Shows the unsent changes - the county has not acknowledged them; the status bar's number, in the
same words - split into records and messages, and the last bundle and acknowledgement (from
desktop.core.sync.status). Until the clerk does something, the result panel says what to do next. A watcher notices a USB stick (or the configured shared folder) holding
the sync folder `TownshipDesk/` and offers to export to it and to pick up the county's return
bundles there. "Export to a folder…" and "Import…" work with any folder or file. Export and import
run on a worker thread; "safe to remove" is said only after the core has written the bundle, read
it back and verified it, and a failure (read-only or full stick) marks nothing as sent.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from desktop.core.errors import UserError
from desktop.core.sync import incoming, outgoing, status, stick, trust
from desktop.ui.shell import file_dialogs
from desktop.ui.shell.formatting import short_time
from desktop.ui.shell.wrapping_row import keep_wrapped_height
from desktop.ui.sync.hub_box import HubBox, result_and_network_tabs
from desktop.ui.sync.sync_common import ResultPanel, StickPage, run_sync_work


class SyncPage(StickPage):
    def __init__(self, workspace, parent=None):
        super().__init__(workspace, parent)
        self.returns: list[Path] = []
        self.pack_dialog = None     # the phone check of a county pack being loaded
        self.state: status.TownshipState | None = None

        state_box = QGroupBox(self.tr("Waiting for the county"), self)
        self.unsent = QLabel(state_box)
        self.pending_records = QLabel(state_box)
        self.pending_items = QLabel(state_box)
        self.last_export = QLabel(state_box)
        self.last_ack = QLabel(state_box)
        self.refused = QLabel(state_box)
        self.county_key = QLabel(state_box)
        self.county_key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.county_key.setWordWrap(True)   # "not loaded: import the county pack" fits 175 % text
        form = QFormLayout(state_box)
        unsent_label = QLabel(self.tr("Unsent changes:"), state_box)
        unsent_label.setToolTip(self.tr("Changes the county has not yet acknowledged: they go in the next bundle."))
        form.addRow(unsent_label, self.unsent)
        form.addRow(self.tr("    of which records:"), self.pending_records)
        form.addRow(self.tr("    of which messages:"), self.pending_items)
        form.addRow(self.tr("Last bundle written:"), self.last_export)
        form.addRow(self.tr("Last acknowledgement:"), self.last_ack)
        form.addRow(self.tr("Records the county refused:"), self.refused)
        form.addRow(self.tr("County key:"), self.county_key)

        self.export_drive_button = QPushButton(self.tr("Export to the stick"), self)
        self.export_drive_button.clicked.connect(self.export_to_drive)
        self.pickup_button = QPushButton(self)
        self.pickup_button.clicked.connect(self.pick_up_returns)
        drive_box = self._drive_box(self.tr("USB stick"), [self.export_drive_button, self.pickup_button])

        other_box = QGroupBox(self.tr("Other folders and files"), self)
        self.export_folder_button = QPushButton(self.tr("Export to a folder…"), other_box)
        self.export_folder_button.clicked.connect(self.choose_export_folder)
        self.import_button = QPushButton(self.tr("Import return bundles or county pack…"), other_box)
        self.import_button.clicked.connect(self.choose_import_files)
        self.enrollment_button = QPushButton(self.tr("Write enrollment file…"), other_box)
        self.enrollment_button.setToolTip(self.tr("The county enrolls this PC's keys from this file"))
        self.enrollment_button.clicked.connect(self.choose_enrollment_folder)
        self.shared_label = QLabel(other_box)
        keep_wrapped_height(self.shared_label)
        self.shared_button = QPushButton(self.tr("Use a shared folder…"), other_box)
        self.shared_button.clicked.connect(self.choose_shared_folder)
        self.unshare_button = QPushButton(self.tr("Stop using it"), other_box)
        self.unshare_button.clicked.connect(lambda: self.set_shared_folder(None))
        grid = QGridLayout(other_box)
        # two columns, so the page fits beside the navigation at 1366x768 in large text too
        grid.addWidget(self.export_folder_button, 0, 0)
        grid.addWidget(self.enrollment_button, 0, 1)
        grid.addWidget(self.import_button, 1, 0, 1, 2)
        grid.addWidget(self.shared_label, 2, 0, 1, 2)
        shared_buttons = QHBoxLayout()
        shared_buttons.addWidget(self.shared_button)
        shared_buttons.addWidget(self.unshare_button)
        shared_buttons.addStretch(1)
        grid.addLayout(shared_buttons, 3, 0, 1, 2)
        grid.setColumnStretch(3, 1)

        self.result = ResultPanel(self)

        top = QHBoxLayout()
        top.addWidget(state_box, 1)
        right = QVBoxLayout()
        right.addWidget(drive_box)
        right.addWidget(other_box)
        top.addLayout(right, 1)
        self.hub_box = HubBox(workspace, self)   # the same bundles by network, when a hub is set
        self.tabs = result_and_network_tabs(self, self.result, self.hub_box)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

        self._watch_drives()
        self.refresh()

    def title(self) -> str:
        return self.tr("Sync")

    # -- state ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.hub_box.refresh()
        ws = self.workspace
        state = status.township_state(ws.db, ws.township)
        self.state = state
        self.unsent.setText(str(state.pending))
        self.pending_records.setText(str(state.pending_records))
        self.pending_items.setText(str(state.pending_items))
        never = self.tr("none yet")
        self.last_export.setText(self.tr("No. %1, %2").replace("%1", str(state.last_export_sequence))
                                 .replace("%2", short_time(state.last_export_at))
                                 if state.last_export_sequence else never)
        self.last_ack.setText(self.tr("up to bundle No. %1, received %2").replace("%1", str(state.last_ack_sequence))
                              .replace("%2", short_time(state.last_ack_at))
                              if state.last_ack_sequence else never)
        self.refused.setText(str(state.records_refused))
        county = [row for row in trust.enrolled(ws.db, status="active") if row["role"] == "county"]
        self.county_key.setText(self.tr("not loaded: import the county pack") if not county
                                else self.tr("loaded (%1)").replace("%1", county[-1]["fingerprint"][:19] + "…"))
        shared = ws.setting(stick.SYNC_FOLDER_SETTING)
        self.shared_label.setText(self.tr("Shared sync folder: %1").replace("%1", shared) if shared
                                  else self.tr("Shared sync folder: none (a network share can be used like a stick)"))
        self.unshare_button.setEnabled(bool(shared))
        self._look_in_folder()
        self.update_actions()

    def _look_in_folder(self) -> None:
        found = self.folder()
        self.returns = stick.new_return_bundles(self.workspace.db, found.path, self.workspace.township) if found else []

    def update_actions(self) -> None:
        found = self.folder()
        if found is None:
            self.drive_label.setText(self.tr("No stick with a %1 folder is plugged in. Plug in the county's stick, "
                                             "or use \"Export to a folder…\".").replace("%1", stick.SYNC_FOLDER_NAME))
        elif found.read_only:
            self.drive_label.setText(self.tr("Found %1, but it is write-protected: slide the lock on the stick "
                                             "and plug it in again.").replace("%1", str(found.path)))
        elif found.configured:
            self.drive_label.setText(self.tr("Using the shared sync folder %1.").replace("%1", str(found.path)))
        else:
            self.drive_label.setText(self.tr("Found the sync folder on %1: %2").replace("%1", found.label)
                                     .replace("%2", str(found.path)))
        self.pickup_button.setText(self.tr("Pick up return bundles (%1)").replace("%1", str(len(self.returns))))
        for button in (self.export_folder_button, self.import_button, self.enrollment_button):
            button.setEnabled(not self.busy)
        self.export_drive_button.setEnabled(not self.busy and found is not None)
        self.pickup_button.setEnabled(not self.busy and bool(self.returns))
        self.result.show_next_step(self.next_step())

    def next_step(self) -> str:
        """The one thing to do now, from what is waiting and what is plugged in."""
        pending = self.state.pending if self.state else 0
        export = self.tr("\"Export to a folder…\"")
        if self.folder() is None:
            if pending:
                return (self.tr("%1 unsent changes. Plug in the USB stick that has the %2 folder and press "
                                "\"Export to the stick\", or use %3.").replace("%1", str(pending))
                        .replace("%2", stick.SYNC_FOLDER_NAME).replace("%3", export))
            return (self.tr("Nothing to send: the county has acknowledged every change. When the county's stick "
                            "comes back, plug it in (the one with the %1 folder) to pick up its return bundles; "
                            "to write a bundle anyway, use %2.").replace("%1", stick.SYNC_FOLDER_NAME)
                    .replace("%2", export))
        if self.returns:
            return self.tr("Press \"Pick up return bundles\": the county's answer is on the stick.")
        if pending:
            return self.tr("Press \"Export to the stick\" to write the %1 unsent changes.").replace("%1", str(pending))
        return self.tr("Nothing to do: the county has acknowledged every change.")

    # -- export --------------------------------------------------------------------------------
    def export_to_drive(self) -> None:
        if self.folder() is not None:
            self.export_to(self.folder().path)

    def choose_export_folder(self) -> None:
        if not self.county_key_loaded():    # said before the folder is chosen, not after
            self.show_not_enrolled()
            return
        folder = file_dialogs.choose_folder(self, self.tr("Export to which folder?"), self.workspace,
                                            self.folder().path if self.folder() else None)
        if folder:
            self.export_to(folder)

    def county_key_loaded(self) -> bool:
        return bool(trust.active_recipients(self.workspace.db, self.workspace.county))

    def show_not_enrolled(self) -> None:
        self.result.show_error(self.tr(
            "Nothing can be sent yet: this PC has not loaded the county pack yet. Ask the county for it "
            "on a stick, press \"Import…\", choose the pack and compare its number with the county by phone."))

    def export_to(self, folder: Path) -> None:
        if not self.county_key_loaded():
            self.show_not_enrolled()
            return
        clerk = self.workspace.clerk

        def work(db, paths, progress):
            return outgoing.export_township(db, paths, Path(folder), clerk=clerk, progress=progress)

        run_sync_work(self, self.tr("Writing and checking the bundle…"), work, self._exported, self.result.show_failure,
                      cancellable=True)

    def _exported(self, written) -> None:
        if written is None:
            self.result.show_ok(self.tr("Nothing to send: the county has acknowledged every change."))
            return
        counts = written.counts
        self.result.show_ok(
            self.tr("Bundle No. %1 written and checked on the drive: safe to remove.").replace("%1", str(written.sequence)),
            [self.tr("File: %1").replace("%1", str(written.path)),
             self.tr("Records: %1, trail entries: %2, messages: %3").replace("%1", str(counts.get("records", 0)))
             .replace("%2", str(counts.get("audit", 0))).replace("%3", str(counts.get("items", 0)))])

    # -- import --------------------------------------------------------------------------------
    def pick_up_returns(self) -> None:
        if self.returns:
            self.import_files(list(self.returns))

    def choose_import_files(self) -> None:
        files = file_dialogs.open_files(self, self.tr("Import which files?"), self.tr("Sync files (*.tdb *.tdpack)"),
                                        self.workspace, self.folder().path if self.folder() else None)
        if files:
            self.import_files(files)

    def import_files(self, files: list[Path]) -> None:
        """Load county packs (each with the phone check of its number, unless its key is already
        trusted), then check and apply the bundles."""
        packs = [Path(f) for f in files if Path(f).suffix == ".tdpack"]
        bundles = [f for f in files if Path(f).suffix != ".tdpack"]
        self._load_packs(packs, bundles, [])

    def _load_packs(self, packs: list[Path], bundles: list, lines: list) -> None:
        from desktop.core.sync import enrollment
        from desktop.ui.sync.pack_check import PackCheckDialog, needs_phone_check

        while packs:
            path = packs.pop(0)
            try:
                data = path.read_bytes()
                pack = enrollment.read_county_pack(data)
            except UserError as error:
                self.result.show_failure(error)
                return
            except OSError:
                self.result.show_error(self.tr("Cannot read %1").replace("%1", str(path)))
                return
            if needs_phone_check(self.workspace.db, pack):
                dialog = PackCheckDialog(pack, self)
                dialog.accepted.connect(lambda data=data: self._pack_confirmed(data, packs, bundles, lines))
                dialog.rejected.connect(lambda: self.result.show_error(self.tr(
                    "The county pack was not loaded: its number was not confirmed by phone.")))
                dialog.finished.connect(dialog.deleteLater)
                self.pack_dialog = dialog
                dialog.open()
                return
            if not self._enroll_pack(data, lines):
                return
        self._import_bundles(bundles, lines)

    def _pack_confirmed(self, data: bytes, packs: list, bundles: list, lines: list) -> None:
        self.pack_dialog = None
        if self._enroll_pack(data, lines):
            self._load_packs(packs, bundles, lines)

    def _enroll_pack(self, data: bytes, lines: list) -> bool:
        try:
            lines.append(str(trust.enroll_file(self.workspace.db, self.workspace.paths, data).describe()))
        except UserError as error:
            self.result.show_failure(error)
            return False
        return True

    def _import_bundles(self, bundles: list, lines: list) -> None:
        if not bundles:
            self.result.show_ok(self.tr("County pack loaded."), lines)
            self.refresh()
            return
        clerk = self.workspace.clerk

        def work(db, paths, progress):
            return incoming.import_files(db, paths, bundles, clerk=clerk, progress=progress)

        run_sync_work(self, self.tr("Checking and applying bundles…"), work, self._imported, self.result.show_failure,
                      cancellable=True)

    def _imported(self, outcomes) -> None:
        applied = sum(o.outcome == "applied" for o in outcomes)
        refused = sum(not o.ok for o in outcomes)
        self.result.show_outcomes(self.tr("Bundles applied: %1; refused: %2.").replace("%1", str(applied))
                                  .replace("%2", str(refused)), outcomes)

    # -- keys and settings ---------------------------------------------------------------------
    def choose_enrollment_folder(self) -> None:
        folder = file_dialogs.choose_folder(self, self.tr("Write the enrollment file to which folder?"),
                                            self.workspace, self.folder().path if self.folder() else None)
        if folder:
            self.write_enrollment(folder)

    def write_enrollment(self, folder: Path) -> None:
        self._write_keys(folder, self.tr("Enrollment file written. Take it to the county and read them this number "
                                         "by phone: %1"))

    def choose_shared_folder(self) -> None:
        folder = file_dialogs.choose_folder(self, self.tr("Which shared folder holds the sync files?"), self.workspace)
        if folder:
            self.set_shared_folder(folder)

    def set_shared_folder(self, folder) -> None:
        self.workspace.put_setting(stick.SYNC_FOLDER_SETTING, str(folder) if folder else None)
        self.watcher.poll()
        self.refresh()
