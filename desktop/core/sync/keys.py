"""This install's keys: an Ed25519 signing key and an age (X25519) identity, and their fingerprints.

Each install (every township PC, the county) makes its own pair at setup and the private halves
never leave the keys folder (`DataDir.keys`, owner-only permissions, atomic writes). Files:

    signing_ed25519        OpenSSH private key (usable by `ssh-keygen -Y sign` for checks)
    signing_ed25519.pub    the same public key in one `ssh-ed25519 AAAA... comment` line
    age_identity.txt       age-keygen format (usable by `age -d -i`)
    age_recipient.txt      the age1... recipient
    retired/N/             keys replaced by `rotate_keys`, kept so old bundles still open

In a data folder the two private files are sealed under the store's data key (store/cipher.py:
`seal_private`), which only a clerk's password or the recovery key unwraps, so a copied folder
can neither sign nor decrypt a bundle; keys made outside a data folder are plain files. A fingerprint is what `ssh-keygen -l`
prints ("SHA256:" + unpadded base64 of the public key blob's SHA-256); the short form is twenty
digits in groups of four, easy to read aloud over the phone in either language.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
    load_ssh_private_key,
)
from pyrage import x25519

from desktop.core.errors import UserError
from desktop.core.i18n import Text
from desktop.core.store.atomic import write_atomic
from desktop.core.store.cipher import open_private, seal_private
from desktop.core.sync import sshsig

SIGNING_FILE = "signing_ed25519"
SIGNING_PUBLIC_FILE = "signing_ed25519.pub"
AGE_IDENTITY_FILE = "age_identity.txt"
AGE_RECIPIENT_FILE = "age_recipient.txt"
RETIRED_FOLDER = "retired"


class KeyFileError(UserError):
    """Keys missing, damaged, or a public key that cannot be read."""


def fingerprint(public_key: Ed25519PublicKey) -> str:
    """`SHA256:...` exactly as `ssh-keygen -l` shows it."""
    digest = hashlib.sha256(sshsig.public_key_blob(public_key)).digest()
    return "SHA256:" + base64.b64encode(digest).decode("ascii").rstrip("=")


def short_fingerprint(public_key: Ed25519PublicKey) -> str:
    """Twenty digits from the same SHA-256, in five groups of four, for comparing by phone."""
    digest = hashlib.sha256(sshsig.public_key_blob(public_key)).digest()
    digits = f"{int.from_bytes(digest[:10], 'big') % 10**20:020d}"
    return " ".join(digits[i:i + 4] for i in range(0, 20, 4))


def openssh_public_line(public_key: Ed25519PublicKey, comment: str = "") -> str:
    line = public_key.public_bytes(Encoding.OpenSSH, PublicFormat.OpenSSH).decode("ascii")
    return f"{line} {comment}".strip()


def parse_openssh_public_line(line: str) -> Ed25519PublicKey:
    """Read `ssh-ed25519 AAAA... [comment]`; anything else is refused plainly."""
    parts = line.strip().split()
    if len(parts) < 2 or parts[0] != sshsig.KEY_TYPE:
        raise KeyFileError(Text("not an Ed25519 public key in OpenSSH format",
                             "不是 OpenSSH 格式的 Ed25519 公钥"), code="bad-public-key")
    try:
        return sshsig.public_key_from_blob(base64.b64decode(parts[1], validate=True))
    except (binascii.Error, ValueError, UserError):
        raise KeyFileError(Text("the public key is damaged", "公钥已损坏"), code="bad-public-key") from None


def check_age_recipient(recipient: str) -> str:
    try:
        x25519.Recipient.from_str(recipient)
    except Exception:  # pyrage raises its own RecipientError / ValueError kinds
        raise KeyFileError(Text("not an age recipient (age1...)", "不是 age 公钥（age1...）"),
                        code="bad-recipient") from None
    return recipient


@dataclass(frozen=True)
class PublicKeys:
    """What another install needs to check our signatures and encrypt to us."""

    signing_key: Ed25519PublicKey
    age_recipient: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.signing_key)

    @property
    def short_fingerprint(self) -> str:
        return short_fingerprint(self.signing_key)

    def openssh(self, comment: str = "") -> str:
        return openssh_public_line(self.signing_key, comment)

    def as_dict(self) -> dict[str, str]:
        return {"signing_key": self.openssh(), "age_recipient": self.age_recipient,
                "fingerprint": self.fingerprint}

    @classmethod
    def from_dict(cls, data: dict) -> PublicKeys:
        if not isinstance(data, dict) or not isinstance(data.get("signing_key"), str) \
                or not isinstance(data.get("age_recipient"), str):
            raise KeyFileError(Text("public key entry is incomplete", "公钥条目不完整"), code="bad-public-key")
        return cls(parse_openssh_public_line(data["signing_key"]), check_age_recipient(data["age_recipient"]))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PublicKeys) and self.as_dict() == other.as_dict()

    def __hash__(self) -> int:
        return hash(self.fingerprint)


@dataclass(frozen=True)
class InstallKeys:
    """This install's private keys, plus retired age identities that still open old bundles."""

    signing_key: Ed25519PrivateKey
    age_identity: x25519.Identity
    retired_age_identities: tuple = field(default=())

    def public(self) -> PublicKeys:
        return PublicKeys(self.signing_key.public_key(), str(self.age_identity.to_public()))

    def sign(self, message: bytes, namespace: str = sshsig.BUNDLE_NAMESPACE) -> str:
        return sshsig.sign(self.signing_key, message, namespace)

    def all_age_identities(self) -> list:
        return [self.age_identity, *self.retired_age_identities]


