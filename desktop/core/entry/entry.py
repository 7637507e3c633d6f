"""Entering a record: check it against the form's entry rules, then save it with its audit row.

This is the one path from collected values to the store, used by `township records add`, the
form view and the self-test. The rules come from the form pack (desktop.core.forms, run by
desktop.core.rules); what is saved is the engine's cleaned record: non-relevant fields cleared,
calculations filled, ID numbers upper-cased, with the form version it was entered with.
"""

from __future__ import annotations

from desktop.core import clock
from desktop.core.errors import UserError
from desktop.core.forms.model import FormDefinition
from desktop.core.forms.registry import FormRegistry
from desktop.core.rules import ExistingRecord, FormState, RuleContext, Violation, evaluate_form
from desktop.core.store import records
from desktop.core.workspace.workspace import Workspace

__all__ = ["Violation", "add", "form_for", "rule_context", "check", "validate"]


def registry(workspace: Workspace) -> FormRegistry:
    """The forms of this installation (shipped plus installed), one registry per workspace."""
    found = getattr(workspace, "_form_registry", None)
    if found is None:
        found = FormRegistry.for_data_dir(workspace.paths)
        object.__setattr__(workspace, "_form_registry", found)
    return found


def form_for(workspace: Workspace, form_id: str, version: str | None = None) -> FormDefinition:
    return registry(workspace).get(form_id, version)


def rule_context(workspace: Workspace) -> RuleContext:
    """Today (from desktop.core.clock, so a faked clock applies), this township (village
    choices) and the store's uniqueness lookup."""

    def find_existing(form_id, field_name, value, exclude_record_id):
        found = records.find_by_key(workspace.db, form_id, field_name, value, exclude_record_id)
        if not found:
            return None
        return ExistingRecord(found.record_id, _existing_display(workspace, found.record_id) or found.display)

    values = {"township": workspace.township or "", "county": workspace.county or ""}
    return RuleContext(today=clock.today, values=values, find_existing=find_existing,
                       codelists=registry(workspace).codelists)


def _existing_display(workspace: Workspace, record_id: str) -> str:
    """'张三 (1a2b3c4d, 2026-11-20)': the holder of a duplicate, named by its form's name role
    (or its own number), whatever the field is called."""
    from desktop.core.entry import identity

    try:
        record = records.get(workspace.db, record_id)
    except UserError:
        return ""
    form = identity.FormLookup(registry(workspace)).for_record(record)
    label = identity.display_name(form, record.values)
    return f"{label} ({record.id[:8]}, {record.created_at[:10]})".strip()


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
    from desktop.core.entry.form_entry import save

    return save(workspace, form_for(workspace, form_id), values, complete=status == "complete",
                overrides=overrides)
