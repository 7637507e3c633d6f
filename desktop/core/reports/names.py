"""Names printed on reports: forms, townships and villages, in both languages.

Villages and townships come from the divisions code list (the installation's, when the caller
passes `codelists_divisions.for_data_dir(paths)`; the shipped one otherwise); a code the list
does not know is printed as the code itself (a village code from an older list stays legible).
"""

from __future__ import annotations

from desktop.core.codelists import codelists_divisions
from desktop.core.i18n import Text

# the shipped form packs (resources/forms); an unknown form id is printed as it is
FORM_NAMES = {
    "floating_population": Text("Floating-population registration", "流动人口登记"),
    "certificate": Text("Certificates", "证明"),
    "equipment": Text("Equipment register", "设备台账"),
}
NO_VILLAGE = Text("(no village)", "（未填村街）")


def form_name(form_id: str | None) -> Text:
    return FORM_NAMES.get(form_id or "", Text(form_id or "?", form_id or "?"))


def division_name(code: str | None, divisions: codelists_divisions.Divisions | None = None) -> Text:
    if not code:
        return NO_VILLAGE
    division = (divisions or codelists_divisions.shipped()).find(code)
    if division is None:
        return Text(str(code), str(code))
    return Text(division.name_en, division.name_zh)


def field_label(forms, form_id: str | None, path: str) -> Text:
    """A field's label as the form says it ("arrival_date" -> 来本地日期); a field inside a repeat
    ("family/0/member_name") by its own name; the stored name when the form does not know it."""
    from desktop.core.errors import UserError

    name = path.rsplit("/", 1)[-1]
    try:
        form = forms.get(form_id)
    except (UserError, OSError):
        return Text(path, path)
    return form.field(name).label if form.has_field(name) else Text(path, path)
