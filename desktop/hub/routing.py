"""Cross-county cross-checks at the province hub: route each item once, and send it down.

A township asking about a person of another county queues a request addressed to that county;
its county, unable to route it, puts it in its next bundle for the province (with the keyed hash
of the person's ID, desktop/core/sync/province_bundle.py), and so do the receipts and answers of a
county's townships to requesters in other counties. Merging that bundle (province.py), the hub
routes every item it has not seen (`province_routes`, by the item's id: a resend or a later bundle
carrying it again routes nothing):

- a **request** goes to the township holding the person: `province_persons` by the keyed hash,
  the county the township named first, any other county else (never back to the asking county).
  Nobody holds it: if the named county has reported its people, the hub answers "person unknown"
  itself, naming the county; if it has not yet, the request waits for its first bundle;
- a **receipt** or an **answer** goes to the county of the township it is for.

Then every routed item whose county is enrolled here goes down in one bundle per county, of kind
province-return: signed by the hub's key, encrypted to that county alone, stored in the mailbox for
the county to pull with its townships' bundles. The county routes it on as one of its own
(desktop/core/sync/incoming.py), its townships answer, and the answer comes back the same way.
The hub keeps an item's content only while it waits; once a bundle carries it, the row keeps
where it went and when, not the name or ID.
"""

from __future__ import annotations

import re
import tempfile
from collections import defaultdict
from pathlib import Path

import psycopg
from psycopg.types.json import Jsonb

from desktop.core.clock import now_iso
from desktop.core.exchange import authority, crosschecks
from desktop.core.i18n import Text
from desktop.core.sync import bundle
from desktop.core.sync.bundle import TrustedKey
from desktop.hub import bundle_store
from desktop.hub.db import HubError

_LOCK = "province-return:"     # + county: one writer at a time of a county's next bundle from the hub
UNKNOWN_DETAILS = Text("no county of the province holds a present record with this ID number "
                       "(in the registers the counties last sent the province)",
                       "全省各县最近报送省级的登记中均无持此身份证号的在册人员")


def _refuse(item: dict, county: str, en: str, zh: str) -> HubError:
    return HubError(Text(f"item {str(item.get('id'))[:80]} of county {county} {en}; refused",
                         f"县 {county} 的事项 {str(item.get('id'))[:80]}{zh}，已拒绝"), code="bad-payload")


def _check(items: list[dict], county: str) -> None:
    """Refuse `county`'s bundle unless every item is a cross-check item from one of its townships
    to another county of the province (the county's own rule: exchange/authority.py), each
    request with the keyed hash of the person's ID."""
    authority.check_for_province(items, county=county)
    for item in items:
        if item["type"] == crosschecks.REQUEST and not re.fullmatch(r"[0-9a-f]{64}", str(item.get("person", ""))):
            raise _refuse(item, county, "is a request without the keyed hash of the person's ID",
                          "是协查请求，却缺少人员比对码")


def route(conn: psycopg.Connection, hub, county: str, items: list[dict]) -> dict:
    """Route the items of `county`'s bundle and send down what can go; inside the merge's
    transaction. Returns {"new": items seen for the first time, "sent": items sent down now}."""
    _check(items, county)
    new = 0
    for item in items:
        named = item["target"][:6]
        person = bytes.fromhex(item["person"]) if "person" in item else None
        envelope = {name: item[name] for name in ("id", "type", "origin", "target", "created_at", "payload")}
        inserted = conn.execute(
            "INSERT INTO province_routes (id, type, from_county, named_county, person, item) VALUES (%s, %s, %s, %s,"
            " %s, %s) ON CONFLICT (id) DO NOTHING RETURNING id",
            (item["id"], item["type"], county, named, person, Jsonb(envelope))).fetchone()
        if inserted is None:
            continue
        new += 1
        if item["type"] != crosschecks.REQUEST:
            conn.execute("UPDATE province_routes SET to_county = %s, to_site = %s WHERE id = %s",
                         (named, item["target"], item["id"]))
    _resolve_requests(conn)
    return {"new": new, "sent": _send_down(conn, hub)}


