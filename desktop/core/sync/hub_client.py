"""The desktop's client of the hub: a signed health probe, posting bundles, listing and fetching
what is addressed to this site (docs/HUB.md "The HTTP interface").

Standard library only (http.client): aiohttp is the hub's and is left out of the frozen app.
Every request has a timeout; every failure is a `HubError` with a message in both languages and
a `code` that says what the caller may do:

- `unreachable` (no route, refused, timed out, the connection broke) and `hub-failed` (a 5xx):
  try again later - nothing was lost, the bundles stay queued;
- `portal`: something answered that is not the hub (a Wi-Fi sign-in page, a redirect, HTML where
  JSON was due, a health answer without the hub's signature): ask the clerk to sign in to the
  network; nothing is believed from it;
- `rate-limited`: the hub asks to wait `retry_after` seconds;
- `refused`: the hub refused this request (a bundle it will never take, a pull it does not
  allow); the hub's own reason, in both languages, is the message; `hub_code` is its code.

The probe believes only the hub's signed answer to a fresh nonce (hub_health.check_health), with
the hub key pinned in the settings; with none pinned yet, it takes the key of a self-consistent
signed answer and returns it for the caller to pin (trust on first use, said so in the docs).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import http.client
import json
import os
import secrets
import socket
import ssl
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from desktop.core.errors import UserError
from desktop.core.i18n import Text
from desktop.core.sync import hub_auth, hub_health, sshsig
from desktop.core.sync.keys import InstallKeys, fingerprint, openssh_public_line, parse_openssh_public_line

TIMEOUT = 30.0                 # seconds for connecting and for each read
MAX_JSON_BYTES = 4 << 20       # a listing of 1,000 bundles is about 400 KB
PIECE = 1 << 20
TRANSIENT = ("unreachable", "hub-failed", "portal", "rate-limited")


class HubError(UserError):
    """The hub could not be reached, is not the hub, or refused; see the module's codes."""

    def __init__(self, text: Text, *, code: str, retry_after: float | None = None, hub_code: str | None = None):
        super().__init__(text, code=code)
        self.retry_after = retry_after
        self.hub_code = hub_code

    @property
    def transient(self) -> bool:
        return self.code in TRANSIENT


def _unreachable(url: str, why: Text) -> HubError:
    return HubError(Text(f"cannot reach the hub at {url} ({why.en}); the bundles stay queued and go with the next try",
                         f"无法连接中心 {url}（{why.zh}）；同步包保留在待发送队列中，下次尝试时发送"), code="unreachable")


def _portal(url: str, why: Text) -> HubError:
    return HubError(Text(f"the network answered for {url}, but not as the hub ({why.en}): if this is a Wi-Fi that "
                         "asks you to sign in, sign in in a web browser first",
                         f"网络代替中心 {url} 作了应答（{why.zh}）：如果是需要登录的无线网络，请先在浏览器中登录"),
                    code="portal")


@dataclass(frozen=True)
class Health:
    """The hub's signed health document, and the key that signed it ("ssh-ed25519 ..." line)."""

    document: dict
    hub_key: str

    @property
    def fingerprint(self) -> str:
        return self.document.get("hub", "")


