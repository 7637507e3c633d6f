"""Helpers for the sync tests: valid resident IDs, whole-installation setup through the CLI,
and a content hash of the county's data (what must not change when a bundle is refused)."""

from __future__ import annotations

import hashlib
import json

from stdnum.cn import ric

COUNTY = "131025"
TOWNSHIPS = ("131025100", "131025101")

# Tables whose content is "the county's data". sync_received (the log of import attempts,
# refused ones included) and the county's own audit trail of imports are bookkeeping and left out.
DATA_QUERIES = (
    "SELECT id, form_id, form_version, township, status, version, data, created_at, created_by, updated_at,"
    " updated_by, deleted, delete_reason FROM records ORDER BY id",
    "SELECT form_id, field, value, record_id FROM record_keys ORDER BY 1, 2, 3, 4",
    "SELECT township, seq, hash FROM sync_audit_in ORDER BY township, seq",
    "SELECT record_a, township_a, record_b, township_b FROM sync_resident_conflicts ORDER BY 1, 2",
    "SELECT id, direction, type, origin, target, payload FROM exchange_items ORDER BY id, direction",
    "SELECT township, record_id, reason FROM sync_record_refusals ORDER BY 1, 2",
)


def resident_id(serial: int, region: str = "131025", birth: str = "19900101") -> str:
    body = f"{region}{birth}{serial % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")  # stdnum expects a placeholder check digit


def county_data_hash(db) -> str:
    digest = hashlib.sha256()
    for query in DATA_QUERIES:
        for row in db.execute(query):
            digest.update(json.dumps(list(row), ensure_ascii=False, default=str).encode())
        digest.update(b"|")
    return digest.hexdigest()


def file_bytes(path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()
