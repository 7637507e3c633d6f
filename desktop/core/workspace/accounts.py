"""Clerk accounts: name, role and an Argon2id password hash; adding, deactivating and
reactivating a clerk, changing a role, resetting a password, changing one's own.

Every change is an "account" audit event naming the account and the action (never a password).
Administration (everything but changing one's own password) needs an admin, checked here against
the accounts table, so no caller can skip it. The installation always keeps one active admin.

Argon2id at OWASP's recommended cost (19 MiB, 2 passes, 1 lane) is cheap enough for a 2 GB PC
and far costlier than a GPU likes; it comes from `cryptography`, which sync already needs, so it
adds nothing to the build. The hash is stored as a PHC string, so the cost can be raised later
without breaking existing accounts. `cryptography` is imported when a password is hashed or
checked, not with this module: the sign-in window can show before it loads (docs/PERFORMANCE.md).
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass

from desktop.core.errors import PermissionDenied, UserError
from desktop.core.i18n import Text
from desktop.core.store.db import Database
from desktop.core.workspace.keyring import ITERATIONS, LANES, MEMORY_KIB  # one cost for sign-in and key wraps

ROLES = ("clerk", "supervisor", "admin")
MIN_PASSWORD_LENGTH = 8

# what each role may do beyond entering and editing records
PERMISSIONS = {
    "delete": ("supervisor", "admin"),
    "restore": ("supervisor", "admin"),
    "manage_accounts": ("admin",),
    "reset_password": ("supervisor", "admin"),   # a supervisor: of clerks only (reset_password)
    "revoke_keys": ("admin",),          # county: revoking a township's sync key
    "recovery_key": ("supervisor", "admin"),   # making a new recovery key (the old one stops working)
    "unmask": ("supervisor", "admin"),   # exporting ID numbers in full (with a reason, audited)
    "verify_select": ("supervisor", "admin"),  # choosing the records to verify by re-keying
}


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4))


def hash_password(password: str) -> str:
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    salt = os.urandom(16)
    kdf = Argon2id(salt=salt, length=32, iterations=ITERATIONS, lanes=LANES, memory_cost=MEMORY_KIB)
    digest = kdf.derive(password.encode("utf-8"))
    return f"$argon2id$v=19$m={MEMORY_KIB},t={ITERATIONS},p={LANES}${_b64(salt)}${_b64(digest)}"


def check_password(password: str, stored: str) -> bool:
    try:
        _, name, _version, params, salt, digest = stored.split("$")
        cost = dict(item.split("=") for item in params.split(","))
    except ValueError:
        return False
    if name != "argon2id":
        return False
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

    kdf = Argon2id(salt=_unb64(salt), length=len(_unb64(digest)), iterations=int(cost["t"]),
                   lanes=int(cost["p"]), memory_cost=int(cost["m"]))
    import hmac

    return hmac.compare_digest(kdf.derive(password.encode("utf-8")), _unb64(digest))


def validate_new_password(password: str, name: str | None = None) -> None:
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise UserError(Text("The password needs at least {n} characters.",
                             "密码至少需要 {n} 个字符。").format(n=MIN_PASSWORD_LENGTH), code="weak-password")
    if name and password.strip().casefold() == name.strip().casefold():
        raise UserError(Text("The password may not be the account's name.", "密码不能与账户名相同。"),
                        code="weak-password")


def create(db: Database, name: str, role: str, password: str, *, by: str) -> None:
    """Add an account; call inside a transaction."""
    from desktop.core.clock import now_iso
    from desktop.core.store import audit  # not with this module: the sign-in window needs only names()

    name = (name or "").strip()
    if not name:
        raise UserError(Text("The clerk's name is empty.", "操作员姓名为空。"), code="bad-name")
    if role not in ROLES:
        raise UserError(Text("Unknown role {role}.", "未知角色 {role}。").format(role=role), code="bad-role")
    validate_new_password(password, name)
    if db.execute("SELECT 1 FROM accounts WHERE name = ?", [name]).fetchone():
        raise UserError(Text("An account named {name} exists already.", "已存在名为 {name} 的账户。")
                        .format(name=name), code="exists")
    db.execute("INSERT INTO accounts (name, role, password_hash, active, created_at) VALUES (?,?,?,1,?)",
               [name, role, hash_password(password), now_iso()])
    audit.append(db, "account", clerk=by, details={"action": "create", "account": name, "role": role})
    from desktop.core.workspace import keyring

    keyring.account_password_set(db, name, password)


def role_of(db: Database, name: str) -> str | None:
    row = db.execute("SELECT role FROM accounts WHERE name = ? AND active = 1", [name]).fetchone()
    return row[0] if row else None


def authenticate(db: Database, name: str, password: str) -> str:
    """The account's role when the password is right; UserError otherwise (same message either way)."""
    row = db.execute("SELECT password_hash, role FROM accounts WHERE name = ? AND active = 1",
                     [name]).fetchone()
    if row is None or not check_password(password or "", row[0]):
        raise UserError(Text("Wrong name or password.", "用户名或密码错误。"), code="bad-login")
    from desktop.core.workspace import keyring

    keyring.signed_in(db, name, password or "")
    return row[1]


