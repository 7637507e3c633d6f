"""Reading a spreadsheet as rows of cell values, streamed: .xlsx (openpyxl, read-only), .xls
(xlrd) and .csv (UTF-8, UTF-8 with BOM, or GBK/GB18030 as Chinese Excel saves it).

`open_sheet(path, sheet)` gives a `Sheet`: its name, an estimate of its row count (None when the
file does not say) and `rows()`, an iterator of (row number as Excel shows it, tuple of values).
Values are what the file holds: str, int, float, datetime/date, bool or None; a date cell of an
.xls comes as a datetime, as openpyxl gives it for an .xlsx.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.core.errors import UserError
from desktop.core.i18n import Text

CSV_CHUNK = 1 << 16


@dataclass
class Sheet:
    name: str
    total: int | None
    _rows: object
    _close: object = None

    def rows(self) -> Iterator[tuple[int, tuple]]:
        return self._rows()

    def close(self) -> None:
        if self._close is not None:
            self._close()


class SheetUnreadable(UserError):
    """The file is not there, not a spreadsheet, or has no such sheet (the command exits 2)."""

    exit_code = 2


def unreadable(path: Path, why: str) -> UserError:
    return SheetUnreadable(Text(f"Cannot read the spreadsheet {path.name}: {why}",
                          f"无法读取表格 {path.name}：{why}"), code="bad-sheet")


def open_sheet(path, sheet: str | None = None) -> Sheet:
    path = Path(path)
    if not path.is_file():
        raise SheetUnreadable(Text(f"No such file: {path}", f"找不到文件：{path}"), code="no-file")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _xlsx(path, sheet)
    if suffix == ".xls":
        return _xls(path, sheet)
    if suffix in (".csv", ".txt"):
        return _csv(path)
    raise SheetUnreadable(Text(f"{path.name}: not a spreadsheet this program reads (.xlsx, .xls or .csv).",
                         f"{path.name}：不是可读取的表格（.xlsx、.xls 或 .csv）。"), code="bad-sheet")


def _no_sheet(path: Path, sheet: str, names) -> UserError:
    listed = ", ".join(names)
    return SheetUnreadable(Text(f"{path.name} has no sheet named '{sheet}' (sheets: {listed}).",
                          f"{path.name} 中没有名为“{sheet}”的工作表（现有：{listed}）。"), code="no-sheet")


def _xlsx(path: Path, sheet: str | None) -> Sheet:
    import zipfile

    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        raise unreadable(path, str(error)) from error
    if sheet is not None and sheet not in book.sheetnames:
        book.close()
        raise _no_sheet(path, sheet, book.sheetnames)
    worksheet = book[sheet] if sheet is not None else book.worksheets[0]
    total = worksheet.max_row if isinstance(worksheet.max_row, int) else None

    def rows():
        yield from enumerate(worksheet.iter_rows(values_only=True), 1)

    return Sheet(worksheet.title, total, rows, book.close)


def _xls(path: Path, sheet: str | None) -> Sheet:
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), on_demand=True)
    except (xlrd.XLRDError, OSError, ValueError, AssertionError) as error:
        raise unreadable(path, str(error)) from error
    names = book.sheet_names()
    if sheet is not None and sheet not in names:
        book.release_resources()
        raise _no_sheet(path, sheet, names)
    worksheet = book.sheet_by_name(sheet) if sheet is not None else book.sheet_by_index(0)

    def value(cell):
        if cell.ctype == xlrd.XL_CELL_DATE:
            try:
                return xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
            except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                return cell.value
        if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
            return None
        if cell.ctype == xlrd.XL_CELL_BOOLEAN:
            return bool(cell.value)
        return cell.value

    def rows():
        for index in range(worksheet.nrows):
            yield index + 1, tuple(value(cell) for cell in worksheet.row(index))

    return Sheet(worksheet.name, worksheet.nrows, rows, book.release_resources)


def csv_encoding(path: Path) -> str:
    """'utf-8-sig' when the whole file is valid UTF-8 (with or without a BOM), else 'gb18030'
    (a superset of GBK: what Chinese Excel writes for 'CSV')."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(CSV_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8-sig"


def _csv(path: Path) -> Sheet:
    encoding = csv_encoding(path)

    def rows():
        try:
            with path.open(encoding=encoding, errors="strict", newline="") as stream:
                sample = stream.read(4096)
                stream.seek(0)
                try:
                    dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
                except csv.Error:
                    dialect = csv.excel
                for number, values in enumerate(csv.reader(stream, dialect), 1):
                    yield number, tuple(values)
        except UnicodeDecodeError as error:
            raise unreadable(path, str(error)) from error

    return Sheet(path.stem, None, rows)
