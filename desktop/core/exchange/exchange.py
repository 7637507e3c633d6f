"""The item channel: small typed messages that ride inside sync bundles.

Cross-check requests and answers, correction tasks and their outcomes all travel the same way:
an installation queues an item for a target ("county" or a township code); sync puts every
unacknowledged outgoing item into the next bundle (cumulatively, like records, so a lost stick
costs nothing); the receiver imports each item once (by id) and hands it to the area that
handles its type (desktop.core.exchange.inbox); the receiver's next bundle acknowledges it. At the county, an item for
another township is forwarded into that township's return bundle.

The envelope, as carried in bundles: {"id", "type", "origin", "target", "created_at", "payload"}.
Call every function that writes inside the caller's transaction.
"""

from __future__ import annotations

import json
import logging
import uuid

from desktop.core.clock import now_iso
from desktop.core.store.db import Database

log = logging.getLogger("township.exchange")

COUNTY = "county"
KEY_ROTATION = "keys.rotation"   # the county's new keys announced (desktop.core.sync.trust): not a business item


def well_formed(item: dict, *keys: str) -> bool:
    """For handlers: the payload holds these keys as non-empty strings. An item from a newer or
    broken sender is kept (it is in exchange_items) but not acted on: refusing it would refuse
    the whole bundle, and with it every record the bundle carries."""
    payload = item.get("payload")
    if isinstance(payload, dict) and all(isinstance(payload.get(key), str) and payload[key] for key in keys):
        return True
    log.warning("ignored a malformed %s item %s", item.get("type"), item.get("id"))
    return False


def queue(db: Database, item_type: str, *, origin: str, target: str, payload: dict,
          item_id: str | None = None) -> str:
    item_id = item_id or str(uuid.uuid4())
    db.execute("INSERT OR IGNORE INTO exchange_items (id, direction, type, origin, target, created_at, payload)"
               " VALUES (?, 'out', ?, ?, ?, ?, ?)",
               [item_id, item_type, origin, target, now_iso(), json.dumps(payload, ensure_ascii=False)])
    return item_id


def record_received(db: Database, item: dict) -> bool:
    """Keep an item sent to this installation; False when it was already received (so importing
    twice changes nothing: the sender may have missed our acknowledgement and sent it again)."""
    if db.execute("SELECT 1 FROM exchange_items WHERE id=? AND direction='in'", [item["id"]]).fetchone():
        # reported again: the sender did not hear of the import (or lost it), so it will hear again
        db.execute("UPDATE exchange_items SET acked_at = NULL WHERE id=? AND direction='in'", [item["id"]])
        return False
    db.execute("INSERT INTO exchange_items (id, direction, type, origin, target, created_at, payload,"
               " received_at) VALUES (?, 'in', ?, ?, ?, ?, ?, ?)",
               [item["id"], item["type"], item["origin"], item["target"], item["created_at"],
                json.dumps(item["payload"], ensure_ascii=False), now_iso()])
    return True


def _envelope(row) -> dict:
    return {"id": row[0], "type": row[1], "origin": row[2], "target": row[3], "created_at": row[4],
            "payload": json.loads(row[5])}


def pending_out(db: Database, target: str | None = None) -> list[dict]:
    """Outgoing items not yet acknowledged (to `target` only, when given), oldest first."""
    sql = "SELECT id, type, origin, target, created_at, payload FROM exchange_items " \
          "WHERE direction='out' AND acked_at IS NULL"
    args = []
    if target is not None:
        sql += " AND target = ?"
        args.append(target)
    return [_envelope(row) for row in db.execute(sql + " ORDER BY created_at, id", args)]


def pending_out_count(db: Database, target: str | None = None) -> int:
    """How many items pending_out returns, counted on the index without reading their payloads."""
    sql = "SELECT count(*) FROM exchange_items WHERE direction='out' AND acked_at IS NULL"
    args = []
    if target is not None:
        sql += " AND target = ?"
        args.append(target)
    return db.execute(sql, args).fetchone()[0]


# Items for a township of another county (a cross-county cross-check, its receipt or answer) cannot
# go into a return bundle: they wait here with that township's (or county's) code as target and
# travel in the county's bundles for the province (desktop.core.sync.province_bundle), whose
# sequence their bundle_seq then holds. Their target is anything but "county" and this county's codes.
_OUTSIDE = "direction='out' AND acked_at IS NULL AND target != 'county' AND substr(target, 1, 6) != ?"


