"""`township sync now` against a real `township hub serve` process on 127.0.0.1 and a real PostgreSQL:
a county and two townships set up and enrolled by the desktop's own code, enrolled at the hub,
syncing over HTTP. A township's records reach the county once and the acknowledgement comes back;
a hub that is down is one line and exit 1 with the bundles kept queued, sent by the next run; a hub
stopped or killed with SIGKILL mid-sync loses and doubles nothing; a bundle that arrives by stick
and by network is imported once."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from desktop.core.sync import outbox
from tests.conftest import ROOT
from tests.core.sync.helpers import COUNTY, TOWNSHIPS, add_people, make_sites, resident_id
from tests.hub import served

FIRST, SECOND = TOWNSHIPS


class HubProcess:
    """`township hub serve` in a process of its own, on a fixed port so it can be stopped, killed
    and started again at the same address."""

    def __init__(self, db_url: str, keys, **options):
        self.db_url, self.keys, self.port = db_url, keys, served.free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.options = [item for name, value in options.items()
                        for item in (f"--{name.replace('_', '-')}", str(value))]
        self.process = None

    def start(self) -> None:
        self.process, _url = served.start(self.db_url, self.keys, *self.options, port=self.port, timeout=30)

    def stop(self, sig=signal.SIGTERM) -> None:
        if self.process and self.process.poll() is None:
            served.stop(self.process, sig)
        self.process = None


def enroll_all(cli, hub_db, root):
    """A hub initialised for province 13 with the county of `make_sites(root / "sites")` and its
    townships enrolled; returns the hub's keys folder."""
    from desktop.core.sync import enrollment

    stick = root / "sites" / "enroll-stick"
    keys = root / "hub-keys"
    assert cli("hub", "init", "--db", hub_db, "--province", "13", "--keys", keys).code == 0
    for path in (stick / enrollment.county_pack_file_name(COUNTY),
                 *(stick / enrollment.enrollment_file_name(code) for code in TOWNSHIPS)):
        assert cli("hub", "enroll", "--db", hub_db, "--keys", keys, path).code == 0
    return keys


@pytest.fixture
def network(cli, hub_db, tmp_path):
    """(hub process, county dir, {township: dir}): all three enrolled at the hub, the hub serving."""
    county_dir, township_dirs = make_sites(tmp_path / "sites")
    keys = enroll_all(cli, hub_db, tmp_path)
    hub = HubProcess(hub_db, keys)
    hub.start()
    yield hub, county_dir, township_dirs
    hub.stop()


def _sync(cli, folder, url):
    return cli("sync", "now", "--data-dir", folder, "--hub", url, "--timeout", "10")


def _add(folder, serials):
    from desktop.core.workspace.workspace import Workspace

    with Workspace.open(folder) as workspace:
        workspace.clerk, workspace.clerk_role = "clerk", "admin"
        add_people(workspace, [{"name": f"人{n}", "id_number": resident_id(n)} for n in serials])


def _county_records(county_dir) -> dict[str, int]:
    from desktop.core.workspace.workspace import Workspace

    with Workspace.open(county_dir) as county:
        return dict(county.db.execute("SELECT township, count(*) FROM records GROUP BY township").fetchall())


def _states(folder) -> list[tuple[str, int, str]]:
    from desktop.core.workspace.workspace import Workspace

    with Workspace.open(folder) as workspace:
        return sorted((e.kind, e.sequence, e.state) for e in outbox.entries(workspace.db))


def _received(county_dir) -> list[tuple]:
    from desktop.core.workspace.workspace import Workspace

    with Workspace.open(county_dir) as county:
        return county.db.execute("SELECT township, sequence, outcome FROM sync_received ORDER BY id").fetchall()


