"""The recovery key's two uses, for the command line and the GUI alike: making a new one (the old
one stops working) and giving a clerk who forgot the password a new one with it.

The recovery key is never kept on the PC: keyring.json holds the data key wrapped under it, not
the key itself, so it cannot be shown again, only replaced. Replacing it is a supervisor's or an
admin's action and an audit event. A reset with it needs nobody signed in: the key opens the store
on its own (that is what it is for), the account gets the new password (and is made active again),
and the store is shut again unless this process had it open before.
"""

from __future__ import annotations

from desktop.core.errors import UserError
from desktop.core.i18n import Text


def make_new(workspace) -> str:
    """A new recovery key for the open store, returned to be shown once; the old one stops working."""
    from desktop.core.workspace import accounts

    accounts.require(workspace.clerk_role, "recovery_key")
    if workspace.keyring is None or workspace.data_key is None:
        raise UserError(Text("This data is not encrypted: it has no recovery key.",
                             "这些数据没有加密，没有恢复密钥。"), code="not-encrypted")
    recovery_key = workspace.keyring.set_recovery(workspace.data_key)
    workspace.record_event("account", details={"action": "recovery_key"})
    return recovery_key


def wrong_key() -> UserError:
    return UserError(Text("This recovery key does not open the data on this PC. Check it against the "
                          "printed sheet (letters and digits; the dashes do not matter).",
                          "这个恢复密钥打不开本机的数据。请对照打印的恢复密钥检查（字母和数字，横线可不输）。"),
                     code="bad-recovery-key")


def reset_password(data_dir, name: str, recovery_key: str, new_password: str) -> None:
    """`name` gets `new_password` on the store the recovery key opens (UserError: a wrong key, an
    unknown account, a password the rules refuse)."""
    from desktop.core.paths import data_dir as find_data_dir
    from desktop.core.store import cipher
    from desktop.core.store.db import transaction
    from desktop.core.workspace import accounts
    from desktop.core.workspace.keyring import Keyring, keyring_path
    from desktop.core.workspace.workspace import Workspace

    accounts.validate_new_password(new_password, name)
    paths = find_data_dir(data_dir)
    ring = Keyring.load(keyring_path(paths.db_path))
    if ring is None:
        raise wrong_key()
    held_before = cipher.known(ring.store) is not None
    key = ring.unlock_recovery(recovery_key)
    if key is None:
        raise wrong_key()
    try:
        with Workspace.open(data_dir, key=key) as workspace:
            with transaction(workspace.db):
                accounts.recover_password(workspace.db, name, new_password)
            from desktop.core.workspace import sign_in_card

            sign_in_card.refresh(workspace)   # a reactivated clerk is listed at the sign-in again
    finally:
        if not held_before:   # the clerk signs in with the new password, which unwraps it again
            cipher.forget(ring.store)
