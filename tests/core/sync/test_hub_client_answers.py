"""The hub client against what a network can answer, served on 127.0.0.1 by a small stdlib HTTP
server: each failure is a HubError with its code and a message in both languages - a redirect or
a web page is a portal, a 5xx a hub failure, a 4xx JSON refusal the hub's own reason, a 429 its
Retry-After, a closed port or a silent server unreachable within the timeout."""

from __future__ import annotations

import http.server
import json
import socket
import threading

import pytest

from desktop.core.sync.hub_client import HubClient, HubError
from desktop.core.sync.keys import create_keys


class Answers(http.server.BaseHTTPRequestHandler):
    def do_GET(self):   # noqa: N802 (the stdlib's name)
        path = self.path.split("?")[0]
        if path == "/redirect/health":
            return self._send(302, b"", "text/html", Location="http://portal.example/login")
        if path == "/failing/v1/bundles":
            return self._send(500, b"<h1>Internal Server Error</h1>", "text/html")
        if path == "/refusing/v1/bundles":
            body = {"error": "unknown-site", "message": "131025100 is not enrolled here",
                    "message_zh": "131025100 未在此登记"}
            return self._send(403, json.dumps(body).encode(), "application/json")
        if path == "/limited/v1/bundles":
            body = {"error": "rate-limited", "message": "too many requests", "message_zh": "请求过多"}
            return self._send(429, json.dumps(body).encode(), "application/json", **{"Retry-After": "7"})
        return self._send(404, b"not here", "text/plain")

    def _send(self, status, body, content_type, **headers):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    served = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Answers)
    threading.Thread(target=served.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{served.server_address[1]}"
    served.shutdown()


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    return create_keys(tmp_path_factory.mktemp("keys"))


def _error(call) -> HubError:
    with pytest.raises(HubError) as raised:
        call()
    assert raised.value.text.en and raised.value.text.zh and raised.value.text.en != raised.value.text.zh
    return raised.value


def test_a_redirect_is_a_portal(server, keys):
    error = _error(HubClient(server + "/redirect", keys, "131025100").health)
    assert error.code == "portal" and error.transient and "sign in" in error.text.en


def test_a_server_error_page_is_a_hub_failure_to_try_again(server, keys):
    error = _error(HubClient(server + "/failing", keys, "131025100").listing)
    assert error.code == "hub-failed" and error.transient


def test_a_json_refusal_is_the_hubs_reason_in_both_languages(server, keys):
    error = _error(HubClient(server + "/refusing", keys, "131025100").listing)
    assert error.code == "refused" and not error.transient and error.hub_code == "unknown-site"
    assert "not enrolled here" in error.text.en and "未在此登记" in error.text.zh


def test_a_rate_limit_says_how_long_to_wait(server, keys):
    error = _error(HubClient(server + "/limited", keys, "131025100").listing)
    assert error.code == "rate-limited" and error.retry_after == 7 and "7 seconds" in error.text.en


def test_a_closed_port_and_a_silent_server_are_unreachable(keys):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    error = _error(HubClient(f"http://127.0.0.1:{port}", keys, "131025100", timeout=2).health)
    assert error.code == "unreachable" and "connection refused" in error.text.en
    silent = socket.create_server(("127.0.0.1", 0))   # accepts, never answers
    try:
        client = HubClient(f"http://127.0.0.1:{silent.getsockname()[1]}", keys, "131025100", timeout=0.5)
        error = _error(client.health)
        assert error.code == "unreachable" and "no answer in time" in error.text.en
    finally:
        silent.close()


def test_an_address_that_is_not_http_is_refused_plainly(keys):
    error = _error(lambda: HubClient("hub.example:8470", keys, "131025100"))
    assert error.code == "bad-url"


def test_sync_now_without_a_hub_address_is_one_line(cli, township_dir):
    result = cli("sync", "now", "--data-dir", township_dir)
    assert result.code == 1 and "no hub address is set" in result.err and result.err.strip().count("\n") == 0
