"""`township export | import | verify | keys | sync`: bundles on a stick, enrollment, sync status.

export --to DIR      township: the next data bundle; county: return bundles for the townships
export --to DIR --to-province [--month YYYY-MM]   county: the month's bundle for the province hub
import FILE...       county: township data bundles; township: return bundles and county packs
verify FILE          signature, signer and hashes only (nothing is decrypted or changed)
keys show | export --to DIR | enroll FILE [--replace] | revoke CODE | rotate
sync status [--json] | publish --code-list|--form-pack FILE --name NAME --version V
sync now [--hub URL] post the queued bundles to the hub, fetch and import what waits there
"""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.cli.common import add_clerk_option, open_workspace, print_json
from desktop.core.errors import UserError
from desktop.core.i18n import Text, plural


def register(subparsers, common) -> None:
    export = subparsers.add_parser("export", parents=[common], help="write sync bundles to a folder (a USB stick)")
    export.add_argument("--to", required=True, metavar="DIR", help="target folder, e.g. the stick's sync folder")
    export.add_argument("--township", action="append", metavar="CODE",
                        help="county: write return bundles only for these townships")
    export.add_argument("--to-province", action="store_true",
                        help="county: write the bundle for the province (the month's figures, keyed person hashes)")
    export.add_argument("--month", metavar="YYYY-MM", help="with --to-province: the month (default: this month)")
    add_clerk_option(export)
    export.set_defaults(func=run_export)

    imports = subparsers.add_parser("import", parents=[common], help="verify and apply bundles")
    imports.add_argument("files", nargs="+", metavar="FILE")
    add_clerk_option(imports)
    imports.set_defaults(func=run_import)

    verify = subparsers.add_parser("verify", parents=[common], help="check a bundle's signature and integrity only")
    verify.add_argument("file", metavar="FILE")
    verify.set_defaults(func=run_verify)

    keys = subparsers.add_parser("keys", parents=[common], help="this install's keys and enrolled keys")
    sub = keys.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    show = sub.add_parser("show", parents=[common], help="fingerprints of this install and enrolled keys")
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=run_keys_show)
    export_keys = sub.add_parser("export", parents=[common],
                                 help="county: county pack + allowed_signers; township: enrollment file")
    export_keys.add_argument("--to", required=True, metavar="DIR")
    export_keys.set_defaults(func=run_keys_export)
    enroll = sub.add_parser("enroll", parents=[common],
                            help="county: a township's enrollment file or the province pack; township: a county pack")
    enroll.add_argument("file", metavar="FILE")
    enroll.add_argument("--replace", action="store_true",
                        help="replace (and revoke) the key enrolled now; confirm the fingerprint by phone first")
    add_clerk_option(enroll)
    enroll.set_defaults(func=run_keys_enroll)
    revoke = sub.add_parser("revoke", parents=[common], help="county: revoke a township's lost key")
    revoke.add_argument("code", metavar="CODE")
    revoke.add_argument("--fingerprint", metavar="SHA256:...", help="only this key (default: all of them)")
    add_clerk_option(revoke)
    revoke.set_defaults(func=run_keys_revoke)
    rotate = sub.add_parser("rotate", parents=[common], help="county: replace the county's keys")
    add_clerk_option(rotate)
    rotate.set_defaults(func=run_keys_rotate)

    sync = subparsers.add_parser("sync", parents=[common], help="sync status; county: publish code lists and forms")
    sync_sub = sync.add_subparsers(dest="sync_command", metavar="ACTION", required=True)
    status = sync_sub.add_parser("status", parents=[common], help="what is pending or received")
    status.add_argument("--json", action="store_true")
    status.set_defaults(func=run_status)
    publish = sync_sub.add_parser("publish", parents=[common],
                                  help="county: a code list or form pack to send to every township")
    kind = publish.add_mutually_exclusive_group(required=True)
    kind.add_argument("--code-list", metavar="FILE")
    kind.add_argument("--form-pack", metavar="FILE")
    publish.add_argument("--name", required=True)
    publish.add_argument("--version", required=True)
    add_clerk_option(publish)
    publish.set_defaults(func=run_publish)
    now = sync_sub.add_parser("now", parents=[common],
                              help="send the queued bundles to the hub and fetch and import what waits there")
    now.add_argument("--hub", metavar="URL", help="the hub's address (default: the hub address in the settings)")
    now.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                     help="give up on a request after SECONDS without an answer (default 30)")
    add_clerk_option(now)
    now.set_defaults(func=run_now)


def _say(text: Text) -> None:
    print(text)


