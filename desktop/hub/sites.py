"""The sites the hub accepts bundles from: counties and townships, enrolled by their files.

`township hub enroll FILE` takes what `township keys enroll` takes at a county or a township:
a county pack (`TD-county-131025.tdpack`: the county's keys) or a township enrollment file
(`TD-enroll-131025100.tdkey`: one township's keys, naming its county). Both are self-signed
(desktop/core/sync/enrollment.py reads and checks them); that the key is the right one is, as at
a county, a matter for people: the command prints the short fingerprint to compare by phone.

Only sites of the hub's province are enrolled. One active key per site: enrolling the same file
again changes nothing; a different key for an enrolled site is refused (replacing a key, and
revoking one, are not built yet: docs/HUB.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg

from desktop.core.errors import UserError
from desktop.core.i18n import Text
from desktop.core.sync import container, enrollment
from desktop.core.sync.bundle import TrustedKey
from desktop.core.sync.keys import PublicKeys
from desktop.hub.db import HubError


@dataclass(frozen=True)
class Site:
    code: str
    role: str
    county: str
    keys: PublicKeys
    name: str = ""

    def trusted(self, revoked: bool = False) -> TrustedKey:
        return TrustedKey(self.keys, self.code, self.role, revoked)


def read_site_file(data: bytes) -> Site:
    """A county pack or a township enrollment file, whichever `data` is; refused if neither."""
    try:
        pack = enrollment.read_county_pack(data)
        return Site(pack.county, "county", pack.county, pack.keys, pack.name)
    except (enrollment.EnrollmentError, container.ContainerError) as error:
        if error.code != "wrong-file":
            raise
    except UserError:
        raise
    township = enrollment.read_enrollment(data)
    return Site(township.township, "township", township.county, township.keys)


def enroll(conn: psycopg.Connection, data: bytes, province: str) -> tuple[Site, bool]:
    """Enroll the site of a county pack or enrollment file; (site, newly enrolled)."""
    site = read_site_file(data)
    if not site.code.startswith(province) or not site.county.startswith(province) \
            or (site.role == "county" and len(site.code) != 6) or (site.role == "township" and len(site.code) <= 6):
        raise HubError(Text(f"{site.role} {site.code} is not of province {province}; refused",
                            f"{site.code} 不属于省 {province}，已拒绝"), code="not-in-province")
    public = site.keys
    with conn.transaction():
        rows = conn.execute("SELECT fingerprint, code, revoked FROM sites WHERE code = %s OR fingerprint = %s FOR UPDATE",
                            (site.code, public.fingerprint)).fetchall()
        for fingerprint, code, revoked in rows:
            if fingerprint == public.fingerprint:
                if code != site.code:
                    raise HubError(Text(f"this key is already enrolled for {code}; refused",
                                        f"此密钥已为 {code} 登记，已拒绝"), code="key-in-use")
                if revoked:
                    raise HubError(Text(f"this key of {code} was revoked; it cannot be enrolled again",
                                        f"{code} 的此密钥已吊销，不能再次登记"), code="revoked-key")
                return site, False
            if not revoked:
                raise HubError(Text(f"{site.code} is already enrolled with another key ({fingerprint}); refused",
                                    f"{site.code} 已用另一密钥登记（{fingerprint}），已拒绝"), code="other-key")
        conn.execute("INSERT INTO sites (fingerprint, code, role, county, signing_key, age_recipient, name)"
                     " VALUES (%s, %s, %s, %s, %s, %s, %s)",
                     (public.fingerprint, site.code, site.role, site.county, public.openssh(),
                      public.age_recipient, site.name))
    return site, True


def trusted_keys(conn: psycopg.Connection) -> dict[str, tuple[TrustedKey, str]]:
    """{fingerprint: (the key as bundle verification takes it, the site's county)} of every site."""
    found = {}
    for fingerprint, code, role, county, signing_key, age_recipient, revoked in conn.execute(
            "SELECT fingerprint, code, role, county, signing_key, age_recipient, revoked FROM sites"):
        public = PublicKeys.from_dict({"signing_key": signing_key, "age_recipient": age_recipient})
        found[fingerprint] = (TrustedKey(public, code, role, revoked), county)
    return found


def active_fingerprint(conn: psycopg.Connection, code: str) -> str | None:
    """The fingerprint of the site's one active (not revoked) key; None if it is not enrolled here."""
    row = conn.execute("SELECT fingerprint FROM sites WHERE code = %s AND NOT revoked", (code,)).fetchone()
    return row[0] if row else None
