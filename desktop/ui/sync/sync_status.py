"""What the status bar says about sync, read from the sync core (desktop.core.sync.status).

Township: unsent changes = own records and outgoing items the county has not acknowledged; last
sync = the later of the last bundle written and the last acknowledgement received. County: the
items waiting to go back to townships, and the last bundle imported.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.exchange import exchange
from desktop.core.sync import status as sync_core_status


@dataclass(frozen=True)
class SyncStatus:
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


def read(workspace) -> SyncStatus:
    db = workspace.db
    if workspace.role == "township":
        state = sync_core_status.township_state(db, workspace.township)
        return SyncStatus(state.pending_records, state.pending_items, state.last_export_at, state.last_ack_at)
    last_export, last_import = sync_core_status.county_last_exchange(db)
    return SyncStatus(0, exchange.pending_out_count(db), last_export, last_import)
