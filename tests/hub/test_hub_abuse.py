"""Slow and abusive posters, over real sockets on 127.0.0.1: a body trickled a byte at a time is cut
off with 408 and nothing is stored; a sender past its burst is answered 429 with Retry-After, by
remote address and by signing site, and is let through again once tokens are back. The bounded
memories (buckets, nonces) are checked on their own with a clock the test moves."""

from __future__ import annotations

import json
import select
import socket
import time
from urllib.parse import urlsplit

import psycopg
import pytest

from desktop.core.sync import hub_auth
from desktop.hub import mailbox, pull_auth
from desktop.hub.ratelimit import TokenBuckets


@pytest.fixture
def enrolled(cli, initialised_hub, real_sites):
    url, _hub = initialised_hub
    for site_file in (real_sites.county_pack, real_sites.enrollment[real_sites.townships[0]]):
        assert cli("hub", "enroll", "--db", url, site_file).code == 0
    return url


def _stored(url: str) -> tuple[int, int]:
    with psycopg.connect(url) as conn:
        return mailbox.counts(conn)


def _answer(raw: bytes) -> tuple[int, dict, dict]:
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {name.lower(): value.strip() for name, _, value in (line.partition(":") for line in lines[1:])}
    return int(lines[0].split()[1]), headers, json.loads(body)


@pytest.mark.allow_log("township.hub", "too-slow", level="WARNING")
def test_a_body_trickled_a_byte_at_a_time_is_cut_off_with_408_and_nothing_stored(enrolled, serve_hub, real_sites):
    hub = serve_hub(read_timeout=1.0)
    data = real_sites.data[real_sites.townships[0]].read_bytes()
    address = urlsplit(hub.url)
    started = time.monotonic()
    with socket.create_connection((address.hostname, address.port), timeout=10) as conn:
        conn.sendall(b"POST /v1/bundles HTTP/1.1\r\nHost: hub\r\nContent-Type: application/octet-stream\r\n"
                     b"Content-Length: %d\r\n\r\n" % len(data))
        raw, sent = b"", 0
        while time.monotonic() - started < 8:
            readable, _, _ = select.select([conn], [], [], 0.25)   # a byte every quarter second, at most
            if readable:
                piece = conn.recv(65536)
                if not piece:
                    break
                raw += piece
                if b"\r\n\r\n" in raw and raw.endswith(b"}"):
                    break
                continue
            try:
                conn.sendall(data[sent:sent + 1])
                sent += 1
            except OSError:
                break
    elapsed = time.monotonic() - started
    status, _headers, refusal = _answer(raw)
    assert status == 408 and refusal["error"] == "too-slow" and refusal["message"] and refusal["message_zh"]
    assert 0.9 < elapsed < 5 and sent < len(data)
    assert _stored(enrolled) == (0, 0)
    # the same bundle sent at once goes through the same short timeout
    assert hub.post(data)[0] == 201


def _status_and_wait(answer) -> tuple[int, str | None]:
    status, headers, body = answer
    if status == 429:
        assert body.count(b"\n") <= 1
        refusal = json.loads(body)
        assert refusal["error"] == "rate-limited" and refusal["message"] and refusal["message_zh"]
    return status, headers.get("Retry-After")


@pytest.mark.allow_log("township.hub", "rate-limited", level="WARNING")
def test_an_address_past_its_burst_is_answered_429_and_recovers(enrolled, serve_hub):
    hub = serve_hub(address_rate=2.0, address_burst=3)
    answers = [hub.request("GET", "/health") for _ in range(4)]
    assert [_status_and_wait(answer)[0] for answer in answers] == [200, 200, 200, 429]
    assert _status_and_wait(answers[-1])[1] == "1"
    assert json.loads(answers[-1][2])["message"] == "too many requests; try again in 1 second"
    time.sleep(1.0)
    assert hub.request("GET", "/health")[0] == 200


