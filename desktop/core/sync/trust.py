"""Enrolled keys (the sync_keys table) and the enrollment steps that fill it.

The county enrolls each township's keys from its enrollment file; a township enrolls the county's
keys from the county pack. Enrolling shows the fingerprint so the clerks compare it by phone.
A township whose key is lost is revoked at the county: its bundles are refused from then on, and
a new enrollment file (a new PC, new keys) is enrolled with `replace=True`. When the county
rotates its keys, the new county pack carries an endorsement of the new keys signed by the old
one, so townships accept it without a phone call; an unendorsed new county key needs
`replace=True` (and the call).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from desktop.core.clock import now_iso
from desktop.core.errors import UserError
from desktop.core.exchange import exchange
from desktop.core.i18n import Text
from desktop.core.paths import DataDir
from desktop.core.store import settings
from desktop.core.store.db import Database, transaction
from desktop.core.sync import enrollment, sshsig
from desktop.core.sync.bundle import TrustedKey
from desktop.core.sync.keys import (
    RETIRED_FOLDER,
    InstallKeys,
    PublicKeys,
    create_keys,
    fingerprint,
    keys_exist,
    load_keys,
)

ROTATION_NAMESPACE = "township-desk-key-rotation@v1"


def install_keys(paths: DataDir) -> InstallKeys:
    """This install's keys, made now if setup (e.g. the GUI wizard) has not made them yet."""
    return ensure_install_keys(paths, "township-desk")


def ensure_install_keys(paths: DataDir, comment: str) -> InstallKeys:
    return load_keys(paths.keys) if keys_exist(paths.keys) else create_keys(paths.keys, comment)


def _row_to_trusted(row) -> TrustedKey:
    fingerprint_, owner, role, signing_key, recipient, status = row
    return TrustedKey(PublicKeys.from_dict({"signing_key": signing_key, "age_recipient": recipient}),
                      owner, role, revoked=(status == "revoked"))


def enrolled(db: Database, *, owner: str | None = None, status: str | None = None) -> list[dict]:
    sql = "SELECT fingerprint, owner, role, signing_key, age_recipient, status, enrolled_at, changed_at, note " \
          "FROM sync_keys WHERE 1=1"
    args = []
    if owner:
        sql += " AND owner = ?"
        args.append(owner)
    if status:
        sql += " AND status = ?"
        args.append(status)
    columns = ("fingerprint", "owner", "role", "signing_key", "age_recipient", "status", "enrolled_at",
               "changed_at", "note")
    return [dict(zip(columns, row, strict=True)) for row in db.execute(sql + " ORDER BY owner, enrolled_at", args)]


def trusted_keys(db: Database, own: InstallKeys | None = None, own_role: str | None = None,
                 own_code: str | None = None) -> list[TrustedKey]:
    """Every enrolled key (revoked ones marked, so their bundles get the right refusal), plus ours,
    and at a county the key of its enrolled province hub (which signs the province's bundles)."""
    keys = [_row_to_trusted(row) for row in db.execute(
        "SELECT fingerprint, owner, role, signing_key, age_recipient, status FROM sync_keys")]
    if own is not None and own_role and own_code:
        keys.append(TrustedKey(own.public(), own_code, own_role))
    if own_role == "county":
        from desktop.core.sync import province_trust

        province = province_trust.enrolled_province(db)
        if province is not None:
            keys.append(TrustedKey(province.keys, province.code, "province"))
    return keys


def active_recipients(db: Database, owner: str) -> list[str]:
    return [row[0] for row in db.execute(
        "SELECT age_recipient FROM sync_keys WHERE owner = ? AND status = 'active'", [owner])]


def _insert(db, public: PublicKeys, owner: str, role: str, note: str) -> None:
    db.execute("INSERT INTO sync_keys (fingerprint, owner, role, signing_key, age_recipient, status, enrolled_at,"
               " note) VALUES (?,?,?,?,?, 'active', ?, ?) ON CONFLICT(fingerprint) DO NOTHING",
               [public.fingerprint, owner, role, public.openssh(), public.age_recipient, now_iso(), note])


