"""The row report of an import: one line per problem of a refused row, as the clerk fixes the sheet.

Three columns, 行号 / 字段 / 问题 (Row / Field / Problem in English): the row number as Excel
shows it, the field's label and the problem, in the clerk's language. Shown in the import dialog
and saved as .xlsx (openpyxl) beside the sheet (`default_path`) or where `--report` says.
"""

from __future__ import annotations

from pathlib import Path

from desktop.core.i18n import Text, current_language

HEADERS = (Text("Row", "行号"), Text("Field", "字段"), Text("Problem", "问题"))


def lines(report, language: str | None = None) -> list[tuple[int, str, str]]:
    """(row, field, problem) of every problem of every refused row, in row order."""
    language = language or current_language()
    out = []
    for row in sorted(report.refused, key=lambda r: r.row):
        for problem in row.problems:
            out.append((row.row, problem.label.get(language) or problem.field, problem.message.get(language)))
    return out


def default_path(report, language: str | None = None) -> Path:
    """Beside the sheet: 台账_导入报告.xlsx (台账_import_report.xlsx in English)."""
    sheet = Path(report.file)
    suffix = "导入报告" if (language or current_language()) == "zh" else "import_report"
    return sheet.with_name(f"{sheet.stem}_{suffix}.xlsx")


def save_xlsx(report, path=None, language: str | None = None) -> Path:
    """Write the report's lines to `path` (default: beside the sheet); returns the path written."""
    import openpyxl
    from openpyxl.styles import Alignment, Font

    from desktop.core.store.atomic import write_atomic

    language = language or current_language()
    path = Path(path) if path else default_path(report, language)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "导入报告" if language == "zh" else "Import report"
    sheet.append([h.get(language) for h in HEADERS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, label, message in lines(report, language):
        sheet.append([number, label, message])
    for row in sheet.iter_rows(min_row=2, min_col=3, max_col=3):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 8
    sheet.column_dimensions["B"].width = 18
    sheet.column_dimensions["C"].width = 80
    sheet.freeze_panes = "A2"
    import io

    buffer = io.BytesIO()
    book.save(buffer)
    write_atomic(path, buffer.getvalue())
    return path
