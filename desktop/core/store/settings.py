"""Per-installation settings kept in the database (role, township or county, language, ...).

They live in the same file as the records so a backup or restore carries them along.
"""

from __future__ import annotations

import json

from desktop.core.store.db import Database

ROLE = "role"                 # "township" or "county"
TOWNSHIP = "township_code"
COUNTY = "county_code"
LANGUAGE = "language"         # "zh" / "en" / absent: system locale
IDLE_LOCK_MINUTES = "idle_lock_minutes"
LARGE_TEXT = "large_text"     # before TEXT_SIZE: True meant 125 %
TEXT_SIZE = "text_size"       # percent of the platform's font size, one of TEXT_SIZES
TEXT_SIZES = (100, 125, 150, 175)
LAST_CLERK = "last_clerk"     # who last signed in on this PC: the sign-in dialog preselects them
HUB_URL = "hub_url"           # the hub bundles go to when a link exists (http(s)://host:port); absent: stick only
HUB_KEY = "hub_key"           # the hub's public key ("ssh-ed25519 ..."): from a pack, or pinned at first contact


def get(db: Database, key: str, default=None):
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return json.loads(row[0]) if row else default


def put(db: Database, key: str, value) -> None:
    """Set one value; call inside a transaction when it belongs to a larger change."""
    db.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
               "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
               [key, json.dumps(value, ensure_ascii=False)])


def text_size(text_size_value, large_text_value=False) -> int:
    """The text size in percent from the stored values: TEXT_SIZE when it is one of TEXT_SIZES,
    else 125 for the older "larger text" switch, else 100."""
    if isinstance(text_size_value, int) and not isinstance(text_size_value, bool) and text_size_value in TEXT_SIZES:
        return text_size_value
    return 125 if large_text_value is True else 100


def text_size_of(setting) -> int:
    """The text size of an installation, from `setting(key, default)` (Workspace.setting)."""
    return text_size(setting(TEXT_SIZE, None), setting(LARGE_TEXT, False))


def all_settings(db: Database) -> dict:
    return {key: json.loads(value) for key, value in db.execute("SELECT key, value FROM settings")}