@dataclass(frozen=True)
class EnrollOutcome:
    owner: str
    role: str
    fingerprint: str
    short_fingerprint: str
    status: str             # "new", "same", "replaced", "rotated", "updated" (a province pack's URL)

    def describe(self) -> Text:
        verdict = {"new": Text("enrolled", "已登记"), "same": Text("already enrolled; nothing changed", "已登记过，未改变"),
                   "replaced": Text("enrolled; the previous key was revoked", "已登记，原密钥已吊销"),
                   "rotated": Text("enrolled (endorsed by the previous county key)", "已登记（由原县级密钥背书）"),
                   "updated": Text("enrolled again: the hub's address or matching key changed",
                                   "已重新登记：中心网址或比对密钥已更改")}[self.status]
        role_zh = {"county": "县", "province": "省"}.get(self.role, "乡镇")
        return Text(f"{self.role} {self.owner}: ", f"{role_zh} {self.owner}：") + verdict \
            + Text(f"\n  fingerprint {self.fingerprint}\n  compare by phone: {self.short_fingerprint}",
                   f"\n  指纹 {self.fingerprint}\n  电话核对码：{self.short_fingerprint}")


def _enroll(db, public: PublicKeys, owner: str, role: str, note: str, *, replace: bool,
            endorsed: bool = False) -> EnrollOutcome:
    with transaction(db):
        return _enroll_in(db, public, owner, role, note, replace=replace, endorsed=endorsed)


def _enroll_in(db, public: PublicKeys, owner: str, role: str, note: str, *, replace: bool,
               endorsed: bool = False) -> EnrollOutcome:
    """_enroll inside the caller's transaction."""
    if True:
        known = db.execute("SELECT status FROM sync_keys WHERE fingerprint = ?", [public.fingerprint]).fetchone()
        if known is not None:
            if known[0] == "revoked":
                raise UserError(Text(f"this key of {owner} was revoked ({public.fingerprint}); "
                                     "it cannot be enrolled again: make new keys",
                                     f"{owner} 的此密钥已被吊销（{public.fingerprint}），不能再次登记，请生成新密钥"),
                                code="revoked")
            status = "same"
        else:
            others = db.execute("SELECT fingerprint FROM sync_keys WHERE owner = ? AND role = ? AND status = 'active'",
                                [owner, role]).fetchall()
            if others and not (replace or endorsed):
                raise UserError(Text(
                    f"{owner} already has an enrolled key ({others[0][0]}); to replace it (a new PC, a lost "
                    "key), confirm the new fingerprint by phone and enroll again with --replace",
                    f"{owner} 已登记了密钥（{others[0][0]}）；如需更换（换电脑、密钥丢失），请电话核对新指纹后加 --replace 重新登记"),
                    code="already-enrolled")
            new_status = "retired" if endorsed else "revoked"
            for (old,) in others:
                db.execute("UPDATE sync_keys SET status = ?, changed_at = ? WHERE fingerprint = ?",
                           [new_status, now_iso(), old])
            _insert(db, public, owner, role, note)
            status = "rotated" if endorsed and others else ("replaced" if others else "new")
    return EnrollOutcome(owner, role, public.fingerprint, public.short_fingerprint, status)


def enroll_township(db: Database, data: bytes, county: str, *, replace: bool = False,
                    paths: DataDir | None = None) -> EnrollOutcome:
    """County side: enroll a township's keys from its enrollment file. The township must be one
    of the county's division list (the received list in `paths`, else the shipped one)."""
    from desktop.core.codelists import codelists_divisions

    document = enrollment.read_enrollment(data)
    if document.county != county:
        raise UserError(Text(f"the enrollment file is for county {document.county}, not this county ({county})",
                             f"登记文件属于县 {document.county}，不是本县（{county}）"), code="wrong-county")
    division = codelists_divisions.for_data_dir(paths).find(document.township)
    if division is None or division.level != "township" or division.parent != county:
        raise UserError(Text(f"{document.township} is not a township of this county's division list; not enrolled",
                             f"{document.township} 不是本县区划表中的乡镇，未登记"), code="not-a-township")
    return _enroll(db, document.keys, document.township, "township", f"clerk {document.clerk}", replace=replace)


def endorse_rotation(old: InstallKeys, new: PublicKeys) -> str:
    """The old county key's signature over the new keys: townships accept the change on it."""
    return sshsig.sign(old.signing_key, rotation_message(new), ROTATION_NAMESPACE)


def rotation_message(new: PublicKeys) -> bytes:
    return json.dumps(new.as_dict(), sort_keys=True).encode("utf-8")


