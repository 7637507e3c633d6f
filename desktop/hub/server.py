"""The hub's HTTP face (aiohttp): the signed health answer and the mailbox of bundles.

    GET  /health[?nonce=N]      200, JSON signed by the hub key (desktop/core/sync/hub_health.py)
    POST /v1/bundles            a bundle file as the body: 201 {"status": "stored"} or
                                200 {"status": "duplicate"}; 4xx with {"error", "message"}
    GET  /v1/bundles?for=SITE[&after=ID]   what is addressed to SITE, in arrival order
    GET  /v1/bundles/SHA256     the bundle's bytes, as they were posted

Listing and fetching need the Township-Site-Auth header (desktop/core/sync/hub_auth.py): the site
signs the request with its enrolled key; a site sees only what is addressed to it (pull_auth.py).
Every request takes a token from its remote address's bucket, and a post or pull one from its
signer's once that is known (ratelimit.py): 429 with Retry-After when empty.

A posted body is streamed to a temporary file in 1 MiB pieces and counted as it comes: a
Content-Length over the limit is refused before a byte is read, a body that grows past it is
refused when it does, so memory stays a piece whatever is sent. The body must also keep coming: it is cut off with 408
once it is later than `read_timeout` seconds plus one second per `min_rate` bytes received (a
body trickled a byte a second is cut off after about `read_timeout`), and nothing is stored. Only the complete file is checked
(mailbox.check) and only a checked one is stored. Database work runs in worker threads, one
connection per request (a pool is for later), so the event loop never waits on PostgreSQL or on a
signature check.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from aiohttp import web

from desktop import __version__
from desktop.core.errors import UserError
from desktop.core.i18n import Text
from desktop.core.sync import bundle, hub_auth, hub_health, sshsig
from desktop.hub import mailbox, pull_auth, refusals, sites
from desktop.hub.db import connect
from desktop.hub.identity import Hub
from desktop.hub.ratelimit import TokenBuckets

log = logging.getLogger("township.hub")

PIECE_BYTES = 1 << 20
FORBIDDEN = {"unknown-signer", "revoked-signer", "wrong-signer", "wrong-county", "retired-signer"}
_SHA = re.compile(r"^[0-9a-f]{64}$")
_SITE = re.compile(r"^[0-9]{6,12}$")
DB_URL, HUB, LIMIT, SPOOL = (web.AppKey("db_url", str), web.AppKey("hub", Hub), web.AppKey("limit", int),
                             web.AppKey("spool", str))
READ_TIMEOUT, MIN_RATE, SKEW = web.AppKey("read_timeout", float), web.AppKey("min_rate", int), web.AppKey("skew", int)
NONCES = web.AppKey("nonces", pull_auth.NonceMemory)
BY_ADDRESS, BY_SITE = web.AppKey("by_address", TokenBuckets), web.AppKey("by_site", TokenBuckets)
PROXIES = web.AppKey("proxies", frozenset)
DEFAULT_READ_TIMEOUT = 60.0      # seconds of grace for a body...
DEFAULT_MIN_RATE = 1024          # ...plus one second per KiB: a GPRS link still makes it
DEFAULT_SKEW = 300               # seconds a signed request's time may differ from the hub's clock
DEFAULT_RATE, DEFAULT_BURST = 2.0, 60   # tokens a second, bucket size: per signing site
# per address: more, since a county office's townships may all come through one NAT address
DEFAULT_ADDRESS_RATE, DEFAULT_ADDRESS_BURST = 10.0, 300


def _error(status: int, code: str, message: Text) -> web.Response:
    """A refusal: one line of JSON with the code and the reason in both languages (the sender's
    program shows the one its clerk reads)."""
    return web.json_response({"error": code, "message": message.en.splitlines()[0],
                              "message_zh": message.zh.splitlines()[0]},
                             status=status, dumps=lambda value: json.dumps(value, ensure_ascii=False))


async def _in_db(request: web.Request, work):
    """`work(connection)` in a worker thread, with a connection of its own."""
    url = request.app[DB_URL]

    def run():
        with connect(url) as conn:
            return work(conn)

    return await asyncio.to_thread(run)


def _slow_down(wait: int) -> web.Response:
    answer = _error(429, "rate-limited", Text.counted(wait, "too many requests; try again in {n} second",
                                                      "too many requests; try again in {n} seconds",
                                                      "请求过多，请 {n} 秒后再试"))
    answer.headers["Retry-After"] = str(wait)
    return answer


class _RateLimited(Exception):
    def __init__(self, wait: int):
        super().__init__(wait)
        self.wait = wait


def _client_address(request: web.Request) -> str:
    """The address a request comes from: the peer, or - when the peer is a trusted reverse proxy -
    the address that proxy appended to X-Forwarded-For (the last entry: the ones before it are
    whatever the client sent, and a client can write anything there)."""
    peer = request.remote or ""
    if peer in request.app[PROXIES]:
        forwarded = request.headers.get("X-Forwarded-For", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return peer


@web.middleware
async def client_address(request: web.Request, handler):
    """Every later step (rate limit, log lines) sees the client's address, not the proxy's."""
    address = _client_address(request)
    if address != request.remote:
        request = request.clone(remote=address)
    return await handler(request)


@web.middleware
async def limit_by_address(request: web.Request, handler):
    """One token from the remote address's bucket for every request, before anything is read."""
    wait = request.app[BY_ADDRESS].take(request.remote or "")
    if wait:
        log.warning("rate-limited %s", request.remote)
        return _slow_down(wait)
    try:
        return await handler(request)
    except _RateLimited as limited:   # the signer's bucket, once the signer is known
        log.warning("rate-limited a signer from %s", request.remote)
        return _slow_down(limited.wait)


