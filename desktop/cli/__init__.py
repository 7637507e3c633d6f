"""The `township` command: the GUI when run bare, subcommands for headless work.

Each command group lives in its own module with a `register(subparsers, common)` function;
COMMANDS lists them in the order `township --help` shows them, each with the top-level commands
it registers and a loader that imports it. A command returns an exit code (None means 0).

Start-up stays quick by importing only what the run needs: `township records list` loads
records_cmd alone and a bare `township` (the GUI) loads none; `--help` or an unknown command
loads them all. Command modules keep their heavy imports inside the command functions. A `UserError` becomes one line on stderr and exit 1; anything else is a
bug: logged with its traceback, and the line says where the log is.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from types import ModuleType

from desktop import __version__
from desktop.core.errors import UserError
from desktop.core.i18n import Text, set_language
from desktop.startup.command_line import OPTIONS_WITH_VALUES, HelpFormatter, plain_gui_start


def setup_commands() -> ModuleType:
    from desktop.cli import setup_cmd
    return setup_cmd


def records_commands() -> ModuleType:
    from desktop.cli import records_cmd
    return records_cmd


def forms_commands() -> ModuleType:
    from desktop.cli import forms_cmd
    return forms_cmd


def maintenance_commands() -> ModuleType:
    from desktop.cli import maintenance_cmd
    return maintenance_cmd


def reports_commands() -> ModuleType:
    from desktop.cli import reports_cmd
    return reports_cmd


def sync_commands() -> ModuleType:
    from desktop.cli import sync_cmd
    return sync_cmd


def verify_commands() -> ModuleType:
    from desktop.cli import verify_cmd
    return verify_cmd


def crosscheck_commands() -> ModuleType:
    from desktop.cli import crosscheck_cmd
    return crosscheck_cmd


def hub_commands() -> ModuleType:
    from desktop.cli import hub_cmd
    return hub_cmd


# (the top-level commands a module registers, its loader), in `township --help` order;
# tests/core/test_cli_commands.py keeps the names true to what each module registers
COMMANDS = [
    (("init",), setup_commands),
    (("records",), records_commands),
    (("forms", "validate"), forms_commands),
    (("backup", "restore", "recovery-key", "recover", "doctor"), maintenance_commands),
    (("summary", "circular", "tasks"), reports_commands),
    (("export", "import", "verify", "keys", "sync"), sync_commands),
    (("crosscheck", "corrections"), crosscheck_commands),
    (("verify-batch",), verify_commands),
    (("hub",), hub_commands),
]

log = logging.getLogger("township.cli")


class _Commands(argparse._SubParsersAction):
    """Subcommands whose own --help opens with the line the group's listing shows for them."""

    def add_parser(self, name, **kwargs):
        if "help" in kwargs and "description" not in kwargs:
            kwargs["description"] = kwargs["help"]
        return super().add_parser(name, **kwargs)


class CommandParser(argparse.ArgumentParser):
    """argparse's parser, its subcommand parsers (of the same class) with _Commands."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.register("action", "parsers", _Commands)


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


def loaders_for(argv: list[str] | None) -> list:
    """The loaders of the command modules a run with these arguments needs (all of them when unsure)."""
    everything = [loader for _names, loader in COMMANDS]
    if argv is None or "-h" in argv or "--help" in argv:
        return everything
    command = command_in(argv)
    if command is None:
        return []
    owners = [loader for names, loader in COMMANDS if command in names]
    return owners or everything   # a mistyped command: argparse lists every choice


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser for `argv` (only the command modules it needs); None: every command."""
    common = common_options()
    parser = CommandParser(
        prog="township", parents=[common], formatter_class=HelpFormatter,
        description="Township Desk: offline records for township clerks. Run bare to start the GUI.",
    )
    parser.add_argument("--version", action="version", version=f"township {__version__}")
    parser.add_argument("--self-test", action="store_true",
                        help="run the packaged smoke test in a temporary data folder and exit")
    parser.add_argument("--log-startup", action="store_true",
                        help="log the phases of start-up with their times")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for load in loaders_for(argv):
        load().register(subparsers, common)
    return parser


def _start_phase_logging(args) -> None:
    """`--log-startup`: phases go to stderr and to the log file of the chosen data folder."""
    from desktop.core.logs import setup_logging
    from desktop.core.paths import data_dir
    from desktop.startup import phases

    setup_logging(data_dir(args.data_dir).logs)
    phases.enable("command-line-parsed")


def main(argv: list[str] | None = None) -> int:
    """Run the command line `argv` (default: this process's); returns the exit code.

    A reader that goes away (`township records list | head`) is not a failure: the command
    stops quietly with 141, the status of a program ended by a closed pipe, and no traceback."""
    try:
        try:
            return _run(argv)
        finally:   # what is still buffered goes now (argparse's --help exits), while a closed pipe can be caught
            if sys.stdout is not None:   # a windowed build has none
                sys.stdout.flush()
    except BrokenPipeError:
        return _stopped_by_closed_pipe()


def _stopped_by_closed_pipe() -> int:
    # the interpreter flushes stdout once more on exit; point it at nothing, so that flush
    # cannot fail again and print "Exception ignored" on the way out
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):   # stdout is not a file (captured in a test)
        pass
    return 141


def _run(argv: list[str] | None) -> int:
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
            return run_self_test(command=main)
        if args.command is None:
            from desktop.startup import gc_pause

            gc_pause.pause()   # until the first window takes input (desktop.ui.shell.app resumes it)
            try:
                from desktop.ui.shell.app import run_gui
                return run_gui(args)
            finally:
                gc_pause.resume()
        from desktop.cli.common import take_deferred_backups

        try:
            result = args.func(args)
        except BaseException:
            take_deferred_backups(take=False)   # the next command that succeeds takes it
            raise
        take_deferred_backups()     # today's snapshot, after the command's work and output
        return 0 if result is None else int(result)
    except UserError as error:
        print(f"township: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("township: " + str(Text("interrupted", "已中断")), file=sys.stderr)
        return 130
    except BrokenPipeError:
        raise   # not a bug: main() ends the run quietly
    except Exception:  # a bug: keep the traceback in the log, tell the user where it is
        from desktop.core.logs import log_file_hint
        log.exception("unexpected error in command %s", args.command)
        print("township: " + str(Text("internal error; details are in {log}",
                                      "程序内部错误，详情见日志 {log}").format(log=log_file_hint())),
              file=sys.stderr)
        return 70
