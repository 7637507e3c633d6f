"""Opening the local SQLite store with the settings that keep saved records safe.

WAL with synchronous=FULL means a commit that returned is on the disk, even through a power cut;
trusted_schema=OFF and secure_delete=ON keep a tampered or reused file from doing harm; a larger
page cache than SQLite's default spares decrypting the same pages again (PRAGMAS says why). Writes go
through `transaction()`, which takes the write lock up front (BEGIN IMMEDIATE) so one logical save
is one transaction. The connection runs in autocommit mode: sqlite-utils' own `with conn:` blocks
would otherwise commit half of a larger transaction.

`Database` is what the rest of the app holds: the connection, `execute` and `table_names`, which
are all the store's own code uses. sqlite-utils (with click, dateutil and its plugin scan, about
0.1 s and 15 MB) is imported only when something asks for more of its API, so that opening the
store on the way to the sign-in window does not pay for it (docs/PERFORMANCE.md).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop.core.errors import DataDirError, StorageFullError
from desktop.core.i18n import Text
from desktop.core.store import cipher_format
from desktop.core.store.driver import sqlite3

log = logging.getLogger("township.store")

SQLITE_HEADER = b"SQLite format 3\x00"
PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA trusted_schema=OFF",
    "PRAGMA secure_delete=ON",
    "PRAGMA busy_timeout=10000",
    "PRAGMA recursive_triggers=ON",   # as sqlite-utils sets it on every connection it wraps
    # a page SQLite's own cache misses is read from the OS's cache *encrypted* and decrypted and
    # checked again (AES + HMAC) each time: 32 MiB (a ceiling, filled only by pages read) instead
    # of the build's 8 MB keeps a 100,000-record list's search pages decrypted once
    # (docs/PERFORMANCE.md: the slowest 2-character search 71 -> 41 ms)
    "PRAGMA cache_size=-32768",
)


SHUT_TEXT = Text("The data is shut while the window is locked: sign in again to go on.",
                 "窗口锁定期间数据已关闭：请重新登录后继续。")


class ShutConnection:
    """Stands in for the connection while the store is shut (`Database.shut`): any use of it is
    a clear DataDirError, not an AttributeError on None."""

    in_transaction = False

    def __getattr__(self, name: str):
        raise DataDirError(SHUT_TEXT, code="locked")

    def close(self) -> None:
        pass


class Database:
    """An open store: `conn` (autocommit), `execute`, `table_names`; the rest of sqlite-utils'
    Database API (tables, upserts, ...) is passed through to one built on first use."""

    def __init__(self, conn: sqlite3.Connection, key: bytes | None = None, cipher_format: str | None = None):
        self.conn = conn
        self.key = key      # the data key it was opened with (None: a plain file); never written down
        # the SQLCipher format of the file (desktop/core/store/cipher_format.py; None: plain), which
        # a snapshot of it is written in too
        self.cipher_format = cipher_format if key is not None else None
        self._full = None

    def execute(self, sql: str, parameters=None) -> sqlite3.Cursor:
        # an autocommit connection opens no implicit transaction, so this is what sqlite-utils does
        return self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)

    def table_names(self) -> list[str]:
        return [row[0] for row in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]

    def close(self) -> None:
        if self.is_shut:
            return
        optimize(self)
        self.conn.close()

    # -- the idle lock: the connection (and SQLCipher's copy of the key inside it) let go -----------
    @property
    def is_shut(self) -> bool:
        return isinstance(self.conn, ShutConnection)

    def shut(self) -> None:
        """Close the connection and forget the key; everything holding this Database keeps it,
        and `reopen` puts a connection back under it."""
        if self.is_shut:
            return
        optimize(self)
        self.conn.close()
        self.conn, self.key, self._full = ShutConnection(), None, None

    def reopen(self, path: Path, key: bytes) -> None:
        """A new connection to the file at `path` under `key` (DataDirError when it does not open it)."""
        fresh = connect(path, key=key)   # connect reads the file: a key that does not open it raises
        self.conn, self.key, self._full = fresh.conn, key, None
        self.cipher_format = fresh.cipher_format

    @property
    def full(self):
        """sqlite-utils' Database over the same connection (imports sqlite-utils on first use)."""
        if self._full is None:
            import sqlite_utils  # here, not at start-up (the module docstring says why)

            self._full = sqlite_utils.Database(self.conn)
        return self._full

    def __getattr__(self, name: str):
        if name.startswith("__") or name in ("conn", "_full", "key", "is_shut", "cipher_format"):
            raise AttributeError(name)
        return getattr(self.full, name)

    def __getitem__(self, table: str):
        return self.full[table]

    def __repr__(self) -> str:
        return "<Database (shut)>" if self.is_shut else f"<Database {db_path(self)}>"


def check_is_sqlite(path: Path) -> None:
    """Refuse a file that is not an SQLite database before SQLite gets to misread it."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise DataDirError(Text("Cannot read the database {path}: {err}",
                                "无法读取数据库 {path}：{err}").format(path=path, err=error.strerror)) from error
    if header and header != SQLITE_HEADER:
        raise DataDirError(Text(
            "{path} is not a Township Desk database (damaged or another kind of file). "
            "Restore it from a backup: the program offers to when it starts, or use `township restore`.",
            "{path} 不是本系统的数据库（文件已损坏或类型不对）。请从备份恢复：程序启动时会提供恢复，"
            "也可用 `township restore`。",
        ).format(path=path), code="corrupt")


def is_plain(path: Path) -> bool:
    """True for a file in SQLite's own (unencrypted) format; an encrypted file starts with noise."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


