"""The SQLite driver: SQLCipher through `sqlcipher3` (its own SQLite, built with encryption).

sqlcipher3 is the maintained DB-API binding of SQLCipher 4 with wheels for Windows x64 and Linux
x86_64 on every Python the app supports, and the same API as the standard `sqlite3` module, so
sqlite-utils and the backup API work over its connections unchanged. Its exceptions are its own
classes: code that catches SQLite's errors catches `driver.sqlite3.Error`, never the standard
module's.
"""

from __future__ import annotations

from sqlcipher3 import dbapi2 as sqlite3

__all__ = ["sqlite3"]


def _quiet() -> None:
    """Two settings for the whole process, made once.

    SQLCipher writes its own log to stderr (a wrong key's "hmac check failed", say); the app turns
    such failures into its own messages, so that log is off.

    Memory security (SQLCipher wiping every allocation SQLite frees, and locking its pages in
    RAM) is pinned OFF, as SQLCipher 4.5.2 and later default to: with it on, every save costs
    about twice as much, on a plain connection too (docs/PERFORMANCE.md). What it guards against
    is reading the process's memory while it runs, which is malware on a signed-in PC, outside
    what the encryption defends (docs/SECURITY.md); the key itself leaves memory when the store
    shuts (idle lock, sign-out: Workspace.shut_store)."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("PRAGMA cipher_log_level = NONE").fetchall()
        conn.execute("PRAGMA cipher_memory_security = OFF").fetchall()
    finally:
        conn.close()


_quiet()
