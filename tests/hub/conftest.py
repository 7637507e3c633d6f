"""A throw-away PostgreSQL cluster for the hub's tests, and a fresh database for each test.

initdb into a temporary folder and `pg_ctl start` listening only on a unix socket in that folder
(no TCP port to collide with). initdb refuses to run as root, so as root the cluster belongs to an
unprivileged user (`township-test`, made with useradd when missing; `nobody` if that fails) and
the folder is handed to it. Binaries come from PATH or /usr/lib/postgresql/*/bin.

Without PostgreSQL the hub tests are skipped with the reason - except under CI (the CI variable
set, as .ci/run does), where a missing PostgreSQL is a failure: the hub is never silently untested.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

TEST_USER = "township-test"


def _postgres_bin() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                      key=lambda path: int(Path(path).parts[-3]) if Path(path).parts[-3].isdigit() else 0)
    return Path(versions[-1]).parent if versions else None


def _run_as() -> list[str]:
    """The command prefix that runs the cluster's programs as an unprivileged user (none unless root)."""
    if os.geteuid() != 0:
        return []
    import pwd

    try:
        pwd.getpwnam(TEST_USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", TEST_USER],
                       capture_output=True)
    try:
        user = pwd.getpwnam(TEST_USER).pw_name
    except KeyError:
        user = "nobody"
    runner = shutil.which("runuser")
    return [runner, "-u", user, "--"] if runner else ["su", "-s", "/bin/sh", user, "-c"]


class Cluster:
    def __init__(self, bin_dir: Path, root: Path, prefix: list[str]):
        self.bin_dir, self.root, self.prefix = bin_dir, root, prefix
        self.data, self.socket_dir = root / "data", root

    def run(self, program: str, *args: str) -> subprocess.CompletedProcess:
        command = [*self.prefix, str(self.bin_dir / program), *args]
        if self.prefix and self.prefix[0] == "su":   # su -c takes one string
            command = [*self.prefix, " ".join([str(self.bin_dir / program), *args])]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if result.returncode:
            raise RuntimeError(f"{program} failed ({result.returncode}): {result.stderr or result.stdout}")
        return result

    def start(self) -> None:
        self.run("initdb", "-D", str(self.data), "-A", "trust", "-U", "hubtest", "--no-sync", "-E", "UTF8",
                 "--locale=C")
        # fsync off: a throw-away cluster for tests; no TCP: the socket in our own folder
        self.run("pg_ctl", "-D", str(self.data), "-w", "-t", "60", "-l", str(self.root / "log.txt"), "-o",
                 f"-c listen_addresses='' -c unix_socket_directories={self.socket_dir} -c fsync=off "
                 "-c synchronous_commit=off -c full_page_writes=off", "start")

    def stop(self) -> None:
        self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://hubtest@/{database}?host={self.socket_dir}"