def run_export(args) -> int:
    from desktop.core.sync import outgoing

    if args.to_province or args.month:
        return _export_to_province(args)
    with open_workspace(args, sign_in=True) as workspace:
        if workspace.role == "county":
            written = outgoing.export_returns(workspace.db, workspace.paths, Path(args.to), townships=args.township,
                                              clerk=workspace.clerk)
            for item in written:
                _say(Text(f"wrote {item.path.name} for {item.township}", f"已为 {item.township} 写入 {item.path.name}"))
            _say(Text(f"{plural(len(written), 'return bundle')} written and verified: safe to remove",
                      f"已写入并校验 {len(written)} 个回执包：可以安全拔出"))
            return 0
        from desktop.core.progress import for_terminal

        written = outgoing.export_township(workspace.db, workspace.paths, Path(args.to), clerk=workspace.clerk,
                                           progress=for_terminal())
        if written is None:
            _say(Text("nothing to send: the county has acknowledged every change",
                      "没有需要发送的内容：县里已确认所有更改"))
        else:
            _say(written.describe())
    return 0


def _export_to_province(args) -> int:
    from desktop.core.clock import now_iso
    from desktop.core.entry.entry import registry
    from desktop.core.sync import province_bundle

    if not args.to_province:
        raise UserError(Text("--month goes with --to-province", "--month 需与 --to-province 一起使用"), code="usage")
    with open_workspace(args, sign_in=True) as workspace:
        written = province_bundle.export_to_province(workspace.db, workspace.paths, Path(args.to),
                                                     args.month or now_iso()[:7], forms=registry(workspace))
        _say(written.describe())
    return 0


def run_import(args) -> int:
    from desktop.core.sync import incoming, trust

    with open_workspace(args, sign_in=True) as workspace:
        refused = 0
        bundles = []
        for name in args.files:
            if name.endswith(".tdpack") and workspace.role == "township":
                # as `keys enroll PACK`: the keys, and the code lists and form packs in the database and config/
                _say(trust.enroll_file(workspace.db, workspace.paths, _read(name)).describe())
            else:
                bundles.append(name)
        from desktop.core.progress import for_terminal

        for outcome in incoming.import_files(workspace.db, workspace.paths, bundles, clerk=workspace.clerk,
                                             progress=for_terminal()):
            print(outcome.describe(), file=sys.stdout if outcome.ok else sys.stderr)
            refused += not outcome.ok
    return 1 if refused else 0


def run_verify(args) -> int:
    from desktop.core.sync import bundle, trust

    with open_workspace(args) as workspace:
        role, code = trust.own_code(workspace.db)
        keys = trust.install_keys(workspace.paths)
        verified = bundle.verify_bundle_file(args.file, trust.trusted_keys(workspace.db, keys, role, code))
        m = verified.manifest
        trust.check_signer_window(workspace.db, verified.signer.fingerprint, m.sequence, verified.signer.owner)
        _say(Text(f"{Path(args.file).name}: good signature by {verified.signer.role} {verified.signer.owner} "
                  f"({verified.signer.fingerprint}); {m.kind} {m.township} sequence {m.sequence}; "
                  f"members match the manifest; bundle id (sha256 of manifest.json) {verified.sha256}",
                  f"{Path(args.file).name}：签名有效，签名者 {verified.signer.owner}（{verified.signer.fingerprint}）；"
                  f"{m.kind} {m.township} 序号 {m.sequence}；成员与清单一致；包标识（manifest.json 的 sha256）{verified.sha256}"))
    return 0


def run_keys_show(args) -> int:
    from desktop.core.sync import trust

    with open_workspace(args) as workspace:
        role, code = trust.own_code(workspace.db)
        public = trust.install_keys(workspace.paths).public()
        rows = trust.enrolled(workspace.db)
        if args.json:
            print_json({"role": role, "code": code, "fingerprint": public.fingerprint,
                        "short_fingerprint": public.short_fingerprint, "age_recipient": public.age_recipient,
                        "enrolled": rows})
            return 0
        _say(Text(f"this install ({role} {code}): {public.fingerprint}\n  compare by phone: {public.short_fingerprint}",
                  f"本机（{role} {code}）：{public.fingerprint}\n  电话核对码：{public.short_fingerprint}"))
        for row in rows:
            print(f"{row['role']}\t{row['owner']}\t{row['status']}\t{row['fingerprint']}\t{row['enrolled_at']}")
    return 0


def run_keys_export(args) -> int:
    from desktop.core.sync import trust

    with open_workspace(args) as workspace:
        for path in trust.export_keys(workspace.db, workspace.paths, Path(args.to)):
            _say(Text(f"wrote {path}", f"已写入 {path}"))
    return 0


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise UserError(Text(f"cannot read {path}: {error.strerror}", f"无法读取 {path}：{error.strerror}"),
                        code="unreadable") from None


