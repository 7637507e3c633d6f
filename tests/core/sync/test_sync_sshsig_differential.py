"""The app accepts a signature exactly when the real `ssh-keygen -Y verify` does: the same
good signature re-encoded, re-wrapped, truncated, re-purposed or made with another key, judged
by both. (An accepted re-encoding is harmless: a bundle's identity is its manifest's sha256.)"""

from __future__ import annotations

import base64
import struct
import subprocess

import pytest

from desktop.core.sync import sshsig
from desktop.core.sync.keys import create_keys, fingerprint

NS = sshsig.BUNDLE_NAMESPACE
MESSAGE = b'{"kind": "township-data", "sequence": 1}\n'


def _string(value: bytes) -> bytes:
    return struct.pack(">I", len(value)) + value


def _fields(armored: str) -> list[bytes]:
    blob = base64.b64decode("".join(armored.strip().split("\n")[1:-1]))
    assert blob[:6] == b"SSHSIG"
    fields, pos = [blob[6:10]], 10
    while pos < len(blob):
        length = struct.unpack(">I", blob[pos:pos + 4])[0]
        fields.append(blob[pos + 4:pos + 4 + length])
        pos += 4 + length
    return fields  # version, public key, namespace, reserved, hash, signature


def _blob(fields: list[bytes], tail: bytes = b"") -> bytes:
    return b"SSHSIG" + fields[0] + b"".join(_string(f) for f in fields[1:]) + tail


def _wrap(blob: bytes, width: int = 70, newline: str = "\n") -> str:
    encoded = base64.b64encode(blob).decode()
    lines = [encoded[i:i + width] for i in range(0, len(encoded), width)]
    return newline.join([sshsig.BEGIN, *lines, sshsig.END]) + newline


def _with_fields(good: str, **changes) -> str:
    names = ["version", "key", "namespace", "reserved", "hash", "signature"]
    fields = _fields(good)
    for name, value in changes.items():
        fields[names.index(name)] = value
    return _wrap(_blob(fields))


def _padding_bits(good: str) -> str:
    """The same bytes with non-zero bits in the last base64 character before the padding."""
    lines = good.split("\n")
    body = lines[-3]
    stripped = body.rstrip("=")
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    last = alphabet.index(stripped[-1])
    assert stripped != body  # the blob length leaves spare bits
    lines[-3] = stripped[:-1] + alphabet[last | 1] \
        + body[len(stripped):]
    return "\n".join(lines)


