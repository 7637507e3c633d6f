"""XPath value conversions with ODK's rules for empty values, numbers, booleans and dates.

Inside the engine a field's value is typed: "" when empty (ODK has no null), `str` for text and
choices (a select_multiple is its choice names separated by spaces, as ODK stores it), `int` /
`float` for numbers, `datetime.date` for dates, `list` for the instances of a repeat. A date is
a number of days since 1970-01-01 wherever a number is wanted (ODK's decimal-date-time), so
`${arrival_date} > today()` and `today() - ${birth_date}` work as they do in ODK Collect.
"""

from __future__ import annotations

import datetime
import math
import re

EPOCH = datetime.date(1970, 1, 1)
NAN = float("nan")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z]*)?\s*$")


def parse_date(text: str) -> datetime.date | None:
    """An ISO date (optionally with a time part, which is ignored), or None."""
    match = _ISO_DATE.match(text)
    if not match:
        return None
    try:
        return datetime.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def date_to_days(value: datetime.date) -> int:
    return (value - EPOCH).days


def days_to_date(days: float) -> datetime.date | None:
    if days != days or math.isinf(days):
        return None
    try:
        return EPOCH + datetime.timedelta(days=math.floor(days))
    except OverflowError:
        return None


def to_number(value) -> float:
    """XPath number(): empty and non-numeric text are NaN; dates count days since 1970."""
    if value.__class__ is str:
        if not value:
            return NAN
        try:
            return float(value)
        except ValueError:
            day = parse_date(value)
            return float(date_to_days(day)) if day else NAN
    if value is True:
        return 1.0
    if value is False:
        return 0.0
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, datetime.date):
        return float(date_to_days(value))
    if isinstance(value, list):
        return float(len(value))
    return NAN


def format_number(number: float) -> str:
    if number != number:
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    if number == int(number):
        return str(int(number))
    return repr(number)


def to_string(value) -> str:
    """XPath string(): numbers without a trailing .0, booleans as true/false, dates as ISO."""
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
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list):
        return str(len(value)) if value else ""
    return str(value)


def to_bool(value) -> bool:
    """XPath boolean(): empty text is false, NaN and zero are false."""
    if value.__class__ is str:
        return value != ""
    if value.__class__ is bool:
        return value
    if isinstance(value, int | float):
        return value == value and value != 0
    if isinstance(value, list):
        return bool(value)
    return value is not None


def to_date(value) -> datetime.date | None:
    """ODK date(): a date stays, a number is days since 1970, text is parsed as ISO."""
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


def compare_equal(left, right) -> bool:
    """XPath '=' with ODK's typing: booleans, then numbers or dates, then text."""
    if left.__class__ is bool or right.__class__ is bool:
        return to_bool(left) == to_bool(right)
    if isinstance(left, int | float | datetime.date) or isinstance(right, int | float | datetime.date):
        return to_number(left) == to_number(right)
    return to_string(left) == to_string(right)
