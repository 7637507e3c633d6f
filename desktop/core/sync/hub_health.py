"""The hub's signed health answer (`GET /health`), made by the hub and checked by the desktop.

A network that answers is not yet the hub: a hotel or village Wi-Fi captive portal answers any
request with 200 and an HTML login page. So the hub signs its health answer, and the checker
believes it only when the body is this JSON document, the signature is an SSHSIG (namespace
`township-desk-hub-health@v1`) by the hub key it enrolled from the province pack, and the nonce
it sent comes back (an old answer replayed by a proxy does not pass).

The body is the exact bytes signed; the signature travels in the `Township-Hub-Signature` header
as the base64 of the SSHSIG blob (the armor's inner text, on one line). Qt-free and without
network code, so the desktop's reachability watch can use it as well as the hub.
"""

from __future__ import annotations

import base64
import binascii
import json
import re

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from desktop.core.errors import UserError
from desktop.core.i18n import Text
from desktop.core.sync import sshsig
from desktop.core.sync.keys import fingerprint

NAMESPACE = "township-desk-hub-health@v1"
FORMAT = "township-desk-hub-health"
HEADER = "Township-Hub-Signature"
CONTENT_TYPE = "application/json"
MAX_BODY_BYTES = 4096
NONCE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


class HealthError(UserError):
    """What answered is not the hub (a captive portal, another server) or not this hub."""


def _refuse(code: str, en: str, zh: str) -> HealthError:
    return HealthError(Text(en, zh), code=code)


def health_body(signing_key: Ed25519PrivateKey, *, province: str, time: str, version: str,
                nonce: str | None = None) -> bytes:
    document = {"format": FORMAT, "hub": fingerprint(signing_key.public_key()), "province": province,
                "time": time, "version": version, "nonce": nonce}
    return (json.dumps(document, sort_keys=True, separators=(",", ":")) + "\n").encode("ascii")


def signature_header(signing_key: Ed25519PrivateKey, body: bytes) -> str:
    armored = sshsig.sign(signing_key, body, NAMESPACE)
    inner = armored.split("\n")[1:-2]   # between BEGIN and END lines
    return "".join(inner)


def check_health(body: bytes, content_type: str | None, header: str | None, hub_key: Ed25519PublicKey,
                 nonce: str | None = None) -> dict:
    """The health document, when it is this hub's signed answer to this nonce; HealthError otherwise
    (`not-the-hub` for anything that is not a signed health answer: a portal's page, say)."""
    if not header or len(body) > MAX_BODY_BYTES or (content_type or "").split(";")[0].strip() != CONTENT_TYPE:
        raise _refuse("not-the-hub", "the answer is not the hub's (no signed health answer: a captive portal "
                      "or another server?)", "应答不是来自中心（没有签名的健康应答：可能是认证页面或其他服务器）")
    try:
        armored = sshsig.armor(base64.b64decode(header, validate=True))
    except (binascii.Error, ValueError):
        raise _refuse("not-the-hub", "the hub's signature header is damaged", "中心的签名头已损坏") from None
    signed_by = sshsig.verify(armored, body, NAMESPACE)
    if fingerprint(signed_by) != fingerprint(hub_key):
        raise _refuse("other-hub", f"the answer is signed by another hub ({fingerprint(signed_by)})",
                      f"应答由另一个中心签名（{fingerprint(signed_by)}）")
    try:
        document = json.loads(body)
    except ValueError:
        raise _refuse("not-the-hub", "the hub's health answer is not JSON", "中心的健康应答不是 JSON") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise _refuse("not-the-hub", "the signed answer is not a health answer", "签名的应答不是健康应答")
    if nonce is not None and document.get("nonce") != nonce:
        raise _refuse("stale-answer", "the hub's health answer is not for this request (replayed?)",
                      "中心的健康应答不是对本次请求的（被重放？）")
    return document
