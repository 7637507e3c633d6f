"""`township records slip | print`: one record as an A4 slip the person signs, and the records
list as A4 landscape pages (desktop.core.reports.slip, painted by desktop.render). Each print is
a "print" event in the audit trail."""

from __future__ import annotations

from desktop.cli.common import add_clerk_option, open_workspace
from desktop.core.i18n import Text


def register(sub, common) -> None:
    slip = sub.add_parser("slip", parents=[common], help="print one record as an A4 slip to sign")
    slip.add_argument("record", metavar="RECORD_ID", help="the record's id (or its first characters)")
    slip.add_argument("--pdf", required=True, metavar="OUT.pdf", help="write an A4 PDF")
    slip.add_argument("--unmask", action="store_true", help="ID numbers in full (supervisors and admins; needs --reason)")
    slip.add_argument("--reason", metavar="TEXT", help="why the ID numbers are printed in full (kept in the audit trail)")
    add_clerk_option(slip)
    slip.set_defaults(func=run_slip)
    listing = sub.add_parser("print", parents=[common], help="print the records list of a form as A4 pages")
    listing.add_argument("form", metavar="FORM")
    listing.add_argument("--pdf", required=True, metavar="OUT.pdf", help="write an A4 landscape PDF")
    listing.add_argument("--search", metavar="Q", help="only the records the list's search finds")
    listing.add_argument("--village", metavar="CODE", help="only the records of this village (its code)")
    add_clerk_option(listing)
    listing.set_defaults(func=run_print)


def _pages(n: int) -> Text:
    return Text.counted(n, "1 page", "{n} pages", "共 {n} 页")


def run_slip(args) -> int:
    from desktop.core.reports import slip
    from desktop.render import output

    with open_workspace(args, sign_in=True) as workspace:
        made = slip.build_slip(workspace, args.record, unmask=args.unmask, reason=args.reason)
        pages = output.write_pdf(made, args.pdf)
        slip.record_slip_printed(workspace, made, reason=args.reason if args.unmask else None)
    print(Text("{file}: {pages}", "{file}：{pages}").format(file=args.pdf, pages=_pages(pages)))
    return 0


def run_print(args) -> int:
    from desktop.core import progress
    from desktop.core.reports import slip
    from desktop.render import output

    with open_workspace(args, sign_in=True) as workspace:
        made = slip.build_list(workspace, args.form, search=args.search, village=args.village,
                               progress=progress.for_terminal())
        pages = output.write_pdf(made, args.pdf)
        slip.record_list_printed(workspace, made, destination="pdf", pages=pages)
    print(Text("{file}: {pages}", "{file}：{pages}").format(file=args.pdf, pages=_pages(pages)))
    return 0
