"""What the sync screens and `township sync status` show.

Township: what is still waiting for the county's acknowledgement (records, exchange items), the
last bundle written and the last acknowledgement. County: per township, the last sequence and
import, gaps, refused bundles and records, and resident IDs registered by two townships.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from desktop.core.codelists import codelists_divisions
from desktop.core.exchange import exchange
from desktop.core.store import person_ids, settings
from desktop.core.store.db import Database
from desktop.core.sync import bundle, positions, trust
from desktop.core.sync.incoming import LAST_ACK
from desktop.core.sync.outgoing import BOOKKEEPING_EVENTS, acked_through, last_sent

# the township's own records changed above the acknowledged audit position (index records_township_change)
PENDING_RECORDS_SQL = "SELECT count(*) FROM records WHERE township = ? AND last_audit_seq > ?"


@dataclass(frozen=True)
class TownshipState:
    """Where a township stands with the county: the one reading of it for every screen and report.

    `pending_records` counts the township's own records whose latest change the county has not
    acknowledged; `pending_items` the outgoing exchange items (answers, corrections) not acknowledged.
    """

    township: str
    acked_through: int
    pending_records: int
    pending_items: int
    last_export_sequence: int | None
    last_export_at: str | None
    last_ack_sequence: int | None
    last_ack_at: str | None
    records_refused: int

    @property
    def pending(self) -> int:
        return self.pending_records + self.pending_items

    @property
    def last_sync(self) -> str | None:
        stamps = [s for s in (self.last_export_at, self.last_ack_at) if s]
        return max(stamps) if stamps else None


def township_state(db: Database, township: str | None = None) -> TownshipState:
    """The township's sync state from the sync tables (sync_sent, the acknowledged position, the
    last return bundle imported)."""
    township = township or settings.get(db, settings.TOWNSHIP) or ""
    since = acked_through(db)
    pending_records = db.execute(PENDING_RECORDS_SQL, [township, since]).fetchone()[0]
    sent = db.execute("SELECT sequence, created_at FROM sync_sent WHERE kind = ? AND township = ? "
                      "ORDER BY sequence DESC LIMIT 1", [bundle.KIND_DATA, township]).fetchone()
    returned = db.execute("SELECT last_import_at FROM sync_peers WHERE kind = ? AND township = ?",
                          [bundle.KIND_RETURN, township]).fetchone()
    ack = settings.get(db, LAST_ACK) or {}
    acked_sequence = ack.get("acked_sequence") if isinstance(ack, dict) else None
    return TownshipState(
        township=township, acked_through=since, pending_records=pending_records,
        pending_items=exchange.pending_out_count(db),
        last_export_sequence=sent[0] if sent else None, last_export_at=sent[1] if sent else None,
        last_ack_sequence=acked_sequence or None, last_ack_at=returned[0] if returned and acked_sequence else None,
        records_refused=len(ack.get("records_refused", [])) if isinstance(ack, dict) else 0)


@dataclass(frozen=True)
class TownshipAtCounty:
    """One row of the county's sync screen: a township of the county's code list and what arrived."""

    code: str
    name_zh: str
    name_en: str
    key_state: str                 # "enrolled", "revoked" (no active key left) or "not-enrolled"
    fingerprint: str | None        # the active key's, else the latest revoked one's
    last_sequence: int | None
    last_import_at: str | None
    gaps: tuple[tuple[int, int], ...]   # (first, last) bundle numbers that never arrived
    refused_bundles: int
    refused_records: int
    last_refusal: str | None       # the reason of the latest refused bundle (English, as logged)
    recovery: dict | None = None   # a pending resync or rejoin (desktop.core.sync.positions.pending_recovery)


def county_townships(db: Database, county: str | None = None, divisions=None) -> list[TownshipAtCounty]:
    """Every township of the county (from the code list - `divisions`, the installation's, or the
    shipped one - plus any enrolled that the list lacks)."""
    divisions = divisions or codelists_divisions.shipped()
    county = county or settings.get(db, settings.COUNTY) or ""
    report = county_status(db)["townships"]
    codes = [d.code for d in divisions.children(county, "township")]
    codes += sorted(code for code in report if code not in codes)
    last_refusals = dict(db.execute(
        "SELECT township, reason FROM sync_received WHERE id IN (SELECT max(id) FROM sync_received "
        "WHERE outcome = 'refused' AND township IS NOT NULL GROUP BY township)").fetchall())
    rows = []
    for code in codes:
        entry = report.get(code, {})
        keys = entry.get("keys", [])
        active = [k for k in keys if k["status"] == "active"]
        state = "enrolled" if active else ("revoked" if keys else "not-enrolled")
        shown = (active or keys or [{"fingerprint": None}])[-1]["fingerprint"]
        division = divisions.find(code)
        rows.append(TownshipAtCounty(
            code, division.name_zh if division else code, division.name_en if division else code, state, shown,
            entry.get("last_sequence"), entry.get("last_import_at"), tuple(
                (g, g) if isinstance(g, int) else tuple(g) for g in entry.get("gaps", [])),
            entry.get("refused_bundles", 0), entry.get("refused_records", 0), last_refusals.get(code),
            entry.get("recovery")))
    return rows


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
        "pending_items": exchange.pending_out_count(db),
        "last_sent_sequence": sequence, "last_sent_sha256": sha,
        "last_ack": settings.get(db, LAST_ACK),
        "rejoined": positions.rejoined(db),   # the county's position rejoined at, until acknowledged past it
        "county_keys": [row["fingerprint"] for row in trust.enrolled(db, status="active") if row["role"] == "county"],
    }


def county_last_exchange(db: Database) -> tuple[str | None, str | None]:
    """At the county: when the last return bundle was written and the last township bundle
    imported (None for never)."""
    last_export = db.execute("SELECT max(created_at) FROM sync_sent").fetchone()[0]
    last_import = db.execute("SELECT max(last_import_at) FROM sync_peers WHERE kind = ?",
                             [bundle.KIND_DATA]).fetchone()[0]
    return last_export, last_import


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
    # (a refused bundle of the province names the county itself: not a township's row; `sync now` says it)
    for township, refused in db.execute("SELECT township, count(*) FROM sync_received WHERE outcome = 'refused' "
                                        "AND township IS NOT NULL AND coalesce(kind, '') != ? GROUP BY township",
                                        [bundle.KIND_PROVINCE_RETURN]):
        townships.setdefault(township, {"keys": []})["refused_bundles"] = refused
    for township, refused in db.execute("SELECT township, count(*) FROM sync_record_refusals GROUP BY township"):
        townships.setdefault(township, {"keys": []})["refused_records"] = refused
    for township, entry in townships.items():
        entry["recovery"] = positions.pending_recovery(db, township)
    return {
        "role": "county", "county": county, "townships": townships,
        "unattributed_refusals": db.execute("SELECT count(*) FROM sync_received WHERE outcome = 'refused' "
                                            "AND township IS NULL").fetchone()[0],
        "resident_conflicts": person_ids.open_conflicts(db),
    }


def status(db: Database) -> dict:
    role, _ = trust.own_code(db)
    return township_status(db) if role == "township" else county_status(db)
