"""What the status bar and the sync page say about sync, read defensively.

The sync core (desktop.core.sync) keeps its own state once it lands; until then this reads what
exists: unacknowledged outgoing exchange items, records changed above the last acknowledged
audit sequence (setting `sync_acked_seq`, 0 before the first sync), and the settings
`sync_last_export` / `sync_last_import` (ISO time stamps). Anything missing reads as "never".
When the sync core lands, point these three readers at it; nothing else in the UI changes.
"""

from __future__ import annotations

import importlib.util
import sqlite3
from dataclasses import dataclass

ACKED_SEQ = "sync_acked_seq"
LAST_EXPORT = "sync_last_export"
LAST_IMPORT = "sync_last_import"


@dataclass(frozen=True)
class SyncStatus:
    available: bool          # the sync core is installed
    unsent_records: int
    unsent_items: int
    last_export: str | None
    last_import: str | None

    @property
    def unsent(self) -> int:
        return self.unsent_records + self.unsent_items

    @property
    def last_sync(self) -> str | None:
        stamps = [s for s in (self.last_export, self.last_import) if s]
        return max(stamps) if stamps else None


def sync_core_available() -> bool:
    try:
        return importlib.util.find_spec("desktop.core.sync") is not None
    except (ImportError, ValueError):
        return False


def read(workspace) -> SyncStatus:
    db = workspace.db
    acked = _int(workspace.setting(ACKED_SEQ, 0))
    unsent_records = unsent_items = 0
    try:
        if workspace.role == "township":
            unsent_records = db.execute(
                "SELECT count(*) FROM records WHERE last_audit_seq > ? AND township = ?",
                [acked, workspace.township or ""]).fetchone()[0]
        if "exchange_items" in db.table_names():
            unsent_items = db.execute("SELECT count(*) FROM exchange_items WHERE direction = 'out' "
                                      "AND acked_at IS NULL").fetchone()[0]
    except sqlite3.Error:  # a table of a later release is missing or different: show what we have
        pass
    return SyncStatus(sync_core_available(), unsent_records, unsent_items,
                      _text(workspace.setting(LAST_EXPORT)), _text(workspace.setting(LAST_IMPORT)))


def _int(value) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def _text(value) -> str | None:
    return str(value) if value else None
