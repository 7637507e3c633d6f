"""Entering a record: check it against the form's entry rules, then save it with its audit row.

This is the one path from collected values to the store, used by `township records add`, the
form view and the self-test. The rules come from the form pack (desktop.core.forms, run by
desktop.core.rules); what is saved is the engine's cleaned record: non-relevant fields cleared,
calculations filled, ID numbers upper-cased, with the form version it was entered with.
"""

from __future__ import annotations

from desktop.core.entry.form_entry import registry_for, rule_context, save
from desktop.core.forms.model import FormDefinition
from desktop.core.forms.registry import FormRegistry
from desktop.core.rules import FormState, Violation, evaluate_form
from desktop.core.store import records
from desktop.core.workspace.workspace import Workspace

__all__ = ["Violation", "add", "form_for", "rule_context", "check", "validate"]


def registry(workspace: Workspace) -> FormRegistry:
    """The forms of this installation (shipped plus installed), one registry per workspace."""
    return registry_for(workspace)


def form_for(workspace: Workspace, form_id: str, version: str | None = None) -> FormDefinition:
    return registry(workspace).get(form_id, version)


def check(workspace: Workspace, form_id: str, values: dict, record_id: str | None = None,
          version: str | None = None) -> tuple[FormDefinition, FormState]:
    """The form and the engine's full pass over `values` (what the form view shows)."""
    form = form_for(workspace, form_id, version)
    return form, evaluate_form(form, values, rule_context(workspace), record_id=record_id)


def validate(workspace: Workspace, form_id: str, values: dict, record_id: str | None = None) -> list[Violation]:
    return check(workspace, form_id, values, record_id)[1].violations


def add(workspace: Workspace, form_id: str, values: dict, *, status: str = "complete",
        overrides: dict | None = None) -> records.Record:
    """Validate and save a new record; RecordRejected lists what blocks it. A complete record
    needs no errors and a reason in `overrides` ({field path: reason}) for each warning."""
    return save(workspace, form_for(workspace, form_id), values, complete=status == "complete",
                overrides=overrides)
