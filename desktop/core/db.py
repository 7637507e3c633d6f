"""Opening the local SQLite store with the settings that keep saved records safe.

WAL with synchronous=FULL means a commit that returned is on the disk, even through a power cut;
trusted_schema=OFF and secure_delete=ON keep a tampered or reused file from doing harm. Writes go
through `transaction()`, which takes the write lock up front (BEGIN IMMEDIATE) so one logical save
is one transaction. The connection runs in autocommit mode: sqlite-utils' own `with conn:` blocks
would otherwise commit half of a larger transaction.
"""

from __future__ import annotations

import errno
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from desktop.core.errors import DataDirError, StorageFullError
from desktop.core.i18n import Text

log = logging.getLogger("township.store")

SQLITE_HEADER = b"SQLite format 3\x00"
PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA trusted_schema=OFF",
    "PRAGMA secure_delete=ON",
    "PRAGMA busy_timeout=10000",
)


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
            "Restore it from a backup with `township restore`.",
            "{path} 不是本系统的数据库（文件已损坏或类型不对）。请用 `township restore` 从备份恢复。",
        ).format(path=path))


def connect(path: Path, *, readonly: bool = False) -> sqlite_utils.Database:
    """Open the database file with our pragmas; a damaged file raises DataDirError."""
    path = Path(path)
    if path.exists():
        check_is_sqlite(path)
    try:
        if readonly:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None,
                                   check_same_thread=False)
        else:
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        for pragma in PRAGMAS:
            if readonly and "journal_mode" in pragma:
                continue
            conn.execute(pragma)
    except sqlite3.DatabaseError as error:
        raise translate_error(error, path) from error
    return sqlite_utils.Database(conn)


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
            "The database {path} is damaged. Restore it from a backup with `township restore`.",
            "数据库 {path} 已损坏。请用 `township restore` 从备份恢复。").format(path=path), code="corrupt")
    return error


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
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


def db_path(db: sqlite_utils.Database) -> str:
    row = db.execute("PRAGMA database_list").fetchone()
    return row[2] if row else ""


def is_disk_full(error: OSError) -> bool:
    return error.errno in (errno.ENOSPC, errno.EDQUOT)
