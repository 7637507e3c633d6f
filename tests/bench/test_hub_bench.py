"""Hub benchmarks against a real PostgreSQL and a real `township hub serve` process.

- **50 sites posting at once** (issue #17: "without an error"): fifty townships, each enrolled at
  the hub with keys of its own, post a signed data bundle of `HUB_BENCH_RECORDS` records (500 by
  default, about a week of a township's entry) at the same moment, from fifty threads. Every post
  must be stored (201), and the same fifty sent at once again must each be answered "duplicate";
  the time of the fifty at once is recorded against the same fifty posted one after another.
"""

from __future__ import annotations

import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest

from desktop.core.sync import bundle, enrollment
from desktop.core.sync.keys import create_keys
from desktop.hub import sites
from tests.bench.harness import Stats, record
from tests.core.sync.conftest import data_payload, data_record, payload_counts
from tests.hub import served
from tests.hub.conftest import hub_db, initialised_hub, postgres  # noqa: F401  (the hub's fixtures)

pytestmark = pytest.mark.bench

SITES = 50
RECORDS = int(os.environ.get("HUB_BENCH_RECORDS", "500"))
COUNTY = "131025"


def _township_bundles(root, county_keys) -> tuple[list[bytes], list[bytes]]:
    """(enrollment files, one signed data bundle each) of SITES townships with keys of their own."""
    enrollments, bundles = [], []
    for n in range(SITES):
        code = f"{COUNTY}{100 + n:03d}"
        keys = create_keys(root / code)
        enrollments.append(enrollment.build_enrollment(keys, code, COUNTY, "clerk"))
        records = [data_record(code, f"{code}-{i}", data=f'{{"name": "人{i}", "note": "{code}-{i}"}}')
                   for i in range(RECORDS)]
        payload = data_payload(code, records=records)
        bundles.append(bundle.build_bundle(
            keys=keys, kind=bundle.KIND_DATA, county=COUNTY, township=code, sequence=1, previous_sha256=None,
            payload=payload, recipients=[county_keys.public().age_recipient], form_versions={"registration": "2024.1"},
            counts=payload_counts(payload)))
    return enrollments, bundles


def _peak_rss(pid: int) -> float:
    for line in open(f"/proc/{pid}/status", encoding="ascii"):
        if line.startswith("VmHWM:"):
            return float(line.split()[1]) * 1024
    raise AssertionError("no VmHWM")


def _post(url: str, data: bytes, start: threading.Barrier | None = None) -> tuple[int, bytes]:
    import urllib.error
    import urllib.request

    if start:
        start.wait()
    request = urllib.request.Request(url + "/v1/bundles", data=data, method="POST",
                                     headers={"Content-Type": "application/octet-stream"})
    try:
        with urllib.request.urlopen(request, timeout=120) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _at_once(url: str, bundles: list[bytes]) -> tuple[float, list[tuple[int, bytes]]]:
    start = threading.Barrier(len(bundles))
    with ThreadPoolExecutor(len(bundles)) as pool:
        began = time.perf_counter()
        answers = list(pool.map(lambda data: _post(url, data, start), bundles))
    return time.perf_counter() - began, answers


def test_fifty_sites_posting_at_once(initialised_hub, tmp_path):  # noqa: F811  (the fixture imported above)
    url_db, _hub = initialised_hub
    county_keys = create_keys(tmp_path / "county")
    enrollments, bundles = _township_bundles(tmp_path, county_keys)
    with psycopg.connect(url_db, autocommit=True) as conn:
        sites.enroll(conn, enrollment.build_county_pack(county_keys, COUNTY, "大城县"), "13")
        for data in enrollments:
            sites.enroll(conn, data, "13")
    # the fifty sites post from this one address, three rounds of 150 posts: above the default
    # per-address burst (300) that lets a NAT'd county office's townships through at once
    process, url = served.start(url_db, tmp_path / "keys", "--address-rate", "100", "--address-burst", "1000")
    at_once_times, one_by_one_times = [], []
    try:
        for _run in range(3):
            with psycopg.connect(url_db, autocommit=True) as conn:
                conn.execute("TRUNCATE bundles CASCADE")
            began = time.perf_counter()
            sequential = [_post(url, data) for data in bundles]
            one_by_one_times.append(time.perf_counter() - began)
            assert [status for status, _ in sequential] == [201] * SITES
            with psycopg.connect(url_db, autocommit=True) as conn:
                conn.execute("TRUNCATE bundles CASCADE")
            elapsed, answers = _at_once(url, bundles)
            at_once_times.append(elapsed)
            assert [status for status, _ in answers] == [201] * SITES, [a for a in answers if a[0] != 201][:3]
            _again_elapsed, again = _at_once(url, bundles)
            assert [status for status, _ in again] == [200] * SITES
            assert all(b'"duplicate"' in body for _, body in again)
        with psycopg.connect(url_db) as conn:
            assert conn.execute("SELECT count(*) FROM bundles").fetchone()[0] == SITES
        peak = _peak_rss(process.pid)
    finally:
        log = served.stop(process)
    assert "Traceback" not in log and " ERROR " not in log, log[-2000:]
    size = sum(len(data) for data in bundles) / SITES
    record("hub: 50 sites posting a bundle at once", Stats(tuple(at_once_times)),
           baseline=Stats(tuple(one_by_one_times)), baseline_name="the same 50 posted one after another",
           note=f"{RECORDS} records a bundle ({size / 1024:.0f} KB), every post stored (201), the same 50 at once "
                f"again each 'duplicate'; real serve process, PostgreSQL with fsync off", runs=len(at_once_times))
    record("hub: peak RSS of the serve process (50 at once)", peak, unit="bytes",
           note="VmHWM of the serve process after the rounds")


