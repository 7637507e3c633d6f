"""Code lists and form packs received from the county: stored with their versions, forward only.

They arrive in the county pack at setup and in return bundles later. Each is kept in the
sync_resources table and written to the data folder (`config/codelists/NAME.csv`,
`config/forms/NAME.xlsx`), where the code-list and forms modules read them in preference to the
shipped ones. An update whose version is not newer than the installed one is ignored, so an old
bundle or pack never rolls a list back.
"""

from __future__ import annotations

from desktop.core.clock import now_iso
from desktop.core.paths import DataDir
from desktop.core.store.atomic import write_atomic
from desktop.core.store.db import Database
from desktop.core.sync.enrollment import Resource, version_key

FOLDERS = {"code_list": ("codelists", ".csv"), "form_pack": ("forms", ".xlsx")}


def installed(db: Database, kind: str | None = None) -> list[Resource]:
    sql = "SELECT kind, name, version, content FROM sync_resources"
    args = []
    if kind:
        sql += " WHERE kind = ?"
        args.append(kind)
    return [Resource(row[1], row[2], bytes(row[3])) for row in db.execute(sql + " ORDER BY kind, name", args)]


def install(db: Database, kind: str, resource: Resource) -> bool:
    """Store `resource` if it is newer than what is installed; call inside a transaction."""
    row = db.execute("SELECT version FROM sync_resources WHERE kind = ? AND name = ?", [kind, resource.name]).fetchone()
    if row is not None and version_key(row[0]) >= version_key(resource.version):
        return False
    db.execute("INSERT INTO sync_resources (kind, name, version, sha256, content, installed_at) VALUES (?,?,?,?,?,?)"
               " ON CONFLICT(kind, name) DO UPDATE SET version=excluded.version, sha256=excluded.sha256,"
               " content=excluded.content, installed_at=excluded.installed_at",
               [kind, resource.name, resource.version, resource.sha256, resource.content, now_iso()])
    return True


def write_files(db: Database, paths: DataDir) -> None:
    """Mirror the installed resources into the data folder (after the transaction committed)."""
    for kind, (folder, suffix) in FOLDERS.items():
        target = paths.config / folder
        for resource in installed(db, kind):
            target.mkdir(parents=True, exist_ok=True)
            path = target / f"{resource.name}{suffix}"
            if not path.exists() or path.read_bytes() != resource.content:
                write_atomic(path, resource.content, mode=0o644)
