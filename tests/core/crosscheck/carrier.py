"""Moves exchange items between workspaces the way sync bundles do, without the bundles.

A township's bundle carries every unacknowledged outgoing item to the county (`pending_out`,
`mark_sent`); the county imports them (`receive`, which forwards items for other townships)
and its acknowledgement comes back (`mark_acked`). A return bundle carries the county's items
for one township the same way. Acknowledgements are applied at once here, as if the next
bundle had already come back.
"""

from __future__ import annotations

import itertools

from desktop.core.exchange import exchange, inbox
from desktop.core.store.db import transaction

_sequence = itertools.count(1)


def township_to_county(township, county) -> list[str]:
    items = exchange.pending_out(township.db)
    with transaction(township.db):
        exchange.mark_sent(township.db, [i["id"] for i in items], next(_sequence))
    with transaction(county.db):
        imported = inbox.receive(county.db, items, side="county", source=township.township, here="county")
    with transaction(township.db):
        exchange.mark_acked(township.db, imported)
    return imported


def county_to_township(county, township) -> list[str]:
    items = exchange.pending_out(county.db, township.township)
    with transaction(county.db):
        exchange.mark_sent(county.db, [i["id"] for i in items], next(_sequence))
    with transaction(township.db):
        imported = inbox.receive(township.db, items, side="township", source="county",
                                 here=township.township, person_fields=_person_fields(township))
    with transaction(county.db):
        exchange.mark_acked(county.db, imported)
    return imported


def _person_fields(workspace):
    from desktop.core.forms.keys import FormKeys

    return FormKeys.for_data_dir(workspace.paths).person_id_fields()


def round_trip(county, *townships) -> None:
    """Every township visits the county, then picks up its return bundle."""
    for township in townships:
        township_to_county(township, county)
    for township in townships:
        county_to_township(county, township)


def copy_records(township, county) -> int:
    """Put the township's records into the county store through the county import's writer
    (records.apply_received: the same columns, and keys from the forms), with an import's audit row."""
    import json

    from desktop.core.forms.keys import FormKeys
    from desktop.core.store import audit, records
    from desktop.core.sync.outgoing import record_row

    rows = township.db.execute(f"SELECT {', '.join(records.BUNDLE_COLUMNS)}, search_text FROM records").fetchall()
    received = [(record, json.loads(record["data"])) for record in map(record_row, rows)]
    with transaction(county.db):
        entry = audit.append(county.db, "sync", clerk="county", details={"action": "copy", "township": township.township})
        records.apply_received(county.db, received, audit_seq=entry.seq,
                               unique_fields=FormKeys.for_data_dir(county.paths).unique_fields)
    return len(rows)
