"""One open installation: its folders, its database (migrated), its settings and who is signed in.

The CLI and the GUI both start here. Opening checks the data folder and the database file and
turns every environment failure into a clear DataDirError; it never creates a database unless
asked to (`township init` or the setup wizard), so a mistyped --data-dir cannot silently start
an empty township.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.errors import DataDirError
from desktop.core.i18n import Text
from desktop.core.logs import setup_logging
from desktop.core.paths import DataDir, data_dir
from desktop.core.store import migrations, settings
from desktop.core.store.db import Database, connect, transaction, translate_error

if TYPE_CHECKING:
    from desktop.core.store import audit

log = logging.getLogger("township.store")

NOT_SET_UP = Text("No Township Desk data in {path}. Run `township init` (or start the app) to set it up.",
                  "{path} 中没有本系统的数据。请先运行 `township init`（或启动程序）进行设置。")


@dataclass
class Workspace:
    """An open installation. (A dataclass with a docstring: without one, dataclasses builds its
    doc from inspect.signature, which is slow the first time, at start-up.)"""

    paths: DataDir
    db: Database
    clerk: str | None = None
    clerk_role: str | None = None
    _settings: dict = field(default_factory=dict, repr=False)

    @classmethod
    def open(cls, override: str | os.PathLike | None = None, *, create: bool = False) -> Workspace:
        paths = data_dir(override)
        if not create and not paths.db_path.exists():
            raise DataDirError(NOT_SET_UP.format(path=paths.root), code="not-set-up")
        try:
            paths.ensure()
        except OSError as error:
            raise DataDirError(Text("Cannot use the data folder {path}: {err}",
                                    "无法使用数据文件夹 {path}：{err}")
                               .format(path=paths.root, err=error.strerror), code="read-only") from error
        setup_logging(paths.logs)
        db = connect(paths.db_path)
        try:
            existed = bool(migrations.applied_numbers(db))
            newest = max(migrations.applied_numbers(db), default=0)
            if newest > migrations.newest_known():
                raise DataDirError(Text(
                    "This database was written by a newer version of Township Desk; update the program.",
                    "该数据库由更新版本的程序写入，请先升级程序。"), code="newer")

            def backup_first(todo):
                if existed:
                    from desktop.core.store import backup

                    backup.snapshot(db, paths.backups, "premigrate")

            migrations.migrate(db, before=backup_first)
        except sqlite3.Error as error:
            db.conn.close()
            raise translate_error(error, paths.db_path) from error
        except Exception:
            db.conn.close()
            raise
        workspace = cls(paths=paths, db=db)
        workspace.reload_settings()
        return workspace

    def reload_settings(self) -> None:
        self._settings = settings.all_settings(self.db)

    def setting(self, key: str, default=None):
        return self._settings.get(key, default)

    def put_setting(self, key: str, value) -> None:
        with transaction(self.db):
            settings.put(self.db, key, value)
        self._settings[key] = value
        if key in (settings.LANGUAGE, settings.LARGE_TEXT, settings.LAST_CLERK):
            from desktop.core.workspace import sign_in_card

            sign_in_card.refresh(self)

    @property
    def role(self) -> str | None:
        return self._settings.get(settings.ROLE)

    @property
    def township(self) -> str | None:
        return self._settings.get(settings.TOWNSHIP)

    @property
    def county(self) -> str | None:
        return self._settings.get(settings.COUNTY)

    @property
    def is_set_up(self) -> bool:
        return self.role in ("township", "county")

    def record_event(self, event: str, **kwargs) -> audit.AuditEntry:
        """Append one audit event in its own transaction (login, print, export, ...)."""
        from desktop.core.store import audit  # loaded with the first event, not with the store (start-up)

        with transaction(self.db):
            return audit.append(self.db, event, clerk=self.clerk or "system", **kwargs)

    def daily_backup(self) -> Path | None:
        from desktop.core.store import backup

        return backup.daily_if_due(self.db, self.paths.backups)

    def close(self) -> None:
        try:
            self.db.close()
        except sqlite3.Error:  # closing twice or after a failure is harmless
            pass

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
