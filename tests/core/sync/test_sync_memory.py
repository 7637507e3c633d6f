"""Bounded memory when refusing: `township verify` and `township import` of hostile files each
peak at most 200 MB, refuse with one line and exit 1 - a 1 GiB file of random bytes named like a
bundle, containers with a 1 GiB and a 200 MiB member, a signed gzip bomb, a signed bundle
numbered 999,999,999. Peak memory is the child's ru_maxrss, measured by a fresh parent process
whose only child is the command."""

from __future__ import annotations

import json
import os
import sys
import zlib

import pytest

from desktop.core.sync import bundle, container, trust
from desktop.core.workspace.workspace import Workspace
from tests.conftest import run_township
from tests.core.sync.conftest import data_payload, payload_counts
from tests.core.sync.helpers import COUNTY, TOWNSHIPS, make_sites

A = TOWNSHIPS[0]
LIMIT_MB = 200
MEASURE = ("import resource, subprocess, sys\n"
           "code = subprocess.run(sys.argv[1:]).returncode\n"
           "print('PEAK-KB', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
           "sys.exit(code)\n")


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    root = tmp_path_factory.mktemp("memory")
    county_dir, townships = make_sites(root, (A,))
    stick = root / "stick"
    stick.mkdir()
    return county_dir, townships[A], stick


def _run(*args):
    """(exit code, stderr lines without the measurement, peak MB) of `township ARGS`."""
    result = run_township(*args, prefix=[sys.executable, "-c", MEASURE], timeout=300)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    peak = [int(line.split()[1]) for line in lines if line.startswith("PEAK-KB")]
    assert peak, result.stderr
    return result.returncode, [line for line in lines if not line.startswith("PEAK-KB")], peak[-1] / 1024, result


