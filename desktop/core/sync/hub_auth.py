"""A site's signed request to the hub: the header that proves "I am site X, now, for this request".

Listing and fetching bundles at the hub are for the site they are addressed to only. The site
signs each such request with its own signing key - the Ed25519 key it signs bundles with, and
that the hub enrolled from its county pack or enrollment file - as an SSHSIG (sshsig.py) in its
own namespace, `township-desk-hub-request@v1`, so a request signature can never pass for a
bundle signature or the other way round.

    Township-Site-Auth: v1 site=131025 time=1796353500 nonce=3q2-7w... sig=BASE64

The signed text binds the site code, the time (Unix seconds), a fresh random nonce, the method
and the request target (path and query), one per line: a header captured on the way is useless
for another request, stale after the hub's clock-skew window, and refused within it because the
hub remembers the nonces it has seen for that window (desktop/hub/pull_auth.py).

Qt-free and without network code: the desktop's hub client makes the header with
`request_header`; the hub reads it with `parse_header` and checks it with `verify_claim`.
"""

from __future__ import annotations

import base64
import binascii
import re
import secrets
import time as _time
from dataclasses import dataclass

from desktop.core.errors import UserError
from desktop.core.i18n import Text
from desktop.core.sync import sshsig
from desktop.core.sync.keys import InstallKeys, fingerprint

NAMESPACE = "township-desk-hub-request@v1"
HEADER = "Township-Site-Auth"
VERSION = "v1"
MAX_HEADER_LENGTH = 1024   # an Ed25519 SSHSIG in base64 is about 400 characters
_SITE = re.compile(r"^[0-9]{6,12}$")
_NONCE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
_TIME = re.compile(r"^[0-9]{1,12}$")


class AuthError(UserError):
    """The request does not prove who sends it (missing, malformed, stale, replayed, wrong key)."""


def _refuse(code: str, en: str, zh: str) -> AuthError:
    return AuthError(Text(en, zh), code=code)


@dataclass(frozen=True)
class Claim:
    """What a request header says: the site, its time and nonce, and the signature over them."""
    site: str
    time: int
    nonce: str
    signature: str   # armored SSHSIG


def signed_text(site: str, time: int, nonce: str, method: str, target: str) -> bytes:
    return "\n".join((NAMESPACE, site, str(time), nonce, method.upper(), target, "")).encode("utf-8")


def request_header(keys: InstallKeys, site: str, method: str, target: str, *, now: float | None = None,
                   nonce: str | None = None) -> str:
    """The header value for `method target` (target: path and query, as sent) by `site`."""
    stamp = int(_time.time() if now is None else now)
    nonce = nonce or secrets.token_urlsafe(18)
    armored = keys.sign(signed_text(site, stamp, nonce, method, target), NAMESPACE)
    blob = "".join(armored.split("\n")[1:-2])   # the base64 between the BEGIN and END lines
    return f"{VERSION} site={site} time={stamp} nonce={nonce} sig={blob}"


def parse_header(value: str | None) -> Claim:
    """The claim in a header value; AuthError `unauthenticated` if absent, `bad-auth` if malformed."""
    if not value:
        raise _refuse("unauthenticated", "this request must be signed by the site it is for",
                      "此请求须由其所属站点签名")
    if len(value) > MAX_HEADER_LENGTH:
        raise _refuse("bad-auth", "the request's signature header is too long", "请求的签名头过长")
    version, *fields = value.split(" ")
    pairs = dict(field.partition("=")[::2] for field in fields)
    if version != VERSION or set(pairs) != {"site", "time", "nonce", "sig"} or len(fields) != 4 \
            or not _SITE.match(pairs["site"]) or not _TIME.match(pairs["time"]) or not _NONCE.match(pairs["nonce"]):
        raise _refuse("bad-auth", "the request's signature header is malformed", "请求的签名头格式错误")
    try:
        armored = sshsig.armor(base64.b64decode(pairs["sig"], validate=True))
    except (binascii.Error, ValueError):
        raise _refuse("bad-auth", "the request's signature is damaged", "请求的签名已损坏") from None
    return Claim(pairs["site"], int(pairs["time"]), pairs["nonce"], armored)


def verify_claim(claim: Claim, method: str, target: str, enrolled_fingerprint: str, *, now: float,
                 skew: int) -> None:
    """Check the claim for `method target`: signed by the site's enrolled key, within `skew`
    seconds of `now`. (Whether its nonce was seen before is the hub's memory: pull_auth.)"""
    if abs(now - claim.time) > skew:
        raise _refuse("stale-request", f"the request's time is more than {skew} seconds from the hub's clock "
                      "(check the computer's clock)", f"请求时间与中心时钟相差超过 {skew} 秒（请检查电脑时钟）")
    signed_by = sshsig.verify(claim.signature, signed_text(claim.site, claim.time, claim.nonce, method, target),
                              NAMESPACE)
    if fingerprint(signed_by) != enrolled_fingerprint:
        raise _refuse("wrong-site-key", f"the request is not signed by the key enrolled for {claim.site}",
                      f"请求不是由 {claim.site} 已登记的密钥签名")
