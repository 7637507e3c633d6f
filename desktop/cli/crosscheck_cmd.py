"""`township crosscheck new|list|answer|reminders|provincial` and
`township corrections list|resolve|decide|scan|raise`: cross-checks between townships and the county's
correction tasks, from the command line (the GUI has the same queues)."""

from __future__ import annotations

import sys

from desktop.cli.common import add_clerk_option, open_workspace, print_json
from desktop.core.codelists import codelists_divisions
from desktop.core.entry import identity
from desktop.core.errors import RecordRejected, UserError
from desktop.core.exchange import corrections, crosschecks
from desktop.core.i18n import Text, current_language, plural


def register(subparsers, common) -> None:
    parser = subparsers.add_parser("crosscheck", parents=[common], help="cross-check requests between townships (协查)")
    sub = parser.add_subparsers(dest="crosscheck_command", metavar="ACTION", required=True)

    new = sub.add_parser("new", parents=[common], help="ask another township to confirm facts about a person")
    where = new.add_mutually_exclusive_group(required=True)
    where.add_argument("--to", dest="target", metavar="CODE", help="township code in this county")
    where.add_argument("--outside-county", metavar="NAME",
                       help="another county of the province, by name or code: with --id-number the request goes "
                            "through the province hub to the township holding the person; otherwise it is kept "
                            "for the provincial channel on paper (see `crosscheck provincial`)")
    new.add_argument("--record", metavar="ID", help="raise it from this record (name and ID number taken from it)")
    new.add_argument("--name", default="", help="the person's name (when not from a record)")
    new.add_argument("--id-number", default="", help="the person's resident ID number, if known")
    new.add_argument("--question", required=True, help="what to confirm")
    new.add_argument("--due", metavar="YYYY-MM-DD", help="last day for a timely answer (default: the setting, 7 days)")
    add_clerk_option(new)
    new.set_defaults(func=run_new)

    listing = sub.add_parser("list", parents=[common], help="incoming and outgoing requests (county: routed ones)")
    which = listing.add_mutually_exclusive_group()
    which.add_argument("--incoming", action="store_true", help="only requests to answer here")
    which.add_argument("--outgoing", action="store_true", help="only requests sent from here")
    listing.add_argument("--open", action="store_true", help="leave out answered and closed requests")
    listing.add_argument("--json", action="store_true", help="one JSON object per request")
    listing.set_defaults(func=run_list)

    answer = sub.add_parser("answer", parents=[common], help="answer an incoming request (or type in a provincial answer)")
    answer.add_argument("id", help="the request's id (the first 8 characters are enough)")
    answer.add_argument("--result", required=True, choices=crosschecks.ANSWERS)
    answer.add_argument("--details", default="", help="what differs, or any note (required with differs)")
    add_clerk_option(answer)
    answer.set_defaults(func=run_answer)

    reminders = sub.add_parser("reminders", parents=[common], help="requests due a phone reminder")
    reminders.add_argument("--date", metavar="YYYY-MM-DD", help="as of this day (default today)")
    reminders.add_argument("--township", metavar="CODE", help="county: whose requests (default: every township)")
    reminders.add_argument("--json", action="store_true")
    reminders.set_defaults(func=run_reminders)

    provincial = sub.add_parser("provincial", parents=[common],
                                help="write requests to other counties to a CSV file for the provincial channel")
    provincial.add_argument("--to", dest="out", required=True, metavar="FILE")
    add_clerk_option(provincial)
    provincial.set_defaults(func=run_provincial)

    parser = subparsers.add_parser("corrections", parents=[common], help="correction tasks from the county (纠错)")
    sub = parser.add_subparsers(dest="corrections_command", metavar="ACTION", required=True)
    listing = sub.add_parser("list", parents=[common], help="correction tasks, open ones first")
    listing.add_argument("--status", choices=corrections.STATUSES)
    listing.add_argument("--township", metavar="CODE", help="county: one township's tasks")
    listing.add_argument("--json", action="store_true", help="one JSON object per task")
    listing.set_defaults(func=run_corrections_list)

    resolve = sub.add_parser("resolve", parents=[common], help="township: mark a task fixed or dispute it")
    resolve.add_argument("id", help="the task's id (the first 8 characters are enough)")
    outcome = resolve.add_mutually_exclusive_group(required=True)
    outcome.add_argument("--fixed", action="store_true", help="the record was corrected (or use --set)")
    outcome.add_argument("--dispute", metavar="REASON", help="the record is right: say why")
    resolve.add_argument("--set", dest="changes", action="append", default=[], metavar="FIELD=VALUE",
                         help="correct a field of the record now (repeatable; with --fixed)")
    resolve.add_argument("--override", dest="overrides", action="append", default=[], metavar="FIELD=REASON",
                         help="the reason for overriding a warning of the changed record (repeatable; with --set)")
    resolve.add_argument("--reason", default="", help="note kept with the fix and in the record's trail")
    add_clerk_option(resolve)
    resolve.set_defaults(func=run_corrections_resolve)

    decide = sub.add_parser("decide", parents=[common],
                            help="county: accept a township's dispute (task closed) or reject it (back to the township)")
    decide.add_argument("id", help="the task's id (the first 8 characters are enough)")
    verdict = decide.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--accept", action="store_true", help="the record stands: close the task")
    verdict.add_argument("--reject", action="store_true", help="the record must be corrected: reopen the task")
    verdict.add_argument("--same-person", metavar="KEEP",
                         help="a possible duplicate is one person: KEEP is the id of the record that stays")
    verdict.add_argument("--different-people", action="store_true",
                         help="a possible duplicate is two people: close the task")
    decide.add_argument("--reason", default="", help="the county's reply (required with --reject)")
    add_clerk_option(decide)
    decide.set_defaults(func=run_corrections_decide)

    scan = sub.add_parser("scan", parents=[common],
                          help="county: check the imported records changed since the last scan (same ID in two "
                               "townships, entry rules)")
    scan.add_argument("--full", action="store_true",
                      help="check every record again, not only those changed since the last scan")
    scan.add_argument("--json", action="store_true")
    add_clerk_option(scan)
    scan.set_defaults(func=run_corrections_scan)

    raise_ = sub.add_parser("raise", parents=[common], help="county: raise a task on one record by hand")
    raise_.add_argument("record", help="the record's id")
    raise_.add_argument("--message", required=True, help="what is wrong")
    raise_.add_argument("--field", default="", help="the field concerned")
    add_clerk_option(raise_)
    raise_.set_defaults(func=run_corrections_raise)


