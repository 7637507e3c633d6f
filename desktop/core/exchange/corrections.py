"""Correction tasks (纠错): the county points out a problem in a township's record; the township
fixes the record or disputes the task with a reason; the outcome clears the task at the county.

The county raises tasks by hand or from its own checks over every township's imported records
(`scan`): the same resident ID registered in two townships (the later registration gets the
task), completed records that fail the current entry rules (desktop.core.entry.entry.validate),
and pairs possibly of the same person under two IDs (desktop.core.quality.duplicates: kept at the
county until it decides them, `decide_duplicate`). A
task travels to the township as a `correction.task` item in its return bundle; the township's
outcome goes back as a `correction.outcome` item in its next bundle. Both sides keep the task in
the `corrections` table: open -> fixed | disputed. The county decides on a dispute (`decide`):
accepted (the task is closed, the record stands) or rejected (the task is open again with the
county's reply, and the township must correct the record); the decision travels back as a
`correction.decision` item. A scan never raises the same problem twice while a task for it is
open, disputed or accepted; a problem still there after a "fixed" gets a new task.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

from desktop.core.clock import now_iso
from desktop.core.codelists import codelists_divisions
from desktop.core.errors import UserError
from desktop.core.exchange import exchange
from desktop.core.forms import roles
from desktop.core.forms.keys import FormKeys
from desktop.core.i18n import Text, plural
from desktop.core.progress import Progress, ensure
from desktop.core.store import audit, duplicate_blocks, person_ids, records, settings
from desktop.core.store.db import Database, transaction

TASK = "correction.task"
OUTCOME = "correction.outcome"
DECISION = "correction.decision"
OUTCOMES = ("fixed", "disputed")
DECISIONS = ("accepted", "rejected")
STATUSES = ("open", "fixed", "disputed", "accepted", "decided")
LIVE_STATUSES = ("open", "disputed", "accepted", "decided")   # a scan does not raise these problems again
POSSIBLE_DUPLICATE = "possible_duplicate"
SAME_PERSON, DIFFERENT_PEOPLE = "same_person", "different_people"
UNIQUENESS_CODES = ("unique", "duplicate")   # the forms engine's code, and the built-in rules' before it
KIND_TEXT = {
    "duplicate_id": Text("ID registered in two townships", "身份证号两地重复登记"),
    "rule": Text("fails the entry rules", "不符合录入规则"),
    "manual": Text("raised by the county", "县级指出"),
    POSSIBLE_DUPLICATE: Text("possibly the same person", "可能是同一人"),
}
STATUS_TEXT = {
    "open": Text("open", "待处理"),
    "fixed": Text("fixed", "已更正"),
    "disputed": Text("disputed", "有异议"),
    "accepted": Text("dispute accepted", "异议成立"),
    "decided": Text("decided", "已裁定"),
}
DUPLICATE_DECISION_TEXT = {
    SAME_PERSON: Text("the same person", "同一人"),
    DIFFERENT_PEOPLE: Text("different people", "不同的人"),
}
REJECTED_TEXT = Text("open: dispute rejected", "待处理（异议未被采纳）")

_COLUMNS = ("id, township, record_id, form_id, kind, field, message_en, message_zh, details, dedup_key, "
            "raised_at, raised_by, status, resolution_reason, resolved_at, resolved_by, received_at, "
            "record_version, outcome_arrived_at, decision, decision_reason, decided_at, decided_by, rejections, "
            "decision_arrived_at")


@dataclass
class Correction:
    id: str
    township: str
    record_id: str
    form_id: str
    kind: str
    field: str
    message_en: str
    message_zh: str
    details: dict
    dedup_key: str
    raised_at: str
    raised_by: str
    status: str
    resolution_reason: str | None
    resolved_at: str | None
    resolved_by: str | None
    received_at: str | None
    record_version: int | None
    outcome_arrived_at: str | None
    decision: str | None = None
    decision_reason: str | None = None
    decided_at: str | None = None
    decided_by: str | None = None
    rejections: int = 0
    decision_arrived_at: str | None = None

    @property
    def dispute_rejected(self) -> bool:
        """Open again because the county rejected the township's dispute: it must be fixed now."""
        return self.status == "open" and self.decision == "rejected"

    @property
    def status_text(self) -> Text:
        return REJECTED_TEXT if self.dispute_rejected else STATUS_TEXT[self.status]

    @property
    def message(self) -> Text:
        return Text(self.message_en, self.message_zh)

    def as_json(self) -> dict:
        data = {name.strip(): getattr(self, name.strip()) for name in _COLUMNS.split(",")}
        data["message"] = self.message.as_dict()
        data["kind_text"] = KIND_TEXT[self.kind].as_dict()
        data["status_text"] = self.status_text.as_dict()
        if self.kind == POSSIBLE_DUPLICATE:   # both records, the one the task is on first
            data["records"] = [self.record_id, *([self.details["other_record"]] if self.details.get("other_record")
                                                 else [])]
        return data


