"""The bundle format: one file, a signed manifest and an age-encrypted payload (docs/SYNC.md).

A bundle is a container (see `container`) of exactly three members, in this order:

    manifest.json   canonical JSON: kind, county, township, sequence, previous bundle's identity,
                    created time, form versions, counts, signer fingerprint, and the sha256 and
                    length of every other member
    manifest.sig    SSHSIG (Ed25519, namespace "township-desk-bundle@v1") of manifest.json
    payload.age     gzip'd JSON, encrypted with age to the county and to the township

A bundle's identity (what acknowledgements and the next bundle name) is the sha256 of its signed
manifest.json (format 2; format 1 used the file's sha256), so re-encoding the signature on the
stick never makes a second bundle.

Opening one checks, in this order and refusing at the first failure with a reason: the file's
size and container, read from the file handle (`open_bundle_file`, a few MiB whatever the file
holds); the signature, against enrolled keys (unknown or revoked keys refused); the manifest's
fields and that its signer may send this kind for this township; the payload's sha256 and length
(streamed); and only then reads the payload, decrypts it, gunzips it within a size limit and
checks it against its schema (`payload_schema`) and the manifest's counts - before any write. Writing goes through `write_bundle_file`: a temp file
in the target folder, fsync, rename, fsync the folder, read back and verify; the caller may say
"safe to remove" only after it returns.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import re
import stat
import tempfile
import zlib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

import pyrage
from pyrage import x25519

from desktop.core.errors import UserError
from desktop.core.i18n import Text
from desktop.core.store.atomic import environment_error, fsync_directory, remove_stale_parts, temp_path_for
from desktop.core.sync import container, payload_schema, sshsig, stream
from desktop.core.sync.keys import InstallKeys, PublicKeys, fingerprint

FORMAT = "township-desk-bundle"
FORMAT_VERSION = 4               # 2: identity = sha256 of the signed manifest; 3: positions (sync.positions);
#                                  4: the payload is gzip'd JSON lines, written and read in chunks (sync.stream)
OLDEST_FORMAT_VERSION = 1        # 1: identity was the file's sha256; read, with a canonical signature only
KIND_DATA = "township-data"      # township -> county: records and audit rows
KIND_RETURN = "county-return"    # county -> township: acknowledgements, updates, items
KIND_PROVINCE = "county-province"   # county -> province: the measures' figures, keyed person hashes
#                                     (province_bundle.py); its manifest's `township` is the county
KIND_PROVINCE_RETURN = "province-return"   # province hub -> county: cross-county items it routed
#                                            (desktop/hub/routing.py); signed by the hub's key, its
#                                            manifest's `county` and `township` the county it is for
KINDS = (KIND_DATA, KIND_RETURN, KIND_PROVINCE, KIND_PROVINCE_RETURN)
MANIFEST, SIGNATURE, PAYLOAD = "manifest.json", "manifest.sig", "payload.age"
MEMBERS = (MANIFEST, SIGNATURE, PAYLOAD)
PAYLOAD_ENCODING = "application/json+gzip"            # formats 1-3: one JSON object
STREAM_ENCODING = "application/jsonl+gzip"            # format 4 on: lines (desktop.core.sync.stream)


def payload_encoding(format_version: int) -> str:
    return STREAM_ENCODING if format_version >= 4 else PAYLOAD_ENCODING
EXTENSION = ".tdb"
MAX_MANIFEST_BYTES = 1 << 20            # manifest.json (and manifest.sig): read whole, so small
MAX_BUNDLE_BYTES = 2 << 30              # the whole file: 2 GiB, under FAT32's 4 GiB (a 50,000-record
#                                         bundle is 4.6 MB, so this is some 20 million records)
MAX_PAYLOAD_PLAIN_BYTES = 512 << 20     # formats 1-3, read whole: the gunzipped payload (50,000 records
#                                         are about 65 MB)
MAX_STREAM_PLAIN_BYTES = 32 << 30       # format 4, read in chunks: the gunzipped payload, at most (the
#                                         2 GiB file at 16-fold) and at most STREAM_RATIO times the
STREAM_RATIO = 64                       # encrypted payload, or STREAM_FLOOR_BYTES when that is more: real
STREAM_FLOOR_BYTES = 64 << 20           # JSON lines gzip 14-fold, so a bomb is refused as it inflates
INFLATE_IN_MEMORY_BYTES = 32 << 20      # above this and 16x its compressed size, a payload is first
INFLATE_IN_MEMORY_RATIO = 16            # inflated only to count it (a real one expands about 14-fold)
MAX_OLD_FORMAT_BYTES = 256 << 20        # formats 1-3 are read whole: at most the file size they allowed
MAX_SEQUENCE_JUMP = 100_000             # a sender writes one bundle per round: a larger jump is forged
LIMITS = container.Limits(max_total_bytes=MAX_BUNDLE_BYTES, max_member_bytes=MAX_BUNDLE_BYTES)
_CODE = re.compile(r"^[0-9]{6,12}$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_NAME = re.compile(r"^TD-([0-9]{6,12})-([RPS]?)([0-9]{6,9})\.tdb$")
_NAME_LETTER = {KIND_DATA: "", KIND_RETURN: "R", KIND_PROVINCE: "P", KIND_PROVINCE_RETURN: "S"}   # S: 省


class BundleError(UserError):
    """A bundle that cannot be trusted or read; `code` names the check that failed."""


def _refuse(code: str, en: str, zh: str) -> BundleError:
    return BundleError(Text(en, zh), code=code)


def bundle_file_name(kind: str, township: str, sequence: int) -> str:
    """`TD-131025100-000042.tdb` (data), `TD-131025100-R000007.tdb` (return) or
    `TD-131025-P000003.tdb` (a county's bundle to the province) or `TD-131025-S000002.tdb` (the
    province's to a county): FAT32-safe."""
    return f"TD-{township}-{_NAME_LETTER[kind]}{sequence:06d}{EXTENSION}"


def parse_bundle_file_name(name: str) -> tuple[str, str, int] | None:
    """(kind, township, sequence) from a bundle file name, or None if it is not one."""
    match = _NAME.match(name)
    if not match:
        return None
    kind = {letter: kind for kind, letter in _NAME_LETTER.items()}[match.group(2)]
    return (kind, match.group(1), int(match.group(3)))


@dataclass(frozen=True)
class TrustedKey:
    """An enrolled signer: whose key it is, in which role, and whether it was revoked."""

    public: PublicKeys
    owner: str                 # township or county code
    role: str                  # "township", "county" or "province" (the province hub's key)
    revoked: bool = False

    @property
    def fingerprint(self) -> str:
        return self.public.fingerprint


def trust_index(keys: Iterable[TrustedKey] | Mapping[str, TrustedKey]) -> dict[str, TrustedKey]:
    if isinstance(keys, Mapping):
        return dict(keys)
    return {key.fingerprint: key for key in keys}


@dataclass(frozen=True)
class Manifest:
    kind: str
    county: str
    township: str
    sequence: int
    previous_sha256: str | None
    created: str
    signer: str
    members: dict = field(default_factory=dict)
    form_versions: dict = field(default_factory=dict)
    counts: dict = field(default_factory=dict)
    format_version: int = FORMAT_VERSION

    def as_dict(self) -> dict:
        return {"format": FORMAT, "format_version": self.format_version, "kind": self.kind,
                "county": self.county, "township": self.township, "sequence": self.sequence,
                "previous_sha256": self.previous_sha256, "created": self.created, "signer": self.signer,
                "payload_encoding": payload_encoding(self.format_version), "members": self.members,
                "form_versions": self.form_versions, "counts": self.counts}

    def to_bytes(self) -> bytes:
        return (json.dumps(self.as_dict(), sort_keys=True, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


@dataclass(frozen=True)
class VerifiedBundle:
    """A bundle whose signature, signer and member hashes checked out; payload still encrypted."""

    manifest: Manifest
    signer: TrustedKey
    sha256: str            # the bundle's identity (`identity`): what the next bundle names as previous
    encrypted_payload: bytes | None   # None when verified from a file: `open_bundle_file` reads it
    payload_member: container.Member | None = None


@dataclass(frozen=True)
class OpenedBundle:
    manifest: Manifest
    signer: TrustedKey
    sha256: str
    payload: dict          # with `parts`: the header only (the streamed lists follow in `parts`)
    parts: Iterator | None = None   # from `open_bundle_stream`: (list name, rows) per checked chunk


def _strict_json(data: bytes, what: Text) -> object:
    def no_duplicates(pairs):
        keys = [key for key, _ in pairs]
        if len(keys) != len(set(keys)):
            raise ValueError("duplicate key")
        return dict(pairs)

    def no_constants(name):
        raise ValueError(f"bad constant {name}")

    try:
        return json.loads(data.decode("utf-8"), object_pairs_hook=no_duplicates, parse_constant=no_constants)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BundleError(Text(f"the {what.en} is not valid JSON", f"{what.zh}不是有效的 JSON"),
                          code="bad-json") from None


def _parse_manifest(data: bytes) -> Manifest:
    if len(data) > MAX_MANIFEST_BYTES:
        raise _refuse("bad-manifest", "the manifest is too large", "清单过大")
    raw = _strict_json(data, Text("manifest", "清单"))

    def bad(detail: str) -> BundleError:
        return _refuse("bad-manifest", f"the manifest is malformed ({detail})", f"清单格式错误（{detail}）")

    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise bad("not a Township Desk bundle manifest")
    version = raw.get("format_version")
    if type(version) is not int:
        raise bad("format_version")
    if version > FORMAT_VERSION:
        raise _refuse("newer-format", f"the bundle was made by a newer version of Township Desk (format {version}); "
                      "update this program first", f"同步包由更新版本的软件生成（格式 {version}），请先升级本软件")
    if version < OLDEST_FORMAT_VERSION:
        raise _refuse("older-format", f"the bundle was made by an old version of Township Desk (format {version}) "
                      "that this program no longer reads; update the sender's program and export again",
                      f"同步包由本软件不再支持的旧版本生成（格式 {version}）；请升级发送方的软件后重新导出")
    expected = set(Manifest.__dataclass_fields__) | {"format", "payload_encoding"}
    if set(raw) != expected:
        raise bad("unexpected or missing fields")
    if raw["kind"] not in KINDS:
        raise bad("kind")
    for name in ("county", "township"):
        if not isinstance(raw[name], str) or not _CODE.match(raw[name]):
            raise bad(name)
    if raw["kind"] in (KIND_PROVINCE, KIND_PROVINCE_RETURN) and raw["township"] != raw["county"]:
        raise bad("township")   # a county's bundle and the province's name the county in both fields
    if type(raw["sequence"]) is not int or not 1 <= raw["sequence"] < 10**9:
        raise bad("sequence")
    previous = raw["previous_sha256"]
    if previous is not None and (not isinstance(previous, str) or not _HEX64.match(previous)):
        raise bad("previous_sha256")
    if not isinstance(raw["created"], str) or not isinstance(raw["signer"], str):
        raise bad("created/signer")
    if raw["payload_encoding"] != payload_encoding(version):
        raise bad("payload_encoding")
    members = raw["members"]
    if not isinstance(members, dict) or set(members) != {PAYLOAD}:
        raise bad("members")
    for entry in members.values():
        if not isinstance(entry, dict) or set(entry) != {"sha256", "length"} \
                or not isinstance(entry["sha256"], str) or not _HEX64.match(entry["sha256"]) \
                or type(entry["length"]) is not int or entry["length"] < 0:
            raise bad("member entry")
    for name in ("form_versions", "counts"):
        if not isinstance(raw[name], dict) or not all(isinstance(k, str) for k in raw[name]):
            raise bad(name)
    if not all(type(v) is int and 0 <= v < 10**12 for v in raw["counts"].values()):
        raise bad("counts")
    if not all(isinstance(v, str | int) for v in raw["form_versions"].values()):
        raise bad("form_versions")
    return Manifest(**{name: raw[name] for name in Manifest.__dataclass_fields__})


def _encode_payload(payload: dict, kind: str | None = None) -> bytes:
    """The gzip'd plaintext of `payload` as format 4 writes it (`stream.lines`); `kind` defaults
    to a return bundle's when the payload has an "ack" or "updates", else a data bundle's."""
    if not isinstance(payload, dict):   # not a payload at all (tests of hostile files): as one line
        return b"".join(stream.gzipped([stream._dumps(payload) + b"\n"]))
    kind = kind or (KIND_RETURN if "ack" in payload or "updates" in payload else KIND_DATA)
    streamed = stream.STREAMED[kind]
    header = {name: value for name, value in payload.items() if name not in streamed}
    lists = {name: payload[name] for name in streamed if name in payload}
    return b"".join(stream.gzipped(stream.lines(kind, header, lists)))


def _encode_payload_v3(payload: dict) -> bytes:
    """The gzip'd plaintext of a format 1-3 payload: one JSON object (for tests of older bundles)."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0)


def _inflate(data: bytes, keep_limit: int) -> bytes | None:
    """Gunzip `data` in 1 MiB steps: the plaintext, or None when it is longer than `keep_limit`
    (then it was inflated to the end without being kept, so it is known to fit the size limit).
    Refuses anything longer than MAX_PAYLOAD_PLAIN_BYTES, or damaged."""
    def damaged() -> BundleError:
        return _refuse("bad-payload", "the decrypted payload is damaged", "解密后的数据已损坏")

    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    parts, total, pending = [], 0, data
    try:
        while True:
            chunk = inflater.decompress(pending, 1 << 20)
            pending = inflater.unconsumed_tail
            total += len(chunk)
            if total > MAX_PAYLOAD_PLAIN_BYTES:
                raise _refuse("too-large", f"the payload expands beyond the size limit ({MAX_PAYLOAD_PLAIN_BYTES} "
                              "bytes); refused", f"数据解压后超过大小上限（{MAX_PAYLOAD_PLAIN_BYTES} 字节），已拒绝")
            if parts is not None:
                parts.append(chunk)
                if total > keep_limit:
                    parts = None  # go on counting only
            if inflater.eof or (not chunk and not pending):
                break
    except zlib.error:
        raise damaged() from None
    if not inflater.eof or inflater.unused_data:
        raise damaged()
    return b"".join(parts) if parts is not None else None


def _decode_payload(data: bytes) -> dict:
    def damaged() -> BundleError:
        return _refuse("bad-payload", "the decrypted payload is damaged", "解密后的数据已损坏")

    # One pass keeps what a real bundle expands to (JSON gzips about 14-fold: at most 32 MiB, or
    # 16 times the compressed size); beyond that the pass only counts, and a second pass keeps the
    # plaintext once it is known to fit. So a gzip bomb is refused holding at most that much.
    plain = _inflate(data, max(INFLATE_IN_MEMORY_BYTES, INFLATE_IN_MEMORY_RATIO * len(data)))
    if plain is None:
        plain = _inflate(data, MAX_PAYLOAD_PLAIN_BYTES)
    try:  # signed by an enrolled sender and size-limited: plain json is enough here, and 3x faster
        payload = json.loads(plain.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise damaged() from None
    if not isinstance(payload, dict):
        raise damaged()
    return payload


def _check_payload(manifest: Manifest, payload: dict) -> None:
    try:
        payload_schema.check_payload(manifest.kind, payload, township=manifest.township, counts=manifest.counts,
                                     format_version=manifest.format_version)
    except payload_schema.PayloadError as error:
        raise BundleError(error.text, code=error.code) from None


def build_bundle(*, keys: InstallKeys, kind: str, county: str, township: str, sequence: int,
                 previous_sha256: str | None, payload: dict, recipients: Iterable[str],
                 form_versions: Mapping | None = None, counts: Mapping | None = None,
                 created: datetime | None = None) -> bytes:
    """The bytes of a signed bundle; `recipients` are the age recipients who may read it."""
    encrypted = pyrage.encrypt(_encode_payload(payload), _recipients(recipients))
    manifest_bytes, signature = _signed_manifest(
        keys, kind=kind, county=county, township=township, sequence=sequence, previous_sha256=previous_sha256,
        sha256=hashlib.sha256(encrypted).hexdigest(), length=len(encrypted), form_versions=form_versions,
        counts=counts, created=created)
    return container.write_container([(MANIFEST, manifest_bytes), (SIGNATURE, signature), (PAYLOAD, encrypted)])


def _recipients(recipients: Iterable[str]) -> list:
    recipient_list = [x25519.Recipient.from_str(r) for r in dict.fromkeys(recipients)]
    if not recipient_list:
        raise ValueError("a bundle needs at least one recipient")
    return recipient_list


def _signed_manifest(keys: InstallKeys, *, kind, county, township, sequence, previous_sha256, sha256: str,
                     length: int, form_versions, counts, created) -> tuple[bytes, bytes]:
    manifest = Manifest(
        kind=kind, county=county, township=township, sequence=sequence, previous_sha256=previous_sha256,
        created=(created or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        signer=keys.public().fingerprint, members={PAYLOAD: {"sha256": sha256, "length": length}},
        form_versions=dict(form_versions or {}), counts=dict(counts or {}),
    )
    manifest_bytes = manifest.to_bytes()
    _parse_manifest(manifest_bytes)  # what we write must be what we accept
    return manifest_bytes, keys.sign(manifest_bytes).encode("ascii")


class EncryptedPayload:
    """A payload encrypted as a stream into an anonymous temporary file (`encrypt_payload`), to be
    copied into a bundle by `write_streamed_bundle`; close it (or use `with`) when done."""

    def __init__(self, kind: str, handle: BinaryIO, sha256: str, length: int, crc: int):
        self.kind, self.handle, self.sha256, self.length, self.crc = kind, handle, sha256, length, crc

    def close(self) -> None:
        self.handle.close()

    def __enter__(self) -> EncryptedPayload:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def encrypt_payload(kind: str, header: dict, lists: Mapping[str, Iterable[dict]],
                    recipients: Iterable[str]) -> EncryptedPayload:
    """Encrypt a format 4 payload - `header` and the streamed lists of `kind` (`stream.STREAMED`,
    any iterables, e.g. rows read from a cursor) - in chunks: memory stays at a few MiB whatever
    the lists hold. The lists are consumed once, in order."""
    handle = tempfile.TemporaryFile()
    try:
        writer = stream.encrypt_to(handle, stream.gzipped(stream.lines(kind, header, lists)),
                                   _recipients(recipients))
        handle.flush()
    except BaseException:
        handle.close()
        raise
    return EncryptedPayload(kind, handle, writer.digest.hexdigest(), writer.length, writer.crc)


def write_streamed_bundle(folder: str | os.PathLike, encrypted: EncryptedPayload,
                          trusted: Iterable[TrustedKey] | Mapping[str, TrustedKey], *, keys: InstallKeys,
                          county: str, township: str, sequence: int, previous_sha256: str | None,
                          form_versions: Mapping | None = None, counts: Mapping | None = None,
                          created: datetime | None = None) -> tuple[Path, VerifiedBundle]:
    """Sign a manifest for `encrypted` and write the bundle into `folder` as `write_bundle_file`
    does - temp file, fsync, rename, fsync the folder - copying the payload in chunks; then read
    it back from the drive and verify it once, streamed. Returns the path and what verified."""
    manifest_bytes, signature = _signed_manifest(
        keys, kind=encrypted.kind, county=county, township=township, sequence=sequence,
        previous_sha256=previous_sha256, sha256=encrypted.sha256, length=encrypted.length,
        form_versions=form_versions, counts=counts, created=created)
    members = [(MANIFEST, manifest_bytes), (SIGNATURE, signature),
               (PAYLOAD, container.FileMember(encrypted.handle, encrypted.length, encrypted.crc))]
    target = _target(folder, encrypted.kind, township, sequence)
    try:
        replace_durably_with(target, lambda out: container.write_container_to(out, members), mode=0o644)
    except OSError as error:
        raise environment_error(error, target) from None
    return target, _verify_written(target, trusted, manifest_bytes, signature)


def replace_durably_with(path: Path, write, *, mode: int) -> None:
    """`atomic.replace_durably`, with the content written by `write(handle)` in pieces."""
    temp = temp_path_for(path)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    fsync_directory(path.parent)


def _target(folder, kind: str, township: str, sequence: int) -> Path:
    folder = Path(folder)
    if not folder.is_dir():
        raise _refuse("missing-folder", f"the folder {folder} does not exist (is the stick plugged in?)",
                      f"文件夹 {folder} 不存在（U 盘是否已插入？）")
    name = bundle_file_name(kind, township, sequence)
    remove_stale_parts(folder, name)
    return folder / name


def _verify_written(target: Path, trusted, manifest_bytes: bytes, signature: bytes) -> VerifiedBundle:
    """Read a just-written bundle back - asking the OS to drop its cached pages first, so the bytes
    come from the drive where it can (Linux) - and verify it once, streamed: the container is
    canonical, the payload's sha256 is the signed manifest's, and manifest and signature are the
    ones written; together that is every byte of the file."""
    try:
        with open(target, "rb") as handle:
            if hasattr(os, "posix_fadvise"):
                try:
                    os.posix_fadvise(handle.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
                except OSError:
                    pass
            verified, written_manifest, written_signature = _verify(handle, os.fstat(handle.fileno()).st_size,
                                                                    trusted, None, with_members=True)
    except OSError as error:
        raise environment_error(error, target) from None
    except UserError as error:
        raise _refuse("read-back-failed", f"{target} does not read back as the bundle written ({error.text.en}): "
                      "the drive may be failing; do not use this copy",
                      f"{target} 读回后不是写入的同步包（{error.text.zh}）：磁盘可能有故障，请勿使用此文件") from None
    if written_manifest != manifest_bytes or written_signature != signature:
        raise _refuse("read-back-failed", f"{target} reads back different from what was written: the drive "
                      "may be failing; do not use this copy", f"{target} 读回的内容与写入的不同：磁盘可能有故障，请勿使用此文件")
    return verified


def identity(manifest_bytes: bytes) -> str:
    """A bundle's identity: the sha256 of its signed manifest.json (format 2 on). The manifest
    names the payload's sha256 and the container is canonical, so this covers every byte of the
    bundle except the signature's encoding - which therefore can never make a second bundle."""
    return hashlib.sha256(manifest_bytes).hexdigest()


def identity_of(data: bytes) -> str:
    """The identity of the (format 2+) bundle `data`, which this program wrote and checked."""
    return identity(container.read_container(data, MEMBERS, LIMITS)[MANIFEST])


def peek_identity(path: str | os.PathLike) -> str | None:
    """The identity a format 2+ bundle file claims (its manifest's sha256), read without checking
    the signature - for choosing which files on a stick to import, never for trusting one; None for
    a file that is not such a bundle."""
    try:
        size = os.path.getsize(path)
        if size > MAX_BUNDLE_BYTES:
            return None
        with open(path, "rb") as handle:
            opened = container.read_container_file(handle, size, MEMBERS, LIMITS, streamed=(PAYLOAD,),
                                                   small_bytes=MAX_MANIFEST_BYTES)
        manifest_bytes = opened.small[MANIFEST]
        version = json.loads(manifest_bytes).get("format_version")
    except (OSError, UserError, ValueError, AttributeError, KeyError):
        return None
    return identity(manifest_bytes) if type(version) is int and version >= 2 else None


def _file_sha256(handle: BinaryIO) -> str:
    handle.seek(0)
    digest = hashlib.sha256()
    while chunk := handle.read(1 << 20):
        digest.update(chunk)
    return digest.hexdigest()


def _verify(handle: BinaryIO, size: int, trusted, expect_kind: str | tuple | None, *, with_members: bool = False):
    opened = container.read_container_file(handle, size, MEMBERS, LIMITS, streamed=(PAYLOAD,),
                                           small_bytes=MAX_MANIFEST_BYTES)
    manifest_bytes, signature = opened.small[MANIFEST], opened.small[SIGNATURE]
    signed_by = sshsig.verify(signature, manifest_bytes, sshsig.BUNDLE_NAMESPACE)
    signer_fingerprint = fingerprint(signed_by)
    signer = trust_index(trusted).get(signer_fingerprint)
    if signer is None:
        raise _refuse("unknown-signer", f"the bundle is signed by a key that is not enrolled here "
                      f"({signer_fingerprint}); refused", f"同步包的签名密钥未在本机登记（{signer_fingerprint}），已拒绝")
    if signer.revoked:
        raise _refuse("revoked-signer", f"the bundle is signed by a revoked key of {signer.owner} "
                      f"({signer_fingerprint}); refused", f"同步包由 {signer.owner} 已吊销的密钥签名（{signer_fingerprint}），已拒绝")
    manifest = _parse_manifest(manifest_bytes)
    if manifest.signer != signer_fingerprint:
        raise _refuse("bad-manifest", "the manifest names a different signer than the signature",
                      "清单中的签名者与签名不符")
    # a county reads township data bundles and the province's bundles: a tuple of kinds, the
    # first the one a refusal names
    kinds = (expect_kind,) if isinstance(expect_kind, str) else expect_kind
    if kinds is not None and manifest.kind not in kinds:
        expect_kind = kinds[0]
        wanted = {KIND_DATA: ("a township data bundle", "乡镇数据包"), KIND_RETURN: ("a county return bundle", "县回执包"),
                  KIND_PROVINCE: ("a county bundle for the province", "县报省数据包"),
                  KIND_PROVINCE_RETURN: ("a bundle from the province", "省级下发包")}
        raise _refuse("wrong-kind", f"this is not {wanted[expect_kind][0]}; refused",
                      f"这不是{wanted[expect_kind][1]}，已拒绝")
    required_role, required_owner = {KIND_DATA: ("township", manifest.township),
                                     KIND_PROVINCE_RETURN: ("province", manifest.county[:2])}.get(
        manifest.kind, ("county", manifest.county))
    if signer.role != required_role or signer.owner != required_owner:
        raise _refuse("wrong-signer", f"the bundle claims to come from {required_owner} but is signed by "
                      f"{signer.owner}'s key; refused", f"同步包自称来自 {required_owner}，却由 {signer.owner} 的密钥签名，已拒绝")
    payload = opened.streamed[PAYLOAD]
    entry = manifest.members[PAYLOAD]
    if payload.length != entry["length"] or payload.sha256 != entry["sha256"]:
        raise _refuse("hash-mismatch", f"{PAYLOAD} does not match the signed manifest (length or sha256): "
                      "the bundle was altered or mixed with another; refused",
                      f"{PAYLOAD} 与已签名的清单不符（长度或 sha256）：同步包被改动或与其他包混杂，已拒绝")
    if manifest.format_version >= 2:
        bundle_id = identity(manifest_bytes)
    else:
        # Format 1 named bundles by the file's sha256, so there the signature's encoding must be
        # the one Township Desk writes: a re-wrapped signature would otherwise be a second bundle.
        if sshsig.canonical_armor(signature) != signature:
            raise _refuse("signature-not-canonical", "the signature of this format 1 bundle was re-encoded after "
                          "signing (format 1 accepts only the encoding Township Desk writes); refused",
                          "此格式 1 同步包的签名在签名后被重新编码（格式 1 只接受本软件写出的编码），已拒绝")
        bundle_id = _file_sha256(handle)
    verified = VerifiedBundle(manifest, signer, bundle_id, None, payload)
    return (verified, manifest_bytes, signature) if with_members else verified


def verify_bundle(data: bytes, trusted: Iterable[TrustedKey] | Mapping[str, TrustedKey],
                  expect_kind: str | None = None) -> VerifiedBundle:
    """Check everything that can be checked without decrypting; refuse with a reason otherwise."""
    verified = _verify(io.BytesIO(data), len(data), trusted, expect_kind)
    member = verified.payload_member
    return replace(verified, encrypted_payload=data[member.offset:member.offset + member.length])


def _not_for_us() -> BundleError:
    return _refuse("not-for-us", "the bundle was not encrypted for this install (or its payload is damaged)",
                   "同步包不是加密给本机的（或其数据已损坏）")


def _decrypt(verified: VerifiedBundle, identities: Iterable) -> OpenedBundle:
    """Formats 1-3: the payload read whole (`verified.encrypted_payload`)."""
    try:
        plain = pyrage.decrypt(verified.encrypted_payload, list(identities))
    except pyrage.DecryptError:
        raise _not_for_us() from None
    payload = _decode_payload(plain)
    _check_payload(verified.manifest, payload)
    return OpenedBundle(verified.manifest, verified.signer, verified.sha256, payload)


def stream_limit(encrypted_length: int) -> int:
    """How far a format 4 payload of `encrypted_length` bytes may expand (see STREAM_RATIO)."""
    return min(MAX_STREAM_PLAIN_BYTES, max(STREAM_FLOOR_BYTES, STREAM_RATIO * encrypted_length))


def iter_payload(handle: BinaryIO, verified: VerifiedBundle, identities: Iterable):
    """Format 4: the payload of a verified bundle read from `handle`, in parts: ("header", dict)
    first - checked against its schema and the manifest - then (list name, rows) per chunk, each
    checked against its list's schema before it is yielded; after the last, the manifest's counts
    of the streamed lists are checked. A refusal (BundleError) can come at any part, so a caller
    writing as it reads does so in one transaction it rolls back on a refusal. The encrypted bytes
    are decrypted to an anonymous temporary file first, and must hash to what the container check
    found (the file may not change in between); memory stays at a few chunks."""
    manifest, member = verified.manifest, verified.payload_member
    streamed = stream.STREAMED[manifest.kind]
    limit = stream_limit(member.length)

    def too_large() -> BundleError:
        return _refuse("too-large", f"the payload expands beyond the size limit ({limit} bytes); refused",
                       f"数据解压后超过大小上限（{limit} 字节），已拒绝")

    try:
        plain, digest = stream.decrypt_to_temp(handle, member.offset, member.length, list(identities), _not_for_us)
    except OSError as error:
        raise _refuse("damaged", f"the bundle could not be read to its end ({error}); refused",
                      "同步包无法读到末尾，已拒绝") from None
    with plain:
        if digest != member.sha256:
            raise _refuse("hash-mismatch", "the bundle changed while it was read; refused", "同步包在读取时被改动，已拒绝")
        held = dict.fromkeys(streamed, 0)
        seen = set()
        try:
            for name, value in stream.parse_lines(manifest.kind, stream.plain_lines(
                    plain, limit, too_large)):
                if name == "header":
                    payload_schema.check_header(manifest.kind, value, streamed=streamed, township=manifest.township,
                                                counts=manifest.counts, format_version=manifest.format_version)
                else:
                    if not isinstance(value, list):
                        payload_schema.SCHEMAS[manifest.kind].fields[name].check(value, name)
                    if name not in seen and name in stream.OPTIONAL_STREAMED.get(manifest.kind, ()) \
                            and name not in manifest.counts:   # how many is what a reader plans by (a rejoin's)
                        raise payload_schema.PayloadError(f"manifest.counts.{name}", "missing", "缺失")
                    payload_schema.check_chunk(manifest.kind, name, value, held[name])
                    held[name] += len(value)
                    seen.add(name)
                yield name, value
            for name in streamed:
                if name not in seen and name not in stream.OPTIONAL_STREAMED.get(manifest.kind, ()):
                    raise payload_schema.PayloadError(name, "missing", "缺失")
            payload_schema.check_streamed_counts(manifest.counts, held)
        except payload_schema.PayloadError as error:
            raise BundleError(error.text, code=error.code) from None
        except stream.StreamError as error:
            raise BundleError(error.text, code=error.code) from None


def _read_streamed(handle: BinaryIO, verified: VerifiedBundle, identities: Iterable) -> OpenedBundle:
    """Format 4, gathered into one payload dict (what the importers apply today)."""
    payload: dict = {}
    for name, value in iter_payload(handle, verified, identities):
        if name == "header":
            payload.update(value)
            payload.update({list_name: [] for list_name in stream.STREAMED[verified.manifest.kind]})
        else:
            payload[name].extend(value)
    return OpenedBundle(verified.manifest, verified.signer, verified.sha256, payload)


def open_bundle(data: bytes, trusted: Iterable[TrustedKey] | Mapping[str, TrustedKey],
                identities: Iterable, expect_kind: str | None = None) -> OpenedBundle:
    """Verify, then decrypt with this install's age identities, decode the payload and check it
    against its schema (`payload_schema`): a malformed payload is refused here, before any write."""
    verified = verify_bundle(data, trusted, expect_kind)
    if verified.manifest.format_version >= 4:
        return _read_streamed(io.BytesIO(data), verified, identities)
    return _decrypt(verified, identities)


def _refuse_io(path: Path, error: OSError) -> UserError:
    if isinstance(error, FileNotFoundError):
        return _refuse("missing-file", f"{path} does not exist", f"{path} 不存在")
    if isinstance(error, IsADirectoryError):
        return _refuse("missing-file", f"{path} is a folder, not a bundle", f"{path} 是文件夹，不是同步包")
    return UserError(Text(f"could not read {path}: {error.strerror}", f"无法读取 {path}：{error.strerror}"),
                     code="read-failed")


class _BundleFile:
    """A regular file opened for reading, without blocking on a FIFO or device named like a bundle."""

    def __init__(self, path: str | os.PathLike, limit: int):
        self.path = Path(path)
        self.limit = limit

    def __enter__(self) -> tuple[BinaryIO, int]:
        try:
            fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        except OSError as error:
            raise _refuse_io(self.path, error) from None
        try:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError(21, "Is a directory")
            if not stat.S_ISREG(info.st_mode):
                raise _refuse("not-a-file", f"{self.path.name} is not a regular file (a pipe or device?); refused",
                              f"{self.path.name} 不是普通文件（管道或设备？），已拒绝")
            if info.st_size > self.limit:
                raise _refuse("too-large", f"{self.path.name} is too large to be a bundle ({info.st_size} bytes, "
                              f"at most {self.limit}); refused",
                              f"{self.path.name} 过大，不是同步包（{info.st_size} 字节，上限 {self.limit}），已拒绝")
            self.handle = os.fdopen(fd, "rb")
        except OSError as error:
            os.close(fd)
            raise _refuse_io(self.path, error) from None
        except BaseException:
            os.close(fd)
            raise
        return self.handle, info.st_size

    def __exit__(self, *exc) -> None:
        self.handle.close()


def verify_bundle_file(path: str | os.PathLike, trusted: Iterable[TrustedKey] | Mapping[str, TrustedKey],
                       expect_kind: str | None = None) -> VerifiedBundle:
    """`verify_bundle` of a file, streamed: a few MiB of memory whatever the file holds."""
    with _BundleFile(path, MAX_BUNDLE_BYTES) as (handle, size):
        try:
            return _verify(handle, size, trusted, expect_kind)
        except OSError as error:
            raise _refuse_io(Path(path), error) from None


def open_bundle_file(path: str | os.PathLike, trusted: Iterable[TrustedKey] | Mapping[str, TrustedKey],
                     identities: Iterable, expect_kind: str | None = None) -> OpenedBundle:
    """`open_bundle` of a file: streamed verification; a format 4 payload is then decrypted and
    read in chunks (`iter_payload`), an older one - whose sha256 matched the signed manifest - is
    read into memory (and hashed again, in case the file changed meanwhile)."""
    with _BundleFile(path, MAX_BUNDLE_BYTES) as (handle, size):
        try:
            verified = _verify(handle, size, trusted, expect_kind)
            if verified.manifest.format_version >= 4:
                return _read_streamed(handle, verified, identities)
            member = verified.payload_member
            if member.length > MAX_OLD_FORMAT_BYTES:
                raise _refuse("too-large", f"{Path(path).name} is a format {verified.manifest.format_version} "
                              f"bundle larger than that format allows ({MAX_OLD_FORMAT_BYTES} bytes); refused",
                              f"{Path(path).name} 是格式 {verified.manifest.format_version} 的同步包，超过该格式的上限"
                              f"（{MAX_OLD_FORMAT_BYTES} 字节），已拒绝")
            handle.seek(member.offset)
            encrypted = handle.read(member.length)
        except OSError as error:
            raise _refuse_io(Path(path), error) from None
    if hashlib.sha256(encrypted).hexdigest() != member.sha256:
        raise _refuse("hash-mismatch", f"{Path(path).name} changed while it was read; refused",
                      f"{Path(path).name} 在读取时被改动，已拒绝")
    return _decrypt(replace(verified, encrypted_payload=encrypted), identities)


@contextmanager
def open_bundle_stream(path: str | os.PathLike, trusted: Iterable[TrustedKey] | Mapping[str, TrustedKey],
                       identities: Iterable, expect_kind: str | None = None):
    """`open_bundle_file` for applying a bundle of any size: yields an OpenedBundle whose payload
    is the checked header and whose `parts` gives the streamed lists chunk by chunk, each checked
    before it is yielded (`iter_payload`; a refusal can come at any chunk, so apply them in one
    transaction). A bundle of format 1-3, or of a kind with nothing streamed, is yielded whole
    (`parts` None). The file stays open until the `with` ends."""
    with _BundleFile(path, MAX_BUNDLE_BYTES) as (handle, size):
        try:
            verified = _verify(handle, size, trusted, expect_kind)
        except OSError as error:
            raise _refuse_io(Path(path), error) from None
        if verified.manifest.format_version < 4 or not stream.STREAMED[verified.manifest.kind]:
            handle.close()
            yield open_bundle_file(path, trusted, identities, expect_kind)
            return
        parts = iter_payload(handle, verified, identities)
        try:
            _name, header = next(parts)
            yield OpenedBundle(verified.manifest, verified.signer, verified.sha256, header, parts)
        finally:
            parts.close()


def gather(opened: OpenedBundle) -> OpenedBundle:
    """A streamed OpenedBundle read to its end into one payload dict (for the rare paths that need
    all of it at once); one already whole is returned as it is."""
    if opened.parts is None:
        return opened
    payload = {**opened.payload, **{name: [] for name in stream.STREAMED[opened.manifest.kind]}}
    for name, rows in opened.parts:
        payload[name].extend(rows)
    return replace(opened, payload=payload, parts=None)


def file_sha256(path: str | os.PathLike) -> str:
    """The sha256 of a file (a refused bundle is logged by it), streamed; refuses what
    `open_bundle_file` would refuse for its size or kind before reading anything."""
    with _BundleFile(path, MAX_BUNDLE_BYTES) as (handle, _size):
        try:
            return _file_sha256(handle)
        except OSError as error:
            raise _refuse_io(Path(path), error) from None


def read_bundle_file(path: str | os.PathLike, limit: int = MAX_BUNDLE_BYTES) -> bytes:
    """The bytes of a small signed file (a county pack, an enrollment file, a bundle to copy),
    refusing oversized files and anything but a regular file before reading."""
    with _BundleFile(path, limit) as (handle, _size):
        try:
            return handle.read(limit + 1)
        except OSError as error:
            raise _refuse_io(Path(path), error) from None


def write_bundle_file(folder: str | os.PathLike, data: bytes,
                      trusted: Iterable[TrustedKey] | Mapping[str, TrustedKey]) -> Path:
    """Write a bundle into `folder` atomically, read it back and verify it; return its path.

    Only after this returns may anyone say the stick is safe to remove, or mark changes sent.
    """
    return write_bundle_file_verified(folder, data, trusted)[0]


def write_bundle_file_verified(folder: str | os.PathLike, data: bytes,
                               trusted: Iterable[TrustedKey] | Mapping[str, TrustedKey]) -> tuple[Path, VerifiedBundle]:
    """`write_bundle_file`, also returning what verified on the drive. `data` is checked before
    anything is written (its manifest names the file), and the file once, read back streamed."""
    opened = container.read_container(data, MEMBERS, LIMITS)
    verified = verify_bundle(data, trusted)
    target = _target(folder, verified.manifest.kind, verified.manifest.township, verified.manifest.sequence)
    try:
        replace_durably_with(target, lambda out: out.write(data), mode=0o644)
    except OSError as error:
        raise environment_error(error, target) from None
    return target, _verify_written(target, trusted, opened[MANIFEST], opened[SIGNATURE])
