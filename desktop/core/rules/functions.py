"""The functions expressions may call: the XLSForm/ODK ones the shipped forms need, plus ours
for resident ID numbers (python-stdnum's `cn.ric`), phone numbers and code lists.

Each entry is (minimum arguments, maximum arguments or None for any, implementation). An
implementation receives the evaluation environment first, then the argument values already
evaluated, and follows ODK for empty values (empty in, empty or false out - never an error).
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import math
import re
from decimal import ROUND_HALF_DOWN, ROUND_HALF_UP, Decimal
from functools import lru_cache

from stdnum.cn import ric

from desktop.core.i18n import Text
from desktop.core.rules.values import (
    EPOCH,
    NAN,
    EvaluationError,
    NodeSet,
    fractional_days,
    half_width,
    is_empty,
    is_null,
    parse_date_time,
    to_bool,
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


def _id_compact(text: str) -> str:
    """An ID as typed to its compact form: half-width, trimmed, upper-case X."""
    return half_width(text or "").strip().upper()


@lru_cache(maxsize=8192)
def _ric_checked(number: str) -> str | None:
    """The compact number when its length, check digit (GB 11643 via python-stdnum), birth date
    and region code are valid, else None.

    The region must be a code that was ever assigned, not necessarily in the birth year:
    stdnum's `validate` also demands that, but an ID keeps the code of the place where it was
    first issued, so a person born in 1985 in 大城县 (code 131025 since 1989) holds a valid
    131025... number that stdnum would refuse."""
    try:
        number = _id_compact(number)
        if (len(number) != 18 or not number.isascii() or not number[:-1].isdigit()
                or number[-1] != ric.calc_check_digit(number)):
            return None
        _birth_of(number)   # a date that exists (stdnum's get_birth_date, without cleaning the number again)
    except Exception:  # stdnum raises ValidationError subclasses; any failure means invalid
        return None
    return number if _region_known(number[:6]) else None


@lru_cache(maxsize=4096)
def _region_known(code: str) -> bool:
    region = {key: value for _, props in _region_codes().info(code) for key, value in props.items()}
    return "county" in region


def id_number_valid(text: str, today: datetime.date | None = None) -> bool:
    """An 18-character resident ID with a valid GB 11643 check digit, a real region code and a
    birth date that exists, is not before 1900 and not after today."""
    return _id_valid_on(text, today or datetime.date.today())


@lru_cache(maxsize=1024)
def _id_valid_on(text: str, today: datetime.date) -> bool:
    # a record's ID is checked by three or four of its rules in a row (its own, the sex's, the
    # birth date's): the later ones are a lookup
    number = _ric_checked(text) if text else None
    if number is None or len(number) != 18:
        return False
    return _OLDEST_BIRTH <= _birth_of(number) <= (today or datetime.date.today())


def id_number_problem(text: str, today: datetime.date | None = None) -> Text | None:
    """What is wrong with a resident ID, in both languages, naming the fault (None when valid):
    an old 15-digit number; not 17 digits and a check character; an unknown region code; a
    birth date that does not exist, is before 1900 or in the future; a wrong check character
    (and the right one)."""
    number = _id_compact(text)
    if not number:
        return None
    today = today or datetime.date.today()
    if len(number) == 15 and number.isascii() and number.isdigit():
        return Text("this is an old 15-digit ID number; enter the 18-character number on the current ID card",
                    "这是旧的15位身份号码，请填写现行身份证上的18位号码")
    if len(number) != 18 or not number.isascii() or not number[:-1].isdigit() or not (
            number[-1].isdigit() or number[-1] == "X"):
        return Text(f"an ID number has 18 characters, 17 digits and a digit or X (this has {len(number)})",
                    f"身份号码应为18位：17位数字加1位数字或X（现为{len(number)}位）")
    if not _region_known(number[:6]):
        return Text(f"the region code {number[:6]} (the first 6 digits) is not a known region",
                    f"前6位地区码 {number[:6]} 不是已知的行政区划代码")
    digits = number[6:14]  # not repeated in the message: a birth date is not shown (identity.mask_id)
    try:
        birth = datetime.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return Text("the birth date (digits 7-14) does not exist", "第7-14位的出生日期不存在")
    if birth > today:
        return Text("the birth date (digits 7-14) is in the future", "第7-14位的出生日期晚于今天")
    if birth < _OLDEST_BIRTH:
        return Text("the birth date (digits 7-14) is before 1900", "第7-14位的出生日期早于1900年")
    expected = ric.calc_check_digit(number)
    if number[-1] != expected:
        return Text(f"the check character is {number[-1]} but should be {expected}; check the digits typed",
                    f"校验位为 {number[-1]}，按前17位应为 {expected}，请核对号码")
    return None


def id_number_birth_date(text: str) -> datetime.date | None:
    number = _ric_checked(text) if text else None
    return _birth_of(number) if number else None


def _birth_of(number: str) -> datetime.date:
    """The birth date of a number _ric_checked passed (stdnum's get_birth_date without cleaning
    the number again: that costs a few microseconds a call, and a record's ID is read by three
    or four of its rules)."""
    return datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def id_number_sex(text: str) -> str:
    """GB/T 2261.1 code: '1' male (odd order code), '2' female (even), '' when not valid."""
    number = _ric_checked(text) if text else None
    if not number:
        return ""
    return "1" if int(number[16]) % 2 else "2"


def phone_number_valid(text: str) -> bool:
    text = half_width(text).strip()
    return bool(_MOBILE.fullmatch(text) or _LANDLINE.fullmatch(text))


def _if(env, condition, then, otherwise):
    return then if to_bool(condition) else otherwise


def _selected(env, choices, choice):
    # JavaRosa multiSelected: (" " + value + " ").contains(" " + choice.trim() + " ")
    return f" {to_string(choice).strip()} " in f" {to_string(choices)} "


def _count_selected(env, choices):
    return len(to_string(choices).split())


def _selected_at(env, choices, index):
    parts = to_string(choices).split()
    position = to_number(index)
    if position != position or math.isinf(position) or not 0 <= int(position) < len(parts):
        return ""
    return parts[int(position)]


def _string_length(env, text=None):
    return len(to_string(env.current if text is None else text))


def _normalize_space(env, text=None):
    return " ".join(to_string(env.current if text is None else text).split())


@lru_cache(maxsize=256)
def _compiled_regex(pattern: str):
    try:
        return re.compile(pattern)
    except re.error as error:
        raise EvaluationError(f"regex(): the pattern '{pattern}' is not valid: {error}",
                              f"regex()：正则表达式“{pattern}”无效：{error}") from None


def _regex(env, text, pattern):
    # JavaRosa: Pattern.matches(re, str) - the pattern must match the whole text
    return _compiled_regex(to_string(pattern)).fullmatch(to_string(text)) is not None


def _today(env):
    return env.context.today_date()


def _now(env):
    return env.context.now_datetime()


def _once(env, value):
    current = env.current
    return value if current is None or to_string(current) == "" else current


def _coalesce(env, first, second):
    return second if is_null(first) else first


def _concat(env, *parts):
    if len(parts) == 1 and isinstance(parts[0], NodeSet):
        parts = parts[0]
    return "".join(to_string(part) for part in parts)


def _join(env, separator, *parts):
    if len(parts) == 1 and isinstance(parts[0], NodeSet):
        parts = parts[0]
    return to_string(separator).join(to_string(part) for part in parts)


def _java_int(value) -> int | None:
    number = to_number(value)
    if number != number:
        return None
    if math.isinf(number):
        return 2**31 - 1 if number > 0 else -(2**31)
    return int(number)


def _substr(env, text, start, end=None):
    # JavaRosa substring(): 0-based, end exclusive, a negative position counts from the end
    text = to_string(text)
    length = len(text)
    first = _java_int(start)
    if first is None:
        first = 0
    last = length if end is None else _java_int(end)
    if last is None:
        last = 0
    if first < 0:
        first += length
    if last < 0:
        last += length
    last = min(max(0, last), length)
    first = min(max(0, first), length)
    return text[first:last] if first <= last else ""


def _substring_before(env, text, part):
    text, part = to_string(text), to_string(part)
    position = text.find(part)
    return text[:position] if position >= 0 else ""


def _substring_after(env, text, part):
    text, part = to_string(text), to_string(part)
    position = text.find(part)
    return text[position + len(part):] if position >= 0 else ""


def _translate(env, text, source, target):
    source, target = to_string(source), to_string(target)
    table: dict[int, int | None] = {}
    for index, char in enumerate(source):
        if ord(char) not in table:
            table[ord(char)] = ord(target[index]) if index < len(target) else None
    return to_string(text).translate(table)


def _int(env, value):
    number = to_number(value)
    if number != number or math.isinf(number):
        return number
    return int(number)  # truncates toward zero, as JavaRosa's toInt


def _round(env, value, digits=0):
    number = to_number(value)
    places = to_number(digits)
    if number != number or math.isinf(number):
        return number
    places = 0 if places != places else int(places)
    if places > 30 or places < -30:
        return NAN
    if places >= 0:
        # JavaRosa: new BigDecimal(Double.toString(n)).setScale(places, HALF_UP), HALF_DOWN below 0,
        # so round(1.005, 2) is 1.01 and round(-2.5) is -2
        method = ROUND_HALF_DOWN if number < 0 else ROUND_HALF_UP
        return float(Decimal(repr(number)).quantize(Decimal(1).scaleb(-places), rounding=method))
    scaled = float(Decimal(repr(number)).scaleb(places))
    return float(Decimal(int(scaled + 0.5)).scaleb(-places))


def _math(function):
    def apply(env, *values):
        try:
            return function(*(_to_double(v) for v in values))
        except (ValueError, ZeroDivisionError):
            return NAN
        except OverflowError:
            return math.inf
    return apply


def _log(function):
    def apply(env, value):
        number = _to_double(value)
        if number != number or number < 0:
            return NAN
        if number == 0:
            return -math.inf
        return function(number)
    return apply


def _pow(env, base, exponent):
    base, exponent = _to_double(base), _to_double(exponent)
    try:
        result = math.pow(base, exponent)
    except OverflowError:
        return math.inf if base > 0 or float(exponent).is_integer() and exponent % 2 == 0 else -math.inf
    except (ValueError, ZeroDivisionError):  # Java: pow(0, -1) is Infinity, pow(-8, 1/3) NaN
        return math.inf if base == 0 else NAN
    return result


def _to_double(value) -> float:
    """JavaRosa's toDouble: a date-time keeps its time as a fraction of a day."""
    if isinstance(value, datetime.date):
        return fractional_days(value)
    return to_number(value)


