"""The bundle container: a zip of fixed, stored (uncompressed) members, read strictly.

Why zip: any county PC opens one (Windows Explorer, `unzip`, `python -m zipfile`), so an officer
can take a bundle apart with stock tools. Why stored: the payload is already compressed and
encrypted, so deflate gains nothing, and refusing compression rules out zip bombs outright.

Writing is deterministic: fixed member order, fixed 1980-01-01 timestamps, no extra fields, no
comments, no zip64. Reading refuses, with a reason, anything that is not a container this module
could have written: a name that is not one of the expected members, any path (`..`, `/`,
absolute, drive letter, backslash), links, duplicates, compression or an impossible size ratio,
too many members, oversized members or file; then it re-writes the members it read and demands
the result be byte-for-byte the input, so no header byte can be changed unnoticed. Nothing is
ever extracted to disk. Reading works from a file handle (the end record, the central directory,
the small members; a large member only hashed in chunks), so memory stays small whatever the
file's size.
"""

from __future__ import annotations

import hashlib
import io
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import BinaryIO

from desktop.core.errors import UserError
from desktop.core.i18n import Text

_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_VERSION = 20  # 2.0: stored members, no zip64
_MADE_BY = (3 << 8) | _VERSION  # Unix, so the mode bits in the external attributes mean something
_DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1
_FILE_MODE = (stat.S_IFREG | 0o644) << 16
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class Limits:
    max_total_bytes: int = 1 << 30          # 1 GiB: a county-wide bundle of 100k records is ~50 MB
    max_members: int = 16
    max_member_bytes: int = 1 << 30
    max_ratio: int = 1                      # stored only: uncompressed size may not exceed stored size


DEFAULT_LIMITS = Limits()


class ContainerError(UserError):
    """The file is not a well-formed bundle container; `code` says which rule it broke."""


def _refuse(code: str, en: str, zh: str) -> ContainerError:
    return ContainerError(Text(en, zh), code=code)


def write_container(members: Sequence[tuple[str, bytes]]) -> bytes:
    """The canonical zip holding `members` in the given order."""
    out = io.BytesIO()
    write_container_to(out, members)
    return out.getvalue()


@dataclass(frozen=True)
class FileMember:
    """A member's bytes in an open file (from its start), with their length and CRC-32, so a
    large member is copied into the container in chunks rather than held in memory."""

    handle: BinaryIO
    length: int
    crc: int


def write_container_to(out: BinaryIO, members: Sequence[tuple[str, bytes | FileMember]]) -> int:
    """Write the canonical zip holding `members` to `out`; the number of bytes written. Exactly
    the bytes of `write_container` of the same members."""
    central = []
    offset = 0
    for name, data in members:
        encoded = name.encode("ascii")
        if isinstance(data, FileMember):
            crc, length = data.crc & 0xFFFFFFFF, data.length
        else:
            crc, length = zlib.crc32(data) & 0xFFFFFFFF, len(data)
        out.write(_LOCAL.pack(0x04034B50, _VERSION, 0, 0, 0, _DOS_DATE_1980_01_01, crc, length,
                              length, len(encoded), 0))
        out.write(encoded)
        if isinstance(data, FileMember):
            data.handle.seek(0)
            left = length
            while left:
                chunk = data.handle.read(min(left, 1 << 20))
                if not chunk:
                    raise OSError("a member's file ended early")
                out.write(chunk)
                left -= len(chunk)
        else:
            out.write(data)
        central.append(_CENTRAL.pack(0x02014B50, _MADE_BY, _VERSION, 0, 0, 0, _DOS_DATE_1980_01_01,
                                     crc, length, length, len(encoded), 0, 0, 0, 0,
                                     _FILE_MODE, offset) + encoded)
        offset += _LOCAL.size + len(encoded) + length
    directory = b"".join(central)
    out.write(directory)
    out.write(_END.pack(0x06054B50, 0, 0, len(members), len(members), len(directory), offset, 0))
    return offset + len(directory) + _END.size


def _check_name(name: str) -> None:
    if not name or "/" in name or "\\" in name or name in (".", "..") or _DRIVE.match(name) \
            or "\x00" in name:
        kind = ("an absolute path" if name.startswith(("/", "\\")) or _DRIVE.match(name)
                else "a path")
        raise _refuse("path", f"the bundle contains a member named with {kind} ({name[:80]!r}); refused",
                      f"包中的成员名含有路径（{name[:80]!r}），已拒绝")


