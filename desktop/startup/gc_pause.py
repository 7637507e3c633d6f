"""No cycle collection from the start of the GUI until its first window takes input.

`pause()` (desktop.cli, on a GUI start) turns the cycle collector off; `resume()` (once the first
window has been painted) freezes what start-up built and turns it back on. Importing PySide6 and
building the first window allocate enough container objects to trigger several full collections
that free almost nothing; what start-up built (modules, Qt's type wrappers) lives as long as the
program, so `gc.freeze()` moves it out of every later collection too. Figures: docs/PERFORMANCE.md
("Start-up in one place"). Qt-free.
"""

from __future__ import annotations

import gc


def pause() -> None:
    gc.disable()


def resume() -> None:
    """Idempotent: the first window's paint and an error path may both call it."""
    gc.freeze()
    gc.enable()
