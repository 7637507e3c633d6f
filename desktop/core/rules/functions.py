"""The functions expressions may call: the XLSForm/ODK ones the shipped forms need, plus ours
for resident ID numbers (python-stdnum's `cn.ric`), phone numbers and code lists.

Each entry is (minimum arguments, maximum arguments or None for any, implementation). An
implementation receives the evaluation environment first, then the argument values already
evaluated, and follows ODK for empty values (empty in, empty or false out - never an error).
"""

from __future__ import annotations

import datetime
import math
import re
from functools import lru_cache

from stdnum.cn import ric

from desktop.core.rules.values import (
    NAN,
    date_to_days,
    is_empty,
    to_bool,
    to_date,
    to_number,
    to_string,
)

_MOBILE = re.compile(r"1[3-9]\d{9}")
# Landline: area code 0 + 2-3 digits, then a 7-8 digit number not starting with 0 or 1, an
# optional hyphen or space between them, and an optional extension (-123).
_LANDLINE = re.compile(r"0\d{2,3}[- ]?[2-9]\d{6,7}(-\d{1,6})?")
_OLDEST_BIRTH = datetime.date(1900, 1, 1)


@lru_cache(maxsize=1)
def _region_codes():
    from stdnum import numdb
    return numdb.get("cn/loc")


@lru_cache(maxsize=8192)
def _ric_checked(number: str) -> str | None:
    """The compact number when its length, check digit (GB 11643 via python-stdnum), birth date
    and region code are valid, else None.

    The region must be a code that was ever assigned, not necessarily in the birth year:
    stdnum's `validate` also demands that, but an ID keeps the code of the place where it was
    first issued, so a person born in 1985 in 大城县 (code 131025 since 1989) holds a valid
    131025... number that stdnum would refuse."""
    try:
        number = ric.compact(number)
        if len(number) != 18 or not number[:-1].isdigit() or number[-1] != ric.calc_check_digit(number):
            return None
        ric.get_birth_date(number)
    except Exception:  # stdnum raises ValidationError subclasses; any failure means invalid
        return None
    region = {key: value for _, props in _region_codes().info(number[:6]) for key, value in props.items()}
    return number if "county" in region else None


def id_number_valid(text: str, today: datetime.date | None = None) -> bool:
    """An 18-character resident ID with a valid GB 11643 check digit, a real region code and a
    birth date that exists, is not before 1900 and not after today."""
    number = _ric_checked(text.strip().upper()) if text else None
    if number is None or len(number) != 18:
        return False
    birth = ric.get_birth_date(number)
    return _OLDEST_BIRTH <= birth <= (today or datetime.date.today())


def id_number_birth_date(text: str) -> datetime.date | None:
    number = _ric_checked(text.strip().upper()) if text else None
    return ric.get_birth_date(number) if number else None


def id_number_sex(text: str) -> str:
    """GB/T 2261.1 code: '1' male (odd order code), '2' female (even), '' when not valid."""
    number = _ric_checked(text.strip().upper()) if text else None
    if not number:
        return ""
    return "1" if int(number[16]) % 2 else "2"


def phone_number_valid(text: str) -> bool:
    text = text.strip()
    return bool(_MOBILE.fullmatch(text) or _LANDLINE.fullmatch(text))


def _if(env, condition, then, otherwise):
    return then if to_bool(condition) else otherwise


def _selected(env, choices, choice):
    return to_string(choice) in to_string(choices).split()


def _count_selected(env, choices):
    return len(to_string(choices).split())


def _selected_at(env, choices, index):
    parts = to_string(choices).split()
    position = to_number(index)
    if position != position or not 0 <= int(position) < len(parts):
        return ""
    return parts[int(position)]


def _string_length(env, text=None):
    return len(to_string(env.current if text is None else text))


@lru_cache(maxsize=256)
def _compiled_regex(pattern: str):
    return re.compile(pattern)


