"""What the entry rules need from outside the record: today's date, code lists, the township
the clerk works in, and a way to ask the store whether a `unique` value is already taken."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from desktop.core.forms import roles


@dataclass(frozen=True)
class ExistingRecord:
    """A record that already holds a value; `display` is a short description for the message
    (e.g. "张三, 东街村"), never the ID number itself."""

    record_id: str
    display: str = ""


# find_existing(form_id, field, value, exclude_record_id) -> the record holding the value, or None
FindExisting = Callable[[str, str, str, "str | None"], "ExistingRecord | str | None"]


def _today() -> datetime.date:
    return datetime.date.today()


@dataclass
class RuleContext:
    """Everything outside the record that the rules read.

    `today` is injectable so tests and back-dated entry are repeatable; `values` holds the
    settings expressions may read with `context('name')` (e.g. `township`, `county`);
    `find_existing` is provided by the store (a dict lookup in tests)."""

    today: datetime.date | Callable[[], datetime.date] = _today
    codelists: object | None = None  # desktop.core.codelists.codelists.CodeLists; None = the shipped ones
    values: Mapping[str, str] = field(default_factory=dict)
    find_existing: FindExisting | None = None
    now: datetime.datetime | Callable[[], datetime.datetime] | None = None
    # ${last-saved#field}: the values of the clerk's last saved record of a form, by form id
    # (desktop.core.entry.form_entry gives the store's; a dict of {form_id: values} in tests)
    last_saved: Callable[[str], Mapping[str, object]] | Mapping[str, Mapping[str, object]] | None = None

    def today_date(self) -> datetime.date:
        return self.today() if callable(self.today) else self.today

    def now_datetime(self) -> datetime.datetime:
        """now(): the injected moment, else the current local time (on today_date's day when
        today is injected), with the local offset."""
        if self.now is not None:
            return self.now() if callable(self.now) else self.now
        moment = datetime.datetime.now().astimezone()
        day = self.today_date()
        return moment.replace(year=day.year, month=day.month, day=day.day)

    def last_saved_value(self, form_id: str, name: str):
        """A field's value in the last saved record of `form_id`; '' when there is none (ODK:
        an empty node-set, a blank form the first time)."""
        if self.last_saved is None:
            return ""
        record = self.last_saved(form_id) if callable(self.last_saved) else self.last_saved.get(form_id)
        value = (record or {}).get(name)
        return "" if value is None or isinstance(value, list | dict) else value

    def code_lists(self):
        if self.codelists is None:
            from desktop.core.codelists.codelists import shipped_codelists
            self.codelists = shipped_codelists()
        return self.codelists

    def lookup_existing(self, form_id: str, field_name: str, value: str,
                        exclude_record_id: str | None) -> ExistingRecord | None:
        if self.find_existing is None:
            return None
        found = self.find_existing(form_id, field_name, value, exclude_record_id)
        if found is None or isinstance(found, ExistingRecord):
            return found
        if hasattr(found, "record_id"):  # the store's own small dataclass
            return ExistingRecord(str(found.record_id), str(getattr(found, "display", "") or ""))
        return ExistingRecord(record_id=str(found))


def dict_lookup(records: Mapping[str, Mapping[str, object]]) -> FindExisting:
    """A `find_existing` over {record_id: values} (tests and the CLI's dry runs)."""

    def find(form_id, field_name, value, exclude_record_id):
        for record_id, values in records.items():
            if record_id != exclude_record_id and str(values.get(field_name, "")) == value:
                name = next((values[n] for n in roles.FALLBACK_NAMES[roles.PERSON_NAME] if values.get(n)), "")
                return ExistingRecord(record_id, str(name))
        return None

    return find
