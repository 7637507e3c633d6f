"""The audit trail: one append-only row per event, each hash-chained to the one before.

A row's hash covers its own fields and the previous row's hash, so changing, removing or
reordering any row breaks the chain from there on; `verify_chain` names the first row that does
not fit. Triggers refuse UPDATE and DELETE, so only someone editing the file by hand can change
history, and then the chain shows it. The head hash is printed on the daily summary and sent in
sync bundles, which pins history down outside this PC too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from json.encoder import (
    encode_basestring as _json_string,  # the C encoder json.dumps uses (ensure_ascii=False)
)

from desktop.core.clock import now_iso
from desktop.core.i18n import Text
from desktop.core.progress import Progress, ensure
from desktop.core.store.db import Database

GENESIS = "0" * 64
# The columns of one audit row, in the order its hash is taken over (hash last): what a bundle carries.
COLUMNS = ("seq", "at", "clerk", "event", "record_id", "form_id", "details", "reason", "prev_hash", "hash")

EVENTS = ("create", "edit", "delete", "login", "login_failed", "logout", "export", "import",
          "print", "restore", "backup", "setup", "account", "form_install", "sync", "crosscheck",
          "correction", "task", "keying", "undelete", "verification", "reveal")


def canonical_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _row_material(values: tuple) -> str | None:
    """canonical_json of a row's hashed fields when they are text, whole numbers and nulls (every
    row the app writes or a bundle may carry): the characters json.dumps writes - its own string
    encoder, int's repr - without setting up an encoder per row, which was most of the hash's cost
    in a county import (50,000 rows checked). None for any other type: the caller asks json.dumps."""
    parts = []
    for value in values:
        kind = type(value)
        if kind is str:
            parts.append(_json_string(value))
        elif value is None:
            parts.append("null")
        elif kind is int:
            parts.append(int.__repr__(value))
        else:
            return None
    return "[" + ",".join(parts) + "]"


def row_hash(seq, at, clerk, event, record_id, form_id, details, reason, prev_hash) -> str:
    values = (seq, at, clerk, event, record_id, form_id, details, reason, prev_hash)
    material = _row_material(values)
    if material is None:
        material = canonical_json(list(values))
    import hashlib  # here, not at start-up: it loads OpenSSL (about 3 MB)

    return hashlib.sha256(material.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    clerk: str
    event: str
    record_id: str | None
    form_id: str | None
    details: dict
    reason: str | None
    hash: str


def head(db: Database) -> tuple[int, str]:
    """(seq, hash) of the newest row, or (0, GENESIS) for an empty trail."""
    row = db.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else (0, GENESIS)


def append(db: Database, event: str, *, clerk: str, record_id: str | None = None,
           form_id: str | None = None, details: dict | None = None, reason: str | None = None,
           at: str | None = None) -> AuditEntry:
    """Add one event; call inside the transaction of the change it records."""
    if event not in EVENTS:
        raise ValueError(f"unknown audit event {event!r}")
    last_seq, prev_hash = head(db)
    seq = last_seq + 1
    at = at or now_iso()
    details_json = canonical_json(details or {})
    digest = row_hash(seq, at, clerk, event, record_id, form_id, details_json, reason, prev_hash)
    db.execute(
        "INSERT INTO audit (seq, at, clerk, event, record_id, form_id, details, reason, prev_hash, hash)"
        " VALUES (?,?,?,?,?,?,?,?,?,?)",
        [seq, at, clerk, event, record_id, form_id, details_json, reason, prev_hash, digest],
    )
    return AuditEntry(seq, at, clerk, event, record_id, form_id, details or {}, reason, digest)


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    what: str


def verify_chain(db: Database, *, progress: Progress | None = None) -> list[ChainProblem]:
    """Recompute every row's hash; list the rows that do not match (empty list: intact).
    `progress` hears the rows checked; it only reads, so it may be cancelled at any row."""
    progress = ensure(progress)
    problems = []
    expected_prev, expected_seq = GENESIS, 1
    total = head(db)[0]
    label = Text("checking the audit trail", "校验操作痕迹")
    progress(0, total, label)
    cursor = db.execute("SELECT seq, at, clerk, event, record_id, form_id, details, reason, prev_hash, hash"
                        " FROM audit ORDER BY seq")
    for seq, at, clerk, event, record_id, form_id, details, reason, prev_hash, digest in cursor:
        if seq != expected_seq:
            problems.append(ChainProblem(seq, f"row {expected_seq} is missing before row {seq}"))
        if prev_hash != expected_prev:
            problems.append(ChainProblem(seq, "does not follow the row before it (previous hash differs)"))
        recomputed = row_hash(seq, at, clerk, event, record_id, form_id, details, reason, prev_hash)
        if recomputed != digest:
            problems.append(ChainProblem(seq, "its contents were changed after it was written"))
        expected_prev, expected_seq = digest, seq + 1
        progress(seq, total)
        progress.check()
    progress(total, total)
    return problems


# the rows that are reveals (desktop.core.entry.reveals): an ID shown in full, an unmasked export,
# a printed record slip
REVEAL_CONDITION = ("(event = 'reveal' OR (event = 'export' AND json_extract(details, '$.unmasked'))"
                    " OR (event = 'print' AND json_extract(details, '$.what') = 'slip'))")


def entries(db: Database, *, record_id: str | None = None, clerk: str | None = None,
            date_from: str | None = None, date_to: str | None = None, event: str | None = None,
            reveals: bool = False, limit: int = 500, offset: int = 0) -> list[AuditEntry]:
    """Rows for the audit viewer, newest first; dates are YYYY-MM-DD, inclusive; `reveals`: only
    the reveals."""
    where, params = [], []
    if reveals:
        where.append(REVEAL_CONDITION)
    for column, value in (("record_id", record_id), ("clerk", clerk), ("event", event)):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    if date_from:
        where.append("substr(at, 1, 10) >= ?")
        params.append(date_from)
    if date_to:
        where.append("substr(at, 1, 10) <= ?")
        params.append(date_to)
    sql = ("SELECT seq, at, clerk, event, record_id, form_id, details, reason, hash FROM audit"
           + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY seq DESC LIMIT ? OFFSET ?")
    rows = db.execute(sql, [*params, limit, offset]).fetchall()
    return [AuditEntry(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6]), r[7], r[8]) for r in rows]
