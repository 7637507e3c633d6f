"""Records out to a spreadsheet (.xlsx or .csv): what the records list shows, for a village or a leader.

One column per field a sheet can fill (desktop.core.sheets.headers.importable_fields), headed by
the field's label in the clerk's language, so the file imported again (`records import`) finds
every column. Choices are written as their labels in that language, or as their codes
(`codes=True`); dates as real date cells; ID numbers, phones and other text as text cells (never
a number Excel would round, never a formula). ID numbers are masked
(desktop.core.entry.identity.mask_id) unless `unmask=True`, which needs a role allowed to
("unmask" in desktop.core.workspace.accounts.PERMISSIONS) and a reason; every export is an
"export" audit event naming the form, the filter, the row count and whether IDs were unmasked,
with that reason. The records are read a page at a time, and the .xlsx is written streaming, so
memory stays bounded whatever the count.
"""

from __future__ import annotations

import csv
import datetime
from dataclasses import dataclass
from pathlib import Path

from desktop.core.entry import form_entry, identity, reveals
from desktop.core.errors import UserError
from desktop.core.forms import roles
from desktop.core.i18n import Text, current_language
from desktop.core.progress import ensure
from desktop.core.sheets.headers import importable_fields
from desktop.core.store import records

PAGE = 1000
DATE_FORMAT = "yyyy-mm-dd"


@dataclass
class ExportResult:
    path: Path
    rows: int
    unmasked: bool

    def summary(self) -> Text:
        return Text(f"{self.rows} records written to {self.path.name}.",
                    f"已导出 {self.rows} 条记录到 {self.path.name}。")


class Columns:
    """The export's columns for one form: headers, and a record's values as cells."""

    def __init__(self, form, *, codes: bool, unmask: bool, language: str):
        self.form = form
        self.fields = importable_fields(form)
        self.codes, self.unmask, self.language = codes, unmask, language
        pid = form.role_field(roles.PERSON_ID)
        self.id_fields = {f.name for f in self.fields if f.role == roles.PERSON_ID}
        if pid is not None:
            self.id_fields.add(pid.name)

    def headers(self) -> list[str]:
        return [f.label.get(self.language) or f.name for f in self.fields]

    def cells(self, values: dict) -> list:
        """(value, kind) per column; kind is "text", "date" or "number"."""
        return [self._cell(f, values.get(f.name)) for f in self.fields]

    def _label(self, f, code: str) -> str:
        choices = self.form.choices_for(f.name)
        choice = choices.get(code) if choices is not None else None
        return choice.label.get(self.language) or code if choice is not None else code

    def _cell(self, f, value):
        if value is None or value == "":
            return ("", "text")
        if f.name in self.id_fields:
            text = str(value)
            return (text if self.unmask else identity.mask_id(text), "text")
        if f.type in ("date", "datetime"):
            try:
                return (datetime.date.fromisoformat(str(value)[:10]), "date")
            except ValueError:
                return (str(value), "text")
        if f.type in ("integer", "decimal") and not isinstance(value, bool):
            try:
                number = int(value) if f.type == "integer" else float(value)
            except (TypeError, ValueError):
                return (str(value), "text")
            return (number, "number")
        if f.type == "select_one" and not self.codes:
            return (self._label(f, str(value)), "text")
        if f.type == "select_multiple" and not self.codes:
            return ("、".join(self._label(f, part) for part in str(value).split()), "text")
        return (str(value), "text")


def export_records(workspace, form_id: str, path, *, query_args: dict | None = None, codes: bool = False,
                   unmask: bool = False, reason: str | None = None, language: str | None = None,
                   progress=None) -> ExportResult:
    """Write the current records of `form_id` matching `query_args` (records.list_filter's keyword
    arguments, as the records list filters) to `path` (.xlsx or .csv); see the module."""
    progress = ensure(progress)
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise UserError(Text(f"{path.name}: export to a .xlsx or a .csv file.",
                             f"{path.name}：请导出为 .xlsx 或 .csv 文件。"), code="bad-export")
    reason = (reason or "").strip()
    if unmask:
        reveals.require_unmask(workspace, reason)
    form = form_entry.registry_for(workspace).get(form_id)
    columns = Columns(form, codes=codes, unmask=unmask, language=language or current_language())
    args = dict(query_args or {})
    args["form_id"] = form.form_id
    args.pop("limit", None)
    args.pop("offset", None)
    total = records.count(workspace.db, **args)
    label = Text("Exporting records", "正在导出")

    def pages():
        offset = 0
        while True:
            page = records.query(workspace.db, limit=PAGE, offset=offset, order="created_at, id", **args)
            if not page:
                return
            yield from page
            offset += len(page)
            progress.check()
            progress(min(offset, total), total, label)

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    try:
        written = (_write_xlsx if suffix == ".xlsx" else _write_csv)(partial, columns, pages())
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    details = {"form": form.form_id, "file": path.name, "rows": written, "unmasked": bool(unmask),
               "codes": bool(codes)}
    for key in ("search", "status", "where"):
        if args.get(key):
            details[key] = args[key] if key != "where" else "filtered"
    if args.get("params"):
        details["filter"] = [str(p) for p in args["params"]]
    workspace.record_event("export", form_id=form.form_id, details=details, reason=reason or None)
    progress(total, total, label)
    return ExportResult(path, written, bool(unmask))


def _write_xlsx(path: Path, columns: Columns, found) -> int:
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(str(columns.form.title.get(columns.language) or columns.form.form_id)[:31])
    bold = Font(bold=True)
    header = []
    for text in columns.headers():
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header.append(cell)
    for index, f in enumerate(columns.fields):
        width = 22 if f.name in columns.id_fields else (12 if f.type in ("date", "datetime") else 14)
        sheet.column_dimensions[_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append(header)
    count = 0
    for record in found:
        row = []
        for value, kind in columns.cells(record.values):
            cell = WriteOnlyCell(sheet, value=value if value != "" else None)
            if kind == "date":
                cell.number_format = DATE_FORMAT
            elif kind == "text" and value != "":
                cell.data_type = "s"          # never a formula, never a number
                cell.number_format = "@"
            row.append(cell)
        sheet.append(row)
        count += 1
    book.save(path)
    return count


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _write_csv(path: Path, columns: Columns, found) -> int:
    """UTF-8 with a BOM: what Excel opens as Chinese text (and the import reads)."""
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(columns.headers())
        for record in found:
            writer.writerow([value.isoformat() if kind == "date" else value
                             for value, kind in columns.cells(record.values)])
            count += 1
    return count
