"""A township restored from a backup after the county rotated its keys, through the `township`
command. At the rejoin the county sends the township again every item addressed to it, the
rotation's announcement too; the return bundle carrying it is signed with the county key the
township names in its bundle (`county_key`, docs/SYNC.md "Recovery"): the retired key for a PC
restored from before the rotation (it learns the new key from the announcement), the new key for
one restored from after it (it refuses the retired key for good). Either way two ordinary rounds
bring it back in step."""

from __future__ import annotations

import pytest

from desktop.core.sync import bundle, trust
from desktop.core.workspace.workspace import Workspace
from tests.core.sync.helpers import COUNTY
from tests.core.sync.test_sync_cli_end_to_end import _setup
from tests.core.sync.test_sync_recovery import (
    COUNTY_CLERK,
    _add,
    _assert_in_step,
    _backup,
    _clerk,
    _restore,
    _round,
)

A, B = "131025100", "131025101"


def _return_refusals(folder) -> set[str]:
    with Workspace.open(folder) as workspace:
        return {row[0] for row in workspace.db.execute(
            "SELECT code FROM sync_received WHERE kind = ? AND outcome = 'refused'", [bundle.KIND_RETURN])}


@pytest.mark.allow_log("township.sync", "refused .*", level="WARNING")
@pytest.mark.parametrize("backup_taken", ["after-the-rotation", "before-the-rotation"])
def test_a_township_restored_after_a_key_rotation_rejoins_in_two_rounds(cli, tmp_path, backup_taken):
    stick, county, townships = _setup(cli, tmp_path)
    _add(cli, townships[A], 2, A)
    _add(cli, townships[B], 1, B)
    _round(cli, tmp_path, county, townships, "1")
    if backup_taken == "before-the-rotation":
        backup = _backup(cli, townships[A], tmp_path / "a-backup")
    assert cli("keys", "rotate", "--data-dir", county, "--clerk", COUNTY_CLERK).code == 0
    _round(cli, tmp_path, county, townships, "2")             # the announcement, signed by the old key
    _add(cli, townships[A], 1, A)
    _round(cli, tmp_path, county, townships, "3")             # A confirms it: the new key signs from here
    if backup_taken == "after-the-rotation":
        backup = _backup(cli, townships[A], tmp_path / "a-backup")
    _add(cli, townships[A], 2, A)
    _round(cli, tmp_path, county, townships, "4")
    _restore(cli, townships[A], backup, _clerk(A))            # A loses records the county holds
    _add(cli, townships[A], 1, A)
    _round(cli, tmp_path, county, townships, "5")             # a rejoin request; the rejoin comes back
    _round(cli, tmp_path, county, townships, "6")             # the re-based bundle
    _assert_in_step(cli, county, townships, {A: 6, B: 1})
    assert "retired-signer" not in _return_refusals(townships[A])
    with Workspace.open(townships[A]) as workspace:           # and A trusts only the new county key
        active = [row["fingerprint"] for row in trust.enrolled(workspace.db, status="active") if row["role"] == "county"]
    with Workspace.open(county) as workspace:
        assert active == [trust.install_keys(workspace.paths).public().fingerprint]


@pytest.mark.allow_log("township.sync", "refused .*", level="WARNING")
def test_a_new_pc_after_a_key_rotation_takes_the_announcement_sent_again_at_its_rejoin(cli, tmp_path):
    """The new PC is set up from the county pack of the new key: it never held the old key, so the
    announcement the rejoin sends again (endorsed by the old key) is one it can only take as
    naming the key it already trusts, not refuse (which it would for every later return bundle)."""
    stick, county, townships = _setup(cli, tmp_path)
    _add(cli, townships[A], 2, A)
    _round(cli, tmp_path, county, townships, "1")
    assert cli("keys", "rotate", "--data-dir", county, "--clerk", COUNTY_CLERK).code == 0
    _round(cli, tmp_path, county, townships, "2")
    _add(cli, townships[A], 1, A)
    _round(cli, tmp_path, county, townships, "3")             # the rotation confirmed by both townships
    trip = tmp_path / "enroll"
    trip.mkdir()
    assert cli("keys", "export", "--data-dir", county, "--to", trip).code == 0   # the pack of the new key
    new_pc = tmp_path / "new-pc"
    assert cli("init", "--data-dir", new_pc, "--role", "township", "--township", A, "--clerk", _clerk(A),
               "--county-pack", trip / f"TD-county-{COUNTY}.tdpack").code == 0
    assert cli("keys", "export", "--data-dir", new_pc, "--to", trip).code == 0
    assert cli("keys", "enroll", "--data-dir", county, trip / f"TD-enroll-{A}.tdkey", "--replace").code == 0
    townships = {A: new_pc, B: townships[B]}
    _round(cli, tmp_path, county, townships, "4")             # a rejoin request; the rejoin comes back
    _round(cli, tmp_path, county, townships, "5")
    _assert_in_step(cli, county, townships, {A: 3, B: 0})
    assert not _return_refusals(new_pc)


