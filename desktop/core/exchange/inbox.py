"""Receiving items: each one imported once, forwarded at the county when it is for another
township, and handed to the area that handles its type.

HANDLERS is the whole table, built from the areas that ship: cross-checks (requests, receipts,
answers) and corrections (tasks, outcomes, decisions). An item of a type not in it (from a
newer sender) is kept in exchange_items and acknowledged, but not acted on.
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.core.exchange import corrections, crosschecks, exchange
from desktop.core.store.db import Database

# item type -> handler(db, item, *, side, source); side is "county" or "township", source the sender's code
HANDLERS: dict[str, Callable] = {**crosschecks.HANDLERS, **corrections.HANDLERS}


def receive(db: Database, items: list[dict], *, side: str, source: str,
            here: str, person_fields=()) -> list[str]:
    """Import items sent to this installation (`here`: its code, or "county"); returns the ids
    imported now (already-known ids are skipped, so importing twice changes nothing). At a
    township, incoming cross-check requests are then matched to local records by the person-ID
    fields `person_fields` ((form, field) pairs, from the caller's forms)."""
    imported = []
    for item in items:
        if not exchange.record_received(db, item):
            imported.append(item["id"])  # acknowledged again: the sender may have missed our ack
            continue
        if side == "county" and item["target"] not in (exchange.COUNTY, here):
            exchange.queue(db, item["type"], origin=item["origin"], target=item["target"], payload=item["payload"],
                           item_id=item["id"])  # forward to the township it is for
        handler = HANDLERS.get(item["type"])
        if handler is not None:
            handler(db, item, side=side, source=source)
        imported.append(item["id"])
    if side == "township":
        crosschecks.match_local(db, person_fields)
    return imported
