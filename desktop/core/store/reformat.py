"""Bringing an encrypted store written in an older SQLCipher format to the current one, once, at
open (desktop/core/store/cipher_format.py says what the formats are).

`to_current` takes a `premigrate` snapshot first (as every schema migration does; it stays in the
older format, which backups keep opening in), then `sqlcipher_export`s the store under the same
data key into a temp file beside it in the current format, fsyncs it and renames it over the store.
The rename is the one step that changes what the store's name holds, so a power cut leaves either
the old store (the next open starts again, the stale temp file removed first) or the new one. The
old file's WAL is checkpointed into it and gone before the rename, so no WAL of one file is ever
beside the other; a WAL still there after the close means another process has the store open,
and the store is then left as it is until the next open.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from desktop.core.store import cipher_format
from desktop.core.store.db import Database, connect

log = logging.getLogger("township.store")


def temp_of(path: Path) -> Path:
    return path.with_name(f".{path.name}.reformatting")


def to_current(db: Database, path: Path, backups: Path) -> Database:
    """The store at `path`, open as `db` in an older format, rewritten in the current one; `db`
    is closed and the store returned open again. Nothing happens to a current or plain store."""
    if db.key is None or db.cipher_format in (None, cipher_format.CURRENT):
        return db
    from desktop.core.store import backup
    from desktop.core.store.atomic import fsync_directory

    started = time.perf_counter()
    old = db.cipher_format
    backup.snapshot(db, backups, "premigrate")
    path = Path(path)
    temp = temp_of(path)
    temp.unlink(missing_ok=True)   # a power cut in an earlier try left it: it was never the store
    conn, key = db.conn, db.key
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        cipher_format.attach_keyed(conn, temp, "reformatted", key, cipher_format.CURRENT)
        conn.execute("SELECT sqlcipher_export('reformatted')")
        conn.execute(f"PRAGMA reformatted.user_version = {int(version)}")
        conn.execute("DETACH DATABASE reformatted")
    except Exception:
        temp.unlink(missing_ok=True)
        raise
    finally:
        conn.close()   # the last connection: SQLite removes the checkpointed WAL and its index
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        # SQLite keeps the WAL at close only while another connection (another process: a
        # `township` command beside the GUI) has the store open: not rewritten under it; the
        # next open tries again
        temp.unlink(missing_ok=True)
        log.info("the store is open elsewhere: its SQLCipher format %s is kept until the next open", old)
        return connect(path, key=key)
    with open(temp, "rb+") as handle:
        os.fsync(handle.fileno())
    path.with_name(path.name + "-shm").unlink(missing_ok=True)   # never beside the new file
    os.replace(temp, path)
    fsync_directory(path.parent)
    fresh = connect(path, key=key)
    log.info("the store was rewritten from SQLCipher format %s to %s in %.1f s",
             old, fresh.cipher_format, time.perf_counter() - started)
    return fresh