@pytest.mark.allow_log("township.sync", "refused .*", level="WARNING")
def test_a_pc_set_up_between_two_rotations_takes_both_announcements_sent_again_at_its_rejoin(cli, tmp_path):
    """Set up with the key of the first rotation, it imported the second; restored from a backup,
    its rejoin sends both announcements again: the first names a key it holds (retired) and is
    endorsed by one it never held - nothing changes, nothing is refused."""
    stick, county, townships = _setup(cli, tmp_path)
    _add(cli, townships[A], 2, A)
    _round(cli, tmp_path, county, townships, "1")
    assert cli("keys", "rotate", "--data-dir", county, "--clerk", COUNTY_CLERK).code == 0
    _round(cli, tmp_path, county, townships, "2")
    _round(cli, tmp_path, county, townships, "3")
    trip = tmp_path / "enroll"
    trip.mkdir()
    assert cli("keys", "export", "--data-dir", county, "--to", trip).code == 0
    new_pc = tmp_path / "new-pc"
    assert cli("init", "--data-dir", new_pc, "--role", "township", "--township", A, "--clerk", _clerk(A),
               "--county-pack", trip / f"TD-county-{COUNTY}.tdpack").code == 0
    assert cli("keys", "export", "--data-dir", new_pc, "--to", trip).code == 0
    assert cli("keys", "enroll", "--data-dir", county, trip / f"TD-enroll-{A}.tdkey", "--replace").code == 0
    townships = {A: new_pc, B: townships[B]}
    _round(cli, tmp_path, county, townships, "4")
    _round(cli, tmp_path, county, townships, "5")
    assert cli("keys", "rotate", "--data-dir", county, "--clerk", COUNTY_CLERK).code == 0
    _round(cli, tmp_path, county, townships, "6")
    _add(cli, new_pc, 1, A)
    _round(cli, tmp_path, county, townships, "7")             # the second rotation confirmed
    backup = _backup(cli, new_pc, tmp_path / "a-backup")
    _add(cli, new_pc, 1, A)
    _round(cli, tmp_path, county, townships, "8")
    _restore(cli, new_pc, backup, _clerk(A))
    _round(cli, tmp_path, county, townships, "9")             # a rejoin request; the rejoin comes back
    _round(cli, tmp_path, county, townships, "10")
    _assert_in_step(cli, county, townships, {A: 4, B: 0})
    assert not _return_refusals(new_pc)


@pytest.mark.allow_log("township.sync", "refused .*", level="WARNING")
def test_a_new_pc_after_two_rotations_takes_both_announcements_sent_again_at_its_rejoin(cli, tmp_path):
    """Set up from the county pack of the key of the second rotation, the new PC never held the
    first two keys: the first announcement names a key it never held, endorsed by another it never
    held. It cannot change what this PC trusts, so it changes nothing; refusing it refused every
    rejoin offer, and the new PC never got back in step (fault seed 31963)."""
    stick, county, townships = _setup(cli, tmp_path)
    _add(cli, townships[A], 2, A)
    _round(cli, tmp_path, county, townships, "1")
    for rotation in ("2", "3"):
        assert cli("keys", "rotate", "--data-dir", county, "--clerk", COUNTY_CLERK).code == 0
        _round(cli, tmp_path, county, townships, f"{rotation}a")   # the announcement, signed by the old key
        _add(cli, townships[A], 1, A)
        _round(cli, tmp_path, county, townships, f"{rotation}b")   # confirmed: the new key signs from here
    trip = tmp_path / "enroll"
    trip.mkdir()
    assert cli("keys", "export", "--data-dir", county, "--to", trip).code == 0   # the pack of the newest key
    new_pc = tmp_path / "new-pc"
    assert cli("init", "--data-dir", new_pc, "--role", "township", "--township", A, "--clerk", _clerk(A),
               "--county-pack", trip / f"TD-county-{COUNTY}.tdpack").code == 0
    assert cli("keys", "export", "--data-dir", new_pc, "--to", trip).code == 0
    assert cli("keys", "enroll", "--data-dir", county, trip / f"TD-enroll-{A}.tdkey", "--replace").code == 0
    townships = {A: new_pc, B: townships[B]}
    _round(cli, tmp_path, county, townships, "4")             # a rejoin request; the rejoin comes back
    _round(cli, tmp_path, county, townships, "5")
    _assert_in_step(cli, county, townships, {A: 4, B: 0})
    assert "bad-rotation" not in _return_refusals(new_pc)
    with Workspace.open(new_pc) as workspace:                 # and it trusts only the newest county key
        held = {row["fingerprint"]: row["status"] for row in trust.enrolled(workspace.db) if row["role"] == "county"}
    with Workspace.open(county) as workspace:
        assert held == {trust.install_keys(workspace.paths).public().fingerprint: "active"}
