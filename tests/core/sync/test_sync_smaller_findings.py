"""Smaller sync findings, each through the `township` command or the core API: records without
audit rows, enrolling codes outside the county's division list, `township import PACK` and the
config folder, the allowed_signers file of the hand check, and the first acknowledgement."""

from __future__ import annotations

import subprocess

import pytest

from desktop.core.store.db import transaction
from desktop.core.sync import bundle, enrollment, incoming, outgoing, resources
from desktop.core.sync.keys import create_keys
from desktop.core.workspace.workspace import Workspace
from tests.core.sync import test_sync_hostile_payloads as hostile
from tests.core.sync.conftest import data_record
from tests.core.sync.helpers import COUNTY, TOWNSHIPS, make_sites
from tests.core.sync.test_sync_hostile_payloads import _put, signed_data_bundle

pristine, sites = hostile.pristine, hostile.sites
A = TOWNSHIPS[0]


def test_a_record_without_an_audit_row_is_refused_and_listed(sites):
    county_dir, townships, stick, payload = sites
    assert all(any(row["record_id"] == r["id"] for row in payload["audit"]) for r in payload["records"])
    payload["records"].append(data_record(A, "no-trail", form_id="floating_population", form_version="1"))
    path = _put(stick, signed_data_bundle(townships[A], payload))
    with Workspace.open(county_dir) as county:
        [outcome] = incoming.import_files(county.db, county.paths, [path])
        assert outcome.outcome == "applied", outcome.text.en
        assert "2 records applied" in outcome.text.en and "1 refused" in outcome.text.en
        assert county.db.execute("SELECT count(*) FROM records WHERE id = 'no-trail'").fetchone()[0] == 0
        assert county.db.execute("SELECT count(*) FROM records").fetchone()[0] == 2
        [(reason,)] = county.db.execute("SELECT reason FROM sync_record_refusals WHERE record_id = 'no-trail'")
        assert "without an audit row" in reason
        written = outgoing.export_returns(county.db, county.paths, stick, townships=[A])[0]
    with Workspace.open(townships[A]) as township:
        incoming.import_file(township.db, township.paths, written.path)
        from desktop.core.store import settings

        refused = settings.get(township.db, incoming.LAST_ACK)["records_refused"]
        assert [r["record"] for r in refused] == ["no-trail"]


@pytest.mark.parametrize("code", [COUNTY, "131025999", "131025100001"])
def test_the_county_enrolls_only_townships_of_its_division_list(cli, tmp_path, code):
    county_dir, _ = make_sites(tmp_path, (A,))
    path = tmp_path / enrollment.enrollment_file_name(code)
    path.write_bytes(enrollment.build_enrollment(create_keys(tmp_path / "k"), code, COUNTY, "someone"))
    result = cli("keys", "enroll", "--data-dir", county_dir, path)
    assert result.code != 0
    assert f"{code} is not a township of this county's division list" in result.err
    with Workspace.open(county_dir) as county:
        assert county.db.execute("SELECT count(*) FROM sync_keys WHERE owner = ?", [code]).fetchone()[0] == 0


def test_import_of_a_county_pack_installs_code_lists_under_config_too(cli, tmp_path):
    county_dir, townships = make_sites(tmp_path, (A,))
    stick = tmp_path / "stick"
    stick.mkdir()
    with Workspace.open(county_dir) as county:
        with transaction(county.db):
            resources.install(county.db, "code_list", enrollment.Resource("villages", "2026.2", b"code,name\n1,x\n"))
    assert cli("keys", "export", "--data-dir", county_dir, "--to", stick).code == 0
    result = cli("import", "--data-dir", townships[A], stick / enrollment.county_pack_file_name(COUNTY))
    assert result.code == 0, result.err
    assert (townships[A] / "config" / "codelists" / "villages.csv").read_bytes() == b"code,name\n1,x\n"
    with Workspace.open(townships[A]) as township:
        assert [(r.name, r.version) for r in resources.installed(township.db, "code_list")] == [("villages", "2026.2")]


def test_allowed_signers_on_the_stick_names_the_township_after_enrollment(cli, tmp_path):
    """Enrollment steps 1 to 3 as docs/SYNC.md gives them, then the documented hand check with
    the real ssh-keygen and the allowed_signers file on the stick - without another keys export."""
    stick = tmp_path / "stick"
    stick.mkdir()
    county, township = tmp_path / "county", tmp_path / A
    assert cli("init", "--data-dir", county, "--role", "county", "--county", COUNTY, "--clerk", "县管理员").code == 0
    assert cli("keys", "export", "--data-dir", county, "--to", stick).code == 0
    assert len((stick / "allowed_signers").read_text().splitlines()) == 1
    assert cli("init", "--data-dir", township, "--role", "township", "--township", A, "--clerk", "clerk",
               "--county-pack", stick / enrollment.county_pack_file_name(COUNTY)).code == 0
    assert cli("keys", "export", "--data-dir", township, "--to", stick).code == 0
    result = cli("keys", "enroll", "--data-dir", county, stick / enrollment.enrollment_file_name(A))
    assert result.code == 0, result.err
    assert "allowed_signers" in result.out
    lines = (stick / "allowed_signers").read_text().splitlines()
    assert [line.split()[0] for line in lines] == [COUNTY, A]

    with Workspace.open(township) as ws:
        from tests.core.sync.helpers import add_people, resident_id

        add_people(ws, [{"name": "甲", "id_number": resident_id(1)}])
    assert cli("export", "--data-dir", township, "--to", stick).code == 0
    [data] = [p for p in stick.iterdir() if bundle.parse_bundle_file_name(p.name)]
    check = tmp_path / "check"
    check.mkdir()
    subprocess.run(["unzip", "-q", str(data)], cwd=check, check=True)
    with open(check / "manifest.json", "rb") as manifest:
        verified = subprocess.run(["ssh-keygen", "-Y", "verify", "-f", str(stick / "allowed_signers"), "-I", A,
                                   "-n", "township-desk-bundle@v1", "-s", str(check / "manifest.sig")],
                                  stdin=manifest, capture_output=True, text=True)
    assert verified.returncode == 0, verified.stderr
    assert f'Good "township-desk-bundle@v1" signature for {A}' in verified.stdout + verified.stderr


def test_a_township_that_never_sent_a_bundle_is_not_told_bundle_0(cli, tmp_path):
    county_dir, townships = make_sites(tmp_path, (A,))
    stick = tmp_path / "stick"
    stick.mkdir()
    with Workspace.open(county_dir) as county:
        written = outgoing.export_returns(county.db, county.paths, stick, townships=[A])[0]
    result = cli("import", "--data-dir", townships[A], written.path)
    assert result.code == 0, result.err
    assert "bundle 0" not in result.out
    assert "no bundle of this township acknowledged yet" in result.out