def _from_row(row) -> Correction:
    values = list(row)
    values[8] = json.loads(values[8] or "{}")
    return Correction(*values)


def tasks(db: Database, *, status: str | None = None, township: str | None = None,
          record_id: str | None = None) -> list[Correction]:
    """Tasks, open ones first, then newest first."""
    clauses, args = [], []
    for column, value in (("status", status), ("township", township), ("record_id", record_id)):
        if value:
            clauses.append(f"{column} = ?")
            args.append(value)
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    return [_from_row(row) for row in db.execute(
        f"SELECT {_COLUMNS} FROM corrections{where} ORDER BY status != 'open', raised_at DESC, id", args)]


def get(db: Database, task_id: str) -> Correction:
    """The task with this id or unique id prefix."""
    task_id = (task_id or "").strip()
    rows = db.execute(f"SELECT {_COLUMNS} FROM corrections WHERE id = ? OR substr(id, 1, ?) = ? LIMIT 2",
                      [task_id, len(task_id), task_id]).fetchall()
    exact = [row for row in rows if row[0] == task_id]
    if exact:
        return _from_row(exact[0])
    if len(rows) != 1 or not task_id:
        raise UserError(Text("No correction task {id}.", "没有编号为 {id} 的纠错任务。").format(id=task_id),
                        code="not-found")
    return _from_row(rows[0])


def open_count(db: Database, township: str | None = None) -> int:
    """Tasks still open (for the daily summary): at a township its own; at the county all of
    them, or one township's."""
    if township:
        return db.execute("SELECT count(*) FROM corrections WHERE status='open' AND township=?",
                          [township]).fetchone()[0]
    return db.execute("SELECT count(*) FROM corrections WHERE status='open'").fetchone()[0]


def counts(db: Database, township: str | None = None) -> dict:
    """{"open": n, "fixed": n, "disputed": n, "accepted": n} (one township's when given); an
    accepted dispute is closed, a rejected one is open again."""
    sql, args = "SELECT status, count(*) FROM corrections", []
    if township:
        sql, args = sql + " WHERE township = ?", [township]
    found = dict(db.execute(sql + " GROUP BY status", args).fetchall())
    # a decided possible duplicate never went to a township: not one of its corrections
    return {status: found.get(status, 0) for status in STATUSES if status != "decided"}


def names_on_records(db: Database, record_ids, paths=None) -> dict[str, str]:
    """The name on each of these records (those without one left out), so a task list can say
    whose record needs correcting: the field playing the person_name role in the record's form
    (the installation's forms under `paths`; the shipped ones without)."""
    ids = sorted(set(record_ids))
    found = {}
    name = roles.sql_value(roles.PERSON_NAME, FormKeys.for_data_dir(paths).role_names(roles.PERSON_NAME))
    for start in range(0, len(ids), 500):   # well under SQLite's limit of bound parameters
        chunk = ids[start:start + 500]
        found.update(db.execute(f"SELECT id, {name} FROM records "
                                f"WHERE id IN ({', '.join('?' * len(chunk))})", chunk).fetchall())
    return {record_id: name for record_id, name in found.items() if name}


# --- the county raises tasks ---------------------------------------------------------------------

def _require(workspace, role: str) -> None:
    if workspace.role != role:
        if role == "county":
            text = Text("Only the county raises correction tasks.", "只有县级可以下发纠错任务。")
        else:
            text = Text("Only the township that owns the record resolves its corrections.",
                        "只有记录所属乡镇可以处理纠错任务。")
        raise UserError(text, code="wrong-role")


def _live(db, dedup_key: str) -> bool:
    return db.execute(f"SELECT 1 FROM corrections WHERE dedup_key = ? AND status IN {LIVE_STATUSES}",
                      [dedup_key]).fetchone() is not None


