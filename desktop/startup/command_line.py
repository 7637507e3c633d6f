"""Reading the command line cheaply: argparse without shutil.

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
