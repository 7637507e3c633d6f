"""What the sync screens and `township sync status` show.

Township: what is still waiting for the county's acknowledgement (records, exchange items), the
last bundle written and the last acknowledgement. County: per township, the last sequence and
import, gaps, refused bundles and records, and resident IDs registered by two townships.
"""

from __future__ import annotations

import json

from desktop.core import exchange, settings
from desktop.core.db import Database
from desktop.core.sync import bundle, trust
from desktop.core.sync.incoming import LAST_ACK
from desktop.core.sync.outgoing import BOOKKEEPING_EVENTS, acked_through, last_sent


def township_status(db: Database) -> dict:
    _, township = trust.own_code(db)
    since = acked_through(db)
    placeholders = ",".join("?" * len(BOOKKEEPING_EVENTS))
    sequence, sha = last_sent(db, bundle.KIND_DATA, township)
    return {
        "role": "township", "township": township, "acked_through": since,
        "pending_records": db.execute("SELECT count(*) FROM records WHERE last_audit_seq > ? AND township = ?",
                                      [since, township]).fetchone()[0],
        "pending_audit": db.execute(f"SELECT count(*) FROM audit WHERE seq > ? AND event NOT IN ({placeholders})",
                                    [since, *BOOKKEEPING_EVENTS]).fetchone()[0],
        "pending_items": len(exchange.pending_out(db)),
        "last_sent_sequence": sequence, "last_sent_sha256": sha,
        "last_ack": settings.get(db, LAST_ACK),
        "county_keys": [row["fingerprint"] for row in trust.enrolled(db, status="active") if row["role"] == "county"],
    }


def county_status(db: Database) -> dict:
    _, county = trust.own_code(db)
    townships = {}
    for row in trust.enrolled(db):
        if row["role"] == "township":
            entry = townships.setdefault(row["owner"], {"keys": []})
            entry["keys"].append({"fingerprint": row["fingerprint"], "status": row["status"]})
    for township, last_sequence, last_import_at, gaps in db.execute(
            "SELECT township, last_sequence, last_import_at, gaps FROM sync_peers WHERE kind = ?", [bundle.KIND_DATA]):
        townships.setdefault(township, {"keys": []}).update(
            {"last_sequence": last_sequence, "last_import_at": last_import_at, "gaps": json.loads(gaps)})
    for township, refused in db.execute("SELECT township, count(*) FROM sync_received WHERE outcome = 'refused' "
                                        "AND township IS NOT NULL GROUP BY township"):
        townships.setdefault(township, {"keys": []})["refused_bundles"] = refused
    for township, refused in db.execute("SELECT township, count(*) FROM sync_record_refusals GROUP BY township"):
        townships.setdefault(township, {"keys": []})["refused_records"] = refused
    return {
        "role": "county", "county": county, "townships": townships,
        "unattributed_refusals": db.execute("SELECT count(*) FROM sync_received WHERE outcome = 'refused' "
                                            "AND township IS NULL").fetchone()[0],
        "resident_conflicts": db.execute("SELECT count(*) FROM sync_resident_conflicts WHERE resolved_at IS NULL")
        .fetchone()[0],
    }


def status(db: Database) -> dict:
    role, _ = trust.own_code(db)
    return township_status(db) if role == "township" else county_status(db)