def _floor(env, value):
    number = to_number(value)
    return number if number != number or math.isinf(number) else float(math.floor(number))


def _ceiling(env, value):
    number = to_number(value)
    return number if number != number or math.isinf(number) else float(math.ceil(number))


def _abs(env, value):
    return abs(_to_double(value))


def _number(env, value):
    return to_number(value)


def _string(env, value):
    return to_string(value)


def _boolean(env, value):
    return to_bool(value)


def _boolean_from_string(env, value):
    text = to_string(value)
    return text.lower() == "true" or text == "1"


def _not(env, value):
    return not to_bool(value)


def _true(env):
    return True


def _false(env):
    return False


def date_value(value, keep_time: bool):
    """JavaRosa's toDate: '' stays '', NaN stays NaN, a number is days since 1970 (truncated
    for date(), with its fraction as time for date-time()), text must be an ISO date or
    date-time that exists (else EvaluationError)."""
    if isinstance(value, NodeSet):
        value = value[0] if value else ""
    if isinstance(value, datetime.datetime):
        return value if keep_time else value.date()
    if isinstance(value, datetime.date):
        return value
    if value.__class__ is str:
        if not value:
            return ""
        parsed = parse_date_time(value)
        if parsed is None:
            raise EvaluationError(f"the value '{value}' can't be converted to a date",
                                  f"“{value}”不是有效的日期")
        if isinstance(parsed, datetime.datetime) and not keep_time:
            return parsed.date() if parsed.tzinfo is None else parsed.astimezone().date()
        return parsed
    number = to_number(value)
    if number != number:
        return NAN
    if math.isinf(number) or abs(number) > 2**31 - 1:
        raise EvaluationError(f"the value '{to_string(number)}' is out of range for representing a date",
                              f"数值“{to_string(number)}”超出日期范围")
    if keep_time:
        return datetime.datetime(1970, 1, 1) + datetime.timedelta(days=number)
    return EPOCH + datetime.timedelta(days=int(number))


