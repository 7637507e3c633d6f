"""OpenSSH SSHSIG signatures (Ed25519 only) that `ssh-keygen -Y verify` accepts, and their check.

Bundle manifests, county packs and enrollment files are signed in the format OpenSSH describes in
PROTOCOL.sshsig, so a county officer can check one with the stock `ssh-keygen` and nothing of
ours. The PyPI package `sshsig` only verifies, and signing would still have to be written here,
so both halves are implemented in this one small module (the format is six wire fields) and the
tests cross-check them against `ssh-keygen` in both directions.

The format, from PROTOCOL.sshsig:

    blob   = "SSHSIG" uint32(1) string(publickey) string(namespace) string(reserved="")
             string(hash_algorithm) string(signature)
    signed = "SSHSIG" string(namespace) string(reserved="") string(hash_algorithm)
             string(H(message))
    armor  = "-----BEGIN SSH SIGNATURE-----", base64(blob) in 70-column lines, "-----END ...-----"

where `string` is a uint32 big-endian length then the bytes, publickey is the ssh wire form
("ssh-ed25519", 32 bytes) and signature is ("ssh-ed25519", 64-byte Ed25519 signature).
"""

from __future__ import annotations

import base64
import hashlib
import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from desktop.core.errors import UserError
from desktop.core.i18n import Text

BUNDLE_NAMESPACE = "township-desk-bundle@v1"
MAGIC = b"SSHSIG"
VERSION = 1
KEY_TYPE = "ssh-ed25519"
BEGIN = "-----BEGIN SSH SIGNATURE-----"
END = "-----END SSH SIGNATURE-----"
LINE_WIDTH = 70  # what ssh-keygen writes
MAX_ARMORED_LENGTH = 4096  # an Ed25519 SSHSIG is about 300 characters
HASHES = {"sha512": hashlib.sha512, "sha256": hashlib.sha256}


class SignatureError(UserError):
    """The signature is malformed, for another purpose, or does not match the signed bytes."""


@dataclass(frozen=True)
class ParsedSignature:
    public_key: Ed25519PublicKey
    namespace: str
    hash_algorithm: str
    signature: bytes


def _string(value: bytes) -> bytes:
    return struct.pack(">I", len(value)) + value


class _Reader:
    """Reads SSH wire fields from bytes, refusing anything short or left over."""

    def __init__(self, data: bytes):
        self.data = data
        self.pos = 0

    def take(self, n: int) -> bytes:
        if n < 0 or self.pos + n > len(self.data):
            raise _malformed("truncated field")
        chunk = self.data[self.pos:self.pos + n]
        self.pos += n
        return chunk

    def uint32(self) -> int:
        return struct.unpack(">I", self.take(4))[0]

    def string(self) -> bytes:
        return self.take(self.uint32())

    def end(self) -> None:
        if self.pos != len(self.data):
            raise _malformed("trailing bytes")


def _malformed(detail: str) -> SignatureError:
    return SignatureError(Text(f"the signature is damaged or not an SSH signature ({detail})",
                               f"签名已损坏或不是 SSH 签名（{detail}）"), code="signature-malformed")


def public_key_blob(public_key: Ed25519PublicKey) -> bytes:
    """The ssh wire form of a public key: string("ssh-ed25519") string(32 raw bytes)."""
    raw = public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return _string(KEY_TYPE.encode()) + _string(raw)


def public_key_from_blob(blob: bytes) -> Ed25519PublicKey:
    reader = _Reader(blob)
    key_type = reader.string()
    if key_type != KEY_TYPE.encode():
        raise _malformed(f"key type {key_type[:40]!r} is not {KEY_TYPE}")
    raw = reader.string()
    reader.end()
    if len(raw) != 32:
        raise _malformed("Ed25519 key is not 32 bytes")
    return Ed25519PublicKey.from_public_bytes(raw)


def allowed_signers_line(principal: str, openssh_public_key: str, namespace: str = BUNDLE_NAMESPACE) -> str:
    """One line of an `ssh-keygen -Y verify -f allowed_signers` file, limited to `namespace`."""
    key_type, key_data = openssh_public_key.split()[:2]
    return f'{principal} namespaces="{namespace}" {key_type} {key_data}'


def _signed_data(namespace: str, hash_algorithm: str, message: bytes) -> bytes:
    digest = HASHES[hash_algorithm](message).digest()
    return (MAGIC + _string(namespace.encode()) + _string(b"") + _string(hash_algorithm.encode())
            + _string(digest))


def sign(private_key: Ed25519PrivateKey, message: bytes, namespace: str = BUNDLE_NAMESPACE,
         hash_algorithm: str = "sha512") -> str:
    """The armored SSHSIG signature of `message`, as `ssh-keygen -Y sign` would write it."""
    if not namespace:
        raise ValueError("SSHSIG needs a namespace")
    raw_signature = private_key.sign(_signed_data(namespace, hash_algorithm, message))
    blob = (MAGIC + struct.pack(">I", VERSION) + _string(public_key_blob(private_key.public_key()))
            + _string(namespace.encode()) + _string(b"") + _string(hash_algorithm.encode())
            + _string(_string(KEY_TYPE.encode()) + _string(raw_signature)))
    return armor(blob)


_BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_BASE64_VALUE = {char: value for value, char in enumerate(_BASE64)}
_SPACE = " \t\n\v\f\r"  # C isspace(), which OpenSSH's base64 decoder skips anywhere


