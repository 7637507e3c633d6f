"""Atomic file writes: a temp file in the same folder, flush, fsync, rename, fsync the folder.

Used for keys, bundles on removable drives, drafts, installed form packs and backups (DESIGN.md,
convention 7): a reader sees the
old file or the complete new one, never half of one, and a file with a final name is on the disk
before we say so. Temp files start with "." and end in ".part" so an interrupted write is never
mistaken for a finished bundle; `remove_stale_parts` clears them on the next attempt.
"""

from __future__ import annotations

import errno
import os
import secrets
from pathlib import Path

from desktop.core.errors import StorageFullError, UserError
from desktop.core.i18n import Text

PART_SUFFIX = ".part"


def fsync_directory(folder: Path) -> None:
    """Make a rename in `folder` durable; not possible (nor needed) on Windows."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def temp_path_for(path: Path) -> Path:
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}{PART_SUFFIX}")


def environment_error(error: OSError, target: Path) -> UserError:
    """A disk's refusal as a plain message: full, read-only, no permission, missing, other."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return StorageFullError(Text(f"the drive holding {target} is full; nothing was written",
                                     f"{target} 所在的磁盘已满，未写入任何内容"), code="disk-full")
    if error.errno == errno.EROFS:
        return UserError(Text(f"{target} is on a read-only drive (is the stick write-protected?); nothing was written",
                              f"{target} 所在的磁盘是只读的（U 盘是否写保护？），未写入任何内容"), code="read-only")
    if error.errno in (errno.EACCES, errno.EPERM):
        return UserError(Text(f"no permission to write to {target}; nothing was written",
                              f"没有写入 {target} 的权限，未写入任何内容"), code="no-permission")
    if error.errno == errno.ENOENT:
        return UserError(Text(f"the folder for {target} does not exist (was the stick removed?)",
                              f"{target} 所在的文件夹不存在（U 盘是否已拔出？）"), code="missing-folder")
    return UserError(Text(f"could not write {target}: {error.strerror}",
                          f"无法写入 {target}：{error.strerror}"), code="write-failed")


def replace_durably(path: Path, data: bytes, *, mode: int | None = None, replace: bool = True) -> None:
    """Write `data` to `path` so it appears whole or not at all; OSError passes through (for
    callers that carry on after a failed write, such as draft autosave)."""
    path = Path(path)
    temp = temp_path_for(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(temp, flags, 0o600 if mode is None else mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temp, mode)
        if not replace and path.exists():
            raise FileExistsError(errno.EEXIST, "exists", str(path))
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    fsync_directory(path.parent)


def write_atomic(path: Path, data: bytes, *, mode: int | None = None, replace: bool = True) -> None:
    """`replace_durably`, with the disk's refusal turned into a plain UserError.

    `replace=False` refuses to overwrite an existing file (the check and the rename are not one
    step, but both writers of a given name are this program on this machine).
    """
    path = Path(path)
    try:
        replace_durably(path, data, mode=mode, replace=replace)
    except FileExistsError:
        raise UserError(Text(f"{path} already exists; it was left as it is",
                             f"{path} 已存在，未覆盖"), code="exists") from None
    except OSError as error:
        raise environment_error(error, path) from None


def remove_stale_parts(folder: Path, stem_prefix: str) -> int:
    """Delete temp files left by an interrupted write of files named `stem_prefix...`."""
    removed = 0
    try:
        for leftover in Path(folder).glob(f".{stem_prefix}*{PART_SUFFIX}"):
            leftover.unlink(missing_ok=True)
            removed += 1
    except OSError:
        pass  # best effort: a leftover is harmless, it never has a final name
    return removed