def _assert_refused_small(county_dir, path, code_words=()):
    for command in ("verify", "import"):
        code, err, peak, result = _run(command, "--data-dir", county_dir, path)
        assert code == 1, (command, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr
        assert len(err) == 1, (command, err)
        assert all(word in err[0] for word in code_words), (command, err)
        assert peak <= LIMIT_MB, f"{command} peaked at {peak:.0f} MB"
        print(f"{command} {path.name}: {peak:.0f} MB: {err[0][:120]}")


def _sparse(path, size):
    """A file of `size` bytes: random at both ends, a hole in between (quick to make)."""
    with open(path, "wb") as handle:
        handle.write(os.urandom(1 << 20))
        handle.seek(size - (1 << 20))
        handle.write(os.urandom(1 << 20))
    return path


def _keys(folder):
    with Workspace.open(folder) as ws:
        keys = trust.install_keys(ws.paths)
        return keys, trust.active_recipients(ws.db, COUNTY) + [keys.public().age_recipient]


def _signed(township_dir, sequence=1, payload=None) -> bytes:
    keys, recipients = _keys(township_dir)
    payload = payload or data_payload(A)
    return bundle.build_bundle(keys=keys, kind=bundle.KIND_DATA, county=COUNTY, township=A, sequence=sequence,
                               previous_sha256=None, payload=payload, recipients=recipients,
                               counts=payload_counts(payload))


def _container_with_big_member(path, small: list[tuple[str, bytes]], big_name: str, big_size: int):
    """A canonical container whose last member is `big_size` zero bytes, written without holding it."""
    zeros, crc = bytes(1 << 20), 0
    for _ in range(big_size >> 20):
        crc = zlib.crc32(zeros, crc)
    c = container
    central, offset = [], 0
    with open(path, "wb") as handle:
        for name, data, size, member_crc in [*[(n, d, len(d), zlib.crc32(d)) for n, d in small],
                                             (big_name, None, big_size, crc)]:
            encoded = name.encode()
            header = c._LOCAL.pack(0x04034B50, 20, 0, 0, 0, c._DOS_DATE_1980_01_01, member_crc, size, size,
                                   len(encoded), 0) + encoded
            central.append(c._CENTRAL.pack(0x02014B50, c._MADE_BY, 20, 0, 0, 0, c._DOS_DATE_1980_01_01, member_crc,
                                           size, size, len(encoded), 0, 0, 0, 0, c._FILE_MODE, offset) + encoded)
            handle.write(header)
            if data is None:
                handle.seek(size, os.SEEK_CUR)
            else:
                handle.write(data)
            offset += len(header) + size
        directory = b"".join(central)
        handle.write(directory)
        handle.write(c._END.pack(0x06054B50, 0, 0, len(central), len(central), len(directory), offset, 0))
    return path


def test_random_files_named_like_bundles(sites):
    county_dir, _township, stick = sites
    too_large = bundle.MAX_BUNDLE_BYTES + (1 << 20)
    _assert_refused_small(county_dir, _sparse(stick / "TD-131025100-000001.tdb", too_large), ("too large",))
    _assert_refused_small(county_dir, _sparse(stick / "TD-131025100-000006.tdb", 1 << 30))
    _assert_refused_small(county_dir, _sparse(stick / "TD-131025100-000002.tdb", 200 << 20))


def test_containers_with_a_huge_member(sites):
    county_dir, township_dir, stick = sites
    members = container.read_container(_signed(township_dir), bundle.MEMBERS)
    small = [(bundle.MANIFEST, members[bundle.MANIFEST]), (bundle.SIGNATURE, members[bundle.SIGNATURE])]
    huge = _container_with_big_member(stick / "TD-131025100-000003.tdb", small, bundle.PAYLOAD,
                                      bundle.MAX_BUNDLE_BYTES + (1 << 20))
    _assert_refused_small(county_dir, huge, ("too large",))
    # below the file limit, the payload is hashed by streaming: a clean container that does not
    # match its signed manifest
    big = _container_with_big_member(stick / "TD-131025100-000004.tdb", small, bundle.PAYLOAD, 200 << 20)
    assert container.read_container_file(open(big, "rb"), big.stat().st_size, bundle.MEMBERS,
                                         bundle.LIMITS, streamed=(bundle.PAYLOAD,)).streamed
    _assert_refused_small(county_dir, big, ("does not match the signed manifest",))


def test_signed_gzip_bomb(sites, monkeypatch):
    """Format 4: a valid header, then empty chunk lines - every line well formed - expanding far
    beyond what the payload's size allows (bundle.stream_limit): refused as it inflates."""
    county_dir, township_dir, stick = sites
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    header = {k: v for k, v in data_payload(A).items() if k not in ("records", "audit")}
    parts = [compressor.compress(json.dumps({"header": header}).encode() + b"\n")]
    empty_chunks = b'{"audit":[]}\n' * (1 << 16)
    for _ in range((bundle.MAX_PAYLOAD_PLAIN_BYTES >> 20) + 64):
        parts.append(compressor.compress(empty_chunks))
    parts.append(compressor.flush())
    bomb = b"".join(parts)
    assert len(bomb) < 1 << 20
    monkeypatch.setattr(bundle, "_encode_payload", lambda payload: bomb)
    path = stick / "TD-131025100-000005.tdb"
    path.write_bytes(_signed(township_dir))
    code, err, peak, _ = _run("import", "--data-dir", county_dir, path)
    assert code == 1 and len(err) == 1 and "size limit" in err[0], err
    assert peak <= LIMIT_MB, f"import peaked at {peak:.0f} MB"
    print(f"gzip bomb of {len(bomb)} bytes: {peak:.0f} MB")


def test_signed_bundle_numbered_999_999_999(sites):
    county_dir, township_dir, stick = sites
    path = stick / bundle.bundle_file_name(bundle.KIND_DATA, A, 999_999_999)
    path.write_bytes(_signed(township_dir, sequence=999_999_999))
    code, err, peak, _ = _run("import", "--data-dir", county_dir, path)
    assert code == 1 and len(err) == 1 and "jumps more than" in err[0], err
    assert peak <= LIMIT_MB
    with Workspace.open(county_dir) as county:
        assert county.db.execute("SELECT count(*) FROM sync_peers").fetchone()[0] == 0
