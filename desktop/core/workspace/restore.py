"""Restoring a backup into the data folder and reopening it for work.

The store's half (checking a backup, putting it in place with the old file kept aside) is
desktop.core.store.backup; this is the workspace's half: who may restore when the current
database is too damaged to sign in to (the backup's own accounts), and the restore as the app
and `township restore` both run it, ending with the restored database open and its "restore"
event recorded.

**A backup of another installation** (the PC it was taken on died or was replaced; the data
folder was lost) is encrypted under that installation's data key, which this one does not hold.
Each encrypted backup carries its data key wrapped under the recovery key
(desktop.core.store.backup.keyring_beside): `open_foreign_backup` unwraps it with the recovery
key of the installation it was taken on, and the restore then brings in a keyring for it (this
installation's is kept beside the replaced database): that recovery wrap, and each of the
backup's active accounts wrapped under its own password hash (as when a plain store was first
encrypted, renewed at the clerk's next sign-in), so the backup's clerks sign in with the
passwords they had when it was taken. This folder's private keys are sealed again under the key
that now opens the store.
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


def open_foreign_backup(backup_file: Path, recovery_key: str) -> bool:
    """Unlock another installation's encrypted backup with that installation's recovery key, from
    the wrap beside it; True when the key now known opens it."""
    from desktop.core.store import cipher
    from desktop.core.store.backup import keyring_beside
    from desktop.core.workspace.keyring import Keyring

    backup_file = Path(backup_file)
    ring = Keyring.load(keyring_beside(backup_file))
    if ring is None:
        return False
    key = ring.unlock_recovery(recovery_key)
    if key is None:
        return False
    if not cipher.opens(backup_file, key):   # a keyring that is not this backup's
        cipher.forget(ring.store)
        return False
    return True


def foreign_backup(backup_file: Path) -> bool:
    """True for an encrypted backup no key this process holds opens (another installation's) with
    a recovery wrap beside it; a file with none is refused as damaged or foreign by the check."""
    from desktop.core.errors import DataDirError
    from desktop.core.store.backup import keyring_beside

    if not keyring_beside(Path(backup_file)).is_file():
        return False
    try:
        check_backup_file(Path(backup_file))
    except DataDirError as error:
        return error.code == "foreign-key"
    return False


def put_in_place(data_dir_override, backup_file: Path, *, progress: Progress | None = None) -> Path | None:
    """The file half, with no connection of its own to the database: check the backup and copy
    it in place of the (closed) database, keeping the current one aside; returns where it was kept.
    `progress` hears the bytes copied and may cancel only before the database is moved aside.
    Another installation's backup (unlocked first: open_foreign_backup) brings its keyring."""
    paths = data_dir(data_dir_override)
    backup_file = Path(backup_file)
    swap = _keyring_swap(paths, backup_file)
    aside = restore(paths.db_path, backup_file, progress=progress)
    if swap is not None:
        swap(aside)
    return aside


def _keyring_swap(paths, backup_file: Path):
    """None when the backup opens under this installation's keyring; otherwise what brings the
    backup's keyring in once the backup is in place (checked here, before anything moves)."""
    from desktop.core.errors import UserError
    from desktop.core.i18n import Text
    from desktop.core.store import cipher
    from desktop.core.store.atomic import write_atomic
    from desktop.core.store.backup import keyring_beside
    from desktop.core.workspace.keyring import Keyring, keyring_path

    side = keyring_beside(backup_file)
    theirs = Keyring.load(side) if side.is_file() else None
    ring_file = keyring_path(paths.db_path)
    ours = Keyring.load(ring_file)
    if theirs is None or (ours is not None and ours.store == theirs.store):
        return None
    their_key = cipher.known(theirs.store)
    our_key = cipher.known(ours.store) if ours is not None else None
    if their_key is None or (ours is not None and our_key is None):
        raise UserError(Text("This backup was taken on another installation: open it first with that "
                             "installation's recovery key.",
                             "这个备份来自另一台电脑的安装：请先用那台安装的恢复密钥打开。"),
                        code="foreign-key")
    from desktop.core.workspace.keyring import wraps_from_hashes

    db = connect(backup_file, readonly=True, key=their_key)
    try:
        hashes = [(r[0], r[1]) for r in db.execute("SELECT name, password_hash FROM accounts WHERE active = 1")]
    finally:
        db.conn.close()
    brought = Keyring(path=ring_file, store=theirs.store, wraps={**theirs.wraps, **wraps_from_hashes(hashes, their_key)})

    def swap(aside: Path | None) -> None:
        if ours is not None:
            kept = (aside or paths.db_path).with_name((aside or paths.db_path).name + ".keyring.json")
            write_atomic(kept, ring_file.read_bytes(), mode=0o600)
        brought.save()
        if our_key is not None:   # this folder's sync keys, sealed under the key it had
            cipher.reseal_private(paths.keys, ("signing_ed25519", "age_identity.txt"), our_key, their_key)

    return swap


def reopen(data_dir_override, backup_file: Path, *, clerk: str, aside: Path | None) -> Restored:
    """Open the restored database (migrating it if it is older) and record the "restore" event."""
    restored = Workspace.open(data_dir_override)
    restored.clerk = clerk
    restored.record_event("restore", details={"file": Path(backup_file).name, "previous": aside.name if aside else None})
    restored.clerk = None     # nobody is signed in to the restored database yet
    return Restored(workspace=restored, aside=aside)
