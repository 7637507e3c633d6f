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
    """SQLCipher writes its own log to stderr (a wrong key's "hmac check failed", say); the app
    turns such failures into its own messages, so that log is off for the process."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("PRAGMA cipher_log_level = NONE").fetchall()
    finally:
        conn.close()


_quiet()
