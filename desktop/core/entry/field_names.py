"""A form field's label (and a code's meaning) in the clerk's language, for lists and reports
that name fields.

The audit trail, the correction tasks and the daily summary's overridden warnings store field
names ("phone") and codes ("1"); a clerk should read "联系电话" and "男". Forms are read once per form id from the installation's
registry; an unknown form or field falls back to the stored name, never to an error.
"""

from __future__ import annotations

import logging

from desktop.core.errors import UserError
from desktop.core.i18n import current_language

log = logging.getLogger("township.forms")


class FieldNames:
    def __init__(self, workspace):
        self.workspace = workspace
        self._forms: dict[str, object] = {}

    def _form(self, form_id: str | None):
        if not form_id:
            return None
        if form_id not in self._forms:
            try:
                from desktop.core.entry import form_entry

                self._forms[form_id] = form_entry.registry_for(self.workspace).get(form_id)
            except (UserError, OSError):
                log.info("form %s is not installed; field names shown as stored", form_id)
                self._forms[form_id] = None
        return self._forms[form_id]

    def form(self, form_id: str | None):
        """The installed definition of `form_id`, or None."""
        return self._form(form_id)

    def label(self, form_id: str | None, name: str) -> str:
        form = self._form(form_id)
        if form is None or not name or not form.has_field(name):
            return name
        return form.field(name).label.get(current_language()) or name

    def value(self, form_id: str | None, name: str, value) -> str:
        """A code shown as its label ("1" -> "男"); anything else unchanged."""
        form = self._form(form_id)
        if form is None or not name or not form.has_field(name) or not isinstance(value, str):
            return value
        choices = form.choices_for(name)
        choice = choices.get(value) if choices is not None else None
        return choice.label.get(current_language()) if choice is not None else value
