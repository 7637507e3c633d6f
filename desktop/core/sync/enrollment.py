"""Enrollment without a network: the county pack and the township enrollment file.

Both are small signed documents in the bundle container (members `document.json` and
`document.sig`, SSHSIG namespace "township-desk-enrollment@v1"), signed by the key they carry.
A self-signature proves the file is whole and comes from whoever holds that key; that the key
is the right one is proved by people: the receiving side shows the fingerprint's short form and
the two clerks compare it over the phone.

- county pack (`TD-county-131025.tdpack`): the county's public keys, and code lists and form
  packs (each a named file with a version), imported at township setup;
- enrollment file (`TD-enroll-131025100.tdkey`): one township's public keys, imported by the
  county;
- province pack (`TD-province-13.tdpack`): the province hub's public keys, the hub's URL and the
  province's person-matching key (docs/HUB.md "What a county sends the province"), imported by
  the county with `township keys enroll`, as a township imports its county pack.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from desktop.core.errors import UserError
from desktop.core.i18n import Text
from desktop.core.sync import container, sshsig
from desktop.core.sync.keys import InstallKeys, PublicKeys, fingerprint

NAMESPACE = "township-desk-enrollment@v1"
DOCUMENT, DOCUMENT_SIG = "document.json", "document.sig"
COUNTY_PACK_FORMAT = "township-desk-county-pack"
PROVINCE_PACK_FORMAT = "township-desk-province-pack"
ENROLLMENT_FORMAT = "township-desk-enrollment"
FORMAT_VERSION = 1
LIMITS = container.Limits(max_total_bytes=64 << 20, max_members=2, max_member_bytes=64 << 20)
_CODE = re.compile(r"^[0-9]{6,12}$")
_PROVINCE = re.compile(r"^[0-9]{2}$")
MATCH_KEY_BYTES = 32


class EnrollmentError(UserError):
    """A county pack or enrollment file that is damaged, of the wrong kind, or not self-consistent."""


def _refuse(code: str, en: str, zh: str) -> EnrollmentError:
    return EnrollmentError(Text(en, zh), code=code)


def version_key(version: str | int) -> tuple[int, ...]:
    """Versions compare by their numbers: "2024.10" > "2024.9" > "2024"."""
    return tuple(int(part) for part in re.findall(r"\d+", str(version))) or (0,)


@dataclass(frozen=True)
class Resource:
    """A code list or form pack carried in a pack or an update item: a named, versioned file."""

    name: str
    version: str
    content: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    def as_dict(self) -> dict:
        return {"name": self.name, "version": self.version, "sha256": self.sha256,
                "content": base64.b64encode(self.content).decode("ascii")}

    @classmethod
    def from_dict(cls, data: dict) -> Resource:
        try:
            content = base64.b64decode(data["content"], validate=True)
            resource = cls(str(data["name"]), str(data["version"]), content)
        except (KeyError, TypeError, binascii.Error, ValueError):
            raise _refuse("bad-resource", "a code list or form pack entry is damaged",
                          "代码表或表单包条目已损坏") from None
        if resource.sha256 != data.get("sha256") or not re.fullmatch(r"[A-Za-z0-9_.-]{1,80}", resource.name):
            raise _refuse("bad-resource", f"the code list or form pack {resource.name[:80]!r} is damaged",
                          f"代码表或表单包 {resource.name[:80]!r} 已损坏")
        return resource


@dataclass(frozen=True)
class CountyPack:
    county: str
    name: str
    created: str
    keys: PublicKeys
    code_lists: tuple[Resource, ...] = field(default=())
    form_packs: tuple[Resource, ...] = field(default=())
    endorsement: str | None = None   # after a key rotation: the previous county key's signature
    hub: dict | None = None          # {"url", "key"}: the hub the county sends to, when it has one


@dataclass(frozen=True)
class Enrollment:
    township: str
    county: str
    clerk: str
    created: str
    keys: PublicKeys


@dataclass(frozen=True)
class ProvincePack:
    province: str            # two digits (13: Hebei)
    name: str
    hub_url: str
    created: str
    keys: PublicKeys         # the hub's: county bundles are encrypted to its age recipient
    match_key: bytes = field(repr=False)   # the HMAC key counties hash person IDs with

    @property
    def match_key_id(self) -> str:
        return match_key_id(self.match_key)


def match_key_id(key: bytes) -> str:
    """A short public name of a matching key (not the key): bundles carry it so the province can
    tell hashes made with another key from its own, never comparing the two."""
    return hashlib.sha256(b"township-desk-match-key-id\0" + key).hexdigest()[:16]


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _sign_document(keys: InstallKeys, document: dict) -> bytes:
    body = (json.dumps(document, sort_keys=True, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    signature = keys.sign(body, NAMESPACE).encode("ascii")
    return container.write_container([(DOCUMENT, body), (DOCUMENT_SIG, signature)])


def _read_document(data: bytes, expected_format: str, what: Text) -> tuple[dict, PublicKeys]:
    members = container.read_container(data, (DOCUMENT, DOCUMENT_SIG), LIMITS)
    signed_by = sshsig.verify(members[DOCUMENT_SIG], members[DOCUMENT], NAMESPACE)
    try:
        document = json.loads(members[DOCUMENT].decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        document = None
    if not isinstance(document, dict) or document.get("format") != expected_format:
        raise _refuse("wrong-file", f"this is not a {what.en}", f"这不是{what.zh}")
    if type(document.get("format_version")) is not int or document["format_version"] > FORMAT_VERSION:
        raise _refuse("newer-format", f"the {what.en} was made by a newer version of Township Desk; update first",
                      f"{what.zh}由更新版本的软件生成，请先升级本软件")
    keys = PublicKeys.from_dict(document.get("keys"))
    if keys.fingerprint != fingerprint(signed_by):
        raise _refuse("not-self-signed", f"the {what.en} is not signed by the key it carries; refused",
                      f"{what.zh}不是由其所含密钥签名的，已拒绝")
    return document, keys


def build_county_pack(keys: InstallKeys, county: str, name: str, code_lists=(), form_packs=(),
                      endorsement: str | None = None, hub: dict | None = None) -> bytes:
    document = {"endorsement": endorsement, "format": COUNTY_PACK_FORMAT, "format_version": FORMAT_VERSION, "county": county,
                "name": name, "created": _now(), "keys": keys.public().as_dict(),
                "code_lists": [r.as_dict() for r in code_lists], "form_packs": [r.as_dict() for r in form_packs]}
    if hub:   # a field older readers ignore: packs without a hub stay byte-for-byte what they were
        document["hub"] = {"url": hub["url"], "key": hub.get("key")}
    return _sign_document(keys, document)


def _hub_of(document: dict) -> dict | None:
    """The pack's hub ({"url", "key" or None}) when it names one well-formed; else None."""
    hub = document.get("hub")
    if not isinstance(hub, dict) or not isinstance(hub.get("url"), str) \
            or not re.match(r"^https?://[^\s]{1,500}$", hub["url"]):
        return None
    key = hub.get("key")
    return {"url": hub["url"], "key": key if isinstance(key, str) and key.startswith("ssh-ed25519 ") else None}


