"""Owner-only files: everything the app writes under its data folder is readable by the PC
account that runs it and nobody else.

On POSIX the process's umask becomes 077 when a workspace opens (every file and folder written
from then on is 0600 / 0700), and what is already there (a folder made by an older version, a
file copied in) is set to 0600 / 0700 on each open. On Windows the data folder gets an ACL that
grants full control to the signed-in Windows account and to SYSTEM only, inherited by everything
below it, with the inherited entries (Users, Authenticated Users) removed:

    icacls <folder> /inheritance:r /grant:r "<user>:(OI)(CI)F" "*S-1-5-18:(OI)(CI)F"

That runs once per folder (a marker file records it); it is not run by the test suite, which
runs on Linux.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

log = logging.getLogger("township.store")
WINDOWS_MARKER = ".owner-only"


def restrict(*folders: Path) -> None:
    if os.name == "nt":
        for folder in folders:
            _windows_acl(Path(folder))
        return
    os.umask(0o077)
    for folder in folders:
        _posix_tree(Path(folder))


def _posix_tree(folder: Path) -> None:
    if not folder.is_dir():
        return
    _owner_only(folder)
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in (*dirnames, *filenames):
            _owner_only(Path(dirpath) / name)


def _owner_only(path: Path) -> None:
    """Take the group's and others' bits away; the owner's stay as they are (a folder made
    read-only on purpose stays read-only)."""
    try:
        info = path.lstat()
        mode = stat.S_IMODE(info.st_mode)
        if stat.S_ISLNK(info.st_mode) or not mode & 0o077:
            return
        os.chmod(path, mode & 0o700)
    except OSError as error:   # a file of another account, a read-only medium: the app still works
        log.info("could not make %s owner-only: %s", path, error.strerror)


def _windows_acl(folder: Path) -> None:   # pragma: no cover - Windows only
    import subprocess

    marker = folder / WINDOWS_MARKER
    if not folder.is_dir() or marker.exists():
        return
    user = os.environ.get("USERNAME")
    if not user:
        return
    domain = os.environ.get("USERDOMAIN")
    account = f"{domain}\\{user}" if domain else user
    done = subprocess.run(["icacls", str(folder), "/inheritance:r", "/grant:r", f"{account}:(OI)(CI)F",
                           "*S-1-5-18:(OI)(CI)F", "/T", "/C", "/Q"], capture_output=True, text=True)
    if done.returncode == 0:
        marker.write_text("owner-only ACL set\n", encoding="ascii")
    else:
        log.info("could not set an owner-only ACL on %s: %s", folder, done.stderr.strip())
