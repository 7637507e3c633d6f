"""The rule: nothing asks PySide6 for its `Qt` namespace before the first window takes input.

PySide6 builds the namespace's 93 Python enums all at once, the first time anything reads `Qt`
(an enum argument, an overload check: `QDialogButtonBox(buttons, parent)` had Shiboken try the
overload taking a `Qt.Orientation`). The sign-in dialog and the setup wizard are written without
it (tests/packaging/test_startup_imports.py fails if either first window builds it); the main
window needs it, so `build_now()` builds it on the GUI thread once the first window is painted,
while the clerk types (Shiboken's lazy types are not for two threads at once).
Figures: docs/PERFORMANCE.md ("Start-up in one place").
"""

from __future__ import annotations


def build_now() -> None:
    from PySide6.QtCore import Qt  # noqa: F401 - asking for it is what builds it
