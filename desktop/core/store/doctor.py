"""`township doctor`: is this installation healthy? Each check says ok or what is wrong."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from desktop.core.clock import now
from desktop.core.i18n import Text, plural
from desktop.core.store import audit, backup
from desktop.core.workspace.workspace import Workspace


@dataclass(frozen=True)
class Finding:
    check: str
    ok: bool
    text: Text


def run_checks(workspace: Workspace) -> list[Finding]:
    db = workspace.db
    findings = []
    integrity = [r[0] for r in db.execute("PRAGMA integrity_check")]
    findings.append(Finding("integrity", integrity == ["ok"],
                            Text("database integrity: ", "数据库完整性：") + Text(
                                "ok" if integrity == ["ok"] else "; ".join(integrity[:5]),
                                "正常" if integrity == ["ok"] else "; ".join(integrity[:5]))))
    foreign = db.execute("PRAGMA foreign_key_check").fetchall()
    findings.append(Finding("foreign_keys", not foreign,
                            Text("foreign keys: ok", "外键：正常") if not foreign else
                            Text("foreign keys: {n} broken references", "外键：{n} 处引用失效")
                            .format(n=len(foreign))))
    problems = audit.verify_chain(db)
    seq, digest = audit.head(db)
    if problems:
        first = problems[0]
        text = Text("audit trail: BROKEN at row {seq}: {what} (" + plural(len(problems), "problem") + " in all)",
                    "操作痕迹：第 {seq} 行被篡改或缺失：{what}（共 {n} 处问题）").format(
            seq=first.seq, what=first.what, n=len(problems))
    else:
        text = Text("audit trail: {n} rows, chain intact, head {head}",
                    "操作痕迹：{n} 行，链条完整，末端 {head}").format(n=seq, head=digest[:16])
    findings.append(Finding("audit_chain", not problems, text))
    daily = backup.list_backups(workspace.paths.backups, "daily")
    all_backups = backup.list_backups(workspace.paths.backups)
    recent = [p for p in daily if p.name[len("daily-"):len("daily-") + 8] >= _days_ago(2)]
    findings.append(Finding(
        "backups", bool(all_backups),
        Text("backups: {n} in {folder}; newest {newest}", "备份：{folder} 中有 {n} 份；最新 {newest}")
        .format(n=len(all_backups), folder=workspace.paths.backups,
                newest=all_backups[-1].name if all_backups else "-")
        if all_backups else
        Text("backups: none yet in {folder}; run `township backup`",
             "备份：{folder} 中还没有备份；请运行 `township backup`").format(folder=workspace.paths.backups)))
    findings.extend(_encryption(workspace, all_backups))
    if all_backups and not recent:
        findings.append(Finding("backup_age", False, Text(
            "backups: no automatic daily backup in the last two days",
            "备份：最近两天没有自动备份")))
    return findings


def _days_ago(days: int) -> str:
    return (now() - timedelta(days=days)).strftime("%Y%m%d")


def _encryption(workspace: Workspace, backups: list) -> list[Finding]:
    """Which stores are encrypted: the database, each backup, and the keyring's wraps."""
    from desktop.core.store.db import is_plain

    plain = [p.name for p in [workspace.paths.db_path, *backups] if is_plain(p)]
    ring = workspace.keyring
    found = [Finding("encryption", not plain,
                     Text("encryption: the database and {n} backups are encrypted (SQLCipher)",
                          "加密：数据库和 {n} 份备份均已加密（SQLCipher）").format(n=len(backups)) if not plain else
                     Text("encryption: NOT encrypted: {files}", "加密：以下文件未加密：{files}")
                     .format(files=", ".join(plain)))]
    key = workspace.db.key
    from desktop.core.store import cipher_format

    if key is not None:
        older = [p.name for p in backups if not is_plain(p) and cipher_format.format_of(p, key) == cipher_format.LEGACY]
        if older:   # not a fault: they open as they are; said so that a clerk comparing files is not surprised
            found.append(Finding("cipher-format", True, Text(
                "encryption: {n} backups from before the update use the older page check (HMAC-SHA512): "
                "they open and restore as before",
                "加密：{n} 份更新前的备份使用旧的页校验（HMAC-SHA512）：照常可以打开和恢复").format(n=len(older))))
    if key is not None and workspace.db.cipher_format == cipher_format.LEGACY:
        found.append(Finding("cipher-format", True, Text(
            "encryption: the database still uses the older page check (HMAC-SHA512): another program had it "
            "open; it is rewritten at the next start",
            "加密：数据库仍使用旧的页校验（HMAC-SHA512）：另一个程序正打开它；下次启动时改写")))
    if ring is not None:
        found.append(Finding("keyring", ring.has_recovery(),
                             Text("keys: opened by {n} accounts ({names}); recovery key {rec}",
                                  "密钥：{n} 个账户可打开（{names}）；恢复密钥{rec_zh}").format(
                                 n=len(ring.accounts()), names=", ".join(ring.accounts()),
                                 rec="set" if ring.has_recovery() else "MISSING (an admin makes one)",
                                 rec_zh="已设置" if ring.has_recovery() else "缺失（请管理员生成）")))
    return found
