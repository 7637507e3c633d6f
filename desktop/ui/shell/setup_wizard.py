"""The first-run setup wizard: language and role, the township or county, the first (admin) clerk,
then sync (the county pack for a township, the county's keys for the county).

Finishing calls desktop.core.workspace.setup.initialise, the same code as `township init`. Changing the
language on the first page rebuilds the wizard in that language (`languageChosen`), so a clerk
whose PC is set to English can switch before reading further.

Extra pages (EXTRA_PAGES) may define `needs_installation()` (the installation is created before
the page is shown, when leaving the page before it), `installation_created(workspace)` (called
right after creation) and `show_error(text)`.

Only the first page is built before the wizard shows (start-up budget, docs/PERFORMANCE.md): the
division and account pages fill in their widgets when first reached (or first asked for, e.g.
`wizard.division_picker`), and the extra pages are made when the clerk leaves the first page. So
the code list, pinyin search, the store and the sync page load while the clerk reads page one.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from desktop.core.errors import UserError
from desktop.core.i18n import current_language


def _sync_setup_page(wizard) -> QWizardPage:
    from desktop.ui.sync.sync_setup_page import SyncSetupPage

    return SyncSetupPage(wizard)


# Pages between the account and the finish, as factories `make(wizard) -> QWizardPage`; called
# when the clerk leaves the first page, so their modules load after the wizard shows.
EXTRA_PAGES: list = [_sync_setup_page]


class SetupWizard(QWizard):
    languageChosen = Signal(str)

    def __init__(self, data_dir, parent=None):
        super().__init__(parent)
        self.data_dir = data_dir
        self.workspace = None
        self.setWindowTitle(self.tr("Township Desk — first-time setup"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< &Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)

        # page 1: language and role
        self.start_page = QWizardPage(self)
        self.start_page.setTitle(self.tr("Welcome"))
        self.start_page.setSubTitle(self.tr("Choose the language and what this computer is for."))
        self.language_combo = QComboBox(self.start_page)
        self.language_combo.addItem("中文", "zh")
        self.language_combo.addItem("English", "en")
        self.language_combo.setCurrentIndex(self.language_combo.findData(current_language()))
        self.language_combo.currentIndexChanged.connect(
            lambda _i: self.languageChosen.emit(self.language_combo.currentData()))
        self.township_radio = QRadioButton(self.tr("A township office: clerks enter records here"),
                                           self.start_page)
        self.county_radio = QRadioButton(self.tr("The county office: merges and checks the townships' bundles"),
                                         self.start_page)
        self.township_radio.setChecked(True)
        self.role_group = QButtonGroup(self.start_page)
        self.role_group.addButton(self.township_radio)
        self.role_group.addButton(self.county_radio)
        start_layout = QFormLayout(self.start_page)
        start_layout.addRow(self.tr("Language:"), self.language_combo)
        start_layout.addRow(self.tr("This computer is for:"), self.township_radio)
        start_layout.addRow("", self.county_radio)

        # pages 2 and 3, the township or county and the first clerk: built when first reached
        self.division_page = _DivisionPage(self)
        self.account_page = _AccountPage(self)

        self.start_id = self.addPage(self.start_page)
        self.division_id = self.addPage(self.division_page)
        self.account_id = self.addPage(self.account_page)
        self.extra_pages: list[QWizardPage] = []   # made on leaving the first page (_add_extra_pages)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Create"))
        self.currentIdChanged.connect(self._entered)
        self.resize(640, 480)

    # the later pages' widgets, built on first use
    @property
    def division_picker(self):
        return self.division_page.picker

    @property
    def name_edit(self) -> QLineEdit:
        return self.account_widgets().name_edit

    @property
    def password_edit(self) -> QLineEdit:
        return self.account_widgets().password_edit

    @property
    def repeat_edit(self) -> QLineEdit:
        return self.account_widgets().repeat_edit

    @property
    def message(self) -> QLabel:
        return self.account_widgets().message

    def account_widgets(self) -> _AccountPage:
        """Page 3, the first clerk, with its widgets (made on the first call)."""
        page = self.account_page
        if hasattr(page, "name_edit"):
            return page
        from desktop.core.workspace import accounts

        page.setTitle(self.tr("The first clerk"))
        page.setSubTitle(self.tr("This account administers the others. Keep the password safe: "
                                 "nobody can read it back."))
        page.name_edit = QLineEdit(page)
        page.password_edit = QLineEdit(page)
        page.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        page.repeat_edit = QLineEdit(page)
        page.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        page.message = QLabel(page)
        page.message.setStyleSheet("color: #b71c1c;")
        page.message.setWordWrap(True)
        layout = QFormLayout(page)
        layout.addRow(self.tr("Name:"), page.name_edit)
        layout.addRow(self.tr("Password:"), page.password_edit)
        layout.addRow(self.tr("Password again:"), page.repeat_edit)
        layout.addRow(QLabel(self.tr("At least %n characters.", "", accounts.MIN_PASSWORD_LENGTH), page))
        layout.addRow(page.message)
        return page

    def role(self) -> str:
        return "county" if self.county_radio.isChecked() else "township"

    def _add_extra_pages(self) -> None:
        if not self.extra_pages and EXTRA_PAGES:
            self.extra_pages = [make_page(self) for make_page in EXTRA_PAGES]
            for page in self.extra_pages:
                self.addPage(page)

    def _entered(self, page_id: int) -> None:
        if page_id != self.start_id:
            self._add_extra_pages()
        if page_id == self.division_id:
            township = self.role() == "township"
            self.division_page.setTitle(self.tr("Which township?") if township else self.tr("Which county?"))
            self.division_page.setSubTitle(self.tr("Find it in the code list by code, name or pinyin initials."))
            self.division_picker.set_level(self.role())
            self.division_picker.setFocus()
        if page_id == self.account_id:
            # once the installation exists (created on leaving this page), there is no going back
            self.account_page.setCommitPage(self._creates_after(self.account_id))

    def _creates_after(self, page_id: int) -> bool:
        """Is the installation created when leaving `page_id`? On the last page, or before a page
        that needs it."""
        following = self.page(self.page(page_id).nextId()) if self.page(page_id).nextId() != -1 else None
        return following is None or bool(getattr(following, "needs_installation", lambda: False)())

    def validateCurrentPage(self) -> bool:  # noqa: N802 (Qt's name)
        from desktop.core.workspace import accounts
        from desktop.ui.shell.messages import error_text

        self._add_extra_pages()
        if self.currentId() == self.account_id:
            if self.password_edit.text() != self.repeat_edit.text():
                self.message.setText(self.tr("The two passwords differ."))
                return False
            try:
                accounts.validate_new_password(self.password_edit.text())
            except UserError as error:
                self.message.setText(error_text(error))
                return False
        if not super().validateCurrentPage():
            return False
        if self.workspace is None and self._creates_after(self.currentId()):
            return self.create_installation()
        return True

    def create_installation(self) -> bool:
        """Set the installation up from the answers; False (with the reason shown) if it cannot."""
        from desktop.core.workspace import setup
        from desktop.ui.shell.messages import error_text

        try:
            self.workspace = setup.initialise(
                self.data_dir, role=self.role(), code=self.division_picker.selected_code() or "",
                clerk=self.name_edit.text().strip(), password=self.password_edit.text(),
                language=self.language_combo.currentData())
        except UserError as error:
            self._show_error(error_text(error))
            return False
        self.workspace.record_event("login", details={"first": True})
        for page in self.extra_pages:
            if hasattr(page, "installation_created"):
                try:
                    page.installation_created(self.workspace)
                except UserError as error:  # set up already; the clerk can finish this on the Sync page
                    self._show_error(error_text(error))
        return True

    def _show_error(self, text: str) -> None:
        page = self.currentPage()
        (page.show_error if hasattr(page, "show_error") else self.message.setText)(text)


class _DivisionPage(QWizardPage):
    """Complete once a township or county is chosen. The picker (code list, pinyin) is built when
    first asked for: the wizard asks on entering the page."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._picker = None

    @property
    def picker(self):
        if self._picker is None:
            from desktop.ui.entry.division_picker import DivisionPicker

            self._picker = DivisionPicker(self)
            self._picker.codeChosen.connect(lambda _code: self.completeChanged.emit())
            layout = QVBoxLayout(self)
            layout.addWidget(self._picker)
        return self._picker

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        return self._picker is not None and bool(self._picker.selected_code())


class _AccountPage(QWizardPage):
    """The first clerk's name and password: the wizard fills it in when it is first reached
    (SetupWizard.account_widgets)."""

    def initializePage(self) -> None:  # noqa: N802 (Qt's name)
        self.wizard().account_widgets()
