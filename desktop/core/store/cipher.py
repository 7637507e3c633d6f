"""Encrypted files of the store: the data keys this process has unlocked, encrypting a plain
SQLite file (a store or backup made before encryption) and removing the plain one.

`encrypt_file` uses SQLCipher's `sqlcipher_export` into a temp file beside the target, fsyncs it
and renames it in place; the plain file is first moved aside under `<name>.plain` (so a power cut
at any point leaves either the plain or the encrypted file under a known name, and `recover`
finishes the job on the next open), then overwritten with zeros and removed. On an SSD or a
journalling file system the overwrite is best effort (the drive may keep the old blocks); the
file's name and contents are gone from the folder either way.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from desktop.core.store import cipher_format, db
from desktop.core.store.driver import sqlite3

log = logging.getLogger("township.store")
PLAIN_ASIDE = ".plain"

def remember(store: str, key: bytes) -> None:
    db.UNLOCKED[store] = key


def forget(store: str | None = None) -> None:
    if store is None:
        db.UNLOCKED.clear()
    else:
        db.UNLOCKED.pop(store, None)


def known(store: str) -> bytes | None:
    return db.UNLOCKED.get(store)


def known_keys() -> list[bytes]:
    return list(db.UNLOCKED.values())


opens = db.opens
key_for = db.key_for


def secure_remove(path: Path) -> None:
    """Overwrite the file with zeros, flush it to the disk, then remove it."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    with open(path, "r+b") as handle:
        left = size
        block = b"\0" * (1 << 20)
        while left > 0:
            handle.write(block[:min(left, len(block))])
            left -= len(block)
        handle.flush()
        os.fsync(handle.fileno())
    path.unlink()


def _sides(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def encrypt_file(path: Path, key: bytes) -> None:
    """Replace the plain SQLite file at `path` with the same database encrypted under `key`."""
    path = Path(path)
    temp = path.with_name(f".{path.name}.encrypting")
    temp.unlink(missing_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        cipher_format.attach_keyed(conn, temp, "encrypted", key)   # in the current format
        conn.execute("SELECT sqlcipher_export('encrypted')")
        conn.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        conn.execute("DETACH DATABASE encrypted")
    finally:
        conn.close()
    from desktop.core.store.atomic import fsync_directory  # not at start-up (it loads hashlib)

    with open(temp, "rb+") as handle:
        os.fsync(handle.fileno())
    aside = path.with_name(path.name + PLAIN_ASIDE)
    os.replace(path, aside)
    os.replace(temp, path)
    fsync_directory(path.parent)
    secure_remove(aside)
    for side in _sides(path):
        secure_remove(side)
    fsync_directory(path.parent)
    log.info("encrypted %s", path.name)


def recover(path: Path) -> None:
    """Finish an encryption a power cut interrupted: put the plain file back if the encrypted one
    never got its name, remove it if it did."""
    path = Path(path)
    aside = path.with_name(path.name + PLAIN_ASIDE)
    if not aside.exists():
        return
    if path.exists():
        secure_remove(aside)
    else:
        os.replace(aside, path)
    path.with_name(f".{path.name}.encrypting").unlink(missing_ok=True)


# -- private keys (the sync signing key and age identity) sealed under the data key ----------------

PRIVATE_MAGIC = b"TDSEALED1\n"


def _store_of(folder: Path) -> str | None:
    """The store id of the keyring.json in `folder` or the nearest folder above it (a data folder's
    keys/ and keys/retired/N/), None when there is none."""
    import json

    folder = Path(folder).absolute()
    for candidate in (folder, *list(folder.parents)[:3]):
        ring = candidate / "keyring.json"
        if ring.is_file():
            try:
                return json.loads(ring.read_text(encoding="utf-8"))["store"]
            except (OSError, ValueError, KeyError):
                return None
    return None


def _private_key(key: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"township-desk private keys").derive(key)


def _locked_keys(folder: Path):
    from desktop.core.errors import UserError
    from desktop.core.i18n import Text

    return UserError(Text(f"the private keys in {folder} are sealed under the data's key: sign in first "
                          "(TOWNSHIP_PASSWORD for the command line)",
                          f"{folder} 中的私钥用数据密钥封存：请先登录（命令行用 TOWNSHIP_PASSWORD）"), code="keys-locked")


def seal_private(folder: Path, data: bytes, label: str) -> bytes:
    """`data` (a private key file) sealed under the data key of the store the folder belongs to;
    as it is where no encrypted store is (keys made outside a data folder)."""
    store = _store_of(folder)
    if store is None:
        return data
    key = known(store)
    if key is None:
        raise _locked_keys(folder)
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(12)
    return PRIVATE_MAGIC + nonce + AESGCM(_private_key(key)).encrypt(nonce, data, label.encode("utf-8"))


def open_private(path: Path, label: str) -> bytes:
    """The private key file's plain bytes (UserError code keys-locked when its store is not unlocked)."""
    path = Path(path)
    data = path.read_bytes()
    if not data.startswith(PRIVATE_MAGIC):
        return data
    store = _store_of(path.parent)
    key = known(store) if store else None
    if key is None:
        raise _locked_keys(path.parent)
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    body = data[len(PRIVATE_MAGIC):]
    return AESGCM(_private_key(key)).decrypt(body[:12], body[12:], label.encode("utf-8"))


def seal_existing_private(keys_dir: Path, names: tuple[str, ...]) -> int:
    """Seal the plain private key files under `keys_dir` (the first open after the update)."""
    from desktop.core.store.atomic import write_atomic

    count = 0
    for path in sorted(Path(keys_dir).rglob("*")):
        if path.name in names and path.is_file() and not path.read_bytes().startswith(PRIVATE_MAGIC):
            write_atomic(path, seal_private(path.parent, path.read_bytes(), path.name), mode=0o600)
            count += 1
    return count


def reseal_private(keys_dir: Path, names: tuple[str, ...], old_key: bytes, new_key: bytes) -> int:
    """Seal the private key files under `keys_dir` again, from `old_key` to `new_key` (a restore
    that brings another installation's store, and with it its data key, into this data folder)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    from desktop.core.store.atomic import write_atomic

    count = 0
    for path in sorted(Path(keys_dir).rglob("*")):
        if path.name not in names or not path.is_file():
            continue
        data = path.read_bytes()
        if not data.startswith(PRIVATE_MAGIC):
            continue
        body = data[len(PRIVATE_MAGIC):]
        plain = AESGCM(_private_key(old_key)).decrypt(body[:12], body[12:], path.name.encode("utf-8"))
        nonce = os.urandom(12)
        sealed = PRIVATE_MAGIC + nonce + AESGCM(_private_key(new_key)).encrypt(nonce, plain, path.name.encode("utf-8"))
        write_atomic(path, sealed, mode=0o600)
        count += 1
    return count
