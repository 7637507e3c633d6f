"""The payload of a format 4 bundle: gzip'd JSON lines, written and read in chunks (docs/SYNC.md).

Formats 1-3 carried one JSON object, so writing and reading a bundle held all of it in memory
(about 10 KB a record). From format 4 the plaintext is lines of compact JSON:

    {"header": {...}}                     every field of the payload but the long lists
    {"audit": [row, row, ...]}            the audit rows, in chunks of at most CHUNK_ROWS rows
    {"records": [record, ...]}            then the records, in chunks of at most CHUNK_ROWS

The first line is the header; the long lists of the kind (`STREAMED`) follow in that order, each
as zero or more chunk lines. The lines are gzip'd and the result age-encrypted, both as streams
(`pyrage.encrypt_io`), so writing holds one chunk, not the bundle. Reading decrypts the payload
(whose sha256 the signed manifest named and the container check already matched) to a temporary
file, then gunzips and parses it a line at a time: each chunk is checked against the schema of
its list (`payload_schema.check_chunk`) before anyone sees it, and a payload that expands beyond
MAX_PLAIN_BYTES, has a line longer than MAX_LINE_BYTES, lines out of order, or bytes after the
gzip stream is refused.
"""

from __future__ import annotations

import hashlib
import io
import json
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

import pyrage

from desktop.core.errors import UserError
from desktop.core.i18n import Text

CHUNK_ROWS = 1000                  # rows per chunk line
CHUNK_BYTES = 1 << 20              # or fewer, once a chunk's JSON passes 1 MiB
MAX_LINE_BYTES = 64 << 20          # one line: a chunk, or one record of the largest size allowed
READ_BYTES = 1 << 20
STREAMED = {"township-data": ("audit", "records"), "county-return": ("rejoin_records",),
            "county-province": ("persons",), "province-return": ()}
# streamed lists a bundle may leave out (absent: none): a return bundle carries a rejoin's records
# only when it offers one, so a return bundle without a rejoin reads as before in an older app
OPTIONAL_STREAMED = {"county-return": frozenset({"rejoin_records"})}


class StreamError(UserError):
    """The decrypted payload is not a well-formed stream of lines; `code` says which rule."""


def _damaged(detail: str = "") -> StreamError:
    extra = f" ({detail})" if detail else ""
    return StreamError(Text(f"the decrypted payload is damaged{extra}", f"解密后的数据已损坏{extra}"),
                       code="bad-payload")