def run_keys_enroll(args) -> int:
    from desktop.core.sync import trust

    with open_workspace(args, sign_in=True) as workspace:
        outcome = trust.enroll_file(workspace.db, workspace.paths, _read(args.file), replace=args.replace)
        _say(outcome.describe())
        if outcome.role == "province":   # the pack carries the matching key in the clear (docs/HUB.md)
            _say(Text(f"the pack holds the province's person-matching key: now that it is enrolled, delete "
                      f"{Path(args.file).name} from the stick", f"该配置包含有省级人员比对密钥：登记完成后请从 U 盘删除 "
                      f"{Path(args.file).name}"))
        if workspace.role == "county" and outcome.role == "township":   # the hand check's file on the stick names the township now
            folder = Path(args.file).resolve().parent
            try:
                path = trust.write_allowed_signers(workspace.db, workspace.paths, folder)
                _say(Text(f"updated {path} (the county and every enrolled township)",
                          f"已更新 {path}（县及所有已登记乡镇）"))
            except (OSError, UserError):
                _say(Text(f"could not write {folder / trust.ALLOWED_SIGNERS}; `township keys export` writes it",
                          f"无法写入 {folder / trust.ALLOWED_SIGNERS}；可用 township keys export 重新生成"))
    return 0


def run_keys_revoke(args) -> int:
    from desktop.core.sync import trust

    with open_workspace(args, sign_in=True) as workspace:
        if workspace.role != "county":
            raise UserError(Text("only the county revokes township keys", "只有县端可以吊销乡镇密钥"), code="wrong-role")
        count = trust.revoke(workspace.db, args.code, args.fingerprint)
        _say(Text(f"revoked {plural(count, 'key')} of {args.code}; its bundles are refused until it enrolls new keys",
                  f"已吊销 {args.code} 的 {count} 个密钥；在其登记新密钥前，其同步包将被拒收"))
    return 0


def run_keys_rotate(args) -> int:
    from desktop.core.sync import trust

    with open_workspace(args, sign_in=True) as workspace:
        public = trust.rotate_county_keys(workspace.db, workspace.paths).public()
        _say(Text(f"new county keys: {public.fingerprint} ({public.short_fingerprint}); the next return bundles, "
                  "signed with the old key, announce them to every enrolled township, and once a township imported "
                  "the announcement it refuses the old key; export the county pack (township keys export) for "
                  "townships enrolled from now on",
                  f"新的县级密钥：{public.fingerprint}（{public.short_fingerprint}）；下一批回执包用原密钥签名，"
                  "向各已登记乡镇通知新密钥，乡镇导入通知后即拒收原密钥；今后登记的乡镇请用新导出的县级配置包"
                  "（township keys export）"))
    return 0


def run_status(args) -> int:
    from desktop.core.sync import positions, status

    with open_workspace(args) as workspace:
        report = status.status(workspace.db)
        if args.json:
            print_json(report)
            return 0
        if report["role"] == "township":
            _say(Text(f"pending for the county: {plural(report['pending_records'], 'record')}, {report['pending_audit']} "
                      f"audit rows, {plural(report['pending_items'], 'item')}; last bundle sent: {report['last_sent_sequence']}",
                      f"待县里确认：{report['pending_records']} 条记录，{report['pending_audit']} 条日志，"
                      f"{report['pending_items']} 个事项；最近发送的同步包：{report['last_sent_sequence']}"))
        else:
            for code, entry in sorted(report["townships"].items()):
                print(f"{code}\tsequence {entry.get('last_sequence', '-')}\t{entry.get('last_import_at', '-')}\t"
                      f"gaps {entry.get('gaps', [])}\trefused {entry.get('refused_bundles', 0)}")
                if entry.get("recovery"):
                    _say(Text(f"{code}: ", f"{code}：") + positions.describe_recovery(entry["recovery"]))
            _say(Text(f"resident IDs registered by two townships: {report['resident_conflicts']}",
                      f"在两个乡镇重复登记的身份证号：{report['resident_conflicts']}"))
    return 0


def run_publish(args) -> int:
    from desktop.core.store.db import transaction
    from desktop.core.sync import resources
    from desktop.core.sync.enrollment import Resource

    with open_workspace(args, sign_in=True) as workspace:
        if workspace.role != "county":
            raise UserError(Text("only the county publishes code lists and form packs", "只有县端可以发布代码表和表单包"),
                            code="wrong-role")
        kind, source = ("code_list", args.code_list) if args.code_list else ("form_pack", args.form_pack)
        resource = Resource(args.name, args.version, _read(source))
        with transaction(workspace.db):
            newer = resources.install(workspace.db, kind, resource)
        if not newer:
            raise UserError(Text(f"{args.name} {args.version} is not newer than the published version",
                                 f"{args.name} {args.version} 不比已发布的版本新"), code="not-newer")
        resources.write_files(workspace.db, workspace.paths)   # the county's own screens use it too
        _say(Text(f"published {args.name} {args.version}; it goes out with the next return bundles and county pack",
                  f"已发布 {args.name} {args.version}；将随下一批回执包和县级配置包发出"))
    return 0


def run_now(args) -> int:
    from desktop.core.sync import network_sync

    with open_workspace(args, sign_in=True) as workspace:
        url = network_sync.hub_url(workspace.db, args.hub)
        # a hub that cannot be reached is one line (HubError, a UserError) and exit 1: bundles stay queued
        report = network_sync.sync_now(workspace.db, workspace.paths, url, clerk=workspace.clerk,
                                       timeout=args.timeout)
        for line in report.lines():
            _say(line)
    return 0 if report.ok else 1
