"""The declared shape of every decrypted bundle payload, checked in one place before any write.

A bundle's signature says who sent it, not that its content is well formed: a sender's bug, or a
stolen key, can sign anything. So `bundle.open_bundle` checks each decoded payload against the
schema of its kind here - every field's type and bounds, no unknown or missing field - and the
manifest's counts against what the payload holds. A payload that does not fit is one clean
refusal (`BundleError`, code "bad-payload") naming the path of the first bad field, e.g.
`records[3].form_id`; nothing downstream ever sees a dict where it expects text, a 2^70 version,
a null time or a text sequence number.

The schemas follow what `outgoing` writes and `incoming` reads (docs/SYNC.md, "What travels").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from desktop.core.errors import UserError
from desktop.core.i18n import Text

MAX_INT = (1 << 63) - 1      # SQLite's INTEGER: anything larger cannot be stored
MAX_LIST = 5_000_000         # entries in one list: far above a county's records
MAX_TEXT = 64 * 1024
MAX_DATA = 4 * 1024 * 1024   # one record's JSON text
ISO_TIME = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,9})?)?"
                      r"(Z|[+-][0-9]{2}(:?[0-9]{2})?)?)?$")  # ISO 8601 as Python writes and reads it
CODE = re.compile(r"^[0-9]{6,12}$")
HEX64 = re.compile(r"^[0-9a-f]{64}$")


class PayloadError(UserError):
    """The payload does not fit its schema; `path` names the first field that does not."""

    def __init__(self, path: str, en: str, zh: str):
        where = path or "payload"
        super().__init__(Text(f"the bundle's content is malformed at {where}: {en}; refused",
                              f"同步包内容格式错误，位置 {where}：{zh}，已拒绝"), code="bad-payload")
        self.path = where


class Schema:
    """`fast` is a predicate compiled once (closures, no paths built), run over the whole payload;
    only when it says no does `check` walk again to name the first bad field."""

    def check(self, value, path: str) -> None:  # pragma: no cover - every schema overrides it
        raise NotImplementedError

    def compile(self):  # pragma: no cover - every schema overrides it
        raise NotImplementedError

    @cached_property
    def fast(self):
        return self.compile()

    def inline(self, var: str, names: dict) -> str | None:
        """A Python expression checking `var`, for a leaf schema inlined into its object's check
        (`names` receives what the expression refers to); None for other schemas."""
        return None


@dataclass(frozen=True)
class Str(Schema):
    max_length: int = MAX_TEXT
    pattern: re.Pattern | None = None
    nullable: bool = False
    choices: tuple = ()
    min_length: int = 0

    def check(self, value, path):
        if value is None and self.nullable:
            return
        if not isinstance(value, str):
            raise PayloadError(path, f"expected {'text or null' if self.nullable else 'text'}, found "
                               f"{_kind(value)}", f"应为{'文本或空值' if self.nullable else '文本'}，实为{_kind_zh(value)}")
        if not self.min_length <= len(value) <= self.max_length:
            raise PayloadError(path, f"text of {len(value)} characters, allowed {self.min_length}..{self.max_length}",
                               f"文本长度 {len(value)}，允许 {self.min_length}..{self.max_length}")
        if self.choices and value not in self.choices:
            raise PayloadError(path, f"{value[:40]!r} is not one of {', '.join(self.choices)}",
                               f"{value[:40]!r} 不在 {', '.join(self.choices)} 之中")
        if self.pattern is not None and not self.pattern.match(value):
            raise PayloadError(path, f"{value[:40]!r} is not in the expected form", f"{value[:40]!r} 格式不符")

    def inline(self, var, names):
        test = f"type({var}) is str and {self.min_length} <= len({var}) <= {self.max_length}"
        if self.choices:
            names[f"choices{len(names)}"] = frozenset(self.choices)
            test += f" and {var} in choices{len(names) - 1}"
        if self.pattern is not None:
            names[f"match{len(names)}"] = self.pattern.match
            test += f" and match{len(names) - 1}({var}) is not None"
        return f"({var} is None or ({test}))" if self.nullable else f"({test})"

    def compile(self):
        low, high, nullable, choices = self.min_length, self.max_length, self.nullable, frozenset(self.choices)
        match = self.pattern.match if self.pattern is not None else None

        def fast(value):
            if type(value) is not str:
                return value is None and nullable
            return low <= len(value) <= high and (not choices or value in choices) \
                and (match is None or match(value) is not None)
        return fast


@dataclass(frozen=True)
class Int(Schema):
    minimum: int = 0
    maximum: int = MAX_INT
    nullable: bool = False

    def check(self, value, path):
        if value is None and self.nullable:
            return
        if type(value) is not int:  # bool is not a number here
            raise PayloadError(path, f"expected a whole number, found {_kind(value)}", f"应为整数，实为{_kind_zh(value)}")
        if not self.minimum <= value <= self.maximum:
            shown = str(value) if len(str(value)) <= 24 else f"a {len(str(value))}-digit number"
            raise PayloadError(path, f"{shown} is outside {self.minimum}..{self.maximum}",
                               f"{shown} 超出范围 {self.minimum}..{self.maximum}")

    def inline(self, var, names):
        test = f"type({var}) is int and {self.minimum} <= {var} <= {self.maximum}"
        return f"({var} is None or ({test}))" if self.nullable else f"({test})"

    def compile(self):
        low, high, nullable = self.minimum, self.maximum, self.nullable
        return lambda value: (low <= value <= high) if type(value) is int else (value is None and nullable)


@dataclass(frozen=True)
class Bool(Schema):
    def check(self, value, path):
        if type(value) is not bool:
            raise PayloadError(path, f"expected true or false, found {_kind(value)}", f"应为真或假，实为{_kind_zh(value)}")

    def inline(self, var, names):
        return f"(type({var}) is bool)"

    def compile(self):
        return lambda value: type(value) is bool


@dataclass(frozen=True)
class List(Schema):
    item: Schema
    max_items: int = MAX_LIST

    def check(self, value, path):
        if not isinstance(value, list):
            raise PayloadError(path, f"expected a list, found {_kind(value)}", f"应为列表，实为{_kind_zh(value)}")
        if len(value) > self.max_items:
            raise PayloadError(path, f"{len(value)} entries, at most {self.max_items}",
                               f"{len(value)} 项，最多 {self.max_items} 项")
        for index, entry in enumerate(value):
            self.item.check(entry, f"{path}[{index}]")

    def compile(self):
        item, most = self.item.fast, self.max_items
        return lambda value: type(value) is list and len(value) <= most and all(map(item, value))


@dataclass(frozen=True)
class Object(Schema):
    """A JSON object with exactly these fields (those in `optional` may be absent)."""

    fields: Mapping[str, Schema]
    optional: frozenset = field(default_factory=frozenset)

    def check(self, value, path):
        if not isinstance(value, dict):
            raise PayloadError(path, f"expected an object, found {_kind(value)}", f"应为对象，实为{_kind_zh(value)}")
        for name in value:
            if name not in self.fields:
                raise PayloadError(_join(path, str(name)[:40]), "unexpected field", "不应有的字段")
        for name, schema in self.fields.items():
            if name not in value:
                if name in self.optional:
                    continue
                raise PayloadError(_join(path, name), "missing", "缺失")
            schema.check(value[name], _join(path, name))

    def compile(self):
        """One generated function per object schema: leaf fields checked inline (a 50,000-record
        payload in a fraction of its JSON parsing time), nested ones by their own `fast`."""
        allowed = frozenset(self.fields)
        names = {"allowed": allowed, "required": allowed - frozenset(self.optional), "missing": object()}
        lines = ["def fast(value):", "    if type(value) is not dict or not required <= value.keys() <= allowed:",
                 "        return False"]
        for index, (name, schema) in enumerate(self.fields.items()):
            var = f"v{index}"
            expression = schema.inline(var, names)
            if expression is None:
                names[f"check{index}"] = schema.fast
                expression = f"check{index}({var})"
            if name in self.optional:
                lines += [f"    {var} = value.get({name!r}, missing)",
                          f"    if {var} is not missing and not {expression}:", "        return False"]
            else:
                lines += [f"    {var} = value[{name!r}]", f"    if not {expression}:", "        return False"]
        lines.append("    return True")
        exec("\n".join(lines), names)  # noqa: S102 - source built above from the schema, no input in it
        return names["fast"]


@dataclass(frozen=True)
class AnyObject(Schema):
    """Any JSON object (an exchange item's own payload: its handler checks its fields)."""

    def check(self, value, path):
        if not isinstance(value, dict):
            raise PayloadError(path, f"expected an object, found {_kind(value)}", f"应为对象，实为{_kind_zh(value)}")

    def compile(self):
        return lambda value: type(value) is dict


@dataclass(frozen=True)
class OneOf(Schema):
    options: tuple

    def check(self, value, path):
        errors = []
        for option in self.options:
            try:
                option.check(value, path)
                return
            except PayloadError as error:
                errors.append(error)
        raise errors[0]

    def compile(self):
        options = tuple(option.fast for option in self.options)
        return lambda value: any(option(value) for option in options)


@dataclass(frozen=True)
class Pair(Schema):
    """[first, last]: an inclusive range of whole numbers."""

    minimum: int = 1
    maximum: int = MAX_INT

    def check(self, value, path):
        if not isinstance(value, list) or len(value) != 2:
            raise PayloadError(path, "expected a range [first, last]", "应为范围 [起, 止]")
        for index, number in enumerate(value):
            Int(self.minimum, self.maximum).check(number, f"{path}[{index}]")
        if value[0] > value[1]:
            raise PayloadError(path, "the range ends before it starts", "范围的止点早于起点")

    def compile(self):
        number = Int(self.minimum, self.maximum).fast
        return lambda value: type(value) is list and len(value) == 2 and number(value[0]) and number(value[1]) \
            and value[0] <= value[1]


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _kind(value) -> str:
    return {type(None): "null", bool: "true/false", int: "a number", float: "a number", str: "text",
            list: "a list", dict: "an object"}.get(type(value), type(value).__name__)


def _kind_zh(value) -> str:
    return {type(None): "空值", bool: "真假值", int: "数字", float: "数字", str: "文本", list: "列表",
            dict: "对象"}.get(type(value), type(value).__name__)


TIME = Str(64, ISO_TIME, min_length=10)
OPTIONAL_TIME = Str(64, ISO_TIME, nullable=True)
ID = Str(128, min_length=1)
NAME = Str(200)
OPTIONAL_NAME = Str(200, nullable=True)
SEQ = Int(1, MAX_INT)
POSITION = Int(0, MAX_INT)

RECORD = Object({
    "id": ID, "form_id": Str(100, min_length=1), "form_version": Str(50, min_length=1), "township": Str(12, CODE),
    "status": Str(16, choices=("draft", "complete")), "version": Int(1, MAX_INT), "data": Str(MAX_DATA),
    "created_at": TIME, "created_by": NAME, "updated_at": TIME, "updated_by": NAME, "deleted": Bool(),
    "deleted_at": OPTIONAL_TIME, "deleted_by": OPTIONAL_NAME, "delete_reason": Str(MAX_TEXT, nullable=True),
    "search_text": Str(MAX_DATA),
}, optional=frozenset({"search_text"}))

AUDIT_ROW = Object({
    "seq": SEQ, "at": TIME, "clerk": NAME, "event": Str(64, min_length=1),
    "record_id": Str(128, nullable=True), "form_id": Str(100, nullable=True), "details": Str(MAX_DATA),
    "reason": Str(MAX_TEXT, nullable=True), "prev_hash": Str(64, HEX64), "hash": Str(64, HEX64),
})

ITEM = Object({
    "id": ID, "type": Str(64, min_length=1), "origin": Str(20, min_length=1), "target": Str(20, min_length=1),
    "created_at": TIME, "payload": AnyObject(),
})

DATA_PAYLOAD = Object({
    "township": Str(12, CODE), "from_seq": POSITION, "through_seq": POSITION, "audit_head": Str(64, HEX64),
    "records": List(RECORD), "audit": List(AUDIT_ROW), "items": List(ITEM, 1_000_000),
    "received_items": List(ID, 1_000_000),
    "returns_through": POSITION, "rebase": Object({"sequence": SEQ, "through_seq": POSITION}),
    "county_key": Str(100, min_length=1),
}, optional=frozenset({"received_items", "returns_through", "rebase", "county_key"}))  # absent in older bundles
# (format 3 added returns_through and rebase, format 4 county_key: desktop.core.sync.positions)

RESOURCE = Object({"name": Str(80, re.compile(r"^[A-Za-z0-9_.-]{1,80}$")), "version": Str(40, min_length=1),
                   "sha256": Str(64, HEX64), "content": Str(64 * 1024 * 1024)})

GAP = OneOf((Int(1, MAX_INT), Pair()))  # older counties list numbers, newer ones ranges

ACK = Object({
    "sequence": SEQ, "sha256": Str(64, HEX64), "through_seq": POSITION, "item_ids": List(ID, 1_000_000),
    "gaps": List(GAP, 10_000),
    "records_refused": List(Object({"record": Str(128), "reason": Str(MAX_TEXT), "sequence": SEQ}), 1_000_000),
    "bundles_refused": List(Object({"sequence": Int(0, MAX_INT, nullable=True), "sha256": Str(64, HEX64, nullable=True),
                                    "code": Str(64, nullable=True), "reason": Str(MAX_TEXT, nullable=True),
                                    "at": TIME}), 1000),
    "resync_from": POSITION,
    "rejoin": Object({"through_seq": POSITION, "audit_head": Str(64, HEX64), "records": List(RECORD)}),
}, optional=frozenset({"sequence", "sha256", "through_seq", "item_ids", "gaps", "resync_from", "rejoin"}))

RETURN_PAYLOAD = Object({
    "township": Str(12, CODE), "ack": ACK,
    "updates": Object({"code_lists": List(RESOURCE, 1000), "form_packs": List(RESOURCE, 1000)}),
    "items": List(ITEM, 1_000_000),
    # a rejoin's records, streamed after the header (format 4: ack.rejoin.records is then empty);
    # in ack.rejoin.records before, where one line held them all (64 MiB: about 93,000 records)
    "rejoin_records": List(RECORD),
}, optional=frozenset({"rejoin_records"}))

# county -> province (desktop/core/sync/province_bundle.py; docs/HUB.md "What a county sends the
# province"): per township the month's figures of the four measures, and a keyed hash of each
# present person's ID - never the ID, a name or a record. `township` names the county itself (the
# sender; every payload names who it is for or from in that field).
MONTH = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")
COUNT = Int(0, 10**12)
FIGURES = Object({
    "township": Str(12, CODE), "name_zh": NAME, "name_en": NAME, "task": COUNT, "task_set_by_county": Bool(),
    "present": COUNT, "villages": COUNT, "villages_covered": COUNT, "changes_in_month": COUNT,
    "feedback_received": Int(0, 10**12, nullable=True), "feedback_in_time": Int(0, 10**12, nullable=True),
    "receipt_sent": COUNT, "receipt_imported": COUNT,
})
PERSON_KEY = Object({"k": Str(64, HEX64), "t": Str(12, CODE)})
# the county's enrolled townships and their public keys, so the hub takes their bundles without
# the operator enrolling each one (desktop/hub/sites.py `adopt_townships`)
TOWNSHIP_KEY = Object({"code": Str(12, CODE), "signing_key": Str(200, re.compile(r"^ssh-ed25519 [A-Za-z0-9+/=]+$")),
                       "age_recipient": Str(100, re.compile(r"^age1[0-9a-z]+$"))})
# a cross-check item the county cannot route inside the county (to or from a township of another
# county, desktop/core/sync/province_bundle.py): the item as it arrived, and for a request the
# keyed hash of the person's ID (`person`), which the hub looks the holder up by
PROVINCE_ITEM = Object({**ITEM.fields, "person": Str(64, HEX64)}, optional=frozenset({"person"}))
PROVINCE = Str(2, re.compile(r"^[0-9]{2}$"))
PROVINCE_PAYLOAD = Object({
    "township": Str(12, CODE), "county_name_zh": NAME, "county_name_en": NAME,
    "province": PROVINCE, "month": Str(7, MONTH), "built_at": TIME,
    "match_key_id": Str(16, re.compile(r"^[0-9a-f]{16}$")), "figures": List(FIGURES, 10_000),
    "townships": List(TOWNSHIP_KEY, 10_000),
    "persons": List(PERSON_KEY, 50_000_000),
    "items": List(PROVINCE_ITEM, 1_000_000),
    # an items-only bundle (no month: no figures and no persons) carries cross-county items between
    # the monthly ones
}, optional=frozenset({"townships", "items", "month"}))

# province hub -> county (desktop/hub/routing.py): the cross-county items routed to this county;
# `township` names the county
PROVINCE_RETURN_PAYLOAD = Object({
    "township": Str(12, CODE), "province": PROVINCE, "built_at": TIME, "items": List(ITEM, 1_000_000),
})

SCHEMAS = {"township-data": DATA_PAYLOAD, "county-return": RETURN_PAYLOAD, "county-province": PROVINCE_PAYLOAD,
           "province-return": PROVINCE_RETURN_PAYLOAD}

# What each manifest count must equal: the length of this payload list.
COUNTED = {
    "township-data": {"records": ("records",), "audit": ("audit",), "items": ("items",)},
    "county-return": {"items": ("items",), "records_refused": ("ack", "records_refused"),
                      "code_lists": ("updates", "code_lists"), "form_packs": ("updates", "form_packs"),
                      "rejoin_records": ("rejoin_records",)},
    "county-province": {"figures": ("figures",), "persons": ("persons",), "items": ("items",)},
    "province-return": {"items": ("items",)},
}


# Fields a bundle may carry only from this format version on (desktop.core.sync.positions).
SINCE_FORMAT = {"township-data": {("returns_through",): 3, ("rebase",): 3, ("county_key",): 4},
                "county-return": {("ack", "resync_from"): 3, ("ack", "rejoin"): 3, ("rejoin_records",): 4},
                "county-province": {},
                "province-return": {}}
# Fields every bundle carries from this format version on (optional in the schema only for older ones).
REQUIRED_FROM_FORMAT = {"township-data": {("returns_through",): 3}, "county-return": {}, "county-province": {},
                        "province-return": {}}


def check_payload(kind: str, payload, *, township: str, counts: Mapping, format_version: int | None = None) -> None:
    """Refuse (PayloadError) a payload that does not fit the schema of `kind`, is not for
    `township`, or whose lengths differ from the manifest's `counts`; with `format_version`, also
    one carrying a field of a later format than its manifest says."""
    schema = SCHEMAS[kind]
    if not schema.fast(payload):
        schema.check(payload, "")  # names the first bad field
        raise PayloadError("", "it does not fit its schema", "不符合其格式定义")  # pragma: no cover
    for where, since in SINCE_FORMAT[kind].items():
        held = payload
        for key in where[:-1]:
            held = held[key]
        if format_version is not None and format_version < since and where[-1] in held:
            raise PayloadError(".".join(where), f"this field exists from bundle format {since} on, and the manifest "
                               f"says format {format_version}", f"此字段从同步包格式 {since} 起才有，而清单为格式 {format_version}")
    for where, since in REQUIRED_FROM_FORMAT[kind].items():
        held = payload
        for key in where[:-1]:
            held = held[key]
        if format_version is not None and format_version >= since and where[-1] not in held:
            raise PayloadError(".".join(where), f"missing: every bundle of format {since} or later carries it",
                               f"缺少此字段：格式 {since} 及以后的同步包都应带有")
    if payload["township"] != township:
        raise PayloadError("township", f"{payload['township']} is not the township the manifest names ({township})",
                           f"{payload['township']} 与清单中的乡镇（{township}）不符")
    counted = COUNTED[kind]
    for name in counts:
        if name not in counted:
            raise PayloadError(f"manifest.counts.{name[:40]}", "unexpected count", "不应有的计数")
    for name, where in counted.items():
        if name not in counts:
            continue
        held = payload
        for key in where:
            held = held.get(key, ())   # an optional list left out holds nothing
        if counts[name] != len(held):
            shown = counts[name] if len(str(counts[name])) <= 24 else f"a {len(str(counts[name]))}-digit number"
            raise PayloadError(f"manifest.counts.{name}", f"says {shown}, the payload holds {len(held)}",
                               f"为 {shown}，而数据中有 {len(held)} 项")


def check_chunk(kind: str, name: str, rows: list, start: int) -> None:
    """Refuse (PayloadError) a chunk of the streamed list `name` (format 4, desktop.core.sync.stream)
    whose rows do not fit the list's item schema; `start` is the index of its first row in the
    whole list, so the refusal names the row as `check_payload` would (`records[51234].form_id`)."""
    schema = SCHEMAS[kind].fields[name]
    if start + len(rows) > schema.max_items:
        raise PayloadError(name, f"more than {schema.max_items} entries", f"超过 {schema.max_items} 项")
    if not all(map(schema.item.fast, rows)):
        for index, row in enumerate(rows):
            schema.item.check(row, f"{name}[{start + index}]")
        raise PayloadError(name, "it does not fit its schema", "不符合其格式定义")  # pragma: no cover


def check_header(kind: str, header, *, streamed: tuple, township: str, counts: Mapping,
                 format_version: int) -> None:
    """`check_payload` of a format 4 header: the payload without its streamed lists, which may not
    appear in it (their chunks are checked by `check_chunk`, their counts by `check_streamed_counts`)."""
    if isinstance(header, dict):
        for name in streamed:
            if name in header:
                raise PayloadError(name, "carried in the header instead of its own lines", "不应出现在头部")
        header = {**header, **{name: [] for name in streamed}}
    check_payload(kind, header, township=township, counts={k: v for k, v in counts.items() if k not in streamed},
                  format_version=format_version)
    for name in counts:
        if name in streamed and name not in COUNTED[kind]:  # pragma: no cover - every streamed list is counted
            raise PayloadError(f"manifest.counts.{name[:40]}", "unexpected count", "不应有的计数")


def check_streamed_counts(counts: Mapping, held: Mapping[str, int]) -> None:
    """The manifest's count of each streamed list against how many rows its chunks held."""
    for name, number in held.items():
        if name in counts and counts[name] != number:
            shown = counts[name] if len(str(counts[name])) <= 24 else f"a {len(str(counts[name]))}-digit number"
            raise PayloadError(f"manifest.counts.{name}", f"says {shown}, the payload holds {number}",
                               f"为 {shown}，而数据中有 {number} 项")