key_pragma = cipher_format.key_pragma


# the data keys this process unlocked, by the keyring's store id (desktop/core/store/cipher.py
# keeps them; here so that every connection to an encrypted file finds its key)
UNLOCKED: dict[str, bytes] = {}


def opens(path: Path, key: bytes | None) -> bool:
    """True when `key` (None: no key) reads the SQLite file at `path`."""
    target = f"{Path(path).absolute().as_uri()}?mode=ro"
    try:
        if key is None:
            conn = sqlite3.connect(target, uri=True)
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            finally:
                conn.close()
        else:
            cipher_format.connect_keyed(target, key, uri=True)[0].close()   # in any known format
        return True
    except sqlite3.Error:
        return False


def key_for(path: Path) -> bytes | None:
    """The key among those this process holds that opens `path` (None for a plain file, or none)."""
    if is_plain(path):
        return None
    for key in list(UNLOCKED.values()):
        if opens(path, key):
            return key
    return None


def connect(path: Path, *, readonly: bool = False, key: bytes | None = None) -> Database:
    """Open the database file with our pragmas, under the data key `key` (SQLCipher) when given;
    a damaged file raises DataDirError."""
    path = Path(path)
    if key is None and path.exists() and not is_plain(path):
        key = key_for(path)   # a second connection to an open encrypted store (a worker's, say)
    if path.exists() and (key is None or is_plain(path)):
        check_is_sqlite(path)
    fmt = None
    try:
        target, options = ((f"file:{path}?mode=ro", {"uri": True}) if readonly else (path, {}))
        options.update(isolation_level=None, check_same_thread=False)
        if key is None:
            conn = sqlite3.connect(target, **options)
        else:   # the current format first, then the one of stores and backups made before it
            conn, fmt = cipher_format.connect_keyed(target, key, **options)
        for pragma in PRAGMAS:
            if readonly and "journal_mode" in pragma:
                continue
            conn.execute(pragma)
        if not readonly:
            conn.execute(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
            conn.execute(OPTIMIZE_ON_OPEN)
    except sqlite3.DatabaseError as error:
        raise translate_error(error, path) from error
    return Database(conn, key, fmt)


# The query planner's statistics (sqlite_stat1), kept as SQLite advises for long-lived
# connections: `PRAGMA optimize=0x10002` when the store opens (tables that grew or shrank a lot
# since their last analysis, whichever were queried), plain `PRAGMA optimize` when it closes and
# after a large import (desktop.core.sync.incoming). analysis_limit bounds each ANALYZE to a
# sample of each index (milliseconds, whatever the size of the store). Without statistics the
# planner still takes the plans the tests pin (tests/core/test_query_plans.py); with them it does
# not wander off to a scan of every record, as it did on a 250,000-record county (docs/PERFORMANCE.md).
ANALYSIS_LIMIT = 1000
OPTIMIZE_ON_OPEN = "PRAGMA optimize=0x10002"


def optimize(db: Database) -> None:
    """Refresh the planner's statistics where they are missing or stale (cheap; never raises)."""
    conn = db.conn
    try:
        if conn.in_transaction:
            return
        conn.execute(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
        conn.execute("PRAGMA optimize")
    except sqlite3.Error as error:   # read-only, closed, busy: statistics wait for the next time
        log.debug("PRAGMA optimize skipped: %s", error)


def translate_error(error: sqlite3.Error, path: Path | str = "") -> Exception:
    """Turn SQLite's environment failures into messages a clerk can act on."""
    message = str(error).lower()
    if "full" in message or getattr(error, "sqlite_errorcode", None) == 13:
        return StorageFullError(Text(
            "The disk is full: the save was cancelled and nothing already saved was lost. "
            "Free some space and save again.",
            "磁盘已满：本次保存已取消，已保存的数据没有丢失。请腾出空间后再保存。"), code="disk-full")
    if "readonly" in message or "read-only" in message or "attempt to write" in message:
        return DataDirError(Text(
            "The data folder {path} is read-only: nothing was saved. Check the folder's permissions.",
            "数据文件夹 {path} 是只读的：没有保存任何内容。请检查文件夹权限。").format(path=path),
            code="read-only")
    if "unable to open" in message:
        return DataDirError(Text("Cannot open the database {path}: the folder is missing or not writable.",
                                 "无法打开数据库 {path}：文件夹不存在或不可写。").format(path=path))
    if "not a database" in message or "malformed" in message or "corrupt" in message:
        return DataDirError(Text(
            "The database {path} is damaged. Restore it from a backup: the program offers to when it "
            "starts, or use `township restore`.",
            "数据库 {path} 已损坏。请从备份恢复：程序启动时会提供恢复，也可用 `township restore`。"
        ).format(path=path), code="corrupt")
    return error


@contextmanager
def transaction(db: Database) -> Iterator[Database]:
    """One logical write: all of it is committed, or none of it."""
    conn = db.conn
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as error:
        raise translate_error(error, db_path(db)) from error
    try:
        yield db
        conn.execute("COMMIT")
    except BaseException as error:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(error, sqlite3.Error):
            translated = translate_error(error, db_path(db))
            if translated is not error:
                raise translated from error
        raise


def db_path(db: Database) -> str:
    row = db.execute("PRAGMA database_list").fetchone()
    return row[2] if row else ""
