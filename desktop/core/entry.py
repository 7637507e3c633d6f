"""Entering a record: check it against the form's entry rules, then save it with its audit row.

This is the one path from collected values to the store, used by `township records add`, the
form view and the self-test. The rules come from the form pack (desktop.core.forms, run by
desktop.core.rules); what is saved is the engine's cleaned record: non-relevant fields cleared,
calculations filled, ID numbers upper-cased, with the form version it was entered with.
"""

from __future__ import annotations

from desktop.core import records
from desktop.core.errors import RecordRejected, UserError
from desktop.core.forms.model import FormDefinition
from desktop.core.forms.registry import FormRegistry
from desktop.core.i18n import Text
from desktop.core.rules import FormState, RuleContext, Violation, evaluate_form
from desktop.core.workspace import Workspace

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
    """Today, this township (village choices) and the store's uniqueness lookup."""

    def find_existing(form_id, field_name, value, exclude_record_id):
        return records.find_by_key(workspace.db, form_id, field_name, value, exclude_record_id)

    values = {"township": workspace.township or "", "county": workspace.county or ""}
    return RuleContext(values=values, find_existing=find_existing)


def check(workspace: Workspace, form_id: str, values: dict, record_id: str | None = None,
          version: str | None = None) -> tuple[FormDefinition, FormState]:
    """The form and the engine's full pass over `values` (what the form view shows)."""
    form = form_for(workspace, form_id, version)
    return form, evaluate_form(form, values, rule_context(workspace), record_id=record_id)


def validate(workspace: Workspace, form_id: str, values: dict, record_id: str | None = None) -> list[Violation]:
    return check(workspace, form_id, values, record_id)[1].violations


def add(workspace: Workspace, form_id: str, values: dict, *, status: str = "complete",
        overrides: dict | None = None) -> records.Record:
    """Validate and save a new record; RecordRejected lists every problem if it breaks the rules.

    A warning (soft check) blocks a complete record unless `overrides` gives a reason for its
    field; the reasons go into the audit trail with the record."""
    if workspace.role != "township":
        raise UserError(Text("Only a township installation enters records.", "只有乡镇端可以录入记录。"))
    form, state = check(workspace, form_id, values)
    blocking = [v for v in state.violations if v.severity == "error"
                or (v.severity == "warning" and not (overrides or {}).get(v.path))]
    if blocking and status == "complete":
        raise RecordRejected(Text("The record was not saved: {n} problem(s).",
                                  "记录未保存：有 {n} 处问题。").format(n=len(blocking)), blocking)
    return records.save(workspace.db, form_id=form.form_id, form_version=form.version,
                        township=workspace.township, values=state.record(), clerk=workspace.clerk or "system",
                        status=status, unique_fields=form.unique_fields,
                        search_fields=form.search_fields or None, overrides=overrides)
