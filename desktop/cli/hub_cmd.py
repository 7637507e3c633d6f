"""`township hub init | serve | enroll | revoke | export-pack | duplicates | circular`: the hub on PostgreSQL
(docs/HUB.md): a mailbox for bundles and, in province role, the province's roll-up.

The hub is a server-side package (desktop/hub) with its own extra; this module imports it only
inside the commands, so the rest of `township` - and the frozen desktop app, which leaves it out -
never loads aiohttp or psycopg.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.core.errors import UserError
from desktop.core.i18n import Text


def register(subparsers, common) -> None:
    parser = subparsers.add_parser("hub", parents=[common], help="the hub: a mailbox for bundles on PostgreSQL")
    sub = parser.add_subparsers(dest="hub_command", metavar="ACTION", required=True)
    hub_options = argparse.ArgumentParser(add_help=False)
    hub_options.add_argument("--db", required=True, metavar="URL",
                             help="the hub's PostgreSQL database (postgresql://user@host:port/name)")
    hub_options.add_argument("--keys", type=Path, default=None, metavar="DIR",
                             help="the hub's keys folder (default: township-hub/keys in the user's config folder)")
    init = sub.add_parser("init", parents=[common, hub_options],
                          help="create or migrate the hub's database and make its keys")
    init.add_argument("--province", required=True, metavar="CODE", help="the province's code (13 or 130000)")
    init.set_defaults(func=run_init)
    serve = sub.add_parser("serve", parents=[common, hub_options], help="serve the hub over HTTP")
    serve.add_argument("--listen", default="127.0.0.1:8470", metavar="HOST:PORT",
                       help="where to listen (default 127.0.0.1:8470)")
    serve.add_argument("--tls-cert", type=Path, default=None, metavar="FILE",
                       help="serve HTTPS with this certificate (PEM, the chain after the server's own); "
                            "needs --tls-key. Without it the hub speaks plain HTTP: put it behind a reverse "
                            "proxy that terminates TLS (docs/HUB.md)")
    serve.add_argument("--tls-key", type=Path, default=None, metavar="FILE",
                       help="the certificate's private key (PEM, unencrypted, readable only by the hub's user)")
    serve.add_argument("--operator-listen", default=None, metavar="HOST:PORT",
                       help="also serve the read-only operator page there (e.g. 127.0.0.1:8471; "
                            "keep it off the public address)")
    serve.add_argument("--trusted-proxy", action="append", default=None, metavar="ADDRESS",
                       help="a reverse proxy in front of the hub (repeat for several): requests from it are "
                            "limited and logged by the address it puts last in X-Forwarded-For")
    serve.add_argument("--max-bundle-bytes", type=int, default=None, metavar="N",
                       help="refuse posted bundles larger than N bytes (default: 2 GiB, the bundle limit)")
    serve.add_argument("--read-timeout", type=float, default=None, metavar="SECONDS",
                       help="cut off a post whose body is later than SECONDS plus a second per --min-rate bytes "
                            "(default 60)")
    serve.add_argument("--min-rate", type=int, default=None, metavar="BYTES",
                       help="the slowest a body may come, in bytes a second, after the read timeout (default 1024)")
    serve.add_argument("--skew", type=int, default=None, metavar="SECONDS",
                       help="how far a site's signed request may be from the hub's clock (default 300)")
    serve.add_argument("--rate", type=float, default=None, metavar="N",
                       help="requests a second each enrolled site may make on average (default 2)")
    serve.add_argument("--burst", type=int, default=None, metavar="N",
                       help="requests a site may make at once before --rate applies (default 60)")
    serve.add_argument("--address-rate", type=float, default=None, metavar="N",
                       help="requests a second each remote address may make on average (default 10)")
    serve.add_argument("--address-burst", type=int, default=None, metavar="N",
                       help="requests an address may make at once before --address-rate applies (default 300)")
    serve.set_defaults(func=run_serve)
    enroll = sub.add_parser("enroll", parents=[common, hub_options],
                            help="accept the bundles of a county (its county pack) or a township (its enrollment file)")
    enroll.add_argument("file", type=Path, metavar="FILE", help="TD-county-CODE.tdpack or TD-enroll-CODE.tdkey")
    enroll.add_argument("--replace", action="store_true",
                        help="the site has a new key (a new PC): enroll it and revoke the old one; compare the "
                             "short fingerprint by phone first. A county pack endorsed by the enrolled key needs none")
    enroll.set_defaults(func=run_enroll)
    revoke = sub.add_parser("revoke", parents=[common, hub_options],
                            help="refuse a site's bundles and pulls from now on (a stolen or lost PC)")
    revoke.add_argument("code", metavar="CODE", help="the county's or township's code")
    revoke.set_defaults(func=run_revoke)
    export_pack = sub.add_parser("export-pack", parents=[common, hub_options],
                                 help="write the province pack (the hub's keys and URL) for the counties")
    export_pack.add_argument("--to", required=True, type=Path, metavar="DIR", help="where to write TD-province-CODE.tdpack")
    export_pack.add_argument("--url", required=True, metavar="URL",
                             help="the address the counties reach this hub at, e.g. https://hub.example.cn")
    export_pack.add_argument("--name", default="", metavar="NAME", help="the province's name, e.g. 河北省")
    export_pack.set_defaults(func=run_export_pack)
    duplicates = sub.add_parser("duplicates", parents=[common, hub_options],
                                help="province: people registered in two counties (by keyed hash, never an ID)")
    duplicates.add_argument("--json", action="store_true", help="one JSON object per pair of holders")
    duplicates.set_defaults(func=run_duplicates)
    routed = sub.add_parser("routes", parents=[common, hub_options],
                            help="province: the cross-county cross-check items routed and waiting (no names or IDs)")
    routed.add_argument("--waiting", action="store_true", help="only the items not yet sent down")
    routed.add_argument("--json", action="store_true", help="one JSON object per item")
    routed.set_defaults(func=run_routes)
    monthly = sub.add_parser("circular", parents=[common, hub_options],
                             help="province: the monthly circular ranking the counties, as a PDF")
    monthly.add_argument("--month", required=True, metavar="YYYY-MM")
    monthly.add_argument("--pdf", required=True, type=Path, metavar="OUT")
    monthly.add_argument("--name", default=None, metavar="NAME",
                         help="the province's name on the page (default: the one given to export-pack)")
    monthly.add_argument("--townships", action="store_true",
                         help="add an annex of every county's townships (long: about 30 townships a page)")
    monthly.set_defaults(func=run_circular)


def _hub():
    try:
        from desktop.hub import db, identity, schema
    except ImportError as error:   # the extra is not installed, or a frozen desktop build
        raise UserError(Text(f"the hub is not installed here ({error.name} is missing): "
                             "pip install 'township-desk[hub]'",
                             f"此处未安装中心组件（缺少 {error.name}）：pip install 'township-desk[hub]'"),
                        code="no-hub") from None
    return db, identity, schema


def _keys_dir(args, identity) -> Path:
    return args.keys if args.keys is not None else identity.default_keys_dir()


def run_init(args) -> int:
    db, identity, schema = _hub()
    keys_dir = _keys_dir(args, identity)
    with db.connect(args.db, autocommit=True) as conn:
        applied = schema.migrate(conn)
        hub, made = identity.init_hub(conn, keys_dir, args.province)
        version = schema.current_version(conn)
    print(Text(f"hub of province {hub.province}: schema version {version}"
               + (f" (applied {', '.join(applied)})" if applied else " (up to date)"),
               f"省 {hub.province} 的中心：结构版本 {version}"
               + (f"（已应用 {', '.join(applied)}）" if applied else "（已是最新）")))
    print(Text(f"hub key {hub.fingerprint} ({'made' if made else 'kept'} in {keys_dir})",
               f"中心密钥 {hub.fingerprint}（{'新建于' if made else '保留于'} {keys_dir}）"))
    return 0


def _listen(text: str, flag: str = "--listen") -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise UserError(Text(f"{flag} takes HOST:PORT, not {text!r}", f"{flag} 应为 HOST:PORT，而非 {text!r}"),
                        code="usage")
    return host.strip("[]"), int(port)


def _address(text: str) -> str:
    import ipaddress

    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        raise UserError(Text(f"--trusted-proxy takes an IP address, not {text!r}",
                             f"--trusted-proxy 应为 IP 地址，而非 {text!r}"), code="usage") from None


def _tls_context(cert: Path | None, key: Path | None):
    """The server's TLS context from the operator's certificate and key, or None for plain HTTP.

    Both files are read here, before the database is opened, so a wrong path or a key that does
    not match the certificate is one line at start, not a failure at the first connection."""
    if cert is None and key is None:
        return None
    if cert is None or key is None:
        raise UserError(Text("--tls-cert and --tls-key go together", "--tls-cert 与 --tls-key 须同时给出"),
                        code="usage")
    import ssl

    for path in (cert, key):   # ssl's own error names no file
        if not path.is_file():
            raise UserError(Text(f"cannot read {path}", f"无法读取 {path}"), code="unreadable")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    try:
        context.load_cert_chain(cert, key)
    except (ssl.SSLError, OSError) as error:
        raise UserError(Text(f"the certificate and key cannot be used: {error}",
                             f"证书与私钥无法使用：{error}"), code="bad-certificate") from None
    return context


def run_serve(args) -> int:
    db, identity, _schema = _hub()
    host, port = _listen(args.listen)
    limits = ("max_bundle_bytes", "read_timeout", "min_rate", "skew", "rate", "burst", "address_rate", "address_burst")
    options = {name: getattr(args, name) for name in limits if getattr(args, name) is not None}
    for name, value in options.items():
        if value <= 0:
            flag = "--" + name.replace("_", "-")
            raise UserError(Text(f"{flag} must be more than 0", f"{flag} 必须大于 0"), code="usage")
    if args.trusted_proxy:
        options["trusted_proxies"] = tuple(_address(text) for text in args.trusted_proxy)
    if args.operator_listen:
        options["operator"] = _listen(args.operator_listen, "--operator-listen")
    tls = _tls_context(args.tls_cert, args.tls_key)
    with db.connect(args.db, autocommit=True) as conn:
        hub = identity.load_hub(conn, _keys_dir(args, identity))
    import logging

    from desktop.hub import server

    # a server's log goes to stderr, for systemd's journal or the operator's terminal
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    scheme = "https" if tls else "http"
    print(Text(f"hub {hub.fingerprint} of province {hub.province} listening on {scheme}://{host}:{port}",
               f"省 {hub.province} 的中心 {hub.fingerprint} 正在监听 {scheme}://{host}:{port}"), flush=True)
    if "operator" in options:
        page_host, page_port = options["operator"]
        print(Text(f"operator page on http://{page_host}:{page_port}/", f"运维页面：http://{page_host}:{page_port}/"),
              flush=True)
    server.serve(args.db, hub, host, port, ssl_context=tls, **options)
    return 0


def run_revoke(args) -> int:
    db, _identity, _schema = _hub()
    from desktop.hub import sites

    with db.connect(args.db, autocommit=True) as conn:
        fingerprint = sites.revoke(conn, args.code)
    print(Text(f"{args.code}: key {fingerprint} revoked; enroll its new key with `hub enroll --replace`",
               f"{args.code}：密钥 {fingerprint} 已吊销；新密钥请用 `hub enroll --replace` 登记"))
    return 0


def run_enroll(args) -> int:
    db, identity, _schema = _hub()
    from desktop.hub import sites

    try:
        data = args.file.read_bytes()
    except OSError as error:
        raise UserError(Text(f"cannot read {args.file}: {error.strerror}", f"无法读取 {args.file}：{error.strerror}"),
                        code="unreadable") from None
    with db.connect(args.db, autocommit=True) as conn:
        province, _fingerprint = identity.hub_row(conn)
        site, status = sites.enroll(conn, data, province, replace=args.replace)
    role = Text("county", "县") if site.role == "county" else Text("township", "乡镇")
    state = {sites.ENROLLED: Text("enrolled", "已登记"), sites.ALREADY: Text("already enrolled", "早已登记"),
             sites.ROTATED: Text("new key enrolled (endorsed by the county's previous key, now revoked)",
                                 "新密钥已登记（由该县原密钥背书，原密钥已吊销）"),
             sites.REPLACED: Text("new key enrolled; the previous key is revoked", "新密钥已登记，原密钥已吊销")}[status]
    print(f"{role} {site.code}: {state}  {site.keys.fingerprint}")
    print(Text(f"compare by phone: {site.keys.short_fingerprint}", f"电话核对：{site.keys.short_fingerprint}"))
    return 0


def run_export_pack(args) -> int:
    db, identity, _schema = _hub()
    from desktop.hub import pack

    keys_dir = _keys_dir(args, identity)
    with db.connect(args.db, autocommit=True) as conn:
        hub = identity.load_hub(conn, keys_dir)
        path = pack.export_pack(conn, hub, keys_dir, args.to, args.url, args.name)
    print(Text(f"wrote {path} (province {hub.province}, hub {hub.fingerprint})",
               f"已写入 {path}（省 {hub.province}，中心 {hub.fingerprint}）"))
    print(Text(f"counties compare by phone: {hub.keys.public().short_fingerprint}",
               f"各县电话核对：{hub.keys.public().short_fingerprint}"))
    print(Text("the pack holds the province's person-matching key: carry it to the counties yourself and "
               "delete it from the stick once they have enrolled it",
               "该配置包含有省级人员比对密钥：请亲自送至各县，各县登记后从 U 盘删除"))
    return 0


def run_duplicates(args) -> int:
    db, identity, _schema = _hub()
    from desktop.hub import province

    with db.connect(args.db, autocommit=True) as conn:
        identity.hub_row(conn)
        found = province.duplicates(conn)
    if args.json:
        from desktop.cli.common import print_json
        print_json(found)
        return 0
    for row in found:
        print(f"{row['person']}\t{row['county_a']}\t{row['township_a']}\t{row['county_b']}\t{row['township_b']}"
              f"\t{row['first_seen']}")
    pairs = len({(row["person"], row["county_a"], row["county_b"]) for row in found})
    print(Text.counted(pairs, "{n} person registered in two counties", "{n} people registered in two counties",
                       "在两个县重复登记的人员：{n} 人"))
    return 0


def run_routes(args) -> int:
    db, identity, _schema = _hub()
    from desktop.hub import routing

    with db.connect(args.db, autocommit=True) as conn:
        identity.hub_row(conn)
        found = [row for row in routing.routes(conn) if not (args.waiting and row["sent"])]
    if args.json:
        from desktop.cli.common import print_json
        print_json(found)
        return 0
    for row in found:
        where = f"{row['to_county']} {row['to_site']}" if row["to_county"] else Text(
            f"waiting for {row['named_county']}", f"等待 {row['named_county']}").get()
        state = (Text("answered by the hub: person unknown", "中心答复：查无此人") if row["answered"] else
                 Text("sent down", "已转送") if row["sent"] else Text("waiting", "待转")).get()
        print(f"{row['id']}	{row['type']}	{row['from_county']} -> {where}	{state}	{row['received']}")
    waiting = sum(1 for row in found if not row["sent"])
    print(Text(f"{len(found)} items, {waiting} waiting", f"共 {len(found)} 个事项，{waiting} 个待转"))
    return 0


def run_circular(args) -> int:
    db, _identity, _schema = _hub()
    from desktop.hub import circular
    from desktop.render import output

    with db.connect(args.db, autocommit=True) as conn:
        report = circular.build(conn, args.month, args.name, townships=args.townships)
    pages = output.write_pdf(report, args.pdf)
    reported = sum(1 for row in report.rows if row.reported)
    print(Text(f"wrote {args.pdf}: {report.month}, {reported} of {len(report.rows)} counties reported, "
               f"{pages} {'page' if pages == 1 else 'pages'}",
               f"已写入 {args.pdf}：{report.month}，{len(report.rows)} 个县中 {reported} 个已报送，共 {pages} 页"))
    return 0
