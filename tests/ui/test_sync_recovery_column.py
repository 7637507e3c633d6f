"""The county Sync page's township table shows a township's pending rejoin: a township whose data
folder was put back to a copy taken before its last bundle (a restored backup) sends a bundle the
county keeps as a rejoin request, and the row says so until the township answers."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt

from desktop.core.sync import incoming, outgoing
from tests.ui.sync_sites import TOWNSHIPS, add_records, make_sites, open_as, round_trip

A, B = TOWNSHIPS


@pytest.mark.allow_log("township.sync", "refused .*", level="WARNING")
def test_the_county_page_shows_a_rejoin_requested_then_offered(qtbot, qtmodeltester, tmp_path):
    from desktop.ui.sync.county_sync_page import CountySyncPage

    county_dir, townships = make_sites(tmp_path / "sites")
    with open_as(townships[A]) as township:
        add_records(township, 2)
    restored = tmp_path / "restored-a"
    shutil.copytree(townships[A], restored)          # the backup, before bundle 1
    round_trip(county_dir, townships[A], tmp_path / "stick1")
    (tmp_path / "stick2").mkdir()
    with open_as(restored) as township:
        add_records(township, 1, start=10)
        written = outgoing.export_township(township.db, township.paths, tmp_path / "stick2", clerk="clerk")
    with open_as(county_dir, "county") as county:
        assert incoming.import_file(county.db, county.paths, written.path).ok
        page = CountySyncPage(county)
        qtbot.addWidget(page)
        qtmodeltester.check(page.model)
        column = page.model.COLUMNS.index("recovery")
        assert page.model.headerData(column, Qt.Orientation.Horizontal) == "Recovery"
        rows = [page.model.row(r).code for r in range(page.model.rowCount())]
        assert page.model.index(rows.index(A), column).data() == "rejoin requested (bundle 1)"
        assert page.model.index(rows.index(B), column).data() == ""
        outgoing.export_returns(county.db, county.paths, tmp_path / "stick2", townships=[A])
        page.model.reload()
        assert page.model.index(rows.index(A), column).data() == "rejoin sent (bundle 1), waiting"