def _charge_signer(app: web.Application, key: str) -> None:
    wait = app[BY_SITE].take(key)
    if wait:
        raise _RateLimited(wait)


async def _site_of(request: web.Request) -> str | web.Response:
    """The site the request proves it comes from, or the refusal to answer with."""
    app, url = request.app, request.app[DB_URL]
    header = request.headers.get(hub_auth.HEADER)

    def check():
        with connect(url) as conn:
            return pull_auth.authenticate(header, request.method, request.raw_path,
                                          lambda code: sites.active_fingerprint(conn, code), app[NONCES],
                                          skew=app[SKEW])

    try:
        site = await asyncio.to_thread(check)
    except (hub_auth.AuthError, sshsig.SignatureError) as error:
        log.warning("refused a pull from %s: %s", request.remote, error.code)
        status = 503 if error.code == "busy" else 403 if error.code == "unknown-site" else 401
        return _error(status, error.code, error.text)
    _charge_signer(app, site)
    return site


async def health(request: web.Request) -> web.Response:
    nonce = request.query.get("nonce")
    if nonce is not None and not hub_health.NONCE.match(nonce):
        return _error(400, "bad-nonce", Text("the nonce must be 1-64 letters, digits, - or _",
                                               "nonce 应为 1-64 个字母、数字、- 或 _"))
    hub = request.app[HUB]
    body = hub_health.health_body(hub.keys.signing_key, province=hub.province, version=__version__, nonce=nonce,
                                  time=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
    return web.Response(body=body, content_type=hub_health.CONTENT_TYPE,
                        headers={hub_health.HEADER: hub_health.signature_header(hub.keys.signing_key, body),
                                 "Cache-Control": "no-store"})


async def _record_refusal(request: web.Request, status: int, code: str, received: int) -> None:
    """Keep the refusal for the operator page (refusals.py); a database that cannot take it
    changes nothing in the answer."""
    def write():
        with connect(request.app[DB_URL], autocommit=True) as conn:
            refusals.record(conn, request.remote or "", code, status, received)

    try:
        await asyncio.to_thread(write)
    except Exception:   # the refusal is still answered and logged
        log.exception("could not record a refused post")


async def _refuse_post(request: web.Request, answer: web.Response, code: str, received: int) -> web.Response:
    await _record_refusal(request, answer.status, code, received)
    return answer


def _too_large(limit: int) -> web.Response:
    return _error(413, "too-large", Text(f"the bundle is larger than this hub accepts ({limit} bytes)",
                                        f"同步包超过本中心接受的大小（{limit} 字节）"))


async def post_bundle(request: web.Request) -> web.Response:
    limit = request.app[LIMIT]
    if request.content_length is not None and request.content_length > limit:
        return await _refuse_post(request, _too_large(limit), "too-large", 0)   # before reading a byte of it
    with tempfile.NamedTemporaryFile(dir=request.app[SPOOL] or None, prefix="post-", suffix=".tdb") as spool:
        received = 0
        loop, timeout, min_rate = asyncio.get_running_loop(), request.app[READ_TIMEOUT], request.app[MIN_RATE]
        start = loop.time()
        while True:
            # the body is late once it is behind `timeout` plus a second per `min_rate` bytes
            remaining = start + timeout + received / min_rate - loop.time()
            try:
                if remaining <= 0:
                    raise TimeoutError
                chunk = await asyncio.wait_for(request.content.read(PIECE_BYTES), remaining)
            except TimeoutError:
                log.warning("refused a post from %s: too-slow (%d bytes in %.0f s)", request.remote, received,
                            loop.time() - start)
                answer = _error(408, "too-slow", Text("the bundle arrived too slowly; try again on a better link",
                                                      "同步包传输过慢，请在网络较好时重试"))
                # sent, then the connection dropped at once: no lingering read of the rest of a slow body
                await answer.prepare(request)
                await answer.write_eof()
                request.protocol.force_close()
                await _record_refusal(request, 408, "too-slow", received)
                return answer
            if not chunk:
                break
            received += len(chunk)
            if received > limit:
                return await _refuse_post(request, _too_large(limit), "too-large", received)
            spool.write(chunk)
        spool.flush()
        if received == 0:
            return await _refuse_post(request, _error(400, "empty", Text("the request has no bundle in its body",
                                                                         "请求中没有同步包")), "empty", 0)
        if request.content_length is not None and received != request.content_length:
            return await _refuse_post(request, _error(400, "truncated", Text(
                "the body ended before its Content-Length", "请求内容在声明的长度之前结束")), "truncated", received)
        try:
            stored = await _in_db(request, lambda conn: mailbox.ingest(
                conn, Path(spool.name), admit=lambda signer: _charge_signer(request.app, signer),
                hub=request.app[HUB]))
        except UserError as error:
            log.warning("refused a post from %s: %s", request.remote, error.code)
            return await _refuse_post(request, _error(403 if error.code in FORBIDDEN else 400, error.code, error.text),
                                      error.code, received)
    log.info("bundle %s from %s to %s: %s", stored.sha256[:12], stored.sender, stored.recipient, stored.status)
    return web.json_response(stored.as_dict(), status=201 if stored.status == mailbox.STORED else 200)


async def list_bundles(request: web.Request) -> web.Response:
    site = request.query.get("for", "")
    after = request.query.get("after", "0")
    if not _SITE.match(site) or not after.isdigit():
        return _error(400, "usage", Text("ask with ?for=SITE_CODE[&after=ID]", "请用 ?for=站点代码[&after=ID] 查询"))
    asking = await _site_of(request)
    if isinstance(asking, web.Response):
        return asking
    if asking != site:
        log.warning("refused a pull from %s: %s asked for %s", request.remote, asking, site)
        return _error(403, "not-yours", Text(f"site {asking} may list only what is addressed to it",
                                             f"站点 {asking} 只能列出发给自己的同步包"))
    found = await _in_db(request, lambda conn: mailbox.waiting_for(conn, site, int(after)))
    return web.json_response({"for": site, "bundles": found})


async def get_bundle(request: web.Request) -> web.StreamResponse:
    sha256 = request.match_info["sha256"]
    if not _SHA.match(sha256):
        return _error(400, "usage", Text("a bundle is named by its 64 hex digit sha256", "同步包以 64 位十六进制 sha256 命名"))
    asking = await _site_of(request)
    if isinstance(asking, web.Response):
        return asking
    url = request.app[DB_URL]

    def open_stored():
        conn = connect(url)
        try:
            return conn, mailbox.stored_bundle(conn, sha256)
        except BaseException:
            conn.close()
            raise

    conn, meta = await asyncio.to_thread(open_stored)
    try:
        # another site's bundle is answered as not stored: the answer tells nothing of what waits for others
        if meta is None or meta["recipient"] != asking:
            return _error(404, "not-found", Text("no bundle with this sha256 is stored here", "此处没有该 sha256 的同步包"))
        response = web.StreamResponse(headers={
            "Content-Type": "application/octet-stream", "Content-Length": str(meta["length"]),
            "Content-Disposition": f'attachment; filename="{meta["name"]}"',
            "Township-Bundle-File-Sha256": meta["file_sha256"]})
        await response.prepare(request)
        for n in range(meta["pieces"]):   # one piece in memory at a time
            await response.write(await asyncio.to_thread(mailbox.piece, conn, sha256, n))
        await response.write_eof()
        return response
    finally:
        await asyncio.to_thread(conn.close)


def make_app(db_url: str, hub: Hub, *, max_bundle_bytes: int = bundle.MAX_BUNDLE_BYTES,
             spool_dir: str | None = None, read_timeout: float = DEFAULT_READ_TIMEOUT,
             min_rate: int = DEFAULT_MIN_RATE, skew: int = DEFAULT_SKEW, rate: float = DEFAULT_RATE,
             burst: int = DEFAULT_BURST, address_rate: float = DEFAULT_ADDRESS_RATE,
             address_burst: int = DEFAULT_ADDRESS_BURST, trusted_proxies: tuple[str, ...] = ()) -> web.Application:
    app = web.Application(middlewares=[client_address, limit_by_address])
    app[PROXIES] = frozenset(trusted_proxies)
    app[DB_URL], app[HUB], app[LIMIT], app[SPOOL] = db_url, hub, max_bundle_bytes, spool_dir or ""
    app[READ_TIMEOUT], app[MIN_RATE], app[SKEW] = read_timeout, min_rate, skew
    app[NONCES] = pull_auth.NonceMemory(skew)
    app[BY_ADDRESS], app[BY_SITE] = TokenBuckets(address_rate, address_burst), TokenBuckets(rate, burst)
    app.router.add_get("/health", health)
    app.router.add_post("/v1/bundles", post_bundle)
    app.router.add_get("/v1/bundles", list_bundles)
    app.router.add_get("/v1/bundles/{sha256}", get_bundle)
    return app


def _with_operator_page(app: web.Application, db_url: str, hub: Hub, host: str, port: int) -> None:
    """Serve the operator page (operator_page.py) on its own address while the mailbox runs."""
    from desktop.hub.operator_page import make_operator_app

    async def start(_app):
        runner = web.AppRunner(make_operator_app(db_url, hub), access_log=None)
        await runner.setup()
        await web.TCPSite(runner, host, port).start()
        yield
        await runner.cleanup()

    app.cleanup_ctx.append(start)


def serve(db_url: str, hub: Hub, host: str, port: int, *, ssl_context=None,
          operator: tuple[str, int] | None = None, **options) -> None:
    """Serve until stopped; HTTPS when given the operator's TLS context (hub_cmd._tls_context); the
    operator page on its own (host, port) when `operator` is given."""
    app = make_app(db_url, hub, **options)
    if operator:
        _with_operator_page(app, db_url, hub, *operator)
    web.run_app(app, host=host, port=port, print=None, ssl_context=ssl_context,
                access_log=logging.getLogger("township.hub.access"))
