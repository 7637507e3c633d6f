"""The store's data key and the wraps that open it: one per clerk account and one recovery key.

The database (and its backups) is encrypted with SQLCipher under one random 256-bit data key.
That key is never written down as it is: `keyring.json` beside the database holds it wrapped
(AES-256-GCM) under a key derived from each clerk's password by Argon2id at the sign-in cost
(MEMORY_KIB / ITERATIONS / LANES, which accounts.py uses too) and HKDF-SHA256, and once more under the recovery
key shown to the admin at setup. The keyring must live outside the database: it is what opens it.

- a clerk's wrap is written when the account is made, rewritten when the password changes (by the
  clerk, or by a supervisor/admin whose session holds the data key, without the old password), and
  removed with the account;
- the recovery key opens the store when every password is lost (`township unlock --recovery`
  or TOWNSHIP_RECOVERY_KEY);
- a store made before encryption is encrypted on its first open after the update
  (`encrypt_plain_store`): each account is wrapped under its existing Argon2id digest (the same
  salt), so every clerk's password keeps working, and the wrap is renewed under a fresh salt at
  that clerk's next sign-in (`renew_if_needed`).

The data key, once unwrapped, is kept in this process only (`remember`/`known_key`), by the
keyring's random store id, so the workspace, its backups and a restore reopen without asking
again; nothing of it reaches a file.
"""

from __future__ import annotations

import base64
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from desktop.core.errors import DataDirError, UserError
from desktop.core.i18n import Text
from desktop.core.store import cipher

log = logging.getLogger("township.keyring")

KEYRING_NAME = "keyring.json"
FORMAT = 1
CIPHER = "sqlcipher4"
RECOVERY = "recovery"
_INFO = b"township-desk keyring v1"
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"     # no 0/O, 1/I: read off paper
RECOVERY_GROUPS, GROUP_LENGTH = 8, 5             # 40 symbols of 5 bits: 200 bits

def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _unb64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4))


def keyring_path(db_file: Path) -> Path:
    return Path(db_file).with_name(KEYRING_NAME)


def new_data_key() -> bytes:
    import secrets  # here: it loads hashlib, which the sign-in window does without

    return secrets.token_bytes(32)


def new_recovery_key() -> str:
    import secrets

    symbols = "".join(secrets.choice(_ALPHABET) for _ in range(RECOVERY_GROUPS * GROUP_LENGTH))
    return "-".join(symbols[i:i + GROUP_LENGTH] for i in range(0, len(symbols), GROUP_LENGTH))


def normalise_recovery_key(text: str) -> str:
    symbols = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    return "-".join(symbols[i:i + GROUP_LENGTH] for i in range(0, len(symbols), GROUP_LENGTH))


def _label(name: str) -> str:
    return RECOVERY if name == RECOVERY else f"account:{name}"


