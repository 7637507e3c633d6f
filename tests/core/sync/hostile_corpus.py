"""A corpus of hostile inputs for the county's `township import`, made from a real bundle: every
one must be refused (issue 13's acceptance: 600 and more, signed with the township's real key and
unsigned).

Kinds: truncations; a bit flipped in every part (local headers, each member, the central
directory, the end record); wrong, missing, extra, renamed, reordered and duplicated members;
signatures swapped in from other files; payloads of many malformed shapes re-signed with the
township's enrolled key (and the same signed with a key nobody enrolled); manifests re-signed
with wrong kinds, townships, counties, sequences, oversized counts and bad field types; files
that are no bundle at all."""

from __future__ import annotations

import copy
import gzip
import hashlib
import io
import json
import random
import zipfile

import pyrage
from pyrage import x25519

from desktop.core.store.records import BUNDLE_COLUMNS
from desktop.core.sync import bundle, container
from desktop.core.sync.outgoing import AUDIT_COLUMNS

MEMBERS = (bundle.MANIFEST, bundle.SIGNATURE, bundle.PAYLOAD)
HUGE = 2 ** 70
BAD_VALUES = ({}, [], HUGE, 1.5)          # wrong for every field of a payload


class Corpus:
    def __init__(self, real: bytes, payload: dict, keys, stranger, recipients: list[str], other_files: dict):
        self.real = real
        self.payload = payload
        self.keys = keys                  # the township's enrolled key
        self.stranger = stranger          # a key nobody enrolled
        self.recipients = [x25519.Recipient.from_str(r) for r in recipients]
        self.other_files = other_files    # name -> bytes of other real files (another bundle, a pack...)
        self.members = container.read_container(real, MEMBERS)
        self.manifest = json.loads(self.members[bundle.MANIFEST])
        self.cases: list[tuple[str, bytes]] = []

    def add(self, name: str, data: bytes) -> None:
        self.cases.append((f"{len(self.cases):04d}-{name}", data))

    # building blocks ------------------------------------------------------------------------
    def signed(self, payload, *, keys=None, changes: dict | None = None, counts=None, drop=()) -> bytes:
        encrypted = pyrage.encrypt(bundle._encode_payload(payload) if not isinstance(payload, bytes) else payload,
                                   self.recipients)
        keys = keys or self.keys
        manifest = copy.deepcopy(self.manifest)
        manifest.update(signer=keys.public().fingerprint,
                        members={bundle.PAYLOAD: {"sha256": hashlib.sha256(encrypted).hexdigest(),
                                                  "length": len(encrypted)}},
                        counts=counts if counts is not None else _counts(payload))
        manifest.update(changes or {})
        for name in drop:
            manifest.pop(name, None)
        manifest_bytes = (json.dumps(manifest, sort_keys=True, ensure_ascii=False, indent=2) + "\n").encode()
        signature = keys.sign(manifest_bytes).encode("ascii")
        return container.write_container([(bundle.MANIFEST, manifest_bytes), (bundle.SIGNATURE, signature),
                                          (bundle.PAYLOAD, encrypted)])

    def both(self, name: str, payload, **kwargs) -> None:
        """The same malformed content signed with the enrolled key and with a stranger's."""
        self.add(f"signed-{name}", self.signed(payload, **kwargs))
        self.add(f"unsigned-{name}", self.signed(payload, keys=self.stranger, **kwargs))

    # the kinds ------------------------------------------------------------------------------
    def truncations(self, count: int = 40) -> None:
        size = len(self.real)
        for cut in sorted({0, 1, 4, 22, size - 22, size - 1} | {size * i // count for i in range(1, count)}):
            self.add(f"truncated-{cut}", self.real[:cut])

    def bit_flips(self, count: int = 160, seed: int = 13) -> None:
        rng = random.Random(seed)
        size = len(self.real)
        # every region: the first and last bytes of each member and header, and random bytes between
        offsets = {0, 4, 8, 14, 26, 30, size - 22, size - 16, size - 12, size - 6, size - 1}
        start = 0
        for name in MEMBERS:
            at = self.real.index(self.members[name], start)
            offsets |= {at - 1, at, at + len(self.members[name]) // 2, at + len(self.members[name]) - 1}
            start = at + len(self.members[name])
        while len(offsets) < count:
            offsets.add(rng.randrange(size))
        for offset in sorted(offsets):
            data = bytearray(self.real)
            data[offset] ^= 1 << rng.randrange(8)
            self.add(f"bitflip-{offset}", bytes(data))

    def wrong_members(self) -> None:
        m = self.members
        real = [(name, m[name]) for name in MEMBERS]
        shapes = {
            "no-manifest": real[1:], "no-signature": [real[0], real[2]], "no-payload": real[:2],
            "extra-member": real + [("notes.txt", b"hello")], "duplicate-payload": real + [real[2]],
            "renamed-payload": real[:2] + [("payload.bin", m[bundle.PAYLOAD])],
            "path-member": real[:2] + [("../payload.age", m[bundle.PAYLOAD])],
            "swapped-manifest-signature": [(bundle.MANIFEST, m[bundle.SIGNATURE]), (bundle.SIGNATURE, m[bundle.MANIFEST]),
                                           real[2]],
            "empty-payload": real[:2] + [(bundle.PAYLOAD, b"")],
            "empty-manifest": [(bundle.MANIFEST, b"")] + real[1:],
            "empty-signature": [real[0], (bundle.SIGNATURE, b""), real[2]],
        }
        for order in ((1, 0, 2), (2, 1, 0), (0, 2, 1), (2, 0, 1), (1, 2, 0)):
            shapes[f"order-{''.join(map(str, order))}"] = [real[i] for i in order]
        for name, members in shapes.items():
            self.add(f"members-{name}", container.write_container(members))
        for method in (zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED):   # written by zipfile, not canonical
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", method) as archive:
                for name, data in real:
                    archive.writestr(name, data)
            self.add(f"members-zipfile-{method}", buffer.getvalue())

    def swapped_signatures(self) -> None:
        for name, data in self.other_files.items():
            try:
                other = container.read_container(data, MEMBERS)[bundle.SIGNATURE]
            except Exception:
                continue
            members = dict(self.members, **{bundle.SIGNATURE: other})
            self.add(f"signature-from-{name}", container.write_container([(n, members[n]) for n in MEMBERS]))
        stranger = self.stranger.sign(self.members[bundle.MANIFEST]).encode("ascii")
        members = dict(self.members, **{bundle.SIGNATURE: stranger})
        self.add("signature-by-stranger", container.write_container([(n, members[n]) for n in MEMBERS]))
        other_payload = self.signed(self.payload)    # a real payload of the same township, other bytes
        members = dict(self.members, **{bundle.PAYLOAD: container.read_container(other_payload, MEMBERS)[bundle.PAYLOAD]})
        self.add("payload-from-another-bundle", container.write_container([(n, members[n]) for n in MEMBERS]))

    def payloads(self) -> None:
        base = self.payload
        for field in sorted(base):
            bad = [v for v in BAD_VALUES if not (isinstance(base[field], list) and v == [])]
            for number, value in enumerate(bad):
                self.both(f"payload-{field}-{number}", {**base, field: value})
            if field not in ("received_items", "county_key"):   # optional (older bundles lack them): allowed
                self.both(f"payload-no-{field}", {k: v for k, v in base.items() if k != field})
        self.both("payload-unknown-field", {**base, "extra": 1})
        self.both("payload-other-township", {**base, "township": "131025101"})
        for number, whole in enumerate(([], "text", 7, None, [base], {"records": []})):
            self.both(f"payload-whole-{number}", whole)
        self.both("payload-not-json", b"\x1f\x8b not json at all")
        self.both("payload-gzip-of-garbage", gzip.compress(b"{\"records\": [1, 2"))
        deep = json.dumps({**base, "items": "DEEP"}).replace('"DEEP"', "[" * 5000 + "]" * 5000)
        self.both("payload-deep-nesting", gzip.compress(deep.encode()))
        record = base["records"][0]
        for field in (*BUNDLE_COLUMNS, "search_text"):
            for number, value in enumerate(BAD_VALUES):
                self.both(f"record-{field}-{number}", {**base, "records": [{**record, field: value}]})
            if field != "search_text":
                self.both(f"record-no-{field}", {**base, "records": [{k: v for k, v in record.items() if k != field}]})
        for number, value in enumerate(("record", 1, None, [record])):
            self.both(f"record-whole-{number}", {**base, "records": [value]})
        self.both("record-unknown-field", {**base, "records": [{**record, "extra": "x"}]})
        self.both("record-data-not-an-object", {**base, "records": [{**record, "data": "[1, 2]"}]})
        self.both("record-data-not-json", {**base, "records": [{**record, "data": "{nope"}]})
        row = base["audit"][0]
        for field in AUDIT_COLUMNS:
            for number, value in enumerate(BAD_VALUES):
                self.both(f"audit-{field}-{number}", {**base, "audit": [{**row, field: value}, *base["audit"][1:]]})
            self.both(f"audit-no-{field}", {**base, "audit": [{k: v for k, v in row.items() if k != field},
                                                             *base["audit"][1:]]})
        self.both("audit-hash-rewritten", {**base, "audit": [{**row, "hash": "0" * 64}, *base["audit"][1:]]})
        self.both("audit-row-missing", {**base, "audit": [base["audit"][0], *base["audit"][2:]]})
        self.both("audit-row-twice", {**base, "audit": [row, *base["audit"]]})
        item = {"id": "i1", "type": "crosscheck_answer", "origin": "131025100", "target": "131025",
                "created_at": "2026-11-26T10:00:00Z", "payload": {}}
        for field in sorted(item):
            for number, value in enumerate(v for v in BAD_VALUES if not (field == "payload" and v == {})):
                self.both(f"item-{field}-{number}", {**base, "items": [{**item, field: value}]})
        for number, value in enumerate((None, [], HUGE, {})):
            self.both(f"received-{number}", {**base, "received_items": [value]})

    def manifests(self) -> None:
        base = self.payload
        changes = {
            "kind-return": {"kind": bundle.KIND_RETURN}, "kind-unknown": {"kind": "township-dump"},
            "township-other": {"township": "131025101"}, "township-not-ours": {"township": "999999100"},
            "county-other": {"county": "131026"}, "county-number": {"county": 131025},
            "sequence-0": {"sequence": 0}, "sequence-negative": {"sequence": -1},
            "sequence-text": {"sequence": "1"}, "sequence-float": {"sequence": 1.0},
            "sequence-jump": {"sequence": bundle.MAX_SEQUENCE_JUMP + 5}, "sequence-huge": {"sequence": HUGE},
            "format-newer": {"format_version": 99}, "format-zero": {"format_version": 0},
            "format-name": {"format": "zip"}, "encoding": {"payload_encoding": "text/plain"},
            "previous-bad": {"previous_sha256": "xyz"}, "created-bad": {"created": 12},
            "created-null": {"created": None}, "signer-other": {"signer": "SHA256:" + "A" * 43},
            "form-versions-list": {"form_versions": ["registration"]}, "extra-field": {"extra": True},
            "members-extra": {"members": {bundle.PAYLOAD: {"sha256": "0" * 64, "length": 1}, "x": {}}},
            "counts-4000-digits": {"counts": {**_counts(base), "records": 10 ** 3999}},
            "counts-1e12": {"counts": {**_counts(base), "audit": 10 ** 12}},
            "counts-negative": {"counts": {**_counts(base), "records": -1}},
            "counts-wrong": {"counts": {**_counts(base), "records": len(base["records"]) + 1}},
            "counts-text": {"counts": {**_counts(base), "records": "2"}},
            "counts-unknown": {"counts": {**_counts(base), "bytes": 1}},
            "counts-list": {"counts": [1, 2]},
        }
        for name, change in changes.items():
            self.both(f"manifest-{name}", base, changes=change)
        for field in ("kind", "sequence", "signer", "members", "counts", "township"):
            self.both(f"manifest-no-{field}", base, drop=(field,))

    def not_bundles(self) -> None:
        rng = random.Random(5)
        self.add("empty", b"")
        for size in (1, 21, 22, 100, 4096, 70000):
            self.add(f"random-{size}", rng.randbytes(size))
        self.add("text", "这不是同步包 / not a bundle\n".encode())
        self.add("zip-end-only", b"PK\x05\x06" + b"\0" * 18)
        for name, data in self.other_files.items():
            if not name.startswith("bundle"):     # a real bundle of another township is no hostile input
                self.add(f"other-file-{name}", data)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("readme.txt", "hello")
        self.add("zip-of-something-else", buffer.getvalue())

    def build(self) -> list[tuple[str, bytes]]:
        self.truncations()
        self.bit_flips()
        self.wrong_members()
        self.swapped_signatures()
        self.payloads()
        self.manifests()
        self.not_bundles()
        return self.cases


def _counts(payload) -> dict:
    if not isinstance(payload, dict):
        return {"records": 0, "audit": 0, "items": 0}
    return {name: len(payload[name]) if isinstance(payload.get(name), list) else 0
            for name in ("records", "audit", "items")}
