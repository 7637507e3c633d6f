"""The values the app fills for XLSForm metadata fields (docs/FORMS.md, "Forms made elsewhere"):
`start` (when the record was first saved, kept afterwards), `end` (when it was last saved),
`username` (the clerk), `deviceid` (the installation: its township code); `phonenumber`, `email`,
`simserial`, `subscriberid` stay empty (a desk computer has none). `today` is a calculation
(`today()`) and needs nothing here."""

from __future__ import annotations

from datetime import datetime

from desktop.core.forms.model import FormDefinition


def fill(form: FormDefinition, values: dict, *, clerk: str, installation: str, now: datetime) -> dict:
    """`values` with the form's metadata fields filled (a copy; other values untouched)."""
    fields = [f for f in form.fields if f.metadata and not f.repeat]
    if not fields:
        return values
    out = dict(values)
    stamp = now.isoformat(timespec="seconds")
    for f in fields:
        if f.metadata == "start":
            out[f.name] = out.get(f.name) or stamp
        elif f.metadata == "end":
            out[f.name] = stamp
        elif f.metadata == "username":
            out[f.name] = clerk
        elif f.metadata == "deviceid":
            out[f.name] = installation
        else:
            out[f.name] = ""
    return out
