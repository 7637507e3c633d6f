"""The forms' key fields kept across processes, so a command that needs only them loads no form.

The county import needs of each form only its unique fields and which fields play a role (the
person's ID above all); loading the form files for that (pyxform, openpyxl, the rules' parser)
costs every process about half a second. This module keeps what `desktop.core.forms.keys`
derives from every installed form in `DATA_DIR/cache/form_keys.json`, keyed by a fingerprint of
what it was derived from: the sha256 of every form file the registry reads (shipped, installed,
received from the county) and of the received code lists, the app's and pyxform's versions and
the loader's own modules. Any change, an unreadable or damaged file, or a file of another shape
means the forms are loaded as before and the file written again; nothing is ever trusted from it
beyond field names, and it is JSON, never pickle: the data folder (a USB copy, a restored backup)
must not become a way to run code.

The shipped forms' keys are shipped too (`resources/forms/form_keys.json`, written by
scripts/build_forms.py, keyed by the sha256 of the shipped form files and code lists): an
installation that reads no other form or code list - most counties - answers from it without a
file of its own, so its first import (a folder made by the setup wizard, or the first after an
update, whose new version makes the kept file stale) loads no form either. A test checks that the
shipped file is what the loader derives from the shipped forms today, so a changed form or loader
without a rebuilt file fails the tests rather than a county.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from pathlib import Path

log = logging.getLogger("township.forms")

FORMAT = 1                 # the file's shape; a reader of another number rebuilds it
FILE_NAME = "form_keys.json"
_VERSION_LINE = re.compile(rb"""^__version__\s*=\s*["']([^"']+)["']""", re.M)


def cache_file(paths) -> Path:
    return Path(paths.root) / "cache" / FILE_NAME


def _pyxform_version() -> str:
    """pyxform's version without importing it (its import alone is the 0.3 s this cache saves):
    the `__version__` line of its package file; a frozen build ships one pyxform with the app."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("pyxform")
        origin = spec.origin if spec is not None else None
        if origin and Path(origin).is_file():
            found = _VERSION_LINE.search(Path(origin).read_bytes()[:4096])
            if found:
                return found[1].decode("ascii", "replace")
    except (ImportError, OSError, ValueError):
        pass
    return "bundled"


def _loader_stamp() -> list:
    """The modules that decide a form's keys, by size and time where they are files (a source
    checkout changes them without a new app version); a frozen build has none and relies on
    the app's version."""
    from desktop.core import forms

    folder = Path(forms.__file__).parent
    stamp = []
    for path in sorted(folder.glob("*.py")):
        stat = path.stat()
        stamp.append([path.name, stat.st_size, stat.st_mtime_ns])
    return stamp


def _files_of(folder: Path, pattern: str) -> list:
    if not folder.is_dir():
        return []
    return [[str(path.relative_to(folder)), hashlib.sha256(path.read_bytes()).hexdigest()]
            for path in sorted(folder.glob(pattern)) if path.is_file()]


def _shipped_material() -> dict:
    """The shipped form files and code lists, by sha256: what the shipped forms' keys come from."""
    from desktop.core.paths import resource

    return {"format": FORMAT, "shipped": _files_of(Path(resource("forms")), "*.xlsx"),
            # a form reading a code list loads (or is refused) with the lists it finds
            "codelists": _files_of(Path(resource("codelists")), "*")}


def _digest(material: dict) -> str:
    return hashlib.sha256(json.dumps(material, sort_keys=True).encode()).hexdigest()


def _own_sources(paths) -> dict[str, tuple[Path, str]]:
    """What an installation's registry reads beyond the shipped files: (folder, pattern) by name."""
    root, config = Path(paths.root), Path(paths.config)
    return {"installed": (root / "forms", "*/*"), "received": (config / "forms", "*.xlsx"),
            "received_codelists": (config / "codelists", "*.csv")}


