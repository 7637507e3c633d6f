"""Install keys: created once, owner-only, fingerprints as ssh-keygen shows them, usable by age."""

from __future__ import annotations

import os
import re
import subprocess

import pyrage
import pytest

from desktop.core.errors import UserError
from desktop.core.sync import keys as keymod


def test_create_load_and_refuse_to_overwrite(tmp_path):
    created = keymod.create_keys(tmp_path / "keys", comment="131025100")
    loaded = keymod.load_keys(tmp_path / "keys")
    assert loaded.public() == created.public()
    with pytest.raises(UserError) as caught:
        keymod.create_keys(tmp_path / "keys")
    assert caught.value.code == "keys-exist"
    assert keymod.load_or_create_keys(tmp_path / "keys").public() == created.public()


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_private_files_are_owner_only(tmp_path):
    keymod.create_keys(tmp_path / "keys")
    assert (os.stat(tmp_path / "keys").st_mode & 0o777) == 0o700
    for name in (keymod.SIGNING_FILE, keymod.AGE_IDENTITY_FILE):
        assert (os.stat(tmp_path / "keys" / name).st_mode & 0o777) == 0o600
    assert not [p for p in (tmp_path / "keys").iterdir() if p.name.endswith(".part")]


def test_fingerprint_matches_ssh_keygen(tmp_path):
    keys = keymod.create_keys(tmp_path / "keys", comment="county 131025")
    listed = subprocess.run(["ssh-keygen", "-l", "-f", str(tmp_path / "keys" / keymod.SIGNING_PUBLIC_FILE)],
                            capture_output=True, text=True, check=True).stdout
    assert keys.public().fingerprint in listed
    assert re.fullmatch(r"\d{4}( \d{4}){4}", keys.public().short_fingerprint)


def test_age_identity_file_works_with_stock_age(tmp_path):
    keys = keymod.create_keys(tmp_path / "keys")
    (tmp_path / "secret.age").write_bytes(pyrage.encrypt(b"for the township", [
        pyrage.x25519.Recipient.from_str(keys.public().age_recipient)]))
    out = subprocess.run(["age", "-d", "-i", str(tmp_path / "keys" / keymod.AGE_IDENTITY_FILE),
                          str(tmp_path / "secret.age")], capture_output=True, check=True).stdout
    assert out == b"for the township"


def test_public_keys_round_trip_through_dict(tmp_path):
    public = keymod.create_keys(tmp_path / "keys").public()
    assert keymod.PublicKeys.from_dict(public.as_dict()) == public
    with pytest.raises(UserError):
        keymod.PublicKeys.from_dict({"signing_key": "ssh-rsa AAAA", "age_recipient": public.age_recipient})
    with pytest.raises(UserError):
        keymod.PublicKeys.from_dict({"signing_key": public.openssh(), "age_recipient": "age1nope"})


def test_rotation_keeps_old_identity_for_old_bundles(tmp_path):
    old = keymod.create_keys(tmp_path / "keys")
    new = keymod.rotate_keys(tmp_path / "keys")
    assert new.public() != old.public()
    ciphertext = pyrage.encrypt(b"old bundle", [pyrage.x25519.Recipient.from_str(old.public().age_recipient)])
    assert pyrage.decrypt(ciphertext, new.all_age_identities()) == b"old bundle"


def test_damaged_or_missing_keys_give_clear_errors(tmp_path):
    with pytest.raises(UserError) as caught:
        keymod.load_keys(tmp_path / "nothing")
    assert caught.value.code == "no-keys"
    keymod.create_keys(tmp_path / "keys")
    (tmp_path / "keys" / keymod.AGE_IDENTITY_FILE).write_text("garbage\n")
    with pytest.raises(UserError) as caught:
        keymod.load_keys(tmp_path / "keys")
    assert caught.value.code == "keys-damaged"
