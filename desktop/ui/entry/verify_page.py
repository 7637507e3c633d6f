"""Verification by re-keying: a second clerk keys a batch's records again, blind, on the entry form.

The page lists the batches a supervisor selected (Ctrl+N on the page, desktop.ui.entry.
verify_batch_dialog, or `township verify-batch create`); Enter on one starts it, or resumes it at its first record not yet verified (after a sign-out too: what is
verified is in the store). Each record shows on the entry page's form view with its values
hidden. Leaving a field whose value differs from the one keyed stops there: the panel shows both
values, and 1 keeps the first entry, 2 takes this one, 3 keys it again. Ctrl+S finishes the
record (the fields not yet compared are compared first, each difference stopping likewise);
desktop.core.quality.verification stores the outcome and saves a value this entry won as an edit.
Escape goes back to the list of batches. A record deleted before it was verified is counted as
deleted, and settles the batch as a verified one does. Keyboard only throughout. Beside the
batches, Ctrl+D (supervisors and administrators) compares two independent entries of a register
(desktop.ui.entry.compare_dialog).

Page contract (desktop/ui/shell/pages.py): `VerifyPage(workspace, parent=None)`, `title()`, `refresh()`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.entry import form_entry, identity
from desktop.core.entry.field_names import FieldNames
from desktop.core.errors import RecordRejected, UserError
from desktop.core.i18n import current_language
from desktop.core.quality import verification
from desktop.core.rules import new_record
from desktop.core.workspace import accounts
from desktop.ui.entry.form_view import ERROR_COLOUR, WARNING_COLOUR, FormView
from desktop.ui.entry.reason_dialogs import OverrideDialog
from desktop.ui.shell.formatting import counted


class MismatchPanel(QFrame):
    """Both values of a field that differed; keys 1, 2 and 3 choose (the buttons too)."""

    def __init__(self, page: VerifyPage):
        super().__init__(page)
        self.page = page
        self.setFrameShape(QFrame.StyledPanel)
        self.setStyleSheet("MismatchPanel { background: #fff4d6; }")
        self.setFocusPolicy(Qt.StrongFocus)
        box = QVBoxLayout(self)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        box.addWidget(self.text)
        row = QHBoxLayout()
        self.keep_button = QPushButton(self)
        self.take_button = QPushButton(self)
        self.again_button = QPushButton(self)
        for button, choice in ((self.keep_button, "keep"), (self.take_button, "take"),
                               (self.again_button, "again")):
            button.setFocusPolicy(Qt.NoFocus)
            button.clicked.connect(lambda _=False, c=choice: page.choose(c))
            row.addWidget(button)
        box.addLayout(row)
        self.hide()

    def show_values(self, label: str, keyed: str, keyed_by: str, rekeyed: str) -> None:
        self.text.setText(self.tr("%1 differs. First entry (%2): %3 · This entry: %4")
                          .replace("%1", label).replace("%2", keyed_by)
                          .replace("%3", keyed or self.tr("(empty)")).replace("%4", rekeyed or self.tr("(empty)")))
        self.keep_button.setText(self.tr("1: Keep the first entry"))
        self.take_button.setText(self.tr("2: Take this entry"))
        self.again_button.setText(self.tr("3: Key it again"))
        self.show()
        self.setFocus(Qt.OtherFocusReason)

    def keyPressEvent(self, event):
        choice = {Qt.Key_1: "keep", Qt.Key_2: "take", Qt.Key_3: "again"}.get(event.key())
        if choice:
            self.page.choose(choice)
            return
        super().keyPressEvent(event)


class VerifyPage(QWidget):
    """See the module docstring."""

    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.language = current_language()
        self.registry = form_entry.registry_for(workspace)
        self.context = form_entry.rule_context(workspace)
        self.names = FieldNames(workspace)
        self.batch: verification.Batch | None = None
        self.item: verification.Item | None = None
        self.record = None
        self.form = None
        self.form_view: FormView | None = None
        self.differences: dict[str, verification.Difference] = {}   # fields compared and found different
        self.compared: set[str] = set()                              # fields compared (alike or resolved)
        self.first_rekeyed: dict[str, object] = {}                   # fields being keyed again
        self.pending: str | None = None                              # the field the panel is about
        self.new_batch_dialog = None
        self.compare_dialog = None
        self._build()
        self.refresh()

    def title(self) -> str:
        return self.tr("Verification")

    def refresh(self) -> None:
        if self.item is None:
            self._fill_batches()
            self.batch_list.setFocus(Qt.OtherFocusReason)
        elif self.pending:
            self.panel.setFocus(Qt.OtherFocusReason)

    # -- layout -----------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        self.stack = QStackedWidget(self)
        outer.addWidget(self.stack, 1)

        chooser = QWidget(self.stack)
        box = QVBoxLayout(chooser)
        intro = QLabel(self.tr("Batches to verify by re-keying (a supervisor selects them). Enter starts or "
                               "resumes the one chosen."), chooser)
        intro.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(intro, 1)
        self.new_batch_button = QPushButton(self.tr("New batch… (Ctrl+N)"), chooser)
        self.new_batch_button.setFocusPolicy(Qt.ClickFocus)
        self.new_batch_button.clicked.connect(self.new_batch)
        # only the roles that may choose what to verify see it (verification.create_batch checks too)
        self.new_batch_button.setVisible(self.workspace.clerk_role in accounts.PERMISSIONS["verify_select"])
        top.addWidget(self.new_batch_button)
        # the independent check beside the dependent one: two entries of a register compared
        self.compare_button = QPushButton(self.tr("Compare with another entry… (Ctrl+D)"), chooser)
        self.compare_button.setFocusPolicy(Qt.ClickFocus)
        self.compare_button.clicked.connect(self.compare_entries)
        self.compare_button.setVisible(self.workspace.clerk_role in accounts.PERMISSIONS["verify_select"])
        top.addWidget(self.compare_button)
        box.addLayout(top)
        QShortcut(QKeySequence("Ctrl+N"), chooser, self.new_batch, context=Qt.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Ctrl+D"), chooser, self.compare_entries, context=Qt.WidgetWithChildrenShortcut)
        self.batch_list = QListWidget(chooser)
        self.batch_list.itemActivated.connect(lambda item: self.start(item.data(Qt.UserRole)))
        box.addWidget(self.batch_list, 1)
        self.stack.addWidget(chooser)

        session = QWidget(self.stack)
        self.session_box = QVBoxLayout(session)
        self.session_box.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.heading = QLabel(session)
        self.heading.setWordWrap(True)
        self.finish_button = QPushButton(self.tr("Record verified (Ctrl+S)"), session)
        self.finish_button.setFocusPolicy(Qt.ClickFocus)
        self.finish_button.clicked.connect(self._finish_clicked)
        self.back_button = QPushButton(self.tr("Back to the batches (Esc)"), session)
        self.back_button.setFocusPolicy(Qt.ClickFocus)
        self.back_button.clicked.connect(self.leave)
        top.addWidget(self.heading, 1)
        top.addWidget(self.finish_button)
        top.addWidget(self.back_button)
        self.session_box.addLayout(top)
        self.panel = MismatchPanel(self)
        self.session_box.addWidget(self.panel)
        self.form_holder = QVBoxLayout()
        self.session_box.addLayout(self.form_holder, 1)
        self.stack.addWidget(session)

        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        outer.addWidget(self.status_label)
        QShortcut(QKeySequence("Ctrl+S"), session, self._finish_clicked, context=Qt.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Escape"), session, self.leave, context=Qt.WidgetWithChildrenShortcut)

    def _fill_batches(self) -> None:
        self.batch_list.clear()
        for batch in verification.batches(self.workspace.db):
            left = verification.left_for(self.workspace.db, batch.id, self.workspace.clerk or "")
            text = self.tr("Batch %1: %2 — %3 of %4 verified").replace("%1", str(batch.number)).replace(
                "%2", batch.describe().get(self.language)).replace("%3", str(batch.verified)).replace(
                "%4", str(batch.total))
            if batch.deleted:   # deleted before they were verified: settled, nothing to re-key
                text += " · " + counted(batch.deleted, self.tr("1 deleted"), self.tr("%n deleted"))
            if batch.done:
                text += " · " + self.tr("done")
            elif not left:
                text += " · " + self.tr("nothing left that you did not key yourself")
            item = QListWidgetItem(text)
            item.setData(Qt.UserRole, batch.id)
            self.batch_list.addItem(item)
        if self.batch_list.count():
            self.batch_list.setCurrentRow(0)

    def new_batch(self):
        """Ctrl+N (supervisors and administrators): the dialog choosing a new batch; once it is
        stored the list shows it, chosen, so Enter starts it."""
        if self.workspace.clerk_role not in accounts.PERMISSIONS["verify_select"] or self.item is not None:
            return None
        from desktop.ui.entry.verify_batch_dialog import NewBatchDialog

        dialog = NewBatchDialog(self.workspace, self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.created.connect(self._batch_created)
        dialog.finished.connect(self._batch_dialog_closed)
        dialog.open()
        self.new_batch_dialog = dialog
        return dialog

    def compare_entries(self):
        """Ctrl+D (supervisors and administrators): two independent entries of a register compared
        (desktop.ui.entry.compare_dialog); read-only, so nothing here refreshes after it."""
        if self.workspace.clerk_role not in accounts.PERMISSIONS["verify_select"] or self.item is not None:
            return None
        from desktop.ui.entry.compare_dialog import CompareDialog

        dialog = CompareDialog(self.workspace, self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.finished.connect(self._compare_dialog_closed)
        dialog.open()
        self.compare_dialog = dialog
        return dialog

    def _compare_dialog_closed(self, _result) -> None:
        self.compare_dialog = None
        self.window().activateWindow()
        self.batch_list.setFocus(Qt.OtherFocusReason)

    def _batch_dialog_closed(self, _result) -> None:
        self.new_batch_dialog = None
        self.window().activateWindow()   # back from the dialog: the list takes the keyboard again
        self.batch_list.setFocus(Qt.OtherFocusReason)

    def _batch_created(self, batch) -> None:
        self._fill_batches()
        for row in range(self.batch_list.count()):
            if self.batch_list.item(row).data(Qt.UserRole) == batch.id:
                self.batch_list.setCurrentRow(row)
        self._show_status(counted(batch.total, self.tr("Batch %1 created: 1 record to re-key."),
                                  self.tr("Batch %1 created: %n records to re-key.")).replace("%1", str(batch.number)))

    def _show_status(self, text: str, colour: str = "") -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet(f"color: {colour};" if colour else "")

    # -- a session --------------------------------------------------------------------------
    def start(self, batch_id: str) -> bool:
        """Start (or resume) the batch at its first record this clerk may verify."""
        self.batch = verification.batch(self.workspace.db, batch_id)
        return self._next()

    def _next(self) -> bool:
        self.item = verification.next_item(self.workspace.db, self.batch.id, self.workspace.clerk or "")
        if self.item is None:
            self._drop_form()
            self.stack.setCurrentIndex(0)
            self._fill_batches()
            self.batch_list.setFocus(Qt.OtherFocusReason)
            self._show_status(self.tr("Batch %1: no record left for you to verify.").replace(
                "%1", str(self.batch.number)))
            return False
        try:
            self.record = verification.start(self.workspace, self.item)
            self.form = self.registry.get(self.record.form_id, self.record.form_version)
        except UserError as error:
            self._show_status(error.text.get(self.language), ERROR_COLOUR)
            self.item = None
            return False
        self._drop_form()
        self.differences, self.compared, self.first_rekeyed, self.pending = {}, set(), {}, None
        self.panel.hide()
        self.form_view = FormView(self.form, self._evaluate, language=self.language, parent=self)
        self.form_holder.addWidget(self.form_view)
        self.form_view.fieldCommitted.connect(self._committed)
        self.form_view.endReached.connect(self._finish_clicked)
        self.form_view.set_values(new_record(self.form, self.context))   # blind: nothing of the first entry
        batch = verification.batch(self.workspace.db, self.batch.id)
        self.heading.setText(self.tr("Batch %1 · record %2 of %3 · keyed by %4").replace(
            "%1", str(batch.number)).replace("%2", str(self.item.position)).replace(
            "%3", str(batch.total)).replace("%4", self.item.keyed_by))
        self.stack.setCurrentIndex(1)
        self.form_view.focus_first()
        return True

    def _drop_form(self) -> None:
        if self.form_view is not None:
            self.form_view.stop()
            self.form_view.setParent(None)
            self.form_view.deleteLater()
            self.form_view = None

    def _evaluate(self, values: dict):
        return form_entry.evaluate(self.workspace, self.form, values, record_id=self.record.id, context=self.context)

    def leave(self) -> None:
        """Back to the batches; the record being re-keyed is not verified (it comes back first)."""
        self._drop_form()
        self.item = None
        self.pending = None
        self.panel.hide()
        self.stack.setCurrentIndex(0)
        self._fill_batches()
        self.batch_list.setFocus(Qt.OtherFocusReason)

    def close_down(self) -> None:
        if self.form_view is not None:
            self.form_view.stop()

    # -- comparing ----------------------------------------------------------------------------
    def _fields(self) -> list[str]:
        return [name for name in verification.compared_fields(self.form) if name in self.form_view.rows]

    def _committed(self, path: str) -> None:
        if self.pending or self.item is None or path in self.compared or path not in self._fields():
            return
        self._compare(path, then_focus=True)

    def _compare(self, path: str, *, then_focus: bool) -> bool:
        """True when the field agrees (or was resolved); else the panel stops at it."""
        keyed = self.record.values.get(path)
        rekeyed = self.form_view.values().get(path)
        if not verification.differs(keyed, rekeyed):
            if path in self.first_rekeyed:   # keyed again, and now as the first entry had it
                self.differences[path] = verification.Difference(path, keyed, self.first_rekeyed.pop(path),
                                                                 verification.KEYED)
            self.compared.add(path)
            return True
        self.pending = path
        self.form_view.focus_path(path)
        self.panel.show_values(self.form_view.label_of(path), self._shown(path, keyed), self.item.keyed_by,
                               self._shown(path, rekeyed))
        if then_focus:   # Enter moves on after the field is left: the panel takes the keyboard back
            QTimer.singleShot(0, self.panel, self._focus_panel)
        return False

    def _focus_panel(self) -> None:
        if self.pending and self.panel.isVisible():
            self.panel.setFocus(Qt.OtherFocusReason)

    def _shown(self, path: str, value) -> str:
        return self.names.value(self.form.form_id, path, value) if value not in (None, "") else ""

    def choose(self, choice: str) -> None:
        path = self.pending
        if path is None:
            return
        keyed = self.record.values.get(path)
        rekeyed = self.form_view.values().get(path)
        self.pending = None
        self.panel.hide()
        editor = self.form_view.editor(path)
        if choice == "again":
            self.first_rekeyed.setdefault(path, rekeyed)
            if editor is not None and hasattr(editor, "set_value"):
                editor.set_value("")
            self.form_view.focus_path(path)
            return
        first = self.first_rekeyed.pop(path, rekeyed)
        if choice == "keep":
            self.differences[path] = verification.Difference(path, keyed, first, verification.KEYED)
            if editor is not None and hasattr(editor, "set_value"):
                editor.set_value("" if keyed is None else keyed)
                self.form_view.flush()
        else:
            self.differences[path] = verification.Difference(path, keyed, rekeyed, verification.REKEYED)
        self.compared.add(path)
        self.form_view.focus_next_after(path)

    def _finish_clicked(self) -> None:
        self.finish()

    def finish(self):
        """Ctrl+S: compare what is left, then store the outcome and go on to the next record."""
        if self.item is None or self.pending:
            return None
        self.form_view.flush()
        for path in self._fields():
            if path not in self.compared and not self._compare(path, then_focus=False):
                return None
        overrides: dict = {}
        while True:
            try:
                saved = verification.finish(self.workspace, self.form, self.item, list(self.differences.values()),
                                            overrides=overrides)
                break
            except RecordRejected as rejected:
                warnings = [v for v in rejected.violations if v.severity == "warning"]
                if not warnings or len(warnings) != len(rejected.violations):
                    self._show_status(rejected.text.get(self.language), ERROR_COLOUR)
                    return None
                labels = {w.path: self.form_view.label_of(w.path) for w in warnings}
                dialog = OverrideDialog(warnings, labels, self.language, self)
                if dialog.exec() != QDialog.Accepted:
                    self._show_status(self.tr("Not verified: each warning needs a reason."), WARNING_COLOUR)
                    return None
                overrides.update(dialog.reasons())
            except UserError as error:
                self._show_status(error.text.get(self.language), ERROR_COLOUR)
                return None
        changed = sum(1 for d in self.differences.values() if d.chosen == verification.REKEYED)
        who = identity.display_name(self.form, saved.values) or saved.id[:8]
        differed = counted(len(self.differences), self.tr("1 field differed"), self.tr("%n fields differed"))
        self._show_status(self.tr("Verified: %1 (%2, %3 changed)").replace("%1", str(who)).replace(
            "%2", differed).replace("%3", str(changed)))
        self._next()
        return saved
