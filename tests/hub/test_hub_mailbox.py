"""The mailbox over HTTP on 127.0.0.1: a real township's bundle, exported by the desktop's own sync
code from an enrolled township, is stored once, answered "duplicate" when sent again, listed for
its county and handed out byte for byte; the county's return bundle is listed for its township.
Unsigned, unenrolled, truncated, malformed and oversized posts are refused with one line of JSON
and leave the database as it was."""

from __future__ import annotations

import hashlib
import json

import psycopg
import pytest

from desktop.core.sync import bundle, container, enrollment
from desktop.core.sync.keys import create_keys
from desktop.hub import mailbox


@pytest.fixture
def enrolled(cli, initialised_hub, real_sites):
    """The hub with the county and its first township enrolled (the second township is not)."""
    url, _hub = initialised_hub
    county = cli("hub", "enroll", "--db", url, real_sites.county_pack)
    assert county.code == 0, county.err
    assert f"county {real_sites.county_code}: enrolled" in county.out
    first = real_sites.townships[0]
    township = cli("hub", "enroll", "--db", url, real_sites.enrollment[first])
    assert township.code == 0, township.err
    assert f"township {first}: enrolled" in township.out
    return url


# a refused post is logged for the operator, as a warning: expected in the tests that post them
refusals_logged = pytest.mark.allow_log("township.hub", "refused a post", level="WARNING")


def _stored(url: str) -> tuple[int, int]:
    with psycopg.connect(url) as conn:
        return mailbox.counts(conn)


def _answer(result) -> dict:
    status, _headers, body = result
    assert body.count(b"\n") <= 1, body   # one line of JSON
    return json.loads(body)


def test_a_township_bundle_is_stored_once_listed_for_its_county_and_fetched_byte_identical(
        enrolled, serve_hub, real_sites):
    hub = serve_hub()
    township = real_sites.townships[0]
    data = real_sites.data[township].read_bytes()
    identity = bundle.identity_of(data)

    status, _headers, _body = first = hub.post(data)
    assert status == 201 and _answer(first) == {
        "status": "stored", "sha256": identity, "kind": bundle.KIND_DATA, "sender": township,
        "recipient": real_sites.county_code, "name": real_sites.data[township].name}
    again = hub.post(data)
    assert again[0] == 200 and _answer(again)["status"] == "duplicate"
    assert _stored(enrolled) == (1, 1)

    county, county_keys = real_sites.county_code, real_sites.keys(real_sites.county_code)
    status, _headers, body = hub.pull(f"/v1/bundles?for={county}", county_keys, county)
    listed = json.loads(body)["bundles"]
    assert status == 200 and [entry["sha256"] for entry in listed] == [identity]
    assert listed[0]["length"] == len(data) and listed[0]["file_sha256"] == hashlib.sha256(data).hexdigest()
    assert json.loads(hub.pull(f"/v1/bundles?for={township}", real_sites.keys(township), township)[2])["bundles"] == []
    after = listed[0]["id"]
    assert json.loads(hub.pull(f"/v1/bundles?for={county}&after={after}", county_keys, county)[2])["bundles"] == []

    status, headers, fetched = hub.pull(f"/v1/bundles/{identity}", county_keys, county)
    assert status == 200 and fetched == data
    assert headers["Township-Bundle-File-Sha256"] == hashlib.sha256(data).hexdigest()
    assert real_sites.data[township].name in headers["Content-Disposition"]
    assert hub.pull("/v1/bundles/" + "0" * 64, county_keys, county)[0] == 404


def test_the_county_return_bundle_is_listed_for_its_township(enrolled, serve_hub, real_sites):
    hub = serve_hub()
    township = real_sites.townships[0]
    data = real_sites.returned.read_bytes()
    status, _headers, body = hub.post(data)
    assert status == 201, body
    answer = json.loads(body)
    assert (answer["kind"], answer["sender"], answer["recipient"]) == (bundle.KIND_RETURN, real_sites.county_code,
                                                                      township)
    keys = real_sites.keys(township)
    listed = json.loads(hub.pull(f"/v1/bundles?for={township}", keys, township)[2])["bundles"]
    assert [entry["sha256"] for entry in listed] == [answer["sha256"]]
    assert hub.pull(f"/v1/bundles/{answer['sha256']}", keys, township)[2] == data


