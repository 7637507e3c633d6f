"""The county's Sync page: every township of the county and what arrived from it, and the actions
around the stick - import bundles, write return bundles, enroll a township, export the county
pack, revoke a lost township key (admin only, with a reason).

The rules are the sync core's (desktop.core.sync); this page only gathers the files and shows the
outcomes: per bundle applied, already imported or refused with the reason. Imports and return
bundles run on a worker thread with their own database connection.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import UserError
from desktop.core.sync import enrollment, incoming, outgoing, province_trust, status, stick, trust
from desktop.core.workspace import accounts
from desktop.ui.entry.reason_dialogs import ReasonDialog
from desktop.ui.shell import file_dialogs
from desktop.ui.shell.formatting import counted, division_name
from desktop.ui.sync import province_actions
from desktop.ui.sync.compare_number_dialog import CompareNumberDialog
from desktop.ui.sync.county_sync_model import CountyTownshipsModel
from desktop.ui.sync.hub_box import HubBox, result_and_network_tabs
from desktop.ui.sync.sync_common import ResultPanel, StickPage, run_sync_work


class EnrollDialog(CompareNumberDialog):
    """Shows a township's fingerprint to compare by phone before its keys are enrolled."""

    def __init__(self, document: enrollment.Enrollment, replacing: str | None, parent=None):
        self.document = document
        super().__init__(
            parent, title=self.tr("Enroll a township"),
            intro=self.tr("Call the township and ask them to read the number shown on their Sync page. "
                          "Enroll only if every digit matches."),
            rows=[(self.tr("Township:"), f"{document.township} {division_name(document.township)}"),
                  (self.tr("Clerk:"), document.clerk)],
            short=document.keys.short_fingerprint, number_label=self.tr("Number to compare:"),
            full_label=self.tr("Full fingerprint:"), fingerprint=document.keys.fingerprint,
            confirm=self.tr("The township read me the same number"),
            replace=(self.tr("Replace the key enrolled now (%1…); it will be revoked").replace("%1", replacing[:19])
                     if replacing is not None else None),
            enroll=self.tr("Enroll"), cancel=self.tr("Cancel"))


