"""The backup and restore docs/HUB.md prescribes, done as written: `pg_dump -Fc` of the hub's
database plus a copy of its keys folder; `pg_restore` into a new database on another "server";
`township hub init` there says "up to date" and the restored hub serves the same mail
(the stored bundle listed and fetched byte-identical, a resend answered "duplicate")."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import psycopg

from desktop.core.sync import bundle
from desktop.hub import server
from tests.hub.conftest import ServedHub


def _tool(postgres, name: str) -> str:
    """The cluster's own version of a client program (a PATH may hold only initdb and pg_ctl)."""
    return str(Path(os.path.realpath(postgres.bin_dir / "initdb")).parent / name)


def test_a_dump_and_the_keys_folder_restore_the_hub_elsewhere(cli, postgres, initialised_hub, hub_db, real_sites,
                                                             serve_hub, tmp_path):
    url, hub = initialised_hub
    for site_file in (real_sites.county_pack, real_sites.enrollment[real_sites.townships[0]]):
        assert cli("hub", "enroll", "--db", url, site_file).code == 0
    data = real_sites.data[real_sites.townships[0]].read_bytes()
    assert serve_hub().post(data)[0] == 201

    # the backup: the database, and the keys (the database holds no private key)
    dump = tmp_path / "hub.dump"
    subprocess.run([_tool(postgres, "pg_dump"), "-Fc", "-d", url, "-f", str(dump)], check=True, timeout=120)
    keys_copy = tmp_path / "keys-backup"
    shutil.copytree(tmp_path / "keys", keys_copy)

    # the restore, into a new database as on a new server
    name = "hub_restored_" + uuid.uuid4().hex[:8]
    with psycopg.connect(postgres.url(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    restored = postgres.url(name)
    subprocess.run([_tool(postgres, "pg_restore"), "--no-owner", "-d", restored, str(dump)], check=True, timeout=120)
    again = cli("hub", "init", "--db", restored, "--province", "13", "--keys", keys_copy)
    assert again.code == 0 and "up to date" in again.out

    from desktop.hub import db, identity

    with db.connect(restored, autocommit=True) as conn:
        restored_hub = identity.load_hub(conn, keys_copy)
    assert restored_hub.fingerprint == hub.fingerprint
    served = ServedHub(server.make_app(restored, restored_hub, spool_dir=str(tmp_path)))
    try:
        county = real_sites.county_code
        status, _headers, body = served.pull(f"/v1/bundles?for={county}", real_sites.keys(county), county)
        assert status == 200 and bundle.identity_of(data) in body.decode()
        status, _headers, fetched = served.pull(f"/v1/bundles/{bundle.identity_of(data)}",
                                               real_sites.keys(county), county)
        assert status == 200 and fetched == data
        status, _headers, body = served.post(data)
        assert status == 200 and b'"duplicate"' in body
    finally:
        served.stop()
