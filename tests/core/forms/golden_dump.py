"""A complete, comparable picture of a FormDefinition (every field attribute, groups, layout,
choice lists), used to check that the shipped packs load identically whatever the loader does."""

from __future__ import annotations

import dataclasses

from desktop.core.forms.model import Field, Group
from desktop.core.i18n import Text


def _attributes(value, skip=()):
    """Every attribute but those still at their default (attributes added later for other
    forms then leave the recorded picture of the shipped packs as it was)."""
    out = {}
    for f in dataclasses.fields(value):
        if f.name in skip or f.name == "compiled":
            continue
        current = getattr(value, f.name)
        if f.default is not dataclasses.MISSING and current == f.default:
            continue
        if f.default_factory is not dataclasses.MISSING and current == f.default_factory():
            continue
        out[f.name] = _plain(current)
    return out


def _plain(value):
    if isinstance(value, Text):
        return {"en": value.en, "zh": value.zh}
    if isinstance(value, Field):
        return _attributes(value)
    if isinstance(value, Group):
        out = _attributes(value, skip=("children",))
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