def pending_outside(db: Database, county: str) -> list[dict]:
    """The outgoing items for other counties not yet delivered to the province, oldest first."""
    return [_envelope(row) for row in db.execute(
        f"SELECT id, type, origin, target, created_at, payload FROM exchange_items WHERE {_OUTSIDE}"
        " ORDER BY created_at, id", [county])]


def unsent_outside_count(db: Database, county: str) -> int:
    """How many of those no bundle carried yet, counted on the index without reading payloads."""
    return db.execute(f"SELECT count(*) FROM exchange_items WHERE {_OUTSIDE} AND sent_at IS NULL",
                      [county]).fetchone()[0]


def mark_acked_outside(db: Database, county: str, through_bundle_seq: int) -> int:
    """The province stored the county's bundles up to this sequence: the items for other counties
    they carried are delivered. Returns how many."""
    return db.execute(f"UPDATE exchange_items SET acked_at = ? WHERE {_OUTSIDE} AND sent_at IS NOT NULL"
                      " AND bundle_seq <= ?", [now_iso(), county, through_bundle_seq]).rowcount


def mark_sent(db: Database, item_ids, bundle_seq: int) -> None:
    stamp = now_iso()
    for item_id in item_ids:
        db.execute("UPDATE exchange_items SET sent_at = coalesce(sent_at, ?), bundle_seq = ? "
                   "WHERE id = ? AND direction = 'out'", [stamp, bundle_seq, item_id])


def mark_acked(db: Database, item_ids, target: str | None = None) -> None:
    """The receiver confirmed it imported these items (only those sent to `target`, when given)."""
    stamp = now_iso()
    for item_id in item_ids:
        db.execute("UPDATE exchange_items SET acked_at = coalesce(acked_at, ?) WHERE id = ? AND direction='out'"
                   " AND (? IS NULL OR target = ?)", [stamp, item_id, target, target])


# The other direction of the acknowledgement: a township tells the county which items it imported
# (so the county can count the receipt rate and stop re-sending them), until the county confirms
# that it heard. On 'in' rows, bundle_seq is the latest bundle that reported the item and acked_at
# the moment the county acknowledged that bundle.

def received_unconfirmed(db: Database) -> list[str]:
    """Ids of imported items whose import the sender has not yet been told of."""
    return [row[0] for row in db.execute(
        "SELECT id FROM exchange_items WHERE direction='in' AND acked_at IS NULL ORDER BY received_at, id")]


def mark_reported(db: Database, item_ids, bundle_seq: int) -> None:
    for item_id in item_ids:
        db.execute("UPDATE exchange_items SET bundle_seq = ? WHERE id = ? AND direction='in'", [bundle_seq, item_id])


def confirm_reported(db: Database, through_bundle_seq: int) -> None:
    """The county acknowledged our bundles up to this sequence: the imports they reported are known."""
    db.execute("UPDATE exchange_items SET acked_at = ? WHERE direction='in' AND acked_at IS NULL"
               " AND bundle_seq IS NOT NULL AND bundle_seq <= ?", [now_iso(), through_bundle_seq])


def reopen_after(db: Database, bundle_seq: int) -> int:
    """The receiver lost what our bundles after `bundle_seq` carried (it restored a backup): the
    items they carried go out again, and the imports they reported are reported again (the
    receiver imports an item once by id, so a repeat changes nothing). Returns the rows reopened."""
    return db.execute("UPDATE exchange_items SET acked_at = NULL WHERE acked_at IS NOT NULL AND bundle_seq > ?",
                      [bundle_seq]).rowcount


def reopen_for(db: Database, target: str) -> int:
    """`target` lost what it had received (it restored a backup, or moved to a new PC): every item
    addressed to it that this installation holds goes out again - its own and those it forwards -
    and the target imports each once by id. Returns the rows reopened."""
    return db.execute("UPDATE exchange_items SET acked_at = NULL WHERE direction='out' AND target = ?"
                      " AND acked_at IS NOT NULL", [target]).rowcount


def receipt_counts(db: Database, target: str, date_from: str, date_to: str) -> dict:
    """Items sent to `target` in the period (by the day they first left) and how many it imported:
    the receipt rate's numerator and denominator (DOMAIN.md)."""
    sent, imported = db.execute(
        "SELECT count(*), count(acked_at) FROM exchange_items WHERE direction='out' AND target=? AND type != ? "
        "AND sent_at IS NOT NULL AND substr(sent_at,1,10) BETWEEN ? AND ?",
        [target, KEY_ROTATION, date_from, date_to]).fetchone()
    return {"sent": sent, "imported": imported}
