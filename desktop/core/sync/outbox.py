"""The network outbox: every bundle this installation writes waits here to be posted to the hub.

The one writer of `sync_outbox` (migration 1701). A bundle written for the stick is also queued
for the network: the export keeps a copy in the data folder's `outbox/` (the stick may be pulled
out before a link appears) and a row, in the same transaction that records the bundle as sent.
States, in order:

- **queued**: written and verified, not yet accepted by the hub;
- **sent**: the hub stored it (or answered "duplicate": it had it already);
- **acknowledged**: the recipient's answer covers it - for a township's data bundle, a return
  bundle acknowledging its sequence or a later one; for a county's return bundle, a data bundle
  of that township saying it imported that return or a later one. Bundles are cumulative, so an
  acknowledgement covers every bundle of that kind and township up to its sequence, by stick or
  network alike; an acknowledged bundle is never posted and its copy is deleted.

Qt-free and without network code: `network_sync` posts what `to_post` lists.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from desktop.core.clock import now_iso
from desktop.core.i18n import Text
from desktop.core.paths import DataDir
from desktop.core.store import atomic
from desktop.core.store.db import Database

log = logging.getLogger("township.sync")

QUEUED, SENT, ACKNOWLEDGED = "queued", "sent", "acknowledged"
STATES = (QUEUED, SENT, ACKNOWLEDGED)
FOLDER = "outbox"


def folder(paths: DataDir, *, create: bool = False) -> Path:
    """The outbox folder; `create` makes it first (for writing a bundle straight into it)."""
    found = paths.root / FOLDER
    if create:
        found.mkdir(parents=True, exist_ok=True)
    return found


@dataclass(frozen=True)
class Entry:
    """One bundle in the outbox."""

    sha256: str
    kind: str
    township: str
    sequence: int
    file_name: str
    state: str
    queued_at: str
    sent_at: str | None
    acked_at: str | None
    attempts: int
    last_error: str | None


_COLUMNS = "sha256, kind, township, sequence, file_name, state, queued_at, sent_at, acked_at, attempts, last_error"


def keep_copy(paths: DataDir, written: Path) -> Path:
    """Copy a bundle just written and verified (on a stick, say) into the outbox folder, durably
    (temp file, fsync, rename), before it is recorded: the stick may leave before a link comes."""
    target = folder(paths) / Path(written).name
    target.parent.mkdir(parents=True, exist_ok=True)
    if Path(written).resolve().parent == target.parent.resolve():
        return target            # written straight into the outbox (`township sync now`)
    part = target.parent / f".{target.name}.part"
    with open(written, "rb") as source, open(part, "wb") as out:
        while piece := source.read(1 << 20):
            out.write(piece)
        out.flush()
        os.fsync(out.fileno())
    os.replace(part, target)
    atomic.fsync_directory(target.parent)
    return target


def queue(db: Database, *, sha256: str, kind: str, township: str, sequence: int, file_name: str) -> None:
    """Queue a bundle for the hub; call inside the transaction that records it as sent (written).
    Queuing the same bundle again (an adopted export) keeps its state."""
    db.execute("INSERT INTO sync_outbox (sha256, kind, township, sequence, file_name, state, queued_at) "
               "VALUES (?,?,?,?,?,?,?) ON CONFLICT(sha256) DO NOTHING",
               [sha256, kind, township, sequence, file_name, QUEUED, now_iso()])


def to_post(db: Database) -> list[Entry]:
    """Queued bundles, oldest first per recipient (a county reads a township's bundles in order)."""
    return [Entry(*row) for row in db.execute(
        f"SELECT {_COLUMNS} FROM sync_outbox WHERE state = ? ORDER BY kind, township, sequence", [QUEUED])]


def entries(db: Database, limit: int = 200) -> list[Entry]:
    """The newest bundles first, whatever their state (the Sync page's list)."""
    if "sync_outbox" not in db.table_names():
        return []
    return [Entry(*row) for row in db.execute(
        f"SELECT {_COLUMNS} FROM sync_outbox ORDER BY queued_at DESC, sequence DESC LIMIT ?", [limit])]


def counts(db: Database) -> dict[str, int]:
    found = dict.fromkeys(STATES, 0)
    if "sync_outbox" in db.table_names():
        found.update(dict(db.execute("SELECT state, count(*) FROM sync_outbox GROUP BY state").fetchall()))
    return found


def path_of(paths: DataDir, entry: Entry) -> Path:
    return folder(paths) / entry.file_name


def mark_sent(db: Database, sha256: str) -> None:
    db.execute("UPDATE sync_outbox SET state = ?, sent_at = ?, attempts = attempts + 1, last_error = NULL "
               "WHERE sha256 = ? AND state = ?", [SENT, now_iso(), sha256, QUEUED])


def mark_failed(db: Database, sha256: str, reason: Text) -> None:
    """A try that did not go through: the bundle stays queued, the reason (both languages) is kept
    for the page."""
    db.execute("UPDATE sync_outbox SET attempts = attempts + 1, last_error = ? WHERE sha256 = ?",
               [json.dumps({"en": reason.en[:500], "zh": reason.zh[:500]}, ensure_ascii=False), sha256])


def error_text(entry: Entry) -> Text | None:
    """Why the last try of `entry` did not go through, in both languages (None if it did)."""
    if not entry.last_error:
        return None
    try:
        kept = json.loads(entry.last_error)
        return Text(str(kept["en"]), str(kept["zh"]))
    except (ValueError, KeyError, TypeError):
        return Text(entry.last_error, entry.last_error)


def acknowledge(db: Database, kind: str, township: str, through_sequence: int) -> int:
    """Every bundle of `kind` for `township` up to `through_sequence` is acknowledged (the answer
    covers them, cumulative bundles); called inside the import's transaction. Returns how many."""
    if not through_sequence or "sync_outbox" not in db.table_names():
        return 0
    cursor = db.execute("UPDATE sync_outbox SET state = ?, acked_at = ? WHERE kind = ? AND township = ? "
                        "AND sequence <= ? AND state != ?",
                        [ACKNOWLEDGED, now_iso(), kind, township, int(through_sequence), ACKNOWLEDGED])
    return cursor.rowcount


def prune(db: Database, paths: DataDir) -> int:
    """Delete the copies of acknowledged bundles (after the commit that acknowledged them: a
    rolled-back import keeps its copies)."""
    removed = 0
    if "sync_outbox" not in db.table_names():
        return 0
    for (name,) in db.execute("SELECT file_name FROM sync_outbox WHERE state = ?", [ACKNOWLEDGED]).fetchall():
        try:
            (folder(paths) / name).unlink()
            removed += 1
        except FileNotFoundError:
            pass
        except OSError as error:   # a locked file (Windows): the next prune takes it
            log.warning("could not delete an acknowledged outbox copy: %s", error.strerror)
    return removed