def _date(env, value):
    return date_value(value, keep_time=False)


def _date_time(env, value):
    return date_value(value, keep_time=True)


def _decimal_date_time(env, value):
    day = date_value(value, keep_time=True)
    if day == "" or isinstance(day, float):
        return day
    return fractional_days(day)


_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _format_date(env, value, pattern):
    """JavaRosa DateUtils.format: %Y %y %m %n %b %d %e %H %h %M %S %3 %a %W and %%."""
    moment = date_value(value, keep_time=True)
    if moment == "" or isinstance(moment, float):
        return ""
    if not isinstance(moment, datetime.datetime):
        moment = datetime.datetime(moment.year, moment.month, moment.day)
    pattern = to_string(pattern)
    out = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char != "%":
            out.append(char)
            index += 1
            continue
        if index + 1 >= len(pattern):
            raise EvaluationError("the date format ends with %", "日期格式以 % 结尾")
        code = pattern[index + 1]
        index += 2
        pieces = {
            "%": "%", "Y": f"{moment.year:04d}", "y": f"{moment.year:04d}"[2:], "m": f"{moment.month:02d}",
            "n": str(moment.month), "b": _MONTH_NAMES[moment.month - 1], "d": f"{moment.day:02d}",
            "e": str(moment.day), "H": f"{moment.hour:02d}", "h": str(moment.hour), "M": f"{moment.minute:02d}",
            "S": f"{moment.second:02d}", "3": f"{moment.microsecond // 1000:03d}",
            "a": _DAY_NAMES[moment.weekday()], "W": str(moment.isocalendar()[1]),
        }
        if code not in pieces:
            raise EvaluationError(f"unrecognised escape in the date format: %{code}",
                                  f"日期格式中无法识别的 %{code}")
        out.append(pieces[code])
    return "".join(out)


