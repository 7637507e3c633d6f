"""The other entry of a comparison read from a township's data bundle (`TD-….tdb`) instead of
its data folder: the second clerk keyed the register on another PC and brought the bundle on the
stick.

The bundle is read as `township import` reads it (desktop.core.sync.bundle.open_bundle_stream):
its signature is verified against the keys this site trusts (the enrolled keys and its own), and
its payload is decrypted with this site's age identities only, so a bundle signed by a key not
enrolled here, or addressed to another site, is refused before anything of it is read. The
records stream in chunks; only the current records of the form compared are kept. Nothing is
written to the store: no import attempt is logged, no position moves.

Only a bundle that carries every record of its township stands for a whole entry: one written
before any acknowledgement from the county (its `from_seq` is 0, as the first bundle of a PC is).
A later bundle carries only what changed since the county's last acknowledgement, so every record
not changed since would show as found on one side only: it is refused with that reason.
"""

from __future__ import annotations

import json
from pathlib import Path

from desktop.core.errors import UserError
from desktop.core.i18n import Text
from desktop.core.progress import Progress, ensure


class BundleRefused(UserError):
    """The bundle cannot stand for the other entry here (untrusted, not ours to read, partial): exit 2."""

    exit_code = 2


class BundleEntry:
    """The other entry as a data bundle, read when the comparison asks for a form's records
    (`records`); `township` and `sequence` are the bundle's once read."""

    def __init__(self, path: str | Path, db, paths):
        self.path, self.db, self.paths = Path(path), db, paths
        self.township: str | None = None
        self.sequence: int | None = None

    def records(self, form_id: str, progress: Progress | None = None) -> list[dict]:
        values, self.township, self.sequence = read_records(self.db, self.paths, self.path, form_id,
                                                            progress=progress)
        return values

    def close(self) -> None:
        pass   # the bundle file is open only while it is read


def _refused(path: Path, reason: Text) -> BundleRefused:
    # one line: what was refused and why (the bundle module's reason, in the clerk's language)
    return BundleRefused(Text("{name}: not compared: ", "{name}：未比对：").format(name=path.name) + reason,
                         code="bundle-refused")


def read_records(db, paths, path: str | Path, form_id: str, *,
                 progress: Progress | None = None) -> tuple[list[dict], str, int]:
    """(values of the current records of `form_id`, township, sequence) of the data bundle at
    `path`, verified and decrypted as import does (see the module docstring); a BundleRefused
    with the reason otherwise."""
    from desktop.core.sync import bundle, trust
    from desktop.core.sync.keys import keys_exist, load_keys

    progress = ensure(progress)
    path = Path(path)
    try:
        role, code = trust.own_code(db)
        if not keys_exist(paths.keys):   # never made here: reading a bundle is no reason to make keys
            raise UserError(Text("this site has no sync keys, so no bundle is addressed to it",
                                 "本机没有同步密钥，没有发给本机的同步包"), code="no-keys")
        keys = load_keys(paths.keys)
        with bundle.open_bundle_stream(path, trust.trusted_keys(db, keys, role, code), keys.all_age_identities(),
                                       bundle.KIND_DATA) as opened:
            manifest, header = opened.manifest, opened.payload
            if int(header.get("from_seq", 0) or 0) != 0:
                raise _refused(path, Text(
                    "bundle {sequence} holds only the changes since the county's last acknowledgement, not every "
                    "record: compare against the data folder of the other entry, or its first bundle",
                    "同步包 {sequence} 只含县里上次确认以来的改动，不是全部记录：请指定另一次录入的数据文件夹或其第一个同步包")
                    .format(sequence=manifest.sequence))
            values: list[dict] = []
            total = int(manifest.counts.get("records", 0) or 0)
            seen = 0
            progress(0, total, Text("reading the bundle", "读取同步包"))
            parts = opened.parts if opened.parts is not None else [("records", header.get("records", []))]
            for name, rows in parts:
                if name != "records":
                    continue
                for row in rows:
                    if row["form_id"] == form_id and not row["deleted"]:
                        data = row["data"]
                        values.append(json.loads(data) if isinstance(data, str) else data)
                seen += len(rows)
                progress(seen, total, None)
                progress.check()
            return values, manifest.township, manifest.sequence
    except BundleRefused:
        raise
    except UserError as error:
        raise _refused(path, error.text) from None
