"""Sign-in throttling: a growing delay after failed attempts and a lock after a number an admin
sets, per account, kept in `sign-in-attempts.json` beside the database.

The file is read before the store opens (the encrypted store opens with the password being
tried), so it holds only account names, counts and times, nothing secret. The first
FREE_ATTEMPTS failures cost nothing; each one after waits twice as long as the one before (2 s,
4 s, 8 s ... at most MAX_DELAY); at `lock_after` failures (DEFAULT_LOCK_AFTER unless an admin
set another number) the account is locked until an admin or supervisor resets its password.
Every failure, delay and lock is logged. What this guards is the sign-in on the PC (a colleague
guessing); someone who copied the folder can skip the program, and what stops them is the
Argon2id cost of each guess against the key file (docs/SECURITY.md).
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta
from pathlib import Path

from desktop.core.clock import now
from desktop.core.errors import UserError
from desktop.core.i18n import Text

log = logging.getLogger("township.sign_in")
FILE_NAME = "sign-in-attempts.json"
FREE_ATTEMPTS = 3
MAX_DELAY = 300
DEFAULT_LOCK_AFTER = 10
LOCK_AFTER_RANGE = (3, 50)


def _path(root: Path) -> Path:
    return Path(root) / FILE_NAME


def _load(root: Path) -> dict:
    try:
        data = json.loads(_path(root).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _save(root: Path, data: dict) -> None:
    from desktop.core.store.atomic import write_atomic

    write_atomic(_path(root), json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8"), mode=0o600)


def lock_after(root: Path) -> int:
    return int(_load(root).get("lock_after", DEFAULT_LOCK_AFTER))


def set_lock_after(root: Path, count: int) -> None:
    """The number of failures that locks an account (an admin's setting: accounts.set_lock_after)."""
    low, high = LOCK_AFTER_RANGE
    if not low <= int(count) <= high:
        raise UserError(Text("The lock must come after {low} to {high} failed sign-ins.",
                             "锁定前允许的失败次数须在 {low} 到 {high} 之间。").format(low=low, high=high),
                        code="bad-setting")
    data = _load(root)
    data["lock_after"] = int(count)
    _save(root, data)


def delay_after(failures: int) -> int:
    """Seconds to wait after `failures` failed attempts in a row."""
    if failures < FREE_ATTEMPTS:
        return 0
    return min(MAX_DELAY, 2 ** (failures - FREE_ATTEMPTS + 1))


def check(root: Path, name: str) -> None:
    """Refuse a sign-in of `name` now: locked, or still inside the delay of its last failure."""
    data = _load(root)
    entry = data.get("accounts", {}).get(name)
    if not entry:
        return
    if entry.get("failures", 0) >= int(data.get("lock_after", DEFAULT_LOCK_AFTER)):
        raise UserError(Text("The account {name} is locked after too many wrong passwords; an administrator "
                             "or supervisor can reset its password.",
                             "账户 {name} 因密码错误次数过多已被锁定；请管理员或主管重设密码。").format(name=name),
                        code="account-locked")
    until = datetime.fromisoformat(entry["until"]) if entry.get("until") else None
    if until is not None and now() < until:
        seconds = max(1, int((until - now()).total_seconds() + 0.999))
        raise UserError(Text("Too many wrong passwords: wait {n} seconds and try again.",
                             "密码错误次数过多：请等待 {n} 秒后再试。").format(n=seconds), code="throttled")


def failed(root: Path, name: str) -> int:
    """Count a wrong password of `name`; returns the failures in a row."""
    data = _load(root)
    entries = data.setdefault("accounts", {})
    entry = entries.setdefault(name, {"failures": 0})
    entry["failures"] = entry.get("failures", 0) + 1
    delay = delay_after(entry["failures"])
    entry["until"] = (now() + timedelta(seconds=delay)).isoformat() if delay else None
    _save(root, data)
    limit = int(data.get("lock_after", DEFAULT_LOCK_AFTER))
    if entry["failures"] >= limit:
        log.info("sign-in: account %s locked after %d failed attempts", name, entry["failures"])
    else:
        log.info("sign-in: failed attempt %d for %s; next attempt in %d s", entry["failures"], name, delay)
    return entry["failures"]


def succeeded(root: Path, name: str) -> None:
    data = _load(root)
    if data.get("accounts", {}).pop(name, None) is not None:
        _save(root, data)


def cleared(root: Path, name: str) -> None:
    """A new password set by an admin or supervisor unlocks the account."""
    succeeded(root, name)
    log.info("sign-in: account %s unlocked by a password reset", name)
