"""The SQLCipher file formats of the store: the settings a connection names after its key, and
finding which known format a file was written in.

Every encrypted file of the app (the store, its WAL, its backups) is SQLCipher 4 under a raw
256-bit key: AES-256-CBC pages, each with a fresh IV and an HMAC. What differs between the formats
is the page HMAC:

- "sha256" (CURRENT, from this version on): HMAC-SHA256. A save writes about 24 pages, each
  encrypted and signed; with the SHA extensions of x86 CPUs since 2017-2019 HMAC-SHA256 takes
  about half the time of HMAC-SHA512 a page (3.3 against 6.4 us here), about a fifth of the
  encryption's cost per save (docs/SECURITY.md has the figures, and why HMAC-SHA256 keeps the
  same integrity guarantee).
- "sha512" (LEGACY): SQLCipher 4's defaults, which every store encrypted before this version has.

A file does not say which format it has (its first bytes are a random salt), so `connect_keyed`
tries CURRENT and then LEGACY; a wrong format, like a wrong key, fails the HMAC check of page 1
at the first read. Backups and copies taken before the change keep opening; the live store is
brought to CURRENT once, at open (desktop/core/store/reformat.py).
"""

from __future__ import annotations

from desktop.core.store.driver import sqlite3

CURRENT = "sha256"
LEGACY = "sha512"
# named explicitly, both of them, so that a later SQLCipher with other defaults still reads both
SETTINGS = {
    CURRENT: ("cipher_page_size = 4096", "cipher_hmac_algorithm = HMAC_SHA256"),
    LEGACY: ("cipher_page_size = 4096", "cipher_hmac_algorithm = HMAC_SHA512"),
}
ORDER = (CURRENT, LEGACY)


def key_pragma(key: bytes) -> str:
    return f"PRAGMA key = \"x'{key.hex()}'\""


def settings_pragmas(fmt: str = CURRENT, schema: str = "") -> list[str]:
    """The pragmas that follow the key (of the main database, or of an attached `schema`)."""
    prefix = f"{schema}." if schema else ""
    return [f"PRAGMA {prefix}{setting}" for setting in SETTINGS[fmt]]


def apply_key(conn, key: bytes, fmt: str = CURRENT) -> None:
    """Key a fresh connection in format `fmt` (before anything reads the file)."""
    conn.execute(key_pragma(key))
    for pragma in settings_pragmas(fmt):
        conn.execute(pragma)


def attach_keyed(conn, path, schema: str, key: bytes, fmt: str = CURRENT) -> None:
    """ATTACH the (new or existing) encrypted file at `path` as `schema`, in format `fmt`."""
    conn.execute(f"ATTACH DATABASE ? AS {schema} KEY \"x'{key.hex()}'\"", [str(path)])
    for pragma in settings_pragmas(fmt, schema):
        conn.execute(pragma)


def connect_keyed(target, key: bytes, *, formats=ORDER, **kwargs):
    """A connection to the encrypted file `target` (a path or a URI, with `kwargs` for
    sqlite3.connect) in the first of `formats` that reads it, and that format's name. The first
    read checks page 1's HMAC, so a wrong format fails there as a wrong key does; when none reads
    it, the last error is raised (sqlite3.DatabaseError: "file is not a database"); any other
    error (a read-only folder, say) at once."""
    error = None
    for fmt in formats:
        conn = sqlite3.connect(target, **kwargs)
        try:
            apply_key(conn, key, fmt)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn, fmt
        except sqlite3.DatabaseError as failed:
            conn.close()
            if not _not_a_database(failed):
                raise   # a read-only folder, a locked or missing file: not a question of format
            error = failed
    raise error


def _not_a_database(error: Exception) -> bool:
    """SQLITE_NOTADB (26): what a wrong key or a wrong format gives at the first read."""
    return getattr(error, "sqlite_errorcode", None) == 26 or "file is not a database" in str(error)


def format_of(path, key: bytes) -> str | None:
    """The format the encrypted file at `path` is in under `key` (None: it opens in none of them)."""
    from pathlib import Path

    try:
        conn, fmt = connect_keyed(f"{Path(path).absolute().as_uri()}?mode=ro&immutable=1", key, uri=True)
    except sqlite3.Error:
        return None
    conn.close()
    return fmt
