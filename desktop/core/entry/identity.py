"""What a record's person fields mean, found by role rather than by name.

A form says which field is the resident ID, the name, the birth date... (`role` column,
desktop.core.forms.roles). This module answers the questions the entry page, the records list,
the cross-check dialogs and the command line ask about a record, whatever the county called its
fields: what a valid resident ID implies (birth date and sex, filled as the clerk types), how an
ID is masked on screen, and the short "name + masked ID" a record is shown by.
"""

from __future__ import annotations

from desktop.core import clock
from desktop.core.forms import roles
from desktop.core.forms.model import FormDefinition


def identity_from_id(text: str) -> dict[str, str] | None:
    """{'birth_date': 'YYYY-MM-DD', 'sex': '1'|'2'} for a valid resident ID number, else None."""
    # the rules package loads the expression grammar (lark): not for the masking and naming below,
    # which the command line and lists use before any form is evaluated
    from desktop.core.rules.functions import id_number_birth_date, id_number_sex, id_number_valid
    from desktop.core.rules.values import half_width

    text = half_width(text or "").strip().replace(" ", "").upper()
    if not id_number_valid(text, clock.today()):
        return None
    birth = id_number_birth_date(text)
    return {roles.BIRTH_DATE: birth.isoformat(), roles.SEX: id_number_sex(text)}


def mask_id(text) -> str:
    """131025198802143219 -> 131025********3219: region and last four kept, birth date hidden
    (docs/DOMAIN.md). A value of ten characters or fewer (a partial or mistyped ID) would show
    whole with six and four kept: it is hidden entirely. The one masker of ID numbers on screen,
    in lists, messages and command output (logs are redacted by desktop.core.logs)."""
    text = str(text or "")
    if len(text) <= 10:
        return "*" * len(text)
    return text[:6] + "*" * (len(text) - 10) + text[-4:]


def _split(path: str) -> tuple[str, str, str]:
    """'family/0/member_id_number' -> ('family', 'family/0/', 'member_id_number'); 'x' -> ('', '', 'x');
    in a repeat inside a repeat, the innermost: 'hh/0/member/1/id' -> ('member', 'hh/0/member/1/', 'id')."""
    parts = path.split("/")
    if len(parts) >= 3:
        return parts[-3], "/".join(parts[:-1]) + "/", parts[-1]
    return "", "", parts[-1]


def derived_from_id(form: FormDefinition, path: str, value) -> dict[str, str]:
    """{path: value} of the birth date and sex a valid resident ID typed at `path` implies,
    for the fields playing those roles beside it (same repeat instance); {} when the field at
    `path` is not the person_id of its scope or the ID is not valid."""
    repeat, prefix, name = _split(path)
    id_field = form.role_field(roles.PERSON_ID, repeat)
    if id_field is None or id_field.name != name:
        return {}
    identity = identity_from_id(str(value or ""))
    if identity is None:
        return {}
    out = {}
    for role in (roles.BIRTH_DATE, roles.SEX):
        target = form.role_field(role, repeat)
        if target is not None:
            out[prefix + target.name] = identity[role]
    return out


def value_of(form: FormDefinition | None, values: dict, role: str, default: str = ""):
    """The top-level value playing `role` in a record of `form` ('' if none). Without a form
    definition (a record of a form no longer installed) the fallback names decide."""
    if form is not None:
        found = form.role_field(role)
        return values.get(found.name, default) if found is not None else default
    for name in roles.FALLBACK_NAMES.get(role, ()):
        if values.get(name) not in (None, ""):
            return values[name]
    return default


def masked_id(form: FormDefinition | None, values: dict) -> str:
    """The record's resident ID, masked ('' if it has none)."""
    number = value_of(form, values, roles.PERSON_ID)
    return mask_id(number) if number else ""


def id_field_names(form: FormDefinition | None) -> frozenset[str]:
    """The names of the fields holding a person's ID number, in repeats too (a household's
    members); without a definition, the fallback names."""
    if form is None:
        return frozenset(roles.FALLBACK_NAMES[roles.PERSON_ID])
    return frozenset(f.name for f in form.fields if f.role == roles.PERSON_ID)


def masked_values(form: FormDefinition | None, values: dict) -> dict:
    """A copy of a record's values with every ID number masked, inside repeat rows too: what
    command output shows unless a supervisor unmasks it (desktop.core.entry.reveals)."""
    names = id_field_names(form)

    def walk(value):
        if isinstance(value, dict):
            return {k: (mask_id(v) if k in names and v not in (None, "") and not isinstance(v, dict | list)
                        else walk(v)) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(item) for item in value]
        return value

    return walk(values)


def display_name(form: FormDefinition | None, values: dict) -> str:
    """What a record is called in lists and messages: the person's name, else its own number."""
    return str(value_of(form, values, roles.PERSON_NAME) or value_of(form, values, roles.RECORD_NUMBER) or "")


def short_description(form: FormDefinition | None, values: dict) -> str:
    """'张三 131025********3219': the name and the masked ID, as far as the record has them."""
    return " ".join(part for part in (display_name(form, values), masked_id(form, values)) if part)


class FormLookup:
    """The definition a stored record was entered with, from a FormRegistry, cached per
    (form_id, version); None for a form the installation no longer has (then the fallback
    names decide). Lists and exports call it per row, so it must be cheap after the first."""

    def __init__(self, registry):
        self.registry = registry
        self._cache: dict[tuple[str, str | None], FormDefinition | None] = {}

    def __call__(self, form_id: str, version: str | None = None) -> FormDefinition | None:
        key = (form_id, version)
        if key not in self._cache:
            found = None
            if self.registry is not None:
                try:
                    found = self.registry.get(form_id, version)
                except Exception:  # noqa: BLE001 - an unknown form or version: show the record by fallback names
                    try:
                        found = self.registry.get(form_id)
                    except Exception:  # noqa: BLE001
                        found = None
            self._cache[key] = found
        return self._cache[key]

    def for_record(self, record) -> FormDefinition | None:
        return self(record.form_id, getattr(record, "form_version", None))
