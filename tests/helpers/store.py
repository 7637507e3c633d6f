"""A raw connection to an encrypted store file, for tests that look under the store's API (or
damage a file on purpose): SQLCipher's driver, keyed with the data key this process unlocked."""

from __future__ import annotations

from pathlib import Path

from desktop.core.store import cipher
from desktop.core.store.db import key_pragma
from desktop.core.store.driver import sqlite3


def raw_connect(path, **kwargs):
    path = Path(path)
    key = cipher.key_for(path) if path.exists() else None
    conn = sqlite3.connect(path, **kwargs)
    if key is not None:
        conn.execute(key_pragma(key))
    return conn