def test_a_township_syncs_by_network_and_gets_the_acknowledgement_back(cli, network):
    hub, county_dir, townships = network
    _add(townships[FIRST], [1, 2, 3])

    sent = _sync(cli, townships[FIRST], hub.url)
    assert sent.code == 0, sent.err
    assert "first contact with the hub" in sent.out and f"sent TD-{FIRST}-000001.tdb to the hub" in sent.out
    assert _states(townships[FIRST]) == [("township-data", 1, "sent")]

    county = _sync(cli, county_dir, hub.url)
    assert county.code == 0, county.err
    assert f"imported bundle 1 of {FIRST}: 3 records applied" in county.out
    assert _county_records(county_dir) == {FIRST: 3}
    assert _states(county_dir) == [("county-return", 1, "sent")]

    back = _sync(cli, townships[FIRST], hub.url)
    assert back.code == 0, back.err
    assert "acknowledged up to bundle 1" in back.out
    assert _states(townships[FIRST]) == [("township-data", 1, "acknowledged")]
    # nothing new: no second bundle while in step, and the acknowledged copy is gone from the outbox
    again = _sync(cli, townships[FIRST], hub.url)
    assert again.code == 0 and "in step with the hub" in again.out
    assert not list((townships[FIRST] / outbox.FOLDER).glob("*.tdb"))


def test_a_hub_that_is_down_is_one_line_and_the_next_run_sends(cli, network):
    hub, county_dir, townships = network
    _add(townships[FIRST], [4])
    hub.stop()

    down = _sync(cli, townships[FIRST], hub.url)
    assert down.code == 1
    assert down.err.strip().count("\n") == 0 and "cannot reach the hub" in down.err, down.err
    assert _states(townships[FIRST]) == []       # not even written: the probe comes first
    # a bundle written for the stick is queued for the network too
    from desktop.core.sync import outgoing
    from desktop.core.workspace.workspace import Workspace

    stick = townships[FIRST].parent / "stick"
    stick.mkdir()
    with Workspace.open(townships[FIRST]) as workspace:
        outgoing.export_township(workspace.db, workspace.paths, stick, clerk="clerk")
    assert _states(townships[FIRST]) == [("township-data", 1, "queued")]
    down = _sync(cli, townships[FIRST], hub.url)
    assert down.code == 1 and _states(townships[FIRST]) == [("township-data", 1, "queued")]

    hub.start()
    up = _sync(cli, townships[FIRST], hub.url)
    assert up.code == 0, up.err
    assert _states(townships[FIRST]) == [("township-data", 1, "sent")]
    assert _sync(cli, county_dir, hub.url).code == 0
    assert _county_records(county_dir) == {FIRST: 1}


def test_the_same_bundle_by_stick_and_by_network_is_imported_once(cli, network, tmp_path):
    from desktop.core.sync import incoming, outgoing
    from desktop.core.workspace.workspace import Workspace

    hub, county_dir, townships = network
    _add(townships[FIRST], [5, 6])
    stick = tmp_path / "stick"
    stick.mkdir()
    with Workspace.open(townships[FIRST]) as workspace:
        written = outgoing.export_township(workspace.db, workspace.paths, stick, clerk="clerk")
    assert _sync(cli, townships[FIRST], hub.url).code == 0       # the same bundle, posted
    with Workspace.open(county_dir) as county:                     # by stick first
        assert incoming.import_file(county.db, county.paths, written.path).outcome == "applied"
    by_network = _sync(cli, county_dir, hub.url)                   # then by network: already there
    assert by_network.code == 0, by_network.err
    assert "already imported" in by_network.out
    assert _county_records(county_dir) == {FIRST: 2}
    assert _received(county_dir) == [(FIRST, 1, "applied"), (FIRST, 1, "already")]
    # and the other way round: the county's return bundle by network first, then from the stick
    with Workspace.open(county_dir) as county:                     # written for the stick: queued too
        stick_copy = outgoing.export_returns(county.db, county.paths, stick, townships=[FIRST])[0].path
    assert _states(county_dir) == [("county-return", 1, "queued")]
    assert "sent TD-" in _sync(cli, county_dir, hub.url).out
    assert "acknowledged up to bundle 1" in _sync(cli, townships[FIRST], hub.url).out
    with Workspace.open(townships[FIRST]) as township:
        again = incoming.import_file(township.db, township.paths, stick_copy)
        assert again.outcome == "already", again.text.en
        assert township.db.execute("SELECT count(*) FROM sync_received WHERE outcome = 'applied'").fetchone()[0] == 1


