"""The cross-check and corrections queues, driven as a clerk would (pytest-qt, offscreen)."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop.core.entry import entry
from desktop.core.exchange import corrections, crosschecks, exchange
from desktop.core.store.db import transaction
from desktop.ui.queues.corrections_page import CorrectionsPage
from desktop.ui.queues.crosscheck_models import REMINDER_COLOUR, REMINDER_ROLE
from desktop.ui.queues.crosscheck_page import CrossCheckPage
from tests.conftest import VALID_IDS
from tests.core.crosscheck.carrier import copy_records, county_to_township, round_trip
from tests.core.crosscheck.conftest import FORM, B, person


def ok(dialog):
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def select_row(view, row=0):
    view.selectRow(row)


def test_outgoing_reminder_is_highlighted_and_incoming_is_answered(qtbot, qtmodeltester, county, town_a,
                                                                    town_b, monkeypatch):
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-02T09:00:00+08:00")
    request = crosschecks.new_request(town_a, subject_name="李四", subject_id_number=VALID_IDS[2], target=B,
                                      question="是否在本镇务工？")
    round_trip(county, town_a, town_b)
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-05T09:00:00+08:00")

    page_a = CrossCheckPage(town_a)
    qtbot.addWidget(page_a)
    assert page_a.title() == "Cross-checks"
    qtmodeltester.check(page_a.outgoing_model)
    model = page_a.outgoing_model
    assert model.rowCount() == 1
    index = model.index(0, 0)
    assert model.data(index, REMINDER_ROLE) is True
    assert model.data(index, Qt.ItemDataRole.BackgroundRole).color() == REMINDER_COLOUR
    reminder_column = [key for key, _ in model.columns].index("reminder")
    assert "0316-5512101" in model.data(model.index(0, reminder_column))
    assert not page_a.reminder_label.isHidden() and "0316-5512101" in page_a.reminder_label.text()

    page_b = CrossCheckPage(town_b)
    qtbot.addWidget(page_b)
    qtmodeltester.check(page_b.incoming_model)
    assert page_b.incoming_model.rowCount() == 1 and page_b.reminder_label.isHidden()
    assert "1 to answer" in page_b.tabs.tabText(0)
    assert not page_b.answer_button.isEnabled()
    select_row(page_b.incoming_view)
    assert page_b.answer_button.isEnabled()
    dialog = page_b.answer_selected()
    dialog.differs.setChecked(True)
    ok(dialog)                                    # differs needs details: refused inside the dialog
    assert dialog.isVisible() and "Say what differs" in dialog.error_label.text()
    dialog.details_edit.setPlainText("已迁往平舒镇")
    with qtbot.waitSignal(page_b.changed):
        ok(dialog)
    assert dialog.answered.answer == "differs"
    assert page_b.incoming_model.rows[0].state == "answered"
    assert page_b.tabs.tabText(0) == "&Incoming"

    round_trip(county, town_b, town_a)
    page_a.refresh()
    assert page_a.outgoing_model.rows[0].state == "closed" and page_a.reminder_label.isHidden()
    assert page_a.outgoing_model.data(page_a.outgoing_model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None

    page_county = CrossCheckPage(county)
    qtbot.addWidget(page_county)
    qtmodeltester.check(page_county.routed_model)
    assert [r.id for r in page_county.routed_model.rows] == [request.id]


def test_new_request_dialog(qtbot, town_a):
    record = entry.add(town_a, FORM, person(VALID_IDS[1], "张三", town_a.township))
    page = CrossCheckPage(town_a)
    qtbot.addWidget(page)
    dialog = page.new_request(record.id)
    assert dialog.name_edit.text() == "张三" and dialog.id_edit.text() == VALID_IDS[1]
    ok(dialog)                                    # no question yet
    assert dialog.isVisible() and "say what to confirm" in dialog.error_label.text()
    dialog.target_combo.setCurrentIndex(dialog.target_combo.findData(B))
    dialog.question_edit.setPlainText("现居住地核实")
    with qtbot.waitSignal(page.changed):
        ok(dialog)
    assert [r.state for r in page.outgoing_model.rows] == ["draft"]
    assert page.outgoing_model.rows[0].record_id == record.id

    dialog = page.new_request()
    dialog.target_combo.setCurrentIndex(dialog.target_combo.count() - 1)
    assert dialog.outside_edit.isEnabled()
    dialog.outside_edit.setText("文安县")
    dialog.name_edit.setText("赵六")
    assert dialog.route_label.isVisible() and "Without an ID number" in dialog.route_label.text()
    dialog.question_edit.setPlainText("户籍地核实")
    with qtbot.waitSignal(page.changed):
        ok(dialog)
    assert sorted(r.state for r in page.outgoing_model.rows) == ["draft", "provincial"]

    # a county of the province and an ID number: it goes through the province, as an item
    dialog = page.new_request()
    dialog.target_combo.setCurrentIndex(dialog.target_combo.count() - 1)
    dialog.outside_edit.setText("东海县")                 # no such county in Hebei: on paper
    assert "Not a county of the province" in dialog.route_label.text()
    dialog.outside_edit.setText("香河县")
    dialog.name_edit.setText("钱七")
    dialog.id_edit.setText(VALID_IDS[2])
    assert "through the county and the province" in dialog.route_label.text() and "Xianghe" in dialog.route_label.text()
    dialog.question_edit.setPlainText("是否在贵县务工")
    with qtbot.waitSignal(page.changed):
        ok(dialog)
    [sent] = [r for r in page.outgoing_model.rows if r.subject_name == "钱七"]
    assert (sent.state, sent.by_network, sent.outside_county) == ("draft", True, "香河县")
    assert [i["target"] for i in exchange.pending_out(town_a.db) if i["id"] == sent.id] == ["131024"]


def test_township_corrections_queue(qtbot, qtmodeltester, county, town_a):
    record = entry.add(town_a, FORM, person(VALID_IDS[0], "孙七", town_a.township))
    copy_records(town_a, county)
    task = corrections.raise_task(county, record.id, message="现居住地与村里名单不符", field="village")
    county_to_township(county, town_a)

    page = CorrectionsPage(town_a)
    qtbot.addWidget(page)
    assert page.title() == "Corrections"
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == 1 and "1 open" in page.count_label.text()
    assert not page.fixed_button.isEnabled()
    page.view.selectRow(0)
    with qtbot.waitSignal(page.openRecord) as opened:
        page.open_button.click()
    assert opened.args == [record.id]

    dialog = page.resolve_selected("fixed")
    ok(dialog)                                    # the record was not edited: refused
    assert dialog.isVisible() and "not been changed" in dialog.error_label.text()
    dialog.reject()
    dialog = page.resolve_selected("disputed")
    ok(dialog)
    assert "needs a reason" in dialog.error_label.text()
    dialog.reason_edit.setPlainText("已与村协管员核实")
    with qtbot.waitSignal(page.changed):
        ok(dialog)
    assert page.model.rowCount() == 0               # the "Open" filter
    page.filter_combo.setCurrentIndex(page.filter_combo.findData(None))
    assert [t.status for t in page.model.rows] == ["disputed"]
    assert corrections.get(town_a.db, task.id).resolution_reason == "已与村协管员核实"


def test_county_runs_its_checks_off_the_gui_thread(qtbot, qtmodeltester, county, town_a, town_b, monkeypatch):
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-02T09:00:00+08:00")
    entry.add(town_a, FORM, person(VALID_IDS[1], "张三", town_a.township))
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-03T09:00:00+08:00")
    later = entry.add(town_b, FORM, person(VALID_IDS[1], "张三", town_b.township))
    bad = entry.add(town_a, FORM, person(VALID_IDS[2], "王五", town_a.township))
    with transaction(town_a.db):
        town_a.db.execute("UPDATE records SET data=? WHERE id=?",
                          [json.dumps(dict(bad.values, id_number="123"), ensure_ascii=False), bad.id])
    copy_records(town_a, county)
    copy_records(town_b, county)

    page = CorrectionsPage(county)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 0
    with qtbot.waitSignal(page.scanFinished, timeout=10000) as done:
        page.scan_button.click()
    assert done.args == [2]
    qtmodeltester.check(page.model)
    assert {(t.record_id, t.kind) for t in page.model.rows} == {(later.id, "duplicate_id"), (bad.id, "rule")}
    assert "2 new tasks" in page.status_label.text() and page.scan_button.isEnabled()


def test_county_decides_on_disputes_and_the_township_sees_the_reply(qtbot, qtmodeltester, county, town_a):
    from tests.core.crosscheck.carrier import township_to_county

    tasks = []
    for number, name in ((0, "孙七"), (3, "周八")):
        record = entry.add(town_a, FORM, person(VALID_IDS[number], name, town_a.township))
        copy_records(town_a, county)
        tasks.append(corrections.raise_task(county, record.id, message="现居住地与村里名单不符", field="village"))
    county_to_township(county, town_a)
    for task in tasks:
        corrections.resolve(town_a, task.id, outcome="disputed", reason="已与村协管员核实")
    township_to_county(town_a, county)

    page = CorrectionsPage(county)
    qtbot.addWidget(page)
    page.filter_combo.setCurrentIndex(page.filter_combo.findData("disputed"))
    assert page.model.rowCount() == 2 and not page.accept_button.isEnabled()
    rows = {t.id: row for row, t in enumerate(page.model.rows)}
    page.view.selectRow(rows[tasks[0].id])
    assert page.accept_button.isEnabled() and page.reject_button.isEnabled()
    with qtbot.waitSignal(page.changed):
        ok(page.decide_selected("accepted"))
    assert page.model.rowCount() == 1
    page.view.selectRow(0)
    dialog = page.decide_selected("rejected")
    assert "已与村协管员核实" in " ".join(label.text() for label in dialog.findChildren(type(page.count_label)))
    ok(dialog)                                       # a rejection needs a reply
    assert dialog.isVisible() and "needs a reply" in dialog.error_label.text()
    dialog.reason_edit.setPlainText("以派出所名单为准，请更正")
    with qtbot.waitSignal(page.changed):
        ok(dialog)
    assert "1 open" in page.count_label.text() and "disputes accepted: 1" in page.count_label.text()
    page.filter_combo.setCurrentIndex(page.filter_combo.findData(None))
    qtmodeltester.check(page.model)
    texts = {page.model.index(row, 0).data() for row in range(page.model.rowCount())}
    assert texts == {"dispute accepted", "open: dispute rejected"}

    county_to_township(county, town_a)
    township_page = CorrectionsPage(town_a)
    qtbot.addWidget(township_page)
    assert township_page.model.rowCount() == 1        # the rejected one is open again
    township_page.view.selectRow(0)
    outcome_column = [key for key, _ in township_page.model.columns].index("resolution")
    assert "以派出所名单为准" in township_page.model.index(0, outcome_column).data()
    assert township_page.fixed_button.isEnabled() and not township_page.dispute_button.isEnabled()
    dialog = township_page.resolve_selected("fixed")
    assert any("以派出所名单为准" in label.text() for label in dialog.findChildren(type(page.count_label))
               if label.isVisibleTo(dialog))
    dialog.reject()
