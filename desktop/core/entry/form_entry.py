"""Entering a record with a form definition: the Qt-free half of the form view.

The form view collects values; this module turns an installation into the rules' context
(today, the township, the store's uniqueness lookup), saves a record through
`desktop.core.store.records.save` once the rules allow it, and offers the small helpers the view needs
(which fields carry forward; what a resident ID implies and masking are in desktop.core.entry.identity).

Completing a record needs no errors and a reason for every warning; a draft may be saved with
problems. Overrides are stored as {field path: reason} in the audit row (records.save).
"""

from __future__ import annotations

from desktop.core import clock
from desktop.core.entry import identity
from desktop.core.entry.identity import identity_from_id, mask_id  # noqa: F401 (the form view's helpers)
from desktop.core.errors import RecordRejected, UserError
from desktop.core.forms import keys, metadata
from desktop.core.forms.model import FormDefinition
from desktop.core.forms.registry import FormRegistry
from desktop.core.i18n import Text, plural
from desktop.core.rules import ExistingRecord, FormState, RuleContext, evaluate_form
from desktop.core.rules.engine import has_format_check
from desktop.core.rules.values import half_width
from desktop.core.store import records

CARRY_FORWARD_SETTING = "entry.carry_forward.{form_id}"


def registry_for(workspace) -> FormRegistry:
    """The forms of an installation (the shipped packs plus those the clerk installed), one
    registry per workspace."""
    found = getattr(workspace, "_form_registry", None)
    if found is None:
        found = FormRegistry.for_data_dir(workspace.paths)
        object.__setattr__(workspace, "_form_registry", found)
    return found


def rule_context(workspace) -> RuleContext:
    """Today (from desktop.core.clock, so a faked clock applies), this township (village
    choices) and the store's uniqueness lookup."""

    def find_existing(form_id, field_name, value, exclude_record_id):
        found = records.find_by_key(workspace.db, form_id, field_name, value, exclude_record_id)
        if not found:
            return None
        return ExistingRecord(found.record_id, _existing_display(workspace, found.record_id) or found.display)

    values = {"township": workspace.township or "", "county": workspace.county or ""}
    return RuleContext(today=clock.today, values=values, find_existing=find_existing,
                       codelists=registry_for(workspace).codelists,
                       last_saved=lambda form_id: last_saved_values(workspace, form_id))


_LAST_SAVED = "_last_saved_values"


def last_saved_values(workspace, form_id: str) -> dict:
    """The values of this clerk's last saved record of the form (draft or complete, not deleted;
    any version), {} when there is none: what `${last-saved#field}` reads, and the record the
    entry page carries values forward from. Kept until the next save through `save`."""
    cache = getattr(workspace, _LAST_SAVED, None)
    if cache is None:
        cache = {}
        object.__setattr__(workspace, _LAST_SAVED, cache)
    key = (workspace.clerk or "system", form_id)
    if key not in cache:
        found = records.query(workspace.db, form_id=form_id, where="updated_by = ?", params=[key[0]], limit=1,
                              order="updated_at DESC, last_audit_seq DESC")  # two saves in one second
        cache[key] = dict(found[0].values) if found else {}
    return cache[key]


def _forget_last_saved(workspace) -> None:
    cache = getattr(workspace, _LAST_SAVED, None)
    if cache:
        cache.clear()


def _existing_display(workspace, record_id: str) -> str:
    """'张三 131025********3219 2026-11-20': the holder of a duplicate, named by its form's name
    role (or its own number) and masked ID, whatever the fields are called, and the day it was
    entered."""
    try:
        record = records.get(workspace.db, record_id)
    except UserError:
        return ""
    form = identity.FormLookup(registry_for(workspace)).for_record(record)
    label = identity.short_description(form, record.values) or record.id[:8]
    return f"{label} {record.created_at[:10]}".strip()


def carry_forward_fields(workspace, form: FormDefinition) -> list[str]:
    """The fields the clerk chose to carry to the next record (CSPro's persistent fields)."""
    chosen = workspace.setting(CARRY_FORWARD_SETTING.format(form_id=form.form_id)) or []
    return [name for name in chosen if form.has_field(name) and not form.field(name).repeat]