def _raise(db, *, record: records.Record, kind: str, field: str, message: Text, details: dict,
           dedup_key: str, clerk: str, queue: bool = True) -> str:
    """Record and queue one task (`queue=False`: a task the county decides first, kept at the
    county); call inside a transaction."""
    task_id = str(uuid.uuid4())
    stamp = now_iso()
    db.execute(f"INSERT INTO corrections ({_COLUMNS}) VALUES "
               "(?,?,?,?,?,?,?,?,?,?,?,?,'open',NULL,NULL,NULL,NULL,?,NULL,NULL,NULL,NULL,NULL,0,NULL)",
               [task_id, record.township, record.id, record.form_id, kind, field, message.en, message.zh,
                json.dumps(details, ensure_ascii=False), dedup_key, stamp, clerk, record.version])
    if queue:
        exchange.queue(db, TASK, origin=exchange.COUNTY, target=record.township, item_id=task_id, payload={
            "task_id": task_id, "record_id": record.id, "form_id": record.form_id, "kind": kind, "field": field,
            "message": message.as_dict(), "details": details, "dedup_key": dedup_key, "raised_at": stamp,
            "raised_by": clerk})
    audit.append(db, "correction", clerk=clerk, record_id=record.id, form_id=record.form_id,
                 details={"action": "raise", "task": task_id, "kind": kind, "township": record.township})
    return task_id


def raise_task(workspace, record_id: str, *, message: str, field: str = "") -> Correction:
    """The county raises a task by hand on one township record."""
    _require(workspace, "county")
    message = (message or "").strip()
    if not message:
        raise UserError(Text("Say what is wrong with the record.", "请说明记录有什么问题。"), code="invalid")
    record = records.get(workspace.db, record_id)
    with transaction(workspace.db):
        task_id = _raise(workspace.db, record=record, kind="manual", field=field, message=Text(message, message),
                         details={}, dedup_key=f"manual:{uuid.uuid4()}", clerk=workspace.clerk or "system")
    return get(workspace.db, task_id)


def duplicate_registrations(db: Database, person_fields, *, since_audit_seq: int | None = None
                            ) -> list[tuple[records.Record, records.Record]]:
    """(later, first) pairs: a current record whose person ID an earlier current record of another
    township already holds (desktop.core.store.person_ids; earlier means created first, ties broken
    by id, so it is stable). `since_audit_seq` limits it to the IDs of records an import changed."""
    found = person_ids.pairs(person_ids.shared_ids(db, person_fields, since_audit_seq=since_audit_seq))
    return [(records.get(db, later.record_id), records.get(db, first.record_id)) for later, first in found]


def _person_fields(paths) -> list[tuple[str, str]]:
    return FormKeys.for_data_dir(paths).person_id_fields()


def _duplicate_findings(pairs, divisions=None, person_fields=()) -> list[tuple]:
    field_of = dict(person_fields)
    return [(later, "duplicate_id", field_of.get(later.form_id, ""), _duplicate_message(first, divisions),
             {"other_township": first.township, "other_record": first.id},
             f"duplicate_id:{later.id}:{first.id}") for later, first in pairs]


def _raise_found(db, found: list[tuple], clerk: str) -> list[str]:
    """Raise a task for each finding with no live task yet; one transaction."""
    raised = []
    with transaction(db):
        for record, kind, field, message, details, key in found:
            if not _live(db, key):
                raised.append(_raise(db, record=record, kind=kind, field=field, message=message,
                                     details=details, dedup_key=key, clerk=clerk,
                                     queue=kind != POSSIBLE_DUPLICATE))
            if kind == "duplicate_id":
                person_ids.mark_handled(db, record.id, details["other_record"])
    return raised


# the rule check after an import costs about 0.15 ms a record: a routine bundle of a few hundred
# changes is checked at once; a first bundle of 50,000 (7 s, three times the import) is left to `scan`
AUTO_RULE_CHECK_LIMIT = 3000


def check_imported(db: Database, *, since_audit_seq: int, clerk: str, paths=None, same_ids: bool = True) -> list[Text]:
    """After an import at the county, over the records it applied (their county audit position is
    above `since_audit_seq`): the same-ID check, and the entry rules when they are at most
    AUTO_RULE_CHECK_LIMIT records (more: a note asks for `corrections scan`).

    `same_ids=False`: the import's applies flagged no record sharing a person ID with another
    township's (desktop.core.sync.incoming: the same query over the same records, as each bundle
    was applied), so the same-ID check is not run again to find nothing."""
    person_fields = _person_fields(paths)
    pairs = duplicate_registrations(db, person_fields, since_audit_seq=since_audit_seq) if same_ids else []
    divisions = codelists_divisions.for_data_dir(paths)
    raised = _raise_found(db, _duplicate_findings(pairs, divisions, person_fields), clerk) if pairs else []
    notes = _duplicate_notes(db, raised)
    if paths is not None:
        notes += _check_rules_of_imported(db, since_audit_seq=since_audit_seq, clerk=clerk, paths=paths)
    return notes


