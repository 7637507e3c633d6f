"""Replacing and revoking keys at the hub: a county's rotation (its new pack endorsed by the key the
hub holds) is taken without a question and the old key revoked; a township's new PC needs
`--replace` (the operator compared the fingerprint by phone); `hub revoke` shuts a stolen PC's key
out. After each, a bundle signed by the old key is refused before anything is stored.
"""

from __future__ import annotations

import json

import psycopg
import pytest

from desktop.core.sync import bundle, enrollment, trust
from desktop.core.sync.keys import create_keys
from tests.core.sync.conftest import data_payload, payload_counts

COUNTY, TOWNSHIP = "131025", "131025100"
refusals = pytest.mark.allow_log("township.hub", "refused a post", level="WARNING")


def _data_bundle(township_keys, county_keys, sequence=1) -> bytes:
    payload = data_payload(TOWNSHIP)
    return bundle.build_bundle(keys=township_keys, kind=bundle.KIND_DATA, county=COUNTY, township=TOWNSHIP,
                               sequence=sequence, previous_sha256=None, payload=payload,
                               recipients=[county_keys.public().age_recipient],
                               form_versions={"registration": "2024.1"}, counts=payload_counts(payload))


def _return_bundle(county_keys, township_keys, sequence=1) -> bytes:
    payload = {"ack": {"through_seq": 0}, "updates": []}
    return bundle.build_bundle(keys=county_keys, kind=bundle.KIND_RETURN, county=COUNTY, township=TOWNSHIP,
                               sequence=sequence, previous_sha256=None, payload=payload,
                               recipients=[township_keys.public().age_recipient])


def _write(folder, name, data):
    path = folder / name
    path.write_bytes(data)
    return path


@pytest.fixture
def sites(cli, initialised_hub, tmp_path):
    url, _hub = initialised_hub
    county, township = create_keys(tmp_path / "county"), create_keys(tmp_path / "township")
    pack = _write(tmp_path, "TD-county-131025.tdpack", enrollment.build_county_pack(county, COUNTY, "大城县"))
    card = _write(tmp_path, "TD-enroll-131025100.tdkey", enrollment.build_enrollment(township, TOWNSHIP, COUNTY, "王丽"))
    assert cli("hub", "enroll", "--db", url, pack).code == 0
    assert cli("hub", "enroll", "--db", url, card).code == 0
    return url, county, township


def _active(url: str) -> dict[str, str]:
    with psycopg.connect(url) as conn:
        return dict(conn.execute("SELECT code, fingerprint FROM sites WHERE NOT revoked").fetchall())


@refusals
def test_a_county_rotation_endorsed_by_the_enrolled_key_is_taken_and_the_old_key_refused(
        cli, sites, serve_hub, tmp_path):
    url, old, township = sites
    new = create_keys(tmp_path / "county-new")
    rotated = _write(tmp_path, "rotated.tdpack", enrollment.build_county_pack(
        new, COUNTY, "大城县", endorsement=trust.endorse_rotation(old, new.public())))
    taken = cli("hub", "enroll", "--db", url, rotated)
    assert taken.code == 0 and "endorsed by the county's previous key" in taken.out
    assert _active(url)[COUNTY] == new.public().fingerprint
    hub = serve_hub()
    status, _headers, body = hub.post(_return_bundle(old, township))
    assert status == 403 and json.loads(body)["error"] == "revoked-signer"
    assert hub.post(_return_bundle(new, township))[0] == 201
    # a pack that claims an endorsement by some other key is not a rotation
    stranger, impostor = create_keys(tmp_path / "stranger"), create_keys(tmp_path / "impostor")
    forged = _write(tmp_path, "forged.tdpack", enrollment.build_county_pack(
        impostor, COUNTY, "大城县", endorsement=trust.endorse_rotation(stranger, impostor.public())))
    refused = cli("hub", "enroll", "--db", url, forged)
    assert refused.code == 1 and "another key" in refused.err and "--replace" in refused.err
    assert _active(url)[COUNTY] == new.public().fingerprint


@refusals
def test_a_townships_new_pc_needs_replace_and_then_its_old_key_is_refused(cli, sites, serve_hub, tmp_path):
    url, county, old = sites
    new = create_keys(tmp_path / "township-new")
    card = _write(tmp_path, "new.tdkey", enrollment.build_enrollment(new, TOWNSHIP, COUNTY, "王丽"))
    refused = cli("hub", "enroll", "--db", url, card)
    assert refused.code == 1 and "compare its short fingerprint by phone" in refused.err
    assert _active(url)[TOWNSHIP] == old.public().fingerprint
    replaced = cli("hub", "enroll", "--db", url, card, "--replace")
    assert replaced.code == 0 and "the previous key is revoked" in replaced.out
    assert _active(url)[TOWNSHIP] == new.public().fingerprint
    hub = serve_hub()
    status, _headers, body = hub.post(_data_bundle(old, county))
    assert status == 403 and json.loads(body)["error"] == "revoked-signer"
    assert hub.post(_data_bundle(new, county))[0] == 201


@refusals
def test_a_revoked_site_is_shut_out_until_a_new_key_is_enrolled(cli, sites, serve_hub, tmp_path):
    url, county, township = sites
    done = cli("hub", "revoke", "--db", url, TOWNSHIP)
    assert done.code == 0 and township.public().fingerprint in done.out
    assert TOWNSHIP not in _active(url)
    again = cli("hub", "revoke", "--db", url, TOWNSHIP)
    assert again.code == 1 and "no active key" in again.err
    hub = serve_hub()
    assert hub.post(_data_bundle(township, county))[0] == 403
    new = create_keys(tmp_path / "township-after")
    card = _write(tmp_path, "after.tdkey", enrollment.build_enrollment(new, TOWNSHIP, COUNTY, "王丽"))
    # with no active key left there is nothing to replace: a plain enroll takes the new one
    assert cli("hub", "enroll", "--db", url, card).code == 0
    assert hub.post(_data_bundle(new, county))[0] == 201