def test_a_hub_stopped_and_killed_mid_sync_loses_and_doubles_nothing(cli, network):
    hub, county_dir, townships = network
    # round 1: both townships write; the hub is stopped after the first one posted
    _add(townships[FIRST], [10, 11])
    _add(townships[SECOND], [20])
    assert _sync(cli, townships[FIRST], hub.url).code == 0
    hub.stop()
    assert _sync(cli, townships[SECOND], hub.url).code == 1
    assert _sync(cli, county_dir, hub.url).code == 1
    hub.start()
    # round 2: killed with SIGKILL while the county's fetch and a township's post are under way
    _add(townships[FIRST], [12])
    assert _sync(cli, townships[FIRST], hub.url).code == 0        # bundle 2, cumulative
    hub.stop(signal.SIGKILL)
    assert _sync(cli, townships[SECOND], hub.url).code == 1
    hub.start()
    for _round in range(2):
        for folder in (townships[SECOND], county_dir, townships[FIRST]):
            result = _sync(cli, folder, hub.url)
            assert result.code == 0, result.err
    assert _county_records(county_dir) == {FIRST: 3, SECOND: 1}
    applied = [(t, s) for t, s, outcome in _received(county_dir) if outcome == "applied"]
    assert sorted(applied) == [(FIRST, 1), (FIRST, 2), (SECOND, 1)]   # each bundle applied once
    assert _states(townships[FIRST])[-1] == ("township-data", 2, "acknowledged")
    assert _states(townships[SECOND]) == [("township-data", 1, "acknowledged")]


class StallingProxy:
    """A TCP relay in front of the hub that, once armed, lets the next POST through only up to
    `stall_after` bytes and then holds it (until `released`, or the hub is gone): the hub is
    mid-ingest, the body half read, when the test kills or stops it."""

    def __init__(self, upstream_port: int, stall_after: int = 1500):
        import threading

        self.upstream_port, self.stall_after = upstream_port, stall_after
        self.armed, self.stalled, self.released = False, threading.Event(), threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        import threading

        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._relay, args=(client,), daemon=True).start()

    def _relay(self, client) -> None:
        import threading

        try:
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
        except OSError:
            client.close()
            return

        gone = threading.Event()

        def back():
            try:
                while data := upstream.recv(65536):
                    client.sendall(data)
            except OSError:
                pass
            finally:
                gone.set()        # the hub closed (or died): nothing more to hold
                client.close()

        threading.Thread(target=back, daemon=True).start()
        forwarded, stalling = 0, False
        try:
            while data := client.recv(65536):
                if forwarded == 0 and data.startswith(b"POST") and self.armed:
                    self.armed, stalling = False, True
                if stalling and forwarded + len(data) > self.stall_after:
                    upstream.sendall(data[:self.stall_after - forwarded])
                    self.stalled.set()
                    while not (self.released.is_set() or gone.is_set()):   # hold the rest
                        time.sleep(0.05)
                    return
                upstream.sendall(data)
                forwarded += len(data)
        except OSError:
            pass
        finally:
            upstream.close()
            client.close()

    def close(self) -> None:
        self.listener.close()


@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGTERM], ids=["killed", "stopped"])
def test_a_hub_killed_or_stopped_during_an_ingest_stores_the_bundle_once_after_restart(network, hub_db, stop):
    import psycopg

    from desktop.hub import mailbox
    from tests.conftest import run_township

    hub, county_dir, townships = network
    _add(townships[FIRST], list(range(30, 60)))          # a bundle of some KB: the body comes in pieces
    proxy = StallingProxy(hub.port)
    proxy.armed = True
    running = subprocess.Popen([sys.executable, "-m", "desktop", "sync", "now", "--data-dir",
                                str(townships[FIRST]), "--hub", proxy.url, "--timeout", "10"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONPATH": str(ROOT), "TOWNSHIP_LANG": "en",
                                    "TOWNSHIP_PASSWORD": "test-password"})
    assert proxy.stalled.wait(60), running.communicate()
    time.sleep(0.3)                                       # the hub is reading the body into its spool
    hub.process.send_signal(stop)
    if stop == signal.SIGTERM:   # a graceful stop waits for the post under way: the desktop gives up on it
        time.sleep(0.5)
        proxy.released.set()
    hub.stop()
    out, err = running.communicate(timeout=60)
    assert running.returncode == 1 and "cannot reach the hub" in err and err.strip().count("\n") == 0, (out, err)
    assert _states(townships[FIRST]) == [("township-data", 1, "queued")]
    with psycopg.connect(hub_db) as conn:
        assert mailbox.counts(conn)[0] == 0               # nothing half-stored

    hub.start()
    for folder in (townships[FIRST], townships[FIRST], county_dir):
        result = run_township("sync", "now", "--data-dir", folder, "--hub", proxy.url)
        assert result.returncode == 0, result.stderr
    with psycopg.connect(hub_db) as conn:
        assert mailbox.counts(conn)[0] == 2               # the data bundle once, the county's return once
    assert _county_records(county_dir) == {FIRST: 30}
    proxy.close()


