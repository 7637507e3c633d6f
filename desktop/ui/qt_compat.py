"""A guard against a reference-counting bug of PySide6 6.12 on Python 3.11.

With PySide6 6.12.0 on Python 3.11, every call of a Qt method that returns nothing or a bool
takes one reference from `None` / `True` / `False` without having given it (on Python 3.12+
those objects are immortal, which hides the bug). After some thousands of calls the count
reaches zero and the interpreter aborts ("Fatal Python error: none_dealloc"), typically at exit
or in the middle of a day's typing. Until PySide is fixed (or the project moves to Python 3.12),
`protect()` gives these three singletons so many references that they can never reach zero,
which is what Python 3.12 does for them. It is idempotent and does nothing on 3.12+.
"""

from __future__ import annotations

import ctypes
import sys

_RESERVE = 1 << 40  # far more calls than a process will ever make
_done = False


def protect() -> None:
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every CPython object (release builds)
        ctypes.c_ssize_t.from_address(id(singleton)).value += _RESERVE
    _done = True


protect()
