"""The Qt binding must not leak references to None (PySide6 6.12.0 did, and a long-running app
on Python < 3.12 then aborts with "Fatal Python error: none_dealloc")."""

import sys

from PySide6.QtCore import QRect


def test_void_qt_calls_do_not_leak_none():
    before = sys.getrefcount(None)
    for _ in range(20_000):
        QRect().setX(0)
    assert sys.getrefcount(None) - before < 1_000
