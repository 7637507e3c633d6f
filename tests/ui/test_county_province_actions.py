"""The county's province actions on its Sync page, through real widgets: the province pack's
number shown to compare by phone (Enroll only once confirmed), the pack's hub taken as the
county's; then "Send this month to the province" writes the county bundle (figures and keyed
person codes) and queues it for the network."""

from __future__ import annotations

import os

from desktop.core.store import settings
from desktop.core.sync import bundle, enrollment, outbox, province_trust
from desktop.core.sync.keys import create_keys
from tests.ui.sync_sites import TOWNSHIPS, add_records, make_sites, open_as

A = TOWNSHIPS[0]


def test_the_county_enrolls_the_province_pack_and_sends_the_month(qtbot, tmp_path):
    from desktop.ui.sync import province_actions
    from desktop.ui.sync.county_sync_page import CountySyncPage

    county_dir, townships = make_sites(tmp_path / "sites", (A,))
    with open_as(townships[A]) as township:
        add_records(township, 2)
    hub_keys = create_keys(tmp_path / "hub-keys")
    pack_path = tmp_path / enrollment.province_pack_file_name("13")
    pack_path.write_bytes(enrollment.build_province_pack(hub_keys, "13", "河北省", "https://hub.example.cn",
                                                         os.urandom(32)))
    with open_as(county_dir, "county") as county:
        page = CountySyncPage(county)
        qtbot.addWidget(page)
        assert not page.province_send_button.isEnabled()          # nothing to send to yet
        dialog = province_actions.enroll_province_pack_file(page, pack_path)
        assert dialog.findChild(type(page.summary), "shortFingerprint").text() == hub_keys.public().short_fingerprint
        ok = dialog.buttons.buttons()[0]
        assert not ok.isEnabled()
        dialog.confirm.setChecked(True)
        assert ok.isEnabled()
        dialog.accept()
        assert province_trust.enrolled_province(county.db).code == "13"
        assert county.setting(settings.HUB_URL) == "https://hub.example.cn"
        assert page.province_send_button.isEnabled()

        province_actions.send_month(page, "2026-12")
        qtbot.waitUntil(lambda: not page.busy, timeout=20000)
        queued = [(e.kind, e.sequence, e.state) for e in outbox.entries(county.db)]
        assert (bundle.KIND_PROVINCE, 1, outbox.QUEUED) in queued
        assert outbox.path_of(county.paths, outbox.entries(county.db)[0]).is_file()


def test_a_file_that_is_not_a_province_pack_is_refused_plainly(qtbot, tmp_path):
    from desktop.ui.sync import province_actions
    from desktop.ui.sync.county_sync_page import CountySyncPage

    county_dir, _townships = make_sites(tmp_path / "sites", (A,))
    junk = tmp_path / "TD-province-13.tdpack"
    junk.write_bytes(b"not a pack")
    with open_as(county_dir, "county") as county:
        page = CountySyncPage(county)
        qtbot.addWidget(page)
        assert province_actions.enroll_province_pack_file(page, junk) is None
        assert province_trust.enrolled_province(county.db) is None