def _check_rules_of_imported(db: Database, *, since_audit_seq: int, clerk: str, paths) -> list[Text]:
    from desktop.core.workspace.workspace import Workspace

    # counted on the change index first: a large import is told without reading (and parsing)
    # the limit's worth of its records only to find there are more
    if records.count_changed_since(db, since_audit_seq) > AUTO_RULE_CHECK_LIMIT:
        return [Text("the entry rules were not checked on this import's more than {n} records (too many to "
                     "check now): run `township corrections scan` or the button on the Corrections page",
                     "本次导入的记录超过 {n} 条，未自动按录入规则核查：请运行 township corrections scan "
                     "或在纠错页点击核查按钮").format(n=AUTO_RULE_CHECK_LIMIT)]
    imported = records.query(db, status="complete", where="last_audit_seq > ?", params=[since_audit_seq],
                             limit=None, order="created_at, id")
    if not imported:
        return []
    workspace = Workspace(paths=paths, db=db)   # a view over the same connection, for the forms and rules
    workspace.reload_settings()
    workspace.clerk = clerk
    raised = _raise_found(db, _rule_findings(workspace, imported), clerk)
    if not raised:
        return []
    return [Text(f"the county's check found {plural(len(raised), 'record')} breaking the entry rules: "
                 f"{plural(len(raised), 'correction task')}, sent with the next return bundles",
                 "县级核查发现 {n} 条记录不符合录入规则：已生成 {n} 条纠错任务，随下一批回执包发出").format(n=len(raised))]


def _duplicate_notes(db: Database, raised: list[str]) -> list[Text]:
    if not raised:
        return []
    towns = sorted({row[0] for row in db.execute(
        f"SELECT DISTINCT township FROM corrections WHERE id IN ({', '.join('?' * len(raised))})", raised)})
    return [Text(f"the county's check found {plural(len(raised), 'ID number')} registered in two townships: "
                 f"{plural(len(raised), 'correction task')} for {{towns}}, sent with the next return bundles",
                 "县级核查发现 {n} 个身份证号在两个乡镇重复登记：已向 {towns} 下发 {n} 条纠错任务，随下一批回执包发出")
            .format(n=len(raised), towns=", ".join(towns))]


def _duplicate_message(first: records.Record, divisions=None) -> Text:
    division = (divisions or codelists_divisions.shipped()).find(first.township)
    return Text(
        "This ID number is also registered by {town_en} (since {date}). If the person moved, mark the record "
        "moved away; if the ID is wrong, correct it; otherwise dispute with the reason.",
        "该身份证号已由{town_zh}登记（{date}起）。如本人已迁移，请将记录标为迁出；如身份证号有误，请更正；"
        "否则请说明理由提出异议。").format(
        town_en=division.name_en if division else first.township,
        town_zh=division.name_zh if division else first.township, date=first.created_at[:10])


SCANNED_THROUGH = "corrections_scanned_through"   # the audit position the last whole scan reached
# what the last scan's possible-duplicate search covered: every pair of records up to this audit
# position, with these forms and thresholds (so the next can look only at pairs with a changed record)
DUPLICATES_SEARCHED = "corrections_duplicates_searched"


def scan(workspace, *, progress: Progress | None = None, full: bool = False) -> list[Correction]:
    """The county's checks over the imported records; returns the tasks raised now. Incremental:
    only the records changed since the last scan are checked (their IDs against every record,
    their values against the entry rules, their people against everyone for possible duplicates),
    all of them on the first scan or with `full` (after the forms or their rules changed). `progress` hears the records checked of all; cancelling
    is possible until the tasks are written (a cancelled scan leaves the next one where it was)."""
    progress = ensure(progress)
    _require(workspace, "county")
    db, clerk = workspace.db, workspace.clerk or "system"
    head = audit.head(db)[0]
    since = -1 if full else settings.get(db, SCANNED_THROUGH, -1)
    total = records.count_changed_since(db, since)
    progress(0, total, Text("looking for duplicate registrations", "查找重复登记"))
    person_fields = _person_fields(workspace.paths)
    found: list[tuple] = _duplicate_findings(
        duplicate_registrations(db, person_fields, since_audit_seq=None if since < 0 else since),
        codelists_divisions.for_workspace(workspace), person_fields)
    progress.check()
    label = Text("checking the records against the entry rules", "按录入规则核查记录")

    # a full scan reads every current record for the rules: the people the possible-duplicate
    # search compares are gathered on the way rather than read from the county again
    gathered = _people_of(workspace) if since < 0 else None
    searched = _duplicates_searched(workspace, head)
    # a pair of two records unchanged since the last scan was found by it and has its task (a
    # possible duplicate's task is never closed by a township): only pairs with a changed record
    # can be new, unless the last search covered less, or the forms or thresholds changed since
    involving: set[str] | None = set() if since >= 0 and settings.get(db, DUPLICATES_SEARCHED) == {
        **searched, "through": since} else None

    def counted(checked):
        for number, record in enumerate(checked, 1):
            if gathered is not None:
                gathered.add(record)
            if involving is not None:
                involving.add(record.id)
            yield record
            if number % 100 == 0 or number == total:
                progress(number, total, label)
                progress.check()

    found += _rule_findings(workspace, counted(records.changed_since(db, since)))
    # the same person under two IDs is looked for over the whole store each time (a pair can form
    # between an old record and a changed one); its blocking keeps that near-linear
    found += possible_duplicate_findings(workspace, progress=progress, gathered=gathered, involving=involving)
    progress(total, total)
    progress.check()   # the last safe point: the tasks found are written next
    raised = _raise_found(db, found, clerk)
    with transaction(db):
        settings.put(db, SCANNED_THROUGH, head)
        settings.put(db, DUPLICATES_SEARCHED, searched)
    return [get(db, task_id) for task_id in raised]


