"""The mailbox: check a posted bundle, store it once, list and hand out what waits for a site.

A bundle is checked exactly as a county checks it before decrypting (desktop/core/sync/bundle.py
`verify_bundle_file`: the strict container, the SSHSIG of the manifest, the signer enrolled here
and not revoked, the manifest naming that signer and its sender, the payload's sha256 and length),
and, for a township's bundle, that it goes to the township's own county. Nothing is stored before
all of that passes, and the payload of a township or return bundle is never decrypted: the hub holds no key it is
encrypted to.

The recipient comes from the signed manifest: a township's data bundle goes to its county, a
county's return bundle to the township it names, a county's bundle to the province to this hub
(which opens and merges it: province.py); the hub's own bundles to a county (the cross-county
items it routed: routing.py) are stored here too. A bundle is stored by its identity (the sha256 of
its manifest.json, what the desktop acknowledges), in one transaction with its pieces; the same
bundle posted again - or at once from two connections - is stored once and answered "duplicate".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import psycopg

from desktop.core.i18n import Text
from desktop.core.sync import bundle
from desktop.hub import bundle_store, sites
from desktop.hub.db import HubError

LIST_LIMIT = 1000
STORED, DUPLICATE = "stored", "duplicate"


@dataclass(frozen=True)
class Stored:
    status: str               # STORED or DUPLICATE
    sha256: str               # the bundle's identity
    kind: str
    sender: str
    recipient: str
    file_name: str

    def as_dict(self) -> dict:
        return {"status": self.status, "sha256": self.sha256, "kind": self.kind, "sender": self.sender,
                "recipient": self.recipient, "name": self.file_name}


def check(conn: psycopg.Connection, path: Path) -> bundle.VerifiedBundle:
    """The bundle file at `path`, verified against the enrolled sites (never decrypted)."""
    known = sites.trusted_keys(conn)
    verified = bundle.verify_bundle_file(path, {fp: key for fp, (key, _county) in known.items()})
    manifest = verified.manifest
    site_county = known[verified.signer.fingerprint][1]
    if manifest.kind == bundle.KIND_DATA and manifest.county != site_county:
        raise HubError(Text(f"township {manifest.township} is enrolled under county {site_county}, but the bundle "
                            f"is addressed to {manifest.county}; refused",
                            f"乡镇 {manifest.township} 登记在县 {site_county}，同步包却发往 {manifest.county}，已拒绝"),
                       code="wrong-county")
    return verified


def ingest(conn: psycopg.Connection, path: Path, admit=None, hub=None) -> Stored:
    """Check the bundle file at `path` and store it unless it is there already. `admit(signer's
    site code)`, when given, runs between the checks and the store and may raise to refuse
    (the server's per-signer rate limit). A county's bundle to the province is addressed to this
    hub (`hub`, which holds the province's keys): it is opened and merged (province.py) in the
    transaction that stores it, so it is stored only if it merges."""
    verified = check(conn, path)
    if admit is not None:
        admit(verified.signer.owner)
    manifest = verified.manifest
    if manifest.kind == bundle.KIND_PROVINCE and hub is None:
        raise HubError(Text("county bundles for the province are taken only by the hub serving it",
                            "县报省数据包只能由省级中心接收"), code="not-for-us")
    sender, recipient = {bundle.KIND_DATA: (manifest.township, manifest.county),
                         bundle.KIND_RETURN: (manifest.county, manifest.township),
                         bundle.KIND_PROVINCE: (manifest.county, hub.province if hub else "")}[manifest.kind]
    with conn.transaction():
        inserted = bundle_store.store(conn, path, verified, sender, recipient)
        if inserted and manifest.kind == bundle.KIND_PROVINCE:
            from desktop.hub import province
            province.merge(conn, path, verified, hub)
    name = bundle.bundle_file_name(manifest.kind, manifest.township, manifest.sequence)
    return Stored(STORED if inserted else DUPLICATE, verified.sha256, manifest.kind, sender, recipient, name)


def waiting_for(conn: psycopg.Connection, site: str, after: int = 0, limit: int = LIST_LIMIT) -> list[dict]:
    """What is addressed to `site`, in arrival order after the hub's `id` `after` (for paging)."""
    rows = conn.execute(
        "SELECT id, sha256, kind, sender, sequence, file_name, length, file_sha256, received FROM bundles"
        " WHERE recipient = %s AND id > %s ORDER BY id LIMIT %s", (site, after, limit)).fetchall()
    return [{"id": row[0], "sha256": row[1], "kind": row[2], "sender": row[3], "recipient": site,
             "sequence": row[4], "name": row[5], "length": row[6], "file_sha256": row[7],
             "received": row[8].isoformat()} for row in rows]


def stored_bundle(conn: psycopg.Connection, sha256: str) -> dict | None:
    row = conn.execute("SELECT file_name, length, file_sha256, recipient FROM bundles WHERE sha256 = %s",
                       (sha256,)).fetchone()
    if row is None:
        return None
    pieces = conn.execute("SELECT count(*) FROM bundle_pieces WHERE bundle = %s", (sha256,)).fetchone()[0]
    return {"name": row[0], "length": row[1], "file_sha256": row[2], "recipient": row[3], "pieces": pieces}


def piece(conn: psycopg.Connection, sha256: str, n: int) -> bytes:
    row = conn.execute("SELECT data FROM bundle_pieces WHERE bundle = %s AND n = %s", (sha256, n)).fetchone()
    if row is None:
        raise HubError(Text(f"piece {n} of bundle {sha256} is missing", f"同步包 {sha256} 缺少第 {n} 段"),
                       code="missing-piece")
    return bytes(row[0])


def counts(conn: psycopg.Connection) -> tuple[int, int]:
    """(bundles, pieces) stored: what the tests check stays unchanged after a refusal."""
    return (conn.execute("SELECT count(*) FROM bundles").fetchone()[0],
            conn.execute("SELECT count(*) FROM bundle_pieces").fetchone()[0])
