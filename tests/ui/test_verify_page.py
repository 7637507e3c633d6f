"""Verification by re-keying on the keyboard: a second clerk re-keys a batch of two records blind;
three fields differ, each stopping at the field with both values (kept, taken, keyed again); the
clerk signs out after the first record and the batch resumes at the second."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from desktop.core.entry import entry
from desktop.core.quality import verification
from desktop.core.store import audit, records
from desktop.core.workspace.workspace import Workspace
from tests.conftest import VALID_IDS, complete_record
from tests.ui.keyboard import enter_field, focused, press

FORM = "floating_population"


def open_page(qtbot, workspace):
    from desktop.ui.entry.verify_page import VerifyPage

    page = VerifyPage(workspace)
    page.resize(1366, 740)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    page.refresh()
    QApplication.processEvents()
    return page


def dispose(page) -> None:
    page.close_down()
    page.close()
    page.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    QApplication.processEvents()


def settle(qtbot):
    qtbot.wait(10)   # the panel takes the keyboard back once Enter has moved on
    QApplication.processEvents()


def list_statuses(workspace) -> dict:
    """The records list's status column, by record id."""
    from desktop.ui.entry.records_model import RecordFilter, RecordsModel

    model = RecordsModel(workspace.db)
    model.set_filter(RecordFilter())
    column = [c.key for c in model.columns].index("status")
    return {model.record_id(row): model.data(model.index(row, column)) for row in range(model.rowCount())}


def key_record(qtbot, page, fields: list[str], expect_stop: dict[str, str]):
    """Key `fields` one after another (Enter after each); where `expect_stop` names the field being
    left, the panel must stop there and the key given answers it."""
    for text in fields:
        path = page.form_view.current_path()
        enter_field(text)
        settle(qtbot)
        if path in expect_stop:
            assert page.pending == path, f"no stop at {path}"
            assert focused() is page.panel
            assert text in page.panel.text.text() and page.item.keyed_by in page.panel.text.text()   # both values
            answer = expect_stop.pop(path)
            press(answer)
            settle(qtbot)
        else:
            assert page.pending is None, f"stopped at {page.pending} after {path}"
    assert not expect_stop, f"never stopped at {sorted(expect_stop)}"


PERSON_A = ["王午", VALID_IDS[2], "", "", "01", "13800138001", "河北省廊坊市大城县", "90", "", "", "2024-03-01", "01",
            "", ""]


@pytest.fixture
def keyed(township_dir, monkeypatch):
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-20T09:00:00+08:00")
    with Workspace.open(township_dir) as workspace:
        workspace.clerk = "李强"
        first = entry.add(workspace, FORM, complete_record(VALID_IDS[2], "王五", phone="13800138000"))
        monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-20T09:05:00+08:00")
        second = entry.add(workspace, FORM, complete_record(VALID_IDS[1], "赵六", phone="13900139000"))
        workspace.clerk, workspace.clerk_role = "王丽", "supervisor"
        batch = verification.create_batch(workspace, verification.selection(clerk_day=("李强", "2026-11-20")))
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-22T10:00:00+08:00")
    return batch, first, second