def _duplicates_searched(workspace, head: int) -> dict:
    """What a search now covers: every pair up to `head`, with the forms compared and their
    thresholds as they are now."""
    from desktop.core.quality import duplicates

    forms = {}
    for definition in duplicates.compared_forms(FormKeys.for_data_dir(workspace.paths)):
        thresholds = duplicates.Thresholds.of_form(definition)
        forms[definition.form_id] = [definition.version, thresholds.score, thresholds.name]
    # "blocks": the search kept its blocking keys (desktop.core.store.duplicate_blocks), which a
    # rescan reads its people by: a county last searched by older software searches everything once
    return {"through": head, "forms": forms, "blocks": 1}


def _people_of(workspace):
    from desktop.core.quality import duplicates

    return duplicates.PeopleOf(duplicates.compared_forms(FormKeys.for_data_dir(workspace.paths)))


def possible_duplicate_findings(workspace, *, progress: Progress | None = None, gathered=None,
                                involving: set[str] | None = None) -> list[tuple]:
    """A finding for each pair of records of two townships possibly of the same person under two
    ID numbers (desktop.core.quality.duplicates, with the thresholds of the record's form pack),
    on the later record; the county decides each pair (`decide_duplicate`). `gathered`: the
    people of every current record, already read (duplicates.PeopleOf); `involving`: only the
    pairs with one of these records."""
    from desktop.core.quality import duplicates

    db = workspace.db
    divisions = codelists_divisions.for_workspace(workspace)
    found, searched = [], []
    for definition in duplicates.compared_forms(FormKeys.for_data_dir(workspace.paths)):
        if involving is not None:
            # only the people sharing a blocking key with a changed record: the keys the last
            # search kept find them without reading the county
            people = duplicates.people_near(db, definition, involving)
        else:
            people = (gathered.people(definition.form_id) if gathered is not None
                      else duplicates.people_in_store(db, definition))
        searched.append((definition.form_id, people))
        by_id = {p.record_id: p for p in people}
        for match in duplicates.find_pairs(people, duplicates.Thresholds.of_form(definition), progress=progress,
                                           involving=involving):
            later, first = records.get(db, match.later), by_id[match.first]
            division = divisions.find(first.township)
            reasons = duplicates.reasons_text(match.reasons)
            message = Text(
                "Possibly the same person as record {record} of {town_en} ({why}): decide whether the two "
                "records are the same person or different people.",
                "可能是同一人：与{town_zh}的记录 {record}（{why_zh}）。请裁定是同一人还是不同的人。").format(
                record=first.record_id[:8], town_en=division.name_en if division else first.township,
                town_zh=division.name_zh if division else first.township, why=reasons.en, why_zh=reasons.zh)
            found.append((later, POSSIBLE_DUPLICATE, definition.role_name(roles.PERSON_NAME), message,
                          {"other_record": first.record_id, "other_township": first.township,
                           "score": round(match.score, 3), "reasons": list(match.reasons)},
                          f"{POSSIBLE_DUPLICATE}:{first.record_id}:{later.id}"))
    # the keys the next rescan finds its people by: every record's after a whole search, the
    # changed records' after a rescan (right even if the scan is cancelled after this: the table
    # then holds every record's keys as they are now, more than the next rescan needs)
    progress = ensure(progress)
    progress.check()
    keyed = (row for form_id, people in searched for row in duplicates.kept_keys(
        form_id, people if involving is None else [p for p in people if p.record_id in involving]))
    (duplicate_blocks.replace if involving is None else duplicate_blocks.add)(db, keyed)
    return found


