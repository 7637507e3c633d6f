"""Where things live: the data folder (database, backups, logs, keys) and the bundled resources.

The data folder defaults to the platform's per-user data directory (platformdirs); `--data-dir`
or TOWNSHIP_DATA_DIR puts everything under one folder instead, which is what tests and a
county's second install use. `resources_dir()` finds `resources/` the same way from a source
checkout, an installed wheel and a PyInstaller build.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

APP_NAME = "TownshipDesk"
DB_NAME = "township.db"


@dataclass(frozen=True)
class DataDir:
    """The folders of one installation; nothing here is created until `ensure()`."""

    root: Path
    backups: Path
    logs: Path
    config: Path

    @property
    def db_path(self) -> Path:
        return self.root / DB_NAME

    @property
    def keys(self) -> Path:
        return self.root / "keys"

    @property
    def drafts(self) -> Path:
        return self.root / "drafts"

    def ensure(self) -> DataDir:
        for folder in (self.root, self.backups, self.logs, self.config):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def data_dir(override: str | os.PathLike | None = None) -> DataDir:
    """The data folder: `override`, else TOWNSHIP_DATA_DIR, else the platform's folders."""
    chosen = override or os.environ.get("TOWNSHIP_DATA_DIR")
    if chosen:
        root = Path(chosen).expanduser().absolute()
        return DataDir(root=root, backups=root / "backups", logs=root / "logs", config=root / "config")
    import platformdirs  # only here: a start with --data-dir or TOWNSHIP_DATA_DIR does without it

    return DataDir(
        root=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        backups=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "backups",
        logs=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        config=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
    )


@cache
def resources_dir() -> Path:
    """`resources/`: beside the executable when frozen, beside the package in a checkout,
    inside the package (desktop/resources) when installed from a wheel."""
    candidates = []
    if getattr(sys, "frozen", False):
        candidates.append(Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "resources")
    package = Path(__file__).resolve().parent.parent
    candidates += [package.parent / "resources", package / "resources"]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("resources folder not found; looked in: " + ", ".join(map(str, candidates)))


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