def test_a_signature_re_wrapped_on_the_way_is_the_same_bundle(enrolled, serve_hub, real_sites):
    hub = serve_hub()
    data = real_sites.data[real_sites.townships[0]].read_bytes()
    members = container.read_container(data, bundle.MEMBERS, bundle.LIMITS)
    rewrapped = members[bundle.SIGNATURE].replace(b"\n", b"\n\n", 2)   # whitespace ssh-keygen skips
    again = container.write_container([(name, rewrapped if name == bundle.SIGNATURE else members[name])
                                       for name in bundle.MEMBERS])
    assert again != data
    assert hub.post(data)[0] == 201
    status, _headers, body = hub.post(again)
    assert status == 200 and json.loads(body)["status"] == "duplicate"
    assert _stored(enrolled) == (1, 1)


def _refused(hub, url, data, status, code, **headers):
    answer = hub.post(data, **headers)
    assert answer[0] == status, answer[2]
    refusal = _answer(answer)
    assert refusal["error"] == code and refusal["message"] and refusal["message_zh"]
    assert _stored(url) == (0, 0)


@refusals_logged
def test_an_unsigned_bundle_is_refused(enrolled, serve_hub, real_sites):
    hub = serve_hub()
    members = container.read_container(real_sites.data[real_sites.townships[0]].read_bytes(), bundle.MEMBERS,
                                       bundle.LIMITS)
    no_signature = container.write_container([(bundle.MANIFEST, members[bundle.MANIFEST]),
                                              (bundle.PAYLOAD, members[bundle.PAYLOAD])])
    answer = hub.post(no_signature)
    assert answer[0] == 400 and _stored(enrolled) == (0, 0)
    blank = container.write_container([(bundle.MANIFEST, members[bundle.MANIFEST]), (bundle.SIGNATURE, b""),
                                       (bundle.PAYLOAD, members[bundle.PAYLOAD])])
    _refused(hub, enrolled, blank, 400, "signature-malformed")


@refusals_logged
def test_a_bundle_of_a_township_not_enrolled_at_the_hub_is_refused(enrolled, serve_hub, real_sites):
    hub = serve_hub()
    second = real_sites.townships[1]     # enrolled at its county, not at the hub
    _refused(hub, enrolled, real_sites.data[second].read_bytes(), 403, "unknown-signer")


@refusals_logged
def test_a_bundle_signed_by_a_stranger_is_refused(enrolled, serve_hub, real_sites, tmp_path):
    hub = serve_hub()
    township = real_sites.townships[0]
    stranger = create_keys(tmp_path / "stranger")
    members = container.read_container(real_sites.data[township].read_bytes(), bundle.MEMBERS, bundle.LIMITS)
    forged = container.write_container([(bundle.MANIFEST, members[bundle.MANIFEST]),
                                        (bundle.SIGNATURE, stranger.sign(members[bundle.MANIFEST]).encode()),
                                        (bundle.PAYLOAD, members[bundle.PAYLOAD])])
    _refused(hub, enrolled, forged, 403, "unknown-signer")


