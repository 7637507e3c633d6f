"""The supervisor chooses what to verify on the Verification page, keyboard only: a clerk's day, a
village and a seeded sample become batches through the same core function as
`township verify-batch create` (the sample draws what the command would); a selection matching no
record is refused in the dialog; a clerk does not get the dialog; a batch whose record was deleted
before it was verified shows it as deleted and is done."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDateTimeEdit

from desktop.core.entry import entry
from desktop.core.quality import verification
from desktop.core.store import audit, records
from desktop.core.workspace.workspace import Workspace
from tests.conftest import VALID_IDS, complete_record
from tests.ui.keyboard import focused, press, type_text
from tests.ui.test_verify_page import dispose, open_page

FORM = "floating_population"


@pytest.fixture
def keyed(township_dir, monkeypatch):
    """李强 keyed two records on 2026-11-20 (villages 001 and 002), 张敏 one on 2026-11-21."""
    out = []
    with Workspace.open(township_dir) as workspace:
        for clerk, stamp, values in (
                ("李强", "2026-11-20T09:00:00+08:00", complete_record(VALID_IDS[0], "王五")),
                ("李强", "2026-11-20T09:05:00+08:00", complete_record(VALID_IDS[1], "赵六", village="131025100002")),
                ("张敏", "2026-11-21T09:00:00+08:00", complete_record(VALID_IDS[2], "钱七"))):
            monkeypatch.setenv("TOWNSHIP_FAKE_NOW", stamp)
            workspace.clerk = clerk
            out.append(entry.add(workspace, FORM, values))
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-22T10:00:00+08:00")
    return out


def signed_in(township_dir, role: str) -> Workspace:
    workspace = Workspace.open(township_dir)
    workspace.clerk, workspace.clerk_role = "王丽", role
    return workspace


def open_dialog(qtbot, page):
    press(Qt.Key_N, Qt.ControlModifier)
    dialog = page.new_batch_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: focused() is dialog.clerk_day_radio)
    return dialog


def create(qtbot, page, dialog) -> verification.Batch:
    created = []
    dialog.created.connect(created.append)
    press(Qt.Key_Return)
    qtbot.waitUntil(lambda: bool(created) and page.new_batch_dialog is None, timeout=10_000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.batch_list)
    return created[0]


def retype(text: str) -> None:
    press(Qt.Key_A, Qt.ControlModifier)
    type_text(text)


def test_a_clerks_day_a_village_and_a_sample_chosen_from_the_keyboard(qtbot, township_dir, keyed):
    first, second, third = keyed
    workspace = signed_in(township_dir, "supervisor")
    page = open_page(qtbot, workspace)
    try:
        assert focused() is page.batch_list and page.batch_list.count() == 0
        assert page.new_batch_button.isVisible()

        dialog = open_dialog(qtbot, page)                 # a clerk's day: the way chosen first
        press(Qt.Key_Tab)
        assert focused() in (dialog.clerk_combo, dialog.clerk_combo.lineEdit())
        retype("李强")
        press(Qt.Key_Tab)
        assert focused() is dialog.date_edit
        dialog.date_edit.setCurrentSection(QDateTimeEdit.Section.YearSection)
        type_text("2026-11-20")
        assert dialog.date_edit.date().toString("yyyy-MM-dd") == "2026-11-20"
        day = create(qtbot, page, dialog)
        assert (day.number, day.total) == (1, 2)
        assert [i.record_id for i in verification.items(workspace.db, day.id)] == [first.id, second.id]
        assert page.batch_list.currentItem().data(Qt.UserRole) == day.id
        assert "Batch 1: records 李强 keyed on 2026-11-20 — 0 of 2 verified" in page.batch_list.currentItem().text()
        assert "Batch 1 created: 2 records to re-key." in page.status_label.text()

        dialog = open_dialog(qtbot, page)                 # a village: Alt+V, Tab, the next village down
        press(Qt.Key_V, Qt.AltModifier)                   # the mnemonic (an animated click)
        qtbot.waitUntil(dialog.village_radio.isChecked)
        assert not dialog.clerk_combo.isEnabled()
        press(Qt.Key_Tab)
        assert focused() is dialog.village_combo
        press(Qt.Key_Down)
        assert dialog.village_combo.currentData() == "131025100002"
        village = create(qtbot, page, dialog)
        assert [i.record_id for i in verification.items(workspace.db, village.id)] == [second.id]

        dialog = open_dialog(qtbot, page)                 # a sample: 50 % drawn with the seed 7
        press(Qt.Key_S, Qt.AltModifier)
        qtbot.waitUntil(dialog.sample_radio.isChecked)
        press(Qt.Key_Tab)
        assert focused() is dialog.percent_spin
        retype("50")
        press(Qt.Key_Tab)
        assert focused() is dialog.seed_spin
        retype("7")
        sample = create(qtbot, page, dialog)
        assert sample.selection == {"kind": "sample", "percent": 50.0, "seed": 7}
        as_the_command_draws = verification.selected_records(workspace, verification.selection(sample=(50, 7)))
        assert [i.record_id for i in verification.items(workspace.db, sample.id)] == [r.id for r in as_the_command_draws]
        assert "50 % sample (seed 7)" in page.batch_list.item(0).text()

        dialog = open_dialog(qtbot, page)                 # a village with no completed record: refused, kept open
        press(Qt.Key_V, Qt.AltModifier)
        qtbot.waitUntil(dialog.village_radio.isChecked)
        press(Qt.Key_Tab)
        press(Qt.Key_End)
        assert dialog.village_combo.currentData() not in ("131025100001", "131025100002")
        press(Qt.Key_Return)
        qtbot.waitUntil(lambda: "No completed record matches" in dialog.status_label.text(), timeout=10_000)
        assert dialog.isVisible() and dialog.buttons.isEnabled()
        press(Qt.Key_Escape)
        assert page.new_batch_dialog is None and focused() is page.batch_list
        assert [b.number for b in verification.batches(workspace.db)] == [3, 2, 1]
        created = [e.details for e in audit.entries(workspace.db, event="verification")]
        assert [(d["batch"], d["records"]) for d in created] == [(3, 2), (2, 1), (1, 2)]
        assert {e.clerk for e in audit.entries(workspace.db, event="verification")} == {"王丽"}
        del third
    finally:
        dispose(page)
        workspace.close()


def test_a_clerk_does_not_choose_what_to_verify(qtbot, township_dir, keyed):
    workspace = signed_in(township_dir, "clerk")
    page = open_page(qtbot, workspace)
    try:
        assert not page.new_batch_button.isVisible()
        press(Qt.Key_N, Qt.ControlModifier)
        assert page.new_batch_dialog is None and focused() is page.batch_list
    finally:
        dispose(page)
        workspace.close()


def test_a_record_deleted_before_it_was_verified_shows_as_deleted_and_the_batch_done(qtbot, township_dir, keyed):
    first, second, _third = keyed
    with signed_in(township_dir, "supervisor") as workspace:
        batch = verification.create_batch(workspace, verification.selection(clerk_day=("李强", "2026-11-20")))
        records.delete(workspace.db, second.id, clerk="王丽", reason="entered twice")
    workspace = signed_in(township_dir, "clerk")
    page = open_page(qtbot, workspace)
    try:
        text = page.batch_list.item(0).text()
        assert "0 of 2 verified · 1 deleted" in text and "done" not in text
        press(Qt.Key_Return)
        assert page.item.record_id == first.id
        page.form_view.set_values(dict(first.values))     # re-keyed as the first entry had it
        press(Qt.Key_S, Qt.ControlModifier)
        qtbot.wait(10)
        assert page.item is None and verification.batch(workspace.db, batch.id).done
        assert page.batch_list.item(0).text().endswith("1 of 2 verified · 1 deleted · done")
    finally:
        dispose(page)
        workspace.close()


def test_in_the_main_window_ctrl_n_on_the_verification_page_opens_the_dialog(qtbot, township_dir, keyed):
    from PySide6.QtCore import QEvent

    from desktop.ui.shell.main_window import MainWindow

    workspace = signed_in(township_dir, "supervisor")
    main = MainWindow(workspace)
    main.resize(1366, 768)
    with qtbot.waitActive(main):
        main.show()
        main.activateWindow()
    try:
        number = list(main.pages).index("verify") + 1
        press(getattr(Qt, f"Key_{number}"), Qt.ControlModifier, widget=main)
        page = main.pages["verify"]
        assert main.stack.currentWidget() is page and focused() is page.batch_list
        dialog = open_dialog(qtbot, page)
        press(Qt.Key_Tab)
        retype("李强")
        press(Qt.Key_Tab)
        dialog.date_edit.setCurrentSection(QDateTimeEdit.Section.YearSection)
        type_text("2026-11-20")
        batch = create(qtbot, page, dialog)
        assert batch.total == 2 and "0 of 2 verified" in page.batch_list.currentItem().text()
    finally:
        main.close()
        main.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()
        workspace.close()
