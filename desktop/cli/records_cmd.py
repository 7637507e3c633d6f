"""`township records add | list | import | compare`: save a record through the entry rules; list or search
records; bring a spreadsheet register in (desktop.core.sheets); compare two entries (desktop.core.quality)."""

from __future__ import annotations

import sys

from desktop.cli.common import add_clerk_option, open_workspace, print_json, print_json_items, read_json_input
from desktop.core.errors import RecordRejected, UserError
from desktop.core.forms import roles
from desktop.core.i18n import Text
from desktop.core.store import records

# what `records list` prints unless told (--limit): the newest first, as the list's first page. A
# search at a county of a million finds thousands ("wl": 9,235), which scroll past a clerk
# unread and take the command from 0.25 to 0.5 s; --limit 0 prints every one.
LIST_LIMIT = 100


def register(subparsers, common) -> None:
    parser = subparsers.add_parser("records", parents=[common], help="add or list records")
    sub = parser.add_subparsers(dest="records_command", metavar="ACTION", required=True)
    add = sub.add_parser("add", parents=[common], help="validate and save records from JSON")
    add.add_argument("form")
    add.add_argument("--json", dest="json_file", required=True, metavar="FILE|-",
                     help="one record (an object of field values) or a list of them")
    add.add_argument("--draft", action="store_true", help="save as draft (errors allowed)")
    add_clerk_option(add)
    add.set_defaults(func=run_add)
    listing = sub.add_parser("list", parents=[common], help="list records of a form")
    listing.add_argument("form")
    listing.add_argument("--search", metavar="Q", help="name, pinyin initials, ID number or phone")
    listing.add_argument("--json", action="store_true", help="one JSON object per record")
    listing.add_argument("--limit", type=int, default=LIST_LIMIT, metavar="N",
                         help=f"print the newest N records found (default: {LIST_LIMIT}; 0: every one)")
    listing.add_argument("--unmask", action="store_true",
                         help="ID numbers in full (supervisors and admins; needs --reason)")
    listing.add_argument("--reason", metavar="TEXT",
                         help="why the ID numbers are shown in full (kept in the audit trail)")
    add_clerk_option(listing)
    listing.set_defaults(func=run_list)
    sheet = sub.add_parser("import", parents=[common], help="import the rows of a spreadsheet (.xlsx, .xls, .csv)")
    sheet.add_argument("form", metavar="FORM", help="the form the rows are records of")
    sheet.add_argument("file", metavar="FILE", help="the register: .xlsx, .xls or .csv (UTF-8 or GBK)")
    sheet.add_argument("--sheet", metavar="NAME", help="the sheet to read (default: the first)")
    sheet.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD",
                       help="the field a column fills (header text or column letter); repeatable")
    sheet.add_argument("--reason", metavar="TEXT", help="the reason that accepts every warning of every row")
    sheet.add_argument("--dry-run", action="store_true", help="save nothing; report what the import would do")
    sheet.add_argument("--json", action="store_true", help="the report as one JSON object")
    sheet.add_argument("--report", metavar="OUT.xlsx", help="save the row report (row, field, problem) as .xlsx")
    add_clerk_option(sheet)
    sheet.set_defaults(func=run_import)
    out = sub.add_parser("export", parents=[common], help="export records to a spreadsheet (.xlsx, .csv)")
    out.add_argument("form", metavar="FORM")
    out.add_argument("--to", required=True, metavar="FILE.xlsx|FILE.csv", help="the file to write")
    out.add_argument("--search", metavar="Q", help="only the records the list's search finds")
    out.add_argument("--village", metavar="CODE", help="only the records of this village (its code)")
    out.add_argument("--codes", action="store_true", help="choices as codes instead of labels")
    out.add_argument("--unmask", action="store_true", help="ID numbers in full (supervisors and admins; needs --reason)")
    out.add_argument("--reason", metavar="TEXT", help="why the ID numbers are exported in full (kept in the audit trail)")
    add_clerk_option(out)
    out.set_defaults(func=run_export)
    from desktop.cli import print_cmd

    print_cmd.register(sub, common)
    compare = sub.add_parser("compare", parents=[common],
                             help="compare this folder's records of a form with another entry of them")
    compare.add_argument("form", metavar="FORM")
    compare.add_argument("--against", required=True, metavar="DIR_OR_BUNDLE",
                         help="the data folder of the other entry, or the data bundle (TD-....tdb) it exported")
    compare.add_argument("--to", metavar="OUT.xlsx", help="also write the differences to a spreadsheet")
    compare.add_argument("--key", metavar="FIELD", help="the field records are matched by (default: the person ID)")
    compare.add_argument("--json", action="store_true", help="the comparison as one JSON object")
    compare.add_argument("--unmask", action="store_true",
                         help="ID numbers in full, on the terminal and in --to (supervisors and admins; needs --reason)")
    compare.add_argument("--reason", metavar="TEXT",
                         help="why the ID numbers are shown in full (kept in the audit trail)")
    add_clerk_option(compare)
    compare.set_defaults(func=run_compare)


