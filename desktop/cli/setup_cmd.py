"""`township init`: headless setup of a data folder as a township or the county."""

from __future__ import annotations

from desktop.cli.common import read_password
from desktop.core.i18n import Text


def register(subparsers, common) -> None:
    parser = subparsers.add_parser("init", parents=[common], help="set up a data folder headlessly")
    parser.add_argument("--role", choices=["township", "county"], required=True)
    parser.add_argument("--township", metavar="CODE", help="township code (role township)")
    parser.add_argument("--county", metavar="CODE", help="county code (role county)")
    parser.add_argument("--clerk", metavar="NAME", required=True, help="the first (admin) account")
    parser.add_argument("--county-pack", metavar="FILE", help="the county pack to enroll with (township)")
    parser.set_defaults(func=run_init)


def run_init(args) -> int:
    from desktop.core.errors import UserError
    from desktop.core.workspace.setup import initialise

    code = args.township if args.role == "township" else args.county
    if not code:
        raise UserError(Text("--{role} CODE is required.", "需要 --{role} 代码。").format(role=args.role))
    pack = None
    if args.county_pack:  # read and verify it before anything is created
        from desktop.core.sync.trust import read_pack_for_setup
        pack = read_pack_for_setup(args.county_pack, role=args.role, code=code)
    password = read_password(Text("New password for {clerk}", "为 {clerk} 设置密码").format(clerk=args.clerk))
    workspace = initialise(args.data_dir, role=args.role, code=code, clerk=args.clerk, password=password)
    with workspace:
        from desktop.core.forms.keys import keep_for
        from desktop.core.sync.trust import setup_install
        for line in setup_install(workspace.db, workspace.paths, pack):
            print(line)
        # the shipped forms are this installation's: their keys kept for its first import or listing
        # (the setup wizard does not wait for it on the GUI thread: the first use writes the file)
        keep_for(workspace.paths)
        print(Text("Set up {path} as {role} {code}; admin account {clerk}.",
                   "已将 {path} 设置为{role_zh} {code}；管理员账户 {clerk}。").format(
            path=workspace.paths.root, role=args.role, code=code, clerk=args.clerk,
            role_zh="乡镇" if args.role == "township" else "县"))
        print(Text("The data is encrypted. Recovery key (shown only now; print it or write it down and "
                   "keep it in the office safe: it opens the data when every password is lost):",
                   "数据已加密。恢复密钥（只显示这一次；请打印或抄下，锁在办公室保险柜里：所有密码都丢失时"
                   "用它打开数据）："))
        print(f"  {workspace.recovery_key}")
    return 0