def _contains(env, text, part):
    return to_string(part) in to_string(text)


def _starts_with(env, text, part):
    return to_string(text).startswith(to_string(part))


def _ends_with(env, text, part):
    return to_string(text).endswith(to_string(part))


def _count(env, nodes):
    if isinstance(nodes, NodeSet | list):
        return len(nodes)
    return 0 if is_empty(nodes) else 1


def _count_non_empty(env, nodes):
    if not isinstance(nodes, NodeSet | list):
        nodes = (nodes,)
    return sum(1 for value in nodes if to_string(value) != "")


def _numbers(values):
    if len(values) == 1 and isinstance(values[0], NodeSet | list):
        values = values[0]
    numbers = (to_number(value) for value in values)
    return [number for number in numbers if number == number]


def _sum(env, nodes):
    # JavaRosa sum(): NaN values (empty fields) are skipped
    return float(sum(_numbers((nodes,))))


def _max(env, *values):
    numbers = _numbers(values)
    return max(numbers) if numbers else NAN


def _min(env, *values):
    numbers = _numbers(values)
    return min(numbers) if numbers else NAN


def _digest(env, text, algorithm, encoding="base64"):
    names = {"MD5": "md5", "SHA1": "sha1", "SHA256": "sha256", "SHA384": "sha384", "SHA512": "sha512"}
    name = names.get(to_string(algorithm).upper().replace("-", ""))
    if name is None:
        raise EvaluationError(f"digest(): the algorithm '{to_string(algorithm)}' is not supported",
                              f"digest()：不支持算法“{to_string(algorithm)}”")
    digest = hashlib.new(name, to_string(text).encode("utf-8")).digest()
    encoding = to_string(encoding).lower()
    if encoding == "hex":
        return digest.hex()
    if encoding == "base64":
        return base64.b64encode(digest).decode("ascii")
    raise EvaluationError(f"digest(): the encoding '{encoding}' is not supported",
                          f"digest()：不支持编码“{encoding}”")


