"""`township summary`, `township circular` and `township tasks`: printed reports, headless.

`summary` prints the township's daily summary (PDF or a printer); `circular` the county's
monthly circular; `tasks` lists or sets the entry tasks the county assigns each township.
Printing or saving a report is recorded in the audit trail as a "print" event.
"""

from __future__ import annotations

import sys

from desktop.cli.common import add_clerk_option, open_workspace, print_json
from desktop.core import clock
from desktop.core.codelists import codelists_divisions
from desktop.core.errors import UserError
from desktop.core.i18n import Text


def register(subparsers, common) -> None:
    summary = subparsers.add_parser("summary", parents=[common], help="print the daily summary (日报)")
    summary.add_argument("--date", metavar="YYYY-MM-DD", help="the day (default: today)")
    _add_destination(summary)
    summary.set_defaults(func=run_summary)

    monthly = subparsers.add_parser("circular", parents=[common], help="print the county's monthly circular (通报)")
    monthly.add_argument("--month", metavar="YYYY-MM", help="the month (default: last month)")
    _add_destination(monthly)
    monthly.set_defaults(func=run_circular)

    task = subparsers.add_parser("tasks", parents=[common], help="entry tasks per township (county)")
    sub = task.add_subparsers(dest="tasks_command", metavar="ACTION", required=True)
    listing = sub.add_parser("list", parents=[common], help="each township's task")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=run_tasks_list)
    setting = sub.add_parser("set", parents=[common], help="set a township's task (records expected)")
    setting.add_argument("code", metavar="CODE")
    setting.add_argument("task", metavar="N", type=int)
    add_clerk_option(setting)
    setting.set_defaults(func=run_tasks_set)


def _add_destination(parser) -> None:
    """Where a printed report goes (a PDF or a printer), and who prints it (for the trail)."""
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--pdf", metavar="OUT", help="write an A4 PDF")
    where.add_argument("--print", dest="to_printer", action="store_true", help="send to the printer")
    parser.add_argument("--printer", metavar="NAME", help="printer name (default: the system's default)")
    add_clerk_option(parser)


def _output(report, args, workspace, kind: str, subject: dict) -> None:
    from desktop.core.reports import printing
    from desktop.render import output

    if args.pdf:
        pages = output.write_pdf(report, args.pdf)
        destination = "pdf"
        print(Text("{file}: ", "{file}：").format(file=args.pdf) + Text.counted(pages, "1 page", "{n} pages", "共 {n} 页"))
    else:
        pages = output.print_report(report, args.printer)
        destination = "printer"
        print(Text.counted(pages, "sent 1 page to the printer", "sent {n} pages to the printer", "已向打印机发送 {n} 页"))
    printing.record_printed(workspace, kind, subject, destination=destination, pages=pages)


def run_summary(args) -> int:
    from desktop.core.reports import daily

    with open_workspace(args, sign_in=True) as workspace:
        township = workspace.township
        if workspace.role != "township" or not township:
            # the county's trail holds its own work, not the townships' entries
            raise UserError(Text("The daily summary is printed at the township installation.",
                                 "日报在乡镇端打印。"), code="not-township")
        day = daily.parse_date(args.date) if args.date else clock.today().isoformat()
        from desktop.core.entry.entry import registry

        report = daily.build(workspace.db, township, day, codelists_divisions.for_workspace(workspace),
                             forms=registry(workspace))
        _output(report, args, workspace, "daily_summary", {"township": township, "date": day,
                                                            "audit_seq": report.audit_seq})
    return 0


def _county(workspace) -> str:
    if workspace.role != "county" or not workspace.county:
        raise UserError(Text("The circular and the tasks belong to the county installation.",
                             "通报和任务数由县级端管理。"), code="not-county")
    return workspace.county


def last_month() -> str:
    first = clock.today().replace(day=1)
    import datetime as dt
    return (first - dt.timedelta(days=1)).strftime("%Y-%m")


def run_circular(args) -> int:
    from desktop.core.reports import circular

    with open_workspace(args, sign_in=True) as workspace:
        month = args.month or last_month()
        from desktop.core.entry.entry import registry

        report = circular.build(workspace.db, _county(workspace), month, codelists_divisions.for_workspace(workspace),
                                forms=registry(workspace))
        _output(report, args, workspace, "circular", {"county": report.county, "month": report.month})
    return 0


def run_tasks_list(args) -> int:
    from desktop.core.reports import tasks

    with open_workspace(args) as workspace:
        divisions = codelists_divisions.for_workspace(workspace)
        assigned = tasks.tasks(workspace.db, _county(workspace), divisions)
        if args.json:
            print_json([{"township": code, "task": task, "set_by_county": by_county}
                        for code, (task, by_county) in assigned.items()])
            return 0
        for code, (task, by_county) in assigned.items():
            name = divisions.find(code).name_zh
            note = "" if by_county else str(Text("(default)", "（默认）"))
            print(f"{code}\t{name}\t{task}\t{note}".rstrip())
    return 0


def run_tasks_set(args) -> int:
    from desktop.core.reports import tasks

    with open_workspace(args, sign_in=True) as workspace:
        _county(workspace)
        tasks.set_task(workspace.db, args.code, args.task, codelists_divisions.for_workspace(workspace),
                       clerk=workspace.clerk)
        print(Text("task of {code} set to {n}", "已将 {code} 的任务数设为 {n}").format(code=args.code, n=args.task),
              file=sys.stderr)
    return 0
