"""Snapshots of the database with SQLite's backup API, and restoring one safely.

A snapshot is written to a temp file beside its final name, fsynced, then renamed, so a power
cut never leaves a half-written file under a backup's name. Automatic daily snapshots are kept
as below; one is also taken before every migration. Restoring checks the chosen file's integrity
first and moves the current database aside (never deletes it), so a wrong restore can be undone.
Retention of the automatic snapshots (`retained`): the newest of each of the last KEEP_DAILY days
that have one, and the newest of each of the KEEP_WEEKLY ISO weeks before those - at most 11
files however long the store is used (docs/STORAGE.md).
`describe` reads what a backup holds (when taken, what kind, how many records) without writing to
it. Reopening the restored database for work is desktop.core.workspace.restore.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.core.clock import now
from desktop.core.errors import DataDirError, UserError
from desktop.core.i18n import Text
from desktop.core.progress import Cancelled, Progress, ensure
from desktop.core.store import cipher, cipher_format
from desktop.core.store.atomic import fsync_directory
from desktop.core.store.db import Database, check_is_sqlite, db_path, is_plain
from desktop.core.store.driver import sqlite3

log = logging.getLogger("township.backup")
KEEP_DAILY = 7                # the newest snapshot of each of the last 7 days with one
KEEP_WEEKLY = 4               # and of each of the 4 weeks before those
SUFFIX = ".db"
KINDS = ("daily", "premigrate", "manual")
NAME_PATTERN = re.compile(r"^(?P<kind>[a-z]+)-(?P<stamp>\d{8}-\d{6})")
PAGES_PER_STEP = 256          # SQLite pages copied between two progress reports (1 MiB at 4 KiB)
COPY_CHUNK = 1 << 20


def snapshot(db: Database, folder: Path, kind: str = "manual", *, progress: Progress | None = None) -> Path:
    """Copy the live database to folder/<kind>-<time>.db; returns the new file. `progress` hears
    the pages copied; cancelling leaves no file behind."""
    progress = ensure(progress)
    label = Text("copying the database", "复制数据库")

    def copied(_status, remaining, total):
        progress(total - remaining, total, label)
        progress.check()

    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        final = folder / f"{kind}-{now().strftime('%Y%m%d-%H%M%S')}{SUFFIX}"
        counter = 1
        while final.exists():
            final = folder / f"{kind}-{now().strftime('%Y%m%d-%H%M%S')}-{counter}{SUFFIX}"
            counter += 1
        temp = final.with_name("." + final.name + ".tmp")
        target = sqlite3.connect(temp)
        if db.key is not None:   # the snapshot is encrypted under the store's own data key, in its format
            cipher_format.apply_key(target, db.key, db.cipher_format or cipher_format.CURRENT)
        try:
            db.conn.backup(target, pages=PAGES_PER_STEP, progress=copied)
            target.execute("PRAGMA journal_mode=DELETE")
        except Cancelled:
            target.close()
            temp.unlink(missing_ok=True)
            raise
        finally:
            target.close()
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, final)
        _keyring_with(db, final)
        fsync_directory(folder)
    except OSError as error:
        raise UserError(Text("Could not write the backup to {folder}: {err}",
                             "无法把备份写到 {folder}：{err}").format(folder=folder, err=error.strerror),
                        code="backup-failed") from error
    log.info("snapshot written: %s", final.name)
    return final


KEYRING_SIDE = ".keyring.json"


def keyring_beside(backup_file: Path) -> Path:
    """The recovery wrap written beside an encrypted backup."""
    backup_file = Path(backup_file)
    return backup_file.with_name(backup_file.name + KEYRING_SIDE)


def _keyring_with(db: Database, backup_file: Path) -> None:
    """An encrypted backup carries the store's data key wrapped under the recovery key (the
    keyring's `recovery` entry alone), so that on another PC, or after the data folder is lost,
    the recovery key from the office safe opens it. Only that wrap: the clerks' password wraps
    would let whoever finds a lost stick guess passwords against it offline, where the recovery
    key's 200 bits leave nothing to guess."""
    if db.key is None:
        return
    import json

    ring = Path(db_path(db)).with_name("keyring.json")
    try:
        data = json.loads(ring.read_text(encoding="utf-8"))
        wrap = data["wraps"]["recovery"]
    except (OSError, ValueError, KeyError):
        log.info("no recovery key: the backup %s opens only beside this keyring", backup_file.name)
        return
    from desktop.core.store.atomic import write_atomic

    side = {"format": data.get("format"), "cipher": data.get("cipher"), "store": data["store"],
            "wraps": {"recovery": wrap}}
    write_atomic(keyring_beside(backup_file), json.dumps(side, indent=1, sort_keys=True).encode("utf-8"),
                 mode=0o600)