def _choice_name(env, value, field_path):
    """jr:choice-name(value, '${field}'): the label of that choice of the field's list, in the
    language of the interface; '' when the value is not a choice."""
    form = getattr(env, "form", None)
    path = to_string(field_path).strip()
    name = path[2:-1] if path.startswith("${") and path.endswith("}") else path.rsplit("/", 1)[-1]
    if form is None:
        raise EvaluationError("jr:choice-name() needs a form (--form)", "jr:choice-name() 需要指定表单（--form）")
    field = next((f for f in form.fields if f.name == name), None)
    if field is None or not field.choice_list or field.choice_list not in form.choice_lists:
        raise EvaluationError(f"jr:choice-name(): '{name}' is not a select of this form",
                              f"jr:choice-name()：“{name}”不是本表单的选择题")
    choice = form.choice_lists[field.choice_list].get(to_string(value))
    if choice is None:
        return ""
    from desktop.core.i18n import current_language
    return getattr(choice.label, current_language(), "") or choice.label.en or choice.label.zh


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
    "is-selected": (2, 2, _selected),
    "count-selected": (1, 1, _count_selected),
    "selected-at": (2, 2, _selected_at),
    "string-length": (0, 1, _string_length),
    "normalize-space": (0, 1, _normalize_space),
    "regex": (2, 2, _regex),
    "today": (0, 0, _today),
    "now": (0, 0, _now),
    "once": (1, 1, _once),
    "coalesce": (2, 2, _coalesce),
    "concat": (1, None, _concat),
    "join": (2, None, _join),
    "substr": (2, 3, _substr),
    "substring-before": (2, 2, _substring_before),
    "substring-after": (2, 2, _substring_after),
    "translate": (3, 3, _translate),
    "int": (1, 1, _int),
    "round": (1, 2, _round),
    "floor": (1, 1, _floor),
    "ceiling": (1, 1, _ceiling),
    "abs": (1, 1, _abs),
    "pow": (2, 2, _pow),
    "log10": (1, 1, _log(math.log10)),
    "log": (1, 1, _log(math.log)),
    "sqrt": (1, 1, _math(math.sqrt)),
    "exp": (1, 1, _math(math.exp)),
    "exp10": (1, 1, _math(lambda x: math.pow(10.0, x))),
    "pi": (0, 0, lambda env: math.pi),
    "sin": (1, 1, _math(math.sin)),
    "cos": (1, 1, _math(math.cos)),
    "tan": (1, 1, _math(math.tan)),
    "asin": (1, 1, _math(math.asin)),
    "acos": (1, 1, _math(math.acos)),
    "atan": (1, 1, _math(math.atan)),
    "atan2": (2, 2, _math(math.atan2)),
    "number": (1, 1, _number),
    "string": (1, 1, _string),
    "boolean": (1, 1, _boolean),
    "boolean-from-string": (1, 1, _boolean_from_string),
    "not": (1, 1, _not),
    "true": (0, 0, _true),
    "false": (0, 0, _false),
    "date": (1, 1, _date),
    "date-time": (1, 1, _date_time),
    "decimal-date-time": (1, 1, _decimal_date_time),
    "format-date": (2, 2, _format_date),
    "format-date-time": (2, 2, _format_date),
    "contains": (2, 2, _contains),
    "starts-with": (2, 2, _starts_with),
    "ends-with": (2, 2, _ends_with),
    "count": (1, 1, _count),
    "count-non-empty": (1, 1, _count_non_empty),
    "sum": (1, 1, _sum),
    "max": (1, None, _max),
    "min": (1, None, _min),
    "digest": (2, 3, _digest),
    "jr:choice-name": (2, 2, _choice_name),
    # indexed-repeat() and position(..) are compiled by the expression compiler (they read
    # the repeat's instances and the instance being evaluated, not values)
    # ours (documented in docs/FORMS.md)
    "id_valid": (1, 1, _id_valid),
    "id_birth_date": (1, 1, _id_birth_date),
    "id_sex": (1, 1, _id_sex),
    "phone_valid": (1, 1, _phone_valid),
    "in_codelist": (2, 2, _in_codelist),
    "context": (1, 1, _context),
}

# functions whose `${field}` arguments are read as the field's values over a repeat (NodeSet)
NODESET_ARGUMENTS = {"sum": (0,), "count": (0,), "count-non-empty": (0,), "max": (0,), "min": (0,),
                     "join": (1,), "concat": (0,)}
