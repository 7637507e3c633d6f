"""The sites the hub accepts bundles from: counties and townships, enrolled by their files.

`township hub enroll FILE` takes what `township keys enroll` takes at a county or a township:
a county pack (`TD-county-131025.tdpack`: the county's keys) or a township enrollment file
(`TD-enroll-131025100.tdkey`: one township's keys, naming its county). Both are self-signed
(desktop/core/sync/enrollment.py reads and checks them); that the key is the right one is, as at
a county, a matter for people: the command prints the short fingerprint to compare by phone.

Only sites of the hub's province are enrolled. One active key per site: enrolling the same file
again changes nothing. A different key for an enrolled site is taken in two cases only, and the
old key is then revoked (its bundles no longer accepted, nor its pulls):
- a county pack whose **endorsement** is signed by the county's enrolled key (the county rotated
  its keys with `township keys rotate`: the same proof a township accepts the new key on);
- `replace=True` (`hub enroll --replace`): the operator has compared the new key's short
  fingerprint by phone, as a county does for a township's new PC.
`revoke(conn, code)` revokes a site's active key without a new one (a stolen PC).
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

ENROLLED, ALREADY, ROTATED, REPLACED = "enrolled", "already", "rotated", "replaced"


@dataclass(frozen=True)
class Site:
    code: str
    role: str
    county: str
    keys: PublicKeys
    name: str = ""
    endorsement: str | None = None    # a county pack's: the old county key's signature over these keys

    def trusted(self, revoked: bool = False) -> TrustedKey:
        return TrustedKey(self.keys, self.code, self.role, revoked)


def read_site_file(data: bytes) -> Site:
    """A county pack or a township enrollment file, whichever `data` is; refused if neither."""
    try:
        pack = enrollment.read_county_pack(data)
        return Site(pack.county, "county", pack.county, pack.keys, pack.name, pack.endorsement)
    except (enrollment.EnrollmentError, container.ContainerError) as error:
        if error.code != "wrong-file":
            raise
    except UserError:
        raise
    township = enrollment.read_enrollment(data)
    return Site(township.township, "township", township.county, township.keys)


def _endorsed_by(site: Site, signing_key: str) -> bool:
    """Whether the site's pack carries an endorsement of its keys by `signing_key` (an OpenSSH line)."""
    if not site.endorsement:
        return False
    from desktop.core.sync import sshsig, trust
    from desktop.core.sync.keys import fingerprint, parse_openssh_public_line

    try:
        signer = sshsig.verify(site.endorsement, trust.rotation_message(site.keys), trust.ROTATION_NAMESPACE)
    except UserError:
        return False
    return signer is not None and fingerprint(signer) == fingerprint(parse_openssh_public_line(signing_key))


def _insert(conn: psycopg.Connection, site: Site) -> None:
    """The site's key as its active one (the caller revoked the one it replaces)."""
    public = site.keys
    conn.execute("INSERT INTO sites (fingerprint, code, role, county, signing_key, age_recipient, name)"
                 " VALUES (%s, %s, %s, %s, %s, %s, %s)",
                 (public.fingerprint, site.code, site.role, site.county, public.openssh(), public.age_recipient,
                  site.name))


def enroll(conn: psycopg.Connection, data: bytes, province: str, *, replace: bool = False) -> tuple[Site, str]:
    """Enroll the site of a county pack or enrollment file; (site, ENROLLED / ALREADY / ROTATED /
    REPLACED)."""
    site = read_site_file(data)
    if not site.code.startswith(province) or not site.county.startswith(province) \
            or (site.role == "county" and len(site.code) != 6) or (site.role == "township" and len(site.code) <= 6):
        raise HubError(Text(f"{site.role} {site.code} is not of province {province}; refused",
                            f"{site.code} 不属于省 {province}，已拒绝"), code="not-in-province")
    public = site.keys
    status = ENROLLED
    with conn.transaction():
        rows = conn.execute("SELECT fingerprint, code, revoked, signing_key FROM sites"
                            " WHERE code = %s OR fingerprint = %s FOR UPDATE",
                            (site.code, public.fingerprint)).fetchall()
        for fingerprint, code, revoked, _signing_key in rows:
            if fingerprint == public.fingerprint:
                if code != site.code:
                    raise HubError(Text(f"this key is already enrolled for {code}; refused",
                                        f"此密钥已为 {code} 登记，已拒绝"), code="key-in-use")
                if revoked:
                    raise HubError(Text(f"this key of {code} was revoked; it cannot be enrolled again",
                                        f"{code} 的此密钥已吊销，不能再次登记"), code="revoked-key")
                return site, ALREADY
        for fingerprint, _code, revoked, signing_key in rows:
            if revoked:
                continue
            if _endorsed_by(site, signing_key):
                status = ROTATED
            elif replace:
                status = REPLACED
            else:
                raise HubError(Text(f"{site.code} is already enrolled with another key ({fingerprint}); refused. "
                                    "If the site has a new key, compare its short fingerprint by phone and enroll "
                                    "it with --replace",
                                    f"{site.code} 已用另一密钥登记（{fingerprint}），已拒绝。若该单位确已更换密钥，"
                                    "请电话核对其简短指纹后加 --replace 登记"), code="other-key")
            conn.execute("UPDATE sites SET revoked = true WHERE fingerprint = %s", (fingerprint,))
        _insert(conn, site)
    return site, status


def revoke(conn: psycopg.Connection, code: str) -> str:
    """Revoke the site's active key (its bundles and pulls refused from now on); its fingerprint."""
    row = conn.execute("UPDATE sites SET revoked = true WHERE code = %s AND NOT revoked RETURNING fingerprint",
                       (code,)).fetchone()
    if row is None:
        raise HubError(Text(f"{code} has no active key at this hub", f"{code} 在本中心没有有效密钥"), code="not-enrolled")
    return row[0]


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


def adopt_townships(conn: psycopg.Connection, county: str, townships: list[dict]) -> dict[str, int]:
    """The townships a county's signed bundle lists, with their keys: enrolled here on the county's
    word (it enrolled them itself). A township of another county is refused; one enrolled with
    another key gets the county's (the county replaced it: a new PC), the old one revoked.
    Returns {"enrolled": n, "replaced": n}."""
    done = {"enrolled": 0, "replaced": 0}
    for township in townships:
        code = township["code"]
        if len(code) != 9 or not code.startswith(county):
            raise HubError(Text(f"{code} is not a township of county {county}; refused",
                                f"{code} 不是县 {county} 的乡镇，已拒绝"), code="bad-payload")
        public = PublicKeys.from_dict({"signing_key": township["signing_key"],
                                       "age_recipient": township["age_recipient"]})
        rows = conn.execute("SELECT fingerprint, code, revoked FROM sites WHERE code = %s OR fingerprint = %s "
                            "FOR UPDATE", (code, public.fingerprint)).fetchall()
        if any(fingerprint == public.fingerprint for fingerprint, _code, _revoked in rows):
            continue     # held already (or revoked here: the operator's revocation stands)
        active = [fingerprint for fingerprint, held_code, revoked in rows if held_code == code and not revoked]
        for fingerprint in active:
            conn.execute("UPDATE sites SET revoked = true WHERE fingerprint = %s", (fingerprint,))
        _insert(conn, Site(code, "township", county, public))
        done["replaced" if active else "enrolled"] += 1
    return done
