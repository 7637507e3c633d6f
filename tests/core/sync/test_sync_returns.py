"""Return bundles and key changes: updates only go forward, items reach the township once, a
rotated county key is accepted on the old key's endorsement, an unendorsed one needs --replace."""

from __future__ import annotations

import pytest

from desktop.core.errors import UserError
from desktop.core.exchange import exchange
from desktop.core.store.db import transaction
from desktop.core.sync import enrollment, incoming, outgoing, resources, trust
from desktop.core.sync.bundle import read_bundle_file
from desktop.core.sync.keys import create_keys
from desktop.core.workspace.workspace import Workspace
from tests.core.sync.helpers import COUNTY, TOWNSHIPS, add_people, make_sites, resident_id

A = TOWNSHIPS[0]


@pytest.fixture
def sites(tmp_path):
    county_dir, townships = make_sites(tmp_path, (A,))
    stick = tmp_path / "stick"
    stick.mkdir()
    return county_dir, townships[A], stick


def _publish(county, kind, name, version, content):
    with transaction(county.db):
        return resources.install(county.db, kind, enrollment.Resource(name, version, content))


@pytest.mark.allow_log("township.sync", "refused .*: older-sequence", level="WARNING")
def test_updates_go_forward_only_and_items_arrive_once(sites):
    county_dir, township_dir, stick = sites
    with Workspace.open(county_dir) as county:
        _publish(county, "code_list", "divisions", "2", b"code,name\n1,x\n")
        with transaction(county.db):
            exchange.queue(county.db, "correction.task", origin=COUNTY, target=A, payload={"task_id": "c-1", "record_id": "r1"}, item_id="c-1")
        first = outgoing.export_returns(county.db, county.paths, stick, townships=[A])[0]
    with Workspace.open(township_dir) as township:
        outcome = incoming.import_file(township.db, township.paths, first.path)
        assert outcome.outcome == "applied", outcome.text.en
        assert [(r.name, r.version) for r in resources.installed(township.db)] == [("divisions", "2")]
        assert (township.paths.config / "codelists" / "divisions.csv").read_bytes() == b"code,name\n1,x\n"
        with transaction(township.db):
            resources.install(township.db, "code_list", enrollment.Resource("divisions", "3", b"newer"))
        assert incoming.import_file(township.db, township.paths, first.path).outcome == "already"
        received = township.db.execute("SELECT count(*) FROM exchange_items WHERE direction='in'").fetchone()[0]
        assert received == 1
    with Workspace.open(county_dir) as county:
        second = outgoing.export_returns(county.db, county.paths, stick, townships=[A])[0]
    with Workspace.open(township_dir) as township:
        assert incoming.import_file(township.db, township.paths, second.path).outcome == "applied"
        assert [r.version for r in resources.installed(township.db)] == ["3"]  # v2 again did not roll back
        assert township.db.execute("SELECT count(*) FROM exchange_items WHERE direction='in'").fetchone()[0] == 1
        older = incoming.import_file(township.db, township.paths, first.path)
        assert older.outcome == "refused" and older.code == "older-sequence"


@pytest.mark.allow_log("township.sync", "refused .*: unknown-signer", level="WARNING")
def test_return_bundle_for_another_township_or_from_a_stranger_refused(sites, tmp_path):
    county_dir, township_dir, stick = sites
    with Workspace.open(county_dir) as county:
        written = outgoing.export_returns(county.db, county.paths, stick, townships=[A])[0]
    other = make_sites(tmp_path / "elsewhere", (A,), fresh=True)[1][A]  # another county's township with the same code
    with Workspace.open(other) as stranger_site:
        outcome = incoming.import_file(stranger_site.db, stranger_site.paths, written.path)
        assert outcome.outcome == "refused" and outcome.code == "unknown-signer"


@pytest.mark.allow_log("township.sync", "refused .*: unknown-signer", level="WARNING")
def test_county_key_rotation_endorsed_by_the_old_key(sites):
    county_dir, township_dir, stick = sites
    with Workspace.open(township_dir) as township:
        add_people(township, [{"name": "甲", "id_number": resident_id(1)}])
        old_bundle = outgoing.export_township(township.db, township.paths, stick)
    with Workspace.open(county_dir) as county:
        trust.rotate_county_keys(county.db, county.paths)
        trust.export_keys(county.db, county.paths, stick)
        # a bundle encrypted to the old county key still opens with the retired identity
        assert incoming.import_file(county.db, county.paths, old_bundle.path).outcome == "applied"
        returned = outgoing.export_returns(county.db, county.paths, stick, townships=[A])[0]
    with Workspace.open(township_dir) as township:
        # signed by the old key, announcing the new one: believed without a new pack
        assert incoming.import_file(township.db, township.paths, returned.path).outcome == "applied"
        assert outgoing.acked_through(township.db) > 0
        pack = read_bundle_file(stick / enrollment.county_pack_file_name(COUNTY))
        outcome = trust.enroll_file(township.db, township.paths, pack)
        assert outcome.status == "same"   # the announcement enrolled the new key already


@pytest.mark.allow_log("township.sync", "refused .*: unknown-signer", level="WARNING")
def test_a_county_key_unknown_to_the_township_is_refused_until_its_pack(sites):
    """A township enrolled after the rotation hears no announcement; a county pack with an
    endorsement is still accepted as before."""
    county_dir, township_dir, stick = sites
    with Workspace.open(county_dir) as county:
        trust.rotate_county_keys(county.db, county.paths)
        trust.export_keys(county.db, county.paths, stick)
        county.db.execute("DELETE FROM exchange_items")   # as for a township enrolled after the rotation
        returned = outgoing.export_returns(county.db, county.paths, stick, townships=[A])[0]
    with Workspace.open(township_dir) as township:
        refused = incoming.import_file(township.db, township.paths, returned.path)
        assert refused.code == "unknown-signer"  # until the new county pack is enrolled
        pack = read_bundle_file(stick / enrollment.county_pack_file_name(COUNTY))
        outcome = trust.enroll_file(township.db, township.paths, pack)
        assert outcome.status == "rotated"
        assert incoming.import_file(township.db, township.paths, returned.path).outcome == "applied"


def test_unendorsed_new_county_key_needs_replace(sites, tmp_path):
    county_dir, township_dir, stick = sites
    impostor = create_keys(tmp_path / "impostor")
    pack = enrollment.build_county_pack(impostor, COUNTY, "fake")
    with Workspace.open(township_dir) as township:
        with pytest.raises(UserError) as caught:
            trust.enroll_file(township.db, township.paths, pack)
        assert caught.value.code == "already-enrolled"
        assert "--replace" in caught.value.text.en


def test_enrollment_for_another_county_refused(sites, tmp_path):
    county_dir, _, _ = sites
    keys = create_keys(tmp_path / "k")
    data = enrollment.build_enrollment(keys, "131026100", "131026", "x")
    with Workspace.open(county_dir) as county:
        with pytest.raises(UserError) as caught:
            trust.enroll_file(county.db, county.paths, data)
        assert caught.value.code == "wrong-county"
