"""Qt-free core: storage, forms, rules, sync, reports, accounts.

Nothing under this package may import PySide6 (tests/core/test_no_qt.py proves it), so the
command line, the county's batch work and the tests run without a display.
"""
