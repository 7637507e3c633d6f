"""The records list's item model: lazy pages of 200 rows over desktop.core.store.records.

Only the rows scrolled into view are ever read (desktop.ui.shell.paged_model), each page one indexed
query (docs/CLIENT.md has the figures at 100,000 records); a row's display strings are made once,
when its page is read, so painting never touches the database or JSON. ID numbers are masked; the full number is shown only in
the opened record.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import Signal

from desktop.core.entry import identity
from desktop.core.forms import roles
from desktop.core.store import records
from desktop.ui.shell.formatting import division_name, short_time
from desktop.ui.shell.paged_model import KEY_ROLE, PAGE_SIZE, PagedTableModel

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

    # -- loading -------------------------------------------------------------------------------
    def set_filter(self, record_filter: RecordFilter) -> None:
        self.beginResetModel()
        self._filter = record_filter
        self._generation += 1
        self._rows = self._read_page(0)
        if len(self._rows) < PAGE_SIZE:
            self._total = len(self._rows)      # the page holds every match: nothing to count
        elif self._count_db_path is None:
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

    def _read_page(self, offset: int) -> list[tuple]:
        found = records.query(self._db, limit=PAGE_SIZE, offset=offset, **self._filter.query_args(self._village_fields))
        return [self._display_row(record) for record in found]

    def _display_row(self, record: records.Record) -> tuple:
        values = record.values
        form = self._forms.for_record(record)
        sex_code = identity.value_of(form, values, roles.SEX)
        sex = {"1": self.tr("Male"), "2": self.tr("Female")}.get(str(sex_code), "")
        if record.deleted:
            status = self.tr("Deleted")
        else:
            status = self.tr("Complete") if record.status == "complete" else self.tr("Draft")
        return (record.id, identity.display_name(form, values),
                identity.masked_id(form, values), sex,
                division_name(identity.value_of(form, values, roles.VILLAGE), self._divisions), status,
                short_time(record.updated_at))

    def _more_to_read(self) -> bool:
        if self._total is None:
            return len(self._rows) % PAGE_SIZE == 0 and bool(self._rows)
        return len(self._rows) < self._total

    def _page_read(self, page: list[tuple]) -> None:
        if len(page) < PAGE_SIZE and self._total is None:
            self._total = len(self._rows) + len(page)
        if not page:
            self._total = len(self._rows)  # records vanished under us: stop asking

    def _column_titles(self) -> tuple[str, ...]:
        return (self.tr("Name"), self.tr("ID number"), self.tr("Sex"), self.tr("Village"),
                self.tr("Status"), self.tr("Updated"))

    def record_id(self, row: int) -> str | None:
        return self._rows[row][0] if 0 <= row < len(self._rows) else None
