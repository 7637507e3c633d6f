"""SSHSIG: our signatures pass `ssh-keygen -Y verify`, ssh-keygen's pass ours, and bad ones fail."""

from __future__ import annotations

import subprocess

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop.core.sync import sshsig
from desktop.core.sync.keys import create_keys, fingerprint

NS = sshsig.BUNDLE_NAMESPACE


def test_round_trip_returns_the_signing_key():
    key = Ed25519PrivateKey.generate()
    signature = sshsig.sign(key, b"manifest bytes")
    assert fingerprint(sshsig.verify(signature, b"manifest bytes")) == fingerprint(key.public_key())


def test_ssh_keygen_verifies_our_signature(tmp_path):
    keys = create_keys(tmp_path / "keys", comment="131025100")
    message = b'{"sequence": 1}\n'
    (tmp_path / "msg").write_bytes(message)
    (tmp_path / "msg.sig").write_text(keys.sign(message))
    (tmp_path / "allowed_signers").write_text(f'131025100 namespaces="{NS}" {keys.public().openssh()}\n')
    ok = subprocess.run(["ssh-keygen", "-Y", "verify", "-f", str(tmp_path / "allowed_signers"), "-I", "131025100",
                         "-n", NS, "-s", str(tmp_path / "msg.sig")], input=message, capture_output=True)
    assert ok.returncode == 0, ok.stderr
    assert b"Good" in ok.stdout
    changed = subprocess.run(["ssh-keygen", "-Y", "verify", "-f", str(tmp_path / "allowed_signers"), "-I",
                              "131025100", "-n", NS, "-s", str(tmp_path / "msg.sig")],
                             input=message + b"x", capture_output=True)
    assert changed.returncode != 0


def test_we_verify_ssh_keygen_signatures(tmp_path):
    keys = create_keys(tmp_path / "keys")
    (tmp_path / "msg").write_bytes(b"hello county")
    subprocess.run(["ssh-keygen", "-q", "-Y", "sign", "-f", str(tmp_path / "keys" / "signing_ed25519"), "-n", NS,
                    str(tmp_path / "msg")], check=True, capture_output=True)
    armored = (tmp_path / "msg.sig").read_text()
    assert fingerprint(sshsig.verify(armored, b"hello county")) == keys.public().fingerprint


def test_other_namespace_refused():
    key = Ed25519PrivateKey.generate()
    signature = sshsig.sign(key, b"m", namespace="git")
    with pytest.raises(sshsig.SignatureError) as caught:
        sshsig.verify(signature, b"m")
    assert caught.value.code == "signature-namespace"


def test_changed_message_refused():
    signature = sshsig.sign(Ed25519PrivateKey.generate(), b"m")
    with pytest.raises(sshsig.SignatureError) as caught:
        sshsig.verify(signature, b"n")
    assert caught.value.code == "signature-mismatch"
    assert caught.value.text.zh


@pytest.mark.parametrize("armored", [
    "", "hello", "-----BEGIN SSH SIGNATURE-----\n!!!\n-----END SSH SIGNATURE-----\n",
    "-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n-----END SSH SIGNATURE-----\n", b"\xff" * 10, "x" * 10000,
])
def test_malformed_signatures_refused(armored):
    with pytest.raises(sshsig.SignatureError):
        sshsig.verify(armored, b"m")


def test_every_corrupted_signature_byte_refused():
    armored = sshsig.sign(Ed25519PrivateKey.generate(), b"m").encode()
    for index in range(len(armored)):
        damaged = bytearray(armored)
        damaged[index] ^= 0x01
        try:
            sshsig.verify(bytes(damaged), b"m")
        except sshsig.SignatureError:
            continue
        # base64 padding bits and line breaks can change without changing the decoded blob
        assert sshsig.parse(bytes(damaged)) == sshsig.parse(armored), index