@pytest.fixture(scope="session")
def postgres():
    bin_dir = _postgres_bin()
    if bin_dir is None:
        reason = "PostgreSQL is not installed (no initdb on PATH or in /usr/lib/postgresql/*/bin)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}: CI must install it (.ci/run)")
        pytest.skip(reason)
    prefix = _run_as()
    root = Path(tempfile.mkdtemp(prefix="td-pg-"))   # short: a unix socket path has a length limit
    if prefix:
        owner = prefix[2] if prefix[0] != "su" else prefix[3]
        shutil.chown(root, user=owner)
    cluster = Cluster(bin_dir, root, prefix)
    cluster.start()
    try:
        yield cluster
    finally:
        try:
            cluster.stop()
        finally:
            shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def hub_db(postgres):
    """The URL of a new, empty database on the session's cluster."""
    import psycopg

    name = "hub_" + uuid.uuid4().hex[:12]
    with psycopg.connect(postgres.url(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return postgres.url(name)


class RealSites:
    """A county and two townships set up and enrolled with each other by the desktop's own code, with
    a real data bundle from each township and the county's return bundle to the first."""

    def __init__(self, root: Path):
        from desktop.core.sync import enrollment, incoming, outgoing
        from desktop.core.workspace.workspace import Workspace
        from tests.core.sync.helpers import COUNTY, TOWNSHIPS, add_people, make_sites, resident_id

        self.county_code, self.townships = COUNTY, TOWNSHIPS
        self.county_dir, self.township_dirs = make_sites(root, TOWNSHIPS)
        stick = root / "enroll-stick"
        self.county_pack = stick / enrollment.county_pack_file_name(COUNTY)
        self.enrollment = {code: stick / enrollment.enrollment_file_name(code) for code in TOWNSHIPS}
        out = root / "out"
        out.mkdir()
        self.data = {}
        for serial, code in enumerate(TOWNSHIPS):
            with Workspace.open(self.township_dirs[code]) as township:
                add_people(township, [{"name": f"人{serial}", "id_number": resident_id(serial)}])
                self.data[code] = outgoing.export_township(township.db, township.paths, out, clerk="clerk").path
        with Workspace.open(self.county_dir) as county:
            assert incoming.import_file(county.db, county.paths, self.data[TOWNSHIPS[0]]).outcome == "applied"
            returns = outgoing.export_returns(county.db, county.paths, out, townships=[TOWNSHIPS[0]])
        self.returned = Path(returns[0].path)

    def keys(self, code: str):
        """The signing keys of the county or of a township: what it signs its hub requests with."""
        from desktop.core.paths import data_dir
        from desktop.core.sync.keys import load_keys

        folder = self.county_dir if code == self.county_code else self.township_dirs[code]
        return load_keys(data_dir(folder).keys)


@pytest.fixture(scope="session")
def real_sites(tmp_path_factory):
    return RealSites(tmp_path_factory.mktemp("sites"))


class ServedHub:
    """The hub's aiohttp app served on 127.0.0.1 (a free port) from an event loop in a thread, as
    `township hub serve` serves it; requests go through real HTTP (urllib)."""

    def __init__(self, app):
        import asyncio
        import threading

        from aiohttp import web

        self.loop = asyncio.new_event_loop()
        self.runner = web.AppRunner(app, access_log=None)
        self.loop.run_until_complete(self.runner.setup())
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        self.loop.run_until_complete(site.start())
        port = site._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def request(self, method: str, path: str, body=None, headers: dict | None = None):
        """(status, headers, body bytes) of one request; 4xx and 5xx answers are returned, not raised."""
        import urllib.error
        import urllib.request

        request = urllib.request.Request(self.url + path, data=body, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return answer.status, answer.headers, answer.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def pull(self, path: str, keys, site: str, **options):
        """A GET signed as `site` with `keys` (the desktop's own header, desktop/core/sync/hub_auth.py)."""
        from desktop.core.sync import hub_auth

        return self.request("GET", path, headers={hub_auth.HEADER: hub_auth.request_header(keys, site, "GET", path),
                                                  **options})

    def post(self, data: bytes, **options):
        return self.request("POST", "/v1/bundles", data, {"Content-Type": "application/octet-stream", **options})

    def stop(self) -> None:
        import asyncio

        asyncio.run_coroutine_threadsafe(self.runner.cleanup(), self.loop).result(30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(30)
        self.loop.close()


@pytest.fixture
def initialised_hub(hub_db, tmp_path):
    """A hub database initialised for province 13, with its keys in tmp_path/keys: (url, Hub)."""
    from desktop.hub import db, identity, schema

    with db.connect(hub_db, autocommit=True) as conn:
        schema.migrate(conn)
        hub, _made = identity.init_hub(conn, tmp_path / "keys", "13")
    return hub_db, hub


@pytest.fixture
def serve_hub(initialised_hub, tmp_path):
    """serve_hub(**make_app options) -> a ServedHub, stopped after the test."""
    from desktop.hub import server

    url, hub = initialised_hub
    served = []

    def start(**options):
        served.append(ServedHub(server.make_app(url, hub, spool_dir=str(tmp_path), **options)))
        return served[-1]

    yield start
    for running in served:
        running.stop()