def set_carry_forward_fields(workspace, form: FormDefinition, names) -> None:
    workspace.put_setting(CARRY_FORWARD_SETTING.format(form_id=form.form_id), sorted(set(names)))


def carried_values(form: FormDefinition, previous: dict, names) -> dict:
    return {name: previous[name] for name in names if previous.get(name) not in (None, "", [])}


def evaluate(workspace, form: FormDefinition, values: dict, *, record_id: str | None = None,
             check_unique: bool = True, context: RuleContext | None = None) -> FormState:
    state = evaluate_form(form, values, context or rule_context(workspace), record_id=record_id,
                          check_unique=check_unique)
    if check_unique and not [e for e in state.errors if e.code != "required"]:
        from desktop.core.quality import duplicates

        # the same person under another ID among the township's own records: a warning to explain,
        # shown as soon as what the check reads is keyed without an error (fields further down
        # the form may still be empty: the clerk learns it on leaving the ID field, not at the end)
        state.violations.extend(duplicates.entry_warnings(workspace, form, values, record_id))
    return state


def unexplained_warnings(state: FormState, overrides: dict | None) -> list:
    overrides = overrides or {}
    return [w for w in state.warnings if not str(overrides.get(w.path, "")).strip()]


def save(workspace, form: FormDefinition, values: dict, *, complete: bool = True,
         record_id: str | None = None, reason: str | None = None, overrides: dict | None = None,
         expected_version: int | None = None) -> records.Record:
    """Check `values` with the form's rules and save them (new record or `record_id`).

    A complete record must have no errors, and a reason in `overrides` for each warning
    (RecordRejected lists what is missing). A draft is saved as entered. Changing a completed
    record needs `reason` (records.save enforces it)."""
    if workspace.role != "township":
        raise UserError(Text("Only a township installation enters records.", "只有乡镇端可以录入记录。"))
    values = metadata.fill(form, values, clerk=workspace.clerk or "system",
                           installation=workspace.township or "", now=clock.now())
    state = evaluate(workspace, form, values, record_id=record_id)
    if complete:
        if state.errors:
            raise RecordRejected(Text(f"The record cannot be completed: {plural(len(state.errors), 'error')}.",
                                      f"记录不能完成：有 {len(state.errors)} 处错误。"), state.errors)
        missing = unexplained_warnings(state, overrides)
        if missing:
            raise RecordRejected(Text.counted(len(missing), "Give a reason for each warning to complete the record.",
                                              "Give a reason for each of the {n} warnings to complete the record.",
                                              "完成记录前请为 {n} 条警告逐条填写原因。"), missing)
    kept_overrides = {w.path: str(overrides[w.path]).strip() for w in state.warnings
                      if str((overrides or {}).get(w.path, "")).strip()}
    saved_values = state.record() if complete else _as_entered(form, values, state)
    _forget_last_saved(workspace)
    return records.save(
        workspace.db, form_id=form.form_id, form_version=form.version, township=workspace.township or "",
        values=saved_values, clerk=workspace.clerk or "system", status="complete" if complete else "draft",
        record_id=record_id, reason=reason, unique_fields=keys.unique_fields(form) if complete else (),
        search_fields=form.search_fields or None, overrides=kept_overrides or None,
        expected_version=expected_version)


def undelete(workspace, form: FormDefinition, record_id: str, reason: str) -> records.Record:
    """Take back a record's deletion (the roles that may delete may restore), audited with the reason."""
    from desktop.core.workspace import accounts

    accounts.require(workspace.clerk_role, "delete")
    unique = keys.unique_fields(form) if records.get(workspace.db, record_id).status == "complete" else ()
    return records.undelete(workspace.db, record_id, clerk=workspace.clerk or "system", reason=reason,
                            unique_fields=unique)


def _as_entered(form: FormDefinition, values: dict, state: FormState) -> dict:
    """A draft keeps what was typed, with calculations filled in and fields with a format
    check (IDs, phones, codes) in half-width, as a completed record stores them."""
    out = dict(values)
    for f in form.fields:
        if f.calculate and not f.repeat:
            out[f.name] = state.record().get(f.name, "")
        elif not f.repeat and has_format_check(f) and isinstance(out.get(f.name), str):
            out[f.name] = half_width(out[f.name])
    return out
