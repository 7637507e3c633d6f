"""The sync folder on a USB stick (or a shared folder): where it is and which bundles in it are new.

A stick carries one folder, `TownshipDesk/` at its root (docs/SYNC.md). Townships write their data
bundles into it and pick up the return bundles the county wrote there; the county picks up the
townships' data bundles and writes return bundles into it. A configured folder (setting
`sync_folder`, e.g. a network share) is used the same way, as the sync folder itself.

Finding the mounted drives is the UI's business (Qt's QStorageInfo); this module only decides,
for a given drive root or folder, whether it holds the sync folder and what waits in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.core.store import settings
from desktop.core.store.db import Database
from desktop.core.sync import bundle

SYNC_FOLDER_NAME = "TownshipDesk"
SYNC_FOLDER_SETTING = "sync_folder"


@dataclass(frozen=True)
class SyncFolder:
    """A sync folder found on a drive or configured; `label` names the drive for the clerk."""

    path: Path
    label: str
    configured: bool = False
    read_only: bool = False


def sync_folder_on(root: Path) -> Path | None:
    """The sync folder at the root of a drive, if the drive holds one."""
    candidate = Path(root) / SYNC_FOLDER_NAME
    try:
        return candidate if candidate.is_dir() else None
    except OSError:  # a drive that went away between listing and looking
        return None


def configured_folder(db: Database) -> Path | None:
    value = settings.get(db, SYNC_FOLDER_SETTING)
    return Path(value) if value else None


def configured_sync_folder(value: str | Path | None) -> SyncFolder | None:
    """The configured folder as a SyncFolder when it exists now (a share may be offline)."""
    if not value:
        return None
    path = Path(value)
    try:
        if not path.is_dir():
            return None
    except OSError:
        return None
    return SyncFolder(path, str(path), configured=True)


def _bundles(folder: Path) -> list[tuple[Path, str, str, int]]:
    found = []
    try:
        entries = sorted(Path(folder).iterdir())
    except OSError:
        return []
    for path in entries:
        parsed = bundle.parse_bundle_file_name(path.name)
        if parsed is not None and path.is_file():
            found.append((path, *parsed))
    return found


def new_return_bundles(db: Database, folder: Path, township: str) -> list[Path]:
    """Township: return bundles for this township in `folder` newer than the last one imported."""
    row = db.execute("SELECT last_sequence FROM sync_peers WHERE kind = ? AND township = ?",
                     [bundle.KIND_RETURN, township]).fetchone()
    last = row[0] if row else 0
    return [path for path, kind, code, sequence in _bundles(folder)
            if kind == bundle.KIND_RETURN and code == township and sequence > last]


def new_data_bundles(db: Database, folder: Path) -> list[Path]:
    """County: township data bundles in `folder` newer than what was imported from that township,
    oldest first (so a township's bundles are applied in order)."""
    last = dict(db.execute("SELECT township, last_sequence FROM sync_peers WHERE kind = ?", [bundle.KIND_DATA]))
    found = [(code, sequence, path) for path, kind, code, sequence in _bundles(folder)
             if kind == bundle.KIND_DATA and (sequence > last.get(code, 0) or _unseen(db, code, path))]
    return [path for _code, _sequence, path in sorted(found)]


def _unseen(db: Database, township: str, path: Path) -> bool:
    """A bundle numbered at or below the last one imported that the county never tried: a PC
    that lost its place (restored, or new) numbered its bundle again - a rejoin request
    (desktop.core.sync.positions) - so it is imported too; one already tried is not."""
    claimed = bundle.peek_identity(path)
    return claimed is not None and db.execute(
        "SELECT 1 FROM sync_received WHERE kind = ? AND township = ? AND sha256 = ?",
        [bundle.KIND_DATA, township, claimed]).fetchone() is None
