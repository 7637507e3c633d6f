"""The Sync page's network box with real workspaces, a real hub on PostgreSQL and real HTTP: a
bundle written for the stick shows as queued; with the hub address set, the background sync (the
task service, quiet) sends it and the page shows it sent; after the county's answer, acknowledged.
With the hub down the page says it cannot be reached, keeps the bundle queued and backs off."""

from __future__ import annotations

import pytest

from desktop.core.store import settings
from desktop.core.sync import outbox, outgoing
from desktop.ui.sync import hub_sync
from tests.hub.conftest import hub_db, postgres  # noqa: F401 (the hub's PostgreSQL fixtures, used here)
from tests.ui.sync_sites import TOWNSHIPS, add_records, make_sites, open_as

pytest.importorskip("psycopg")
A = TOWNSHIPS[0]


@pytest.fixture
def network(cli, hub_db, tmp_path):  # noqa: F811 (the fixture imported above)
    from tests.hub.test_hub_desktop_sync import HubProcess, enroll_all

    county_dir, townships = make_sites(tmp_path / "sites")
    keys = enroll_all(cli, hub_db, tmp_path)
    hub = HubProcess(hub_db, keys)
    hub.start()
    yield hub, county_dir, townships
    hub.stop()


def _states(page) -> list[tuple[str, str]]:
    model = page.hub_box.model
    return [(model.index(row, 0).data(), model.index(row, 1).data()) for row in range(model.rowCount())]


def _wait_done(qtbot, controller):
    qtbot.waitUntil(lambda: controller.state in (hub_sync.DONE, hub_sync.FAILED), timeout=60000)


def test_the_sync_page_shows_each_bundle_queued_sent_and_acknowledged(qtbot, qtmodeltester, network, tmp_path, cli):
    from desktop.ui.sync.sync_page import SyncPage

    hub, county_dir, townships = network
    stick = tmp_path / "stick"
    stick.mkdir()
    with open_as(townships[A]) as township:
        add_records(township, 2)
        outgoing.export_township(township.db, township.paths, stick, clerk="clerk")
        controller = hub_sync.HubSync(township, start=False)
        page = SyncPage.__new__(SyncPage)
        township._hub_sync = controller     # the page takes the workspace's one controller
        SyncPage.__init__(page, township)
        qtbot.addWidget(page)
        qtmodeltester.check(page.hub_box.model)
        assert _states(page) == [(f"TD-{A}-000001.tdb", "queued")]
        assert "none set" in page.hub_box.address.text()
        assert not page.hub_box.now_button.isEnabled()

        controller.set_url(hub.url)          # as the "Hub address…" dialog does
        _wait_done(qtbot, controller)
        assert controller.state == hub_sync.DONE, controller.error and controller.error.text.en
        # the run pinned the hub's key on its own connection; the window's copy of the settings has it
        assert (township.setting(settings.HUB_KEY) or "").startswith("ssh-ed25519 ")
        page.refresh()
        assert _states(page) == [(f"TD-{A}-000001.tdb", "sent")]
        assert "In step with the hub" in page.hub_box.state_label.text()
        assert "Sent: 1" in page.hub_box.counts_label.text()

        assert cli("sync", "now", "--data-dir", county_dir, "--hub", hub.url).code == 0   # the county answers
        page.hub_box.now_button.click()
        _wait_done(qtbot, controller)
        page.refresh()
        assert _states(page) == [(f"TD-{A}-000001.tdb", "acknowledged")]
        qtmodeltester.check(page.hub_box.model)


def test_a_hub_that_is_down_is_shown_and_the_bundle_stays_queued_with_backoff(qtbot, network, tmp_path):
    from desktop.ui.sync.sync_page import SyncPage

    hub, _county_dir, townships = network
    hub.stop()
    with open_as(townships[A]) as township:
        add_records(township, 1)
        outgoing.export_township(township.db, township.paths, tmp_path, clerk="clerk")
        controller = hub_sync.HubSync(township, start=False)
        township._hub_sync = controller
        page = SyncPage(township)
        qtbot.addWidget(page)
        controller.set_url(hub.url)
        _wait_done(qtbot, controller)
        assert controller.state == hub_sync.FAILED and controller.error.code == "unreachable"
        assert _states(page) == [(f"TD-{A}-000001.tdb", "queued")]
        state = page.hub_box.state_label.text()   # the reason, once, and when it tries again
        assert state.startswith("Cannot reach the hub") and state.count("stay queued") == 1
        assert "Next try at" in state
        first_wait = controller.timer.remainingTime()
        controller.run_now()
        _wait_done(qtbot, controller)
        assert controller.failures == 2 and controller.timer.remainingTime() > first_wait   # it backs off
        assert outbox.counts(township.db)[outbox.QUEUED] == 1


def test_the_backoff_doubles_to_its_cap_and_waits_out_retry_after():
    assert hub_sync.backoff_seconds(0) == hub_sync.INTERVAL_S
    assert [hub_sync.backoff_seconds(n) for n in (1, 2, 3)] == [30, 60, 120]
    assert hub_sync.backoff_seconds(20) == hub_sync.BACKOFF_MAX_S
    assert hub_sync.backoff_seconds(1, retry_after=90) == 90


def test_the_screen_lock_pauses_the_network_sync(qtbot, tmp_path):
    """While the screen is locked the data key is let go: no run starts; the unlock tries soon."""
    from tests.ui.sync_sites import make_sites as sites

    _county, townships = sites(tmp_path / "sites")
    with open_as(townships[A]) as township:
        township.put_setting("hub_url", "http://127.0.0.1:9")
        controller = hub_sync.HubSync(township, start=False)
        controller.pause()
        controller.run_now()
        assert controller.state == hub_sync.IDLE and not controller.timer.isActive()
        controller.resume()
        assert controller.timer.isActive() and controller.timer.remainingTime() <= hub_sync.FIRST_TRY_MS + 500  # coarse timer
        controller.pause()
