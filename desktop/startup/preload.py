"""The Qt-free modules the sign-in dialog needs, imported before PySide6 (desktop.cli calls
`before_qt` on a GUI start).

Once PySide6 is imported, its import hook reads back the source of every module named by an
import statement, to learn whether the module uses PySide6's `__feature__` switches: 0.1-0.5 ms
a module, about 4 ms for the store, the accounts and the place name behind the sign-in dialog
(docs/PERFORMANCE.md). Imported first, they pass before the hook exists. On first run (no
database yet) nothing is loaded here: the setup wizard needs none of it before its first page;
nor when the sign-in dialog can show from its card (desktop.core.workspace.sign_in_card), which it does
on every start but the first after an update: the store then loads once the dialog takes input.
This module must not import PySide6.
"""

from __future__ import annotations

import os


def before_qt(data_dir_override: str | os.PathLike | None) -> None:
    from desktop.core.paths import data_dir
    from desktop.core.workspace import sign_in_card

    paths = data_dir(data_dir_override)
    if not paths.db_path.exists() or sign_in_card.card_path(paths).exists():
        return   # first run, or the sign-in dialog shows from its card: the store loads after it
    import csv  # noqa: F401 - the place name (codelists_divisions.name_of)

    import desktop.core.codelists.codelists_divisions  # noqa: F401 - the place name
    import desktop.core.workspace.accounts  # noqa: F401 - the clerks' names
    import desktop.core.workspace.workspace  # noqa: F401 - the store: sqlite3, json, migrations, settings, logs
    import desktop.ui.shell.formatting  # noqa: F401 - Qt-free: how names are shown