def read_container(data: bytes, expected_names: Sequence[str],
                   limits: Limits = DEFAULT_LIMITS) -> dict[str, bytes]:
    """The members of a container made by `write_container(expected_names...)`, or a refusal."""
    opened = read_container_file(io.BytesIO(data), len(data), expected_names, limits,
                                 small_bytes=limits.max_member_bytes)
    return {name: opened.small[name] for name in expected_names}


@dataclass(frozen=True)
class Member:
    """Where a member's bytes are in the file, with their sha256 (computed while streaming)."""

    name: str
    offset: int
    length: int
    sha256: str


@dataclass(frozen=True)
class OpenedContainer:
    small: dict            # name -> bytes, for the members read whole
    streamed: dict         # name -> Member, for the members only hashed (`streamed=` names)


def _ends_early() -> ContainerError:
    return _refuse("damaged", "the bundle is damaged (it ends early)", "同步包已损坏（文件提前结束）")


def _read_exact(handle: BinaryIO, offset: int, length: int) -> bytes:
    handle.seek(offset)
    chunk = handle.read(length)
    if len(chunk) != length:
        raise _ends_early()
    return chunk


def read_container_file(handle: BinaryIO, size: int, expected_names: Sequence[str],
                        limits: Limits = DEFAULT_LIMITS, *, streamed: Sequence[str] = (),
                        small_bytes: int = 1 << 20) -> OpenedContainer:
    """Check a container read from `handle` (`size` bytes) without loading it whole.

    Reads the end record, then the central directory (at most `max_members` entries), checks
    every entry as the module docstring says, then every local header against the canonical one;
    members named in `streamed` are only hashed (sha256 and CRC-32, in 1 MiB chunks), the others
    are read whole if at most `small_bytes`. Memory stays at a few MiB whatever the file holds,
    and the check is exactly as strict as "re-writing the members gives the input byte for byte".
    """
    if size > limits.max_total_bytes:
        raise _refuse("too-large", f"the file is {size} bytes, larger than any bundle may be "
                      f"({limits.max_total_bytes}); refused",
                      f"文件大小 {size} 字节，超过同步包上限（{limits.max_total_bytes}），已拒绝")
    not_a_container = _refuse("not-a-container", "the file is damaged or is not a bundle (not a readable zip)",
                              "文件已损坏或不是同步包（无法读取的 zip）")
    if size < _END.size:
        raise not_a_container
    end = _read_exact(handle, size - _END.size, _END.size)
    signature, disk, disk_start, count_here, count, directory_size, directory_offset, _comment = _END.unpack(end)
    if signature != 0x06054B50:
        raise not_a_container  # also a zip with a comment: never canonical
    if count > limits.max_members or count_here > limits.max_members:
        raise _too_many(max(count, count_here), limits)
    if disk or disk_start or count_here != count or directory_offset + directory_size + _END.size != size \
            or directory_size > count * (_CENTRAL.size + 3 * 65535):
        raise not_a_container
    directory = _read_exact(handle, directory_offset, directory_size)
    entries = []
    pos = 0
    for _ in range(count):
        if pos + _CENTRAL.size > len(directory):
            raise not_a_container
        fields = _CENTRAL.unpack_from(directory, pos)
        if fields[0] != 0x02014B50:
            raise not_a_container
        flag_bits, method = fields[3], fields[4]
        compress_size, file_size = fields[8], fields[9]
        name_length, extra_length, comment_length = fields[10], fields[11], fields[12]
        external, local_offset = fields[15], fields[16]
        raw_name = directory[pos + _CENTRAL.size:pos + _CENTRAL.size + name_length]
        pos += _CENTRAL.size + name_length + extra_length + comment_length
        if pos > len(directory):
            raise not_a_container
        name = raw_name.decode("utf-8" if flag_bits & 0x800 else "cp437", "replace")
        entries.append((name, flag_bits, method, compress_size, file_size, external, local_offset))
    if pos != len(directory):
        raise not_a_container
    seen: set[str] = set()
    total = 0
    for name, flag_bits, method, compress_size, file_size, external, _offset in entries:
        _check_name(name)
        mode = external >> 16
        if stat.S_ISLNK(mode) or stat.S_IFMT(mode) not in (0, stat.S_IFREG):
            raise _refuse("link", f"the bundle contains a link or special file ({name[:80]!r}); refused",
                          f"包中含有链接或特殊文件（{name[:80]!r}），已拒绝")
        if name in seen:
            raise _refuse("duplicate", f"the bundle contains {name!r} twice; refused",
                          f"包中 {name!r} 出现了两次，已拒绝")
        seen.add(name)
        if name not in expected_names:
            raise _refuse("unexpected-member", f"the bundle contains an unexpected member {name[:80]!r}; refused",
                          f"包中含有不应有的成员 {name[:80]!r}，已拒绝")
        if file_size > max(compress_size, 1) * limits.max_ratio and file_size > 0:
            raise _refuse("zip-bomb", f"{name!r} would expand {file_size} bytes from "
                          f"{compress_size} (a zip bomb?); refused",
                          f"{name!r} 将从 {compress_size} 字节展开为 {file_size} 字节（疑似压缩炸弹），已拒绝")
        if method != zipfile.ZIP_STORED or flag_bits & 0x1:
            raise _refuse("compressed", f"{name!r} is compressed or encrypted inside the zip; "
                          "bundles store members as they are; refused",
                          f"{name!r} 在 zip 中被压缩或加密，同步包不允许，已拒绝")
        if file_size > limits.max_member_bytes or (name not in streamed and file_size > small_bytes):
            raise _refuse("too-large", f"{name!r} is too large ({file_size} bytes); refused",
                          f"{name!r} 过大（{file_size} 字节），已拒绝")
        total += file_size
        if total > limits.max_total_bytes:
            raise _refuse("too-large", "the members together are larger than any bundle may be; refused",
                          "成员总大小超过同步包上限，已拒绝")
    missing = [name for name in expected_names if name not in seen]
    if missing:
        raise _refuse("missing-member", f"the bundle lacks {', '.join(missing)}; refused",
                      f"包中缺少 {', '.join(missing)}，已拒绝")
    not_canonical = _refuse("not-canonical", "the bundle's container was altered (its bytes are not the layout "
                            "Township Desk writes); refused",
                            "同步包的容器被改动过（字节与本软件写出的格式不一致），已拒绝")
    if [entry[0] for entry in entries] != list(expected_names):
        raise not_canonical
    small, hashed, central = {}, {}, []
    offset = 0
    for name, _flags, _method, _compressed, length, _external, local_offset in entries:
        encoded = name.encode("ascii", "replace")
        header_length = _LOCAL.size + len(encoded)
        if local_offset != offset or offset + header_length + length > directory_offset:
            raise not_canonical
        header = _read_exact(handle, offset, header_length)
        data_offset = offset + header_length
        if name in streamed:
            crc, digest = 0, hashlib.sha256()
            handle.seek(data_offset)
            left = length
            while left:
                chunk = handle.read(min(left, 1 << 20))
                if not chunk:
                    raise _ends_early()
                crc = zlib.crc32(chunk, crc)
                digest.update(chunk)
                left -= len(chunk)
            hashed[name] = Member(name, data_offset, length, digest.hexdigest())
        else:
            data = _read_exact(handle, data_offset, length)
            crc = zlib.crc32(data)
            small[name] = data
        crc &= 0xFFFFFFFF
        if header != _LOCAL.pack(0x04034B50, _VERSION, 0, 0, 0, _DOS_DATE_1980_01_01, crc, length, length,
                                 len(encoded), 0) + encoded:
            raise not_canonical
        central.append(_CENTRAL.pack(0x02014B50, _MADE_BY, _VERSION, 0, 0, 0, _DOS_DATE_1980_01_01,
                                     crc, length, length, len(encoded), 0, 0, 0, 0, _FILE_MODE, offset) + encoded)
        offset = data_offset + length
    canonical_directory = b"".join(central)
    if offset != directory_offset or directory != canonical_directory \
            or end != _END.pack(0x06054B50, 0, 0, count, count, len(canonical_directory), offset, 0):
        raise not_canonical
    return OpenedContainer(small, hashed)


def _too_many(count: int, limits: Limits) -> ContainerError:
    return _refuse("too-many-members", f"the bundle claims {count} members, more than {limits.max_members}; refused",
                   f"包中声称有 {count} 个成员，超过上限 {limits.max_members}，已拒绝")
