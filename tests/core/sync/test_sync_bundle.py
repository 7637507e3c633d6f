"""Bundles: a round trip works; every kind of tampering is refused with a reason before decryption."""

from __future__ import annotations

import json
import os

import pytest

from desktop.core.errors import UserError
from desktop.core.sync import bundle, container
from desktop.core.sync.keys import create_keys
from tests.core.sync.conftest import data_payload

COUNTY, TOWNSHIP = "131025", "131025100"


def _assert_refused(data, trusted, code=None):
    with pytest.raises(UserError) as caught:
        bundle.verify_bundle(data, trusted)
    assert caught.value.text.en and caught.value.text.zh
    if code is not None:
        assert caught.value.code == code, caught.value.text.en
    return caught.value


def test_round_trip_readable_by_county_and_township(small_bundle, trusted, county_keys, township_keys):
    for reader in (county_keys, township_keys):
        opened = bundle.open_bundle(small_bundle, trusted, reader.all_age_identities(), bundle.KIND_DATA)
        assert opened.payload == data_payload()
        assert opened.manifest.township == TOWNSHIP and opened.manifest.sequence == 1
        assert opened.signer.owner == TOWNSHIP


def test_file_names_are_fat32_safe_and_parse_back():
    name = bundle.bundle_file_name(bundle.KIND_DATA, TOWNSHIP, 42)
    assert name == "TD-131025100-000042.tdb"
    assert bundle.parse_bundle_file_name(name) == (bundle.KIND_DATA, TOWNSHIP, 42)
    ret = bundle.bundle_file_name(bundle.KIND_RETURN, TOWNSHIP, 7)
    assert ret == "TD-131025100-R000007.tdb"
    assert bundle.parse_bundle_file_name(ret) == (bundle.KIND_RETURN, TOWNSHIP, 7)
    assert bundle.parse_bundle_file_name("TD-../x.tdb") is None
    assert all(c.isalnum() or c in "-." for c in name) and len(name) < 64


def test_every_single_byte_flip_is_refused(small_bundle, trusted):
    assert len(small_bundle) < 4000
    for index in range(len(small_bundle)):
        damaged = bytearray(small_bundle)
        damaged[index] ^= 0xFF
        _assert_refused(bytes(damaged), trusted)


def test_truncation_and_appending_refused(small_bundle, trusted):
    for length in range(len(small_bundle)):
        _assert_refused(small_bundle[:length], trusted)
    for tail in (b"\0", b"PK\x05\x06", small_bundle):
        _assert_refused(small_bundle + tail, trusted)
    _assert_refused(b"junk" + small_bundle, trusted)


def _members(data):
    return container.read_container(data, bundle.MEMBERS)


def _rebuild(members):
    return container.write_container([(name, members[name]) for name in bundle.MEMBERS])


def test_swapping_members_between_two_valid_bundles_refused(township_keys, county_keys, trusted, make_bundle):
    first = _members(make_bundle(township_keys, county_keys, sequence=1, payload={"a": 1}))
    second = _members(make_bundle(township_keys, county_keys, sequence=2, payload={"a": 2}))
    _assert_refused(_rebuild({**first, "payload.age": second["payload.age"]}), trusted, "hash-mismatch")
    _assert_refused(_rebuild({**first, "manifest.sig": second["manifest.sig"]}), trusted, "signature-mismatch")
    _assert_refused(_rebuild({**first, "manifest.json": second["manifest.json"]}), trusted, "signature-mismatch")


def test_edited_manifest_refused_even_in_a_clean_container(small_bundle, trusted):
    members = _members(small_bundle)
    manifest = json.loads(members["manifest.json"])
    manifest["sequence"] = 99
    edited = {**members, "manifest.json": json.dumps(manifest).encode()}
    _assert_refused(_rebuild(edited), trusted, "signature-mismatch")


def test_unenrolled_and_revoked_signers_refused(tmp_path, county_keys, trusted, make_bundle):
    stranger = create_keys(tmp_path / "stranger")
    _assert_refused(make_bundle(stranger, county_keys), trusted, "unknown-signer")
    township = next(key for key in trusted if key.owner == TOWNSHIP)
    revoked = [key for key in trusted if key is not township] + [
        bundle.TrustedKey(township.public, TOWNSHIP, "township", revoked=True)]
    _assert_refused(bundle.build_bundle(
        keys=create_keys(tmp_path / "t"), kind=bundle.KIND_DATA, county=COUNTY, township=TOWNSHIP, sequence=1,
        previous_sha256=None, payload={}, recipients=[county_keys.public().age_recipient]), revoked, "unknown-signer")


def test_revoked_key_refused(small_bundle, trusted):
    revoked = [bundle.TrustedKey(k.public, k.owner, k.role, revoked=(k.owner == TOWNSHIP)) for k in trusted]
    _assert_refused(small_bundle, revoked, "revoked-signer")


def test_township_cannot_sign_for_another_township(other_township_keys, county_keys, trusted, make_bundle):
    forged = make_bundle(other_township_keys, county_keys, township=TOWNSHIP)
    _assert_refused(forged, trusted, "wrong-signer")


def test_wrong_kind_refused(small_bundle, trusted, county_keys):
    with pytest.raises(UserError) as caught:
        bundle.open_bundle(small_bundle, trusted, county_keys.all_age_identities(), bundle.KIND_RETURN)
    assert caught.value.code == "wrong-kind"


def test_bundle_not_encrypted_for_reader_refused(small_bundle, trusted, other_township_keys):
    with pytest.raises(UserError) as caught:
        bundle.open_bundle(small_bundle, trusted, other_township_keys.all_age_identities())
    assert caught.value.code == "not-for-us"


def test_write_bundle_file_atomic_read_back(tmp_path, small_bundle, trusted):
    path = bundle.write_bundle_file(tmp_path, small_bundle, trusted)
    assert path.name == "TD-131025100-000001.tdb"
    assert bundle.read_bundle_file(path) == small_bundle
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_write_refuses_missing_folder_and_read_only_target(tmp_path, small_bundle, trusted):
    with pytest.raises(UserError) as caught:
        bundle.write_bundle_file(tmp_path / "unplugged", small_bundle, trusted)
    assert caught.value.code == "missing-folder"
    if os.name != "nt" and os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        with pytest.raises(UserError) as caught:
            bundle.write_bundle_file(locked, small_bundle, trusted)
        assert caught.value.code in ("no-permission", "read-only")


def test_write_refuses_an_invalid_bundle(tmp_path, small_bundle, trusted):
    with pytest.raises(UserError):
        bundle.write_bundle_file(tmp_path, small_bundle[:-1], trusted)
    assert list(tmp_path.iterdir()) == []


def test_read_bundle_file_errors(tmp_path):
    with pytest.raises(UserError) as caught:
        bundle.read_bundle_file(tmp_path / "missing.tdb")
    assert caught.value.code == "missing-file"
    with pytest.raises(UserError):
        bundle.read_bundle_file(tmp_path)
