"""Field roles: what a field *means* to the app, whatever the county named it.

The app does more with some fields than the form's own rules say: it checks a resident ID and
fills the birth date and sex from it, finds duplicates by it, masks it in lists; it shows a
record by its person's name, counts records by village, leaves people who have left out of the
current count, searches by name, ID and phone. A form says which field plays which part in the
`role` column of its survey sheet (our extension, docs/FORMS.md), so a county form whose ID
field is called `sfzh` gets the same features as the shipped one.

A role is used at most once per scope: once at the top level of the form and once inside each
repeat (the family members of a registration each have their own ID, birth date and sex).

Forms without a `role` column keep working through a documented fallback (`fallback_roles`):
the names the shipped forms have always used map to roles, so existing county forms and the
records already stored under those names behave as before.
"""

from __future__ import annotations

from desktop.core.i18n import Text

PERSON_ID = "person_id"  # resident ID number: ID check, birth date and sex from it, duplicates, masking
PERSON_NAME = "person_name"  # the person's name: how a record is shown, searched (with pinyin initials)
BIRTH_DATE = "birth_date"  # filled from the person_id of the same scope
SEX = "sex"  # GB/T 2261.1 code, filled from the person_id of the same scope
VILLAGE = "village"  # current residence: the records list's village column and filter, reports
STATUS = "status"  # present / left: people who left are not counted as current in reports
PHONE = "phone"  # searched
RECORD_NUMBER = "record_number"  # a non-person record's own number (certificate, asset): shown, searched
HUKOU = "hukou"  # place of household registration 户籍地: compared by the likely-duplicate search

ROLES = (PERSON_ID, PERSON_NAME, BIRTH_DATE, SEX, VILLAGE, STATUS, PHONE, RECORD_NUMBER, HUKOU)

ROLE_MEANINGS = {
    PERSON_ID: Text("resident ID number", "公民身份号码"),
    PERSON_NAME: Text("person's name", "姓名"),
    BIRTH_DATE: Text("date of birth", "出生日期"),
    SEX: Text("sex", "性别"),
    VILLAGE: Text("village of residence", "现居住村街"),
    STATUS: Text("present / left", "在本地/已离开状态"),
    PHONE: Text("phone", "联系电话"),
    RECORD_NUMBER: Text("record number", "编号"),
    HUKOU: Text("place of household registration", "户籍地"),
}

# the field types a role fits (roles not listed fit any type)
FIELD_TYPES = {PERSON_ID: ("text",), BIRTH_DATE: ("date",), SEX: ("select_one",)}

# The fallback for a form without a `role` column: the names used before roles existed.
# At the top level an exact name takes the role; in any scope (top level or a repeat) a field
# named `<prefix>id_number` is the person_id, and `<prefix>name`, `<prefix>birth_date`,
# `<prefix>sex` with the same prefix take person_name, birth_date and sex (so `member_id_number`
# fills `member_birth_date`, as the form view always did). Failing those names, a top-level field
# that is unique and checked with `id_valid(.)` is the person_id.
FALLBACK_NAMES = {
    PERSON_ID: ("id_number", "holder_id_number"),
    PERSON_NAME: ("name", "holder_name"),
    BIRTH_DATE: ("birth_date",),
    SEX: ("sex",),
    VILLAGE: ("village",),
    STATUS: ("status",),
    PHONE: ("phone",),
    RECORD_NUMBER: ("number", "cert_number", "asset_number", "asset_tag"),
    HUKOU: ("hukou_address",),
}
_ID_SUFFIX = "id_number"
_ID_CHECK = "id_valid(.)"
_FROM_ID = {PERSON_NAME: "name", BIRTH_DATE: "birth_date", SEX: "sex"}


def parse(value) -> str:
    """The role written in a cell, normalised ('' when empty)."""
    return str(value or "").strip().lower().replace("-", "_").replace(" ", "_")


def problem(role: str, scope: str, taken_by: tuple[str, int] | None) -> Text | None:
    """Why `role` cannot be given to a field of `scope` ('' the top level, else the repeat),
    or None. `taken_by` is (field name, row) of a field of the same scope holding it already."""
    if role not in ROLES:
        return Text(f"the role '{role}' is not known (roles: {', '.join(ROLES)})",
                    f"没有“{role}”这个角色（可用的角色：{'、'.join(ROLES)}）")
    if taken_by is not None:
        where_en = f" in the repeat '{scope}'" if scope else ""
        where_zh = f"重复组“{scope}”中" if scope else ""
        return Text(f"the role '{role}' is already given to '{taken_by[0]}' on row {taken_by[1]}{where_en}",
                    f"{where_zh}角色“{role}”已给了第 {taken_by[1]} 行的“{taken_by[0]}”")
    return None


def fallback_roles(fields) -> dict[str, str]:
    """{field name: role} for a form without a role column (see FALLBACK_NAMES)."""
    out: dict[str, str] = {}
    taken: set[tuple[str, str]] = set()  # (scope, role)

    def give(field, role):
        if field.name not in out and (field.repeat, role) not in taken:
            out[field.name] = role
            taken.add((field.repeat, role))

    fields = list(fields)
    by_scope: dict[str, list] = {}
    for field in fields:
        by_scope.setdefault(field.repeat, []).append(field)
    for scope, members in by_scope.items():
        names = {f.name: f for f in members}
        if not scope:
            for role, candidates in FALLBACK_NAMES.items():
                for name in candidates:
                    if name in names:
                        give(names[name], role)
                        break
        for field in members:
            if field.name.endswith(_ID_SUFFIX) and field.type == "text":
                prefix = field.name[: -len(_ID_SUFFIX)]
                if (scope, PERSON_ID) in taken and out.get(field.name) != PERSON_ID:
                    continue
                give(field, PERSON_ID)
                for role, stem in _FROM_ID.items():
                    if prefix + stem in names:
                        give(names[prefix + stem], role)
                break
        if not scope and ("", PERSON_ID) not in taken:
            # a form from before roles whose ID field has another name: its unique field checked
            # as a resident ID number (what the county compared across townships before roles)
            for field in members:
                if field.unique and field.type == "text" and _ID_CHECK in field.constraint.replace(" ", ""):
                    give(field, PERSON_ID)
                    break
    return out


def names_by_form(forms, role: str) -> dict[str, str]:
    """{form_id: name of the top-level field playing `role`} for `forms` (FormDefinitions, or a
    FormRegistry: its newest version of each form); forms without that role are left out."""
    if hasattr(forms, "latest"):
        forms = forms.latest()
    found = {}
    for form in forms or ():
        field = form.role_field(role)
        if field is not None:
            found[form.form_id] = field.name
    return found


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def sql_value(role: str, names: dict[str, str] | None = None, *, data: str = "data",
              form_column: str = "form_id") -> str:
    """An SQL expression for the value playing `role` in a record's JSON `data`. `names` is
    {form_id: field name} (names_by_form); None means the fallback name (FALLBACK_NAMES), which
    is also what a form missing from `names` falls back to. When every form uses the fallback
    name the expression is a plain json_extract, so the query plans stay as they were."""
    default = FALLBACK_NAMES[role][0]
    plain = f"json_extract({data}, {_quoted('$.' + default)})"
    others = {form_id: name for form_id, name in (names or {}).items() if name != default}
    if not others:
        return plain
    cases = " ".join(f"WHEN {_quoted(form_id)} THEN json_extract({data}, {_quoted('$.' + name)})"
                     for form_id, name in sorted(others.items()))
    return f"(CASE {form_column} {cases} ELSE {plain} END)"
