"""The Sync pages with real workspaces and real keys: the township exports to a stick-like folder
and is told it is safe to remove, a full stick marks nothing sent, the watcher finds the
configured folder and the township picks up its return bundle there; the county imports two
townships' bundles and lists them, a refused bundle is shown with its reason."""

from __future__ import annotations

import errno
import os

import pytest
from PySide6.QtCore import Qt

from desktop.core.sync import incoming, outgoing, status, stick, trust
from tests.ui.sync_sites import COUNTY, TOWNSHIPS, add_records, make_sites, open_as

A, B = TOWNSHIPS


@pytest.fixture
def sites(tmp_path):
    county_dir, townships = make_sites(tmp_path / "sites")
    return county_dir, townships


def _stick(tmp_path):
    folder = tmp_path / "media" / "KINGSTON" / stick.SYNC_FOLDER_NAME
    folder.mkdir(parents=True)
    return folder


def _wait(qtbot, page):
    qtbot.waitUntil(lambda: not page.busy, timeout=20000)


def test_township_exports_to_a_stick_and_is_told_safe_to_remove(qtbot, sites, tmp_path):
    from desktop.ui.sync.sync_page import SyncPage

    _, townships = sites
    target = _stick(tmp_path)
    with open_as(townships[A]) as township:
        add_records(township, 3)
        page = SyncPage(township)
        qtbot.addWidget(page)
        assert page.pending_records.text() == "3"
        page.export_to(target)
        _wait(qtbot, page)
        assert "safe to remove" in page.result.headline.text()
        assert (target / "TD-131025100-000001.tdb").is_file()
        assert page.last_export.text().startswith("No. 1")
        assert page.pending_records.text() == "3"  # sent, not yet acknowledged
        page.export_to(target)
        _wait(qtbot, page)
        assert "safe to remove" in page.result.headline.text()  # cumulative: bundle 2 carries them again
        assert (target / "TD-131025100-000002.tdb").is_file()


def test_a_full_stick_gives_a_clear_message_and_marks_nothing_sent(qtbot, sites, tmp_path, monkeypatch):
    from desktop.ui.sync.sync_page import SyncPage

    _, townships = sites
    target = _stick(tmp_path)
    with open_as(townships[A]) as township:
        add_records(township, 2)
        page = SyncPage(township)
        qtbot.addWidget(page)

        def full(_fd):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(os, "fsync", full)
        page.export_to(target)
        _wait(qtbot, page)
        monkeypatch.undo()
        assert "full" in page.result.headline.text() and "safe" not in page.result.headline.text()
        assert status.township_state(township.db).last_export_sequence is None
        assert not [p for p in target.iterdir() if p.suffix == ".tdb"]
        assert page.last_export.text() == "none yet"


def test_watcher_finds_the_configured_folder_and_the_township_picks_up_its_return(qtbot, sites, tmp_path):
    from desktop.ui.sync.drive_watcher import DriveWatcher
    from desktop.ui.sync.sync_page import SyncPage

    county_dir, townships = sites
    share = tmp_path / "share"
    share.mkdir()
    watcher = DriveWatcher(lambda: str(share), interval_ms=50)
    with qtbot.waitSignal(watcher.changed, timeout=5000) as found:
        watcher.start()
    watcher.stop()
    assert found.args[0][0] == stick.SyncFolder(share, str(share), configured=True)

    with open_as(townships[A]) as township:
        add_records(township, 2)
        township.put_setting(stick.SYNC_FOLDER_SETTING, str(share))
        page = SyncPage(township)
        qtbot.addWidget(page)
        qtbot.waitUntil(lambda: page.export_drive_button.isEnabled(), timeout=5000)
        assert page.drive_label.text() == f"Using the shared sync folder {share}."
        page.export_drive_button.click()
        _wait(qtbot, page)
        assert "safe to remove" in page.result.headline.text()
    from desktop.ui.sync.county_sync_page import CountySyncPage
    with open_as(county_dir, "county") as county:
        county.put_setting(stick.SYNC_FOLDER_SETTING, str(share))
        county_page = CountySyncPage(county)
        qtbot.addWidget(county_page)
        qtbot.waitUntil(lambda: county_page.import_drive_button.isEnabled(), timeout=5000)
        assert "(1)" in county_page.import_drive_button.text()
        county_page.import_drive_button.click()
        _wait(qtbot, county_page)
        county_page.returns_drive_button.click()
        _wait(qtbot, county_page)
        assert "safe to remove" in county_page.result.headline.text()
    with open_as(townships[A]) as township:
        page = SyncPage(township)
        qtbot.addWidget(page)
        qtbot.waitUntil(lambda: page.pickup_button.isEnabled(), timeout=5000)
        assert page.pickup_button.text() == "Pick up return bundles (1)"
        page.pickup_button.click()
        _wait(qtbot, page)
        assert "Bundles applied: 1;" in page.result.headline.text()
        assert page.pending_records.text() == "0"
        assert page.last_ack.text().startswith("up to bundle No. 1")
        assert page.pickup_button.text() == "Pick up return bundles (0)"