def _dumps(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def lines(kind: str, header: dict, lists: dict[str, Iterable[dict]]) -> Iterator[bytes]:
    """The plaintext lines of a payload: the header, then each streamed list in chunks (an empty
    list as one empty chunk: every streamed list has at least one line; a list absent from
    `lists` has none, which a reader refuses as missing)."""
    yield _dumps({"header": header}) + b"\n"
    for name in STREAMED[kind]:
        if name not in lists:
            continue
        rows = lists[name]
        if rows is None or isinstance(rows, (dict, str, int, float)):  # not a list: written as it is,
            yield _dumps({name: rows}) + b"\n"                          # for the reader to refuse
            continue
        chunk: list = []
        size = 0
        written = False
        for row in rows:
            encoded = _dumps(row)
            chunk.append(encoded)
            size += len(encoded) + 1
            if len(chunk) >= CHUNK_ROWS or size >= CHUNK_BYTES:
                yield b'{"' + name.encode() + b'":[' + b",".join(chunk) + b"]}\n"
                chunk, size, written = [], 0, True
        if chunk or not written:
            yield b'{"' + name.encode() + b'":[' + b",".join(chunk) + b"]}\n"


def gzipped(parts: Iterable[bytes]) -> Iterator[bytes]:
    """`parts` through one gzip stream (level 6; zlib's header has no time or name)."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, 31)
    buffered: list[bytes] = []
    held = 0
    for part in parts:
        buffered.append(part)
        held += len(part)
        if held >= READ_BYTES:
            out = compressor.compress(b"".join(buffered))
            buffered, held = [], 0
            if out:
                yield out
    out = compressor.compress(b"".join(buffered)) + compressor.flush()
    if out:
        yield out


class _IterReader(io.RawIOBase):
    """A readable file over an iterator of byte strings (what `pyrage.encrypt_io` pulls from)."""

    def __init__(self, parts: Iterable[bytes]):
        self._parts = iter(parts)
        self._held = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._held:
            try:
                self._held = next(self._parts)
            except StopIteration:
                return 0
        count = min(len(buffer), len(self._held))
        buffer[:count] = self._held[:count]
        self._held = self._held[count:]
        return count


class HashingWriter(io.RawIOBase):
    """Writes to `target`, keeping the sha256, length and CRC-32 of what passed."""

    def __init__(self, target: BinaryIO):
        self.target = target
        self.digest = hashlib.sha256()
        self.length = 0
        self.crc = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        data = bytes(data)
        self.target.write(data)
        self.digest.update(data)
        self.crc = zlib.crc32(data, self.crc)
        self.length += len(data)
        return len(data)


def encrypt_to(target: BinaryIO, plain_parts: Iterable[bytes], recipients: list) -> HashingWriter:
    """Encrypt the concatenation of `plain_parts` into `target` as a stream; the writer tells
    the sha256, length and CRC-32 of the encrypted bytes."""
    writer = HashingWriter(target)
    pyrage.encrypt_io(io.BufferedReader(_IterReader(plain_parts), READ_BYTES), writer, recipients)
    return writer


class _MemberReader(io.RawIOBase):
    """The `length` bytes of `handle` from `offset`, hashed as they are read."""

    def __init__(self, handle: BinaryIO, offset: int, length: int):
        self.handle = handle
        self.left = length
        self.digest = hashlib.sha256()
        handle.seek(offset)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if not self.left:
            return 0
        data = self.handle.read(min(len(buffer), self.left, READ_BYTES))
        if not data:
            raise OSError("the file ended early")
        buffer[:len(data)] = data
        self.left -= len(data)
        self.digest.update(data)
        return len(data)


def decrypt_to_temp(handle: BinaryIO, offset: int, length: int, identities: list,
                    not_for_us: Callable[[], UserError]) -> tuple[BinaryIO, str]:
    """Decrypt the payload member into an anonymous temporary file (removed when closed);
    (the file at its start, the sha256 of the encrypted bytes read)."""
    reader = _MemberReader(handle, offset, length)
    temp = tempfile.TemporaryFile()
    try:
        pyrage.decrypt_io(io.BufferedReader(reader, READ_BYTES), temp, identities)
    except pyrage.DecryptError:
        temp.close()
        raise not_for_us() from None
    except BaseException:
        temp.close()
        raise
    temp.seek(0)
    return temp, reader.digest.hexdigest()


def plain_lines(gz: BinaryIO, max_plain_bytes: int, too_large: Callable[[], UserError]) -> Iterator[bytes]:
    """The lines of the gzip stream in `gz`, without their newline, a MiB at a time; refuses a
    stream longer than `max_plain_bytes` inflated, a line over MAX_LINE_BYTES, or anything after
    the gzip stream's end."""
    inflater = zlib.decompressobj(31)
    total = 0
    pending = b""
    while True:
        data = inflater.unconsumed_tail or gz.read(READ_BYTES)
        if not data:
            break
        try:
            plain = inflater.decompress(data, READ_BYTES)
        except zlib.error:
            raise _damaged() from None
        total += len(plain)
        if total > max_plain_bytes:
            raise too_large()
        pending += plain
        *complete, pending = pending.split(b"\n")
        yield from complete
        if len(pending) > MAX_LINE_BYTES:
            raise _damaged("a line is too long")
        if inflater.eof:
            if inflater.unused_data or inflater.unconsumed_tail or gz.read(1):
                raise _damaged("data after its end")
            break
    if not inflater.eof:
        raise _damaged("it ends early")
    if pending:
        raise _damaged("its last line is not complete")


def parse_lines(kind: str, raw_lines: Iterable[bytes]) -> Iterator[tuple[str, object]]:
    """("header", dict) first, then (list name, list of rows) per chunk, in the order of
    STREAMED[kind]; refuses a stream that is not so."""
    order = STREAMED[kind]
    at = -1          # index in `order` of the list being read; -1 = header not yet seen
    for raw in raw_lines:
        try:
            line = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise _damaged() from None
        if not isinstance(line, dict) or len(line) != 1:
            raise _damaged("a line is not one named part")
        (name, value), = line.items()
        if at == -1:
            if name != "header" or not isinstance(value, dict):
                raise _damaged("it does not start with its header")
            at = 0
            yield name, value
            continue
        if name not in order or order.index(name) < at:
            raise _damaged(f"unexpected or misplaced part {name[:40]!r}")
        at = order.index(name)
        yield name, value
    if at == -1:
        raise _damaged("it has no header")