def _argon2(secret: str, salt: bytes, memory: int, iterations: int, lanes: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    return Argon2id(salt=salt, length=32, iterations=iterations, lanes=lanes,
                    memory_cost=memory).derive(secret.encode("utf-8"))


def _kek(digest: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(digest)


def _seal(kek: bytes, label: str, data_key: bytes, params: dict) -> dict:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(12)
    box = AESGCM(kek).encrypt(nonce, data_key, label.encode("utf-8"))
    return {**params, "nonce": _b64(nonce), "box": _b64(box)}


def _open(kek: bytes, label: str, wrap: dict) -> bytes | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(kek).decrypt(_unb64(wrap["nonce"]), _unb64(wrap["box"]), label.encode("utf-8"))
    except (InvalidTag, KeyError, ValueError):
        return None


# the sign-in's Argon2id cost (accounts.py hashes passwords at the same cost, from here)
MEMORY_KIB, ITERATIONS, LANES = 19 * 1024, 2, 1


def _params(salt: bytes) -> dict:
    return {"salt": _b64(salt), "m": MEMORY_KIB, "t": ITERATIONS, "p": LANES}


def wrap(secret: str, label: str, data_key: bytes, *, salt: bytes | None = None) -> dict:
    params = _params(salt or os.urandom(16))
    digest = _argon2(secret, _unb64(params["salt"]), params["m"], params["t"], params["p"])
    return _seal(_kek(digest), label, data_key, params)


def unwrap(secret: str, label: str, wrap_: dict) -> bytes | None:
    try:
        digest = _argon2(secret, _unb64(wrap_["salt"]), int(wrap_["m"]), int(wrap_["t"]), int(wrap_["p"]))
    except (KeyError, ValueError):
        return None
    return _open(_kek(digest), label, wrap_)


@dataclass
class Keyring:
    path: Path
    store: str
    wraps: dict

    @classmethod
    def load(cls, path: Path) -> Keyring | None:
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as error:
            raise DataDirError(Text("The key file {path} cannot be read: {err}",
                                    "无法读取密钥文件 {path}：{err}").format(path=path, err=error),
                               code="keyring") from error
        if data.get("format") != FORMAT:
            raise DataDirError(Text("The key file {path} was written by a newer version; update the program.",
                                    "密钥文件 {path} 由更新版本写入，请先升级程序。").format(path=path), code="newer")
        return cls(path=path, store=data["store"], wraps=dict(data.get("wraps", {})))

    @classmethod
    def new(cls, path: Path) -> Keyring:
        import secrets

        return cls(path=Path(path), store=secrets.token_hex(16), wraps={})

    def save(self) -> None:
        from desktop.core.store.atomic import write_atomic

        data = {"format": FORMAT, "cipher": CIPHER, "store": self.store, "wraps": self.wraps}
        write_atomic(self.path, json.dumps(data, indent=1, sort_keys=True).encode("utf-8"), mode=0o600)

    # -- opening -----------------------------------------------------------------------------
    def unlock(self, secret: str, name: str | None = None) -> bytes | None:
        """The data key when `secret` opens the wrap of account `name` (of any account when None).
        From the file as it is now: an account made or reactivated since this handle was loaded
        opens it too."""
        self._reread()
        labels = [_label(name)] if name else [label for label in self.wraps if label != RECOVERY]
        for label in labels:
            wrap_ = self.wraps.get(label)
            if wrap_ is not None and (key := unwrap(secret or "", label, wrap_)) is not None:
                cipher.remember(self.store, key)
                return key
        return None

    def unlock_recovery(self, recovery_key: str) -> bytes | None:
        self._reread()
        wrap_ = self.wraps.get(RECOVERY)
        key = unwrap(normalise_recovery_key(recovery_key), RECOVERY, wrap_) if wrap_ else None
        if key is not None:
            cipher.remember(self.store, key)
        return key

    # -- changing (each change starts from the file: another handle may have changed it) ------
    def _reread(self) -> None:
        current = Keyring.load(self.path)
        if current is not None and current.store == self.store:
            self.wraps = current.wraps

    def set_account(self, name: str, password: str, data_key: bytes) -> None:
        self._reread()
        self.wraps[_label(name)] = wrap(password, _label(name), data_key)
        self.save()

    def remove_account(self, name: str) -> None:
        self._reread()
        if self.wraps.pop(_label(name), None) is not None:
            self.save()

    def set_recovery(self, data_key: bytes) -> str:
        """A new recovery key (the previous one stops working); returned to be shown once."""
        self._reread()
        recovery_key = new_recovery_key()
        self.wraps[RECOVERY] = wrap(recovery_key, RECOVERY, data_key)
        self.save()
        return recovery_key

    def has_recovery(self) -> bool:
        self._reread()
        return RECOVERY in self.wraps

    def accounts(self) -> list[str]:
        self._reread()
        return sorted(label.split(":", 1)[1] for label in self.wraps if label.startswith("account:"))


# -- the key known to this process ----------------------------------------------------------------

def known_key(keyring: Keyring) -> bytes | None:
    return cipher.known(keyring.store)


def key_from_environment(keyring: Keyring, clerk: str | None = None) -> bytes | None:
    """TOWNSHIP_RECOVERY_KEY, else TOWNSHIP_PASSWORD (for `clerk`, or whichever account it opens):
    how the CLI opens an encrypted store without a prompt."""
    recovery = os.environ.get("TOWNSHIP_RECOVERY_KEY")
    if recovery:
        key = keyring.unlock_recovery(recovery)
        if key is not None:
            return key
    password = os.environ.get("TOWNSHIP_PASSWORD")
    if password:
        return keyring.unlock(password, clerk if clerk and _label(clerk) in keyring.wraps else None)
    return None


LOCKED = Text("The data in {path} is encrypted: sign in with a clerk's password (TOWNSHIP_PASSWORD for "
              "the command line) or use the recovery key (TOWNSHIP_RECOVERY_KEY).",
              "{path} 中的数据已加密：请用操作员密码登录（命令行用 TOWNSHIP_PASSWORD），或使用恢复密钥"
              "（TOWNSHIP_RECOVERY_KEY）。")


def wrong_secret() -> UserError:
    return UserError(Text("Wrong name or password.", "用户名或密码错误。"), code="bad-login")


# -- the store made before encryption ---------------------------------------------------------------

def wraps_from_hashes(hashes: list[tuple[str, str]], data_key: bytes) -> dict:
    """Each account's wrap under its existing Argon2id digest (PHC string), flagged for renewal."""
    wraps = {}
    for name, stored in hashes:
        try:
            _, kind, _version, params, salt, digest = stored.split("$")
            cost = dict(item.split("=") for item in params.split(","))
        except ValueError:
            continue
        if kind != "argon2id":
            continue
        sealed = _seal(_kek(_unb64(digest)), _label(name), data_key,
                       {"salt": salt, "m": int(cost["m"]), "t": int(cost["t"]), "p": int(cost["p"])})
        wraps[_label(name)] = {**sealed, "renew": True}
    return wraps


def renew_if_needed(keyring: Keyring, name: str, password: str, data_key: bytes) -> bool:
    """A wrap made from the sign-in hash (an encrypted old store) is made anew under a fresh salt."""
    wrap_ = keyring.wraps.get(_label(name))
    if wrap_ is not None and wrap_.get("renew"):
        keyring.set_account(name, password, data_key)
        return True
    return False


# -- the account changes (desktop.core.workspace.accounts calls these) -------------------------------

def _of(db) -> Keyring | None:
    """The keyring of the open, encrypted store `db` (None for a plain or in-memory one)."""
    from desktop.core.store.db import db_path

    if getattr(db, "key", None) is None:
        return None
    path = db_path(db)
    return Keyring.load(keyring_path(Path(path))) if path else None


def account_password_set(db, name: str, password: str) -> None:
    """A new account, a changed or a reset password: the data key wrapped under it. The session
    changing it holds the data key (db.key), so no old password is needed."""
    ring = _of(db)
    if ring is not None:
        ring.set_account(name, password, db.key)


def account_removed(db, name: str) -> None:
    ring = _of(db)
    if ring is not None:
        ring.remove_account(name)


def signed_in(db, name: str, password: str) -> None:
    """A right password: renew a wrap made from the old sign-in hash, or make a missing one."""
    ring = _of(db)
    if ring is not None and (_label(name) not in ring.wraps or ring.wraps[_label(name)].get("renew")):
        ring.set_account(name, password, db.key)
