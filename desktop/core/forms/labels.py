"""`${field}` inside a label or hint, as ODK shows it: replaced by the field's current value (a
select's choice label in the language shown), so "How old is ${name}?" reads "How old is 张三?"."""

from __future__ import annotations

import re

from desktop.core.forms.model import FormDefinition
from desktop.core.i18n import Text

_REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_.\-]*)\}")


def references(text: Text | None) -> set[str]:
    """The fields a label or hint names, in either language."""
    if text is None:
        return set()
    return set(_REFERENCE.findall(text.en)) | set(_REFERENCE.findall(text.zh))


def _shown(form: FormDefinition, name: str, value, language: str) -> str:
    if value is None or value == "" or value == []:
        return ""
    if not form.has_field(name):
        return str(value)
    choices = form.choices_for(name)
    if choices is None:
        return str(value)
    picked = str(value).split() if form.field(name).type == "select_multiple" else [str(value)]
    return ", ".join(choices.get(code).label.get(language) if choices.get(code) else code for code in picked)


def interpolate(form: FormDefinition, text: Text | None, values: dict, scope: dict | None = None) -> Text | None:
    """`text` with each `${name}` replaced by its value: from `scope` first (the repeat row the
    label is in), then from the record's `values`; an empty value shows as nothing, as in Collect."""
    if text is None or "${" not in text.en + text.zh:
        return text
    scope = scope or {}

    def render(template: str, language: str) -> str:
        def one(match):
            name = match[1]
            value = scope.get(name, values.get(name))
            return _shown(form, name, value, language)
        return _REFERENCE.sub(one, template)

    return Text(render(text.en, "en"), render(text.zh, "zh"))
