"""Every record a township sends comes with its trail (痕迹管理).

A record changes only through an audit row naming it (create, edit, delete: desktop.core.store.records),
and a data bundle carries every record changed after the acknowledged position together with every
audit row after it, from the same snapshot. So each record in a bundle has at least one audit row
naming it in the same bundle; one that has none was not made by the township's program (or its
trail was cut away), and the county refuses that record - listed in the next acknowledgement like
a record of another township - while the rest of the bundle is applied.
"""

from __future__ import annotations

from desktop.core.i18n import Text


def records_without_audit(records: list[dict], audit_rows: list[dict]) -> list[str]:
    """Ids of the records no audit row of the bundle names, in the bundle's order."""
    named = {row.get("record_id") for row in audit_rows}
    return [record["id"] for record in records if record["id"] not in named]


def reason(record_id: str) -> Text:
    return Text(f"record {record_id} came without an audit row naming it (its change is not in the audit trail)",
                f"记录 {record_id} 没有对应的操作痕迹（其更改不在痕迹中）")
