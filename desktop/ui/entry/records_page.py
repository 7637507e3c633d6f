"""The records list: search, filters, open and soft-delete, over the lazy RecordsModel.

Searching starts at two characters and waits ~150 ms after the last key, so typing a name never
queues a query per keystroke; each search is one indexed query well inside the 50 ms budget
(docs/CLIENT.md), so it runs on the GUI thread without a visible pause.

Keyboard: the search box has the cursor when the page is shown; Enter there opens the selected
(or first) row, Down moves into the list; Enter in the list opens, Delete deletes, Ctrl+N starts
a new record. The window links the signals: `openRequested`, `historyRequested`,
`crossCheckRequested` (ask another township about the record) and `newRecordRequested`.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.codelists import codelists_divisions
from desktop.core.entry import list_columns
from desktop.core.errors import UserError
from desktop.core.i18n import current_language
from desktop.core.store import records
from desktop.core.workspace import accounts
from desktop.ui.entry.reason_dialogs import ReasonDialog
from desktop.ui.entry.records_model import RecordFilter, RecordsModel
from desktop.ui.shell.empty_state import EmptyState
from desktop.ui.shell.formatting import counted
from desktop.ui.shell.messages import error_text
from desktop.ui.shell.paged_delegate import DisplayTextTable
from desktop.ui.shell.wrapping_row import WrappingRow, group

SEARCH_DELAY_MS = 150
MIN_SEARCH_CHARS = 2


class RecordsPage(QWidget):
    openRequested = Signal(str)
    historyRequested = Signal(str)
    crossCheckRequested = Signal(str)
    newRecordRequested = Signal()
    changed = Signal()          # a record deleted here: the status bar's unsent count follows

    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self.divisions = codelists_divisions.for_workspace(workspace)
        from desktop.core.entry.entry import registry

        self.model = RecordsModel(workspace.db, self, count_db_path=workspace.paths.db_path, divisions=self.divisions,
                                  forms=registry(workspace))

        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText(self.tr("Search: name, ID number, phone or pinyin initials"))
        self.search_edit.setClearButtonEnabled(True)
        digit = max(self.fontMetrics().horizontalAdvance("0"), 5)
        self.search_edit.setMinimumWidth(digit * 24)  # the placeholder may be cut; what is typed fits
        self.search_edit.returnPressed.connect(self.open_from_search)
        self.search_edit.installEventFilter(self)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.apply_filter)
        self.search_edit.textChanged.connect(lambda _text: self.search_timer.start())

        self.search_hint = QLabel(self.tr("Type at least two characters to search; until then the list shows "
                                          "every record."), self)
        self.search_hint.setWordWrap(True)
        self.search_hint.hide()
        self.search_edit.textChanged.connect(self._update_hint)
        self.form_combo = QComboBox(self)
        self.status_combo = QComboBox(self)
        for label, value in ((self.tr("Current records"), None), (self.tr("Drafts"), "draft"),
                             (self.tr("Complete"), "complete"), (self.tr("Deleted"), "deleted")):
            self.status_combo.addItem(label, value)
        self.village_combo = QComboBox(self)
        self.village_combo.addItem(self.tr("All villages"), None)
        for village in self.divisions.children(workspace.township or "", "village"):
            self.village_combo.addItem(village.name(current_language()), village.code)
        self.village_combo.setVisible(self.village_combo.count() > 1)
        self.date_check = QCheckBox(self.tr("Changed from"), self)
        self.date_from = QDateEdit(QDate.currentDate().addDays(-30), self)
        self.date_to = QDateEdit(QDate.currentDate(), self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
            edit.dateChanged.connect(lambda _date: self.apply_filter())
        self.date_check.toggled.connect(self._date_toggled)
        self.form_combo.currentIndexChanged.connect(lambda _index: self.apply_columns())
        for combo in (self.form_combo, self.status_combo, self.village_combo):
            combo.currentIndexChanged.connect(lambda _index: self.apply_filter())
            # narrower than the longest village name when the text is large: the list shows it whole
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(9)
        # the form's and the status's names read whole in English too ("Floating-population ...",
        # "Current records"); the search box gives up the width, the dates wrap at larger text
        self.form_combo.setMinimumContentsLength(16)
        self.status_combo.setMinimumContentsLength(13)

        # the records model answers only the display text: painted from its rows in one call a cell
        self.table = DisplayTextTable(self.model, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.sectionClicked.connect(self.sort_by_column)
        self.table.activated.connect(lambda _index: self.open_selected())   # Enter or a double click

        self.count_label = QLabel(self)
        self.model.totalChanged.connect(self._update_count)
        self.open_button = QPushButton(self.tr("&Open"), self)
        self.open_button.clicked.connect(self.open_selected)
        self.history_button = QPushButton(self.tr("Hi&story"), self)
        self.history_button.clicked.connect(self.history_selected)
        self.crosscheck_button = QPushButton(self.tr("As&k another township…"), self)
        self.crosscheck_button.setToolTip(self.tr("Send a cross-check request about this person"))
        self.crosscheck_button.clicked.connect(self.crosscheck_selected)
        self.crosscheck_button.setVisible(workspace.role == "township")
        self.columns_button = QPushButton(self.tr("Co&lumns…"), self)
        self.columns_button.setToolTip(self.tr("Choose the list's columns and its order"))
        self.columns_button.clicked.connect(self.choose_columns)
        self.export_button = QPushButton(self.tr("E&xport…"), self)
        self.export_button.setToolTip(self.tr("The records the list shows, to an Excel or CSV file"))
        self.export_button.clicked.connect(self.export_list)
        self.slip_button = QPushButton(self.tr("Print sl&ip…"), self)
        self.slip_button.setToolTip(self.tr("The selected record on one page for the person to sign (Ctrl+P)"))
        self.slip_button.clicked.connect(self.print_slip)
        self.print_list_button = QPushButton(self.tr("Print lis&t…"), self)
        self.print_list_button.setToolTip(self.tr("The records the list shows, as printed pages"))
        self.print_list_button.clicked.connect(self.print_list)
        self.reveal_button = QPushButton(self.tr("F&ull ID…"), self)
        self.reveal_button.setToolTip(self.tr("Show the selected person's ID number in full (with a reason, "
                                              "kept in the audit trail)"))
        self.reveal_button.clicked.connect(self.reveal_selected)
        self.reveal_button.setVisible(self.may_unmask())
        self.delete_button = QPushButton(self.tr("&Delete…"), self)
        self.delete_button.clicked.connect(self.delete_selected)
        self.delete_button.setEnabled(self.may_delete())
        if not self.may_delete():
            self.delete_button.setToolTip(self.tr("Only a supervisor or an administrator may delete records."))

        filters = QHBoxLayout()
        # the dates go onto a line of their own when larger text needs it (150 %, 175 %)
        self.filter_row = WrappingRow(
            group(self, self.search_edit, self.form_combo, self.status_combo, self.village_combo, stretch_at=0),
            group(self, self.date_check, self.date_from, QLabel("–", self), self.date_to), self)
        filters.addWidget(self.filter_row)
        actions = QHBoxLayout()
        actions.addWidget(self.count_label, 1)
        actions.addWidget(self.open_button)
        actions.addWidget(self.history_button)
        actions.addWidget(self.crosscheck_button)
        actions.addWidget(self.columns_button)
        actions.addWidget(self.export_button)
        actions.addWidget(self.slip_button)
        actions.addWidget(self.print_list_button)
        actions.addWidget(self.reveal_button)
        actions.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.search_hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self.empty_state = EmptyState(self.table, self._empty_text)
        QShortcut(QKeySequence("Ctrl+N"), self, self.newRecordRequested.emit,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_slip, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._fill_forms()
        self.apply_columns(reload=False)
        self.apply_filter()

    def title(self) -> str:
        return self.tr("Records")

    READ_WHEN_BUILT = True    # the window shows it with show_first, not a second read (refresh)

    def refresh(self) -> None:
        self.model.reload()
        self.show_first()

    def show_first(self) -> None:
        """What refresh does after reading: the count, and the search box focused."""
        self._update_count()
        if self.isVisible():
            self.search_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _empty_text(self) -> str:
        if self.model.record_filter != RecordFilter():
            return self.tr("No record matches. Search needs at least two characters: part of a name, "
                           "ID number or phone, or the pinyin initials of a name (e.g. zs).")
        if self.workspace.role == "township":
            return self.tr("No records yet. Press Ctrl+N to enter the first one.")
        return self.tr("No records yet. They arrive with the townships' sync bundles.")

    # -- filtering -----------------------------------------------------------------------------
    def _fill_forms(self) -> None:
        self.form_combo.blockSignals(True)
        self.form_combo.clear()
        self.form_combo.addItem(self.tr("All forms"), None)
        titles = {"floating_population": self.tr("Floating population"),
                  "certificate": self.tr("Certificates"), "equipment": self.tr("Equipment register")}
        for form_id in records.form_ids_in_use(self.workspace.db):
            self.form_combo.addItem(titles.get(form_id, form_id), form_id)
        self.form_combo.blockSignals(False)

    def _update_hint(self, text: str) -> None:
        self.search_hint.setVisible(0 < len(text.strip()) < MIN_SEARCH_CHARS)

    # -- columns and order ---------------------------------------------------------------------
    def apply_columns(self, reload: bool = True) -> None:
        """The columns and order the clerk chose for the form shown (kept per form)."""
        form_id = self.form_combo.currentData()
        choice = list_columns.load_choice(self.workspace.db, form_id)
        available = self.model.available_columns(form_id)
        columns = list_columns.by_key(available, choice.columns)
        sort = next((c for c in available if c.key == choice.sort), None)
        if reload:
            self.model.set_columns(columns, sort, choice.descending)
        else:
            self.model.set_columns(columns, sort, choice.descending, read=False)
        self._show_sort()
        self._size_columns()

    def _size_columns(self) -> None:
        digit = max(self.fontMetrics().horizontalAdvance("0"), 5)
        for index, _column in enumerate(self.model.columns):
            self.table.setColumnWidth(index, self._wanted_width(index, digit))
        self._widen_village(digit)

    def _wanted_width(self, index: int, digit: int) -> int:
        widths = {"name": 8, "id": 20, "sex": 5, "village": 15, "status": 7, "updated": 17, "created": 17,
                  "age": 4, "family": 6,
                  # a phone number and a date need no more, and leave room for larger text
                  "field:phone": 13, "field:arrival_date": 11, "field:birth_date": 11, "field:left_date": 11}
        from PySide6.QtGui import QFontMetrics

        header = self.table.horizontalHeader()
        bold = header.font()
        bold.setBold(True)
        column = self.model.columns[index]
        title = QFontMetrics(bold).horizontalAdvance(column.label.get(current_language())) + 32
        # Qt's own measure of the title, sort arrow and margins included, grows with the text size
        title = max(title, header.sectionSizeHint(index))
        return max(title, digit * widths.get(column.key, 20 if column.field else 12))

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        # only now is the table as wide as the window makes it: the village column takes what is spare
        QTimer.singleShot(0, self, lambda: self._widen_village(max(self.fontMetrics().horizontalAdvance("0"), 5)))

    def _widen_village(self, digit: int) -> None:
        """Width the list has to spare goes to the village column, up to its longest name (English
        names such as "Pingshu Residents' Committee" are long), so no village shows as "Pingshu …"."""
        keys = [c.key for c in self.model.columns]
        if "village" not in keys or len(keys) < 2:
            return
        index = keys.index("village")
        metrics = self.table.fontMetrics()
        longest = max((metrics.horizontalAdvance(self.village_combo.itemText(i))
                       for i in range(self.village_combo.count())), default=0) + 2 * digit
        now = self.table.columnWidth(index)
        # what the other columns need (the last one stretches: its own need, not its width now)
        used = sum(self._wanted_width(i, digit) for i in range(len(keys)) if i != index)
        spare = self.table.viewport().width() - used - now
        if longest > now and spare > 0:
            self.table.setColumnWidth(index, now + min(spare, longest - now))

    def _show_sort(self) -> None:
        header = self.table.horizontalHeader()
        sort = self.model.sort_column
        keys = [c.key for c in self.model.columns]
        if sort is not None and sort.key in keys:
            header.setSortIndicator(keys.index(sort.key), Qt.SortOrder.DescendingOrder if self.model.sort_descending
                                    else Qt.SortOrder.AscendingOrder)
        else:
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)

    def _save_choice(self) -> None:
        sort = self.model.sort_column
        choice = list_columns.Choice([c.key for c in self.model.columns], sort.key if sort else None,
                                     self.model.sort_descending)
        list_columns.save_choice(self.workspace.db, self.form_combo.currentData(), choice)

    def sort_by_column(self, index: int) -> None:
        """A click on a column's header: sort by it; a second click reverses the order."""
        columns = self.model.columns
        if not 0 <= index < len(columns):
            return                              # the "Found in" column of a search
        column = columns[index]
        descending = (not self.model.sort_descending) if self.model.sort_column == column else False
        self.model.set_columns(columns, column, descending)
        self._save_choice()
        self._show_sort()
        self._update_count()

    def choose_columns(self):
        """Columns…: which columns, sorted by which (kept for this form)."""
        from desktop.ui.entry.columns_dialog import ColumnsDialog

        dialog = ColumnsDialog(self.model.available_columns(self.form_combo.currentData()), self.model.columns,
                               self.model.sort_column, self.model.sort_descending, self)
        dialog.accepted.connect(lambda: self.set_chosen(dialog.chosen(), *dialog.sort()))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def set_chosen(self, columns, sort, descending: bool) -> None:
        self.model.set_columns(columns, sort, descending)
        self._save_choice()
        self._show_sort()
        self._size_columns()
        self._update_count()

    def _date_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self.apply_filter()

    def current_filter(self) -> RecordFilter:
        text = self.search_edit.text().strip()
        dated = self.date_check.isChecked()
        return RecordFilter(
            search=text if len(text) >= MIN_SEARCH_CHARS else "",
            form_id=self.form_combo.currentData(), status=self.status_combo.currentData(),
            village=self.village_combo.currentData(),
            date_from=self.date_from.date().toString("yyyy-MM-dd") if dated else None,
            date_to=self.date_to.date().toString("yyyy-MM-dd") if dated else None)

    def apply_filter(self) -> None:
        self.search_timer.stop()
        wanted = self.current_filter()
        if wanted != self.model.record_filter or self.model.rowCount() == 0:
            self.model.set_filter(wanted)
        self._update_count()

    def _update_count(self) -> None:
        if self.model.total_known():
            self.count_label.setText(counted(self.model.total(), self.tr("1 record"), self.tr("%n records")))
        else:
            self.count_label.setText(self.tr("%n or more records (counting…)", "", self.model.total()))

    # -- actions -------------------------------------------------------------------------------
    def selected_record_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            return self.model.record_id(rows[0].row())
        current = self.table.currentIndex()
        return self.model.record_id(current.row()) if current.isValid() else None

    def select_record(self, record_id: str) -> bool:
        """Put the cursor on the record's row (back from saving it): Down and Enter go on from there."""
        for row in range(self.model.rowCount()):
            if self.model.record_id(row) == record_id:
                self.table.selectRow(row)
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return False

    def open_selected(self) -> None:
        record_id = self.selected_record_id()
        if record_id:
            self.openRequested.emit(record_id)

    def open_from_search(self) -> None:
        """Enter in the search box: search now, then open the selected row or the first one."""
        self.apply_filter()
        if self.model.rowCount() == 0:
            return
        if not self.table.selectionModel().selectedRows():
            self.table.selectRow(0)
        self.open_selected()

    def crosscheck_selected(self) -> None:
        record_id = self.selected_record_id()
        if record_id:
            self.crossCheckRequested.emit(record_id)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        # Down in the search box moves into the list, on the first row
        if watched is self.search_edit and event.type() == event.Type.KeyPress \
                and event.key() == Qt.Key.Key_Down and self.model.rowCount():
            self.apply_filter()
            self.table.setFocus(Qt.FocusReason.TabFocusReason)
            if not self.table.selectionModel().selectedRows():
                self.table.selectRow(0)
            return True
        return super().eventFilter(watched, event)

    def history_selected(self) -> None:
        record_id = self.selected_record_id()
        if record_id:
            self.historyRequested.emit(record_id)

    def export_form(self) -> str | None:
        """The form an export of the list is of: the one chosen, else the only one with records."""
        chosen = self.form_combo.currentData()
        if chosen:
            return chosen
        in_use = records.form_ids_in_use(self.workspace.db)
        return in_use[0] if len(in_use) == 1 else None

    def export_list(self):
        """Export…: the records the list shows; a dialog (None when no single form is shown)."""
        from desktop.ui.entry.export_dialog import ExportDialog

        self.apply_filter()
        form_id = self.export_form()
        if form_id is None:
            QMessageBox.information(self, self.tr("Export the list"),
                                    self.tr("Choose a form in the list first: a spreadsheet holds the records "
                                            "of one form."))
            return None
        query_args = self.model.record_filter.with_(form_id=form_id).query_args(self.model.village_fields)
        dialog = ExportDialog(self.workspace, form_id, query_args, self.model.total(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def print_slip(self):
        """Print slip…: the selected record as a slip to sign (a dialog; None when no row is selected)."""
        from desktop.ui.entry.print_dialogs import PrintDialog

        record_id = self.selected_record_id()
        if not record_id:
            QMessageBox.information(self, self.tr("Print slip"), self.tr("Select a record in the list first."))
            return None
        dialog = PrintDialog(self.workspace, slip_of=record_id, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def print_list(self):
        """Print list…: what the list shows (its columns, order and the filters Export… applies:
        search, village, status, dates of last change) as printed pages."""
        from desktop.ui.entry.print_dialogs import PrintDialog

        self.apply_filter()
        form_id = self.export_form()
        if form_id is None:
            QMessageBox.information(self, self.tr("Print the list"),
                                    self.tr("Choose a form in the list first: a printed list holds the records "
                                            "of one form."))
            return None
        wanted = self.model.record_filter
        dialog = PrintDialog(self.workspace, list_of={"form_id": form_id, "search": wanted.search or None,
                                                      "village": wanted.village, "status": wanted.status,
                                                      "date_from": wanted.date_from, "date_to": wanted.date_to,
                                                      "columns": [c.key for c in self.model.columns]}, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def may_unmask(self) -> bool:
        return self.workspace.clerk_role in accounts.PERMISSIONS["unmask"]

    def reveal_record(self, record_id: str, reason: str) -> str:
        """The full ID number of `record_id`, shown in its row; the reveal is an audit event
        (desktop.core.entry.reveals). Raises UserError (no permission, no reason, no ID)."""
        from desktop.core.entry import reveals

        number = reveals.reveal_id(self.workspace, record_id, reason)
        if not self.model.show_full_id(record_id, number):
            QMessageBox.information(self, self.tr("Full ID number"), number)
        return number

    def reveal_selected(self) -> None:
        record_id = self.selected_record_id()
        if not record_id or not self.may_unmask():
            return
        dialog = ReasonDialog(self.tr("Full ID number"),
                              self.tr("The full ID number is shown until the list is read again. Showing it "
                                      "is kept in the audit trail with your name. Why is it needed?"), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self.reveal_record(record_id, dialog.reason())
        except UserError as error:
            QMessageBox.warning(self, self.tr("Full ID number"), error_text(error))

    def may_delete(self) -> bool:
        return self.workspace.clerk_role in accounts.PERMISSIONS["delete"]

    def delete_record(self, record_id: str, reason: str) -> records.Record:
        """Soft-delete one record; raises UserError (no permission, no reason, already deleted)."""
        accounts.require(self.workspace.clerk_role, "delete")
        deleted = records.delete(self.workspace.db, record_id, clerk=self.workspace.clerk or "", reason=reason)
        self.refresh()
        self.changed.emit()
        return deleted

    def delete_selected(self) -> None:
        record_id = self.selected_record_id()
        if not record_id:
            return
        if not self.may_delete():
            QMessageBox.information(self, self.tr("Delete record"),
                                    self.tr("Only a supervisor or an administrator may delete records."))
            return
        dialog = ReasonDialog(self.tr("Delete record"),
                              self.tr("The record stays in the file and the audit trail, marked deleted. "
                                      "Why is it deleted?"), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self.delete_record(record_id, dialog.reason())
        except UserError as error:
            QMessageBox.warning(self, self.tr("Delete record"), error_text(error))

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.key() == Qt.Key.Key_Delete and self.table.hasFocus():
            self.delete_selected()
            return
        super().keyPressEvent(event)
