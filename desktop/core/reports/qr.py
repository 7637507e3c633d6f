"""The QR code on the daily summary: what it carries, written and read back.

The county scans the paper and compares it with the township's bundle: the day's counts and the
audit-chain head (sequence and hash) must match the trail the bundle carried. The payload is plain
ASCII `key=value` pairs joined by ';' behind a version tag, short enough for a small code and
readable by a person with any scanner app:

    TDS1;t=131025100;d=2026-11-26;c=12;e=3;k=10;x=1;dr=4;w=2;n=187;h=<64 hex digits>

Keys: t township, d date, c created, e edited, k completed, x deleted, dr drafts outstanding,
w warnings overridden, n audit head sequence, h audit head hash (see docs/REPORTS.md).
"""

from __future__ import annotations

import re

from desktop.core.errors import UserError
from desktop.core.i18n import Text

TAG = "TDS1"
# (key, field name, parser): the order in which they are written
FIELDS = (
    ("t", "township", str),
    ("d", "date", str),
    ("c", "created", int),
    ("e", "edited", int),
    ("k", "completed", int),
    ("x", "deleted", int),
    ("dr", "drafts", int),
    ("w", "overridden", int),
    ("n", "audit_seq", int),
    ("h", "audit_hash", str),
)
_CHECKS = {"township": re.compile(r"\d{6,12}"), "date": re.compile(r"\d{4}-\d{2}-\d{2}"),
           "audit_hash": re.compile(r"[0-9a-f]{64}")}

BAD_PAYLOAD = Text("This is not a Township Desk daily-summary code ({why}).",
                   "这不是本系统日报的二维码（{why}）。")


def make_payload(values: dict) -> str:
    """The payload text for a dict holding every field name of FIELDS."""
    return ";".join([TAG] + [f"{key}={values[name]}" for key, name, _ in FIELDS])


def parse_qr_payload(text: str) -> dict:
    """The fields of a scanned payload, typed; UserError if it is not one of ours or is damaged."""
    parts = (text or "").strip().split(";")
    if not parts or parts[0] != TAG:
        raise UserError(BAD_PAYLOAD.format(why="tag"), code="bad-qr")
    pairs = {}
    for part in parts[1:]:
        key, sep, value = part.partition("=")
        if not sep or key in pairs:
            raise UserError(BAD_PAYLOAD.format(why=part[:20]), code="bad-qr")
        pairs[key] = value
    result = {}
    for key, name, parse in FIELDS:
        if key not in pairs:
            raise UserError(BAD_PAYLOAD.format(why=f"{key}?"), code="bad-qr")
        try:
            value = parse(pairs.pop(key))
        except ValueError:
            raise UserError(BAD_PAYLOAD.format(why=key), code="bad-qr") from None
        check = _CHECKS.get(name)
        if (check and not check.fullmatch(value)) or (parse is int and value < 0):
            raise UserError(BAD_PAYLOAD.format(why=key), code="bad-qr")
        result[name] = value
    if pairs:
        raise UserError(BAD_PAYLOAD.format(why=",".join(sorted(pairs))), code="bad-qr")
    return result