def read_county_pack(data: bytes) -> CountyPack:
    what = Text("county pack", "县级配置包")
    document, keys = _read_document(data, COUNTY_PACK_FORMAT, what)
    county = document.get("county")
    if not isinstance(county, str) or not _CODE.match(county):
        raise _refuse("bad-pack", "the county pack has no valid county code", "县级配置包中没有有效的县代码")
    lists = document.get("code_lists", [])
    packs = document.get("form_packs", [])
    if not isinstance(lists, list) or not isinstance(packs, list):
        raise _refuse("bad-pack", "the county pack is malformed", "县级配置包格式错误")
    endorsement = document.get("endorsement")
    return CountyPack(county, str(document.get("name", "")), str(document.get("created", "")), keys,
                      tuple(Resource.from_dict(r) for r in lists), tuple(Resource.from_dict(r) for r in packs),
                      endorsement if isinstance(endorsement, str) else None, _hub_of(document))


def build_enrollment(keys: InstallKeys, township: str, county: str, clerk: str) -> bytes:
    document = {"format": ENROLLMENT_FORMAT, "format_version": FORMAT_VERSION, "township": township,
                "county": county, "clerk": clerk, "created": _now(), "keys": keys.public().as_dict()}
    return _sign_document(keys, document)


def read_enrollment(data: bytes) -> Enrollment:
    document, keys = _read_document(data, ENROLLMENT_FORMAT, Text("township enrollment file", "乡镇登记文件"))
    township, county = document.get("township"), document.get("county")
    if not isinstance(township, str) or not _CODE.match(township) or not isinstance(county, str):
        raise _refuse("bad-enrollment", "the enrollment file has no valid township code",
                      "登记文件中没有有效的乡镇代码")
    return Enrollment(township, county, str(document.get("clerk", "")), str(document.get("created", "")), keys)


def build_province_pack(keys: InstallKeys, province: str, name: str, hub_url: str, match_key: bytes) -> bytes:
    document = {"format": PROVINCE_PACK_FORMAT, "format_version": FORMAT_VERSION, "province": province,
                "name": name, "hub_url": hub_url, "created": _now(), "keys": keys.public().as_dict(),
                "match_key": base64.b64encode(match_key).decode("ascii")}
    return _sign_document(keys, document)


def read_province_pack(data: bytes) -> ProvincePack:
    what = Text("province pack", "省级配置包")
    document, keys = _read_document(data, PROVINCE_PACK_FORMAT, what)
    province, url = document.get("province"), document.get("hub_url")
    try:
        match_key = base64.b64decode(str(document.get("match_key", "")), validate=True)
    except (binascii.Error, ValueError):
        match_key = b""
    if not isinstance(province, str) or not _PROVINCE.match(province) or not isinstance(url, str) \
            or len(match_key) != MATCH_KEY_BYTES:
        raise _refuse("bad-pack", "the province pack is malformed (province code, hub URL or matching key)",
                      "省级配置包格式错误（省代码、中心网址或比对密钥）")
    return ProvincePack(province, str(document.get("name", "")), url, str(document.get("created", "")), keys,
                        match_key)


def document_format(data: bytes) -> str | None:
    """The `format` a pack or enrollment file says it is, read WITHOUT checking its signature: only
    to choose which reader (which checks everything) to hand it to; None if it is not one."""
    try:
        members = container.read_container(data, (DOCUMENT, DOCUMENT_SIG), LIMITS)
        document = json.loads(members[DOCUMENT].decode("utf-8"))
    except (UserError, UnicodeDecodeError, ValueError):
        return None
    return document.get("format") if isinstance(document, dict) and isinstance(document.get("format"), str) else None


def province_pack_file_name(province: str) -> str:
    return f"TD-province-{province}.tdpack"


def county_pack_file_name(county: str) -> str:
    return f"TD-county-{county}.tdpack"


def enrollment_file_name(township: str) -> str:
    return f"TD-enroll-{township}.tdkey"