@refusals_logged
def test_truncated_and_malformed_posts_are_refused(enrolled, serve_hub, real_sites):
    hub = serve_hub()
    data = real_sites.data[real_sites.townships[0]].read_bytes()
    for broken in (data[: len(data) // 2], data[:-1], b"not a bundle at all", data + b"\0"):
        answer = hub.post(broken)
        assert answer[0] == 400, answer[2]
        assert _answer(answer)["error"]
    assert hub.post(b"")[0] == 400
    members = container.read_container(data, bundle.MEMBERS, bundle.LIMITS)
    payload = bytearray(members[bundle.PAYLOAD])
    payload[100] ^= 1   # a byte of the encrypted payload, in a well-formed container
    changed = container.write_container([(name, bytes(payload) if name == bundle.PAYLOAD else members[name])
                                         for name in bundle.MEMBERS])
    _refused(hub, enrolled, changed, 400, "hash-mismatch")
    assert _stored(enrolled) == (0, 0)


@refusals_logged
def test_an_oversized_post_is_refused_before_it_is_read_and_while_it_streams(enrolled, serve_hub, real_sites):
    data = real_sites.data[real_sites.townships[0]].read_bytes()
    hub = serve_hub(max_bundle_bytes=len(data) - 1)
    # Content-Length says it: refused from the header
    _refused(hub, enrolled, data, 413, "too-large")

    # no Content-Length (chunked): refused when the count passes the limit
    def pieces():
        for start in range(0, len(data), 1000):
            yield data[start:start + 1000]

    _refused(hub, enrolled, pieces(), 413, "too-large", **{"Transfer-Encoding": "chunked"})
    # at the limit it goes through
    assert serve_hub(max_bundle_bytes=len(data)).post(data)[0] == 201


def test_enrolling_is_idempotent_and_limited_to_the_province(cli, enrolled, real_sites, tmp_path):
    again = cli("hub", "enroll", "--db", enrolled, real_sites.county_pack)
    assert again.code == 0 and "already enrolled" in again.out
    keys = create_keys(tmp_path / "beijing")
    other = tmp_path / "TD-enroll-110105001.tdkey"
    other.write_bytes(enrollment.build_enrollment(keys, "110105001", "110105", "clerk"))
    refused = cli("hub", "enroll", "--db", enrolled, other)
    assert refused.code == 1 and "province 13" in refused.err
    impostor = tmp_path / "TD-county-131025.tdpack"
    impostor.write_bytes(enrollment.build_county_pack(create_keys(tmp_path / "impostor"), "131025", "fake"))
    replaced = cli("hub", "enroll", "--db", enrolled, impostor)
    assert replaced.code == 1 and "another key" in replaced.err
    garbage = tmp_path / "garbage.tdkey"
    garbage.write_bytes(b"garbage")
    assert cli("hub", "enroll", "--db", enrolled, garbage).code == 1
    with psycopg.connect(enrolled) as conn:
        assert conn.execute("SELECT code, role FROM sites ORDER BY code").fetchall() == [
            (real_sites.county_code, "county"), (real_sites.townships[0], "township")]


def test_the_same_bundle_posted_at_once_from_many_connections_is_stored_once(enrolled, serve_hub, real_sites):
    from concurrent.futures import ThreadPoolExecutor

    hub = serve_hub()
    data = real_sites.data[real_sites.townships[0]].read_bytes()
    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(lambda _n: hub.post(data), range(6)))
    statuses = sorted(json.loads(body)["status"] for _status, _headers, body in answers)
    assert statuses == ["duplicate"] * 5 + ["stored"]
    assert _stored(enrolled) == (1, 1)


@refusals_logged
def test_a_township_writing_to_another_county_than_its_own_is_refused(cli, enrolled, serve_hub, tmp_path):
    from tests.core.sync.conftest import data_payload, payload_counts

    keys = create_keys(tmp_path / "township")
    enrollment_file = tmp_path / "TD-enroll-131024100.tdkey"
    enrollment_file.write_bytes(enrollment.build_enrollment(keys, "131024100", "131024", "clerk"))
    assert cli("hub", "enroll", "--db", enrolled, enrollment_file).code == 0
    payload = data_payload("131024100")
    elsewhere = bundle.build_bundle(keys=keys, kind=bundle.KIND_DATA, county="131025", township="131024100",
                                    sequence=1, previous_sha256=None, payload=payload,
                                    recipients=[keys.public().age_recipient], form_versions={},
                                    counts=payload_counts(payload))
    _refused(serve_hub(), enrolled, elsewhere, 403, "wrong-county")
