"""A township restored from a backup that keeps using the same stick (or shared folder) as before:
its old bundle lies there under the number the restored PC writes next. The restored PC must not
take that bundle for its own unfinished export (it ends at a row of the trail the restore threw
away), and the county's scan of the stick must pick up the new bundle under the old number as a
rejoin request; then ordinary rounds over the same stick bring both sites in step."""

from __future__ import annotations

import pytest

from desktop.core.sync import outgoing, stick
from desktop.core.workspace.workspace import Workspace
from tests.core.sync.helpers import TOWNSHIPS
from tests.core.sync.test_sync_cli_end_to_end import _setup
from tests.core.sync.test_sync_recovery import COUNTY_CLERK, _add, _backup, _clerk, _held, _restore

A, B = TOWNSHIPS


def _scan_round(cli, county, township, folder) -> None:
    """One round as the Sync pages run it: each side imports what its scan of the stick finds."""
    assert cli("export", "--data-dir", township, "--to", folder).code == 0
    with Workspace.open(county) as workspace:
        found = stick.new_data_bundles(workspace.db, folder)
    if found:
        result = cli("import", "--data-dir", county, *found)
        assert result.code == 0, (found, result.out[-1500:])
    assert cli("export", "--data-dir", county, "--to", folder).code == 0
    with Workspace.open(township) as workspace:
        found = stick.new_return_bundles(workspace.db, folder, A)
    if found:
        result = cli("import", "--data-dir", township, *found)
        assert result.code == 0, (found, result.out[-1500:])


@pytest.mark.allow_log("township.sync", "refused .*", level="WARNING")
def test_a_restored_township_on_the_same_stick_rejoins(cli, tmp_path):
    shared, county, townships = _setup(cli, tmp_path)
    folder = tmp_path / "same-stick"
    folder.mkdir()
    _add(cli, townships[A], 2, A)
    backup = _backup(cli, townships[A], tmp_path / "a-backup")
    _add(cli, townships[A], 1, A)
    _scan_round(cli, county, townships[A], folder)                 # bundle 1 applied and acknowledged
    old = (folder / f"TD-{A}-000001.tdb").read_bytes()
    _restore(cli, townships[A], backup, _clerk(A))
    _add(cli, townships[A], 1, A)
    assert cli("export", "--data-dir", townships[A], "--to", folder).code == 0
    with Workspace.open(townships[A]) as workspace:                # a new bundle 1, not the old one adopted
        assert outgoing.acked_through(workspace.db) == 0
    assert (folder / f"TD-{A}-000001.tdb").read_bytes() != old
    with Workspace.open(county) as workspace:
        assert stick.new_data_bundles(workspace.db, folder) == [folder / f"TD-{A}-000001.tdb"]
    for _ in range(3):
        _scan_round(cli, county, townships[A], folder)
    assert len(_held(townships[A], A)) == 4 and _held(townships[A], A) == _held(county, A)
    with Workspace.open(townships[A]) as workspace:
        assert outgoing.export_township(workspace.db, workspace.paths, folder) is None
    with Workspace.open(county) as workspace:                      # an old file is not tried again
        assert stick.new_data_bundles(workspace.db, folder) == []


@pytest.mark.allow_log("township.sync", "refused .*", level="WARNING")
def test_a_restored_county_on_the_same_stick_does_not_take_its_old_return_bundle(cli, tmp_path):
    """The county restores a backup taken before it wrote return bundle 2, which still lies on the
    stick (the township imported it). The restored county must not take that file for its own
    unfinished export: it acknowledges a bundle the restored county no longer holds and carries no
    resync request, and the township imported it already. A new return bundle carries the
    request, so two ordinary rounds bring both sites in step."""
    shared, county, townships = _setup(cli, tmp_path)
    folder = tmp_path / "same-stick"
    folder.mkdir()
    _add(cli, townships[A], 1, A)
    _scan_round(cli, county, townships[A], folder)                 # bundle 1, return bundle 1
    backup = _backup(cli, county, tmp_path / "county-backup")
    _add(cli, townships[A], 1, A)
    _scan_round(cli, county, townships[A], folder)                 # bundle 2, return bundle 2 acknowledges it
    old = (folder / f"TD-{A}-R000002.tdb").read_bytes()
    _restore(cli, county, backup, COUNTY_CLERK)                     # the county loses bundle 2 and return 2
    _add(cli, townships[A], 1, A)
    _scan_round(cli, county, townships[A], folder)
    assert (folder / f"TD-{A}-R000002.tdb").read_bytes() == old    # left as it was, not recorded as sent
    with Workspace.open(county) as workspace:
        sent = [r[0] for r in workspace.db.execute(
            "SELECT sequence FROM sync_sent WHERE kind = 'county-return' AND township = ? ORDER BY sequence", [A])]
    assert sent == [1, 3]
    _scan_round(cli, county, townships[A], folder)
    assert len(_held(townships[A], A)) == 3 and _held(townships[A], A) == _held(county, A)
    with Workspace.open(townships[A]) as workspace:
        assert outgoing.export_township(workspace.db, workspace.paths, folder) is None
