"""Start-up in one place: every trick that keeps the first window quick, one module per concern.

Budget (DESIGN.md): start to ready-for-input at most 1.3x a bare PySide6 window. Each trick below
was measured from outside the app, with and without it, in one run (tests/bench/startup_tricks.py;
figures in docs/PERFORMANCE.md, "Start-up in one place"); a trick that no longer paid beyond the
noise was removed rather than kept out of habit (the store imported before PySide6). Some tricks
are each within the noise alone but not together: against the previous version, dropping the
plain GUI start, the help width and the deferred platformdirs cost 10-14 ms of CPU and 1.4 MB
per start, so they stay.

- `phases`: `--log-startup` phase logging and the ready line the benchmarks wait for (Qt-free).
- `command_line`: a plain GUI start read without argparse; argparse told the terminal's width.
- `gc_pause`: no cycle collection until the first window takes input; start-up's objects frozen.
- `qt_namespace`: the rule that nothing asks for PySide6's `Qt` before the first window.
- `first_paint`: when a window has first been painted (ready), for the app and the benchmarks.
- `warm_up`: after ready, what the main window needs loads while the clerk types the password.

Kept where they are used, since they are a line each (tests/packaging/test_startup_imports.py
keeps them out of the first window's imports): the command table importing only the command it
runs (desktop.cli), `hashlib` (audit), `hmac` (accounts), `logging.handlers` (logs), `locale`
(i18n), `platformdirs` (paths), the sign-in card (desktop.core.workspace.sign_in_card), pages
built when first shown (desktop.ui.shell.main_window).

This package's `__init__` imports nothing; `first_paint` and `qt_namespace` use PySide6, the
rest stays Qt-free.
"""
