"""The container reader refuses hostile zips with a reason, in memory, writing nothing."""

from __future__ import annotations

import io
import os
import stat
import subprocess
import warnings
import zipfile

import pytest

from desktop.core.sync import container

NAMES = ("manifest.json", "manifest.sig", "payload.age")


def _zip(entries, compression=zipfile.ZIP_STORED) -> bytes:
    """A zip made the ordinary way; entries are (ZipInfo or name, bytes)."""
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names, which we want
        with zipfile.ZipFile(out, "w", compression) as archive:
            for info, data in entries:
                archive.writestr(info, data)
    return out.getvalue()


def _good_entries():
    return [(name, name.encode() * 3) for name in NAMES]


def test_round_trip_and_stock_unzip_reads_it(tmp_path):
    data = container.write_container([(n, d) for n, d in _good_entries()])
    assert container.read_container(data, NAMES) == dict(_good_entries())
    (tmp_path / "b.zip").write_bytes(data)
    assert zipfile.ZipFile(tmp_path / "b.zip").testzip() is None
    listing = subprocess.run(["unzip", "-l", str(tmp_path / "b.zip")], capture_output=True, text=True)
    assert listing.returncode == 0 and "payload.age" in listing.stdout


def _symlink(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


HOSTILE = {
    "traversal": ([("../../etc/cron.d/evil", b"x"), *_good_entries()], "path"),
    "nested-path": ([("sub/manifest.json", b"x"), *_good_entries()], "path"),
    "absolute": ([("/etc/passwd", b"x"), *_good_entries()], "path"),
    "drive": ([("C:evil.bat", b"x"), *_good_entries()], "path"),
    "drive-backslash": ([("C:\\Windows\\evil.bat", b"x"), *_good_entries()], "path"),
    "backslash-traversal": ([("..\\..\\evil", b"x"), *_good_entries()], "path"),
    "directory": ([("manifest.json/", b""), *_good_entries()], "path"),
    "symlink": ([(_symlink("manifest.json"), b"/etc/passwd"), ("manifest.sig", b"s"), ("payload.age", b"p")], "link"),
    "duplicate": ([*_good_entries(), ("payload.age", b"again")], "duplicate"),
    "unexpected": ([*_good_entries(), ("readme.txt", b"hi")], "unexpected-member"),
    "missing": (_good_entries()[:2], "missing-member"),
    "too-many": ([(f"m{i}", b"") for i in range(5000)], "too-many-members"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_container_refused_before_anything_is_written(case, tmp_path, monkeypatch):
    entries, code = HOSTILE[case]
    data = _zip(entries)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(container.ContainerError) as caught:
        container.read_container(data, NAMES)
    assert caught.value.code == code, caught.value
    assert caught.value.text.en and caught.value.text.zh
    assert os.listdir(tmp_path) == []


def test_zip_bomb_refused_without_inflating(tmp_path, monkeypatch):
    bomb = _zip([("manifest.json", b"\0" * (50 << 20)), ("manifest.sig", b"s"), ("payload.age", b"p")],
                compression=zipfile.ZIP_DEFLATED)
    assert len(bomb) < 200_000
    monkeypatch.chdir(tmp_path)
    with pytest.raises(container.ContainerError) as caught:
        container.read_container(bomb, NAMES)
    assert caught.value.code == "zip-bomb"
    assert os.listdir(tmp_path) == []


def test_deflated_member_refused_even_without_ratio():
    data = _zip([("manifest.json", os.urandom(100)), ("manifest.sig", b"s"), ("payload.age", b"p")],
                compression=zipfile.ZIP_DEFLATED)
    with pytest.raises(container.ContainerError) as caught:
        container.read_container(data, NAMES)
    assert caught.value.code in ("compressed", "zip-bomb")


def test_too_large_and_too_many_limits():
    data = container.write_container(_good_entries())
    with pytest.raises(container.ContainerError) as caught:
        container.read_container(data, NAMES, container.Limits(max_total_bytes=len(data) - 1))
    assert caught.value.code == "too-large"
    with pytest.raises(container.ContainerError) as caught:
        container.read_container(data, NAMES, container.Limits(max_members=2))
    assert caught.value.code == "too-many-members"


def test_ordinary_zip_of_the_right_members_is_not_canonical():
    """Same names and contents but written by another tool: refused, so headers cannot carry
    anything unsigned."""
    with pytest.raises(container.ContainerError) as caught:
        container.read_container(_zip(_good_entries()), NAMES)
    assert caught.value.code == "not-canonical"


@pytest.mark.parametrize("data", [b"", b"PK", b"not a zip at all", b"PK\x05\x06" + b"\0" * 18])
def test_garbage_refused(data):
    with pytest.raises(container.ContainerError):
        container.read_container(data, NAMES)