def require(role: str | None, action: str) -> None:
    if role not in PERMISSIONS[action]:
        raise PermissionDenied(Text("Your role may not do this; ask a supervisor.",
                                    "您的角色无权执行此操作，请找主管。"), code="forbidden")


def names(db: Database) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in db.execute("SELECT name, role FROM accounts WHERE active = 1 ORDER BY name")]


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    active: bool


def all_accounts(db: Database) -> list[Account]:
    """Every account, active ones first, then by name (for the accounts dialog)."""
    return [Account(r[0], r[1], bool(r[2])) for r in
            db.execute("SELECT name, role, active FROM accounts ORDER BY active DESC, name")]


def _account(db: Database, name: str) -> Account:
    row = db.execute("SELECT name, role, active FROM accounts WHERE name = ?", [name]).fetchone()
    if row is None:
        raise UserError(Text("There is no account named {name}.", "没有名为 {name} 的账户。").format(name=name),
                        code="no-account")
    return Account(row[0], row[1], bool(row[2]))


def _require_admin(db: Database, by: str) -> None:
    require(role_of(db, by), "manage_accounts")


def _active_admins(db: Database) -> int:
    return db.execute("SELECT count(*) FROM accounts WHERE role = 'admin' AND active = 1").fetchone()[0]


def _keep_an_admin(db: Database, account: Account) -> None:
    if account.active and account.role == "admin" and _active_admins(db) <= 1:
        raise UserError(Text("{name} is the only active administrator; make another clerk an administrator first.",
                             "{name} 是唯一在用的管理员，请先把另一位操作员设为管理员。").format(name=account.name),
                        code="last-admin")


def set_active(db: Database, name: str, active: bool, *, by: str, password: str | None = None) -> None:
    """Deactivate (the clerk can no longer sign in; their records and trail stay) or reactivate an
    account; an admin's action, never on oneself, never the last active admin. Call inside a transaction.

    Deactivating removes the account's wrap of the data key, so on an encrypted store the old
    password no longer opens anything: reactivating needs a new `password` (set and wrapped here,
    as a reset does; on a plain store it is optional)."""
    from desktop.core.store import audit

    _require_admin(db, by)
    account = _account(db, name)
    if account.active == active:
        return
    if not active:
        if name == by:
            raise UserError(Text("You cannot deactivate your own account.", "不能停用自己的账户。"), code="self")
        _keep_an_admin(db, account)
    if active and password is None and getattr(db, "key", None) is not None:
        raise UserError(Text("Reactivating {name} needs a new password for them: the old one stopped opening "
                             "the data when the account was deactivated.",
                             "重新启用 {name} 需要为其设置新密码：账户停用时旧密码已不能打开数据。").format(name=name),
                        code="password-needed")
    if active and password is not None:
        validate_new_password(password, name)
        db.execute("UPDATE accounts SET password_hash = ? WHERE name = ?", [hash_password(password), name])
    db.execute("UPDATE accounts SET active = ? WHERE name = ?", [int(active), name])
    audit.append(db, "account", clerk=by, details={"action": "reactivate" if active else "deactivate",
                                                   "account": name})
    from desktop.core.workspace import keyring

    if not active:   # a deactivated clerk's password no longer opens the store; a reactivation gives it back
        keyring.account_removed(db, name)
    elif password is not None:
        keyring.account_password_set(db, name, password)
        _unlock_sign_in(db, name)


