"""The data-entry page: choose a form, key records one after another, save them.

Ctrl+N starts a new record, Ctrl+S completes and saves it, Ctrl+Shift+S keeps it as a draft
record. Completing needs no errors and a reason for each warning (asked in a small dialog);
changing a completed record asks why. Every field the clerk leaves writes the draft file
(desktop.core.entry.drafts), so a crash or a power cut loses at most the field being typed; the page
offers an unfinished draft back when it opens. Chosen fields carry forward to the next record.
A form written in other languages (`label::Français`) can be shown in one of them ("Labels:"),
remembered per form; a text missing in it shows in the interface language.

Page contract (desktop/ui/shell/pages.py): `EntryPage(workspace, parent=None)`, `title()`,
`refresh()`; the records list calls `open_record(record_id)`.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.core.entry import form_entry, identity
from desktop.core.entry.drafts import Draft, DraftStore, new_draft_id
from desktop.core.errors import RecordRejected, UserError
from desktop.core.forms import label_languages
from desktop.core.forms.model import FormDefinition
from desktop.core.i18n import current_language
from desktop.core.quality import keying
from desktop.core.rules import new_record
from desktop.core.store import records
from desktop.core.workspace import accounts
from desktop.ui.entry.form_view import ERROR_COLOUR, WARNING_COLOUR, FormView
from desktop.ui.entry.reason_dialogs import EditReasonDialog, OverrideDialog, ReasonDialog
from desktop.ui.shell.formatting import counted
from desktop.ui.shell.wrapping_row import WrappingRow, group

log = logging.getLogger("township.entry")


def _without_label(message: str, label: str) -> str:
    """A rule's message names its field ("身份证号：…"); the list puts the label in front already."""
    for separator in (": ", "：", ":"):
        if label and message.startswith(label + separator):
            return message[len(label + separator):]
    return message
LAST_FORM_SETTING = "entry.last_form"


