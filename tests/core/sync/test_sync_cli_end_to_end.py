"""End to end through the `township` command: a county and two townships enrolled by files,
records exported, imported at the county, acknowledged back: every record arrives exactly once
and the townships show nothing pending."""

from __future__ import annotations

import json

import pytest

from desktop.core.workspace.workspace import Workspace
from tests.conftest import complete_record
from tests.core.sync.helpers import COUNTY, TOWNSHIPS, county_data_hash, resident_id

NUMERALS = "零一二三四五六七八九"


def _setup(cli, tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    county = tmp_path / "county"
    result = cli("init", "--data-dir", county, "--role", "county", "--county", COUNTY, "--clerk", "县管理员")
    assert result.code == 0, result.err
    assert "SHA256:" in result.out
    assert cli("keys", "export", "--data-dir", county, "--to", stick).code == 0
    pack = stick / f"TD-county-{COUNTY}.tdpack"
    assert pack.is_file() and (stick / "allowed_signers").is_file()
    townships = {}
    for code in TOWNSHIPS:
        folder = tmp_path / code
        result = cli("init", "--data-dir", folder, "--role", "township", "--township", code, "--clerk", f"clerk{code[-1]}",
                     "--county-pack", pack)
        assert result.code == 0, result.err
        assert "county 131025: enrolled" in result.out
        assert cli("keys", "export", "--data-dir", folder, "--to", stick).code == 0
        result = cli("keys", "enroll", "--data-dir", county, stick / f"TD-enroll-{code}.tdkey")
        assert result.code == 0, result.err
        assert f"township {code}: enrolled" in result.out
        townships[code] = folder
    return stick, county, townships


def _add(cli, folder, people):
    code = folder.name if folder.name.isdigit() else TOWNSHIPS[0]
    people = [complete_record(p["id_number"], p["name"], village=f"{code}001") for p in people]
    result = cli("records", "add", "floating_population", "--data-dir", folder, "--json", "-", stdin=json.dumps(people))
    assert result.code == 0, result.err


def _status(cli, folder):
    result = cli("sync", "status", "--data-dir", folder, "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


@pytest.mark.allow_log("township.sync", "refused .*: older-sequence", level="WARNING")
def test_county_and_two_townships_round_trip(cli, tmp_path):
    stick, county, townships = _setup(cli, tmp_path)
    a, b = TOWNSHIPS
    _add(cli, townships[a], [{"name": f"张{NUMERALS[i]}", "id_number": resident_id(i)} for i in range(5)])
    _add(cli, townships[b], [{"name": f"李{NUMERALS[i]}", "id_number": resident_id(100 + i)} for i in range(3)]
         + [{"name": "张零", "id_number": resident_id(0)}])  # the same person as in township a
    assert _status(cli, townships[a])["pending_records"] == 5

    for code in TOWNSHIPS:
        result = cli("export", "--data-dir", townships[code], "--to", stick)
        assert result.code == 0, result.err
        assert "safe to remove" in result.out
    bundles = sorted(stick.glob("TD-1310251*-000001.tdb"))
    assert len(bundles) == 2
    assert cli("verify", "--data-dir", county, bundles[0]).code == 0
    truncated = tmp_path / bundles[0].name
    truncated.write_bytes(bundles[0].read_bytes()[:-1])
    refused = cli("verify", "--data-dir", county, truncated)
    assert refused.code == 1 and refused.err.count("\n") == 1 and refused.err.startswith("township: ")

    result = cli("import", "--data-dir", county, *bundles)
    assert result.code == 0, result.err
    again = cli("import", "--data-dir", county, *bundles)
    assert again.code == 0 and again.out.count("already imported") == 2

    # the county's same-ID check raised one correction task, for whichever registration is the later
    # (both were made within the same second here, so the tie is broken by record id)
    with Workspace.open(county) as workspace:
        [tasked] = [row[0] for row in workspace.db.execute("SELECT township FROM corrections")]
    result = cli("export", "--data-dir", county, "--to", stick)
    assert result.code == 0, result.err
    for code in TOWNSHIPS:
        returned = stick / f"TD-{code}-R000001.tdb"
        result = cli("import", "--data-dir", townships[code], returned)
        assert result.code == 0, result.err
        status = _status(cli, townships[code])
        assert (status["pending_records"], status["pending_audit"], status["pending_items"]) == (0, 0, 0), status
        assert status["last_ack"]["acked_sequence"] == 1
        nothing = cli("export", "--data-dir", townships[code], "--to", stick)
        if code != tasked:
            assert "nothing to send" in nothing.out
        else:  # its next bundle reports that the correction task arrived
            assert "(0 records" in nothing.out and "safe to remove" in nothing.out

    with Workspace.open(county) as workspace:
        rows = workspace.db.execute("SELECT township, count(*), count(DISTINCT id) FROM records GROUP BY township").fetchall()
        assert sorted(rows) == [(a, 5, 5), (b, 4, 4)]
        assert workspace.db.execute("SELECT count(*) FROM sync_resident_conflicts").fetchone()[0] == 1
        county_status = _status(cli, county)
        assert county_status["townships"][a]["last_sequence"] == 1
        before = county_data_hash(workspace.db)
    # a replay of an old bundle after newer ones: refused, county data unchanged
    _add(cli, townships[a], [{"name": "王五", "id_number": resident_id(7)}])
    assert cli("export", "--data-dir", townships[a], "--to", stick).code == 0
    assert cli("import", "--data-dir", county, stick / f"TD-{a}-000002.tdb").code == 0
    with Workspace.open(county) as workspace:
        after_new = county_data_hash(workspace.db)
    assert after_new != before
    replay = cli("import", "--data-dir", county, bundles[0])
    assert replay.code == 1 and "older" in replay.err
    with Workspace.open(county) as workspace:
        assert county_data_hash(workspace.db) == after_new


@pytest.mark.allow_log("township.sync", "refused .*: revoked-signer", level="WARNING")
def test_revoked_township_key_is_refused_and_reenrollment_needs_replace(cli, tmp_path):
    stick, county, townships = _setup(cli, tmp_path)
    a = TOWNSHIPS[0]
    _add(cli, townships[a], [{"name": "赵一", "id_number": resident_id(1)}])
    assert cli("export", "--data-dir", townships[a], "--to", stick).code == 0
    assert cli("keys", "revoke", "--data-dir", county, a).code == 0
    result = cli("import", "--data-dir", county, stick / f"TD-{a}-000001.tdb")
    assert result.code == 1 and "revoked" in result.err
    # the township gets a new PC: new data folder, new keys; enrolling it needs --replace
    fresh = tmp_path / "new-pc"
    assert cli("init", "--data-dir", fresh, "--role", "township", "--township", a, "--clerk", "clerk",
               "--county-pack", stick / f"TD-county-{COUNTY}.tdpack").code == 0
    new_stick = tmp_path / "stick2"
    new_stick.mkdir()
    assert cli("keys", "export", "--data-dir", fresh, "--to", new_stick).code == 0
    enroll = cli("keys", "enroll", "--data-dir", county, new_stick / f"TD-enroll-{a}.tdkey")
    assert enroll.code == 0, enroll.err  # the old key is revoked, so no active key stands in the way
    status = _status(cli, county)
    assert {k["status"] for k in status["townships"][a]["keys"]} == {"revoked", "active"}


def test_bad_county_pack_at_init_creates_nothing(cli, tmp_path):
    stick, county, _ = _setup(cli, tmp_path)
    pack = stick / f"TD-county-{COUNTY}.tdpack"
    damaged = tmp_path / "damaged.tdpack"
    data = bytearray(pack.read_bytes())
    data[len(data) // 2] ^= 1
    damaged.write_bytes(bytes(data))
    fresh = tmp_path / "fresh"
    result = cli("init", "--data-dir", fresh, "--role", "township", "--township", TOWNSHIPS[0], "--clerk", "c",
                 "--county-pack", damaged)
    assert result.code == 1 and result.err.startswith("township: ")
    wrong_role = cli("init", "--data-dir", fresh, "--role", "county", "--county", COUNTY, "--clerk", "c",
                     "--county-pack", pack)
    assert wrong_role.code == 1 and "county-pack" in wrong_role.err
    assert not (fresh / "township.db").exists()