def test_a_captive_portal_is_not_taken_for_the_hub(cli, network, tmp_path):
    """A Wi-Fi sign-in page answers every request with 200 and HTML: nothing is sent to it."""
    import http.server
    import threading

    hub, _county_dir, townships = network

    class Portal(http.server.BaseHTTPRequestHandler):
        def do_GET(self):   # noqa: N802 (the stdlib's name)
            body = b"<html><body>Sign in to the village Wi-Fi</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_POST = do_GET

        def log_message(self, *args):
            pass

    portal = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Portal)
    threading.Thread(target=portal.serve_forever, daemon=True).start()
    try:
        _add(townships[FIRST], [70])
        url = f"http://127.0.0.1:{portal.server_address[1]}"
        result = _sync(cli, townships[FIRST], url)
        assert result.code == 1 and "sign in" in result.err and result.err.strip().count("\n") == 0, result.err
        assert _states(townships[FIRST]) == []
        # and once the hub key is pinned, the portal still cannot pass for it, nor can another hub
        assert _sync(cli, townships[FIRST], hub.url).code == 0
        assert _sync(cli, townships[FIRST], url).code == 1
    finally:
        portal.shutdown()


@pytest.mark.allow_log("township.hub", "refused", level="WARNING")
def test_the_hub_rate_limit_is_reported_with_its_wait(cli, hub_db, tmp_path, network):
    from desktop.core.paths import data_dir
    from desktop.core.sync import hub_client
    from desktop.core.sync.keys import load_keys

    hub, _county_dir, townships = network
    hub.stop()
    limited = HubProcess(hub_db, hub.keys, address_rate=0.1, address_burst=1)
    limited.start()
    try:
        client = hub_client.HubClient(limited.url, load_keys(data_dir(townships[FIRST]).keys), FIRST, timeout=5)
        with pytest.raises(hub_client.HubError) as raised:
            for _try in range(5):
                client.listing()
        assert raised.value.code == "rate-limited" and raised.value.retry_after >= 1
        assert "wait" in raised.value.text.en and "等待" in raised.value.text.zh
    finally:
        limited.stop()


def test_the_county_pack_carries_the_hub_address_and_key_to_its_townships(cli, network, tmp_path):
    from desktop.core.store import settings
    from desktop.core.workspace.workspace import Workspace

    hub, county_dir, townships = network
    with Workspace.open(county_dir) as county:
        county.put_setting(settings.HUB_URL, hub.url)
    assert cli("sync", "now", "--data-dir", county_dir).code == 0         # no --hub: the setting; key pinned
    pack_folder = tmp_path / "pack"
    pack_folder.mkdir()
    assert cli("keys", "export", "--data-dir", county_dir, "--to", pack_folder).code == 0
    pack = pack_folder / f"TD-county-{COUNTY}.tdpack"
    assert cli("import", "--data-dir", townships[FIRST], pack).code == 0
    with Workspace.open(townships[FIRST]) as township, Workspace.open(county_dir) as county:
        assert township.setting(settings.HUB_URL) == hub.url
        assert township.setting(settings.HUB_KEY) == county.setting(settings.HUB_KEY) is not None
    _add(townships[FIRST], [80])
    result = cli("sync", "now", "--data-dir", townships[FIRST])
    assert result.code == 0 and "first contact" not in result.out, result.err   # the pack's key, not a new pin
    assert _states(townships[FIRST]) == [("township-data", 1, "sent")]


