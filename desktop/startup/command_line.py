"""Reading the command line cheaply: a plain GUI start without argparse, and help without shutil.

- `plain_gui_start(argv)`: `township` with only `--data-dir`, `--lang` or `--log-startup` is read
  by hand. Building the parser runs every help text through gettext, which probes the disk for
  catalogues each time; tests/core/test_cli_commands.py checks both read a plain start alike.
- `HelpFormatter`: argparse's own, given the terminal's width (`terminal_columns`). argparse would
  import shutil for `get_terminal_size`, and shutil brings bz2 and lzma.
- Which command modules a command line needs (`desktop.cli.modules_for`, the command table)
  stays with the command table in desktop.cli.

Figures: docs/PERFORMANCE.md ("Start-up in one place"). Qt-free; imports only argparse, os, sys.
"""

from __future__ import annotations

import argparse
import os
import sys

OPTIONS_WITH_VALUES = ("--data-dir", "--lang")


class HelpFormatter(argparse.HelpFormatter):
    """argparse's own, told the terminal's width: argparse would import shutil to learn it, and
    shutil brings bz2 and lzma, 10-30 ms of every start (the GUI's included) for nothing."""

    def __init__(self, prog, indent_increment=2, max_help_position=24, width=None):
        if width is None:
            width = terminal_columns() - 2
        super().__init__(prog, indent_increment, max_help_position, width)


def terminal_columns() -> int:
    """What shutil.get_terminal_size() says: $COLUMNS, else the terminal's width, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def plain_gui_start(argv: list[str]) -> argparse.Namespace | None:
    """The arguments of a plain GUI start - `township`, with `--data-dir DIR`, `--lang zh|en` or
    `--log-startup` - read without building the parser: argparse runs every help text through
    gettext, which probes the disk for catalogues each time (about 3 ms of every start). None
    for anything else, which goes to argparse (tests/core/test_cli_commands.py checks that both
    read a plain start alike)."""
    values: dict = {"command": None, "self_test": False, "log_startup": False}
    words = iter(argv)
    for word in words:
        if word == "--log-startup":
            values["log_startup"] = True
            continue
        value = next(words, None) if word in OPTIONS_WITH_VALUES else None
        if value is None or value.startswith("-") or word[2:].replace("-", "_") in values:
            return None
        values[word[2:].replace("-", "_")] = value
    if values.get("lang", "en") not in ("zh", "en"):
        return None
    return argparse.Namespace(**values)

