"""A sheet's rows into the store, each through the entry rules and the one writer.

Each data row below the header row (desktop.core.sheets.headers) becomes the values a clerk would
have typed into a new record (the form's defaults, then the row's cells converted by
desktop.core.sheets.cells) and goes to `desktop.core.entry.form_entry.save`, as a record
completed at the desk: errors refuse it; a warning refuses it unless the import is given a
reason (`reason=`, the command's `--reason`), which then stands for every warning of every row,
stored with the record as a reason typed at the desk would be.

Before the rules, a row's unique fields (the resident ID) are looked up:
- the same value in an earlier row of the sheet: refused as a duplicate of that row;
- a record in the store with the same value and the same values in the sheet's columns: already
  present (importing the same sheet again changes nothing);
- a record with the same value and other values: refused, naming that record (updating records
  from a sheet is not done here).

`dry_run=True` runs the same checks and saves nothing: each row's outcome is what the import
would do (`would_save` for the rows it would save). Every row is its own transaction, so a
cancel (`progress.check()` between rows) keeps the rows saved before it: `Cancelled.partial`
carries the report so far.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desktop.core import clock
from desktop.core.entry import form_entry, identity
from desktop.core.errors import RecordRejected, UserError
from desktop.core.forms import metadata, roles
from desktop.core.i18n import Text
from desktop.core.progress import Cancelled, ensure
from desktop.core.rules.engine import new_record
from desktop.core.rules.values import half_width
from desktop.core.sheets import cells, headers, reader
from desktop.core.store import records

SAVED, PRESENT, REFUSED, WOULD_SAVE = "saved", "present", "refused", "would_save"
NEEDS_REASON = Text(" (a warning: import with a reason to accept it)", "（这是警告：导入时填写原因才能接受）")


@dataclass
class Problem:
    field: str          # the field's name, "" for the whole row
    label: Text         # the field's label (or the column's header)
    message: Text

    def as_dict(self) -> dict:
        return {"field": self.field, "label": self.label.as_dict(), "message": self.message.as_dict()}


@dataclass
class RowOutcome:
    row: int            # the row number as Excel shows it
    status: str
    problems: list[Problem] = field(default_factory=list)
    record_id: str = ""
    needs_reason: bool = False   # refused only for warnings: an import reason would accept it

    def as_dict(self) -> dict:
        return {"row": self.row, "status": self.status, "record_id": self.record_id,
                "needs_reason": self.needs_reason, "problems": [p.as_dict() for p in self.problems]}


@dataclass
class ImportReport:
    file: str
    sheet: str
    form_id: str
    dry_run: bool
    columns: headers.Columns | None = None
    rows: list[RowOutcome] = field(default_factory=list)   # every row but the saved ones
    counts: dict[str, int] = field(default_factory=lambda: {SAVED: 0, PRESENT: 0, REFUSED: 0, WOULD_SAVE: 0})
    cancelled: bool = False

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def refused(self) -> list[RowOutcome]:
        return [row for row in self.rows if row.status == REFUSED]

    @property
    def needing_reason(self) -> int:
        """Rows refused only for warnings, which one import reason would accept."""
        return sum(1 for row in self.rows if row.needs_reason)

    @property
    def ok(self) -> bool:
        return self.counts[REFUSED] == 0 and not self.cancelled

    def add(self, outcome: RowOutcome) -> None:
        self.counts[outcome.status] += 1
        if outcome.status != SAVED:
            self.rows.append(outcome)

    def summary(self) -> Text:
        c = self.counts
        if self.dry_run:
            return Text(f"{self.total} rows: {c[WOULD_SAVE]} would be saved, {c[PRESENT]} already present, "
                        f"{c[REFUSED]} refused (nothing was saved).",
                        f"共 {self.total} 行：{c[WOULD_SAVE]} 行将保存，{c[PRESENT]} 行已存在，{c[REFUSED]} 行不能导入"
                        "（未保存任何记录）。")
        text = Text(f"{self.total} rows: {c[SAVED]} saved, {c[PRESENT]} already present, {c[REFUSED]} refused.",
                    f"共 {self.total} 行：已保存 {c[SAVED]} 行，已存在 {c[PRESENT]} 行，{c[REFUSED]} 行不能导入。")
        if self.cancelled:
            text = text + Text(" Cancelled: the rows saved before it are kept.", "已取消：取消前保存的行已保留。")
        return text

    def as_dict(self) -> dict:
        return {"file": self.file, "sheet": self.sheet, "form": self.form_id, "dry_run": self.dry_run,
                "cancelled": self.cancelled, **(self.columns.as_dict() if self.columns else {}),
                "counts": dict(self.counts), "rows": [row.as_dict() for row in self.rows]}


class _EveryWarning(dict):
    """Overrides giving one reason for whichever warning a row has (the import's reason)."""

    def __init__(self, reason: str):
        super().__init__()
        self.reason = reason

    def get(self, key, default=None):
        return self.reason

    def __missing__(self, key):
        return self.reason

    def __bool__(self):
        return True


def _same(stored, value, is_id: bool) -> bool:
    left, right = half_width(str(stored if stored is not None else "")).strip(), half_width(str(value)).strip()
    return left.upper() == right.upper() if is_id else left == right


def import_sheet(workspace, form_id: str, path, *, sheet: str | None = None, mapping: dict | None = None,
                 dry_run: bool = False, reason: str | None = None, progress=None) -> ImportReport:
    """Import the rows of `path` (its first sheet, or `sheet`) into `form_id`; see the module."""
    progress = ensure(progress)
    if workspace.role != "township":
        raise UserError(Text("Only a township installation enters records.", "只有乡镇端可以录入记录。"))
    form = form_entry.registry_for(workspace).get(form_id)
    path = Path(path)
    opened = reader.open_sheet(path, sheet)
    report = ImportReport(str(path), opened.name, form.form_id, dry_run)
    try:
        _run(workspace, form, opened, report, mapping, dry_run, (reason or "").strip(), progress)
    except Cancelled as cancelled:
        report.cancelled = True
        cancelled.partial = report
        raise
    finally:
        opened.close()
    return report


def _run(workspace, form, opened, report, mapping, dry_run, reason, progress) -> None:
    rows = opened.rows()
    opening = []
    for number, values in rows:
        opening.append((number, values))
        if len(opening) >= headers.HEADER_SEARCH_ROWS:
            break
    columns = headers.find_columns(form, opening, mapping)
    report.columns = columns
    fields = {index: form.field(name) for index, name in columns.fields.items()}
    converter = cells.Converter(form)
    context = form_entry.rule_context(workspace)
    defaults = new_record(form, context)
    unique = [name for name in form.unique_fields if name in columns.fields.values()]
    id_field = form.role_name(roles.PERSON_ID)
    seen: dict[str, dict[str, int]] = {name: {} for name in unique}
    overrides = _EveryWarning(reason) if reason else None
    forms = identity.FormLookup(form_entry.registry_for(workspace))
    total = (opened.total - columns.header_row) if opened.total else 0
    label = Text("Importing rows", "正在导入")
    done = 0

    def data_rows():
        for number, values in opening:
            if number > columns.header_row:
                yield number, values
        yield from rows

    for number, values in data_rows():
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        progress.check()
        outcome = _row(workspace, form, number, values, fields, converter, context, defaults, unique, id_field,
                       seen, overrides, forms, dry_run)
        report.add(outcome)
        done += 1
        progress(done, max(total, done), label)
    progress(done, done, label)   # the file's row count was an estimate (blank rows)


def _row(workspace, form, number, cells_of_row, fields, converter, context, defaults, unique, id_field,
         seen, overrides, forms, dry_run) -> RowOutcome:
    values: dict = {}
    problems: list[Problem] = []
    for index, f in fields.items():
        cell = cells_of_row[index] if index < len(cells_of_row) else None
        try:
            value = converter.value(f, cell)
        except cells.CellProblem as problem:
            problems.append(Problem(f.name, f.label, problem.message))
            continue
        if value != "":
            values[f.name] = value
    if problems:
        return RowOutcome(number, REFUSED, problems)
    for name in unique:
        key = values.get(name)
        if not key:
            continue
        key = half_width(str(key)).strip()
        key = key.upper() if name == id_field else key
        f = form.field(name)
        first = seen[name].get(key)
        if first is not None:
            return RowOutcome(number, REFUSED, [Problem(name, f.label, Text(
                f"the same {f.label.en} as row {first}: imported once, from row {first}",
                f"与第 {first} 行的{f.label.zh}相同：只导入第 {first} 行"))])
        seen[name][key] = number
        existing = records.find_by_key(workspace.db, form.form_id, name, key)
        if existing is not None:
            record = records.get(workspace.db, existing.record_id)
            differ = [other for other in values
                      if not _same(record.values.get(other), values[other], other == id_field)]
            if not differ:
                return RowOutcome(number, PRESENT, record_id=record.id)
            shown = identity.display_name(forms.for_record(record), record.values)
            who = f"{shown} ({record.id[:8]}, {record.created_at[:10]})".strip()
            names_en = ", ".join(form.field(n).label.en for n in differ)
            names_zh = "、".join(form.field(n).label.zh for n in differ)
            return RowOutcome(number, REFUSED, [Problem(name, f.label, Text(
                f"already in the store as {who}, with other values ({names_en}); change that record at the desk",
                f"库中已有此记录：{who}，但{names_zh}不同；请在录入界面修改该记录"))], record_id=record.id)
    row_values = {**defaults, **values}
    if dry_run:
        filled = metadata.fill(form, row_values, clerk=workspace.clerk or "system",
                               installation=workspace.township or "", now=clock.now())
        state = form_entry.evaluate(workspace, form, filled, context=context)
        blocking = [*state.errors, *(() if overrides else state.warnings)]
        if blocking:
            return RowOutcome(number, REFUSED, [_problem(form, v) for v in blocking],
                              needs_reason=not state.errors)
        return RowOutcome(number, WOULD_SAVE)
    try:
        saved = form_entry.save(workspace, form, row_values, overrides=overrides)
    except RecordRejected as rejected:
        only_warnings = all(v.severity == "warning" for v in rejected.violations)
        return RowOutcome(number, REFUSED, [_problem(form, v) for v in rejected.violations],
                          needs_reason=only_warnings and not overrides)
    return RowOutcome(number, SAVED, record_id=saved.id)


def _problem(form, violation) -> Problem:
    name = violation.field
    label = form.field(name).label if name and form.has_field(name) else Text(name, name)
    message = _without_label(violation.message, label)
    if violation.severity == "warning":
        message = message + NEEDS_REASON
    return Problem(name, label, message)


def _without_label(message: Text, label: Text) -> Text:
    """'Resident ID number: the check character…' -> 'the check character…': the report's field
    column names the field already."""
    def strip(text: str, name: str) -> str:
        for sep in (": ", "：", ":"):
            if name and text.startswith(name + sep):
                return text[len(name) + len(sep):]
        return text

    return Text(strip(message.en, label.en), strip(message.zh, label.zh))