@pytest.mark.allow_log("township.hub", "rate-limited", level="WARNING")
def test_behind_a_trusted_proxy_each_client_has_its_own_bucket(enrolled, serve_hub):
    hub = serve_hub(address_rate=0.01, address_burst=2, trusted_proxies=("127.0.0.1",))
    first = [hub.request("GET", "/health", headers={"X-Forwarded-For": "198.51.100.7"})[0] for _ in range(3)]
    assert first == [200, 200, 429]
    # another client behind the same proxy is not held back by the first one's requests
    assert hub.request("GET", "/health", headers={"X-Forwarded-For": "198.51.100.8"})[0] == 200
    # the proxy appends the address it saw: what the client wrote before it does not count
    spoofed = {"X-Forwarded-For": "203.0.113.1, 198.51.100.7"}
    assert hub.request("GET", "/health", headers=spoofed)[0] == 429


@pytest.mark.allow_log("township.hub", "rate-limited", level="WARNING")
def test_without_a_trusted_proxy_a_forwarded_header_changes_nothing(enrolled, serve_hub):
    hub = serve_hub(address_rate=0.01, address_burst=2)
    answers = [hub.request("GET", "/health", headers={"X-Forwarded-For": f"198.51.100.{n}"})[0] for n in range(3)]
    assert answers == [200, 200, 429]


@pytest.mark.allow_log("township.hub", "rate-limited", level="WARNING")
def test_a_site_past_its_burst_is_answered_429_for_posts_and_pulls_and_recovers(enrolled, serve_hub, real_sites):
    hub = serve_hub(rate=1.0, burst=2)
    township = real_sites.townships[0]
    data = real_sites.data[township].read_bytes()
    assert [hub.post(data)[0] for _ in range(2)] == [201, 200]     # stored, then duplicate
    status, wait = _status_and_wait(hub.post(data))
    assert (status, wait) == (429, "1")
    assert _stored(enrolled) == (1, 1)
    # the township's pulls share its bucket; the county's bucket is its own
    keys, path = real_sites.keys(township), f"/v1/bundles?for={township}"
    assert _status_and_wait(hub.pull(path, keys, township))[0] == 429
    county = real_sites.county_code
    assert hub.pull(f"/v1/bundles?for={county}", real_sites.keys(county), county)[0] == 200
    time.sleep(1.0)
    assert hub.pull(path, keys, township)[0] == 200


def test_token_buckets_refill_and_stay_bounded():
    now = [0.0]
    buckets = TokenBuckets(rate=0.5, burst=2, max_keys=3, clock=lambda: now[0])
    assert [buckets.take("a") for _ in range(3)] == [0, 0, 2]
    now[0] += 2.0
    assert buckets.take("a") == 0
    for n in range(100):
        buckets.take(f"sender-{n}")
    assert len(buckets) == 3


def test_the_nonce_memory_refuses_replays_forgets_after_the_window_and_stays_bounded():
    now = [0.0]
    memory = pull_auth.NonceMemory(skew=10, max_nonces=3, clock=lambda: now[0])
    memory.first_time("131025", "n" * 16)
    with pytest.raises(hub_auth.AuthError) as replay:
        memory.first_time("131025", "n" * 16)
    assert replay.value.code == "replayed"
    memory.first_time("131025100", "n" * 16)   # another site's nonce is its own
    memory.first_time("131025", "m" * 16)
    with pytest.raises(hub_auth.AuthError) as full:
        memory.first_time("131025", "o" * 16)
    assert full.value.code == "busy" and len(memory) == 3
    now[0] += 20.0   # twice the skew: every header that could carry these nonces is stale now
    memory.first_time("131025", "o" * 16)
    assert len(memory) == 1


def test_serve_refuses_limits_that_are_not_positive(cli, initialised_hub):
    url, _hub = initialised_hub
    for flag in ("--read-timeout", "--min-rate", "--burst", "--address-rate"):
        refused = cli("hub", "serve", "--db", url, flag, "0")
        assert refused.code == 1 and f"{flag} must be more than 0" in refused.err
    refused = cli("hub", "serve", "--db", url, "--trusted-proxy", "proxy.example")
    assert refused.code == 1 and "--trusted-proxy takes an IP address" in refused.err