def enroll_county_pack(db: Database, pack: enrollment.CountyPack, county: str, *,
                       replace: bool = False) -> EnrollOutcome:
    """Township side: trust the county's keys and install the pack's code lists and form packs."""
    if pack.county != county:
        raise UserError(Text(f"the county pack is for county {pack.county}, but this township belongs to {county}",
                             f"县级配置包属于县 {pack.county}，但本乡镇属于 {county}"), code="wrong-county")
    endorsed = False
    if pack.endorsement:
        try:
            signer = sshsig.verify(pack.endorsement, rotation_message(pack.keys), ROTATION_NAMESPACE)
        except UserError:
            signer = None
        endorsed = signer is not None and bool(db.execute(
            "SELECT 1 FROM sync_keys WHERE fingerprint = ? AND owner = ? AND role = 'county' AND status = 'active'",
            [fingerprint(signer), county]).fetchone())
    outcome = _enroll(db, pack.keys, pack.county, "county", f"county pack {pack.created}", replace=replace,
                      endorsed=endorsed)
    from desktop.core.sync import resources
    with transaction(db):
        if pack.hub and not settings.get(db, settings.HUB_URL):   # the township's own choice stands
            settings.put(db, settings.HUB_URL, pack.hub["url"])
            if pack.hub["key"]:
                settings.put(db, settings.HUB_KEY, pack.hub["key"])
        for resource in pack.code_lists:
            resources.install(db, "code_list", resource)
        for resource in pack.form_packs:
            resources.install(db, "form_pack", resource)
    return outcome


def revoke(db: Database, owner: str, fingerprint_: str | None = None, *, reason: str | None = None,
           clerk: str | None = None) -> int:
    """County side: revoke a township's keys (all of them, or one); returns how many. The reason
    is kept with the key and in the county's audit trail."""
    from desktop.core.store import audit

    with transaction(db):
        sql = "UPDATE sync_keys SET status = 'revoked', changed_at = ?, note = coalesce(?, note) " \
              "WHERE owner = ? AND status != 'revoked'"
        args = [now_iso(), f"revoked: {reason}" if reason else None, owner]
        if fingerprint_:
            sql += " AND fingerprint = ?"
            args.append(fingerprint_)
        count = db.execute(sql, args).rowcount
        if count:
            audit.append(db, "sync", clerk=clerk or "system", reason=reason,
                         details={"action": "revoke", "township": owner, "fingerprint": fingerprint_, "keys": count})
    if not count:
        raise UserError(Text(f"no enrolled key of {owner} to revoke", f"{owner} 没有可吊销的已登记密钥"),
                        code="no-such-key")
    return count


def own_code(db: Database) -> tuple[str, str]:
    """(role, code) of this installation."""
    role = settings.get(db, settings.ROLE)
    code = settings.get(db, settings.TOWNSHIP if role == "township" else settings.COUNTY)
    if role not in ("township", "county") or not code:
        raise UserError(Text("this data folder is not set up", "该数据文件夹尚未设置"), code="not-set-up")
    return role, code


ENDORSEMENT = "sync_county_endorsement"


def setup_install(db: Database, paths: DataDir, county_pack: bytes | None = None) -> list[Text]:
    """After `township init`: make this install's keys and, for a township, enroll the county pack."""
    role, code = own_code(db)
    keys = ensure_install_keys(paths, f"township-desk {role} {code}")
    lines = [Text(f"this install's key fingerprint: {keys.public().fingerprint}\n"
                  f"  compare by phone: {keys.public().short_fingerprint}",
                  f"本机密钥指纹：{keys.public().fingerprint}\n  电话核对码：{keys.public().short_fingerprint}")]
    if county_pack is not None:
        pack = enrollment.read_county_pack(county_pack)
        outcome = enroll_county_pack(db, pack, settings.get(db, settings.COUNTY))
        from desktop.core.sync import resources
        resources.write_files(db, paths)
        lines.append(outcome.describe())
    return lines


def rotate_county_keys(db: Database, paths: DataDir) -> InstallKeys:
    """County: new keys; the old key endorses the new ones, and the endorsement goes into every
    county pack exported from now on so townships accept the change without a phone call."""
    from desktop.core.sync.keys import rotate_keys

    role, code = own_code(db)
    if role != "county":
        raise UserError(Text("only the county rotates its keys this way; a township makes new keys by "
                             "re-enrolling at the county", "只有县端这样更换密钥；乡镇换密钥需在县里重新登记"),
                        code="wrong-role")
    old = load_keys(paths.keys)
    new = rotate_keys(paths.keys, f"township-desk county {code}")
    retired = max(p.name for p in (paths.keys / RETIRED_FOLDER).iterdir() if p.name.isdigit())
    endorsement = endorse_rotation(old, new.public())
    with transaction(db):
        settings.put(db, ENDORSEMENT, endorsement)
        signers = dict(settings.get(db, ROTATION_SIGNERS, {}) or {})
        for township in sorted({row["owner"] for row in enrolled(db, status="active") if row["role"] == "township"}):
            item_id = exchange.queue(db, ROTATION_ITEM, origin=exchange.COUNTY, target=township, payload={
                "keys": new.public().as_dict(), "endorsement": endorsement, "previous": old.public().fingerprint})
            signers[item_id] = retired
        settings.put(db, ROTATION_SIGNERS, signers)
    return new


