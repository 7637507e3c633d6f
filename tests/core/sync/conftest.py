"""Shared fixtures for the sync tests: real keys in temp folders and a small valid bundle."""

from __future__ import annotations

import pytest

from desktop.core.sync import bundle
from desktop.core.sync.keys import create_keys

COUNTY = "131025"
TOWNSHIP = "131025100"
OTHER_TOWNSHIP = "131025101"


@pytest.fixture(scope="session")
def key_root(tmp_path_factory):
    return tmp_path_factory.mktemp("keys")


@pytest.fixture(scope="session")
def county_keys(key_root):
    return create_keys(key_root / "county", comment=COUNTY)


@pytest.fixture(scope="session")
def township_keys(key_root):
    return create_keys(key_root / "township", comment=TOWNSHIP)


@pytest.fixture(scope="session")
def other_township_keys(key_root):
    return create_keys(key_root / "other", comment=OTHER_TOWNSHIP)


@pytest.fixture(scope="session")
def trusted(county_keys, township_keys, other_township_keys):
    return [
        bundle.TrustedKey(county_keys.public(), COUNTY, "county"),
        bundle.TrustedKey(township_keys.public(), TOWNSHIP, "township"),
        bundle.TrustedKey(other_township_keys.public(), OTHER_TOWNSHIP, "township"),
    ]


def data_record(township=TOWNSHIP, record_id="r1", **changes) -> dict:
    """One record as a township's data bundle carries it (payload_schema.RECORD)."""
    record = {"id": record_id, "form_id": "registration", "form_version": "2024.1", "township": township,
              "status": "complete", "version": 1, "data": '{"name": "张三"}', "created_at": "2026-11-26T10:00:00+08:00",
              "created_by": "clerk", "updated_at": "2026-11-26T10:00:00+08:00", "updated_by": "clerk",
              "deleted": False, "deleted_at": None, "deleted_by": None, "delete_reason": None, "search_text": "张三"}
    record.update(changes)
    return record


def data_payload(township=TOWNSHIP, **changes) -> dict:
    """A minimal valid township data payload (payload_schema.DATA_PAYLOAD): one record."""
    payload = {"township": township, "from_seq": 0, "through_seq": 0, "audit_head": "0" * 64,
               "records": [data_record(township)], "audit": [], "items": [], "received_items": [], "returns_through": 0}
    payload.update(changes)
    return payload


def payload_counts(payload: dict) -> dict:
    return {name: len(payload[name]) if isinstance(payload.get(name), list) else 0
            for name in ("records", "audit", "items")}


def make_data_bundle(keys, county_keys, *, township=TOWNSHIP, sequence=1, previous=None, payload=None,
                     counts=None):
    payload = payload if payload is not None else data_payload(township)
    return bundle.build_bundle(
        keys=keys, kind=bundle.KIND_DATA, county=COUNTY, township=township, sequence=sequence,
        previous_sha256=previous, payload=payload,
        recipients=[county_keys.public().age_recipient, keys.public().age_recipient],
        form_versions={"registration": "2024.1"}, counts=counts if counts is not None else payload_counts(payload),
    )


@pytest.fixture(scope="session")
def make_bundle():
    return make_data_bundle


@pytest.fixture(scope="session")
def small_bundle(township_keys, county_keys):
    return make_data_bundle(township_keys, county_keys)