# --- cross-checks --------------------------------------------------------------------------------

def run_new(args) -> int:
    with open_workspace(args, sign_in=True) as workspace:
        request = crosschecks.new_request(
            workspace, question=args.question, subject_name=args.name, subject_id_number=args.id_number,
            target=args.target, outside_county=args.outside_county, due_date=args.due, record_id=args.record)
    print(Text("Cross-check {id} created for {to}, due {due}: {state}.",
               "已创建协查 {id}，发往 {to}，截止 {due}：{state}。").format(
        id=request.id[:8], to=request.outside_county or crosschecks.township_name(
            request.target, current_language(), codelists_divisions.for_workspace(workspace)),
        due=request.due_date, state=crosschecks.STATE_TEXT[request.state]))
    print(request.id)
    return 0


def _line(request: crosschecks.CrossCheck, divisions) -> str:
    lang = current_language()
    other = request.outside_county or crosschecks.township_name(request.counterpart, lang, divisions)
    direction = {"out": "→", "in": "←", "route": f"{request.requester}→"}[request.side]
    cells = [request.id[:8], crosschecks.STATE_TEXT[request.state].get(lang), f"{direction} {other}",
             request.subject_name, identity.mask_id(request.subject_id_number), request.due_date]
    if request.answer:
        cells.append(crosschecks.ANSWER_TEXT[request.answer].get(lang) + (f": {request.answer_details}"
                                                                           if request.answer_details else ""))
    if request.reminder_due():
        cells.append(f"{crosschecks.REMINDER_TEXT.get(lang)} {crosschecks.township_phone(request.target, divisions)}")
    return "\t".join(cells)


