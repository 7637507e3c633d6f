"""XPath value conversions with JavaRosa's (ODK Collect's) rules for empty values, numbers,
booleans and dates (org.javarosa.xpath.expr.XPathFuncExpr: toNumeric, toString, toBoolean,
toDate; org.javarosa.core.model.utils.DateUtils: parseDateTime).

Inside the engine a field's value is typed: "" when empty (ODK has no null), `str` for text and
choices (a select_multiple is its choice names separated by spaces, as ODK stores it), `int` /
`float` for numbers, `datetime.date` for dates, `datetime.datetime` for date-times (`now()`),
`list` for the instances of a repeat, `NodeSet` for the values an aggregate (`sum`, `count`, …)
reads. A date is a number of days since 1970-01-01 wherever a number is wanted, so
`${arrival_date} > today()` and `today() - ${birth_date}` work as they do in ODK Collect.
"""

from __future__ import annotations

import datetime
import math
import re
from decimal import Decimal

EPOCH = datetime.date(1970, 1, 1)
NAN = float("nan")
_NUMBER_CHARS = frozenset("-.0123456789")
_RAW_TIME = re.compile(r"(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,3})\d*)?)?")
_OFFSET = re.compile(r"^(.*?)(Z|[+-]\d{1,2}(?::?\d{2})?)$")


class EvaluationError(ValueError):
    """A value an expression cannot work with (e.g. date('2020-02-30')): JavaRosa raises an
    XPathTypeMismatchException, `forms eval` reports it, the engine treats the result as empty.
    `zh` is the Chinese of the message (`text` gives both)."""

    def __init__(self, en: str, zh: str = ""):
        super().__init__(en)
        self.zh = zh or en

    @property
    def text(self):
        from desktop.core.i18n import Text
        return Text(str(self), self.zh)


class NodeSet(tuple):
    """The values of a field over every instance of its repeat (what `${child}` means to
    sum(), count(), max(), min(), count-non-empty() and join() outside the repeat)."""


# full-width ASCII (U+FF01-U+FF5E) and the ideographic space, as typed with a Chinese input method
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def half_width(text: str) -> str:
    """Full-width digits, letters, punctuation and spaces as their half-width (ASCII) forms:
    '１３１０２５' -> '131025'. Applied to every field with a format check (IDs, phones, codes)
    before it is checked, stored and indexed."""
    return text.translate(_HALF_WIDTH) if text and not text.isascii() else text


def _java_trim(text: str) -> str:
    return text.strip("".join(chr(c) for c in range(33)))


def _parse_date_part(text: str) -> datetime.date | None:
    pieces = text.split("-")
    if len(pieces) != 3:
        return None
    try:
        year, month, day = (int(piece) for piece in pieces)
        return datetime.date(year, month, day)
    except ValueError:
        return None


def parse_date_time(text: str) -> datetime.date | datetime.datetime | None:
    """JavaRosa's DateUtils.parseDateTime: 'YYYY-MM-DD' (a date) or 'YYYY-MM-DDThh:mm[:ss[.sss]]'
    with an optional 'Z' or ±hh[:mm] offset (a date-time); an impossible date is None."""
    date_text, _, time_text = text.partition("T")
    day = _parse_date_part(date_text)
    if day is None:
        return None
    if not _:
        return day
    tz = None
    match = _OFFSET.match(time_text)
    if match and (match[2] == "Z" or ":" in match[1]):
        time_text, offset = match[1], match[2]
        if offset == "Z":
            tz = datetime.UTC
        else:
            sign = -1 if offset[0] == "-" else 1
            digits = offset[1:].replace(":", "")
            hours, minutes = int(digits[:2]), int(digits[2:] or 0)
            tz = datetime.timezone(sign * datetime.timedelta(hours=hours, minutes=minutes))
    raw = _RAW_TIME.fullmatch(time_text)
    if not raw:
        return None
    try:
        return datetime.datetime(day.year, day.month, day.day, int(raw[1]), int(raw[2]), int(raw[3] or 0),
                                 int((raw[4] or "0").ljust(3, "0")) * 1000, tzinfo=tz)
    except ValueError:
        return None


def parse_date(text: str) -> datetime.date | None:
    """An ISO date (a date-time gives its date), or None."""
    value = parse_date_time(text.strip())
    if isinstance(value, datetime.datetime):
        return value.date()
    return value


