"""The county's province: the hub keys it sends county bundles to, enrolled from the province pack.

A county enrolls the province pack (`township keys enroll TD-province-13.tdpack`) as a township
enrolls its county pack: the pack is self-signed by the hub's key and the clerk compares the short
fingerprint by phone. What it holds - the province's code, the hub's public keys and URL, and the
person-matching key - is kept in the county's settings (inside the encrypted store, so the matching
key is as protected as the records). The province is the county's one upper recipient: county
bundles are encrypted to its age recipient (desktop/core/sync/province_bundle.py).

One province key at a time: the same pack again changes nothing; a pack with another key is
refused unless `--replace` (after the phone call), as for a county's key at a township.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from desktop.core.clock import now_iso
from desktop.core.errors import UserError
from desktop.core.i18n import Text
from desktop.core.store import settings
from desktop.core.store.db import Database, transaction
from desktop.core.sync import enrollment
from desktop.core.sync.keys import PublicKeys

PROVINCE = "province"          # settings key: the enrolled province (a dict, see `Province`)


@dataclass(frozen=True)
class Province:
    code: str
    name: str
    hub_url: str
    keys: PublicKeys
    match_key: bytes
    enrolled_at: str

    @property
    def match_key_id(self) -> str:
        return enrollment.match_key_id(self.match_key)


def enrolled_province(db: Database) -> Province | None:
    value = settings.get(db, PROVINCE)
    if not value:
        return None
    return Province(value["code"], value.get("name", ""), value["hub_url"],
                    PublicKeys.from_dict({"signing_key": value["signing_key"], "age_recipient": value["age_recipient"]}),
                    base64.b64decode(value["match_key"]), value.get("enrolled_at", ""))


def require_province(db: Database) -> Province:
    province = enrolled_province(db)
    if province is None:
        raise UserError(Text("no province is enrolled here: enroll the province pack first "
                             "(township keys enroll TD-province-CODE.tdpack)",
                             "本机尚未登记省级中心：请先登记省级配置包（township keys enroll TD-province-代码.tdpack）"),
                        code="no-province")
    return province


def enroll_province_pack(db: Database, data: bytes, county: str, *,
                         replace: bool = False) -> tuple[enrollment.ProvincePack, str]:
    """County side: trust the province hub's keys from its pack; (the pack, "new", "same",
    "updated" or "replaced")."""
    pack = enrollment.read_province_pack(data)
    if not county.startswith(pack.province):
        raise UserError(Text(f"the province pack is for province {pack.province}; this county ({county}) is not in it",
                             f"省级配置包属于省 {pack.province}，本县（{county}）不在其中"), code="wrong-province")
    with transaction(db):
        current = enrolled_province(db)
        if current is not None and current.keys.fingerprint == pack.keys.fingerprint:
            status = "same"
            if current.hub_url != pack.hub_url or current.name != pack.name or current.match_key != pack.match_key:
                status = "updated"   # a newer pack of the same hub: its URL or matching key changed
        elif current is not None and not replace:
            raise UserError(Text(
                f"province {current.code} is already enrolled with another key ({current.keys.fingerprint}); to "
                "replace it, confirm the new fingerprint by phone and enroll again with --replace",
                f"省 {current.code} 已用另一密钥登记（{current.keys.fingerprint}）；如需更换，请电话核对新指纹后加 "
                "--replace 重新登记"), code="already-enrolled")
        else:
            status = "replaced" if current is not None else "new"
        if status != "same":
            settings.put(db, PROVINCE, {
                "code": pack.province, "name": pack.name, "hub_url": pack.hub_url,
                "signing_key": pack.keys.openssh(), "age_recipient": pack.keys.age_recipient,
                "fingerprint": pack.keys.fingerprint, "match_key": base64.b64encode(pack.match_key).decode("ascii"),
                "enrolled_at": now_iso(), "pack_created": pack.created})
        _take_hub(db, pack)
    return pack, status


def _take_hub(db: Database, pack: enrollment.ProvincePack) -> None:
    """The province pack names the hub and carries its key: the county sends by network there
    (and its county pack passes both to its townships), unless the county chose another hub. The
    key from the pack replaces one pinned at a first contact with the same address."""
    if not pack.hub_url:
        return
    url = (settings.get(db, settings.HUB_URL) or "").rstrip("/")
    if url and url != pack.hub_url.rstrip("/"):
        return                     # the county's own choice stands
    settings.put(db, settings.HUB_URL, pack.hub_url)
    settings.put(db, settings.HUB_KEY, pack.keys.openssh())