# --- key rotation announced in return bundles, and keys that sign only up to a sequence ----------

ROTATION_ITEM = exchange.KEY_ROTATION    # exchange item: the county's new keys, endorsed by the old key
ROTATION_SIGNERS = "sync_rotation_signers"   # county: rotation item id -> keys/retired/NNNN that signs it
KEY_WINDOWS = "sync_key_windows"         # fingerprint -> the last sequence that key may still sign


def return_signer(db: Database, paths: DataDir, township: str, keys: InstallKeys,
                  accepted: str | None = None) -> InstallKeys:
    """County: the key a return bundle for `township` is signed with. While the township has not
    confirmed a rotation's announcement (its item not acknowledged), the key it still trusts -
    the one before that rotation - signs, so the announcement is believed; after it, the new one.
    `accepted` is the county key the township's latest bundle names as the one it takes return
    bundles from: a township that already holds a rotation sent to it again (a restored PC at a
    rejoin) refuses the retired key, so the key it names signs."""
    signers = settings.get(db, ROTATION_SIGNERS, {}) or {}
    if accepted is not None and accepted == keys.public().fingerprint:
        return keys
    pending = [load_keys(paths.keys / RETIRED_FOLDER / signers[item["id"]]) for item in exchange.pending_out(db, township)
               if item["type"] == ROTATION_ITEM and item["id"] in signers]
    for retired in pending:
        if retired.public().fingerprint == accepted:
            return retired
    return pending[0] if pending else keys


def receive_rotations(db: Database, items: list[dict], *, county: str, sequence: int) -> list[Text]:
    """Township, inside the import of return bundle `sequence` (signed by a county key trusted
    here): enroll the new county keys each rotation announcement names, its endorsement made by
    the county key active here; that old key may sign no return bundle after this one. An
    announcement endorsed by a key this PC never held changes nothing: it is older than this PC's
    trust (a PC set up from a county pack of a later key, sent every announcement again at its
    rejoin), whether it names a key held here (the rotation that made the pack's key) or one never
    held either (a rotation before that one); it enrolls nothing, so it cannot widen what is
    trusted. Any other announcement that does not verify refuses the bundle."""
    notes = []
    for item in items:
        if item.get("type") != ROTATION_ITEM:
            continue
        payload = item.get("payload") or {}
        try:
            new = PublicKeys.from_dict(payload.get("keys"))
            old = fingerprint(sshsig.verify(str(payload.get("endorsement", "")), rotation_message(new),
                                            ROTATION_NAMESPACE))
        except UserError:
            new = old = None
        county_keys = {row["fingerprint"]: row["status"] for row in enrolled(db, owner=county)
                       if row["role"] == "county"}
        if new is not None and old is not None and old != new.fingerprint and old not in county_keys \
                and county_keys.get(new.fingerprint) in ("active", "retired", None):
            # sent again (a rejoin) to a PC set up with the new key or a later one: it never held the
            # old, and after two rotations not the new one either (refusing it refused every rejoin offer)
            continue
        if old is None or old == new.fingerprint or county_keys.get(old) not in ("active", "retired") \
                or (new.fingerprint not in county_keys and county_keys[old] != "active"):
            raise UserError(Text(f"the county key rotation announced in return bundle {sequence} is not endorsed "
                                 "by the county key trusted here; refused",
                                 f"回执包 {sequence} 中的县级密钥更换通知不是由本机信任的县级密钥背书的，已拒绝"),
                            code="bad-rotation")
        if new.fingerprint not in county_keys:
            _enroll_in(db, new, county, "county", f"rotation in return bundle {sequence}", replace=False,
                       endorsed=True)
            notes.append(Text(f"the county's keys were replaced: from now on only the new key ({new.fingerprint}) "
                              "signs return bundles", f"县级密钥已更换：此后只接受新密钥（{new.fingerprint}）签名的回执包"))
        windows = dict(settings.get(db, KEY_WINDOWS, {}) or {})
        windows.setdefault(old, sequence)
        settings.put(db, KEY_WINDOWS, windows)
    return notes