def date_to_days(value: datetime.date) -> int:
    if isinstance(value, datetime.datetime):
        value = value.date()
    return (value - EPOCH).days


def fractional_days(value: datetime.date) -> float:
    """decimal-date-time(): days since 1970-01-01T00:00Z with the time as a fraction. A date-time
    without an offset is read as UTC (ODK Collect reads it in the device's zone)."""
    if not isinstance(value, datetime.datetime):
        return float(date_to_days(value))
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.UTC)
    return value.timestamp() / 86400


def days_to_date(days: float) -> datetime.date | None:
    """date(n): n truncated toward zero (JavaRosa's toInt), as days since 1970-01-01."""
    if days != days or math.isinf(days):
        return None
    try:
        return EPOCH + datetime.timedelta(days=int(days))
    except OverflowError:
        return None


def text_to_number(text: str) -> float:
    """JavaRosa's toNumeric on text: ',' read as '.', trimmed, only '-', '.' and the digits 0-9
    (no exponent, no '+', no 'Infinity', no full-width digits), else NaN."""
    text = _java_trim(text.replace(",", "."))
    if not text or not _NUMBER_CHARS.issuperset(text):
        return NAN
    try:
        return float(text)
    except ValueError:
        return NAN


def to_number(value) -> float:
    """XPath number(): empty and non-numeric text are NaN; dates count days since 1970."""
    if value.__class__ is str:
        return text_to_number(value) if value else NAN
    if value is True:
        return 1.0
    if value is False:
        return 0.0
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, datetime.date):
        return float(date_to_days(value))
    if isinstance(value, NodeSet):
        return to_number(value[0]) if value else NAN
    if isinstance(value, list):
        return float(len(value))
    return NAN


def format_number(number: float) -> str:
    """JavaRosa's toString of a double: within 1e-12 of a whole number it is written as one;
    otherwise Java's Double.toString (scientific below 0.001 and from 10^7: 1.0E-5)."""
    if number != number:
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    if abs(number) < 1e-12:
        return "0"
    if abs(number - int(number)) < 1e-12:
        return str(int(number))
    if 1e-3 <= abs(number) < 1e7:
        return repr(number)
    mantissa, _, exponent = format(Decimal(repr(number)), "E").partition("E")
    if "." not in mantissa:
        mantissa += ".0"
    return f"{mantissa}E{int(exponent)}"


def to_string(value) -> str:
    """XPath string(): numbers as JavaRosa writes them, booleans as true/false, dates (and the
    date of a date-time) as ISO."""
    if value.__class__ is str:
        return value
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format_number(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, NodeSet):
        return to_string(value[0]) if value else ""
    if isinstance(value, list):
        return str(len(value)) if value else ""
    return str(value)


def to_bool(value) -> bool:
    """XPath boolean(): empty text is false, NaN and zero are false, a date is true."""
    if value.__class__ is str:
        return value != ""
    if value.__class__ is bool:
        return value
    if isinstance(value, int | float):
        return value == value and abs(value) > 1e-12
    if isinstance(value, list | tuple):
        return bool(value)
    return value is not None


def to_date(value) -> datetime.date | None:
    """A value as a date, or None: a date stays, a date-time gives its day, a number is days
    since 1970 (truncated toward zero), text is parsed as ISO."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if value.__class__ is str:
        return parse_date(value) if value else None
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return days_to_date(value)
    return None


def is_empty(value) -> bool:
    return value is None or value == "" or (isinstance(value, list) and not value)


def is_null(value) -> bool:
    """JavaRosa's isNull (coalesce): empty text or NaN."""
    if isinstance(value, NodeSet):
        value = value[0] if value else ""
    return value is None or value == "" or (isinstance(value, float) and value != value) or (
        isinstance(value, list) and not value)


def compare_equal(left, right) -> bool:
    """XPath '=' as JavaRosa's XPathEqExpr: booleans first, then numbers (within 1e-12; a date
    is its days), then text (a date as YYYY-MM-DD)."""
    if left.__class__ is bool or right.__class__ is bool:
        return to_bool(left) == to_bool(right)
    if isinstance(left, int | float) or isinstance(right, int | float):
        return abs(to_number(left) - to_number(right)) < 1e-12
    return to_string(left) == to_string(right)
