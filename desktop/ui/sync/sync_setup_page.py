"""The setup wizard's sync page (setup_wizard.EXTRA_PAGES).

Township: load the county pack from the stick, see the county's number and compare it with the
county by phone before finishing (as `township init --county-pack` does); a pack of another county
is refused before anything is created. The pack may also be loaded later on the Sync page.
County: the installation is created when leaving the account page, so this page can show the
county's freshly made key number and where the county pack was written for the townships.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from desktop.core.errors import UserError
from desktop.ui.shell import file_dialogs
from desktop.ui.shell.formatting import division_name
from desktop.ui.shell.messages import error_text

PACK_FOLDER = "county-pack"   # in the county's data folder: where setup writes the first county pack
BIG = "QLabel { font-size: 20pt; font-weight: bold; letter-spacing: 2px; }"


class SyncSetupPage(QWizardPage):
    def __init__(self, wizard):
        super().__init__(wizard)
        self.wizard_ = wizard
        self.pack_data: bytes | None = None
        self.pack_written: list[Path] = []

        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.choose_button = QPushButton(self.tr("Choose the county pack…"), self)
        self.choose_button.clicked.connect(self.choose_pack)
        self.file_label = QLabel(self)
        self.file_label.setWordWrap(True)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b71c1c;")
        self.whose_label = QLabel(self)
        self.number_label = QLabel(self)
        self.number_label.setObjectName("shortFingerprint")
        self.number_label.setStyleSheet(BIG)
        self.number_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.full_label = QLabel(self)
        self.full_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.where_label = QLabel(self)
        self.where_label.setWordWrap(True)
        self.where_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.confirm = QCheckBox(self.tr("The county read me the same number"), self)
        self.confirm.toggled.connect(lambda _on: self.completeChanged.emit())
        self.copy_button = QPushButton(self.tr("Copy the county pack to a stick…"), self)
        self.copy_button.clicked.connect(self.copy_pack)

        chooser = QHBoxLayout()
        chooser.addWidget(self.choose_button)
        chooser.addWidget(self.file_label, 1)
        form = QFormLayout()
        self.whose_caption = QLabel(self.tr("Key of:"), self)
        self.number_caption = QLabel(self.tr("Number to compare:"), self)
        self.full_caption = QLabel(self.tr("Full fingerprint:"), self)
        form.addRow(self.whose_caption, self.whose_label)
        form.addRow(self.number_caption, self.number_label)
        form.addRow(self.full_caption, self.full_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(chooser)
        layout.addWidget(self.error_label)
        layout.addLayout(form)
        layout.addWidget(self.confirm)
        layout.addWidget(self.where_label)
        layout.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    # -- the wizard's hooks --------------------------------------------------------------------
    def township(self) -> bool:
        return self.wizard_.role() == "township"

    def needs_installation(self) -> bool:
        """The county's page shows keys, so the installation exists before it is shown."""
        return not self.township()

    def initializePage(self) -> None:  # noqa: N802 (Qt's name)
        township = self.township()
        for widget in (self.choose_button, self.file_label, self.confirm):
            widget.setVisible(township)
        self.copy_button.setVisible(not township)
        self.error_label.clear()
        if township:
            self.setTitle(self.tr("The county's key"))
            self.setSubTitle(self.tr("Load the county pack the county gave you on a stick."))
            self.intro.setText(self.tr("Then call the county and compare the number shown here with the number "
                                       "on their screen. Finish only if every digit matches. Without a stick at "
                                       "hand, finish now and load the pack later on the Sync page."))
            self._show_pack()
        else:
            self.setTitle(self.tr("The county's keys are ready"))
            self.setSubTitle(self.tr("Townships compare this number by phone when they load the county pack."))
            self._show_county()

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        if self.township() and self.pack_data is not None:
            return self.confirm.isChecked()
        return True

    def installation_created(self, workspace) -> None:
        """Make this PC's keys; township: enroll the county pack; county: write the first county pack."""
        from desktop.core.sync import trust  # cryptography: not before the wizard shows

        trust.setup_install(workspace.db, workspace.paths, self.pack_data if self.township() else None)
        if not self.township():
            folder = workspace.paths.root / PACK_FOLDER
            folder.mkdir(parents=True, exist_ok=True)
            self.pack_written = trust.export_keys(workspace.db, workspace.paths, folder)

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)

    # -- township: the county pack -------------------------------------------------------------
    def choose_pack(self) -> None:
        name = file_dialogs.open_file(self, self.tr("Which county pack?"), self.tr("County packs (*.tdpack)"))
        if name:
            self.load_pack(Path(name))

    def load_pack(self, path: Path) -> bool:
        """Check the pack (signature, and that it is this township's county) and show its number."""
        from desktop.core.sync import trust  # cryptography: not before the wizard shows

        self.pack_data = None
        self.confirm.setChecked(False)
        self.error_label.clear()
        try:
            data = trust.read_pack_for_setup(path, role="township",
                                             code=self.wizard_.division_picker.selected_code() or "")
        except UserError as error:
            self.error_label.setText(self.tr("This county pack cannot be used: %1").replace("%1", error_text(error)))
            self._show_pack()
            self.completeChanged.emit()
            return False
        self.pack_data = data
        self.file_label.setText(str(path))
        self._show_pack()
        self.completeChanged.emit()
        return True

    def _show_pack(self) -> None:
        from desktop.core.sync import enrollment  # cryptography: not before the wizard shows

        pack = enrollment.read_county_pack(self.pack_data) if self.pack_data else None
        for widget in (self.whose_caption, self.whose_label, self.number_caption, self.number_label,
                       self.full_caption, self.full_label, self.confirm):
            widget.setVisible(pack is not None)
        if pack is None:
            self.file_label.setText(self.tr("No county pack loaded."))
            self.where_label.clear()
            return
        self.whose_label.setText(f"{pack.county} {division_name(pack.county)}")
        self.number_label.setText(pack.keys.short_fingerprint)
        self.full_label.setText(pack.keys.fingerprint)
        self.where_label.setText(self.tr("The pack also brings code lists: %1; form packs: %2.")
                                 .replace("%1", str(len(pack.code_lists))).replace("%2", str(len(pack.form_packs))))

    # -- county: its keys and the first county pack --------------------------------------------
    def _show_county(self) -> None:
        from desktop.core.sync import trust  # cryptography: not before the wizard shows

        workspace = self.wizard_.workspace
        if workspace is None:
            return
        public = trust.install_keys(workspace.paths).public()
        for widget in (self.whose_caption, self.whose_label, self.number_caption, self.number_label,
                       self.full_caption, self.full_label):
            widget.setVisible(True)
        self.whose_label.setText(f"{workspace.county} {division_name(workspace.county)}")
        self.number_label.setText(public.short_fingerprint)
        self.full_label.setText(public.fingerprint)
        self.intro.setText(self.tr("This PC now has the county's keys. Give each township the county pack on a "
                                   "stick, and read them this number by phone when they load it."))
        pack = next((p for p in self.pack_written if p.suffix == ".tdpack"), None)
        self.where_label.setText(self.tr("The county pack was written to: %1").replace("%1", str(pack))
                                 if pack else "")

    def copy_pack(self) -> None:
        folder = file_dialogs.choose_folder(self, self.tr("Copy the county pack to which folder?"))
        if folder and self.wizard_.workspace is not None:
            self.copy_pack_to(Path(folder))

    def copy_pack_to(self, folder: Path) -> None:
        from desktop.core.sync import trust  # cryptography: not before the wizard shows

        workspace = self.wizard_.workspace
        try:
            written = trust.export_keys(workspace.db, workspace.paths, folder)
        except UserError as error:
            self.error_label.setText(error_text(error))
            return
        pack = next(p for p in written if p.suffix == ".tdpack")
        self.where_label.setText(self.tr("The county pack was written to: %1").replace("%1", str(pack)))
