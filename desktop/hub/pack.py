"""The province pack: what a county takes from the province hub, as a township takes a county pack.

`township hub export-pack` writes `TD-province-13.tdpack` (desktop/core/sync/enrollment.py
`build_province_pack`): the hub's public keys (counties encrypt their county bundles to its age
recipient and check its health answer with its signing key), the province's code, the URL the
counties reach the hub at, and the province's person-matching key - the HMAC key every county hashes
person IDs with, so the province can find one person registered in two counties without receiving
ID numbers (docs/HUB.md "What a county sends the province"). The pack is signed by the hub's key;
a county compares the short fingerprint by phone, as townships do with the county's.

The matching key lives in the hub's keys folder only, never in the database: a copy of the
database (a backup, a replica) holds keyed hashes that cannot be reversed without it.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from desktop.core.i18n import Text
from desktop.core.store.atomic import write_atomic
from desktop.core.sync import enrollment
from desktop.hub import identity
from desktop.hub.db import HubError
from desktop.hub.identity import Hub

MATCH_KEY_FILE = "person_match.key"


def match_key(keys_dir: Path) -> bytes:
    """The province's person-matching key, made (owner-only) the first time a pack is exported.
    It is kept, never remade: hashes made with another key match nothing."""
    path = Path(keys_dir) / MATCH_KEY_FILE
    if path.exists():
        key = path.read_bytes()
        if len(key) != enrollment.MATCH_KEY_BYTES:
            raise HubError(Text(f"{path} is damaged (not a {enrollment.MATCH_KEY_BYTES}-byte key)",
                                f"{path} 已损坏（不是 {enrollment.MATCH_KEY_BYTES} 字节的密钥）"), code="bad-match-key")
        return key
    key = secrets.token_bytes(enrollment.MATCH_KEY_BYTES)
    write_atomic(path, key, mode=0o600, replace=False)
    return key


def check_url(url: str) -> str:
    if not url.startswith(("https://", "http://")) or len(url) > 500 or any(c.isspace() for c in url):
        raise HubError(Text(f"--url takes the address counties reach the hub at (https://...), not {url!r}",
                            f"--url 应为各县访问中心的网址（https://...），而非 {url!r}"), code="usage")
    return url.rstrip("/")


def export_pack(conn, hub: Hub, keys_dir: Path, folder: Path, url: str, name: str = "") -> Path:
    """Write the province pack into `folder`; returns its path. The database learns the matching
    key's name (not the key), so county bundles hashed with another key are refused."""
    url = check_url(url)
    folder = Path(folder)
    if not folder.is_dir():
        raise HubError(Text(f"the folder {folder} does not exist", f"文件夹 {folder} 不存在"), code="missing-folder")
    key = match_key(keys_dir)
    identity.record_pack(conn, enrollment.match_key_id(key), name)
    data = enrollment.build_province_pack(hub.keys, hub.province, name, url, key)
    path = folder / enrollment.province_pack_file_name(hub.province)
    write_atomic(path, data, mode=0o644)
    return path