def test_three_mismatches_resolved_from_the_keyboard_and_resumed_after_sign_out(qtbot, township_dir, keyed):
    batch, first, second = keyed
    workspace = Workspace.open(township_dir)
    workspace.clerk, workspace.clerk_role = "张敏", "clerk"
    page = open_page(qtbot, workspace)
    try:
        assert focused() is page.batch_list and "0 of 2" in page.batch_list.item(0).text()
        press(Qt.Key_Return)
        assert page.item.record_id == first.id
        assert page.form_view.values()["name"] == "" and page.form_view.values()["phone"] == ""   # blind
        assert page.form_view.current_path() == "name"
        fields = list(PERSON_A)
        fields[8] = first.values["village"]
        key_record(qtbot, page, fields[:-1], {"name": Qt.Key_1, "phone": Qt.Key_2})
        press(Qt.Key_S, Qt.ControlModifier)
        settle(qtbot)
        assert page.item.record_id == second.id          # on to the second record
        assert list_statuses(workspace) == {first.id: "Complete, verified", second.id: "Complete"}
    finally:
        dispose(page)
        workspace.close()                                # signed out: the store closes

    workspace = Workspace.open(township_dir)
    workspace.clerk, workspace.clerk_role = "张敏", "clerk"
    page = open_page(qtbot, workspace)
    try:
        saved = records.get(workspace.db, first.id)
        assert saved.values["name"] == "王五" and saved.values["phone"] == "13800138001" and saved.version == 2
        assert "1 of 2" in page.batch_list.item(0).text()
        press(Qt.Key_Return)
        assert page.item.record_id == second.id and page.item.position == 2   # resumed where it stopped
        fields = ["赵六", VALID_IDS[1], "", "", "01", "13900139990", "河北省廊坊市大城县", "90",
                  second.values["village"], "", "2024-03-01", "01", ""]
        key_record(qtbot, page, fields[:6], {"phone": Qt.Key_3})
        assert page.form_view.current_path() == "phone" and page.form_view.values()["phone"] == ""
        key_record(qtbot, page, ["13900139000", *fields[6:]], {})
        press(Qt.Key_S, Qt.ControlModifier)
        settle(qtbot)
        assert page.item is None and verification.batch(workspace.db, batch.id).done
        assert focused() is page.batch_list and "2 of 2" in page.batch_list.item(0).text()
        assert records.get(workspace.db, second.id).version == 1          # the first entry stood
        rows = {e.record_id: e.details for e in audit.entries(workspace.db, event="verification") if e.record_id}
        assert rows[first.id]["keyed_by"] == "李强" and rows[first.id]["verified_by"] == "张敏"
        assert {d["field"]: d["chosen"] for d in rows[first.id]["differences"]} == {"name": "keyed", "phone": "rekeyed"}
        assert rows[first.id]["differences"][0]["rekeyed"] == "王午"
        assert rows[second.id]["differences"] == [{"field": "phone", "keyed": "13900139000",
                                                   "rekeyed": "13900139990", "chosen": "keyed"}]
        [edit] = [e for e in audit.entries(workspace.db, record_id=first.id) if e.event == "edit"]
        assert edit.clerk == "张敏" and "batch 1" in edit.reason
        assert set(list_statuses(workspace).values()) == {"Complete, verified"}
    finally:
        dispose(page)
        workspace.close()


def test_who_keyed_the_records_cannot_verify_them(qtbot, township_dir, keyed):
    batch, _first, _second = keyed
    workspace = Workspace.open(township_dir)
    workspace.clerk, workspace.clerk_role = "李强", "clerk"
    page = open_page(qtbot, workspace)
    try:
        assert "nothing left" in page.batch_list.item(0).text()
        press(Qt.Key_Return)
        assert page.item is None and "no record left" in page.status_label.text()
    finally:
        dispose(page)
        workspace.close()


def test_signed_out_through_the_main_window_in_the_middle_of_a_record(qtbot, township_dir, keyed):
    """The main window's Sign out (what the app does next: the window closed, the sign-in shown,
    the same store kept open) in the middle of re-keying a record: signed in again, the batch
    resumes at that record, blank, from its first field; nothing of it was stored."""
    from PySide6.QtCore import QEvent

    from desktop.ui.shell.main_window import MainWindow

    batch, first, _second = keyed
    workspace = Workspace.open(township_dir)

    def signed_in_window():
        workspace.clerk, workspace.clerk_role = "张敏", "clerk"
        main = MainWindow(workspace)
        main.resize(1366, 768)
        with qtbot.waitActive(main):
            main.show()
            main.activateWindow()
        number = list(main.pages).index("verify") + 1
        press(getattr(Qt, f"Key_{number}"), Qt.ControlModifier, widget=main)
        page = main.pages["verify"]
        assert main.stack.currentWidget() is page and focused() is page.batch_list
        return main, page

    def closed(main):
        main.close()
        main.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()

    try:
        main, page = signed_in_window()
        press(Qt.Key_Return)
        assert page.item.record_id == first.id
        fields = list(PERSON_A)
        fields[8] = first.values["village"]
        key_record(qtbot, page, fields[:2], {"name": Qt.Key_2})       # 王午 taken, not yet stored
        with qtbot.waitSignal(main.signOutRequested):
            main.sign_out()
        workspace.clerk = workspace.clerk_role = None
        closed(main)
        assert not verification.verified_ids(workspace.db, [first.id])
        assert records.get(workspace.db, first.id).values["name"] == "王五"

        main, page = signed_in_window()
        assert "0 of 2" in page.batch_list.item(0).text()
        press(Qt.Key_Return)
        assert page.item.record_id == first.id and page.form_view.current_path() == "name"
        assert page.form_view.values()["name"] == "" and not page.differences    # keyed again from the start
        key_record(qtbot, page, fields[:-1], {"name": Qt.Key_1, "phone": Qt.Key_1})
        press(Qt.Key_S, Qt.ControlModifier)
        settle(qtbot)
        assert page.item.record_id != first.id
        assert records.get(workspace.db, first.id).version == 1            # the first entry kept throughout
        assert verification.verified_ids(workspace.db, [first.id]) == {first.id}
        closed(main)
    finally:
        workspace.close()
