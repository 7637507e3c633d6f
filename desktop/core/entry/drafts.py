"""Unfinished records kept on disk as the clerk types, so a crash or a power cut loses at most the
field being typed.

One draft file per form and clerk in `DataDir.drafts` (`<form_id>.by-<clerk, hex of UTF-8>.json`;
`<form_id>.json` from before drafts had owners is read as the draft of the clerk it names, or of
whoever opens it first if it names none), rewritten on every field commit
(Enter, Tab, focus leaving a field) by writing a temporary file in the same folder, flushing,
fsyncing, renaming it over the old one and fsyncing the folder: a reader sees either the previous
draft or the new one, never half of one. A draft holds the values as entered (text that does not
parse yet is kept as typed), the record it edits (None for a new one) and the field the clerk was
in. An unfinished record belongs to the clerk who typed it: another clerk signing in on the same
PC is neither offered it nor can overwrite it. Drafts never go into the audit trail or a sync bundle; saving or discarding the record
removes the file.

In an encrypted installation (`key`, the store's data key) a draft file is AES-256-GCM under a
key derived from it (HKDF, "drafts"), bound to its form id: `MAGIC`, the nonce, the sealed JSON.
A plain draft left by an older version is still read, and written encrypted on its next save.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from desktop.core.clock import now_iso
from desktop.core.store.atomic import replace_durably

log = logging.getLogger("township.entry")
DRAFT_FORMAT = 1
_SAFE_NAME = re.compile(r"^[A-Za-z0-9_.-]+$")
MAGIC = b"TDDRAFT1"


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


class DraftStore:
    """The drafts of one installation (`folder` is `DataDir.drafts`)."""

    def __init__(self, folder: Path, clerk: str = "", *, key: bytes | None = None):
        self.folder = Path(folder)
        self.clerk = clerk
        self._key = _drafts_key(key) if key is not None else None

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

    def path_for(self, form_id: str) -> Path:
        if not _SAFE_NAME.match(form_id):
            raise ValueError(f"unsafe form id for a file name: {form_id!r}")
        if self.clerk:
            return self.folder / f"{form_id}.by-{self.clerk.encode('utf-8').hex()}.json"
        return self._unowned_path(form_id)

    def _unowned_path(self, form_id: str) -> Path:
        return self.folder / f"{form_id}.json"

    def _mine(self, draft: Draft | None) -> bool:
        return draft is not None and (not self.clerk or not draft.clerk or draft.clerk == self.clerk)

    def save(self, draft: Draft) -> Path:
        """Write the draft durably (temp + fsync + rename + fsync of the folder)."""
        draft.saved_at = now_iso()
        if self.clerk:
            draft.clerk = self.clerk
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.path_for(draft.form_id)
        data = json.dumps(asdict(draft), ensure_ascii=False, sort_keys=True).encode("utf-8")
        replace_durably(target, self._seal(draft.form_id, data), mode=0o600)
        return target

    def load(self, form_id: str) -> Draft | None:
        """This clerk's draft of a form, or None (a damaged file is logged and ignored, never fatal)."""
        draft = self._read(self.path_for(form_id), form_id)
        if draft is None and self.clerk:
            draft = self._read(self._unowned_path(form_id), form_id)
        return draft if self._mine(draft) else None

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
        return Draft(**{key: value for key, value in raw.items() if key in known})

    def all(self) -> list[Draft]:
        """Every readable draft of this clerk (of every clerk for a store without one), newest first."""
        if not self.folder.is_dir():
            return []
        # a file is FORM.json (no clerk) or FORM.by-HEX.json
        drafts = [self._read(path, path.stem.split(".by-")[0]) for path in self.folder.glob("*.json")
                  if _SAFE_NAME.match(path.stem)]
        return sorted((d for d in drafts if self._mine(d)), key=lambda d: d.saved_at, reverse=True)

    def discard(self, form_id: str) -> None:
        self.path_for(form_id).unlink(missing_ok=True)
        unowned = self._unowned_path(form_id)
        if self.clerk and self._mine(self._read(unowned, form_id)):
            unowned.unlink(missing_ok=True)
