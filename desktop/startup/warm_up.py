"""Warm-up after ready: what the clerk's first minutes need, loaded while the password is typed.

Once the sign-in dialog takes input, a worker thread loads the form packs of this installation
(pyxform, openpyxl, lark, the rules), pypinyin's dictionaries for search and cryptography's
Argon2id; the main window waits for it (desktop.ui.shell.app) only if the clerk is faster.
Nothing here runs before the first window, so it costs the start nothing: it moves about 0.8 s
of the main window's first build (docs/PERFORMANCE.md, "start to main window") into typing time.
Qt-free.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from desktop.startup import phases

if TYPE_CHECKING:
    from desktop.core.workspace.workspace import Workspace

log = logging.getLogger("township.startup")


def warm_up(workspace: Workspace | None) -> None:
    """Load, off the GUI thread, the forms of this installation, pinyin search and the password
    hash. Failures are left for the real use to report."""
    from desktop.core.store import search

    steps = [("search", search.warm_up), ("password hashing", _load_password_hashing)]
    if workspace is not None:
        steps.insert(0, ("forms", lambda: _load_forms(workspace)))
    for name, step in steps:
        try:
            step()
        except Exception:  # a warm-up is only an optimisation: the real use reports the failure
            log.info("warm-up of %s failed; it will load when first used", name, exc_info=True)
    phases.phase("warmed-up")


def _load_forms(workspace: Workspace) -> None:
    from desktop.core.entry import entry

    if workspace.role == "township":
        entry.registry(workspace).latest()


def _load_password_hashing() -> None:
    import cryptography.hazmat.primitives.kdf.argon2  # noqa: F401 - loaded for the sign-in click
