"""The form's own label languages, offered beside the interface language: `label::Français (fr)`
and the like are kept at load (`Field.other_labels`, `Choice.labels`); `in_language` gives the form
with its labels, hints and choice labels in one of them, each falling back to the interface
language (zh/en) where the form has no text in that language."""

from __future__ import annotations

import dataclasses

from desktop.core.forms.model import ChoiceList, Field, FormDefinition, Group
from desktop.core.i18n import Text

SETTING = "entry.label_language.{form_id}"  # the language chosen for a form ("" = the interface's)


def language_code(name: str) -> str:
    from desktop.core.forms.loader import language_code as code
    return code(name)


def languages(form: FormDefinition) -> list[str]:
    """The form's label languages as it names them (`中文 (zh)`, `English (en)`, `Français (fr)`),
    in sheet order; empty for a form in one language."""
    return list(form.languages) if len(form.languages) > 1 or any(
        language_code(name) not in ("zh", "en") for name in form.languages) else []


def _one(text: Text | None, others: dict, language: str, code: str, fallback: str) -> Text | None:
    if text is None and not others.get(language):
        return text
    if code in ("zh", "en") and text is not None:
        chosen = text.get(code)
    else:
        chosen = others.get(language) or (text.get(fallback) if text is not None else "")
    return Text(chosen, chosen)


def in_language(form: FormDefinition, language: str, fallback: str) -> FormDefinition:
    """`form` showing `language` (one of `languages(form)`); a text missing in it is shown in
    `fallback` ('zh' or 'en', the interface language). The copy shares the rules of `form`."""
    if not language or language not in form.languages:
        return form
    code = language_code(language)
    fields: dict[int, Field] = {}
    for f in form.fields:
        fields[id(f)] = dataclasses.replace(
            f, label=_one(f.label, f.other_labels, language, code, fallback) or f.label,
            hint=_one(f.hint, f.other_hints, language, code, fallback))

    def choice_label(choice):
        own = choice.labels.get(language, "")
        if own:
            return Text(own, own)
        chosen = choice.label.get(code if code in ("zh", "en") else fallback)
        return Text(chosen, chosen)

    choice_lists = {name: ChoiceList(listed.name, tuple(dataclasses.replace(c, label=choice_label(c))
                                                          for c in listed.choices), listed.codelist)
                    for name, listed in form.choice_lists.items()}
    groups: dict[int, Group] = {}

    def copy(item):
        if isinstance(item, Field):
            return fields.get(id(item), item)
        group = groups.get(id(item))
        if group is None:
            label = _one(item.label, {}, language, code, fallback) or item.label
            group = dataclasses.replace(item, label=label, children=[copy(child) for child in item.children])
            groups[id(item)] = group
        return group

    layout = tuple(copy(item) for item in form.layout)
    shown = dataclasses.replace(form, fields=tuple(fields[id(f)] for f in form.fields),
                                groups=tuple(copy(g) for g in form.groups), choice_lists=choice_lists,
                                layout=layout)
    shown.plan = form.plan
    return shown