def test_the_province_pack_sends_the_county_to_the_province_hub_by_network(cli, network, hub_db, tmp_path):
    """The chain a county goes through: it enrolls the province pack (the hub's address and key),
    writes its county bundle for the province, and `sync now` posts it; the hub merges it in the
    post's transaction, so the post's answer is its acknowledgement."""
    import datetime

    import psycopg

    from desktop.core.store import settings
    from desktop.core.sync import enrollment
    from desktop.core.workspace.workspace import Workspace

    hub, county_dir, townships = network
    stick = tmp_path / "province-stick"
    stick.mkdir()
    exported = cli("hub", "export-pack", "--db", hub_db, "--keys", tmp_path / "hub-keys", "--to", stick,
                   "--url", hub.url, "--name", "河北省")
    assert exported.code == 0, exported.err
    pack = stick / enrollment.province_pack_file_name("13")
    assert cli("keys", "enroll", "--data-dir", county_dir, pack).code == 0
    hub_key = enrollment.read_province_pack(pack.read_bytes()).keys.openssh()
    with Workspace.open(county_dir) as county:
        assert county.setting(settings.HUB_URL) == hub.url
        assert county.setting(settings.HUB_KEY) == hub_key

    _add(townships[FIRST], [90, 91])
    assert _sync(cli, townships[FIRST], hub.url).code == 0
    assert _sync(cli, county_dir, hub.url).code == 0             # the township's records arrive
    month = datetime.date.today().strftime("%Y-%m")
    out = tmp_path / "to-province"
    out.mkdir()
    assert cli("export", "--data-dir", county_dir, "--to", out, "--to-province", "--month", month).code == 0
    assert ("county-province", 1, "queued") in _states(county_dir)
    sent = cli("sync", "now", "--data-dir", county_dir)          # no --hub: the pack's address and key
    assert sent.code == 0, sent.err
    assert "first contact" not in sent.out
    assert ("county-province", 1, "acknowledged") in _states(county_dir)
    with psycopg.connect(hub_db) as conn:
        merged = conn.execute("SELECT count(*) FROM province_persons WHERE county = %s", (COUNTY,)).fetchone()[0]
    assert merged == 2



def test_the_hub_learns_a_countys_townships_from_its_bundle(cli, hub_db, tmp_path):
    """Only the county is enrolled at the hub: its townships' posts are refused until the county's
    bundle for the province, signed by the county, names them with their keys; a new PC the county
    enrolled with --replace replaces the old key at the hub the same way."""
    import datetime

    import psycopg

    from desktop.core.sync import enrollment

    county_dir, townships = make_sites(tmp_path / "sites")
    keys = tmp_path / "hub-keys"
    assert cli("hub", "init", "--db", hub_db, "--province", "13", "--keys", keys).code == 0
    stick = tmp_path / "sites" / "enroll-stick"
    assert cli("hub", "enroll", "--db", hub_db, stick / enrollment.county_pack_file_name(COUNTY)).code == 0
    hub = HubProcess(hub_db, keys)
    hub.start()
    try:
        province_stick = tmp_path / "province"
        province_stick.mkdir()
        assert cli("hub", "export-pack", "--db", hub_db, "--keys", keys, "--to", province_stick,
                   "--url", hub.url).code == 0
        assert cli("keys", "enroll", "--data-dir", county_dir,
                   province_stick / enrollment.province_pack_file_name("13")).code == 0
        _add(townships[FIRST], [95])
        refused = _sync(cli, townships[FIRST], hub.url)
        assert refused.code == 1 and "not enrolled at this hub" in refused.err, refused.err
        assert _states(townships[FIRST]) == []

        out = tmp_path / "to-province"
        out.mkdir()
        month = datetime.date.today().strftime("%Y-%m")
        assert cli("export", "--data-dir", county_dir, "--to", out, "--to-province", "--month", month).code == 0
        assert cli("sync", "now", "--data-dir", county_dir).code == 0
        with psycopg.connect(hub_db) as conn:
            held = dict(conn.execute("SELECT code, role FROM sites WHERE NOT revoked").fetchall())
        assert held == {COUNTY: "county", **{code: "township" for code in TOWNSHIPS}}
        sent = _sync(cli, townships[FIRST], hub.url)
        assert sent.code == 0, sent.err
        assert _states(townships[FIRST]) == [("township-data", 1, "sent")]
    finally:
        hub.stop()