class CountySyncPage(StickPage):
    def __init__(self, workspace, parent=None):
        super().__init__(workspace, parent)
        self.incoming: list[Path] = []
        self.enroll_dialog: EnrollDialog | None = None

        self.model = CountyTownshipsModel(workspace.db, self, paths=workspace.paths)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the name takes the spare width
        header.setMinimumSectionSize(80)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.update_actions())
        self.summary = QLabel(self)

        self.import_drive_button = QPushButton(self)
        self.import_drive_button.clicked.connect(self.import_from_drive)
        self.returns_drive_button = QPushButton(self.tr("Write return bundles to the stick"), self)
        self.returns_drive_button.clicked.connect(self.write_returns_to_drive)
        drive_box = self._drive_box(self.tr("USB stick"), [self.import_drive_button, self.returns_drive_button])

        actions_box = QGroupBox(self.tr("Files and keys"), self)
        self.import_button = QPushButton(self.tr("Import bundles…"), actions_box)
        self.import_button.clicked.connect(self.choose_import_files)
        self.returns_button = QPushButton(self.tr("Write return bundles to a folder…"), actions_box)
        self.returns_button.clicked.connect(self.choose_returns_folder)
        self.enroll_button = QPushButton(self.tr("Enroll a township…"), actions_box)
        self.enroll_button.clicked.connect(self.choose_enrollment_file)
        self.pack_button = QPushButton(self.tr("Export the county pack…"), actions_box)
        self.pack_button.clicked.connect(self.choose_pack_folder)
        self.province_pack_button = QPushButton(self.tr("Enroll the province pack…"), actions_box)
        self.province_pack_button.clicked.connect(lambda: province_actions.choose_province_pack(self))
        self.province_send_button = QPushButton(self.tr("Send this month to the province"), actions_box)
        self.province_send_button.setToolTip(self.tr("Each township's figures and a keyed code of each person "
                                                     "(never an ID or a name): onto the stick when one is plugged "
                                                     "in, and by network when a link exists"))
        self.province_send_button.clicked.connect(lambda: province_actions.send_month(self))
        self.province_dialog = None
        self.revoke_button = QPushButton(self.tr("Revoke the selected township's key…"), actions_box)
        self.revoke_button.clicked.connect(self.ask_revoke)
        self.revoke_button.setVisible(workspace.clerk_role in accounts.PERMISSIONS["revoke_keys"])
        grid = QGridLayout(actions_box)
        grid.addWidget(self.import_button, 0, 0)
        grid.addWidget(self.returns_button, 0, 1)
        grid.addWidget(self.enroll_button, 1, 0)
        grid.addWidget(self.pack_button, 1, 1)
        grid.addWidget(self.province_pack_button, 2, 0)
        grid.addWidget(self.province_send_button, 2, 1)
        grid.addWidget(self.revoke_button, 3, 0, 1, 2)

        self.result = ResultPanel(self)

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table, 1)
        top_layout.addWidget(self.summary)
        bottom = QWidget(self)
        bottom_layout = QHBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        side = QVBoxLayout()
        side.addWidget(drive_box)
        side.addWidget(actions_box)
        side.addStretch(1)
        bottom_layout.addLayout(side, 2)
        self.hub_box = HubBox(workspace, self)   # the same bundles by network, when a hub is set
        self.tabs = result_and_network_tabs(self, self.result, self.hub_box)
        bottom_layout.addWidget(self.tabs, 3)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._watch_drives()
        self.refresh()

    def title(self) -> str:
        return self.tr("Sync")

    # -- state ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.hub_box.refresh()
        selected = self.selected_code()
        self.model.reload()
        if selected:
            for row in range(self.model.rowCount()):
                if self.model.row(row).code == selected:
                    self.table.selectRow(row)
        report = status.county_status(self.workspace.db)
        enrolled = sum(row.key_state == "enrolled" for row in self.model.rows)
        self.summary.setText(self.tr("%1 of %2 townships enrolled. Resident IDs registered by two townships: %3. "
                                     "Refused bundles whose sender could not be verified: %4.")
                             .replace("%1", str(enrolled)).replace("%2", str(self.model.rowCount()))
                             .replace("%3", str(report["resident_conflicts"]))
                             .replace("%4", str(report["unattributed_refusals"])))
        self._look_in_folder()
        self.update_actions()

    def selected_code(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.row(rows[0].row()).code if rows else None

    def _look_in_folder(self) -> None:
        found = self.folder()
        self.incoming = stick.new_data_bundles(self.workspace.db, found.path) if found else []

    def update_actions(self) -> None:
        found = self.folder()
        if found is None:
            self.drive_label.setText(self.tr("No stick with a %1 folder is plugged in.").replace("%1", stick.SYNC_FOLDER_NAME))
        elif found.read_only:
            self.drive_label.setText(self.tr("Found %1, but it is write-protected: bundles can be imported, "
                                             "return bundles cannot be written.").replace("%1", str(found.path)))
        elif found.configured:
            self.drive_label.setText(self.tr("Using the shared sync folder %1.").replace("%1", str(found.path)))
        else:
            self.drive_label.setText(self.tr("Found the sync folder on %1: %2").replace("%1", found.label)
                                     .replace("%2", str(found.path)))
        self.import_drive_button.setText(self.tr("Import new bundles from the stick (%1)")
                                         .replace("%1", str(len(self.incoming))))
        self.import_drive_button.setEnabled(not self.busy and bool(self.incoming))
        self.returns_drive_button.setEnabled(not self.busy and found is not None)
        for button in (self.import_button, self.returns_button, self.enroll_button, self.pack_button,
                       self.province_pack_button):
            button.setEnabled(not self.busy)
        self.province_send_button.setEnabled(not self.busy and province_trust.enrolled_province(self.workspace.db)
                                             is not None)
        self.revoke_button.setEnabled(not self.busy and self.selected_code() is not None)

    # -- importing bundles ---------------------------------------------------------------------
    def import_from_drive(self) -> None:
        if self.incoming:
            self.import_files(list(self.incoming))

    def choose_import_files(self) -> None:
        files = file_dialogs.open_files(self, self.tr("Import which bundles?"), self.tr("Township bundles (*.tdb)"),
                                        self.workspace, self.folder().path if self.folder() else None)
        if files:
            self.import_files(files)

    def import_files(self, files: list[Path]):
        clerk = self.workspace.clerk

        def work(db, paths, progress):
            return incoming.import_files(db, paths, sorted(files, key=lambda p: Path(p).name), clerk=clerk,
                                         progress=progress)

        return run_sync_work(self, self.tr("Checking and importing bundles…"), work, self._imported,
                             self.result.show_failure, cancellable=True)

    def _imported(self, outcomes) -> None:
        applied = sum(o.outcome == "applied" for o in outcomes)
        already = sum(o.outcome == "already" for o in outcomes)
        refused = sum(not o.ok for o in outcomes)
        self.result.show_outcomes(self.tr("Bundles imported: %1; already imported: %2; refused: %3.")
                                  .replace("%1", str(applied)).replace("%2", str(already)).replace("%3", str(refused)),
                                  outcomes)

    # -- return bundles ------------------------------------------------------------------------
    def write_returns_to_drive(self) -> None:
        if self.folder() is not None:
            self.write_returns(self.folder().path)

    def choose_returns_folder(self) -> None:
        folder = file_dialogs.choose_folder(self, self.tr("Write return bundles to which folder?"), self.workspace,
                                            self.folder().path if self.folder() else None)
        if folder:
            self.write_returns(folder)

    def write_returns(self, folder: Path) -> None:
        clerk = self.workspace.clerk

        def work(db, paths, progress):
            return outgoing.export_returns(db, paths, Path(folder), clerk=clerk, progress=progress)

        run_sync_work(self, self.tr("Writing and checking return bundles…"), work, self._returns_written,
                      self.result.show_failure)

    def _returns_written(self, written) -> None:
        if not written:
            self.result.show_ok(self.tr("No township has anything to be answered yet."))
            return
        self.result.show_ok(counted(len(written), self.tr("1 return bundle written and checked: safe to remove."),
                                    self.tr("%n return bundles written and checked: safe to remove.")),
                            [f"{item.township} {division_name(item.township)}: {item.path}" for item in written])

    # -- keys ----------------------------------------------------------------------------------
    def choose_enrollment_file(self) -> None:
        name = file_dialogs.open_file(self, self.tr("Which enrollment file?"), self.tr("Enrollment files (*.tdkey)"),
                                      self.workspace, self.folder().path if self.folder() else None)
        if name:
            self.enroll_file(name)

    def enroll_file(self, path: Path) -> EnrollDialog | None:
        """Read the file and show its fingerprint; the keys are enrolled only when confirmed."""
        try:
            data = Path(path).read_bytes()
            document = enrollment.read_enrollment(data)
        except UserError as error:
            self.result.show_failure(error)
            return None
        except OSError:
            self.result.show_error(self.tr("Cannot read %1").replace("%1", str(path)))
            return None
        active = trust.enrolled(self.workspace.db, owner=document.township, status="active")
        replacing = next((row["fingerprint"] for row in active
                          if row["fingerprint"] != document.keys.fingerprint), None)
        dialog = EnrollDialog(document, replacing, self)
        dialog.accepted.connect(lambda: self.enroll(data, dialog.replace.isChecked()))
        dialog.finished.connect(dialog.deleteLater)
        self.enroll_dialog = dialog
        dialog.open()
        return dialog

    def enroll(self, data: bytes, replace: bool) -> None:
        try:
            outcome = trust.enroll_township(self.workspace.db, data, self.workspace.county, replace=replace,
                                             paths=self.workspace.paths)
        except UserError as error:
            self.result.show_failure(error)
            return
        self.result.show_ok(str(outcome.describe()).splitlines()[0], str(outcome.describe()).splitlines()[1:])
        self.refresh()

    def choose_pack_folder(self) -> None:
        folder = file_dialogs.choose_folder(self, self.tr("Export the county pack to which folder?"), self.workspace,
                                            self.folder().path if self.folder() else None)
        if folder:
            self.export_pack(folder)

    def export_pack(self, folder: Path) -> None:
        self._write_keys(folder, self.tr("County pack written. Townships compare this number by phone when they "
                                         "load it: %1"))

    def ask_revoke(self) -> None:
        code = self.selected_code()
        if code is None:
            return
        dialog = ReasonDialog(self.tr("Revoke a township key"),
                              self.tr("Revoke every key of %1? Its bundles will be refused until it enrolls new keys. "
                                      "Why?").replace("%1", f"{code} {division_name(code)}"), self)
        if dialog.exec():
            self.revoke(code, dialog.reason().strip())

    def revoke(self, code: str, reason: str) -> None:
        try:
            accounts.require(self.workspace.clerk_role, "revoke_keys")
            count = trust.revoke(self.workspace.db, code, reason=reason, clerk=self.workspace.clerk)
        except UserError as error:
            self.result.show_failure(error)
            return
        self.result.show_ok(counted(count, self.tr("Revoked 1 key of %2."), self.tr("Revoked %n keys of %2."))
                            .replace("%2", f"{code} {division_name(code)}"))
        self.refresh()