@pytest.mark.allow_log("township.sync", "refused .*: (older-sequence|revoked-signer)", level="WARNING")
def test_county_imports_two_townships_and_shows_a_refusal_with_its_reason(qtbot, qtmodeltester, sites, tmp_path):
    from desktop.ui.sync.county_sync_page import CountySyncPage

    county_dir, townships = sites
    target = _stick(tmp_path)
    files = []
    for code, count in ((A, 3), (B, 2)):
        with open_as(townships[code]) as township:
            add_records(township, count)
        with open_as(townships[code]) as township:
            files.append(outgoing.export_township(township.db, township.paths, target).path)
    with open_as(county_dir, "county") as county:
        page = CountySyncPage(county)
        qtbot.addWidget(page)
        qtmodeltester.check(page.model)
        assert page.model.rowCount() == 10  # every township of the county's code list
        page.import_files(files)
        _wait(qtbot, page)
        assert "Bundles imported: 2;" in page.result.headline.text()
        rows = {row.code: row for row in page.model.rows}
        assert (rows[A].last_sequence, rows[B].last_sequence) == (1, 1)
        assert rows[A].key_state == rows[B].key_state == "enrolled"
        qtmodeltester.check(page.model)
        row_a = [page.model.row(r).code for r in range(page.model.rowCount())].index(A)
        assert page.model.index(row_a, 2).data() == "1"
        assert page.model.index(row_a, 1).data() == "enrolled"

    other_stick = tmp_path / "other-stick"
    other_stick.mkdir()
    with open_as(townships[A]) as township:
        add_records(township, 1, start=40)
        second = outgoing.export_township(township.db, township.paths, other_stick).path
    with open_as(county_dir, "county") as county:
        [applied] = incoming.import_files(county.db, county.paths, [second])
        assert applied.outcome == "applied"
        page = CountySyncPage(county)
        qtbot.addWidget(page)
        page.import_files([files[0], files[1]])  # bundle 1 of A again after its bundle 2: a replay
        _wait(qtbot, page)
        assert "Bundles imported: 0; already imported: 1; refused: 1" in page.result.headline.text()
        refused = [line for line in page.result.lines() if files[0].name in line][0]
        assert "older" in refused
        row_a = [r.code for r in page.model.rows].index(A)
        assert page.model.rows[row_a].refused_bundles == 1 and page.model.rows[row_a].last_sequence == 2
        assert page.model.index(row_a, 5).data(Qt.ItemDataRole.ToolTipRole).startswith("Latest refusal:")

        # a revoked key: the township's next bundle is refused, with the reason listed
        page.table.selectRow(row_a)
        assert page.revoke_button.isEnabled()
        page.revoke(A, "the PC was stolen")
        assert page.model.index(row_a, 1).data() == "revoked"
        note = trust.enrolled(county.db, owner=A)[0]["note"]
        assert note == "revoked: the PC was stolen"
    with open_as(townships[A]) as township:
        add_records(township, 1, start=60)
        third = outgoing.export_township(township.db, township.paths, target).path
    with open_as(county_dir, "county") as county:
        page = CountySyncPage(county)
        qtbot.addWidget(page)
        page.import_files([third])
        _wait(qtbot, page)
        assert "refused: 1" in page.result.headline.text()
        assert "revoked" in page.result.lines()[0] and third.name in page.result.lines()[0]
        assert "could not be verified: 1" in page.summary.text()


def test_only_an_admin_may_revoke(qtbot, sites):
    from desktop.ui.sync.county_sync_page import CountySyncPage

    county_dir, _ = sites
    with open_as(county_dir, "county") as county:
        county.clerk_role = "supervisor"
        page = CountySyncPage(county)
        qtbot.addWidget(page)
        assert not page.revoke_button.isVisibleTo(page)
        page.revoke(A, "no reason")
        assert "role" in page.result.headline.text()
        assert [r["status"] for r in trust.enrolled(county.db, owner=A)] == ["active"]


def test_county_enrolls_a_township_after_seeing_its_number(qtbot, tmp_path):
    from desktop.core.sync import enrollment
    from desktop.ui.sync.county_sync_page import CountySyncPage

    county_dir, townships = make_sites(tmp_path / "sites", (A,))
    folder = tmp_path / "enroll"
    folder.mkdir()
    with open_as(townships[A]) as township:
        number = trust.install_keys(township.paths).public().short_fingerprint
    from tests.conftest import PASSWORD
    from tests.helpers.workspaces import set_up
    with set_up(tmp_path / "new-b", role="township", code=B, clerk="clerk", password=PASSWORD) as newcomer:
        trust.setup_install(newcomer.db, newcomer.paths)
        trust.export_keys(newcomer.db, newcomer.paths, folder)
        number = trust.install_keys(newcomer.paths).public().short_fingerprint
    with open_as(county_dir, "county") as county:
        page = CountySyncPage(county)
        qtbot.addWidget(page)
        dialog = page.enroll_file(folder / enrollment.enrollment_file_name(B))
        assert dialog.findChild(type(page.summary), "shortFingerprint").text() == number
        ok = dialog.buttons.buttons()[0]
        assert not ok.isEnabled()
        dialog.confirm.setChecked(True)
        assert ok.isEnabled()
        dialog.accept()
        assert [r.key_state for r in page.model.rows if r.code == B] == ["enrolled"]
        assert COUNTY in county.county


def test_scanning_the_real_mounts_finds_no_sync_folder_on_system_volumes(tmp_path):
    from PySide6.QtCore import QStorageInfo

    from desktop.ui.sync.drive_watcher import likely_removable, scan

    assert not likely_removable(QStorageInfo.root())  # the system volume is never offered
    found = scan(None)
    assert all(not f.configured for f in found)
    assert scan(str(tmp_path / "not-there")) == found  # an offline share is simply not listed