def _mutations(keys, other) -> dict[str, str]:
    good = keys.sign(MESSAGE)
    lines = good.rstrip("\n").split("\n")
    body = "".join(lines[1:-1])
    blob = base64.b64decode(body)
    cases = {
        "as written": good,
        "leading blank line": "\n" + good,
        "leading space": " " + good,
        "no final newline": good.rstrip("\n"),
        "crlf": good.replace("\n", "\r\n"),
        "64-column lines": _wrap(blob, 64),
        "76-column lines": _wrap(blob, 76),
        "one line": _wrap(blob, 10_000),
        "blank line inside": "\n".join([lines[0], lines[1], "", *lines[2:]]) + "\n",
        "space inside base64": good.replace(lines[1], lines[1][:10] + " " + lines[1][10:]),
        "tab inside base64": good.replace(lines[1], lines[1][:10] + "\t" + lines[1][10:]),
        "text after end": good + "trailing words\n",
        "text before begin": "comment\n" + good,
        "padding bits": _padding_bits(good),
        "padding removed": good.replace("=", ""),
        "extra padding": good.replace(lines[-2], lines[-2] + "=") if "=" in lines[-2] else good + "=",
        "non-base64 character": good.replace(lines[1], lines[1][:5] + "*" + lines[1][6:]),
        "truncated half": "\n".join([lines[0], body[: len(body) // 2], lines[-1]]) + "\n",
        "truncated last line": "\n".join([*lines[:-2], lines[-2][:-4], lines[-1]]) + "\n",
        "missing end": "\n".join(lines[:-1]) + "\n",
        "lowercase armor": good.replace("BEGIN SSH SIGNATURE", "begin ssh signature"),
        "reserved field set": _with_fields(good, reserved=b"x"),
        "namespace field changed": _with_fields(good, namespace=b"file"),
        "version 2": _with_fields(good, version=struct.pack(">I", 2)),
        "trailing bytes in blob": _wrap(_blob(_fields(good), b"\0\0\0\0")),
        "hash field sha256": _with_fields(good, hash=b"sha256"),
        "signed for another namespace": sshsig.sign(keys.signing_key, MESSAGE, namespace="git"),
        "signed with sha256": sshsig.sign(keys.signing_key, MESSAGE, hash_algorithm="sha256"),
        "other key": other.sign(MESSAGE),
        "other key's public key in blob": _with_fields(good, key=sshsig.public_key_blob(other.signing_key.public_key())),
        "flipped signature byte": _with_fields(good, signature=_fields(good)[5][:-1] + bytes([_fields(good)[5][-1] ^ 1])),
        "empty": "",
    }
    return cases


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    root = tmp_path_factory.mktemp("sshsig-diff")
    keys = create_keys(root / "keys", comment="131025100")
    other = create_keys(root / "other", comment="131025101")
    allowed = root / "allowed_signers"
    allowed.write_text(sshsig.allowed_signers_line("131025100", keys.public().openssh()) + "\n")
    return root, keys, other, allowed


def _ssh_keygen_accepts(root, allowed, armored: str) -> bool:
    sig = root / "candidate.sig"
    sig.write_bytes(armored.encode("latin-1"))
    result = subprocess.run(["ssh-keygen", "-Y", "verify", "-f", str(allowed), "-I", "131025100", "-n", NS,
                             "-s", str(sig)], input=MESSAGE, capture_output=True)
    return result.returncode == 0


def _app_accepts(keys, armored: str) -> bool:
    try:
        signer = sshsig.verify(armored.encode("latin-1"), MESSAGE)
    except sshsig.SignatureError:
        return False
    return fingerprint(signer) == keys.public().fingerprint  # the app then accepts only enrolled keys


def test_app_and_ssh_keygen_agree_on_every_variant(setup):
    root, keys, other, allowed = setup
    disagreements = {}
    verdicts = {}
    for name, armored in _mutations(keys, other).items():
        theirs, ours = _ssh_keygen_accepts(root, allowed, armored), _app_accepts(keys, armored)
        verdicts[name] = theirs
        if theirs != ours:
            disagreements[name] = f"ssh-keygen {'accepts' if theirs else 'refuses'}, the app {'accepts' if ours else 'refuses'}"
    assert not disagreements, disagreements
    assert verdicts["as written"] and not verdicts["other key"] and not verdicts["signed for another namespace"]


def test_every_accepted_variant_is_the_same_bundle(tmp_path, setup):
    """Whatever encoding of the signature is accepted, the bundle's identity does not change."""
    from desktop.core.sync import bundle, container
    from tests.core.sync.conftest import COUNTY, TOWNSHIP, make_data_bundle

    _root, keys, other, _allowed = setup
    county = create_keys(tmp_path / "county", comment=COUNTY)
    trusted = [bundle.TrustedKey(keys.public(), TOWNSHIP, "township"), bundle.TrustedKey(county.public(), COUNTY, "county")]
    data = make_data_bundle(keys, county)
    members = container.read_container(data, bundle.MEMBERS)
    good = bundle.verify_bundle(data, trusted)
    signature = members[bundle.SIGNATURE].decode()
    accepted = 0
    for variant in ("\n" + signature, signature.rstrip("\n"), _wrap(base64.b64decode(
            "".join(signature.strip().split("\n")[1:-1])), 64), _with_fields(signature, reserved=b"x")):
        rewrapped = container.write_container([(bundle.MANIFEST, members[bundle.MANIFEST]),
                                               (bundle.SIGNATURE, variant.encode()),
                                               (bundle.PAYLOAD, members[bundle.PAYLOAD])])
        try:
            verified = bundle.verify_bundle(rewrapped, trusted)
        except sshsig.SignatureError:
            continue
        accepted += 1
        assert rewrapped != data and verified.sha256 == good.sha256
    assert accepted >= 2