class HubClient:
    """Requests to one hub for one site (this installation's code and signing keys)."""

    def __init__(self, url: str, keys: InstallKeys, site: str, *, hub_key: str | None = None,
                 timeout: float = TIMEOUT):
        parsed = urllib.parse.urlsplit(url.strip())
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise HubError(Text(f"the hub address must start with http:// or https://, not {url!r}",
                                f"中心地址须以 http:// 或 https:// 开头，而非 {url!r}"), code="bad-url")
        self.url = url.strip().rstrip("/")
        self._parsed = parsed
        self._prefix = parsed.path.rstrip("/")
        self.keys, self.site, self.timeout = keys, site, timeout
        self.hub_key = hub_key

    # ---- the wire ---------------------------------------------------------------------------

    def _connection(self) -> http.client.HTTPConnection:
        host, port = self._parsed.hostname, self._parsed.port
        if self._parsed.scheme == "https":
            return http.client.HTTPSConnection(host, port, timeout=self.timeout, context=ssl.create_default_context())
        return http.client.HTTPConnection(host, port, timeout=self.timeout)

    def _request(self, method: str, target: str, *, body=None, length: int | None = None, signed: bool = False,
                 headers: dict | None = None):
        """(connection, response) of one request; the caller reads the body and closes the connection."""
        headers = dict(headers or {})
        full = self._prefix + target
        if signed:
            headers[hub_auth.HEADER] = hub_auth.request_header(self.keys, self.site, method, full)
        if length is not None:
            headers["Content-Length"] = str(length)
        connection = self._connection()
        try:
            connection.request(method, full, body=body, headers=headers)
            return connection, connection.getresponse()
        except TimeoutError:
            connection.close()
            raise _unreachable(self.url, Text("no answer in time", "超时无应答")) from None
        except ssl.SSLError as error:
            connection.close()
            raise _unreachable(self.url, Text(f"TLS: {error.reason or error}", f"TLS：{error.reason or error}")) from None
        except (OSError, http.client.HTTPException) as error:
            connection.close()
            raise _unreachable(self.url, _why(error)) from None

    def _read(self, connection, response, limit: int) -> bytes:
        try:
            body = response.read(limit + 1)
        except (OSError, http.client.HTTPException) as error:
            raise _unreachable(self.url, _why(error)) from None
        finally:
            connection.close()
        if len(body) > limit:
            raise _portal(self.url, Text("an answer far too long", "应答过长"))
        return body

    def _json(self, connection, response, *, expect: tuple[int, ...]) -> dict:
        """The JSON answer of a request the hub answers with `expect`; HubError for anything else."""
        status = response.status
        content_type = (response.getheader("Content-Type") or "").split(";")[0].strip()
        retry = response.getheader("Retry-After")
        body = self._read(connection, response, MAX_JSON_BYTES)
        if 300 <= status < 400:
            raise _portal(self.url, Text(f"a redirect to {response.getheader('Location') or '?'}",
                                         f"被重定向到 {response.getheader('Location') or '?'}"))
        answer = None
        if content_type == "application/json":
            try:
                answer = json.loads(body)
            except ValueError:
                answer = None
        if not isinstance(answer, dict):
            if status >= 500:
                raise HubError(Text(f"the hub at {self.url} failed (HTTP {status}); try again later",
                                    f"中心 {self.url} 出错（HTTP {status}）；请稍后再试"), code="hub-failed")
            raise _portal(self.url, Text(f"HTTP {status} with {content_type or 'no type'}, not the hub's JSON",
                                         f"HTTP {status}，内容为 {content_type or '未知类型'}，不是中心的 JSON"))
        if status in expect:
            return answer
        message = Text(str(answer.get("message") or answer.get("error") or f"HTTP {status}"),
                       str(answer.get("message_zh") or answer.get("message") or f"HTTP {status}"))
        if status == 429:
            wait = _seconds(retry)
            raise HubError(Text(f"the hub asks to wait {wait:g} seconds before the next try (rate limit)",
                                f"中心要求等待 {wait:g} 秒后再试（频率限制）"), code="rate-limited", retry_after=wait,
                           hub_code=answer.get("error"))
        if status >= 500:
            raise HubError(Text(f"the hub at {self.url} failed: {message.en}", f"中心 {self.url} 出错：{message.zh}"),
                           code="hub-failed", hub_code=answer.get("error"))
        raise HubError(Text(f"the hub refused: {message.en}", f"中心拒绝：{message.zh}"), code="refused",
                       hub_code=answer.get("error"))

    # ---- what the desktop asks ----------------------------------------------------------------

    def health(self) -> Health:
        """The hub's signed health answer to a fresh nonce; HubError `portal` for anything else
        (a sign-in page, another server, another hub than the one pinned, a replayed answer)."""
        nonce = secrets.token_urlsafe(18)
        connection, response = self._request("GET", f"/health?nonce={nonce}")
        status = response.status
        content_type = response.getheader("Content-Type")
        header = response.getheader(hub_health.HEADER)
        body = self._read(connection, response, hub_health.MAX_BODY_BYTES)
        if status != 200:
            if 300 <= status < 400:
                raise _portal(self.url, Text("a redirect", "被重定向"))
            if status >= 500:
                raise HubError(Text(f"the hub at {self.url} failed (HTTP {status}); try again later",
                                    f"中心 {self.url} 出错（HTTP {status}）；请稍后再试"), code="hub-failed")
            raise _portal(self.url, Text(f"HTTP {status} to the health probe", f"健康检查得到 HTTP {status}"))
        try:
            key = self._health_key(header, body)
            document = hub_health.check_health(body, content_type, header, key, nonce=nonce)
        except UserError as error:
            raise _portal(self.url, error.text) from None
        return Health(document, openssh_public_line(key))

    def _health_key(self, header: str | None, body: bytes) -> Ed25519PublicKey:
        """The pinned hub key; with none pinned, the key that signed this answer, if the answer
        names it as the hub (trust on first use)."""
        if self.hub_key:
            return parse_openssh_public_line(self.hub_key)
        try:
            signed_by = sshsig.verify(sshsig.armor(base64.b64decode(header or "", validate=True)), body,
                                      hub_health.NAMESPACE)
        except (binascii.Error, ValueError, UserError):
            raise _portal(self.url, Text("no signed health answer", "没有签名的健康应答")) from None
        try:
            named = json.loads(body).get("hub")
        except (ValueError, AttributeError):
            named = None
        if named != fingerprint(signed_by):
            raise _portal(self.url, Text("a health answer not signed by the hub it names", "健康应答不是由其所称的中心签名"))
        return signed_by

    def post_file(self, path: Path) -> dict:
        """Post one bundle file (streamed); the hub's answer ({"status": "stored" | "duplicate", ...})."""
        size = os.path.getsize(path)
        with open(path, "rb") as body:
            connection, response = self._request("POST", "/v1/bundles", body=body, length=size,
                                                 headers={"Content-Type": "application/octet-stream"})
            answer = self._json(connection, response, expect=(200, 201))
        if answer.get("status") not in ("stored", "duplicate"):
            raise _portal(self.url, Text("an answer to a post that is not the hub's", "发送后的应答不是中心的"))
        return answer

    def listing(self, after: int = 0) -> list[dict]:
        """What waits for this site after arrival id `after`, in arrival order (every page)."""
        found: list[dict] = []
        while True:
            target = f"/v1/bundles?for={self.site}" + (f"&after={after}" if after else "")
            connection, response = self._request("GET", target, signed=True)
            page = self._json(connection, response, expect=(200,)).get("bundles")
            if not isinstance(page, list) or not all(isinstance(e, dict) and isinstance(e.get("id"), int)
                                                     and isinstance(e.get("sha256"), str) for e in page):
                raise _portal(self.url, Text("a listing that is not the hub's", "列表不是中心的"))
            found += page
            if len(page) < 1000:
                return found
            after = page[-1]["id"]

    def fetch(self, sha256: str, target: Path, expected_file_sha256: str | None = None) -> Path:
        """Fetch one bundle into `target` (a file path; written via a temp file, renamed when whole
        and its bytes hash to what the hub listed)."""
        if not all(c in "0123456789abcdef" for c in sha256) or len(sha256) != 64:
            raise _portal(self.url, Text("a listed bundle with a malformed id", "列出的同步包标识格式错误"))
        connection, response = self._request("GET", f"/v1/bundles/{sha256}", signed=True)
        if response.status != 200 or (response.getheader("Content-Type") or "").split(";")[0] \
                != "application/octet-stream":
            self._json(connection, response, expect=())   # raises with the hub's reason
        part = target.with_name(f".{target.name}.part")
        digest = hashlib.sha256()
        try:
            with open(part, "wb") as out:
                while piece := response.read(PIECE):
                    digest.update(piece)
                    out.write(piece)
                out.flush()
                os.fsync(out.fileno())
        except (OSError, http.client.HTTPException) as error:
            part.unlink(missing_ok=True)
            raise _unreachable(self.url, _why(error)) from None
        finally:
            connection.close()
        expected = expected_file_sha256 or response.getheader("Township-Bundle-File-Sha256")
        if expected and digest.hexdigest() != expected:
            part.unlink(missing_ok=True)
            raise _unreachable(self.url, Text("the download was cut short or changed on the way", "下载不完整或在传输中被改动"))
        os.replace(part, target)
        return target


def _why(error: BaseException) -> Text:
    if isinstance(error, ConnectionRefusedError):
        return Text("connection refused: is the hub running?", "连接被拒绝：中心是否在运行？")
    if isinstance(error, socket.gaierror):
        return Text("unknown host name: is the network connected?", "无法解析主机名：网络是否已连接？")
    if isinstance(error, TimeoutError | socket.timeout):
        return Text("no answer in time", "超时无应答")
    if isinstance(error, http.client.RemoteDisconnected | ConnectionResetError | BrokenPipeError):
        return Text("the connection broke", "连接中断")
    detail = getattr(error, "strerror", None) or type(error).__name__
    return Text(detail, detail)


def _seconds(value: str | None) -> float:
    """Retry-After in seconds (the hub sends whole seconds; a date or junk means a minute)."""
    try:
        return max(1.0, min(float(value), 3600.0))
    except (TypeError, ValueError):
        return 60.0
