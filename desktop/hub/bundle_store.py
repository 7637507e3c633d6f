"""The one writer of the hub's bundles and their pieces: a bundle file stored in 1 MiB pieces.

The mailbox (mailbox.py) stores what sites post, after its checks; the routing of cross-county
items (routing.py) stores the bundles the hub writes itself to a county. Both go through `store`,
inside the caller's transaction, so a bundle is there whole or not at all.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import psycopg

from desktop.core.sync import bundle

PIECE_BYTES = 1 << 20


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while piece := handle.read(PIECE_BYTES):
            digest.update(piece)
    return digest.hexdigest()


def store(conn: psycopg.Connection, path: Path, verified: bundle.VerifiedBundle, sender: str,
           recipient: str) -> bool:
    """Store the bundle file at `path` with its pieces unless it is held already; whether it was
    stored now. Inside the caller's transaction."""
    manifest = verified.manifest
    name = bundle.bundle_file_name(manifest.kind, manifest.township, manifest.sequence)
    inserted = conn.execute(
        "INSERT INTO bundles (sha256, file_sha256, length, kind, sender, recipient, county, township, sequence,"
        " signer, file_name) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
        " ON CONFLICT (sha256) DO NOTHING RETURNING id",
        (verified.sha256, file_sha256(path), path.stat().st_size, manifest.kind, sender, recipient,
         manifest.county, manifest.township, manifest.sequence, verified.signer.fingerprint, name)).fetchone()
    if inserted is None:
        return False
    with conn.cursor() as cursor, cursor.copy("COPY bundle_pieces (bundle, n, data) FROM STDIN") as copy, \
            open(path, "rb") as handle:
        n = 0
        while piece := handle.read(PIECE_BYTES):
            copy.write_row((verified.sha256, n, piece))
            n += 1
    return True


def store_own(conn: psycopg.Connection, path: Path, verified: bundle.VerifiedBundle, recipient: str) -> None:
    """Store a bundle the hub wrote itself (the province's bundle to a county: routing.py) for
    `recipient` to pull, inside the caller's transaction."""
    store(conn, path, verified, verified.signer.owner, recipient)


def last_own(conn: psycopg.Connection, kind: str, recipient: str) -> tuple[int, str | None]:
    """(sequence, identity) of the newest bundle of `kind` the hub wrote for `recipient`; (0, None)."""
    row = conn.execute("SELECT sequence, sha256 FROM bundles WHERE kind = %s AND recipient = %s"
                       " ORDER BY sequence DESC LIMIT 1", (kind, recipient)).fetchone()
    return (row[0], row[1]) if row else (0, None)
