"""A sheet's cell as the value a field takes: what the clerk would have typed.

- dates: a date cell, an Excel date serial (a number), 1985/3/2 (how Chinese Excel writes a date
  into a CSV), 1985.3.2, 1985年3月2日, 19850302, 1985-03-02 -> '1985-03-02';
- a resident ID Excel stored as a number of 16 digits or more (1.31025E+17) has lost its last
  digits: `CellProblem`, with how to keep the column as text; a whole number written as such
  (an integer cell) is its digits;
- choices by code or by label in either language (男 -> 1, 汉 / 汉族 -> 01);
- numbers that are whole (13812345678.0 from an .xls) lose the '.0'; full-width digits and
  letters become half-width silently (the engine does the same for fields with a format check).
Anything else is passed on as text, and the entry rules say what is wrong with it.
"""

from __future__ import annotations

import datetime
import re
import unicodedata

from desktop.core.forms import roles
from desktop.core.forms.model import Field, FormDefinition
from desktop.core.i18n import Text
from desktop.core.sheets.headers import normalise

EXCEL_EPOCH = datetime.date(1899, 12, 30)
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_SCIENTIFIC = re.compile(r"^\d+(?:\.\d+)?E\+?\d+$")
LOST_DIGITS = 1e15  # a float this large has no exact digits left for an ID


class CellProblem(Exception):  # noqa: N818 (a refusal of one cell, reported with its row)
    def __init__(self, message: Text):
        super().__init__(str(message))
        self.message = message


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < LOST_DIGITS:
        return str(int(value))
    if isinstance(value, bool):
        return "1" if value else "0"
    return unicodedata.normalize("NFKC", str(value)).strip() if not isinstance(value, str) or not value.isascii() \
        else value.strip()


def to_date(value) -> str:
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # 1900-01-01 .. 9999-12-31 as Excel serials
            return (EXCEL_EPOCH + datetime.timedelta(days=int(value))).isoformat()
        text = _text(value)
    else:
        text = _text(value)
    match = _DATE.match(text) or _COMPACT_DATE.match(text)
    if match:
        try:
            return datetime.date(*map(int, match.groups())).isoformat()
        except ValueError:
            return text
    return text


class Converter:
    """Cell -> field value for one form (choice labels indexed once)."""

    def __init__(self, form: FormDefinition):
        self.form = form
        self._choices: dict[str, dict[str, str]] = {}
        self._id_fields = {f.name for f in form.fields if f.role == roles.PERSON_ID}
        pid = form.role_field(roles.PERSON_ID)
        if pid is not None:
            self._id_fields.add(pid.name)

    def _choice_index(self, f: Field) -> dict[str, str]:
        index = self._choices.get(f.name)
        if index is None:
            index = {}
            choices = self.form.choices_for(f.name)
            for choice in choices or ():
                for text in (choice.label.zh, choice.label.en):
                    key = normalise(text)
                    if key:
                        index.setdefault(key, choice.name)
                        if key.endswith("族") and len(key) >= 2:   # 汉 for 汉族
                            index.setdefault(key[:-1], choice.name)
            for choice in choices or ():
                index[normalise(choice.name)] = choice.name
            self._choices[f.name] = index
        return index

    def value(self, f: Field, cell):
        """The field's value for `cell` ('' for an empty cell); raises CellProblem."""
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            return ""
        if f.name in self._id_fields:
            return self._id(cell)
        if f.type in ("date", "datetime"):
            return to_date(cell)
        if f.type == "select_one":
            text = _text(cell)
            return self._choice_index(f).get(normalise(text), text)
        if f.type == "select_multiple":
            index = self._choice_index(f)
            parts = [p for p in re.split(r"[\s,，、;；]+", _text(cell)) if p]
            return " ".join(index.get(normalise(p), p) for p in parts)
        if isinstance(cell, (datetime.datetime, datetime.date)):
            return to_date(cell)
        return _text(cell)

    @staticmethod
    def _id(cell) -> str:
        if isinstance(cell, float):
            if abs(cell) >= LOST_DIGITS or not cell.is_integer():
                raise CellProblem(Text(
                    f"the ID number was stored by Excel as a number ({cell:.6g}): its last digits are lost. "
                    "Format the column as Text in Excel and type the numbers again, or save it from the "
                    "original register.",
                    f"身份号码被 Excel 存成了数字（{cell:.6g}），后几位已丢失。请在 Excel 中把该列设置为“文本”后"
                    "重新输入，或从原始台账重新导出。"))
            return str(int(cell))
        if isinstance(cell, int) and not isinstance(cell, bool):
            return str(cell)
        text = unicodedata.normalize("NFKC", str(cell)).strip().replace(" ", "").upper()
        if _SCIENTIFIC.match(text):   # a CSV saved by Excel writes the lost number so
            raise CellProblem(Text(
                f"the ID number was stored by Excel as a number ({text}): its last digits are lost. "
                "Format the column as Text in Excel and type the numbers again, or save it from the "
                "original register.",
                f"身份号码被 Excel 存成了数字（{text}），后几位已丢失。请在 Excel 中把该列设置为“文本”后"
                "重新输入，或从原始台账重新导出。"))
        return text
