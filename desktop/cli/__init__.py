"""The `township` command: the GUI when run bare, subcommands for headless work.

Each command group lives in its own module with a `register(subparsers, common)` function;
COMMAND_MODULES lists them in the order `township --help` shows them. A command returns an exit
code (None means 0). A `UserError` becomes one line on stderr and exit 1; anything else is a
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

COMMAND_MODULES = [
    "desktop.cli.setup_cmd",
    "desktop.cli.records_cmd",
    "desktop.cli.forms_cmd",
    "desktop.cli.maintenance_cmd",
    "desktop.cli.reports_cmd",
    "desktop.cli.sync_cmd",
    "desktop.cli.crosscheck_cmd",
]

log = logging.getLogger("township.cli")


def common_options() -> argparse.ArgumentParser:
    """Options every command takes, before or after the command name."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir", default=argparse.SUPPRESS, metavar="DIR",
        help="data folder (default: TOWNSHIP_DATA_DIR or the per-user data folder)",
    )
    common.add_argument("--lang", choices=["zh", "en"], default=argparse.SUPPRESS,
                        help="language of messages (default: system locale)")
    return common


def build_parser() -> argparse.ArgumentParser:
    common = common_options()
    parser = argparse.ArgumentParser(
        prog="township", parents=[common],
        description="Township Desk: offline records for township clerks. Run bare to start the GUI.",
    )
    parser.add_argument("--version", action="version", version=f"township {__version__}")
    parser.add_argument("--self-test", action="store_true",
                        help="run the packaged smoke test in a temporary data folder and exit")
    parser.add_argument("--log-startup", action="store_true",
                        help="log the phases of start-up with their times")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers, common)
    return parser


def _start_phase_logging(args) -> None:
    """`--log-startup`: phases go to stderr and to the log file of the chosen data folder."""
    from desktop.core import startup_log
    from desktop.core.logs import setup_logging
    from desktop.core.paths import data_dir

    setup_logging(data_dir(args.data_dir).logs)
    startup_log.enable("command-line-parsed")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
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
            from desktop.ui.app import run_gui
            return run_gui(args)
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
