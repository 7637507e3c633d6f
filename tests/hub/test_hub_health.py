"""`GET /health` of a real `township hub serve` process: 200 with a JSON body signed by the hub's
key, checked with the hub's public key as the desktop will check it; what a captive portal answers
(200 with an HTML page), a changed body, another hub's answer and a replayed answer are told apart."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop import __version__
from desktop.core.sync import hub_health
from desktop.core.sync.keys import load_keys
from tests.hub import served


@pytest.fixture
def served_process(cli, hub_db, tmp_path):
    keys = tmp_path / "keys"
    assert cli("hub", "init", "--db", hub_db, "--province", "13", "--keys", keys).code == 0
    process, url = served.start(hub_db, keys)
    yield url, load_keys(keys)
    served.stop(process)


def test_health_is_signed_by_the_hub_key_and_answers_the_nonce(served_process):
    url, keys = served_process
    with urllib.request.urlopen(url + "/health?nonce=probe-42", timeout=10) as answer:
        assert answer.status == 200
        body, content_type = answer.read(), answer.headers["Content-Type"]
        header = answer.headers[hub_health.HEADER]
    document = hub_health.check_health(body, content_type, header, keys.signing_key.public_key(), nonce="probe-42")
    assert document["hub"] == keys.public().fingerprint
    assert document["province"] == "13" and document["version"] == __version__
    answered = datetime.strptime(document["time"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert abs((datetime.now(UTC) - answered).total_seconds()) < 120
    # a replay of this answer to another probe is not taken for a live hub
    with pytest.raises(hub_health.HealthError) as stale:
        hub_health.check_health(body, content_type, header, keys.signing_key.public_key(), nonce="probe-43")
    assert stale.value.code == "stale-answer"
    # nor is the answer checked against another hub's key
    with pytest.raises(hub_health.HealthError) as other:
        hub_health.check_health(body, content_type, header, Ed25519PrivateKey.generate().public_key())
    assert other.value.code == "other-hub"


def test_a_changed_body_fails_the_signature(served_process):
    url, keys = served_process
    with urllib.request.urlopen(url + "/health", timeout=10) as answer:
        body, header = answer.read(), answer.headers[hub_health.HEADER]
    changed = body.replace(b'"province":"13"', b'"province":"11"')
    assert changed != body
    with pytest.raises(Exception) as error:
        hub_health.check_health(changed, "application/json", header, keys.signing_key.public_key())
    assert error.value.code == "signature-mismatch"


def test_a_captive_portal_page_is_not_the_hub(served_process):
    _url, keys = served_process
    portal = b"<html><head><title>Login</title></head><body>Welcome to village Wi-Fi</body></html>"
    for content_type, header in (("text/html; charset=utf-8", None), ("application/json", None),
                                 ("text/html", "AAAA")):
        with pytest.raises(hub_health.HealthError) as error:
            hub_health.check_health(portal, content_type, header, keys.signing_key.public_key())
        assert error.value.code == "not-the-hub"
    # a portal that passes JSON through without the signature header
    with pytest.raises(hub_health.HealthError):
        hub_health.check_health(json.dumps({"format": hub_health.FORMAT}).encode(), "application/json", None,
                                keys.signing_key.public_key())


def test_a_bad_nonce_is_refused(served_process):
    url, _keys = served_process
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(url + "/health?nonce=" + "x" * 65, timeout=10)
    assert error.value.code == 400 and json.loads(error.value.read())["error"] == "bad-nonce"