def _b64_pton(text: str) -> bytes:
    """Base64 exactly as OpenSSH decodes it (b64_pton): whitespace anywhere is skipped, padding
    must be complete and only whitespace may follow it, and the bits past the last byte must
    be zero - so each signature has one base64 text, up to whitespace."""
    out = bytearray()
    state = bits = 0
    chars = iter(text)
    for char in chars:
        if char in _SPACE:
            continue
        if char == "=":
            if state in (0, 1):
                raise _malformed("bad base64")
            if state == 2:
                following = next((c for c in chars if c not in _SPACE), None)
                if following != "=":
                    raise _malformed("bad base64")
            if any(c not in _SPACE for c in chars):
                raise _malformed("bad base64")
            if bits:
                raise _malformed("bad base64 (non-zero padding bits)")
            return bytes(out)
        value = _BASE64_VALUE.get(char)
        if value is None:
            raise _malformed("bad base64")
        if state == 0:
            bits = value << 2
            state = 1
        elif state == 1:
            out.append(bits | value >> 4)
            bits, state = (value & 0x0F) << 4, 2
        elif state == 2:
            out.append(bits | value >> 2)
            bits, state = (value & 0x03) << 6, 3
        else:
            out.append(bits | value)
            bits, state = 0, 0
    if state != 0:
        raise _malformed("bad base64")
    return bytes(out)


def _dearmor(armored: str) -> bytes:
    """The signature blob, found as `ssh-keygen -Y verify` finds it (sshsig_dearmor): the text
    starts with the BEGIN line, the END marker is the first one after it, anything after that
    is ignored."""
    begin = BEGIN + "\n"
    if not armored.startswith(begin):
        raise _malformed("missing SSH SIGNATURE armor")
    end = armored.find(END, len(begin))
    if end < 0:
        raise _malformed("missing SSH SIGNATURE armor")
    body = armored[len(begin):end]
    if "\0" in body:
        raise _malformed("bad base64")
    return _b64_pton(body)


def armor(blob: bytes) -> str:
    """The armored text Township Desk (and ssh-keygen) writes for a signature blob."""
    encoded = base64.b64encode(blob).decode("ascii")
    lines = [encoded[i:i + LINE_WIDTH] for i in range(0, len(encoded), LINE_WIDTH)]
    return "\n".join([BEGIN, *lines, END]) + "\n"


def canonical_armor(armored: bytes) -> bytes:
    """`armored` re-encoded as Township Desk writes it (or b"" when it cannot be decoded)."""
    try:
        return armor(_dearmor(armored.decode("ascii"))).encode("ascii")
    except (UnicodeDecodeError, SignatureError):
        return b""


def parse(armored: str | bytes) -> ParsedSignature:
    """Decode an armored signature without checking it; refuses anything but one Ed25519 SSHSIG,
    and accepts an encoding exactly when `ssh-keygen -Y verify` does (tests compare the two)."""
    if isinstance(armored, bytes):
        if len(armored) > MAX_ARMORED_LENGTH:
            raise _malformed("too long")
        try:
            armored = armored.decode("ascii")
        except UnicodeDecodeError:
            raise _malformed("not ASCII") from None
    if len(armored) > MAX_ARMORED_LENGTH:
        raise _malformed("too long")
    blob = _dearmor(armored)
    reader = _Reader(blob)
    if reader.take(6) != MAGIC:
        raise _malformed("no SSHSIG preamble")
    if reader.uint32() != VERSION:
        raise _malformed("unsupported version")
    public_key = public_key_from_blob(reader.string())
    try:
        namespace = reader.string().decode("utf-8")
        reader.string()  # reserved: ignored, as PROTOCOL.sshsig says
        hash_algorithm = reader.string().decode("ascii")
    except UnicodeDecodeError:
        raise _malformed("bad text field") from None
    signature_reader = _Reader(reader.string())
    reader.end()
    if signature_reader.string() != KEY_TYPE.encode():
        raise _malformed("signature is not Ed25519")
    raw_signature = signature_reader.string()
    signature_reader.end()
    if hash_algorithm not in HASHES:
        raise _malformed(f"unsupported hash {hash_algorithm[:20]!r}")
    if len(raw_signature) != 64:
        raise _malformed("Ed25519 signature is not 64 bytes")
    return ParsedSignature(public_key, namespace, hash_algorithm, raw_signature)


def verify(armored: str | bytes, message: bytes, namespace: str = BUNDLE_NAMESPACE) -> Ed25519PublicKey:
    """Check `armored` over `message` in `namespace`; return the key that signed.

    The caller must still decide whether that key is one it trusts: a valid signature only says
    who signed, not that they are allowed to.
    """
    parsed = parse(armored)
    if parsed.namespace != namespace:
        raise SignatureError(
            Text(f"the signature was made for another purpose ({parsed.namespace[:60]!r}, expected {namespace!r})",
                 f"签名用途不符（{parsed.namespace[:60]!r}，应为 {namespace!r}）"),
            code="signature-namespace")
    try:
        parsed.public_key.verify(parsed.signature,
                                 _signed_data(parsed.namespace, parsed.hash_algorithm, message))
    except InvalidSignature:
        raise SignatureError(
            Text("the signature does not match the signed content: the file was changed after signing",
                 "签名与内容不符：文件在签名后被改动过"),
            code="signature-mismatch") from None
    return parsed.public_key
