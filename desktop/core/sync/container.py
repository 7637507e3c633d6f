"""The bundle container: a zip of fixed, stored (uncompressed) members, read strictly in memory.

Why zip: any county PC opens one (Windows Explorer, `unzip`, `python -m zipfile`), so an officer
can take a bundle apart with stock tools. Why stored: the payload is already compressed and
encrypted, so deflate gains nothing, and refusing compression rules out zip bombs outright.

Writing is deterministic: fixed member order, fixed 1980-01-01 timestamps, no extra fields, no
comments, no zip64. Reading refuses, with a reason, anything that is not a container this module
could have written: a name that is not one of the expected members, any path (`..`, `/`,
absolute, drive letter, backslash), links, duplicates, compression or an impossible size ratio,
too many members, oversized members or file; then it re-writes the members it read and demands
the result be byte-for-byte the input, so no header byte can be changed unnoticed. Nothing is
ever extracted to disk.
"""

from __future__ import annotations

import io
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

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
    central = []
    for name, data in members:
        encoded = name.encode("ascii")
        crc = zlib.crc32(data) & 0xFFFFFFFF
        offset = out.tell()
        out.write(_LOCAL.pack(0x04034B50, _VERSION, 0, 0, 0, _DOS_DATE_1980_01_01, crc, len(data),
                              len(data), len(encoded), 0))
        out.write(encoded)
        out.write(data)
        central.append(_CENTRAL.pack(0x02014B50, _MADE_BY, _VERSION, 0, 0, 0, _DOS_DATE_1980_01_01,
                                     crc, len(data), len(data), len(encoded), 0, 0, 0, 0,
                                     _FILE_MODE, offset) + encoded)
    directory_offset = out.tell()
    directory = b"".join(central)
    out.write(directory)
    out.write(_END.pack(0x06054B50, 0, 0, len(members), len(members), len(directory),
                        directory_offset, 0))
    return out.getvalue()


def _check_name(name: str) -> None:
    if not name or "/" in name or "\\" in name or name in (".", "..") or _DRIVE.match(name) \
            or "\x00" in name:
        kind = ("an absolute path" if name.startswith(("/", "\\")) or _DRIVE.match(name)
                else "a path")
        raise _refuse("path", f"the bundle contains a member named with {kind} ({name[:80]!r}); refused",
                      f"包中的成员名含有路径（{name[:80]!r}），已拒绝")


def _count_from_end_record(data: bytes) -> int | None:
    """The member count the end record claims, read before zipfile parses the directory."""
    if len(data) >= _END.size and data[-_END.size:-_END.size + 4] == b"PK\x05\x06":
        return _END.unpack(data[-_END.size:])[4]
    return None


def read_container(data: bytes, expected_names: Sequence[str],
                   limits: Limits = DEFAULT_LIMITS) -> dict[str, bytes]:
    """The members of a container made by `write_container(expected_names...)`, or a refusal."""
    if len(data) > limits.max_total_bytes:
        raise _refuse("too-large", f"the file is {len(data)} bytes, larger than any bundle may be "
                      f"({limits.max_total_bytes}); refused",
                      f"文件大小 {len(data)} 字节，超过同步包上限（{limits.max_total_bytes}），已拒绝")
    claimed = _count_from_end_record(data)
    if claimed is not None and claimed > limits.max_members:
        raise _too_many(claimed, limits)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception:  # hostile bytes reach zipfile's odd corners (NotImplementedError, UnicodeDecodeError...)
        raise _refuse("not-a-container", "the file is damaged or is not a bundle (not a readable zip)",
                      "文件已损坏或不是同步包（无法读取的 zip）") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.max_members:
            raise _too_many(len(infos), limits)
        seen: set[str] = set()
        total = 0
        for info in infos:
            _check_name(info.filename)
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode) or stat.S_IFMT(mode) not in (0, stat.S_IFREG):
                raise _refuse("link", f"the bundle contains a link or special file ({info.filename[:80]!r}); refused",
                              f"包中含有链接或特殊文件（{info.filename[:80]!r}），已拒绝")
            if info.filename in seen:
                raise _refuse("duplicate", f"the bundle contains {info.filename!r} twice; refused",
                              f"包中 {info.filename!r} 出现了两次，已拒绝")
            seen.add(info.filename)
            if info.filename not in expected_names:
                raise _refuse("unexpected-member", f"the bundle contains an unexpected member {info.filename[:80]!r}; refused",
                              f"包中含有不应有的成员 {info.filename[:80]!r}，已拒绝")
            if info.file_size > max(info.compress_size, 1) * limits.max_ratio and info.file_size > 0:
                raise _refuse("zip-bomb", f"{info.filename!r} would expand {info.file_size} bytes from "
                              f"{info.compress_size} (a zip bomb?); refused",
                              f"{info.filename!r} 将从 {info.compress_size} 字节展开为 {info.file_size} 字节（疑似压缩炸弹），已拒绝")
            if info.compress_type != zipfile.ZIP_STORED or info.flag_bits & 0x1:
                raise _refuse("compressed", f"{info.filename!r} is compressed or encrypted inside the zip; "
                              "bundles store members as they are; refused",
                              f"{info.filename!r} 在 zip 中被压缩或加密，同步包不允许，已拒绝")
            if info.file_size > limits.max_member_bytes:
                raise _refuse("too-large", f"{info.filename!r} is too large ({info.file_size} bytes); refused",
                              f"{info.filename!r} 过大（{info.file_size} 字节），已拒绝")
            total += info.file_size
            if total > limits.max_total_bytes:
                raise _refuse("too-large", "the members together are larger than any bundle may be; refused",
                              "成员总大小超过同步包上限，已拒绝")
        missing = [name for name in expected_names if name not in seen]
        if missing:
            raise _refuse("missing-member", f"the bundle lacks {', '.join(missing)}; refused",
                          f"包中缺少 {', '.join(missing)}，已拒绝")
        try:
            members = {name: archive.read(name) for name in expected_names}
        except Exception:  # any failure reading hostile bytes is damage, not a bug of ours
            raise _refuse("damaged", "the bundle is damaged (a member does not match its checksum)",
                          "同步包已损坏（成员与其校验值不符）") from None
    if write_container(list(members.items())) != data:
        raise _refuse("not-canonical", "the bundle's container was altered (its bytes are not the layout "
                      "Township Desk writes); refused",
                      "同步包的容器被改动过（字节与本软件写出的格式不一致），已拒绝")
    return members


def _too_many(count: int, limits: Limits) -> ContainerError:
    return _refuse("too-many-members", f"the bundle claims {count} members, more than {limits.max_members}; refused",
                   f"包中声称有 {count} 个成员，超过上限 {limits.max_members}，已拒绝")