def set_role(db: Database, name: str, role: str, *, by: str) -> None:
    """Change an account's role (an admin's action; the last active admin keeps theirs).
    Call inside a transaction."""
    from desktop.core.store import audit

    _require_admin(db, by)
    if role not in ROLES:
        raise UserError(Text("Unknown role {role}.", "未知角色 {role}。").format(role=role), code="bad-role")
    account = _account(db, name)
    if account.role == role:
        return
    if account.role == "admin":
        _keep_an_admin(db, account)
    db.execute("UPDATE accounts SET role = ? WHERE name = ?", [role, name])
    audit.append(db, "account", clerk=by, details={"action": "role", "account": name,
                                                   "role": [account.role, role]})


def reset_password(db: Database, name: str, new_password: str, *, by: str) -> None:
    """An admin (for any account) or a supervisor (for a clerk's) sets a new password for someone
    who forgot theirs, or whose account the failed sign-ins locked; the data key is wrapped for it
    with the key this session holds, without the old password. Call inside a transaction."""
    from desktop.core.store import audit

    by_role = role_of(db, by)
    require(by_role, "reset_password")
    account = _account(db, name)
    if by_role != "admin" and account.role != "clerk":
        raise PermissionDenied(Text("A supervisor sets new passwords for clerks only; ask an administrator.",
                                    "主管只能为录入员设置新密码，请找管理员。"), code="forbidden")
    validate_new_password(new_password, name)
    db.execute("UPDATE accounts SET password_hash = ? WHERE name = ?", [hash_password(new_password), name])
    audit.append(db, "account", clerk=by, details={"action": "reset_password", "account": name})
    from desktop.core.workspace import keyring

    keyring.account_password_set(db, name, new_password)   # re-wrapped with this session's key
    _unlock_sign_in(db, name)


def _unlock_sign_in(db: Database, name: str) -> None:
    from pathlib import Path

    from desktop.core.store.db import db_path
    from desktop.core.workspace import throttle

    path = db_path(db)
    if path:
        throttle.cleared(Path(path).parent, name)


def set_lock_after(db: Database, count: int, *, by: str) -> None:
    """An admin sets after how many failed sign-ins an account is locked. Call inside a transaction."""
    from pathlib import Path

    from desktop.core.store import audit
    from desktop.core.store.db import db_path
    from desktop.core.workspace import throttle

    _require_admin(db, by)
    throttle.set_lock_after(Path(db_path(db)).parent, count)
    audit.append(db, "account", clerk=by, details={"action": "lock_after", "count": int(count)})


def change_own_password(db: Database, name: str, old_password: str, new_password: str) -> None:
    """Any clerk changes their own password; the old one must be right. Call inside a transaction."""
    from desktop.core.store import audit

    try:
        authenticate(db, name, old_password)
    except UserError:
        raise UserError(Text("The current password is wrong.", "当前密码不正确。"), code="bad-password") from None
    validate_new_password(new_password, name)
    if new_password == old_password:
        raise UserError(Text("The new password is the same as the current one.", "新密码与当前密码相同。"),
                        code="same-password")
    db.execute("UPDATE accounts SET password_hash = ? WHERE name = ?", [hash_password(new_password), name])
    audit.append(db, "account", clerk=name, details={"action": "change_password", "account": name})
    from desktop.core.workspace import keyring

    keyring.account_password_set(db, name, new_password)


def recover_password(db: Database, name: str, new_password: str) -> None:
    """The recovery key opened the store (every password lost): the account gets a new password,
    and is made active again. Call inside a transaction, on a store opened with the recovery key."""
    from desktop.core.store import audit
    from desktop.core.workspace import keyring

    _account(db, name)
    validate_new_password(new_password, name)
    db.execute("UPDATE accounts SET password_hash = ?, active = 1 WHERE name = ?", [hash_password(new_password), name])
    audit.append(db, "account", clerk="recovery-key", details={"action": "recover", "account": name})
    keyring.account_password_set(db, name, new_password)
    _unlock_sign_in(db, name)
