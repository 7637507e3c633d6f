"""The hub's own keys and its row in the database: who this hub is and for which province.

The keys are made by the sync package's key code (desktop/core/sync/keys.py), as a county makes
its own: an Ed25519 signing key (signs the health answer, later the province pack and the
circulars) and an age identity (the province role will open county bundles addressed to it). They
live in a folder of their own (`--keys`, default `<config>/township-hub/keys`), owner-only, plain
files - a server has no clerk's password to seal them under. The database keeps the public half,
so `serve` refuses a keys folder that is not this hub's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import platformdirs
import psycopg

from desktop.core.i18n import Text
from desktop.core.sync import keys as sync_keys
from desktop.hub.db import HubError

_PROVINCE = re.compile(r"^([0-9]{2})(0000)?$")


def default_keys_dir() -> Path:
    return Path(platformdirs.user_config_dir("township-hub", appauthor=False)) / "keys"


def province_prefix(code: str) -> str:
    """"13" from "13" or "130000" (GB/T 2260): the two digits every county code of it starts with."""
    match = _PROVINCE.match(code or "")
    if not match or match.group(1) == "00":
        raise HubError(Text(f"not a province code: {code!r} (two digits, or six ending in 0000)",
                            f"不是省级代码：{code!r}（两位，或以 0000 结尾的六位）"), code="usage")
    return match.group(1)


@dataclass(frozen=True)
class Hub:
    province: str
    keys: sync_keys.InstallKeys

    @property
    def fingerprint(self) -> str:
        return self.keys.public().fingerprint


def init_hub(conn: psycopg.Connection, keys_dir: Path, province: str) -> tuple[Hub, bool]:
    """Make (or load) the hub's keys and record them with the province; (hub, keys were made).
    Run again with the same keys and province it changes nothing; another province or other keys
    than the database knows are refused, never overwritten."""
    prefix = province_prefix(province)
    made = not sync_keys.keys_exist(keys_dir)
    keys = sync_keys.load_or_create_keys(keys_dir, comment=f"township-hub-{prefix}")
    public = keys.public()
    with conn.transaction():
        row = conn.execute("SELECT province, fingerprint FROM hub FOR UPDATE").fetchone()
        if row is None:
            conn.execute("INSERT INTO hub (province, fingerprint, signing_key, age_recipient) VALUES (%s, %s, %s, %s)",
                         (prefix, public.fingerprint, public.openssh(), public.age_recipient))
        elif row[0] != prefix:
            raise HubError(Text(f"this hub database serves province {row[0]}, not {prefix}; refused",
                                f"该中心数据库服务于省 {row[0]}，而非 {prefix}，已拒绝"), code="other-province")
        elif row[1] != public.fingerprint:
            raise _other_keys(keys_dir, row[1])
    return Hub(prefix, keys), made


def _other_keys(keys_dir: Path, expected: str) -> HubError:
    return HubError(Text(f"the keys in {keys_dir} are not this hub's (the database knows {expected}); refused",
                         f"{keys_dir} 中的密钥不属于本中心（数据库记录为 {expected}），已拒绝"), code="other-keys")


def record_pack(conn: psycopg.Connection, match_key_id: str, name: str = "") -> None:
    """What the province pack told the counties: the matching key's id (never the key), and the
    province's name when one is given (an empty name keeps the one recorded)."""
    conn.execute("UPDATE hub SET match_key_id = %s, name = CASE WHEN %s = '' THEN name ELSE %s END",
                 (match_key_id, name, name))


def hub_row(conn: psycopg.Connection) -> tuple[str, str]:
    """(province, key fingerprint) of the hub this database belongs to."""
    row = conn.execute("SELECT province, fingerprint FROM hub").fetchone() \
        if conn.execute("SELECT to_regclass('hub') IS NOT NULL").fetchone()[0] else None
    if row is None:
        raise HubError(Text("the hub database is not set up: run `township hub init` first",
                            "中心数据库尚未初始化：请先运行 township hub init"), code="not-initialised")
    return row[0], row[1]


def load_hub(conn: psycopg.Connection, keys_dir: Path) -> Hub:
    """This hub as `serve` needs it: its database row and the keys that match it."""
    row = hub_row(conn)
    keys = sync_keys.load_keys(keys_dir)
    if keys.public().fingerprint != row[1]:
        raise _other_keys(keys_dir, row[1])
    return Hub(row[0], keys)