def check_signer_window(db: Database, signer_fingerprint: str, sequence: int, owner: str) -> None:
    """Refuse a bundle numbered after the last one its key may sign (a county key replaced by a
    rotation the township has imported), decided by the bundle's sequence, never by a date."""
    last = (settings.get(db, KEY_WINDOWS, {}) or {}).get(signer_fingerprint)
    if last is not None and sequence > last:
        raise UserError(Text(f"bundle {sequence} is signed with a retired key of {owner} ({signer_fingerprint}), "
                             f"which signs nothing after bundle {last}; refused",
                             f"同步包 {sequence} 使用 {owner} 已停用的密钥（{signer_fingerprint}）签名，"
                             f"该密钥在同步包 {last} 之后不再有效，已拒绝"), code="retired-signer")


def export_keys(db: Database, paths: DataDir, target) -> list:
    """County: the county pack and an allowed_signers file; township: its enrollment file."""
    from desktop.core.store.atomic import write_atomic
    from desktop.core.sync import resources

    role, code = own_code(db)
    keys = load_keys(paths.keys)
    target = Path(target)
    if not target.is_dir():
        raise UserError(Text(f"the folder {target} does not exist", f"文件夹 {target} 不存在"), code="missing-folder")
    written = []
    if role == "county":
        from desktop.core.codelists import codelists_divisions
        division = codelists_divisions.find(code)
        pack = enrollment.build_county_pack(keys, code, division.name_zh if division else code,
                                            resources.installed(db, "code_list"), resources.installed(db, "form_pack"),
                                            settings.get(db, ENDORSEMENT), _hub_for_pack(db))
        path = target / enrollment.county_pack_file_name(code)
        write_atomic(path, pack, mode=0o644)
        written.append(path)
        written.append(write_allowed_signers(db, paths, target))
    else:
        from desktop.core.workspace import accounts
        clerk = ", ".join(name for name, _ in accounts.names(db))
        data = enrollment.build_enrollment(keys, code, settings.get(db, settings.COUNTY), clerk)
        path = target / enrollment.enrollment_file_name(code)
        write_atomic(path, data, mode=0o644)
        written.append(path)
    return written


ALLOWED_SIGNERS = "allowed_signers"


def write_allowed_signers(db: Database, paths: DataDir, folder) -> Path:
    """County: `folder`/allowed_signers for the hand check (docs/SYNC.md): the county's key and
    every enrolled township's active key. `township keys export` writes it with the county pack,
    and `township keys enroll FILE` again beside the enrollment file (the stick of step 1), so the
    file on the stick names the township just enrolled."""
    from desktop.core.store.atomic import write_atomic

    role, code = own_code(db)
    lines = [sshsig.allowed_signers_line(code, load_keys(paths.keys).public().openssh())]
    lines += [sshsig.allowed_signers_line(row["owner"], row["signing_key"])
              for row in enrolled(db, status="active") if row["role"] == "township"]
    path = Path(folder) / ALLOWED_SIGNERS
    write_atomic(path, ("\n".join(lines) + "\n").encode("ascii"), mode=0o644)
    return path


def _hub_for_pack(db: Database) -> dict | None:
    """The county's hub, for its townships: the address and, once known, the hub's key."""
    url = settings.get(db, settings.HUB_URL)
    return {"url": url, "key": settings.get(db, settings.HUB_KEY)} if url else None


def enroll_file(db: Database, paths: DataDir, data: bytes, *, replace: bool = False) -> EnrollOutcome:
    """County: a township's enrollment file or the province pack; township: a county pack."""
    role, code = own_code(db)
    if role == "county":
        if enrollment.document_format(data) == enrollment.PROVINCE_PACK_FORMAT:
            from desktop.core.sync import province_trust
            pack, status = province_trust.enroll_province_pack(db, data, code, replace=replace)
            return EnrollOutcome(pack.province, "province", pack.keys.fingerprint, pack.keys.short_fingerprint, status)
        return enroll_township(db, data, code, replace=replace, paths=paths)
    pack = enrollment.read_county_pack(data)
    outcome = enroll_county_pack(db, pack, settings.get(db, settings.COUNTY), replace=replace)
    from desktop.core.sync import resources
    resources.write_files(db, paths)
    return outcome


def read_pack_for_setup(path, *, role: str, code: str) -> bytes:
    """`township init --county-pack`: the pack's bytes, verified and checked to be this
    township's county, before anything is created."""
    from desktop.core.codelists import codelists_divisions
    from desktop.core.sync.bundle import read_bundle_file

    data = read_bundle_file(path)
    county = enrollment.read_county_pack(data).county
    division = codelists_divisions.find(code)
    if role != "township" or (division is not None and division.parent != county):
        raise UserError(Text(f"--county-pack is for a township of that county (this pack is for county {county})",
                             f"--county-pack 只用于该县下属的乡镇（此配置包属于县 {county}）"), code="wrong-county")
    return data
