"""The find-and-fix list: what a clerk still has to look at, each with why it is listed.

Three kinds, in this order:
- "draft": the signed-in clerk's unfinished records (desktop.core.entry.drafts; drafts are per
  clerk), each checked against the saved records as it is listed, so a draft whose ID is already
  registered says so (and names the record) before the clerk opens it;
- "correction": records with an open correction task from the county (纠错, a rejected dispute
  included), with the county's message;
- "override": current records whose latest save overrode a warning, with the field and the reason.

Read-only: the queries live here, the page (desktop/ui/queues/fix_page.py) only shows them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from desktop.core.entry import form_entry, identity
from desktop.core.entry.drafts import DraftStore
from desktop.core.errors import UserError
from desktop.core.i18n import Text
from desktop.core.store import records

KINDS = ("draft", "correction", "override")
KIND_TEXT = {
    "draft": Text("Unfinished draft", "未完成的草稿"),
    "correction": Text("Open correction", "待处理的纠错"),
    "override": Text("Warning overridden", "已说明理由的警告"),
}
LIMIT = 500   # of each kind: a list to work through, not an archive

# the latest save of each current record, when it overrode a warning (records.last_audit_seq is
# the audit row of the record's latest change; its details keep {field: reason})
_OVERRIDDEN_SQL = """
SELECT r.id, json_extract(a.details, '$.overrides'), a.at, a.clerk
FROM records r JOIN audit a ON a.seq = r.last_audit_seq
WHERE r.deleted = 0 AND json_extract(a.details, '$.overrides') IS NOT NULL {township}
ORDER BY a.at DESC, a.seq DESC LIMIT ?
"""

_OPEN_CORRECTIONS_SQL = """
SELECT c.id, c.record_id, c.message_en, c.message_zh, c.raised_at, c.rejections
FROM corrections c JOIN records r ON r.id = c.record_id
WHERE c.status = 'open' AND r.deleted = 0 {township}
ORDER BY c.raised_at DESC, c.id LIMIT ?
"""


@dataclass(frozen=True)
class FixItem:
    kind: str                 # one of KINDS
    who: str                  # "张三 131025********3219" (masked), or the record's own number
    form_id: str
    why: Text                 # why it is listed
    when: str                 # ISO time: the draft's last change, the task raised, the save
    record_id: str | None = None      # the record to open (a draft of a new record has none)
    task_id: str | None = None        # the correction task
    duplicate_of: str | None = None   # a draft's ID already registered in this saved record
    draft_key: str | None = None      # which of the clerk's drafts of the form (several may be kept)

    def kind_text(self) -> Text:
        return KIND_TEXT[self.kind]


def items(workspace) -> list[FixItem]:
    """Everything on the list: drafts, then open corrections, then overridden warnings."""
    return [*draft_items(workspace), *correction_items(workspace), *override_items(workspace)]


def counts(items_: list[FixItem]) -> dict[str, int]:
    return {kind: sum(1 for item in items_ if item.kind == kind) for kind in KINDS}


def _form(workspace, form_id: str, version: str | None = None):
    registry = form_entry.registry_for(workspace)
    try:
        return registry.get(form_id, version) if version else registry.get(form_id)
    except UserError:
        try:
            return registry.get(form_id)
        except UserError:
            return None


def draft_items(workspace) -> list[FixItem]:
    """The signed-in clerk's drafts, newest first, each checked against the saved records."""
    store = DraftStore(workspace.paths.drafts, workspace.clerk or "", key=workspace.data_key)
    found = []
    for draft in store.all():
        form = _form(workspace, draft.form_id, draft.form_version)
        who = identity.short_description(form, draft.values) if form is not None else ""
        why = Text("Not saved yet", "尚未保存")
        if draft.record_id:
            why = Text("A change to a saved record, not saved yet", "对已保存记录的修改，尚未保存")
        duplicate = None
        if form is not None:
            duplicate = _duplicate(workspace, form, draft.values, draft.record_id)
            if duplicate is not None:
                why = duplicate[1] + Text("; ", "；") + why
        found.append(FixItem("draft", who, draft.form_id, why, draft.saved_at or "", record_id=draft.record_id,
                             duplicate_of=duplicate[0] if duplicate else None, draft_key=draft.key))
    return found


def _duplicate(workspace, form, values: dict, record_id: str | None) -> tuple[str, Text] | None:
    """(the saved record, the message) when a unique field of the draft (the resident ID) is
    already registered: the same check the entry rules make on saving."""
    from desktop.core.rules import evaluate_form

    try:
        state = evaluate_form(form, values, form_entry.rule_context(workspace), record_id=record_id,
                              check_unique=True)
    except (UserError, ValueError, TypeError):   # a draft keeps text as typed: never fatal here
        return None
    for violation in state.violations:
        if violation.code == "unique" and getattr(violation, "existing_record", None):
            return violation.existing_record, violation.message
    return None


def _township_clause(workspace) -> tuple[str, list]:
    if workspace.role == "township" and workspace.township:
        return "AND r.township = ?", [workspace.township]
    return "", []


def _describe(workspace, lookup, record_id: str) -> tuple[str, str]:
    """(who, form id) of a stored record."""
    record = records.get(workspace.db, record_id)
    form = lookup.for_record(record)
    return identity.short_description(form, record.values) or record.id[:8], record.form_id


def correction_items(workspace) -> list[FixItem]:
    """Records with an open correction task, newest task first."""
    clause, args = _township_clause(workspace)
    lookup = identity.FormLookup(form_entry.registry_for(workspace))
    found = []
    for task_id, record_id, message_en, message_zh, raised_at, rejections in workspace.db.execute(
            _OPEN_CORRECTIONS_SQL.format(township=clause), [*args, LIMIT]):
        who, form_id = _describe(workspace, lookup, record_id)
        why = Text("County: ", "县级：") + Text(message_en, message_zh)
        if rejections:
            why = why + Text(" (dispute rejected)", "（异议未被采纳）")
        found.append(FixItem("correction", who, form_id, why, raised_at, record_id=record_id, task_id=task_id))
    return found


def override_items(workspace) -> list[FixItem]:
    """Current records whose latest save overrode a warning, newest first."""
    clause, args = _township_clause(workspace)
    lookup = identity.FormLookup(form_entry.registry_for(workspace))
    found = []
    for record_id, overrides_json, at, _clerk in workspace.db.execute(
            _OVERRIDDEN_SQL.format(township=clause), [*args, LIMIT]):
        record = records.get(workspace.db, record_id)
        form = lookup.for_record(record)
        who = identity.short_description(form, record.values) or record.id[:8]
        parts = []
        for path, reason in sorted(json.loads(overrides_json or "{}").items()):
            name = path.rsplit("/", 1)[-1]
            label = form.field(name).label if form is not None and form.has_field(name) else Text(path, path)
            parts.append(label + Text(": ", "：") + Text(str(reason), str(reason)))
        why = Text("; ".join(p.en for p in parts), "；".join(p.zh for p in parts)) if parts else KIND_TEXT["override"]
        found.append(FixItem("override", who, record.form_id, why, at, record_id=record_id))
    return found