def run_list(args) -> int:
    with open_workspace(args) as workspace:
        db = workspace.db
        if workspace.role == "county":
            found = crosschecks.routed(db, open_only=args.open)
        elif args.incoming:
            found = crosschecks.incoming(db, open_only=args.open)
        elif args.outgoing:
            found = crosschecks.outgoing(db, open_only=args.open)
        else:
            found = crosschecks.incoming(db, open_only=args.open) + crosschecks.outgoing(db, open_only=args.open)
        divisions = codelists_divisions.for_workspace(workspace)
    if args.json:
        print_json([request.as_json(divisions) for request in found])
        return 0
    for request in found:
        print(_line(request, divisions))
    print(Text.counted(len(found), "1 request", "{n} requests", "共 {n} 条协查"), file=sys.stderr)
    return 0


def run_answer(args) -> int:
    with open_workspace(args, sign_in=True) as workspace:
        request = crosschecks.answer(workspace, args.id, result=args.result, details=args.details)
    print(Text("Answered {id}: {answer}; it goes back with the next bundle.",
               "已答复 {id}：{answer}；将随下一次数据包发回。").format(
        id=request.id[:8], answer=crosschecks.ANSWER_TEXT[request.answer]) if request.side == "in" else
        Text("Recorded the answer to {id}: {answer}; closed.", "已登记 {id} 的答复：{answer}；已办结。").format(
            id=request.id[:8], answer=crosschecks.ANSWER_TEXT[request.answer]))
    return 0


def run_reminders(args) -> int:
    with open_workspace(args) as workspace:
        if workspace.role == "county":
            towns = [args.township] if args.township else sorted({c.requester for c in crosschecks.routed(workspace.db)})
        else:
            towns = [workspace.township]
        divisions = codelists_divisions.for_workspace(workspace)
        due = [crosschecks.reminder_entry(c, divisions) for town in towns
               for c in crosschecks.reminders_due(workspace.db, town, args.date)]
    if args.json:
        print_json(due)
        return 0
    for entry in due:
        print("\t".join([entry["id"][:8], entry["subject"], entry["target_name"], entry["target_phone"],
                         (entry["sent_at"] or "")[:10], entry["due_date"]]))
    print(Text.counted(len(due), "1 phone reminder due", "{n} phone reminders due", "需电话提示 {n} 条"), file=sys.stderr)
    return 0


def run_provincial(args) -> int:
    with open_workspace(args, sign_in=True) as workspace:
        written = crosschecks.export_provincial(workspace, args.out)
    print(Text(f"{plural(written, 'request')} written to {{file}} for the provincial channel.",
               "已将 {n} 条协查写入 {file}，供省级渠道报送。").format(n=written, file=args.out))
    return 0


# --- corrections ---------------------------------------------------------------------------------

def _task_line(task: corrections.Correction) -> str:
    lang = current_language()
    return "\t".join([task.id[:8], task.status_text.get(lang), task.township,
                      task.record_id[:8], corrections.KIND_TEXT[task.kind].get(lang), task.field,
                      task.message.get(lang), task.resolution_reason or "", task.decision_reason or ""])


def run_corrections_list(args) -> int:
    with open_workspace(args) as workspace:
        found = corrections.tasks(workspace.db, status=args.status, township=args.township)
    if args.json:
        print_json([task.as_json() for task in found])
        return 0
    for task in found:
        print(_task_line(task))
    print(Text.counted(len(found), "1 task", "{n} tasks", "共 {n} 条纠错任务"), file=sys.stderr)
    return 0


def _parse_changes(pairs: list[str], option: str = "--set", value_en: str = "VALUE", value_zh: str = "值") -> dict:
    changes = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UserError(Text("{option} needs FIELD={value_en}, not {pair}.", "{option} 的格式应为 字段={value_zh}，而不是 {pair}。")
                            .format(option=option, value_en=value_en, value_zh=value_zh, pair=pair), code="invalid")
        changes[name.strip()] = value
    return changes