def list_backups(folder: Path, kind: str | None = None) -> list[Path]:
    folder = Path(folder)
    if not folder.is_dir():
        return []
    pattern = f"{kind}-*{SUFFIX}" if kind else f"*{SUFFIX}"
    return sorted(folder.glob(pattern), key=lambda p: p.name)


def daily_due(folder: Path) -> bool:
    """Whether today's automatic snapshot is still to be taken (one directory listing)."""
    today = now().strftime("%Y%m%d")
    return not any(p.name.startswith(f"daily-{today}") for p in list_backups(folder, "daily"))


def daily_if_due(db: Database, folder: Path, *, progress: Progress | None = None) -> Path | None:
    """Take today's automatic snapshot if there is none yet (SQLite's online backup, in steps of
    PAGES_PER_STEP pages), then delete the automatic snapshots `retained` does not keep."""
    if not daily_due(folder):
        return None
    made = snapshot(db, folder, "daily", progress=progress)
    prune_daily(folder)
    return made


def retained(paths: list[Path]) -> set[Path]:
    """Which automatic snapshots to keep: the newest of each of the KEEP_DAILY most recent days
    that have one, then the newest of each of the KEEP_WEEKLY most recent ISO weeks older than
    those days. Files whose name carries no time are kept (not ours to judge)."""
    dated = []
    keep = set()
    for path in paths:
        match = NAME_PATTERN.match(path.name)
        try:
            dated.append((datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S"), path))
        except (TypeError, ValueError):
            keep.add(path)
    dated.sort(reverse=True)
    days: list = []
    weeks: list = []
    for taken, path in dated:
        day = taken.date()
        if day in days:
            continue
        if len(days) < KEEP_DAILY:
            days.append(day)
            keep.add(path)
            continue
        week = day.isocalendar()[:2]
        if week in weeks or any(d.isocalendar()[:2] == week for d in days[-1:]):
            continue           # this week is the one the oldest kept day falls in, or already kept
        if len(weeks) < KEEP_WEEKLY:
            weeks.append(week)
            keep.add(path)
    return keep


def prune_daily(folder: Path) -> int:
    """Delete the automatic snapshots `retained` does not keep; how many were deleted."""
    daily = list_backups(folder, "daily")
    keep = retained(daily)
    removed = 0
    for old in daily:
        if old not in keep:
            old.unlink(missing_ok=True)
            keyring_beside(old).unlink(missing_ok=True)
            removed += 1
    return removed


def check_backup_file(path: Path) -> None:
    """Refuse a file that is missing, not SQLite, damaged, or not one of our databases."""
    path = Path(path)
    if not path.is_file():
        raise UserError(Text("No backup file at {path}.", "找不到备份文件 {path}。").format(path=path),
                        code="not-found")
    key = _key_or_refuse(path)
    try:
        if key is None:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        else:   # a backup taken before the store's format changed is in the format it had
            conn = cipher_format.connect_keyed(f"file:{path}?mode=ro", key, uri=True)[0]
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            newest = (conn.execute("SELECT max(number) FROM schema_migrations").fetchone()[0]
                      if result == "ok" and "schema_migrations" in tables else None)
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise DataDirError(Text("The backup {path} is damaged: {err}", "备份 {path} 已损坏：{err}")
                           .format(path=path, err=error)) from error
    if result != "ok":
        raise DataDirError(Text("The backup {path} is damaged: {err}", "备份 {path} 已损坏：{err}")
                           .format(path=path, err=result))
    if not {"records", "audit", "schema_migrations"} <= tables:
        raise DataDirError(Text("{path} is not a Township Desk backup.", "{path} 不是本系统的备份。")
                           .format(path=path))
    from desktop.core.store import migrations

    if (newest or 0) > migrations.newest_known():
        raise DataDirError(Text("The backup {path} was written by a newer version of Township Desk; "
                                "update the program before restoring it.",
                                "备份 {path} 由更新版本的程序写入，请先升级程序再恢复。").format(path=path),
                           code="newer")


def _copy_file(source: Path, target: Path, progress: Progress) -> None:
    """shutil.copyfile in 1 MiB steps, each reported (bytes done of all)."""
    total = source.stat().st_size
    label = Text("copying the backup into place", "把备份复制到位")
    done = 0
    progress(0, total, label)
    with open(source, "rb") as reading, open(target, "wb") as writing:
        while chunk := reading.read(COPY_CHUNK):
            writing.write(chunk)
            done += len(chunk)
            progress(done, total)


def restore(db_path: Path, backup_file: Path, *, progress: Progress | None = None) -> Path | None:
    """Put `backup_file` in place of the database (which must be closed); returns where the
    old database was moved, or None if there was none. `progress` hears the bytes copied; it
    can cancel only before the current database is moved aside."""
    progress = ensure(progress)
    db_path, backup_file = Path(db_path), Path(backup_file)
    check_backup_file(backup_file)
    progress.check()
    stamp = now().strftime("%Y%m%d-%H%M%S")
    aside = None
    try:
        if db_path.exists():
            aside = db_path.with_name(f"{db_path.name}.replaced-{stamp}")
            os.replace(db_path, aside)
            for suffix in ("-wal", "-shm"):
                side = db_path.with_name(db_path.name + suffix)
                if side.exists():
                    os.replace(side, aside.with_name(aside.name + suffix))
        temp = db_path.with_name("." + db_path.name + ".restoring")
        _copy_file(backup_file, temp, progress)
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, db_path)
        fsync_directory(db_path.parent)
    except OSError as error:
        raise UserError(Text("Restore failed: {err}. The previous database is kept at {aside}.",
                             "恢复失败：{err}。原数据库保存在 {aside}。")
                        .format(err=error.strerror, aside=aside or db_path), code="restore-failed") from error
    log.info("restored from %s; previous database kept as %s", backup_file.name, aside and aside.name)
    return aside


@dataclass(frozen=True)
class BackupInfo:
    """What the restore list shows about one backup file."""

    path: Path
    kind: str                 # "daily", "premigrate", "manual" or "other" (a file named otherwise)
    taken_at: datetime        # from the file name our snapshots carry, else the file's modification time
    size: int                 # bytes
    records: int | None       # records not deleted; None when the file cannot be read as our database


def describe(path: Path) -> BackupInfo:
    """Read a backup's kind, time, size and record count; the file is opened read-only and
    immutable, so not even a lock or journal file is written beside it (a write-protected stick)."""
    path = Path(path)
    stat = path.stat()
    match = NAME_PATTERN.match(path.name)
    kind = match["kind"] if match and match["kind"] in KINDS else "other"
    try:
        taken_at = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S") if match else None
    except ValueError:
        taken_at = None
    return BackupInfo(path=path, kind=kind, taken_at=taken_at or datetime.fromtimestamp(stat.st_mtime),
                      size=stat.st_size, records=_count_records(path))


def _key_or_refuse(path: Path) -> bytes | None:
    """None for a plain file (checked to be SQLite); the data key that opens an encrypted one."""
    if is_plain(path) or path.stat().st_size == 0:
        check_is_sqlite(path)
        return None
    key = cipher.key_for(path)
    if key is None:
        raise DataDirError(Text("{path} is not a Township Desk database of this installation: damaged, another "
                                "kind of file, or another installation's backup (encrypted under its key).",
                                "{path} 不是本机的数据库：文件已损坏、类型不对，或是别的安装的备份（用它的密钥加密）。")
                           .format(path=path),
                           code="foreign-key")
    return key


def _count_records(path: Path) -> int | None:
    try:
        key = _key_or_refuse(path)
        target = f"{path.absolute().as_uri()}?mode=ro&immutable=1"
        conn = (sqlite3.connect(target, uri=True) if key is None
                else cipher_format.connect_keyed(target, key, uri=True)[0])
        try:
            return conn.execute("SELECT count(*) FROM records WHERE deleted = 0").fetchone()[0]
        finally:
            conn.close()
    except (sqlite3.Error, UserError, OSError):
        return None


def describe_folder(folder: Path) -> list[BackupInfo]:
    """Every backup in `folder`, newest first."""
    found = []
    for path in list_backups(folder):
        try:
            found.append(describe(path))
        except OSError:   # removed while we looked
            continue
    return sorted(found, key=lambda info: info.taken_at, reverse=True)
