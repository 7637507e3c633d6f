"""`township backup | restore | doctor`: snapshots, restoring one, and a health check."""

from __future__ import annotations

from pathlib import Path

from desktop.cli.common import add_clerk_option, open_workspace, read_password
from desktop.core.errors import DataDirError, UserError
from desktop.core.i18n import Text
from desktop.core.store import backup
from desktop.core.workspace import accounts, restore


def register(subparsers, common) -> None:
    parser = subparsers.add_parser("backup", parents=[common], help="write a snapshot of the database")
    parser.add_argument("--to", metavar="DIR", help="folder for the snapshot (default: the backups folder)")
    parser.set_defaults(func=run_backup)
    parser = subparsers.add_parser("restore", parents=[common],
                                   help="replace the database with a backup (the current one is kept aside)")
    parser.add_argument("file")
    add_clerk_option(parser)
    parser.set_defaults(func=run_restore)
    parser = subparsers.add_parser("recovery-key", parents=[common],
                                   help="admin: make a new recovery key (the old one stops working)")
    add_clerk_option(parser)
    parser.set_defaults(func=run_recovery_key)
    parser = subparsers.add_parser("recover", parents=[common],
                                   help="with TOWNSHIP_RECOVERY_KEY: set a new password for an account")
    parser.add_argument("account", metavar="NAME")
    parser.set_defaults(func=run_recover)
    parser = subparsers.add_parser("doctor", parents=[common], help="check the database, audit trail and backups")
    parser.set_defaults(func=run_doctor)


def run_backup(args) -> int:
    with open_workspace(args) as workspace:
        made = backup.snapshot(workspace.db, Path(args.to) if args.to else workspace.paths.backups)
        workspace.record_event("backup", details={"file": made.name})
    print(Text("Backup written: {path}", "备份已写入：{path}").format(path=made))
    return 0


def run_restore(args) -> int:
    try:
        backup.check_backup_file(Path(args.file))
    except DataDirError as error:
        if error.code != "foreign-key":
            raise
        # an encrypted backup: this process holds the store's data key only once the store is
        # unlocked below; restore_and_reopen checks the backup again then
    clerk = None
    try:
        with open_workspace(args, sign_in=True) as workspace:
            accounts.require(workspace.clerk_role, "restore")
            clerk = workspace.clerk
    except DataDirError as error:
        if error.code not in ("corrupt", "error"):
            raise
    if restore.foreign_backup(Path(args.file)):
        _open_foreign_backup(Path(args.file))
    if clerk is None:   # the current database is damaged: whoever restores must be a supervisor in the backup
        clerk = sign_in_to_backup(args)
    restored = restore.restore_and_reopen(args.data_dir, Path(args.file), clerk=clerk)
    restored.workspace.close()
    aside = restored.aside
    print(Text("Restored from {file}. The previous database is kept as {aside}.",
               "已从 {file} 恢复。原数据库保存为 {aside}。").format(file=args.file, aside=aside))
    return 0


def _open_foreign_backup(backup_file: Path) -> None:
    """Another installation's backup: the recovery key of the installation it was taken on
    (TOWNSHIP_BACKUP_RECOVERY_KEY, else a prompt) opens it."""
    import os

    secret = os.environ.get("TOWNSHIP_BACKUP_RECOVERY_KEY") or read_password(Text(
        "This backup was taken on another installation. The recovery key of that installation",
        "这个备份来自另一台电脑的安装。请输入那台安装的恢复密钥"))
    if not restore.open_foreign_backup(backup_file, secret):
        raise UserError(Text("That recovery key does not open this backup (or the backup carries none: it "
                             "was taken before a recovery key was made).",
                             "这个恢复密钥打不开这个备份（或者备份不带恢复密钥：它是在生成恢复密钥之前做的）。"),
                        code="bad-login")


def sign_in_to_backup(args) -> str:
    clerk = args.clerk or _only_clerk_in(Path(args.file))
    password = read_password(Text("Password for {clerk}", "{clerk} 的密码").format(clerk=clerk))
    return restore.sign_in_to_backup(Path(args.file), clerk, password)


def _only_clerk_in(backup_file: Path) -> str:
    names = restore.clerks_in(backup_file)
    if len(names) == 1:
        return names[0]
    raise UserError(Text("Say who you are with --clerk NAME.", "请用 --clerk 姓名 指明操作员。"), code="no-clerk")


def run_doctor(args) -> int:
    from desktop.core.store.doctor import run_checks

    with open_workspace(args) as workspace:
        findings = run_checks(workspace)
    for finding in findings:
        print(("OK   " if finding.ok else "FAIL ") + str(finding.text))
    return 0 if all(f.ok for f in findings) else 1


def run_recovery_key(args) -> int:
    with open_workspace(args, sign_in=True) as workspace:
        from desktop.core.workspace import recovery

        recovery_key = recovery.make_new(workspace)
    print(Text("New recovery key (shown only now; keep it in the office safe):",
               "新的恢复密钥（只显示这一次；请锁在办公室保险柜里）："))
    print(f"  {recovery_key}")
    return 0


def run_recover(args) -> int:
    """The recovery key (TOWNSHIP_RECOVERY_KEY) opens the store; the account gets a new password
    (TOWNSHIP_NEW_PASSWORD or a prompt)."""
    import os

    from desktop.core.workspace import recovery

    unset = UserError(Text("Set TOWNSHIP_RECOVERY_KEY to this installation's recovery key.",
                           "请把 TOWNSHIP_RECOVERY_KEY 设为本机的恢复密钥。"), code="no-recovery-key")
    recovery_key = os.environ.get("TOWNSHIP_RECOVERY_KEY", "")
    if not recovery_key:
        raise unset
    password = os.environ.get("TOWNSHIP_NEW_PASSWORD") or read_password(
        Text("New password for {clerk}", "为 {clerk} 设置新密码").format(clerk=args.account))
    try:
        recovery.reset_password(args.data_dir, args.account, recovery_key, password)
    except UserError as error:
        if error.code == "bad-recovery-key":
            raise unset from error
        raise
    print(Text("{clerk} has a new password.", "{clerk} 已设置新密码。").format(clerk=args.account))
    return 0
