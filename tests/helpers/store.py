"""A raw connection to an encrypted store file, for tests that look under the store's API (or
damage a file on purpose): SQLCipher's driver, keyed with the data key this process unlocked."""

from __future__ import annotations

from pathlib import Path

from desktop.core.store import cipher, cipher_format
from desktop.core.store.driver import sqlite3


def raw_connect(path, **kwargs):
    path = Path(path)
    key = cipher.key_for(path) if path.exists() else None
    if key is None:
        return sqlite3.connect(path, **kwargs)
    return cipher_format.connect_keyed(path, key, **kwargs)[0]
