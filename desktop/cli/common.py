"""What the command modules share: opening the data folder, signing in, reading JSON input."""

from __future__ import annotations

import getpass
import json
import os
import sys

from desktop.core.errors import UserError
from desktop.core.i18n import Text
from desktop.core.workspace import accounts
from desktop.core.workspace.workspace import Workspace


def read_password(prompt: Text) -> str:
    """TOWNSHIP_PASSWORD, else a prompt on the terminal; headless without either is an error."""
    password = os.environ.get("TOWNSHIP_PASSWORD")
    if password is not None:
        return password
    if not sys.stdin or not sys.stdin.isatty():
        raise UserError(Text("No password: set TOWNSHIP_PASSWORD or run in a terminal.",
                             "没有密码：请设置 TOWNSHIP_PASSWORD 或在终端中运行。"), code="no-password")
    return getpass.getpass(str(prompt) + ": ")


def open_workspace(args, *, sign_in: bool = False) -> Workspace:
    """Open the data folder; with sign_in, authenticate the clerk (--clerk or the setup clerk)."""
    from desktop.core.paths import data_dir
    from desktop.core.workspace import throttle

    named = getattr(args, "clerk", None)
    root = data_dir(args.data_dir).root
    if named:
        throttle.check(root, named)
    try:
        workspace = Workspace.open(args.data_dir, clerk=named)
    except UserError as error:
        if error.code == "locked" and named and os.environ.get("TOWNSHIP_PASSWORD"):
            throttle.failed(root, named)   # a wrong password for the encrypted store counts as a failed sign-in
        raise
    if sign_in:
        try:
            clerk = named or _only_admin(workspace)
            throttle.check(root, clerk)
            password = read_password(Text("Password for {clerk}", "{clerk} 的密码").format(clerk=clerk))
            try:
                workspace.clerk_role = accounts.authenticate(workspace.db, clerk, password)
            except UserError:
                throttle.failed(root, clerk)
                raise
            throttle.succeeded(root, clerk)
            workspace.clerk = clerk
            defer_daily_backup(workspace)
        except Exception:
            workspace.close()
            raise
    return workspace


_DEFERRED: list = []    # data folders whose daily snapshot is due once the command has finished


def defer_daily_backup(workspace: Workspace) -> None:
    """Note the data folder for today's automatic snapshot, taken by `take_deferred_backups` after
    the command's own work and output (the first command of a day is not held up by a copy of the
    whole store); checking whether it is due is one listing of the backups folder."""
    from desktop.core.store import backup

    if backup.daily_due(workspace.paths.backups) and workspace.paths not in _DEFERRED:
        _DEFERRED.append(workspace.paths)


def take_deferred_backups(*, take: bool = True) -> None:
    """Take the daily snapshots `defer_daily_backup` noted, each with its own connection; a
    failure is said on stderr (the command itself succeeded) and tried again by the next command.
    `take=False` (the command failed) forgets them."""
    from desktop.core.store import backup
    from desktop.core.store.db import connect

    if not take:
        _DEFERRED.clear()
    while _DEFERRED:
        paths = _DEFERRED.pop(0)
        try:
            db = connect(paths.db_path)
            try:
                backup.daily_if_due(db, paths.backups)
            finally:
                db.conn.close()
        except UserError as error:
            print(f"township: {error}", file=sys.stderr)


def _only_admin(workspace: Workspace) -> str:
    names = accounts.names(workspace.db)
    if len(names) == 1:
        return names[0][0]
    raise UserError(Text("Say who you are with --clerk NAME.", "请用 --clerk 姓名 指明操作员。"),
                    code="no-clerk")


def add_clerk_option(parser) -> None:
    parser.add_argument("--clerk", metavar="NAME",
                        help="the clerk doing this (default: the only account); password from "
                             "TOWNSHIP_PASSWORD or a prompt")


def read_json_input(source: str):
    """The JSON document in FILE, or on standard input for '-'."""
    try:
        if source == "-":
            text = sys.stdin.read()
        else:
            with open(source, encoding="utf-8-sig") as handle:
                text = handle.read()
    except OSError as error:
        raise UserError(Text("Cannot read {file}: {err}", "无法读取 {file}：{err}")
                        .format(file=source, err=error.strerror), code="unreadable") from error
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise UserError(Text("{file} is not valid JSON (line {line}, column {col}): {msg}",
                             "{file} 不是有效的 JSON（第 {line} 行第 {col} 列）：{msg}")
                        .format(file=source, line=error.lineno, col=error.colno, msg=error.msg),
                        code="bad-json") from error


def print_json(value) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def print_json_items(items) -> int:
    """A JSON array of `items` written as each comes (the same text print_json writes for the
    list), so a long listing is never held whole; returns how many were written."""
    written = 0
    for item in items:
        sys.stdout.write("[\n  " if not written else ",\n  ")
        sys.stdout.write(json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n  "))
        written += 1
    sys.stdout.write("\n]\n" if written else "[]\n")
    return written
