"""Listing and fetching at the hub need the site's signed request: over real HTTP on 127.0.0.1, with
the sites' real keys, a request without the header, for another site, signed by another key,
replayed, stale, or for another path is refused; the site a bundle is addressed to lists and
fetches it."""

from __future__ import annotations

import json
import time

import pytest

from desktop.core.sync import bundle, hub_auth

refusals_logged = pytest.mark.allow_log("township.hub", "refused a pull", level="WARNING")


@pytest.fixture
def stored(cli, initialised_hub, real_sites, serve_hub):
    """A hub with the county and the first township enrolled and the township's data bundle stored
    (addressed to the county): (served hub, the bundle's identity)."""
    url, _hub = initialised_hub
    for site_file in (real_sites.county_pack, real_sites.enrollment[real_sites.townships[0]]):
        assert cli("hub", "enroll", "--db", url, site_file).code == 0
    hub = serve_hub(skew=60)
    data = real_sites.data[real_sites.townships[0]].read_bytes()
    assert hub.post(data)[0] == 201
    return hub, bundle.identity_of(data)


def _refusal(answer, status: int, code: str) -> None:
    got, _headers, body = answer
    assert got == status, body
    assert body.count(b"\n") <= 1
    refusal = json.loads(body)
    assert refusal["error"] == code and refusal["message"] and refusal["message_zh"]


@refusals_logged
def test_listing_and_fetching_without_the_site_signature_are_refused(stored, real_sites):
    hub, identity = stored
    county = real_sites.county_code
    _refusal(hub.request("GET", f"/v1/bundles?for={county}"), 401, "unauthenticated")
    _refusal(hub.request("GET", f"/v1/bundles/{identity}"), 401, "unauthenticated")
    _refusal(hub.request("GET", f"/v1/bundles?for={county}", headers={hub_auth.HEADER: "v1 site=131025 nonsense"}),
             401, "bad-auth")


@refusals_logged
def test_the_site_a_bundle_is_addressed_to_lists_and_fetches_it(stored, real_sites):
    hub, identity = stored
    county, keys = real_sites.county_code, real_sites.keys(real_sites.county_code)
    status, _headers, body = hub.pull(f"/v1/bundles?for={county}", keys, county)
    assert status == 200 and [entry["sha256"] for entry in json.loads(body)["bundles"]] == [identity]
    status, _headers, fetched = hub.pull(f"/v1/bundles/{identity}", keys, county)
    assert status == 200 and fetched == real_sites.data[real_sites.townships[0]].read_bytes()


@refusals_logged
def test_another_sites_bundles_are_refused(stored, real_sites):
    hub, identity = stored
    county, township = real_sites.county_code, real_sites.townships[0]
    township_keys = real_sites.keys(township)
    # the township proves who it is, but the listing and the bundle are the county's
    _refusal(hub.pull(f"/v1/bundles?for={county}", township_keys, township), 403, "not-yours")
    _refusal(hub.pull(f"/v1/bundles/{identity}", township_keys, township), 404, "not-found")
    # the township's key claiming to be the county
    _refusal(hub.pull(f"/v1/bundles?for={county}", township_keys, county), 401, "wrong-site-key")
    # a township enrolled at its county but not at the hub
    second = real_sites.townships[1]
    _refusal(hub.pull(f"/v1/bundles?for={second}", real_sites.keys(second), second), 403, "unknown-site")


@refusals_logged
def test_a_replayed_header_and_a_header_for_another_request_are_refused(stored, real_sites):
    hub, identity = stored
    county, keys = real_sites.county_code, real_sites.keys(real_sites.county_code)
    path = f"/v1/bundles?for={county}"
    header = {hub_auth.HEADER: hub_auth.request_header(keys, county, "GET", path)}
    assert hub.request("GET", path, headers=header)[0] == 200
    _refusal(hub.request("GET", path, headers=header), 401, "replayed")
    # a fresh header, captured and sent for another path: the signature covers the request target
    other = {hub_auth.HEADER: hub_auth.request_header(keys, county, "GET", path)}
    _refusal(hub.request("GET", f"/v1/bundles/{identity}", headers=other), 401, "signature-mismatch")


@refusals_logged
def test_a_stale_or_future_timestamp_is_refused(stored, real_sites):
    hub, _identity = stored
    county, keys = real_sites.county_code, real_sites.keys(real_sites.county_code)
    path = f"/v1/bundles?for={county}"
    for offset in (-120, 120):   # the hub was started with a 60-second skew
        header = hub_auth.request_header(keys, county, "GET", path, now=time.time() + offset)
        _refusal(hub.request("GET", path, headers={hub_auth.HEADER: header}), 401, "stale-request")
    within = hub_auth.request_header(keys, county, "GET", path, now=time.time() - 30)
    assert hub.request("GET", path, headers={hub_auth.HEADER: within})[0] == 200
