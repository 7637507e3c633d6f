"""The records list's columns: which the clerk may choose, how the list sorts by each, what a
search matched.

The list always shows a record's name and masked ID; the clerk adds columns (arrival date, phone,
age, place of household registration, family count, any other field of the form) and sorts by
any of them. The choice is kept per form in the settings (`load_choice` / `save_choice`,
desktop.core.store.settings is the writer). Sorting is an ORDER BY over the record's JSON, so the
SQL stays here in core; the list's widgets ask for a column's `order`.

`match_note` says where a search matched when it is not in sight: inside the masked part of an
ID number (`reveal_id` shows the digits typed, in place, and nothing more), in the phone, or in a
family member.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from desktop.core import clock
from desktop.core.forms import roles
from desktop.core.i18n import Text
from desktop.core.store import settings
from desktop.core.store.db import transaction

SETTING_PREFIX = "list_columns:"
ALL_FORMS = "*"
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

BASE = ("name", "id", "sex", "village", "status", "updated")
DEFAULT = BASE
FIXED = ("name", "id")     # always shown


@dataclass(frozen=True)
class ListColumn:
    key: str          # "name", "id", "sex", "village", "status", "updated", "created", "age", "family",
                      # or "field:<name>"
    label: Text
    order: tuple[str, ...]   # the SQL expressions the list sorts by

    @property
    def field(self) -> str:
        return self.key.split(":", 1)[1] if self.key.startswith("field:") else ""


def _json(name: str) -> str:
    if not _NAME.match(name):
        raise ValueError(f"not a field name: {name!r}")
    return f"json_extract(data, '$.{name}')"


def _role_order(role: str, form, names) -> str:
    if form is not None:
        found = form.role_field(role)
        return _json(found.name if found is not None else roles.FALLBACK_NAMES[role][0])
    return roles.sql_value(role, names)


def _first_repeat(form):
    repeats = form.repeats if form is not None else ()
    return repeats[0] if repeats else None


def available(form=None, names_by_role: dict | None = None) -> list[ListColumn]:
    """The columns the list can show for `form` (None: every form, the role columns only).
    `names_by_role` {role: {form_id: field}} for the all-forms list (roles.names_by_form)."""
    names = names_by_role or {}
    out = [
        ListColumn("name", Text("Name", "姓名"), (_role_order(roles.PERSON_NAME, form, names.get(roles.PERSON_NAME)),)),
        ListColumn("id", Text("ID number", "身份证号"), (_role_order(roles.PERSON_ID, form, names.get(roles.PERSON_ID)),)),
        ListColumn("sex", Text("Sex", "性别"), (_role_order(roles.SEX, form, names.get(roles.SEX)),)),
        ListColumn("village", Text("Village", "村街"), (_role_order(roles.VILLAGE, form, names.get(roles.VILLAGE)),)),
        ListColumn("status", Text("Status", "状态"), ("deleted", "status")),
        ListColumn("updated", Text("Updated", "更新时间"), ("updated_at",)),
        ListColumn("created", Text("Entered", "录入时间"), ("created_at",)),
    ]
    if form is None or form.role_field(roles.BIRTH_DATE) is not None:
        birth = _role_order(roles.BIRTH_DATE, form, names.get(roles.BIRTH_DATE))
        # a greater age is an earlier birth date: the order is the birth date's, reversed
        out.append(ListColumn("age", Text("Age", "年龄"), (f"-julianday({birth})",)))
    repeat = _first_repeat(form)
    if repeat is not None:
        people = form.role_field(roles.PERSON_NAME, repeat.name) is not None
        label = Text("Family count", "家属人数") if people else Text(f"{repeat.label.en} (count)",
                                                                      f"{repeat.label.zh}数")
        out.append(ListColumn("family", label,
                              (f"json_array_length(data, '$.{repeat.name}')" if _NAME.match(repeat.name) else "0",)))
    if form is not None:
        from desktop.core.sheets.headers import importable_fields

        shown_by_role = {f.name for role in (roles.PERSON_NAME, roles.PERSON_ID, roles.SEX, roles.VILLAGE)
                         if (f := form.role_field(role)) is not None}
        for f in importable_fields(form):
            if f.name not in shown_by_role and _NAME.match(f.name):
                out.append(ListColumn(f"field:{f.name}", f.label, (_json(f.name),)))
    return out


def by_key(columns: list[ListColumn], keys) -> list[ListColumn]:
    """The columns named by `keys`, in that order, with the fixed ones first; unknown keys dropped."""
    index = {c.key: c for c in columns}
    chosen = [k for k in FIXED if k in index]
    chosen += [k for k in keys if k in index and k not in chosen]
    return [index[k] for k in chosen]


def order_by(column: ListColumn | None, descending: bool) -> str:
    """The list's ORDER BY: the column, then the newest change first."""
    if column is None:
        return "updated_at DESC, id"
    direction = "DESC" if descending else "ASC"
    parts = [f"{part} {direction}" for part in column.order]
    return ", ".join(parts) + ", updated_at DESC, id"