def _regex(env, text, pattern):
    # ODK (JavaRosa and Enketo) searches: a pattern matches anywhere unless anchored with ^ $.
    return _compiled_regex(to_string(pattern)).search(to_string(text)) is not None


def _today(env):
    return env.context.today_date()


def _coalesce(env, first, second):
    return second if is_empty(first) else first


def _concat(env, *parts):
    return "".join(to_string(part) for part in parts)


def _substr(env, text, start, end=None):
    # ODK's substr is 0-based with an exclusive end: substr('abcd', 1, 3) = 'bc'
    text = to_string(text)
    first = to_number(start)
    if first != first:
        return ""
    first = max(int(first), 0)
    if end is None:
        return text[first:]
    last = to_number(end)
    if last != last:
        return ""
    return text[first:int(last)]


def _int(env, value):
    number = to_number(value)
    if number != number or math.isinf(number):
        return NAN
    return int(number)  # truncates toward zero, as ODK's int()


def _round(env, value, digits=0):
    number = to_number(value)
    places = to_number(digits)
    if number != number or places != places or math.isinf(number):
        return NAN
    factor = 10 ** int(places)
    # XPath rounds half up (towards positive infinity), not to even
    return math.floor(number * factor + 0.5) / factor


def _number(env, value):
    return to_number(value)


def _string(env, value):
    return to_string(value)


def _boolean(env, value):
    return to_bool(value)


def _not(env, value):
    return not to_bool(value)


def _true(env):
    return True


def _false(env):
    return False


def _date(env, value):
    day = to_date(value)
    return "" if day is None else day


def _decimal_date_time(env, value):
    day = to_date(value)
    return NAN if day is None else float(date_to_days(day))


def _contains(env, text, part):
    return to_string(part) in to_string(text)


def _starts_with(env, text, part):
    return to_string(text).startswith(to_string(part))


def _ends_with(env, text, part):
    return to_string(text).endswith(to_string(part))


def _count(env, nodes):
    return len(nodes) if isinstance(nodes, list) else (0 if is_empty(nodes) else 1)


def _id_valid(env, text):
    return id_number_valid(to_string(text), env.context.today_date())


def _id_birth_date(env, text):
    day = id_number_birth_date(to_string(text))
    return "" if day is None else day


def _id_sex(env, text):
    return id_number_sex(to_string(text))


def _phone_valid(env, text):
    return phone_number_valid(to_string(text))


def _in_codelist(env, code, list_name):
    code = to_string(code)
    if not code:
        return False
    return env.context.code_lists().contains(to_string(list_name), code)


def _context(env, key):
    return str(env.context.values.get(to_string(key), ""))


FUNCTIONS = {
    "if": (3, 3, _if),
    "selected": (2, 2, _selected),
    "count-selected": (1, 1, _count_selected),
    "selected-at": (2, 2, _selected_at),
    "string-length": (0, 1, _string_length),
    "regex": (2, 2, _regex),
    "today": (0, 0, _today),
    "coalesce": (2, 2, _coalesce),
    "concat": (1, None, _concat),
    "substr": (2, 3, _substr),
    "int": (1, 1, _int),
    "round": (1, 2, _round),
    "number": (1, 1, _number),
    "string": (1, 1, _string),
    "boolean": (1, 1, _boolean),
    "not": (1, 1, _not),
    "true": (0, 0, _true),
    "false": (0, 0, _false),
    "date": (1, 1, _date),
    "decimal-date-time": (1, 1, _decimal_date_time),
    "contains": (2, 2, _contains),
    "starts-with": (2, 2, _starts_with),
    "ends-with": (2, 2, _ends_with),
    "count": (1, 1, _count),
    # ours (documented in docs/FORMS.md)
    "id_valid": (1, 1, _id_valid),
    "id_birth_date": (1, 1, _id_birth_date),
    "id_sex": (1, 1, _id_sex),
    "phone_valid": (1, 1, _phone_valid),
    "in_codelist": (2, 2, _in_codelist),
    "context": (1, 1, _context),
}
