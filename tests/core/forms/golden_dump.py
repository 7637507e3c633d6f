"""A complete, comparable picture of a FormDefinition (every field attribute, groups, layout,
choice lists), used to check that the shipped packs load identically whatever the loader does."""

from __future__ import annotations

import dataclasses

from desktop.core.forms.model import Field, Group
from desktop.core.i18n import Text


def _plain(value):
    if isinstance(value, Text):
        return {"en": value.en, "zh": value.zh}
    if isinstance(value, Field):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)
                if f.name != "compiled"}
    if isinstance(value, Group):
        out = {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)
               if f.name not in ("compiled", "children")}
        out["children"] = [child.name for child in value.children]
        return out
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def dump(form) -> dict:
    return {
        "form_id": form.form_id, "version": form.version, "title": _plain(form.title),
        "default_language": form.default_language,
        "fields": [_plain(f) for f in form.fields],
        "groups": [_plain(g) for g in form.groups],
        "layout": [item.name for item in form.layout],
        "choice_lists": {name: {"codelist": cl.codelist,
                                "choices": [{"name": c.name, "label": _plain(c.label), "extra": c.extra}
                                            for c in cl]}
                         for name, cl in form.choice_lists.items()},
    }
