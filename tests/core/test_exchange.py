"""The item channel: queue, forward at the county, receive once, acknowledge, receipt counts."""

from desktop.core.exchange import exchange, inbox
from desktop.core.store.db import transaction


def test_items_travel_once_and_are_counted(township, monkeypatch):
    db = township.db
    seen = []
    monkeypatch.setitem(inbox.HANDLERS, "test_note", lambda db, item, side, source: seen.append((item["id"], side, source)))
    with transaction(db):
        item_id = exchange.queue(db, "test_note", origin="131025101", target="131025100", payload={"x": 1})
    outgoing = exchange.pending_out(db, "131025100")
    assert [i["id"] for i in outgoing] == [item_id]
    with transaction(db):
        exchange.mark_sent(db, [item_id], bundle_seq=3)
    # the receiving side imports it twice (a repeated bundle): the handler runs once
    incoming = [dict(outgoing[0], id="other-" + item_id)]
    with transaction(db):
        first = inbox.receive(db, incoming, side="township", source="county", here="131025100")
        again = inbox.receive(db, incoming, side="township", source="county", here="131025100")
    assert first == again == ["other-" + item_id]
    assert len(seen) == 1 and seen[0][1:] == ("township", "county")
    with transaction(db):
        exchange.mark_acked(db, [item_id])
    assert exchange.pending_out(db, "131025100") == []
    today = township.db.execute("SELECT substr(sent_at,1,10) FROM exchange_items").fetchone()[0]
    assert exchange.receipt_counts(db, "131025100", today, today) == {"sent": 1, "imported": 1}


def test_county_forwards_items_for_other_townships(township):
    db = township.db
    item = {"id": "i-1", "type": "crosscheck_request", "origin": "131025101", "target": "131025102",
            "created_at": "2026-11-26T10:00:00+08:00", "payload": {"q": "?"}}
    with transaction(db):
        inbox.receive(db, [item], side="county", source="131025101", here="county")
    forwarded = exchange.pending_out(db, "131025102")
    assert [(i["id"], i["origin"]) for i in forwarded] == [("i-1", "131025101")]


def test_a_township_reports_imports_until_the_county_confirms(township):
    db = township.db
    item = {"id": "i-9", "type": "note", "origin": "county", "target": "131025100",
            "created_at": "2026-11-26T10:00:00+08:00", "payload": {}}
    with transaction(db):
        inbox.receive(db, [item], side="township", source="county", here="131025100")
    assert exchange.received_unconfirmed(db) == ["i-9"]
    with transaction(db):
        exchange.mark_reported(db, ["i-9"], bundle_seq=4)
        exchange.confirm_reported(db, 3)          # an older bundle's acknowledgement: still unconfirmed
    assert exchange.received_unconfirmed(db) == ["i-9"]
    with transaction(db):
        exchange.confirm_reported(db, 4)
    assert exchange.received_unconfirmed(db) == []