def run_corrections_resolve(args) -> int:
    changes = _parse_changes(args.changes)
    overrides = _parse_changes(args.overrides, "--override", "REASON", "原因")
    if overrides and not changes:
        raise UserError(Text("--override goes with --set.", "--override 只能与 --set 一起使用。"), code="invalid")
    if changes and not args.fixed:
        raise UserError(Text("--set goes with --fixed.", "--set 只能与 --fixed 一起使用。"), code="invalid")
    with open_workspace(args, sign_in=True) as workspace:
        if args.fixed:
            try:
                task = corrections.resolve(workspace, args.id, outcome="fixed", reason=args.reason, changes=changes,
                                           overrides=overrides)
            except RecordRejected as rejection:
                print(f"township: {rejection}", file=sys.stderr)
                for violation in rejection.violations:
                    print(f"  {violation.field}: {violation.message}", file=sys.stderr)
                return 1
        else:
            task = corrections.resolve(workspace, args.id, outcome="disputed", reason=args.dispute)
    print(Text("Task {id}: {status}; the county learns it from the next bundle.",
               "纠错任务 {id}：{status}；县级将从下一次数据包得知。").format(
        id=task.id[:8], status=corrections.STATUS_TEXT[task.status]))
    return 0


def run_corrections_decide(args) -> int:
    if args.same_person or args.different_people:
        return _decide_duplicate(args)
    with open_workspace(args, sign_in=True) as workspace:
        task = corrections.decide(workspace, args.id, decision="accepted" if args.accept else "rejected",
                                  reason=args.reason)
        divisions = codelists_divisions.for_workspace(workspace)
    if task.status == "accepted":
        print(Text("Task {id}: dispute accepted; the task is closed and the record stands. {town} learns it from "
                   "its next return bundle.",
                   "纠错任务 {id}：异议成立，任务办结，记录保持不变。{town_zh}将从下一次回执包得知。").format(
            id=task.id[:8], town=crosschecks.township_name(task.township, "en", divisions),
            town_zh=crosschecks.township_name(task.township, "zh", divisions)))
    else:
        print(Text("Task {id}: dispute rejected; the task is open again and goes back to {town} with the reply in "
                   "its next return bundle.",
                   "纠错任务 {id}：异议未被采纳，任务重新待处理，答复将随下一次回执包发回{town_zh}。").format(
            id=task.id[:8], town=crosschecks.township_name(task.township, "en", divisions),
            town_zh=crosschecks.township_name(task.township, "zh", divisions)))
    return 0


def _decide_duplicate(args) -> int:
    with open_workspace(args, sign_in=True) as workspace:
        task = corrections.decide_duplicate(workspace, args.id, same_person=bool(args.same_person),
                                            keep=args.same_person, reason=args.reason)
    if task.decision == corrections.SAME_PERSON:
        print(Text("Task {id}: the same person; record {keep} stays, and the township holding record {remove} "
                   "is asked to remove it with its next return bundle.",
                   "纠错任务 {id}：裁定为同一人；保留记录 {keep}，持有记录 {remove} 的乡镇将随下一次回执包收到删除任务。")
              .format(id=task.id[:8], keep=task.details["keep"][:8], remove=task.details["remove"][:8]))
    else:
        print(Text("Task {id}: different people; the task is closed and both records stand.",
                   "纠错任务 {id}：裁定为不同的人；任务办结，两条记录均保留。").format(id=task.id[:8]))
    return 0


def run_corrections_scan(args) -> int:
    with open_workspace(args, sign_in=True) as workspace:
        from desktop.core.progress import for_terminal

        raised = corrections.scan(workspace, progress=for_terminal(), full=args.full)
        workspace_open = corrections.open_count(workspace.db)
    if args.json:
        print_json([task.as_json() for task in raised])
        return 0
    for task in raised:
        print(_task_line(task))
    print(Text(f"{plural(len(raised), 'new task')}; {{open}} open in all. They go out with each township's return bundle.",
               "新增 {n} 条纠错任务；共 {open} 条待处理。将随各乡镇的回执包下发。").format(n=len(raised), open=workspace_open))
    return 0


def run_corrections_raise(args) -> int:
    with open_workspace(args, sign_in=True) as workspace:
        task = corrections.raise_task(workspace, args.record, message=args.message, field=args.field)
    print(Text("Task {id} raised for {town}.", "已向 {town} 下发纠错任务 {id}。").format(
        id=task.id[:8], town=crosschecks.township_name(task.township, current_language(),
                                                       codelists_divisions.for_workspace(workspace))))
    print(task.id)
    return 0
