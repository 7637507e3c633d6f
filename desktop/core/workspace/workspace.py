"""One open installation: its folders, its database (migrated), its settings and who is signed in.

The CLI and the GUI both start here. Opening checks the data folder and the database file and
turns every environment failure into a clear DataDirError; it never creates a database unless
asked to (`township init` or the setup wizard), so a mistyped --data-dir cannot silently start
an empty township.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.errors import DataDirError
from desktop.core.i18n import Text
from desktop.core.logs import setup_logging
from desktop.core.paths import DataDir, data_dir
from desktop.core.store import cipher, cipher_format, migrations, settings
from desktop.core.store.db import Database, connect, is_plain, transaction, translate_error
from desktop.core.store.driver import sqlite3
from desktop.core.workspace.keyring import LOCKED, Keyring, key_from_environment, keyring_path, known_key

if TYPE_CHECKING:
    from desktop.core.store import audit

log = logging.getLogger("township.store")

NOT_SET_UP = Text("No Township Desk data in {path}. Run `township init` (or start the app) to set it up.",
                  "{path} 中没有本系统的数据。请先运行 `township init`（或启动程序）进行设置。")


@dataclass
class Workspace:
    """An open installation. (A dataclass with a docstring: without one, dataclasses builds its
    doc from inspect.signature, which is slow the first time, at start-up.)"""

    paths: DataDir
    db: Database
    clerk: str | None = None
    clerk_role: str | None = None
    _settings: dict = field(default_factory=dict, repr=False)
    keyring: Keyring | None = field(default=None, repr=False)
    recovery_key: str | None = field(default=None, repr=False)   # set once, by setup, to be shown
    pending_events: list = field(default_factory=list, repr=False)   # audit events the shut store waits for

    @classmethod
    def open(cls, override: str | os.PathLike | None = None, *, create: bool = False,
             key: bytes | None = None, clerk: str | None = None) -> Workspace:
        """Open the data folder. The store is encrypted: its data key is `key`, else the one this
        process unlocked before, else the one TOWNSHIP_RECOVERY_KEY or TOWNSHIP_PASSWORD (of
        `clerk`, or of any account) opens; without any, DataDirError(code="locked")."""
        paths = data_dir(override)
        cipher.recover(paths.db_path)
        if not create and not paths.db_path.exists():
            raise DataDirError(NOT_SET_UP.format(path=paths.root), code="not-set-up")
        try:
            paths.ensure()
        except OSError as error:
            raise DataDirError(Text("Cannot use the data folder {path}: {err}",
                                    "无法使用数据文件夹 {path}：{err}")
                               .format(path=paths.root, err=error.strerror), code="read-only") from error
        from desktop.core.workspace.owner_only import restrict

        restrict(*{paths.root, paths.backups, paths.logs, paths.config})
        setup_logging(paths.logs)
        ring, key = _store_key(paths, create=create, key=key, clerk=clerk)
        db = connect(paths.db_path, key=key)
        try:
            existed = bool(migrations.applied_numbers(db))
            newest = max(migrations.applied_numbers(db), default=0)
            if newest > migrations.newest_known():
                raise DataDirError(Text(
                    "This database was written by a newer version of Township Desk; update the program.",
                    "该数据库由更新版本的程序写入，请先升级程序。"), code="newer")

            snapshot_taken = False
            if db.key is not None and db.cipher_format != cipher_format.CURRENT:
                from desktop.core.store import reformat

                # once, after the update: a premigrate snapshot, then the store in the current format
                db = reformat.to_current(db, paths.db_path, paths.backups)
                snapshot_taken = True

            def backup_first(todo):
                if existed and not snapshot_taken:
                    from desktop.core.store import backup

                    backup.snapshot(db, paths.backups, "premigrate")

            migrations.migrate(db, before=backup_first)
        except sqlite3.Error as error:
            db.conn.close()
            raise translate_error(error, paths.db_path) from error
        except Exception:
            db.conn.close()
            raise
        workspace = cls(paths=paths, db=db, keyring=ring)
        workspace.reload_settings()
        return workspace

    def reload_settings(self) -> None:
        self._settings = settings.all_settings(self.db)

    def setting(self, key: str, default=None):
        return self._settings.get(key, default)

    def put_setting(self, key: str, value) -> None:
        with transaction(self.db):
            settings.put(self.db, key, value)
        self._settings[key] = value
        if key in (settings.LANGUAGE, settings.LARGE_TEXT, settings.TEXT_SIZE, settings.LAST_CLERK):
            from desktop.core.workspace import sign_in_card

            sign_in_card.refresh(self)

    @property
    def data_key(self) -> bytes | None:
        """The store's data key (drafts are sealed under it); never written down."""
        return self.db.key

    @property
    def role(self) -> str | None:
        return self._settings.get(settings.ROLE)

    @property
    def township(self) -> str | None:
        return self._settings.get(settings.TOWNSHIP)

    @property
    def county(self) -> str | None:
        return self._settings.get(settings.COUNTY)

    @property
    def is_set_up(self) -> bool:
        return self.role in ("township", "county")

    def record_event(self, event: str, **kwargs) -> audit.AuditEntry:
        """Append one audit event in its own transaction (login, print, export, ...)."""
        from desktop.core.store import audit  # loaded with the first event, not with the store (start-up)

        with transaction(self.db):
            return audit.append(self.db, event, clerk=self.clerk or "system", **kwargs)

    def daily_backup(self) -> Path | None:
        from desktop.core.store import backup

        return backup.daily_if_due(self.db, self.paths.backups)

    # -- the idle lock and sign-out: the store shut, its key let go ----------------------------------
    @property
    def is_shut(self) -> bool:
        return self.db.is_shut

    def shut_store(self) -> bool:
        """Close the store's connection and let go of the data key everywhere this process held
        it (the connection's own copy inside SQLCipher goes with the connection). Only for a
        keyed store whose signed-in clerk can open it again with their password (a wrap in the
        keyring); True when it was shut."""
        ring = self.keyring
        if ring is None or self.db.key is None or self.db.is_shut:
            return False
        wrapped = ring.accounts()
        if not wrapped or (self.clerk is not None and self.clerk not in wrapped):
            return False
        self.db.shut()
        cipher.forget(ring.store)
        self.recovery_key = None    # shown once at setup; not kept past the first lock
        log.info("the store is shut and its key let go")
        return True

    def open_store(self, name: str, password: str) -> None:
        """Open the shut store again with `name`'s password (Argon2id unwraps the data key);
        UserError code bad-login when it does not."""
        from desktop.core.workspace.keyring import wrong_secret

        key = self.keyring.unlock(password, name) if self.keyring is not None else None
        if key is None:
            raise wrong_secret()
        self.db.reopen(self.paths.db_path, key)
        pending, self.pending_events = self.pending_events, []
        if pending:
            from desktop.core.store import audit

            with transaction(self.db):
                for event, clerk, kwargs in pending:
                    audit.append(self.db, event, clerk=clerk, **kwargs)

    def record_when_open(self, event: str, **kwargs) -> None:
        """An audit event now, or (the store shut) at its next opening, with the time it happened."""
        if not self.db.is_shut:
            self.record_event(event, **kwargs)
            return
        from desktop.core.clock import now_iso

        self.pending_events.append((event, self.clerk or "system", {**kwargs, "at": now_iso()}))
        log.info("%s while the store is shut: written to the trail at the next sign-in", event)

    def close(self) -> None:
        try:
            self.db.close()
        except sqlite3.Error:  # closing twice or after a failure is harmless
            pass

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _store_key(paths: DataDir, *, create: bool, key: bytes | None, clerk: str | None) -> tuple[Keyring, bytes]:
    """The keyring and the data key of the store; a store made before encryption is encrypted here."""
    ring_file = keyring_path(paths.db_path)
    ring = Keyring.load(ring_file)
    exists = paths.db_path.exists()
    if not exists or is_plain(paths.db_path):
        key = key or (known_key(ring) if ring else None)
        if ring is None or key is None:
            from desktop.core.workspace.keyring import new_data_key

            ring, key = Keyring.new(ring_file), new_data_key()
        if exists:
            _encrypt_plain_store(paths, ring, key)
        else:
            ring.save()
        cipher.remember(ring.store, key)
        return ring, key
    if ring is None:
        raise DataDirError(Text(
            "{db} cannot be opened: it is not a Township Desk database (damaged or another kind of file), "
            "or its key file {path} is missing. Copy the key file back from where the folder came from, "
            "or restore from a backup: the program offers to when it starts, or use `township restore`.",
            "无法打开 {db}：它不是本系统的数据库（已损坏或类型不对），或者缺少密钥文件 {path}。请把密钥文件从原文件夹"
            "复制回来，或从备份恢复：程序启动时会提供恢复，也可用 `township restore`。")
            .format(db=paths.db_path, path=ring_file), code="keyring")
    key = key or known_key(ring) or key_from_environment(ring, clerk)
    if key is None:
        raise DataDirError(LOCKED.format(path=paths.root), code="locked")
    cipher.remember(ring.store, key)
    return ring, key


def _encrypt_plain_store(paths: DataDir, ring: Keyring, key: bytes) -> None:
    """The first open after the update: wrap the key for every account under its sign-in hash,
    encrypt the database and every plain backup, and remove the plain files."""
    from desktop.core.workspace.keyring import wraps_from_hashes

    plain = connect(paths.db_path)
    try:
        tables = plain.table_names()
        hashes = ([(r[0], r[1]) for r in plain.execute("SELECT name, password_hash FROM accounts WHERE active = 1")]
                  if "accounts" in tables else [])
    finally:
        plain.close()
    ring.wraps.update(wraps_from_hashes(hashes, key))
    ring.save()
    cipher.remember(ring.store, key)
    cipher.encrypt_file(paths.db_path, key)
    from desktop.core.store import backup

    for old in backup.list_backups(paths.backups):
        if is_plain(old):
            cipher.encrypt_file(old, key)
    sealed = cipher.seal_existing_private(paths.keys, ("signing_ed25519", "age_identity.txt"))
    log.info("the store and its backups are now encrypted (%d accounts wrapped, %d private key files sealed)",
             len(hashes), sealed)