def _rule_findings(workspace, checked) -> list[tuple]:
    """A finding for each error of the entry rules in the `checked` records: each form's rules
    compiled once for all of them (desktop.core.rules.error_scan: the errors entry.validate
    would give, without the warnings and uniqueness lookups a scan does not report)."""
    from desktop.core.entry import entry
    from desktop.core.rules.error_scan import FormErrors

    found, unknown_forms, compiled = [], set(), {}
    context = entry.rule_context(workspace)
    for record in checked:
        rules = compiled.get(record.form_id)
        if rules is None:
            if record.form_id in unknown_forms:
                continue
            try:
                rules = compiled[record.form_id] = FormErrors(entry.form_for(workspace, record.form_id), context)
            except UserError:  # a form this county does not hold: nothing to check it against
                unknown_forms.add(record.form_id)
                continue
        for violation in rules.errors(record.values):
            # duplicates across townships are the check above; within one county-wide store
            # the uniqueness rule would flag both registrations
            if violation.severity != "error" or violation.code in UNIQUENESS_CODES:
                continue
            found.append((record, "rule", violation.field, violation.message, {"rule": violation.code},
                          f"rule:{record.id}:{violation.field}:{violation.code}"))
    return found


# --- the township resolves them ------------------------------------------------------------------

def resolve(workspace, task_id: str, *, outcome: str, reason: str = "", changes: dict | None = None,
            overrides: dict | None = None) -> Correction:
    """Mark a task fixed (after editing the record, or with `changes` applied here as one edit
    through the entry rules, `overrides` giving the reason for each warning the clerk overrides) or
    disputed (a reason is required); the outcome goes to the county with the next bundle."""
    _require(workspace, "township")
    db, clerk = workspace.db, workspace.clerk or "system"
    task = get(db, task_id)
    reason = (reason or "").strip()
    if outcome not in OUTCOMES:
        raise UserError(Text("The outcome must be fixed or disputed.", "处理结果必须是 fixed（已更正）或 disputed（有异议）。"),
                        code="invalid")
    if task.status != "open":
        raise UserError(Text("This task is {status} already.", "该任务已{status_zh}。")
                        .format(status=task.status, status_zh=STATUS_TEXT[task.status].zh), code="resolved")
    if outcome == "disputed" and not reason:
        raise UserError(Text("A dispute needs a reason.", "提出异议需要说明理由。"), code="reason-required")
    if outcome == "disputed" and task.dispute_rejected:
        raise UserError(Text("The county rejected the dispute ({reply}): correct the record, then mark the task fixed.",
                             "县级未采纳异议（{reply}）：请更正记录后标为已更正。").format(reply=task.decision_reason or "—"),
                        code="dispute-rejected")
    if changes:
        if outcome != "fixed":
            raise UserError(Text("Changes to the record go with --fixed.", "修改记录只能与“已更正”一起提交。"),
                            code="invalid")
        edit_record(workspace, task, changes, reason, overrides)
    if outcome == "fixed":
        record = records.get(db, task.record_id)
        if not record.deleted and task.record_version is not None and record.version <= task.record_version:
            raise UserError(Text("The record has not been changed since the task arrived: correct it first, "
                                 "or dispute the task with a reason.",
                                 "任务下发后该记录未作修改：请先更正记录，或说明理由提出异议。"), code="not-fixed")
    stamp = now_iso()
    with transaction(db):
        db.execute("UPDATE corrections SET status=?, resolution_reason=?, resolved_at=?, resolved_by=? WHERE id=?",
                   [outcome, reason, stamp, clerk, task.id])
        exchange.queue(db, OUTCOME, origin=workspace.township, target=exchange.COUNTY,
                       item_id=outcome_item_id(task.id, task.rejections),
                       payload={"task_id": task.id, "outcome": outcome, "reason": reason, "resolved_at": stamp,
                                "resolved_by": clerk, "record_id": task.record_id, "round": task.rejections})
        audit.append(db, "correction", clerk=clerk, record_id=task.record_id, form_id=task.form_id,
                     details={"action": outcome, "task": task.id}, reason=reason or None)
    return get(db, task.id)


def outcome_item_id(task_id: str, round_: int) -> str:
    """One outcome item per round (each rejected dispute starts a new one); the first keeps the
    id it always had, so an outcome already on its way is still recognised."""
    return task_id + ".outcome" + (f".{round_ + 1}" if round_ else "")


def edit_record(workspace, task: Correction, changes: dict, reason: str,
                overrides: dict | None = None) -> records.Record:
    """Apply field changes to the task's record through entry's own save (form_entry.save): the
    same rules, refusals and messages as the entry form - a complete record needs no errors and a
    reason in `overrides` ({field: reason}) for each warning - and one audited edit."""
    from desktop.core.entry import entry, form_entry

    record = records.get(workspace.db, task.record_id)
    note = f"纠错 correction {task.id[:8]}" + (f": {reason}" if reason else "")
    return form_entry.save(workspace, entry.form_for(workspace, record.form_id), {**record.values, **changes},
                           complete=record.status == "complete", record_id=record.id, reason=note,
                           overrides=overrides, expected_version=record.version)


