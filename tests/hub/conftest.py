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