def _missing(keys_dir: Path) -> KeyFileError:
    return KeyFileError(Text(f"this install has no sync keys in {keys_dir} (run `township init` first)",
                          f"{keys_dir} 中没有本机的同步密钥（请先运行 township init）"), code="no-keys")


def keys_exist(keys_dir: Path) -> bool:
    return (Path(keys_dir) / SIGNING_FILE).is_file() and (Path(keys_dir) / AGE_IDENTITY_FILE).is_file()


def _ensure_private_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    if os.name != "nt":
        os.chmod(folder, 0o700)


def _write_keys(folder: Path, keys: InstallKeys, comment: str) -> None:
    _ensure_private_folder(folder)
    private_pem = keys.signing_key.private_bytes(Encoding.PEM, PrivateFormat.OpenSSH, NoEncryption())
    public = keys.public()
    created = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    identity_text = (f"# created: {created}\n# public key: {public.age_recipient}\n"
                     f"{keys.age_identity}\n")
    write_atomic(folder / SIGNING_FILE, seal_private(folder, private_pem, SIGNING_FILE), mode=0o600)
    write_atomic(folder / AGE_IDENTITY_FILE, seal_private(folder, identity_text.encode("ascii"), AGE_IDENTITY_FILE),
                 mode=0o600)
    write_atomic(folder / SIGNING_PUBLIC_FILE, (public.openssh(comment) + "\n").encode("ascii"), mode=0o600)
    write_atomic(folder / AGE_RECIPIENT_FILE, (public.age_recipient + "\n").encode("ascii"), mode=0o600)


def create_keys(keys_dir: Path, comment: str = "township-desk") -> InstallKeys:
    """Make this install's keys; refuses to replace existing ones (use `rotate_keys`)."""
    keys_dir = Path(keys_dir)
    if keys_exist(keys_dir):
        raise KeyFileError(Text(f"sync keys already exist in {keys_dir}; they were kept",
                             f"{keys_dir} 中已有同步密钥，未覆盖"), code="keys-exist")
    keys = InstallKeys(Ed25519PrivateKey.generate(), x25519.Identity.generate())
    _write_keys(keys_dir, keys, comment)
    return load_keys(keys_dir)


def _read_identity(path: Path) -> x25519.Identity:
    lines = [line.strip() for line in open_private(path, AGE_IDENTITY_FILE).decode("ascii").splitlines()]
    secrets_ = [line for line in lines if line and not line.startswith("#")]
    if len(secrets_) != 1:
        raise ValueError("expected one AGE-SECRET-KEY line")
    return x25519.Identity.from_str(secrets_[0])


def load_keys(keys_dir: Path) -> InstallKeys:
    keys_dir = Path(keys_dir)
    if not keys_exist(keys_dir):
        raise _missing(keys_dir)
    try:
        signing_key = load_ssh_private_key(open_private(keys_dir / SIGNING_FILE, SIGNING_FILE), password=None)
        identity = _read_identity(keys_dir / AGE_IDENTITY_FILE)
        retired = []
        retired_root = keys_dir / RETIRED_FOLDER
        if retired_root.is_dir():
            for folder in sorted(retired_root.iterdir(), key=lambda p: p.name, reverse=True):
                if (folder / AGE_IDENTITY_FILE).is_file():
                    retired.append(_read_identity(folder / AGE_IDENTITY_FILE))
    except (OSError, ValueError, UnicodeDecodeError, Exception) as error:
        if isinstance(error, UserError):
            raise
        raise KeyFileError(Text(f"the sync keys in {keys_dir} are damaged or unreadable ({type(error).__name__})",
                             f"{keys_dir} 中的同步密钥已损坏或无法读取（{type(error).__name__}）"),
                        code="keys-damaged") from None
    if not isinstance(signing_key, Ed25519PrivateKey):
        raise KeyFileError(Text("the signing key is not Ed25519", "签名密钥不是 Ed25519"), code="keys-damaged")
    return InstallKeys(signing_key, identity, tuple(retired))


def load_or_create_keys(keys_dir: Path, comment: str = "township-desk") -> InstallKeys:
    return load_keys(keys_dir) if keys_exist(keys_dir) else create_keys(keys_dir, comment)


def rotate_keys(keys_dir: Path, comment: str = "township-desk") -> InstallKeys:
    """Replace this install's keys; the old ones move to retired/N so old bundles still open."""
    keys_dir = Path(keys_dir)
    if not keys_exist(keys_dir):
        raise _missing(keys_dir)
    retired_root = keys_dir / RETIRED_FOLDER
    _ensure_private_folder(retired_root)
    numbers = [int(p.name) for p in retired_root.iterdir() if p.name.isdigit()]
    target = retired_root / f"{max(numbers, default=0) + 1:04d}"
    _ensure_private_folder(target)
    for name in (SIGNING_FILE, SIGNING_PUBLIC_FILE, AGE_IDENTITY_FILE, AGE_RECIPIENT_FILE):
        write_atomic(target / name, (keys_dir / name).read_bytes(), mode=0o600)
    fresh = InstallKeys(Ed25519PrivateKey.generate(), x25519.Identity.generate())
    _write_keys(keys_dir, fresh, comment)
    return load_keys(keys_dir)