class EntryPage(QWidget):
    """See the module docstring."""

    recordSaved = Signal(str)  # id of the record just saved (complete or draft)
    newStarted = Signal()      # Ctrl+N: the clerk left the record opened for another one

    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.language = current_language()
        self.registry = form_entry.registry_for(workspace)
        self.context = form_entry.rule_context(workspace)
        # the key asked for at each use: the idle lock lets go of it (before_lock writes the draft first)
        self.drafts = DraftStore(workspace.paths.drafts, workspace.clerk or "",
                                 key=(lambda: workspace.data_key) if workspace.data_key is not None else None)
        self.form: FormDefinition | None = None
        self.form_view: FormView | None = None
        self._keying: keying.Session | None = None   # the record being keyed: open to save
        self.record: records.Record | None = None  # the record being edited; None for a new one
        self.dirty = False
        self._last_draft_json = ""
        self._offered: Draft | None = None
        self._draft_id = ""        # the draft of the new record on screen (each new record has its own)
        self._status_kind = ""
        self._build()
        self._load_forms()

    # -- page contract --------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Data entry")

    def refresh(self) -> None:
        """Called when the page is shown: put the cursor back in the form."""
        if self.form_view is not None and self.draft_banner.isHidden():
            if not self.form_view.current_path():
                self.form_view.focus_first()

    def before_lock(self) -> None:
        """The idle lock is about to let go of the data key: the record on screen, field being
        typed included, is written as the clerk's draft while the key is still there."""
        if self.form_view is not None and self.dirty:
            self.write_draft(self.form_view.current_path() or "")

    def close_down(self) -> None:
        """The window closes (quit, sign-out, restore) and the store with it: keep the record on
        screen as the clerk's draft, field being typed included, and run no rule again."""
        if self.form_view is None:
            return
        self.form_view.stop()
        if self.dirty:
            self.write_draft(self.form_view.current_path() or "")

    # -- layout ---------------------------------------------------------------------------
    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_splitter()

    def _fit_splitter(self) -> None:
        """The form as wide as its fields need (larger text needs more), the problems list the
        rest: at 150 % or 175 % text the list gives up width before a field's label is cut."""
        if self.form_view is None:
            return
        sizes = self.splitter.sizes()
        total = sum(sizes)
        if total <= 0 or len(sizes) != 2:
            return
        view = self.form_view
        needed = (view.body.minimumSizeHint().width() + view.verticalScrollBar().sizeHint().width()
                  + 2 * view.frameWidth() + 4)
        side = self.splitter.widget(1).minimumSizeHint().width()
        if sizes[0] < needed and total - needed >= side:
            self.splitter.setSizes([needed, total - needed])

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        top = QHBoxLayout()
        self.form_label = QLabel(self.tr("Form:"), self)
        self.form_choice = QComboBox(self)
        self.form_choice.setMinimumContentsLength(16)
        self.form_label.setBuddy(self.form_choice)
        self.mode_label = QLabel(self)
        self.new_button = QPushButton(self.tr("New (Ctrl+N)"), self)
        self.draft_button = QPushButton(self.tr("Keep as draft (Ctrl+Shift+S)"), self)
        self.save_button = QPushButton(self.tr("Save (Ctrl+S)"), self)
        self.save_button.setDefault(True)
        self.slip_button = QPushButton(self.tr("Print slip…"), self)
        self.slip_button.setToolTip(self.tr("This record on one page for the person to sign (Ctrl+P)"))
        for button in (self.new_button, self.draft_button, self.slip_button):
            button.setFocusPolicy(Qt.ClickFocus)
        # the form's own label languages (label::Français ...), beside the interface language
        self.label_language_label = QLabel(self.tr("Labels:"), self)
        self.label_language_choice = QComboBox(self)
        self.label_language_label.setBuddy(self.label_language_choice)
        self.label_language_choice.setFocusPolicy(Qt.ClickFocus)
        # one line at 100 % text; the buttons on a line of their own when larger text needs it
        self.top_row = WrappingRow(
            group(self, self.form_label, self.form_choice, self.label_language_label, self.label_language_choice, 12,
                  self.mode_label, stretch_at=5),
            group(self, self.slip_button, self.new_button, self.draft_button, self.save_button, right=True), self)
        top.addWidget(self.top_row)
        outer.addLayout(top)

        self.draft_banner = QFrame(self)
        self.draft_banner.setFrameShape(QFrame.StyledPanel)
        self.draft_banner.setStyleSheet("QFrame { background: #fff4d6; }")
        banner = QHBoxLayout(self.draft_banner)
        self.draft_text = QLabel(self.draft_banner)
        self.draft_text.setWordWrap(True)
        self.restore_button = QPushButton(self.tr("Continue it"), self.draft_banner)
        self.discard_button = QPushButton(self.tr("Discard it"), self.draft_banner)
        self.restore_button.setAutoDefault(True)
        self.discard_button.setAutoDefault(True)
        banner.addWidget(self.draft_text, 1)
        banner.addWidget(self.restore_button)
        banner.addWidget(self.discard_button)
        self.draft_banner.hide()
        outer.addWidget(self.draft_banner)

        # a deleted record opened from the list: shown read-only, with its deletion taken back on request
        self.deleted_banner = QFrame(self)
        self.deleted_banner.setFrameShape(QFrame.StyledPanel)
        self.deleted_banner.setStyleSheet("QFrame { background: #fde2e2; }")
        deleted_row = QHBoxLayout(self.deleted_banner)
        self.deleted_text = QLabel(self.deleted_banner)
        self.deleted_text.setWordWrap(True)
        self.undelete_button = QPushButton(self.tr("&Restore this record…"), self.deleted_banner)
        self.undelete_button.setAutoDefault(True)
        self.undelete_button.clicked.connect(self._undelete_clicked)
        deleted_row.addWidget(self.deleted_text, 1)
        deleted_row.addWidget(self.undelete_button)
        self.deleted_banner.hide()
        outer.addWidget(self.deleted_banner)

        self.splitter = QSplitter(Qt.Horizontal, self)
        self.form_holder = QWidget(self.splitter)
        self.form_box = QVBoxLayout(self.form_holder)
        self.form_box.setContentsMargins(0, 0, 0, 0)
        side = QWidget(self.splitter)
        side_box = QVBoxLayout(side)
        side_box.setContentsMargins(6, 0, 0, 0)
        self.problems_title = QLabel(self.tr("Problems"), side)
        font = self.problems_title.font()
        font.setBold(True)
        self.problems_title.setFont(font)
        self.summary_label = QLabel(side)
        self.summary_label.setWordWrap(True)
        self.problem_list = QListWidget(side)
        self.problem_list.setWordWrap(True)
        self.problem_list.setFocusPolicy(Qt.ClickFocus)
        self.problem_list.itemActivated.connect(self._jump_to_problem)
        self.problem_list.itemClicked.connect(self._jump_to_problem)
        self.keys_label = QLabel(self._keyboard_help(), side)
        self.keys_label.setWordWrap(True)
        self.keys_label.setStyleSheet("color: palette(dark);")
        side_box.addWidget(self.problems_title)
        side_box.addWidget(self.summary_label)
        side_box.addWidget(self.problem_list, 1)
        # a duplicate ID names the record that has it: one press opens that one
        self.open_other_button = QPushButton(self.tr("Open the record that has it (Ctrl+Shift+O)"), side)
        self.open_other_button.setFocusPolicy(Qt.ClickFocus)
        self.open_other_button.clicked.connect(self._open_other)
        self.open_other_button.hide()
        self._other_record: str | None = None
        side_box.addWidget(self.open_other_button)
        side_box.addWidget(self.keys_label)
        self.splitter.addWidget(self.form_holder)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([900, 300])
        outer.addWidget(self.splitter, 1)

        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        outer.addWidget(self.status_label)

        # slots must return None: PySide mishandles a Python object returned to a Qt signal
        self.form_choice.currentIndexChanged.connect(self._form_chosen)
        self.label_language_choice.currentIndexChanged.connect(self._label_language_chosen)
        self.new_button.clicked.connect(self.new_record)
        self.save_button.clicked.connect(self._save_clicked)
        self.draft_button.clicked.connect(self._draft_clicked)
        self.slip_button.clicked.connect(self._slip_clicked)
        self.restore_button.clicked.connect(self.restore_draft)
        self.discard_button.clicked.connect(self.discard_draft)
        for keys, slot in (("Ctrl+N", self.new_record), ("Ctrl+S", self._save_clicked),
                           ("Ctrl+Shift+S", self._draft_clicked), ("Ctrl+Shift+O", self._open_other),
                           ("Ctrl+P", self._slip_clicked)):
            QShortcut(QKeySequence(keys), self, slot, context=Qt.WidgetWithChildrenShortcut)

    def _save_clicked(self) -> None:
        self.save()

    def _draft_clicked(self) -> None:
        self.save_draft()

    def _slip_clicked(self) -> None:
        self.print_slip()

    def print_slip(self):
        """Print slip… (Ctrl+P): the saved record on one page for the person to sign; a dialog, or
        None when nothing is saved yet (the slip prints what the store holds)."""
        from desktop.ui.entry.print_dialogs import PrintDialog

        if self.record is None:
            self._show_status(self.tr("Save the record first: the slip prints the saved record."))
            return None
        dialog = PrintDialog(self.workspace, slip_of=self.record.id, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _keyboard_help(self) -> str:
        return self.tr("Enter or Tab: next field · Shift+Tab: back · Ctrl+S: save · Ctrl+N: new record · "
                       "Ctrl+K: keep value for the next record · Ctrl+Shift+A / Ctrl+Shift+D: add / remove a row")

    # -- forms ----------------------------------------------------------------------------
    def _load_forms(self) -> None:
        try:
            forms = self.registry.latest()
        except UserError as error:
            self._show_status(str(error.text.get(self.language)), ERROR_COLOUR)
            forms = []
        self.form_choice.blockSignals(True)
        self.form_choice.clear()
        for form in forms:
            self.form_choice.addItem(form.title.get(self.language), form.form_id)
        self.form_choice.blockSignals(False)
        preferred = self.workspace.setting(LAST_FORM_SETTING) or "floating_population"
        index = self.form_choice.findData(preferred)
        if self.form_choice.count():
            self.form_choice.setCurrentIndex(max(index, 0))
            self._form_chosen(self.form_choice.currentIndex())

    def _form_chosen(self, index: int) -> None:
        form_id = self.form_choice.itemData(index)
        if not form_id or (self.form is not None and self.form.form_id == form_id and self.record is None):
            return
        kept = self._keep_screen_as_draft()
        self.set_form(self.registry.get(form_id))
        self.workspace.put_setting(LAST_FORM_SETTING, form_id)
        # the kept fields come from this clerk's last saved record: they survive the window being
        # rebuilt (a changed setting, signing in again), as on paper the village stays the village
        self.start_new(carry=True, previous=form_entry.last_saved_values(self.workspace, form_id) or None)
        self._offer_draft()
        if kept:
            self._say_kept()

    def set_form(self, form: FormDefinition) -> None:
        """Show `form` (a new FormView); the values are left to the caller."""
        if self.form_view is not None:
            self.form_view.setParent(None)
            self.form_view.deleteLater()
        self.form = form
        self._fill_label_languages(form)
        shown = label_languages.in_language(form, self.label_language_choice.currentData() or "", self.language)
        self.form_view = FormView(shown, self._evaluate, language=self.language,
                                  carry_forward=form_entry.carry_forward_fields(self.workspace, form),
                                  parent=self.form_holder)
        self.form_box.addWidget(self.form_view)
        self._fit_splitter()
        self.form_view.stateChanged.connect(self._show_problems)
        self.form_view.edited.connect(self._edited)
        self.form_view.fieldCommitted.connect(self._field_committed)
        self.form_view.endReached.connect(lambda: self.save_button.setFocus(Qt.TabFocusReason))
        self.form_view.carryForwardChanged.connect(
            lambda names: form_entry.set_carry_forward_fields(self.workspace, form, names))
        index = self.form_choice.findData(form.form_id)
        if index >= 0 and index != self.form_choice.currentIndex():
            self.form_choice.blockSignals(True)
            self.form_choice.setCurrentIndex(index)
            self.form_choice.blockSignals(False)

    def _fill_label_languages(self, form: FormDefinition) -> None:
        """The form's label languages, the interface's first; the one chosen for this form kept."""
        offered = label_languages.languages(form)
        chosen = self.workspace.setting(label_languages.SETTING.format(form_id=form.form_id)) or ""
        self.label_language_choice.blockSignals(True)
        self.label_language_choice.clear()
        self.label_language_choice.addItem(self.tr("Interface language"), "")
        named = {"zh": self.tr("Chinese"), "en": self.tr("English")}  # the others as the form names them
        for name in offered:
            self.label_language_choice.addItem(named.get(label_languages.language_code(name), name), name)
        self.label_language_choice.setCurrentIndex(max(self.label_language_choice.findData(chosen), 0))
        self.label_language_choice.blockSignals(False)
        for widget in (self.label_language_label, self.label_language_choice):
            widget.setVisible(bool(offered))

    def _label_language_chosen(self, index: int) -> None:
        if self.form is None:
            return
        chosen = self.label_language_choice.itemData(index) or ""
        self.workspace.put_setting(label_languages.SETTING.format(form_id=self.form.form_id), chosen)
        values, dirty = self.form_view.values(), self.dirty
        self.set_form(self.form)  # the same record, its labels in the language chosen
        self.form_view.set_values(values, touched=self.record is not None)
        self.dirty = dirty

    def _evaluate(self, values: dict):
        state = form_entry.evaluate(self.workspace, self.form, values,
                                    record_id=self.record.id if self.record else None, context=self.context)
        if self._keying is not None:
            self._keying.saw(state)   # the errors the rules caught while the clerk keyed
        return state

    # -- records --------------------------------------------------------------------------
    def start_new(self, *, carry: bool = True, previous: dict | None = None) -> None:
        """A blank record with the form's defaults, plus the kept values of `previous`."""
        self._leave_deleted()
        values = new_record(self.form, self.context)
        kept = []
        if carry and previous:
            kept = self.form_view.carry_forward()
            values.update(form_entry.carried_values(self.form, previous, kept))
        self.record = None
        self._draft_id = new_draft_id()
        self._keying = keying.Session(values)
        self.form_view.set_show_all(False)
        self.form_view.set_values(values)
        self.dirty = False
        self._last_draft_json = ""
        self._update_mode()
        self.form_view.focus_first(skip=set(kept))

    def new_record(self) -> None:
        """Ctrl+N: a new record (the unsaved one is kept only if the clerk says so)."""
        if self.form is None:
            return
        if self.dirty and not self.confirm_discard():
            return
        if self.dirty:                 # the clerk said so: this record's draft only
            self.drafts.discard(self.form.form_id, self.draft_key())
        left = self.has_offered_draft()
        self._hide_banner()
        self.start_new(carry=False)
        self._show_status("")
        if left:                       # not taken up, not thrown away: it waits on the list
            self._say_kept()
        self.newStarted.emit()

    def draft_key(self) -> str:
        """The draft file of the record on screen (Draft.key): one per saved record, one per new one."""
        return f"rec-{self.record.id}" if self.record is not None else f"new-{self._draft_id}"

    def _keep_screen_as_draft(self) -> bool:
        """Another record is about to replace the one on screen: a changed one stays a draft of its
        own (the field being typed included), listed in Find and fix. True if one was kept."""
        if self.form is None or not self.dirty or not self.draft_banner.isHidden() or self.viewing_deleted():
            return False
        self.write_draft(self.form_view.current_path() or "")
        self.dirty = False
        return True

    def _say_kept(self) -> None:
        self._show_status(self.tr("The unfinished record is kept as a draft: it is on the Find and fix list."))

    def open_draft(self, form_id: str, key: str | None = None) -> bool:
        """Take up this clerk's draft `key` (Draft.key; None: the newest) of `form_id` where it was
        left (the find-and-fix list calls this). The record on screen, if changed, stays a draft
        of its own. False if there is no such draft."""
        if (self.form is not None and self.form.form_id == form_id and self.dirty and self.draft_banner.isHidden()
                and key in (None, self.draft_key())):
            return True   # it is the record on screen
        self._keep_screen_as_draft()
        draft = self.drafts.load(form_id, key)
        if draft is None:
            self._show_status(self.tr("That draft is no longer kept: it was saved or discarded."), ERROR_COLOUR)
            return False
        self._leave_deleted()
        self._offered = draft
        self.restore_draft()
        return True

    def open_record(self, record_id: str) -> bool:
        """Open a saved record for editing (the records list calls this). False if refused. The
        record on screen, if changed, and a draft offered and not taken up stay drafts of their
        own; an unfinished change to this record is offered back."""
        try:
            record = records.get(self.workspace.db, record_id)
            form = self.registry.get(record.form_id, record.form_version)
        except UserError as error:
            self._show_status(error.text.get(self.language), ERROR_COLOUR)
            return False
        if self.record is not None and self.record.id == record_id and self.dirty and self.draft_banner.isHidden():
            return True    # it is on screen, changes and all
        kept = self._keep_screen_as_draft() or self.has_offered_draft()
        self._hide_banner()
        self.set_form(form)
        self.record = record
        self._keying = keying.Session(record.values)
        if record.deleted:
            self._show_deleted(record)
            return True
        self._leave_deleted()
        self.form_view.set_values(record.values, touched=True)
        self.dirty = False
        self._last_draft_json = ""
        self._update_mode()
        self.form_view.focus_first()
        self._show_status("")
        if kept:
            self._say_kept()
        unfinished = self.drafts.load(form.form_id, self.draft_key())
        if unfinished is not None:
            self._offer_draft(unfinished)
        return True

    def viewing_deleted(self) -> bool:
        return self.record is not None and self.record.deleted

    def _show_deleted(self, record: records.Record) -> None:
        """The deleted record read-only: its values, who deleted it and why; no rule messages."""
        self.form_view.set_values(record.values, touched=False)
        self.form_view.setEnabled(False)
        self.dirty = False
        self._last_draft_json = ""
        may = self.workspace.clerk_role in accounts.PERMISSIONS["delete"]
        self.deleted_text.setText(self.tr("This record was deleted (reason: %1). It is shown read-only.")
                                  .replace("%1", record.delete_reason or "—")
                                  + ("" if may else " " + self.tr("A supervisor or an administrator can restore it.")))
        self.undelete_button.setVisible(may)
        self.deleted_banner.show()
        for button in (self.save_button, self.draft_button):
            button.setEnabled(False)
        self._update_mode()
        self._show_problems(None)
        self._show_status("")
        if may:
            self.undelete_button.setFocus(Qt.OtherFocusReason)

    def _leave_deleted(self) -> None:
        if not self.deleted_banner.isHidden():
            self.deleted_banner.hide()
            self.form_view.setEnabled(True)
            for button in (self.save_button, self.draft_button):
                button.setEnabled(True)

    def _undelete_clicked(self) -> None:
        self.undelete()

    def undelete(self):
        """Take the deletion of the record on screen back (a reason is asked); returns the record."""
        if not self.viewing_deleted():
            return None
        reason = self.ask_undelete_reason()
        if not reason:
            return None
        record_id = self.record.id
        try:
            restored = form_entry.undelete(self.workspace, self.form, record_id, reason)
        except UserError as error:
            self._show_status(error.text.get(self.language), ERROR_COLOUR)
            return None
        self.recordSaved.emit(restored.id)
        self.open_record(restored.id)
        self._show_status(self.tr("Restored: %1").replace(
            "%1", identity.short_description(self.form, restored.values) or restored.id[:8]))
        return restored

    def ask_undelete_reason(self) -> str | None:
        dialog = ReasonDialog(self.tr("Restore a deleted record"),
                              self.tr("Say why this record counts again; the reason is kept in the audit trail."), self)
        if dialog.exec() != QDialog.Accepted:
            return None
        return dialog.reason().strip() or None

    def save(self):
        """Ctrl+S: complete and save the record; returns it, or None if not saved."""
        if self.form is None or not self.draft_banner.isHidden() or self.viewing_deleted():
            return None
        view = self.form_view
        state = view.flush()
        if state.errors:
            view.set_show_all(True)
            first = state.errors[0]
            view.focus_path(first.path)
            self._show_status(counted(len(state.errors), self.tr("Not saved: 1 error to correct first (see the list)."),
                                      self.tr("Not saved: %n errors to correct first (see the list).")),
                              ERROR_COLOUR, kind="not-saved")
            return None
        overrides = {}
        if state.warnings:
            overrides = self.ask_override_reasons(state.warnings)
            if overrides is None:
                self._show_status(self.tr("Not saved: each warning needs a reason."), WARNING_COLOUR)
                return None
        reason = None
        if self.record is not None and self.record.status == "complete":
            reason = self.ask_edit_reason()
            if reason is None:
                self._show_status(self.tr("Not saved: a change to a completed record needs a reason."),
                                  WARNING_COLOUR)
                return None
        return self._store(view.values(), complete=True, reason=reason, overrides=overrides)

    def save_draft(self):
        """Ctrl+Shift+S: keep the record in the store as a draft, problems and all."""
        if self.form is None or not self.draft_banner.isHidden() or self.viewing_deleted():
            return None
        if self.record is not None and self.record.status == "complete":
            self._show_status(self.tr("A completed record cannot go back to draft; save it with Ctrl+S."),
                              WARNING_COLOUR)
            return None
        return self._store(self.form_view.values(), complete=False)

    def _store(self, values: dict, *, complete: bool, reason=None, overrides=None):
        key = self.draft_key()   # the draft this save finishes (and no other)
        try:
            saved = form_entry.save(self.workspace, self.form, values, complete=complete,
                                    record_id=self.record.id if self.record else None, reason=reason,
                                    overrides=overrides or None,
                                    expected_version=self.record.version if self.record else None)
        except RecordRejected as error:
            self.form_view.set_show_all(True)
            self._show_status(error.text.get(self.language), ERROR_COLOUR)
            return None
        except UserError as error:
            self._show_status(error.text.get(self.language), ERROR_COLOUR)
            return None
        self.drafts.discard(self.form.form_id, key)
        if self._keying is not None:
            keying.record_session(self.workspace, self._keying, saved, self.form)
        self._show_status(self._saved_message(saved), "")
        self.recordSaved.emit(saved.id)
        self.start_new(carry=True, previous=saved.values)
        return saved

    def _saved_message(self, saved: records.Record) -> str:
        who = identity.display_name(self.form, saved.values) or saved.id[:8]
        number = identity.masked_id(self.form, saved.values)
        if number:
            who = f"{who} {number}"
        if saved.status == "draft":
            return self.tr("Kept as a draft: %1").replace("%1", str(who))
        return self.tr("Saved: %1").replace("%1", str(who))

    # -- questions (dialogs; tests answer them through the real widgets) -------------------
    def ask_override_reasons(self, warnings) -> dict | None:
        labels = {w.path: self.form_view.label_of(w.path) for w in warnings}
        dialog = OverrideDialog(warnings, labels, self.language, self)
        if dialog.exec() != QDialog.Accepted:
            return None
        return dialog.reasons()

    def ask_edit_reason(self) -> str | None:
        dialog = EditReasonDialog(self)
        if dialog.exec() != QDialog.Accepted:
            return None
        return dialog.reason()

    def confirm_discard(self) -> bool:
        box = QMessageBox(QMessageBox.Question, self.tr("Discard the record?"),
                          self.tr("The record on screen is not saved. Discard it and start another?"),
                          parent=self)
        discard = box.addButton(self.tr("Discard"), QMessageBox.DestructiveRole)
        keep = box.addButton(self.tr("Keep typing"), QMessageBox.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        return box.clickedButton() is discard

    # -- drafts ---------------------------------------------------------------------------
    def _edited(self) -> None:
        self.dirty = True

    def _field_committed(self, path: str) -> None:
        if self.dirty:
            self.write_draft(path)

    def write_draft(self, current_field: str = "") -> None:
        """Write the draft file if the values changed since the last write."""
        if self.form is None or not self.draft_banner.isHidden():
            return
        values = self.form_view.values()
        draft = Draft(form_id=self.form.form_id, form_version=self.form.version, values=values,
                      record_id=self.record.id if self.record else None,
                      record_version=self.record.version if self.record else None,
                      current_field=current_field, carry_forward=self.form_view.carry_forward(),
                      clerk=self.workspace.clerk or "", draft_id="" if self.record else self._draft_id)
        import json
        snapshot = json.dumps([values, draft.key, current_field], ensure_ascii=False, sort_keys=True)
        if snapshot == self._last_draft_json:
            return
        try:
            self.drafts.save(draft)
        except OSError as error:  # a full or failing disk must not stop the typing
            log.warning("draft not written: %s", error.strerror)
            self._show_status(self.tr("The draft could not be written to disk: %1").replace(
                "%1", str(error.strerror)), ERROR_COLOUR)
            return
        self._last_draft_json = snapshot

    def _offer_draft(self, draft: Draft | None = None) -> None:
        """Offer `draft` (else this clerk's newest of the form) in the banner, the form disabled."""
        draft = draft or self.drafts.load(self.form.form_id)
        if draft is None:
            self._hide_banner()
            return
        self._offered = draft
        who = identity.short_description(self.form, draft.values)
        when = (draft.saved_at or "")[:16].replace("T", " ")
        text = self.tr("An unfinished record was kept (last change %1). Continue it?").replace("%1", when)
        if who:
            text += "  " + who
        self.draft_text.setText(text)
        self.draft_banner.show()
        self.form_view.setEnabled(False)
        self.restore_button.setFocus(Qt.OtherFocusReason)

    def has_offered_draft(self) -> bool:
        return self._offered is not None and not self.draft_banner.isHidden()

    def restore_draft(self) -> None:
        draft = self._offered
        self._hide_banner()
        if draft is None:
            return
        self.record = None
        if draft.record_id:
            try:
                self.record = records.get(self.workspace.db, draft.record_id)
            except UserError:
                self.record = None
        try:
            form = self.registry.get(draft.form_id, draft.form_version)
        except UserError:
            form = self.registry.get(draft.form_id)
        if form is not self.form:
            self.set_form(form)
        self._draft_id = draft.draft_id or new_draft_id()
        self._keying = keying.Session(self.record.values if self.record else {})
        self.form_view.set_values(draft.values, touched=True)
        self.dirty = True
        self._update_mode()
        if draft.current_field and draft.current_field in self.form_view.rows:
            self.form_view.focus_next_after(draft.current_field)
        else:
            self.form_view.focus_first()
        self._show_status(self.tr("The unfinished record is back; only the field being typed was lost."))

    def discard_draft(self) -> None:
        if self._offered is not None:
            self.drafts.discard(self._offered.form_id, self._offered.key)
        self._hide_banner()
        self.form_view.focus_first()

    def _hide_banner(self) -> None:
        self._offered = None
        self.draft_banner.hide()
        if self.form_view is not None:
            self.form_view.setEnabled(True)

    # -- showing ----------------------------------------------------------------------------
    def _update_mode(self) -> None:
        if self.record is None:
            text = self.tr("New record")
        elif self.record.deleted:
            text = self.tr("Deleted record (read-only)")
        elif self.record.status == "complete":
            text = self.tr("Editing a completed record (a reason will be asked)")
        else:
            text = self.tr("Editing a draft record")
        self.mode_label.setText(text)

    def _show_status(self, text: str, colour: str = "", kind: str = "") -> None:
        """`kind` "not-saved": a refusal to save, cleared once the errors it names are gone."""
        self._status_kind = kind if text else ""
        self.status_label.setText(text)
        self.status_label.setStyleSheet(f"color: {colour};" if colour else "")

    def _show_problems(self, state) -> None:
        if state is None or self.viewing_deleted():    # a deleted record is not checked again
            self.summary_label.setText(self.tr("Deleted record: read-only"))
            self.problem_list.clear()
            return
        view = self.form_view
        shown = view.visible_violations(state)
        errors = sum(1 for v in shown if v.severity == "error")
        warnings = len(shown) - errors
        waiting = sum(1 for v in state.violations if v.code == "required" and v not in shown)
        parts = []
        if errors:
            parts.append(counted(errors, self.tr("1 error"), self.tr("%n errors")))
        if warnings:
            parts.append(counted(warnings, self.tr("1 warning"), self.tr("%n warnings")))
        if waiting:
            parts.append(counted(waiting, self.tr("1 required field still empty"),
                                 self.tr("%n required fields still empty")))
        self.summary_label.setText(" · ".join(parts) if parts else self.tr("No problems"))
        if not errors and self._status_kind == "not-saved":   # the refusal no longer holds
            self._show_status("")
        self.problem_list.clear()
        # a duplicate ID or possibly the same person (可能是同一人): the other record, one key away
        other = next((v for v in shown if getattr(v, "existing_record", None)), None)
        self._other_record = other.existing_record if other is not None else None
        self.open_other_button.setVisible(other is not None)
        if other is not None:
            self.open_other_button.setText(
                self.tr("Open the record of possibly the same person (Ctrl+Shift+O)")
                if other.code == "possible_duplicate" else self.tr("Open the record that has it (Ctrl+Shift+O)"))
        for violation in shown:
            label = view.label_of(violation.path)
            item = QListWidgetItem(self.tr("%1: %2").replace("%1", label)
                                   .replace("%2", _without_label(violation.message.get(self.language), label)))
            item.setData(Qt.UserRole, violation.path)
            item.setForeground(QBrush(QColor(ERROR_COLOUR if violation.severity == "error" else WARNING_COLOUR)))
            self.problem_list.addItem(item)

    def _open_other(self) -> None:
        if self._other_record and not self.open_other_button.isHidden():
            self.open_record(self._other_record)

    def _jump_to_problem(self, item: QListWidgetItem) -> None:
        self.form_view.focus_path(item.data(Qt.UserRole))