def fingerprint(paths) -> str:
    """What the keys of an installation's forms are derived from, as one sha256."""
    from desktop import __version__

    material = {**_shipped_material(), "app": __version__, "pyxform": _pyxform_version(), "loader": _loader_stamp(),
                **{name: _files_of(folder, pattern) for name, (folder, pattern) in _own_sources(paths).items()}}
    return _digest(material)


def shipped_file() -> Path:
    from desktop.core.paths import resource

    return Path(resource("forms")) / FILE_NAME


def shipped_fingerprint() -> str:
    return _digest(_shipped_material())


def _reads_shipped_only(paths) -> bool:
    """Whether the installation's registry reads the shipped forms and code lists alone: no form
    installed or received, no code list received."""
    return not any(path.is_file() for folder, pattern in _own_sources(paths).values()
                   if folder.is_dir() for path in folder.glob(pattern))


def read_shipped(paths) -> list[dict] | None:
    """The shipped forms' keys, for an installation that reads no other form or code list; None
    for any other, or when the shipped file is missing or not of the shipped forms here."""
    if not _reads_shipped_only(paths):
        return None
    return _read_document(shipped_file(), shipped_fingerprint())


def write_shipped(entries: list[dict]) -> Path:
    """Write the shipped forms' keys (scripts/build_forms.py, after the forms are rebuilt)."""
    target = shipped_file()
    target.write_text(_document(shipped_fingerprint(), entries) + "\n", encoding="utf-8")
    return target


def _names(value) -> bool:
    return isinstance(value, list) and all(isinstance(name, str) for name in value)


def _valid_entry(entry) -> bool:
    if not isinstance(entry, dict) or set(entry) != {"form_id", "version", "unique", "roles", "id_fields"}:
        return False
    if not isinstance(entry["form_id"], str) or not isinstance(entry["version"], str):
        return False
    if not _names(entry["unique"]) or not _names(entry["id_fields"]):
        return False
    held = entry["roles"]
    return isinstance(held, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in held.items())


def read(paths, expected: str) -> list[dict] | None:
    """The entries kept for the fingerprint `expected`, or None (missing, stale, damaged)."""
    return _read_document(cache_file(paths), expected)


def _read_document(path: Path, expected: str) -> list[dict] | None:
    try:
        document = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(document, dict) or document.get("format") != FORMAT or document.get("fingerprint") != expected:
        return None
    entries = document.get("forms")
    if not isinstance(entries, list) or not all(map(_valid_entry, entries)):
        return None
    return entries


def write(paths, fingerprint_: str, entries: list[dict]) -> None:
    """Keep the entries (temp file and rename: a reader sees the old file or the new, whole); a
    folder that cannot be written (read-only copy, full disk) only costs the next process a load."""
    target = cache_file(paths)
    document = _document(fingerprint_, entries)
    from desktop.core.store.atomic import replace_durably

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        replace_durably(target, document.encode("utf-8"))
    except OSError as error:   # another process writing it at the same moment too: it keeps its own
        log.info("form keys not kept (%s)", type(error).__name__)


def _document(fingerprint_: str, entries: list[dict]) -> str:
    return json.dumps({"format": FORMAT, "fingerprint": fingerprint_, "forms": entries},
                      ensure_ascii=False, sort_keys=True, indent=1)


def summarise(registry) -> list[dict]:
    """Each form and version the registry holds: its unique fields, its top-level role fields and
    every field holding a person's ID (in repeats too: what a listing masks)."""
    from desktop.core.forms import roles

    entries = []
    for form_id in registry.form_ids():
        for version in registry.versions(form_id):
            definition = registry.get(form_id, version)
            found = {role: field.name for role in roles.ROLES
                     if (field := definition.role_field(role)) is not None}
            entries.append({"form_id": form_id, "version": version,
                            "unique": list(definition.unique_fields), "roles": found,
                            "id_fields": sorted({f.name for f in definition.fields if f.role == roles.PERSON_ID})})
    return entries