def _resolve_requests(conn: psycopg.Connection) -> None:
    """Find the township for every request not yet placed: by the person's keyed hash, the named
    county first; nobody holding it, the hub's "person unknown" once the named county reported."""
    waiting = conn.execute("SELECT id, from_county, named_county, person, item FROM province_routes"
                           " WHERE type = %s AND to_county IS NULL FOR UPDATE", (crosschecks.REQUEST,)).fetchall()
    for item_id, from_county, named, person, item in waiting:
        holder = conn.execute(
            "SELECT county, township FROM province_persons WHERE person = %s AND county != %s"
            " ORDER BY county = %s DESC, county, township LIMIT 1", (person, from_county, named)).fetchone()
        if holder is not None:
            county, township = holder
            item = {**item, "target": township, "payload": {**item["payload"], "target": township}}
            conn.execute("UPDATE province_routes SET to_county = %s, to_site = %s, item = %s WHERE id = %s",
                         (county, township, Jsonb(item), item_id))
            continue
        reported = conn.execute("SELECT 1 FROM province_counties WHERE county = %s", (named,)).fetchone()
        if reported is None:
            continue        # the named county has not sent its people yet: wait for its first bundle
        answer = _unknown_answer(item, named)
        conn.execute("UPDATE province_routes SET to_county = %s, to_site = %s, answered = 'unknown', item = %s"
                     " WHERE id = %s", (from_county, answer["target"], Jsonb(answer), item_id))


def _unknown_answer(request: dict, named: str) -> dict:
    """The answer "person unknown", from the named county, to the township that asked."""
    payload, stamp = request["payload"], now_iso()
    return {"id": request["id"] + ".answer", "type": crosschecks.ANSWER, "origin": named,
            "target": payload["requester"], "created_at": stamp,
            "payload": {"request_id": payload.get("request_id", request["id"]), "answer": "unknown",
                        "details": f"{UNKNOWN_DETAILS.zh} / {UNKNOWN_DETAILS.en}", "answered_at": stamp,
                        "answered_by": "province", "requester": payload["requester"], "target": named,
                        "due_date": payload["due_date"], "subject_name": payload.get("subject_name", ""),
                        "subject_id_number": payload.get("subject_id_number", ""),
                        "question": payload.get("question", ""), "created_at": payload.get("created_at", stamp),
                        "created_by": payload.get("created_by", "")}}


def _send_down(conn: psycopg.Connection, hub) -> int:
    """One bundle per enrolled county for the placed items not yet sent; how many items went."""
    rows = conn.execute(
        "SELECT r.id, r.to_county, r.item, s.age_recipient FROM province_routes r"
        " JOIN sites s ON s.code = r.to_county AND s.role = 'county' AND NOT s.revoked"
        " WHERE r.bundle IS NULL AND r.to_county IS NOT NULL ORDER BY r.received, r.id FOR UPDATE OF r").fetchall()
    by_county = defaultdict(list)
    for item_id, county, item, recipient in rows:
        by_county[(county, recipient)].append((item_id, item))
    for (county, recipient), routed in sorted(by_county.items()):
        sha256 = _write_down(conn, hub, county, recipient, [item for _id, item in routed])
        conn.execute("UPDATE province_routes SET bundle = %s, item = NULL, routed = now() WHERE id = ANY(%s)",
                     (sha256, [item_id for item_id, _item in routed]))
    return len(rows)


def _write_down(conn: psycopg.Connection, hub, county: str, recipient: str, items: list[dict]) -> str:
    """Write, sign and store the hub's next bundle to `county`; its identity."""
    conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (_LOCK + county,))
    sequence, previous = bundle_store.last_own(conn, bundle.KIND_PROVINCE_RETURN, county)
    header = {"township": county, "province": hub.province, "built_at": now_iso(), "items": items}
    trusted = [TrustedKey(hub.keys.public(), hub.province, "province")]
    with tempfile.TemporaryDirectory(prefix="township-hub-route-") as folder, \
            bundle.encrypt_payload(bundle.KIND_PROVINCE_RETURN, header, {}, [recipient]) as encrypted:
        path, verified = bundle.write_streamed_bundle(
            Path(folder), encrypted, trusted, keys=hub.keys, county=county, township=county,
            sequence=sequence + 1, previous_sha256=previous, counts={"items": len(items)})
        bundle_store.store_own(conn, path, verified, county)
    return verified.sha256


def routes(conn: psycopg.Connection) -> list[dict]:
    """Every item routed, for the operator and `township hub routes`: where it came from and went."""
    rows = conn.execute("SELECT id, type, from_county, named_county, to_county, to_site, answered, bundle IS NOT NULL,"
                        " received FROM province_routes ORDER BY received, id").fetchall()
    return [{"id": row[0], "type": row[1], "from_county": row[2], "named_county": row[3], "to_county": row[4],
             "to_site": row[5], "answered": row[6], "sent": row[7], "received": row[8].isoformat()} for row in rows]
