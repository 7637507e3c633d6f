"""The `township` command: the GUI when run bare, subcommands for headless work.

Each command group lives in its own module with a `register(subparsers, common)` function;
COMMAND_MODULES lists them in the order `township --help` shows them. A command returns an exit
code (None means 0).

Start-up stays quick by importing only what the run needs: COMMAND_NAMES says which module
registers which command, so `township records list` imports records_cmd alone and a bare
`township` (the GUI) imports none; `--help`, an unknown command or a module missing from the
table loads them all. Command modules keep their heavy imports inside the command functions. A `UserError` becomes one line on stderr and exit 1; anything else is a
bug: logged with its traceback, and the line says where the log is.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from desktop import __version__
from desktop.core.errors import UserError
from desktop.core.i18n import Text, set_language
from desktop.startup.command_line import OPTIONS_WITH_VALUES, HelpFormatter, plain_gui_start

COMMAND_MODULES = [
    "desktop.cli.setup_cmd",
    "desktop.cli.records_cmd",
    "desktop.cli.forms_cmd",
    "desktop.cli.maintenance_cmd",
    "desktop.cli.reports_cmd",
    "desktop.cli.sync_cmd",
    "desktop.cli.crosscheck_cmd",
]

# the top-level commands each module registers (tests/core/test_cli_commands.py keeps it true);
# a module of COMMAND_MODULES that is not listed here is imported on every run
COMMAND_NAMES = {
    "desktop.cli.setup_cmd": ("init",),
    "desktop.cli.records_cmd": ("records",),
    "desktop.cli.forms_cmd": ("forms", "validate"),
    "desktop.cli.maintenance_cmd": ("backup", "restore", "doctor"),
    "desktop.cli.reports_cmd": ("summary", "circular", "tasks"),
    "desktop.cli.sync_cmd": ("export", "import", "verify", "keys", "sync"),
    "desktop.cli.crosscheck_cmd": ("crosscheck", "corrections"),
}

log = logging.getLogger("township.cli")


def common_options() -> argparse.ArgumentParser:
    """Options every command takes, before or after the command name."""
    common = argparse.ArgumentParser(add_help=False, formatter_class=HelpFormatter)
    common.add_argument(
        "--data-dir", default=argparse.SUPPRESS, metavar="DIR",
        help="data folder (default: TOWNSHIP_DATA_DIR or the per-user data folder)",
    )
    common.add_argument("--lang", choices=["zh", "en"], default=argparse.SUPPRESS,
                        help="language of messages (default: system locale)")
    return common


def command_in(argv: list[str]) -> str | None:
    """The command word of a command line (None when run bare): the first word that is not an
    option or an option's value."""
    words = iter(argv)
    for word in words:
        if word == "--":
            return next(words, None)
        if word in OPTIONS_WITH_VALUES:
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def modules_for(argv: list[str] | None) -> list[str]:
    """The command modules a run with these arguments needs (all of them when unsure)."""
    if argv is None or "-h" in argv or "--help" in argv:
        return list(COMMAND_MODULES)
    command = command_in(argv)
    unlisted = [name for name in COMMAND_MODULES if name not in COMMAND_NAMES]
    if command is None:
        return unlisted
    owners = [name for name in COMMAND_MODULES if command in COMMAND_NAMES.get(name, ())]
    if not owners:   # a mistyped command: argparse lists every choice
        return list(COMMAND_MODULES)
    return [name for name in COMMAND_MODULES if name in owners or name in unlisted]


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser for `argv` (only the command modules it needs); None: every command."""
    common = common_options()
    parser = argparse.ArgumentParser(
        prog="township", parents=[common], formatter_class=HelpFormatter,
        description="Township Desk: offline records for township clerks. Run bare to start the GUI.",
    )
    parser.add_argument("--version", action="version", version=f"township {__version__}")
    parser.add_argument("--self-test", action="store_true",
                        help="run the packaged smoke test in a temporary data folder and exit")
    parser.add_argument("--log-startup", action="store_true",
                        help="log the phases of start-up with their times")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in modules_for(argv):
        importlib.import_module(name).register(subparsers, common)
    return parser


def _start_phase_logging(args) -> None:
    """`--log-startup`: phases go to stderr and to the log file of the chosen data folder."""
    from desktop.core.logs import setup_logging
    from desktop.core.paths import data_dir
    from desktop.startup import phases

    setup_logging(data_dir(args.data_dir).logs)
    phases.enable("command-line-parsed")


def main(argv: list[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    args = plain_gui_start(argv) or build_parser(argv).parse_args(argv)
    if not hasattr(args, "data_dir"):
        args.data_dir = None
    set_language(getattr(args, "lang", None))
    if args.log_startup:
        _start_phase_logging(args)
    try:
        if args.self_test:
            from desktop.selftest import run_self_test
            return run_self_test()
        if args.command is None:
            from desktop.startup import gc_pause

            gc_pause.pause()   # until the first window takes input (desktop.ui.shell.app resumes it)
            try:
                from desktop.ui.shell.app import run_gui
                return run_gui(args)
            finally:
                gc_pause.resume()
        result = args.func(args)
        return 0 if result is None else int(result)
    except UserError as error:
        print(f"township: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("township: " + str(Text("interrupted", "已中断")), file=sys.stderr)
        return 130
    except Exception:  # a bug: keep the traceback in the log, tell the user where it is
        from desktop.core.logs import log_file_hint
        log.exception("unexpected error in command %s", args.command)
        print("township: " + str(Text("internal error; details are in {log}",
                                      "程序内部错误，详情见日志 {log}").format(log=log_file_hint())),
              file=sys.stderr)
        return 70