# --- the county decides on a dispute -------------------------------------------------------------

def decide(workspace, task_id: str, *, decision: str, reason: str = "") -> Correction:
    """The county accepts a dispute (the task is closed, the record stands) or rejects it (the task
    is open again with the county's reply, which is required); the township learns the decision
    from its next return bundle. Any county clerk may decide."""
    _require(workspace, "county")
    db, clerk = workspace.db, workspace.clerk or "system"
    task = get(db, task_id)
    reason = (reason or "").strip()
    if decision not in DECISIONS:
        raise UserError(Text("The decision must be accepted or rejected.", "决定必须是 accepted（采纳）或 rejected（不采纳）。"),
                        code="invalid")
    if task.status != "disputed":
        raise UserError(Text("Only a disputed task can be decided; this one is {status}.",
                             "只能对有异议的任务作出决定；该任务为“{status_zh}”。")
                        .format(status=task.status_text.en, status_zh=task.status_text.zh), code="not-disputed")
    if decision == "rejected" and not reason:
        raise UserError(Text("Rejecting a dispute needs a reply saying why the record must be corrected.",
                             "不采纳异议需要答复理由，说明记录为何必须更正。"), code="reason-required")
    stamp, round_ = now_iso(), task.rejections
    rejections = round_ + 1 if decision == "rejected" else round_
    with transaction(db):
        if decision == "accepted":
            db.execute("UPDATE corrections SET status='accepted', decision=?, decision_reason=?, decided_at=?, "
                       "decided_by=? WHERE id=?", [decision, reason, stamp, clerk, task.id])
        else:
            db.execute("UPDATE corrections SET status='open', decision=?, decision_reason=?, decided_at=?, "
                       "decided_by=?, rejections=?, resolved_at=NULL, resolved_by=NULL, outcome_arrived_at=NULL "
                       "WHERE id=?", [decision, reason, stamp, clerk, rejections, task.id])
        exchange.queue(db, DECISION, origin=exchange.COUNTY, target=task.township,
                       item_id=f"{task.id}.decision.{round_ + 1}",
                       payload={"task_id": task.id, "decision": decision, "reason": reason, "decided_at": stamp,
                                "decided_by": clerk, "round": round_, "rejections": rejections})
        audit.append(db, "correction", clerk=clerk, record_id=task.record_id, form_id=task.form_id,
                     details={"action": "accept_dispute" if decision == "accepted" else "reject_dispute",
                              "task": task.id, "township": task.township}, reason=reason or None)
    return get(db, task.id)


def decide_duplicate(workspace, task_id: str, *, same_person: bool, keep: str | None = None,
                     reason: str = "") -> Correction:
    """The county decides a possible duplicate: different people (the task is closed, both records
    stand), or the same person, naming the record that stays (`keep`, an id or unique prefix of
    one of the two); the township holding the other gets a task to mark it moved away or delete it.
    Audited either way; a decided pair is not raised again."""
    _require(workspace, "county")
    db, clerk = workspace.db, workspace.clerk or "system"
    task = get(db, task_id)
    reason = (reason or "").strip()
    if task.kind != POSSIBLE_DUPLICATE or not task.details.get("other_record"):
        raise UserError(Text("Only a possible duplicate is decided as same person or different people.",
                             "只有“可能是同一人”的任务可以裁定是否同一人。"), code="invalid")
    if task.status != "open":
        raise UserError(Text("This task is {status} already.", "该任务已{status_zh}。")
                        .format(status=task.status_text.en, status_zh=task.status_text.zh), code="resolved")
    pair = [task.record_id, task.details["other_record"]]
    stays = goes = None
    if same_person:
        chosen = [record_id for record_id in pair if keep and record_id.startswith(keep.strip())]
        if len(chosen) != 1:
            raise UserError(Text("Say which record stays: {a} or {b}.", "请指明保留哪条记录：{a} 或 {b}。")
                            .format(a=pair[0][:8], b=pair[1][:8]), code="invalid")
        stays = chosen[0]
        goes = pair[1] if stays == pair[0] else pair[0]
    decision = SAME_PERSON if same_person else DIFFERENT_PEOPLE
    details = {**task.details, "decision": decision, **({"keep": stays, "remove": goes} if same_person else {})}
    stamp = now_iso()
    with transaction(db):
        db.execute("UPDATE corrections SET status='decided', decision=?, decision_reason=?, decided_at=?, decided_by=?, "
                   "details=? WHERE id=?", [decision, reason, stamp, clerk,
                                            json.dumps(details, ensure_ascii=False), task.id])
        follow_up = None
        if same_person:
            going, staying = records.get(db, goes), records.get(db, stays)
            division = codelists_divisions.for_workspace(workspace).find(staying.township)
            message = Text(
                "The county decided this is the same person as record {record} of {town_en}, which stays: mark "
                "this record moved away or delete it; if that is wrong, dispute with the reason.",
                "县级裁定：此人与{town_zh}的记录 {record} 是同一人，保留该记录。请将本记录标为迁出或删除；"
                "如有误，请说明理由提出异议。").format(
                record=staying.id[:8], town_en=division.name_en if division else staying.township,
                town_zh=division.name_zh if division else staying.township)
            follow_up = _raise(db, record=going, kind=POSSIBLE_DUPLICATE, field="", message=message,
                               details={"other_record": staying.id, "other_township": staying.township,
                                        "decided_task": task.id, "decision": SAME_PERSON},
                               dedup_key=f"{SAME_PERSON}:{going.id}:{staying.id}", clerk=clerk)
        audit.append(db, "correction", clerk=clerk, record_id=task.record_id, form_id=task.form_id,
                     details={"action": decision, "task": task.id, "records": pair, "keep": stays,
                              "follow_up": follow_up}, reason=reason or None)
    return get(db, task.id)


