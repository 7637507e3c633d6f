"""What the import dialog shows before an import: a file's sheets, its header row with a sample of
each column and the field each column fills, and the clerk's corrections remembered.

A sheet's *shape* is its form and its header cells, normalised (desktop.core.sheets.headers): the
next register of the same shape (next month's 台账) gets the mapping the clerk corrected last
time. Mappings are {column letter: field name, "" for a column left out}, as `import_sheet`'s
`mapping=` takes them; they are kept in the settings (desktop.core.store.settings, its one
writer), as is the folder the last sheet came from.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.forms.problems import column_letter
from desktop.core.sheets import headers, reader
from desktop.core.store import settings
from desktop.core.store.db import transaction

MAPPING_PREFIX = "sheet_mapping:"
LAST_FOLDER = "sheet_import_folder"
SAMPLE_ROWS = 3


@dataclass
class Column:
    index: int
    letter: str
    header: str
    samples: list[str] = field(default_factory=list)
    field: str = ""            # the field it fills, "" when not imported


@dataclass
class Preview:
    sheet: str
    header_row: int
    columns: list[Column]
    remembered: bool           # the mapping came from an earlier sheet of the same shape

    def mapping(self) -> dict[str, str]:
        return {c.letter: c.field for c in self.columns}


def sheet_names(path) -> list[str]:
    """The sheets of a workbook in order; a CSV is one sheet, named after the file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        import zipfile

        import openpyxl

        try:
            book = openpyxl.load_workbook(path, read_only=True)
        except (zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
            raise reader.unreadable(path, str(error)) from error
        try:
            return list(book.sheetnames)
        finally:
            book.close()
    if suffix == ".xls":
        import xlrd

        try:
            book = xlrd.open_workbook(str(path), on_demand=True)
        except (xlrd.XLRDError, OSError, ValueError, AssertionError) as error:
            raise reader.unreadable(path, str(error)) from error
        try:
            return list(book.sheet_names())
        finally:
            book.release_resources()
    opened = reader.open_sheet(path)     # refuses what it cannot read
    opened.close()
    return [opened.name]


def shape_key(form_id: str, header_cells: dict[int, str]) -> str:
    text = "\x1f".join(f"{i}={headers.normalise(v)}" for i, v in sorted(header_cells.items()))
    return MAPPING_PREFIX + form_id + ":" + hashlib.sha256(text.encode()).hexdigest()[:24]


def _cell_text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value).strip()


def preview(workspace, form, path, sheet: str | None = None, mapping: dict | None = None) -> Preview:
    """The header row and each header column's field: `mapping` when given, else the one remembered
    for this shape, else what the headers name."""
    opened = reader.open_sheet(path, sheet)
    try:
        opening = []
        for number, values in opened.rows():
            opening.append((number, values))
            if len(opening) >= headers.HEADER_SEARCH_ROWS + SAMPLE_ROWS:
                break
    finally:
        opened.close()
    head = opening[:headers.HEADER_SEARCH_ROWS] or [(1, ())]
    remembered = False
    if mapping is None:
        found = _columns(form, head, None)
        stored = settings.get(workspace.db, shape_key(form.form_id, found.headers))
        if isinstance(stored, dict):
            mapping, remembered = stored, True
    columns = _columns(form, head, mapping or None)
    data = [values for number, values in opening if number > columns.header_row][:SAMPLE_ROWS]
    out = []
    for index, text in sorted(columns.headers.items()):
        samples = [_cell_text(values[index]) for values in data if index < len(values)]
        out.append(Column(index, column_letter(index), text, [s for s in samples if s],
                          columns.fields.get(index, "")))
    return Preview(opened.name, columns.header_row, out, remembered)


def _columns(form, head, mapping) -> headers.Columns:
    """find_columns, or the first row as the header with nothing recognised (the clerk maps it)."""
    from desktop.core.errors import UserError

    try:
        return headers.find_columns(form, head, mapping)
    except UserError as error:
        if error.code != "no-header":
            raise
        number, values = head[0]
        cells = {i: str(v).strip() for i, v in enumerate(values) if v not in (None, "")}
        return headers.Columns(number, {}, cells, list(cells.values()))


def remember(workspace, form_id: str, preview_: Preview, mapping: dict[str, str]) -> None:
    """Keep `mapping` for the next sheet of this shape, and the sheet's folder."""
    cells = {c.index: c.header for c in preview_.columns}
    with transaction(workspace.db):
        settings.put(workspace.db, shape_key(form_id, cells), dict(mapping))


def last_folder(workspace) -> str | None:
    value = settings.get(workspace.db, LAST_FOLDER)
    return value if isinstance(value, str) and value and Path(value).is_dir() else None


def remember_folder(workspace, folder) -> None:
    with transaction(workspace.db):
        settings.put(workspace.db, LAST_FOLDER, str(folder))
