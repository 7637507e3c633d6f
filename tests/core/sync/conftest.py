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


def make_data_bundle(keys, county_keys, *, township=TOWNSHIP, sequence=1, previous=None, payload=None):
    return bundle.build_bundle(
        keys=keys, kind=bundle.KIND_DATA, county=COUNTY, township=township, sequence=sequence,
        previous_sha256=previous, payload=payload if payload is not None else {"records": [{"id": "r1"}]},
        recipients=[county_keys.public().age_recipient, keys.public().age_recipient],
        form_versions={"registration": "2024.1"}, counts={"records": 1},
    )


@pytest.fixture(scope="session")
def make_bundle():
    return make_data_bundle


@pytest.fixture(scope="session")
def small_bundle(township_keys, county_keys):
    return make_data_bundle(township_keys, county_keys)