@dataclass
class Choice:
    columns: list[str]
    sort: str | None = None
    descending: bool = False


def load_choice(db, form_id: str | None) -> Choice:
    stored = settings.get(db, SETTING_PREFIX + (form_id or ALL_FORMS))
    if not isinstance(stored, dict) or not isinstance(stored.get("columns"), list):
        return Choice(list(DEFAULT))
    return Choice([str(k) for k in stored["columns"]], stored.get("sort") or None, bool(stored.get("descending")))


def save_choice(db, form_id: str | None, choice: Choice) -> None:
    with transaction(db):
        settings.put(db, SETTING_PREFIX + (form_id or ALL_FORMS),
                     {"columns": list(choice.columns), "sort": choice.sort, "descending": choice.descending})


# -- a record's values for the columns -----------------------------------------------------------

def age(birth_date, today: datetime.date | None = None) -> str:
    try:
        born = datetime.date.fromisoformat(str(birth_date)[:10])
    except ValueError:
        return ""
    today = today or clock.today()
    return str(today.year - born.year - ((today.month, today.day) < (born.month, born.day)))


def family_count(form, values: dict) -> str:
    repeat = _first_repeat(form)
    members = values.get(repeat.name if repeat is not None else "family")
    return str(len(members)) if isinstance(members, list) else "0"


# -- what a search matched -----------------------------------------------------------------------

def _digits(text: str) -> str:
    return str(text or "").strip().upper()


def reveal_id(number, query: str) -> str:
    """The masked ID with the characters the query matched shown in place, between brackets
    ('131025[1988]****3219' for '1988'); the plain masked ID when the query is not in it."""
    from desktop.core.entry.identity import mask_id

    number, query = _digits(number), _digits(query)
    masked = mask_id(number)
    at = number.find(query) if query else -1
    if at < 0:
        return masked
    end = at + len(query)
    return masked[:at] + "[" + number[at:end] + "]" + masked[end:]


def id_match_hidden(number, query: str) -> bool:
    """Whether `query` matches the ID only where the mask hides it."""
    from desktop.core.entry.identity import mask_id

    number, query = _digits(number), _digits(query)
    if not query or query not in number:
        return False
    masked = mask_id(number)
    at = number.find(query)
    return "*" in masked[at:at + len(query)]


def match_note(form, values: dict, query: str) -> Text:
    """Where a search matched when the name column does not show it ('' Text when it does)."""
    from desktop.core.entry import identity
    from desktop.core.store.search import search_text

    query = (query or "").strip()
    if len(query) < 2:
        return Text("", "")
    lowered = query.lower()
    name = identity.value_of(form, values, roles.PERSON_NAME)
    if name and lowered in search_text({"name": name}, ("name",)):
        return Text("", "")
    number = identity.value_of(form, values, roles.PERSON_ID)
    if number and _digits(query) in _digits(number):
        return Text("ID number", "身份号码")      # the ID column shows the digits matched
    phone = identity.value_of(form, values, roles.PHONE)
    if phone and lowered in str(phone).lower():
        return Text(f"Phone {phone}", f"电话 {phone}")
    repeat = _first_repeat(form)
    members = values.get(repeat.name if repeat is not None else "family")
    if isinstance(members, list):
        member_name = form.role_field(roles.PERSON_NAME, repeat.name) if repeat is not None else None
        member_id = form.role_field(roles.PERSON_ID, repeat.name) if repeat is not None else None
        name_key = member_name.name if member_name is not None else "member_name"
        id_key = member_id.name if member_id is not None else "member_id_number"
        for member in members:
            if not isinstance(member, dict):
                continue
            who = str(member.get(name_key) or "")
            number = member.get(id_key) or ""
            found_by_name = who and lowered in search_text({"n": who}, ("n",))
            found_by_id = number and _digits(query) in _digits(number)
            if found_by_name or found_by_id:
                shown = " ".join(p for p in (who, reveal_id(number, query) if number else "") if p)
                return Text(f"Family member {shown}", f"家属 {shown}")
    return Text("", "")