def _raw_post(url: str, head: bytes, body_pieces, pause: float = 0.0) -> int:
    """Send a POST by hand (a Content-Length, or chunked when `head` says so); the answer's status,
    or 0 when the hub closed the connection without one."""
    import socket
    from urllib.parse import urlsplit

    where = urlsplit(url)
    with socket.create_connection((where.hostname, where.port), timeout=120) as conn:
        conn.sendall(head)
        try:
            for piece in body_pieces:
                conn.sendall(piece)
                if pause:
                    time.sleep(pause)
        except OSError:
            pass                          # the hub cut the body off: its answer is already there
        try:
            answer = conn.recv(4096)
        except OSError:
            return 0
    return int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else 0


def test_the_hubs_memory_under_hostile_posts(initialised_hub, tmp_path):  # noqa: F811  (the fixture imported above)
    """Issue #17: hostile posts refused before storage with bounded memory. A real serve process
    takes, one after another and then eight at once: 300 MiB of random bytes with a Content-Length
    and the same chunked (refused as not a bundle once read), a Content-Length over the limit
    (refused before a byte is read), a body trickled slowly (cut off by the read timeout), and
    malformed bundles; its peak resident memory is recorded against the idle process's and
    nothing is stored."""
    url_db, _hub = initialised_hub
    process, url = served.start(url_db, tmp_path / "keys", "--read-timeout", "2", "--min-rate", "1048576",
                                "--address-rate", "100", "--address-burst", "1000")
    try:
        idle = _peak_rss(process.pid)
        size, piece = 300 << 20, os.urandom(1 << 20)
        host = url.split("//")[1].encode()

        def by_length():
            head = (b"POST /v1/bundles HTTP/1.1\r\nHost: " + host + b"\r\nContent-Length: " + str(size).encode()
                    + b"\r\n\r\n")
            return _raw_post(url, head, (piece for _ in range(size >> 20)))

        def chunked():
            head = b"POST /v1/bundles HTTP/1.1\r\nHost: " + host + b"\r\nTransfer-Encoding: chunked\r\n\r\n"
            chunks = (b"%x\r\n" % len(piece) + piece + b"\r\n" for _ in range(size >> 20))
            return _raw_post(url, head, [*chunks, b"0\r\n\r\n"])

        def oversized():
            head = (b"POST /v1/bundles HTTP/1.1\r\nHost: " + host + b"\r\nContent-Length: " + str(3 << 30).encode()
                    + b"\r\n\r\n")
            return _raw_post(url, head, [piece])

        def trickled():
            head = b"POST /v1/bundles HTTP/1.1\r\nHost: " + host + b"\r\nContent-Length: 4000000\r\n\r\n"
            return _raw_post(url, head, (b"x" * 1000 for _ in range(4000)), pause=0.002)

        def malformed():
            head = b"POST /v1/bundles HTTP/1.1\r\nHost: " + host + b"\r\nContent-Length: 8\r\n\r\n"
            return _raw_post(url, head, [b"PK\x03\x04junk"[:8]])

        began = time.perf_counter()
        one_by_one = [attack() for attack in (by_length, chunked, oversized, trickled, malformed)]
        with ThreadPoolExecutor(8) as pool:
            at_once = list(pool.map(lambda attack: attack(), [by_length, chunked] * 3 + [oversized, malformed]))
        elapsed = time.perf_counter() - began
        peak = _peak_rss(process.pid)
        with psycopg.connect(url_db) as conn:
            assert conn.execute("SELECT count(*) FROM bundles").fetchone()[0] == 0
    finally:
        served.stop(process)
    # refused: not a bundle (400), over the limit (413), too slow (408, or the connection cut)
    assert one_by_one[0] == 400 and one_by_one[1] == 400 and one_by_one[2] == 413 and one_by_one[4] == 400, one_by_one
    assert one_by_one[3] in (408, 0), one_by_one
    assert all(status in (400, 413) for status in at_once), at_once
    record("hub: peak RSS under hostile posts", peak, baseline=idle, unit="bytes",
           baseline_name="the same serve process idle, after start",
           note=f"300 MiB random with Content-Length and chunked, a 3 GiB Content-Length, a trickled body, "
                f"malformed; then 8 at once; {elapsed:.0f} s in all, nothing stored")
    assert peak <= idle + (64 << 20), f"{peak / 2**20:.0f} MB against {idle / 2**20:.0f} MB idle"
