"""Restoring a backup into the data folder and reopening it for work.

The store's half (checking a backup, putting it in place with the old file kept aside) is
desktop.core.store.backup; this is the workspace's half: who may restore when the current
database is too damaged to sign in to (the backup's own accounts), and the restore as the app
and `township restore` both run it, ending with the restored database open and its "restore"
event recorded.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from desktop.core.paths import data_dir
from desktop.core.progress import Progress
from desktop.core.store.backup import check_backup_file, restore
from desktop.core.store.db import connect
from desktop.core.workspace import accounts
from desktop.core.workspace.workspace import Workspace


@contextmanager
def _backup_accounts(backup_file: Path):
    """The backup opened read-only, for the two questions below."""
    from desktop.core.store import cipher

    db = connect(Path(backup_file), readonly=True, key=cipher.key_for(Path(backup_file)))
    try:
        yield db
    finally:
        db.conn.close()


def clerks_in(backup_file: Path) -> list[str]:
    """The active accounts of a backup: who could restore it when the current database is too
    damaged to sign in to."""
    with _backup_accounts(backup_file) as db:
        return [name for name, _role in accounts.names(db)]


def sign_in_to_backup(backup_file: Path, clerk: str, password: str) -> str:
    """Check that `clerk` may restore, against the backup's own accounts (used when the current
    database cannot be opened); returns the clerk's name, raises UserError otherwise."""
    with _backup_accounts(backup_file) as db:
        accounts.require(accounts.authenticate(db, clerk, password), "restore")
        return clerk


@dataclass
class Restored:
    workspace: object         # the reopened desktop.core.workspace.workspace.Workspace (the caller closes it)
    aside: Path | None        # where the replaced database was kept


def restore_and_reopen(data_dir_override, backup_file: Path, *, clerk: str, workspace=None,
                       progress: Progress | None = None) -> Restored:
    """The whole restore: check the backup (a damaged one is refused before anything changes),
    close the open workspace, put the backup in place keeping the current database aside, open
    the restored database (migrating it if it is older) and record the "restore" event in it.

    The caller has checked that `clerk` may restore (accounts.require(role, "restore")): against
    the current database, or against the backup when the current one is too damaged to sign in to.
    The app runs the same two halves apart: `put_in_place` on a worker (with the workspace closed
    on the thread that used it) and `reopen` back on the GUI thread.
    """
    backup_file = Path(backup_file)
    check_backup_file(backup_file)
    if workspace is not None:
        workspace.close()
    aside = put_in_place(data_dir_override, backup_file, progress=progress)
    return reopen(data_dir_override, backup_file, clerk=clerk, aside=aside)


def put_in_place(data_dir_override, backup_file: Path, *, progress: Progress | None = None) -> Path | None:
    """The file half, with no connection of its own to the database: check the backup and copy
    it in place of the (closed) database, keeping the current one aside; returns where it was kept.
    `progress` hears the bytes copied and may cancel only before the database is moved aside."""
    return restore(data_dir(data_dir_override).db_path, Path(backup_file), progress=progress)


def reopen(data_dir_override, backup_file: Path, *, clerk: str, aside: Path | None) -> Restored:
    """Open the restored database (migrating it if it is older) and record the "restore" event."""
    restored = Workspace.open(data_dir_override)
    restored.clerk = clerk
    restored.record_event("restore", details={"file": Path(backup_file).name, "previous": aside.name if aside else None})
    restored.clerk = None     # nobody is signed in to the restored database yet
    return Restored(workspace=restored, aside=aside)