# --- items arriving through the exchange ---------------------------------------------------------

def _on_task(db, item, *, side, source):
    if side != "township" or not exchange.well_formed(item, "task_id", "record_id"):
        return
    payload, stamp = item["payload"], now_iso()
    row = db.execute("SELECT version FROM records WHERE id = ?", [payload["record_id"]]).fetchone()
    message = payload.get("message") or {}
    db.execute(f"INSERT OR IGNORE INTO corrections ({_COLUMNS}) "
               "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,'open',NULL,NULL,NULL,?,?,NULL,NULL,NULL,NULL,NULL,0,NULL)",
               [payload["task_id"], item["target"], payload["record_id"], payload.get("form_id", ""),
                payload.get("kind", "manual"), payload.get("field", ""), message.get("en", ""),
                message.get("zh", message.get("en", "")), json.dumps(payload.get("details", {}), ensure_ascii=False),
                payload.get("dedup_key", payload["task_id"]), payload.get("raised_at", stamp),
                payload.get("raised_by", ""), stamp, row[0] if row else None])


def _on_outcome(db, item, *, side, source):
    if side != "county" or not exchange.well_formed(item, "task_id", "outcome") or item["payload"]["outcome"] not in OUTCOMES:
        return
    payload = item["payload"]
    round_ = payload.get("round", 0)
    if not isinstance(round_, int):
        return
    # only an outcome of the current round: an answer to a dispute the county rejected since is stale
    db.execute("UPDATE corrections SET status=?, resolution_reason=?, resolved_at=?, resolved_by=?, "
               "outcome_arrived_at=coalesce(outcome_arrived_at, ?) WHERE id=? AND status='open' AND rejections=?",
               [payload["outcome"], payload.get("reason", ""), payload.get("resolved_at"),
                payload.get("resolved_by", ""), now_iso(), payload["task_id"], round_])


def _on_decision(db, item, *, side, source):
    """Township: the county accepted the dispute (closed) or rejected it (open again, to be fixed:
    the record must change after the rejection arrived before the task can be marked fixed)."""
    if side != "township" or not exchange.well_formed(item, "task_id", "decision") \
            or item["payload"]["decision"] not in DECISIONS:
        return
    payload, stamp = item["payload"], now_iso()
    round_, rejections = payload.get("round"), payload.get("rejections")
    if not isinstance(round_, int) or not isinstance(rejections, int):
        return
    common = [payload["decision"], payload.get("reason", ""), payload.get("decided_at"), payload.get("decided_by", ""),
              stamp]
    if payload["decision"] == "accepted":
        db.execute("UPDATE corrections SET status='accepted', decision=?, decision_reason=?, decided_at=?, "
                   "decided_by=?, decision_arrived_at=? WHERE id=? AND status='disputed' AND rejections=?",
                   [*common, payload["task_id"], round_])
        return
    db.execute("UPDATE corrections SET status='open', decision=?, decision_reason=?, decided_at=?, decided_by=?, "
               "decision_arrived_at=?, rejections=?, resolved_at=NULL, resolved_by=NULL, "
               "record_version=(SELECT version FROM records WHERE records.id = corrections.record_id) "
               "WHERE id=? AND status='disputed' AND rejections=?",
               [*common, rejections, payload["task_id"], round_])


# what this area does with each item type it receives (desktop.core.exchange.inbox)
HANDLERS = {TASK: _on_task, OUTCOME: _on_outcome, DECISION: _on_decision}
