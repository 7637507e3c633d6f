"""Named points in export and import where the crash-consistency tests kill the process.

`point(name)` does nothing unless the environment variable TOWNSHIP_SYNC_KILL_AT names it
(`NAME` or `NAME:N`, the N-th time the point is reached, counting from 1): then the process
kills itself with SIGKILL, as a power cut or a killed program would stop it there. The points
are the steps whose order matters for consistency (docs/SYNC.md, "Crash consistency"); the
fault suite (tests/core/sync/test_sync_faults.py) kills a real `township` process at each.
"""

from __future__ import annotations

import os
import signal

KILL_AT = "TOWNSHIP_SYNC_KILL_AT"

EXPORT_POINTS = ("export-read", "export-built", "export-written", "export-recorded")
IMPORT_POINTS = ("import-verified", "import-applied", "import-committed", "import-checked")

_reached: dict[str, int] = {}


def point(name: str) -> None:
    wanted = os.environ.get(KILL_AT)
    if not wanted:
        return
    target, _, count = wanted.partition(":")
    if target != name:
        return
    _reached[name] = _reached.get(name, 0) + 1
    if _reached[name] == int(count or 1) and hasattr(signal, "SIGKILL"):
        os.kill(os.getpid(), signal.SIGKILL)