def run_add(args) -> int:
    from desktop.core.entry import entry

    document = read_json_input(args.json_file)
    items = document if isinstance(document, list) else [document]
    if not all(isinstance(item, dict) for item in items):
        raise UserError(Text("The JSON must be an object of field values or a list of them.",
                             "JSON 必须是字段值对象或对象列表。"), code="bad-json")
    with open_workspace(args, sign_in=True) as workspace:
        rejected = 0
        for number, values in enumerate(items, 1):
            overrides = values.pop("_overrides", None)
            try:
                record = entry.add(workspace, args.form, values,
                                   status="draft" if args.draft else "complete", overrides=overrides)
            except RecordRejected as rejection:
                rejected += 1
                print(Text("record {n}: rejected", "第 {n} 条：未保存").format(n=number), file=sys.stderr)
                for violation in rejection.violations:
                    print(f"  {violation.field}: {violation.message}", file=sys.stderr)
                continue
            print(Text("record {n}: saved as {id}", "第 {n} 条：已保存，编号 {id}").format(n=number, id=record.id))
    return 1 if rejected else 0


def run_list(args) -> int:
    """Records of a form, ID numbers masked; --unmask signs the clerk in, needs the unmask
    permission and a reason, and is recorded as one reveal (desktop.core.entry.reveals)."""
    from desktop.core.entry import identity, reveals
    from desktop.core.forms.keys import FormKeys

    unmask = args.unmask
    if args.limit < 0:
        raise UserError(Text("--limit takes a number of records, 0 for every one",
                             "--limit 需要记录条数，0 表示全部"), code="bad-argument")
    limit = args.limit or None
    with open_workspace(args, sign_in=unmask) as workspace:
        reason = reveals.require_unmask(workspace, args.reason) if unmask else None   # refused before any output
        if unmask:   # the reveal is in the trail before the first number is printed
            shown = records.count(workspace.db, form_id=args.form, search=args.search)
            reveals.record_list_unmasked(workspace, args.form, records=min(shown, limit or shown),
                                         reason=reason, search=args.search)
        # printed as read: a search matching thousands of a county's records holds one at a time;
        # one more than the limit is read to tell whether the limit left records out
        found = _Limited(records.each(workspace.db, form_id=args.form, search=args.search,
                                     limit=None if limit is None else limit + 1), limit)
        # the kept outlines of the forms (names, ID fields): a listing loads no form file
        forms = FormKeys.for_data_dir(workspace.paths)
        if args.json:
            def items():
                for record in found:
                    item = record.as_json()
                    if not unmask:
                        item["fields"] = identity.masked_values(forms.for_record(record), record.values)
                    yield item
            print_json_items(items())
            _note_left_out(found)
            return 0
        listed = 0
        for record in found:
            form = forms.for_record(record)
            number = identity.value_of(form, record.values, roles.PERSON_ID) if unmask else None
            print("\t".join([record.id, record.status, identity.display_name(form, record.values),
                             str(number or "") if unmask else identity.masked_id(form, record.values),
                             record.updated_at]))
            listed += 1
        if not _note_left_out(found):
            print(Text.counted(listed, "{n} record", "{n} records", "共 {n} 条记录"), file=sys.stderr)
    return 0


class _Limited:
    """The records of `found` up to `limit` (None: all); `more` tells, once they are read, whether
    `found` held another."""

    def __init__(self, found, limit: int | None):
        self.found, self.limit, self.more = found, limit, False

    def __iter__(self):
        for number, record in enumerate(self.found):
            if self.limit is not None and number == self.limit:
                self.more = True
                return
            yield record


