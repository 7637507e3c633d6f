"""Unfinished records kept on disk as the clerk types, so a crash or a power cut loses at most the
field being typed.

One draft file per unfinished record and clerk in `DataDir.drafts`: a change to a saved record has
the file `<form_id>.rec-<record id>.by-<clerk, hex of UTF-8>.json` (one per record), each new
record its own `<form_id>.new-<random>.by-<clerk>.json`, so opening, editing or starting another
record never overwrites or drops a draft the clerk has not finished: every one stays listed in
Find and fix until it is saved or discarded. The file is rewritten on every field commit
(Enter, Tab, focus leaving a field) by writing a temporary file in the same folder, flushing,
fsyncing, renaming it over the old one and fsyncing the folder: a reader sees either the previous
draft or the new one, never half of one. A draft holds the values as entered (text that does not
parse yet is kept as typed), the record it edits (None for a new one) and the field the clerk was
in. An unfinished record belongs to the clerk who typed it: another clerk signing in on the same
PC is neither offered it nor can overwrite it. Drafts never go into the audit trail or a sync
bundle; saving or discarding the record removes its file.

Files of older versions, one per form (`<form_id>.by-<clerk>.json`, and `<form_id>.json` from
before drafts had owners, read as the draft of the clerk it names or of whoever opens it first if
it names none), are moved to a file of their own the first time their clerk's drafts are read.

In an encrypted installation (`key`, the store's data key) a draft file is AES-256-GCM under a
key derived from it (HKDF, "drafts"), bound to its form id: `MAGIC`, the nonce, the sealed JSON.
A plain draft left by an older version is still read, and written encrypted on its next save.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

from desktop.core.clock import now_iso
from desktop.core.i18n import Text
from desktop.core.store.atomic import replace_durably

log = logging.getLogger("township.entry")
DRAFT_FORMAT = 1
_SAFE_NAME = re.compile(r"^[A-Za-z0-9_.-]+$")
MAGIC = b"TDDRAFT1"
# <form_id>[.<key>][.by-<clerk hex>].json, the key naming the unfinished record (none: a file of an older version)
_FILE = re.compile(r"^(?P<form>[A-Za-z0-9_.-]+?)(?:\.(?P<key>(?:rec|new)-[A-Za-z0-9_-]+))?"
                   r"(?:\.by-(?P<clerk>[0-9a-f]+))?\.json$")


class DraftsLocked(OSError):
    """A draft read or written while the store is shut (the idle lock) and its key let go."""


LOCKED = Text("The drafts open again once the clerk signs in.", "草稿在录入员重新登录后才能打开。")


def _drafts_key(key: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"township-desk drafts").derive(key)


@dataclass
class Draft:
    form_id: str
    form_version: str
    values: dict
    record_id: str | None = None
    record_version: int | None = None  # the version opened, to detect a change made elsewhere
    current_field: str = ""
    carry_forward: list[str] = field(default_factory=list)
    clerk: str = ""
    saved_at: str = ""
    format: int = DRAFT_FORMAT
    draft_id: str = ""   # a new record's own draft (random); a change to a saved record needs none

    @property
    def key(self) -> str:
        """Which unfinished record this is, within its form: one per saved record, one per new one."""
        return f"rec-{self.record_id}" if self.record_id else f"new-{self.draft_id}"


def new_draft_id() -> str:
    return uuid.uuid4().hex[:16]


class DraftStore:
    """The drafts of one installation (`folder` is `DataDir.drafts`)."""

    def __init__(self, folder: Path, clerk: str = "", *, key=None):
        """`key`: the store's data key, or a function giving it while the store is open (an open
        entry page: the idle lock lets go of the key, and no draft key outlives it here); None
        for a store without one."""
        self.folder = Path(folder)
        self.clerk = clerk
        self._key_source = key if callable(key) else None
        self._fixed_key = _drafts_key(key) if key is not None and not callable(key) else None

    @property
    def _key(self) -> bytes | None:
        if self._key_source is None:
            return self._fixed_key
        key = self._key_source()
        if key is None:   # locked: never a plain draft where the store is encrypted
            raise DraftsLocked(LOCKED.en)
        return _drafts_key(key)

    def _seal(self, form_id: str, data: bytes) -> bytes:
        if self._key is None:
            return data
        import os

        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        nonce = os.urandom(12)
        return MAGIC + nonce + AESGCM(self._key).encrypt(nonce, data, form_id.encode("utf-8"))

    def _unseal(self, form_id: str, data: bytes) -> bytes:
        if not data.startswith(MAGIC):
            return data
        if self._key is None:
            raise ValueError("an encrypted draft and no key")
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        body = data[len(MAGIC):]
        try:
            return AESGCM(self._key).decrypt(body[:12], body[12:], form_id.encode("utf-8"))
        except InvalidTag as error:
            raise ValueError("the draft does not open with this installation's key") from error

    def path_for(self, form_id: str, key: str) -> Path:
        """The file of one unfinished record (`key`: Draft.key) of this clerk."""
        if not _SAFE_NAME.match(form_id) or not _SAFE_NAME.match(key) or not key.startswith(("rec-", "new-")):
            raise ValueError(f"unsafe draft name: {form_id!r} {key!r}")
        owner = f".by-{self.clerk.encode('utf-8').hex()}" if self.clerk else ""
        return self.folder / f"{form_id}.{key}{owner}.json"

    def _mine(self, draft: Draft | None) -> bool:
        return draft is not None and (not self.clerk or not draft.clerk or draft.clerk == self.clerk)

    def save(self, draft: Draft, *, keep_time: bool = False) -> Path:
        """Write the draft durably (temp + fsync + rename + fsync of the folder) to its own file; a
        new record's draft without an id gets one (kept in `draft.draft_id`)."""
        if not keep_time or not draft.saved_at:
            draft.saved_at = now_iso()
        if self.clerk:
            draft.clerk = self.clerk
        if not draft.record_id and not draft.draft_id:
            draft.draft_id = new_draft_id()
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.path_for(draft.form_id, draft.key)
        data = json.dumps(asdict(draft), ensure_ascii=False, sort_keys=True).encode("utf-8")
        replace_durably(target, self._seal(draft.form_id, data), mode=0o600)
        return target

    def load(self, form_id: str, key: str | None = None) -> Draft | None:
        """This clerk's draft `key` of a form (Draft.key), or without a key the newest of the form;
        None if there is none (a damaged file is logged and ignored, never fatal)."""
        if key is not None:
            self._move_older_files()
            draft = self._read(self.path_for(form_id, key), form_id)
            return draft if self._mine(draft) and draft.key == key else None
        return next(iter(self.of_form(form_id)), None)

    def of_form(self, form_id: str) -> list[Draft]:
        """This clerk's drafts of one form, newest first."""
        return [draft for draft in self.all() if draft.form_id == form_id]

    def _read(self, path: Path, form_id: str) -> Draft | None:
        try:
            raw = json.loads(self._unseal(form_id, path.read_bytes()).decode("utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as error:
            log.warning("ignoring unreadable draft %s: %s", path.name, error)
            return None
        if not isinstance(raw, dict) or raw.get("format") != DRAFT_FORMAT or not isinstance(raw.get("values"), dict):
            log.warning("ignoring draft %s in an unknown format", path.name)
            return None
        known = {name for name in Draft.__dataclass_fields__}
        draft = Draft(**{key: value for key, value in raw.items() if key in known})
        return draft if draft.form_id == form_id else None

    def _files(self):
        """(path, form id, key or None for an older version's file, owner hex or None) of each draft file."""
        if not self.folder.is_dir():
            return
        for path in self.folder.glob("*.json"):
            match = _FILE.match(path.name)
            if match:
                yield path, match["form"], match["key"], match["clerk"]

    def _move_older_files(self) -> None:
        """A file of an older version (one per form) becomes a file of its own, so that a later
        draft of the same form cannot overwrite it; a file without an owner becomes the draft of
        the clerk it names, or of the first clerk to read it if it names none."""
        mine = self.clerk.encode("utf-8").hex() if self.clerk else None
        for path, form_id, key, owner in list(self._files()):
            if owner is not None and owner != mine:
                continue
            if key is not None and (owner is not None or mine is None):
                continue
            draft = self._read(path, form_id)
            if draft is None or not self._mine(draft):
                continue
            current = self._read(self.path_for(form_id, draft.key), form_id) if draft.record_id else None
            if current is None or current.saved_at < draft.saved_at:   # the newer change to a record wins
                self.save(draft, keep_time=True)
            path.unlink(missing_ok=True)

    def all(self) -> list[Draft]:
        """Every readable draft of this clerk (of every clerk for a store without one), newest first."""
        self._move_older_files()
        mine = self.clerk.encode("utf-8").hex() if self.clerk else None
        drafts = [self._read(path, form_id) for path, form_id, key, owner in self._files()
                  if key is not None and (mine is None or owner == mine)]
        return sorted((d for d in drafts if self._mine(d)), key=lambda d: d.saved_at, reverse=True)

    def discard(self, form_id: str, key: str) -> None:
        """Remove one unfinished record's draft (saved, or discarded by the clerk)."""
        self.path_for(form_id, key).unlink(missing_ok=True)
