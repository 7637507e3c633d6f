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
from tests.core.sync.test_sync_recovery import _add, _backup, _clerk, _held, _restore

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