def _note_left_out(found: _Limited) -> bool:
    """Say on stderr that the limit left records out, if it did."""
    if found.more:
        print(Text("the newest {n} records found; more match: narrow the search, or --limit 0 prints every one",
                   "以上为找到的最新 {n} 条记录；还有更多：请缩小查找范围，或用 --limit 0 列出全部").format(n=found.limit),
              file=sys.stderr)
    return found.more


def run_import(args) -> int:
    """One line per row that is refused (row as Excel numbers it, field, problem), then the summary.
    Exit 0 when every row was saved or already present (or would be), 1 when any was refused,
    2 when the file cannot be read."""
    from desktop.core import progress
    from desktop.core.sheets import headers, importer

    mapping = headers.parse_map(args.map)
    with open_workspace(args, sign_in=True) as workspace:
        report = importer.import_sheet(workspace, args.form, args.file, sheet=args.sheet, mapping=mapping,
                                       dry_run=args.dry_run, reason=args.reason,
                                       progress=progress.for_terminal())
    if args.json:
        print_json(report.as_dict())
        return 0 if report.ok else 1
    columns = report.columns
    if columns is not None and columns.unmapped:
        print(Text("header row {n}; columns not imported: {cols}", "表头在第 {n} 行；未导入的列：{cols}").format(
            n=columns.header_row, cols=", ".join(columns.unmapped)), file=sys.stderr)
    for row in report.refused:
        for problem in row.problems:
            print(Text("row {row}\t{field}\t{message}", "第 {row} 行\t{field}\t{message}").format(
                row=row.row, field=str(problem.label), message=str(problem.message)))
    print(report.summary())
    if args.report:
        from desktop.core.sheets import row_report

        saved = row_report.save_xlsx(report, args.report)
        print(Text("row report saved to {path}", "行报告已保存到 {path}").format(path=saved), file=sys.stderr)
    return 0 if report.ok else 1


def run_export(args) -> int:
    from desktop.core import progress
    from desktop.core.entry.entry import registry
    from desktop.core.forms import roles
    from desktop.core.sheets import exporter

    with open_workspace(args, sign_in=True) as workspace:
        query_args = records.list_filter(search=args.search, village=args.village,
                                         village_fields=roles.names_by_form(registry(workspace), roles.VILLAGE))
        result = exporter.export_records(workspace, args.form, args.to, query_args=query_args, codes=args.codes,
                                         unmask=args.unmask, reason=args.reason, progress=progress.for_terminal())
    print(result.summary())
    return 0


def run_compare(args) -> int:
    """One line per difference (key, name, field, value here, value there), then the summary; ID
    numbers masked unless --unmask, which signs the clerk in, needs the unmask permission and a
    reason, and is recorded as a reveal (desktop.core.quality.compare_export).
    Exit 0 when the two entries agree, 1 when they differ."""
    from desktop.core.entry import reveals
    from desktop.core.entry.entry import form_for
    from desktop.core.quality import compare, compare_export

    unmask = args.unmask
    with open_workspace(args, sign_in=unmask) as workspace:
        if unmask:
            reveals.require_unmask(workspace, args.reason)   # refused before any work
        definition = form_for(workspace, args.form)
        other = compare.open_other(args.against, here=workspace.db, paths=workspace.paths)
        try:
            result = compare.compare(workspace.db, other, definition, key=args.key)
        finally:
            other.close()
        if args.to:
            compare_export.save_xlsx(result, args.to, workspace=workspace, unmask=unmask, reason=args.reason)
        elif unmask:
            compare_export.record_reveal(workspace, result, args.reason.strip())
    if args.json:
        print_json(result.as_dict(unmask=unmask))
        return 0 if result.agree else 1
    for item in result.differences:
        record = "\t".join([result.key_text(item.key, unmask), result.names.get(item.key, "")])
        if item.kind == compare.HERE_ONLY:
            print(Text("{record}\t(record here only)", "{record}\t（仅本地有此记录）").format(record=record))
        elif item.kind == compare.THERE_ONLY:
            print(Text("{record}\t(record there only)", "{record}\t（仅对方有此记录）").format(record=record))
        else:
            print("\t".join([record, item.field, compare.cell_text(result.value_text(item.field, item.here, unmask)),
                             compare.cell_text(result.value_text(item.field, item.there, unmask))]))
    print(result.summary(), file=sys.stderr)
    return 0 if result.agree else 1
