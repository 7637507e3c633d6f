"""Screens and print-outs with the divisions list the county sent: the records page's village
names and filter, the cross-check queues' township names and phones, the printed daily summary."""

from __future__ import annotations

from desktop.core.codelists import codelists_divisions
from desktop.core.exchange import crosschecks
from desktop.core.reports import daily
from desktop.core.store import records
from tests.core.crosscheck.carrier import round_trip
from tests.core.crosscheck.conftest import A, B
from tests.core.crosscheck.test_received_divisions import receive_divisions


def test_records_page_and_queues_show_the_received_names(qtbot, county, town_a, town_b, monkeypatch):
    from desktop.render import summary as printed
    from desktop.ui.entry.records_page import RecordsPage
    from desktop.ui.queues.crosscheck_page import CrossCheckPage

    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-02T09:00:00+08:00")
    records.save(town_a.db, form_id="floating_population", form_version="1", township=A,
                 values={"name": "张三", "village": f"{A}001"}, clerk="王丽")
    crosschecks.new_request(town_a, target=B, subject_name="李四", question="是否在旺村务工？")
    round_trip(county, town_a, town_b)
    receive_divisions(town_a, ("Dongjie Village", "Dongjie Community"), ("0316-5512101", "0316-5599999"),
                      ("Wangcun Town", "Wangcun New Town"))

    page = RecordsPage(town_a)
    qtbot.addWidget(page)
    assert page.model.index(0, 3).data() == "Dongjie Community"
    villages = [page.village_combo.itemText(i) for i in range(page.village_combo.count())]
    assert "Dongjie Community" in villages and "Dongjie Village" not in villages

    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-05T09:00:00+08:00")
    queues = CrossCheckPage(town_a)
    qtbot.addWidget(queues)
    queues.refresh()
    assert "Wangcun New Town 0316-5599999" in queues.reminder_label.text()
    assert queues.outgoing_model.index(0, 1).data() == "Wangcun New Town"

    summary = daily.build(town_a.db, A, "2026-11-05", codelists_divisions.for_workspace(town_a))
    follow_up = printed._follow_up(summary)
    assert "Wangcun New Town" in follow_up and "0316-5599999" in follow_up
