"""The records list's item model: lazy pages of 200 rows over desktop.core.store.records.

Only the rows scrolled into view are ever read (desktop.ui.shell.paged_model), each page one indexed
query (docs/CLIENT.md has the figures at 100,000 records); a row's display strings are made once,
when its page is read, so painting never touches the database or JSON. ID numbers are masked; the full number is shown in
the opened record, and in the list only after a supervisor or an administrator asks for it with a
reason (`show_full_id`, after desktop.core.entry.reveals.reveal_id has written the audit event) and
until the list is read again. The columns are the clerk's choice (desktop.core.entry.list_columns: which, and the
order each sorts by); while a search is on, an ID number shows the digits it matched in place and a
last column says where a match out of sight was found (a family member, the phone).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import Signal

from desktop.core.entry import identity, list_columns
from desktop.core.forms import roles
from desktop.core.i18n import current_language
from desktop.core.store import records
from desktop.ui.shell.formatting import division_name, short_time
from desktop.ui.shell.paged_model import KEY_ROLE, PAGE_SIZE, PagedTableModel

# The rows read when the list is (re)filtered: a screenful and more (the view asks for the next
# PAGE_SIZE as the clerk scrolls, or at once when its viewport is taller than these rows).
# Reading and formatting 200 rows made the main window of a county 1.5x slower than on an
# empty store (docs/PERFORMANCE.md).
FIRST_PAGE = 40

RECORD_ID_ROLE = KEY_ROLE


@dataclass(frozen=True)
class RecordFilter:
    search: str = ""
    form_id: str | None = None
    status: str | None = None      # "draft", "complete", "deleted" or None for current records
    village: str | None = None
    date_from: str | None = None   # YYYY-MM-DD, inclusive, on the last change
    date_to: str | None = None

    def with_(self, **changes) -> RecordFilter:
        return replace(self, **changes)

    def query_args(self, village_fields: dict[str, str] | None = None) -> dict:
        """The records.query arguments; `village_fields` is {form_id: the field with the village role}."""
        return records.list_filter(search=self.search, form_id=self.form_id, status=self.status,
                                   village=self.village, date_from=self.date_from, date_to=self.date_to,
                                   village_fields=village_fields)


def _count(db_path, args: dict) -> int:
    """Counts the matches on a worker thread, in its own read-only connection."""
    from desktop.core.store.db import connect

    db = connect(db_path, readonly=True)
    try:
        return records.count(db, **args)
    finally:
        db.conn.close()


class _PageLabels:
    """What every row of a page shows the same way: the translated words and the village names,
    looked up once a page instead of once a cell (the first page's rows are made before it shows)."""

    def __init__(self, words: dict[str, str], divisions):
        self.language = current_language()
        self.sex = {"1": words["male"], "2": words["female"]}
        self.deleted, self.draft = words["deleted"], words["draft"]
        self.complete, self.verified = words["complete"], words["verified"]
        self._divisions = divisions
        self._villages: dict[str, str] = {}

    def village(self, code) -> str:
        key = str(code or "")
        name = self._villages.get(key)
        if name is None:
            name = self._villages[key] = division_name(code, self._divisions)
        return name


class RecordsModel(PagedTableModel):
    """With `count_db_path`, a full first page is shown at once and the total is counted on a
    worker thread (`totalChanged` when known): a search then costs one pass over the index, not
    two. Without it (tests, small lists) the total is counted before the page is shown."""

    COLUMN_COUNT = 6
    totalChanged = Signal()

    def __init__(self, db, parent=None, count_db_path=None, divisions=None, forms=None):
        super().__init__(parent)
        self._db = db
        # `forms` (a FormRegistry) says which field of each form is the name, the ID, the village...
        self._forms = identity.FormLookup(forms)
        self._village_fields = roles.names_by_form(forms, roles.VILLAGE) if forms is not None else None
        self._divisions = divisions   # the installation's village names (the county's list if received)
        self._count_db_path = count_db_path
        self._filter = RecordFilter()
        self._total: int | None = 0
        self._generation = 0
        self._last_full = False      # the last page read was full: more may follow
        self._verified: set[str] = set()
        self._registry = forms
        self._form_for_columns = None
        self._columns = list_columns.by_key(self.available_columns(None), list_columns.DEFAULT)
        self._order = list_columns.order_by(None, False)
        self.sort_column: list_columns.ListColumn | None = None
        self.sort_descending = False
        self.COLUMN_COUNT = len(self._columns)

    # -- columns -------------------------------------------------------------------------------
    def available_columns(self, form_id: str | None) -> list[list_columns.ListColumn]:
        form = None
        if form_id and self._registry is not None:
            try:
                form = self._registry.get(form_id)
            except Exception:  # noqa: BLE001 - a form no longer installed: the role columns
                form = None
        names = {role: roles.names_by_form(self._registry, role) for role in roles.ROLES} \
            if self._registry is not None else None
        return list_columns.available(form, names)

    def set_columns(self, columns: list[list_columns.ListColumn], sort: list_columns.ListColumn | None = None,
                    descending: bool = False, read: bool = True) -> None:
        """Show `columns`, sorted by `sort` (None: the newest change first); reads the first page
        again (unless `read` is False: the next set_filter will)."""
        self._columns = list(columns)
        self._order = list_columns.order_by(sort, descending)
        self.sort_column, self.sort_descending = sort, descending
        if read:
            self.set_filter(self._filter)

    @property
    def columns(self) -> list[list_columns.ListColumn]:
        return list(self._columns)

    def sort(self, column: int, order=None) -> None:  # a click on a header (QTableView sorting)
        from PySide6.QtCore import Qt

        if 0 <= column < len(self._columns):
            self.set_columns(self._columns, self._columns[column], order == Qt.SortOrder.DescendingOrder)

    # -- loading -------------------------------------------------------------------------------
    def set_filter(self, record_filter: RecordFilter) -> None:
        self.beginResetModel()
        self._filter = record_filter
        self.COLUMN_COUNT = len(self._columns) + (1 if record_filter.search else 0)
        self._generation += 1
        self._rows = self._read_page(0, FIRST_PAGE)
        self._last_full = len(self._rows) == FIRST_PAGE
        if len(self._rows) < FIRST_PAGE:
            self._total = len(self._rows)      # the page holds every match: nothing to count
        elif self._count_db_path is None or records.counted_by_tallies(**record_filter.query_args(self._village_fields)):
            # without a search, village or dates the store's tallies answer at once, at any size
            self._total = records.count(self._db, **record_filter.query_args(self._village_fields))
        else:
            self._total = None
            from desktop.ui.shell.tasks import service

            db_path, args, generation = self._count_db_path, record_filter.query_args(self._village_fields), self._generation
            # beside the store worker: a read-only count must not wait behind an import
            service().run(lambda _progress: _count(db_path, args), parent=self, quiet=True, uses_store=False,
                          on_done=lambda total: self._counted(generation, total))
        self.endResetModel()
        self.totalChanged.emit()

    def _counted(self, generation: int, total: int) -> None:
        if generation == self._generation:    # an answer for an older filter is dropped
            self._total = max(total, len(self._rows))
            self.totalChanged.emit()

    @property
    def village_fields(self) -> dict[str, str] | None:
        return self._village_fields

    def total_known(self) -> bool:
        return self._total is not None

    def reload(self) -> None:
        self.set_filter(self._filter)

    @property
    def record_filter(self) -> RecordFilter:
        return self._filter

    def total(self) -> int:
        """The number of matches; while it is being counted, the rows read so far."""
        return len(self._rows) if self._total is None else self._total

    def _read_page(self, offset: int, size: int = PAGE_SIZE) -> list[tuple]:
        from desktop.core.quality import verification

        found = records.query(self._db, limit=size, offset=offset, order=self._order,
                              **self._filter.query_args(self._village_fields))
        # records verified by re-keying are marked in the status column
        self._verified = verification.verified_ids(self._db, [r.id for r in found if r.status == "complete"]) \
            if any(column.key == "status" for column in self._columns) else set()
        self._labels = self._page_labels()     # translations and village names looked up once a page
        return [self._display_row(record) for record in found]

    def _page_labels(self) -> _PageLabels:
        # the tr() calls stay in this class: the catalogue's context for them is RecordsModel
        return _PageLabels({"male": self.tr("Male"), "female": self.tr("Female"), "deleted": self.tr("Deleted"),
                            "draft": self.tr("Draft"), "complete": self.tr("Complete"),
                            "verified": self.tr("Complete, verified")}, self._divisions)

    def _display_row(self, record: records.Record) -> tuple:
        form = self._forms.for_record(record)
        search = self._filter.search
        row = [record.id, *(self._value(column, record, form, search) for column in self._columns)]
        if search:
            row.append(list_columns.match_note(form, record.values, search).get(self._labels.language))
        return tuple(row)

    def _value(self, column: list_columns.ListColumn, record: records.Record, form, search: str) -> str:
        values = record.values
        key = column.key
        if key == "name":
            return identity.display_name(form, values)
        if key == "id":
            number = identity.value_of(form, values, roles.PERSON_ID)
            if not number:
                return ""
            return list_columns.reveal_id(number, search) if search else identity.mask_id(number)
        labels = self._labels
        if key == "sex":
            return labels.sex.get(str(identity.value_of(form, values, roles.SEX)), "")
        if key == "village":
            return labels.village(identity.value_of(form, values, roles.VILLAGE))
        if key == "status":
            if record.deleted:
                return labels.deleted
            if record.status != "complete":
                return labels.draft
            return labels.verified if record.id in self._verified else labels.complete
        if key == "updated":
            return short_time(record.updated_at)
        if key == "created":
            return short_time(record.created_at)
        if key == "age":
            return list_columns.age(identity.value_of(form, values, roles.BIRTH_DATE))
        if key == "family":
            return list_columns.family_count(form, values)
        name = column.field
        value = values.get(name, "")
        if form is not None and form.has_field(name) and isinstance(value, str) and value:
            f = form.field(name)
            if f.role == roles.PERSON_ID or (f.type == "text" and f.constraint and "id_valid" in f.constraint):
                return identity.mask_id(value)
            choices = form.choices_for(name)
            if choices is not None:
                language = labels.language
                return "、".join((c.label.get(language) if (c := choices.get(part)) is not None else part)
                                for part in value.split()) if f.type == "select_multiple" else \
                    (choices.get(value).label.get(language) if choices.get(value) is not None else value)
        return "" if value is None else str(value)

    def _more_to_read(self) -> bool:
        if self._total is None:
            return self._last_full and bool(self._rows)
        return len(self._rows) < self._total

    def _page_read(self, page: list[tuple]) -> None:
        self._last_full = len(page) == PAGE_SIZE
        if len(page) < PAGE_SIZE and self._total is None:
            self._total = len(self._rows) + len(page)
        if not page:
            self._total = len(self._rows)  # records vanished under us: stop asking

    def _column_titles(self) -> tuple[str, ...]:
        language = current_language()
        titles = [column.label.get(language) for column in self._columns]
        if self._filter.search:
            titles.append(self.tr("Found in"))
        return tuple(titles)

    def show_full_id(self, record_id: str, number: str) -> bool:
        """Show `number` in place of the masked ID in the row of `record_id` until the list is read
        again; False when the list has no ID column or no such row."""
        column = next((i for i, c in enumerate(self._columns) if c.key == "id"), None)
        if column is None:
            return False
        for at, row in enumerate(self._rows):
            if row[0] == record_id:
                self._rows[at] = row[:column + 1] + (number,) + row[column + 2:]
                index = self.index(at, column)
                self.dataChanged.emit(index, index)
                return True
        return False

    def record_id(self, row: int) -> str | None:
        return self._rows[row][0] if 0 <= row < len(self._rows) else None
