"""The entry page driven from the keyboard, on a real data folder: entering, refusing, overriding
warnings with reasons, type-ahead, relevance, carry forward, editing, repeats."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop.core.store import audit, records
from tests.ui.keyboard import enter_field, focused, press, type_text

VALID_ID = "131025198802143219"  # male, born 1988-02-14
OLD_ID = "11010519491231002X"  # female, born 1949-12-31


@pytest.fixture
def page(qtbot, township):
    from desktop.ui.entry.entry_page import EntryPage

    widget = EntryPage(township)
    qtbot.addWidget(widget)
    widget.resize(1366, 740)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.form_view.focus_first()
    QApplication.processEvents()
    yield widget
    dispose(widget)


def dispose(widget) -> None:
    """Destroy a page before its workspace closes: leaving a field still runs the rules."""
    widget.close()
    widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    QApplication.processEvents()


def current_path(page) -> str:
    return page.form_view.current_path()


def key_in_person(page, *, id_number=VALID_ID, arrival="2020-03-01", marital="10"):
    """Name to the end of the residence group, keyboard only, as a clerk keys a paper form."""
    assert current_path(page) == "name"
    enter_field("张三")
    assert current_path(page) == "id_number"
    enter_field(id_number)
    # a valid ID filled sex and birth date: Enter just moves through them
    enter_field("")
    enter_field("")
    assert current_path(page) == "ethnicity"
    enter_field("hz")  # pinyin initials of 汉族
    enter_field("13800138000")
    enter_field("河北省大城县平舒镇东街村")
    enter_field(marital)
    assert current_path(page) == "village"
    enter_field("dj")  # 东街村 by initials
    enter_field("")  # address detail
    enter_field(arrival)
    enter_field("wg")  # 务工经商
    enter_field("")  # employer
    assert current_path(page) == "status"


def answer_dialog(qtbot, *reasons: str, cancel: bool = False):
    """Answer the next modal dialog through its widgets: type each reason, then Enter."""
    seen = {}

    def answer():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, answer)
            return
        seen["dialog"] = dialog
        seen["text"] = " ".join(w.text() for w in dialog.findChildren(type(dialog.children()[0]))
                                if hasattr(w, "text"))
        inputs = dialog.findChildren(QLineEdit)
        seen["inputs"] = len(inputs)
        if cancel:
            dialog.reject()
            return
        for edit, reason in zip(inputs, reasons, strict=False):
            edit.setFocus()
            type_text(reason, edit)
        press(Qt.Key_Return, widget=inputs[-1])

    QTimer.singleShot(0, answer)
    return seen


def test_clerk_keys_a_whole_record_and_saves_it_with_ctrl_s(page, township, qtbot):
    key_in_person(page)
    assert page.form_view.values()["sex"] == "1"
    assert page.form_view.values()["birth_date"] == "1988-02-14"
    press(Qt.Key_S, Qt.ControlModifier)
    saved = records.query(township.db, form_id="floating_population")
    assert len(saved) == 1
    record = saved[0]
    assert record.status == "complete"
    assert record.values["name"] == "张三"
    assert record.values["id_number"] == VALID_ID
    assert record.values["village"] == "131025100001"
    assert record.values["ethnicity"] == "01"
    assert record.values["move_reason"] == "01"
    assert record.values["arrival_date"] == "2020-03-01"
    # found by the pinyin initials of the name
    assert [r.id for r in records.query(township.db, search="zs")] == [record.id]
    # the next record starts blank, cursor in the first field, the ID not on screen
    assert page.form_view.values()["name"] == ""
    assert current_path(page) == "name"
    assert VALID_ID not in page.status_label.text()
    assert "131025********3219" in page.status_label.text()


def test_invalid_id_shows_error_beside_the_field_and_completion_is_refused(page, township):
    enter_field("李四")
    enter_field("131025198802143218")  # wrong check digit
    message = page.form_view.message_text("id_number")
    assert "check character is 8 but should be 9" in message  # the fault, named
    assert any("should be 9" in page.problem_list.item(i).text() for i in range(page.problem_list.count()))
    press(Qt.Key_S, Qt.ControlModifier)
    assert records.count(township.db, form_id="floating_population") == 0
    assert "Not saved" in page.status_label.text()
    # typing was never blocked: the wrong number is still there to correct
    assert page.form_view.values()["id_number"] == "131025198802143218"


def test_overriding_a_warning_asks_a_reason_and_keeps_it_in_the_trail(page, township, qtbot):
    key_in_person(page, id_number=OLD_ID, arrival="1980-05-01")  # arrived > 30 years ago: a warning
    state = page.form_view.flush()
    assert [w.path for w in state.warnings] == ["arrival_date"]
    assert "Arrived more than 30 years ago" in page.form_view.message_text("arrival_date")
    seen = answer_dialog(qtbot, "came with parents in 1980")
    press(Qt.Key_S, Qt.ControlModifier)
    assert seen["inputs"] == 1
    record = records.query(township.db, form_id="floating_population")[0]
    created = [e for e in audit.entries(township.db, record_id=record.id) if e.event != "keying"][0]
    assert created.details["overrides"] == {"arrival_date": "came with parents in 1980"}


def test_refusing_to_give_a_reason_does_not_save(page, township, qtbot):
    key_in_person(page, id_number=OLD_ID, arrival="1980-05-01")
    answer_dialog(qtbot, cancel=True)
    press(Qt.Key_S, Qt.ControlModifier)
    assert records.count(township.db, form_id="floating_population") == 0
    assert "reason" in page.status_label.text()


def test_pinyin_initials_pick_a_village_of_this_township(page):
    assert page.form_view.focus_path("village")
    type_text("ngc")  # 南关村
    editor = focused()
    # the popup lists only this township's villages
    assert all(c.name.startswith("131025100") for c in editor.available())
    press(Qt.Key_Return)
    assert page.form_view.values()["village"] == "131025100003"
    assert editor.text() == "Nanguan Village"
    assert current_path(page) == "address_detail"


def test_relevance_hides_left_date_until_the_status_is_left(page, qtbot):
    view = page.form_view
    assert not view.is_shown("left_date")
    view.focus_path("status")
    focused().selectAll()
    type_text("ylk")  # 已离开 by initials
    qtbot.waitUntil(lambda: view.is_shown("left_date"), timeout=1000)  # live, before leaving the field
    press(Qt.Key_Return)
    assert view.values()["status"] == "left"
    assert current_path(page) == "left_date"
    view.focus_path("status")
    focused().selectAll()
    type_text("present")
    qtbot.waitUntil(lambda: not view.is_shown("left_date"), timeout=1000)


def test_chosen_fields_carry_forward_to_the_next_record(page, township):
    view = page.form_view
    view.focus_path("village")
    press(Qt.Key_K, Qt.ControlModifier)  # keep the village
    view.set_keep("arrival_date", True)
    view.focus_first()
    key_in_person(page)
    press(Qt.Key_S, Qt.ControlModifier)
    assert records.count(township.db, form_id="floating_population") == 1
    values = view.values()
    assert values["village"] == "131025100001"
    assert values["arrival_date"] == "2020-03-01"
    assert values["name"] == "" and values["id_number"] == ""
    assert current_path(page) == "name"
    # the choice is remembered for the next session
    from desktop.ui.entry.entry_page import EntryPage
    again = EntryPage(township)
    try:
        assert again.form_view.carry_forward() == ["arrival_date", "village"]
    finally:
        dispose(again)


def test_editing_a_completed_record_asks_why(page, township, qtbot):
    key_in_person(page)
    press(Qt.Key_S, Qt.ControlModifier)
    record = records.query(township.db, form_id="floating_population")[0]
    assert page.open_record(record.id)
    assert page.form_view.values()["id_number"] == VALID_ID  # in full while the record is open
    page.form_view.focus_path("phone")
    focused().selectAll()
    enter_field("13900139000")
    answer_dialog(qtbot, "new phone number")
    press(Qt.Key_S, Qt.ControlModifier)
    changed = records.get(township.db, record.id)
    assert changed.values["phone"] == "13900139000"
    edit = [e for e in audit.entries(township.db, record_id=record.id) if e.event != "keying"][0]
    assert edit.event == "edit" and edit.reason == "new phone number"
    assert edit.details["changes"]["phone"] == ["13800138000", "13900139000"]


def test_family_rows_are_added_and_removed_from_the_keyboard(page, township, qtbot):
    view = page.form_view
    view.focus_path("remarks")
    press(Qt.Key_Return)
    add = view.repeats["family"].add_button
    assert focused() is add
    press(Qt.Key_Space)  # Space presses the Add button
    assert current_path(page) == "family/0/member_name"
    enter_field("张小")
    enter_field("po")  # 配偶
    assert view.values()["family"][0]["member_relationship"] == "01"
    view.flush()
    assert view.state().values["family_count"] == 1
    press(Qt.Key_A, Qt.ControlModifier | Qt.ShiftModifier)
    assert current_path(page) == "family/1/member_name"
    press(Qt.Key_D, Qt.ControlModifier | Qt.ShiftModifier)
    assert len(view.values()["family"]) == 1
    assert view.state().values["family_count"] == 1


def test_id_number_fills_birth_date_and_sex(page):
    view = page.form_view
    view.focus_path("id_number")
    type_text("131025200101010042")
    values = view.values()
    assert values["birth_date"] == "2001-01-01"
    assert values["sex"] == "2"


def test_a_multiline_field_takes_line_breaks_with_shift_enter_and_enter_moves_on(page, township):
    from desktop.ui.entry.form_editors import TextBlockEditor

    assert page.form_view.focus_path("hukou_address")
    editor = page.form_view.rows["hukou_address"].editor
    assert isinstance(editor, TextBlockEditor) and editor.height() > 2 * editor.fontMetrics().lineSpacing()
    type_text("河北省大城县")
    press(Qt.Key_Return, Qt.ShiftModifier)
    type_text("平舒镇东街村")
    assert current_path(page) == "hukou_address"                 # Shift+Enter stayed in the field
    press(Qt.Key_Return)
    assert current_path(page) != "hukou_address"                 # Enter moved on, as in every field
    assert page.form_view.values()["hukou_address"] == "河北省大城县\n平舒镇东街村"
    page.form_view.set_values({"hukou_address": "某地"})
    assert editor.value() == "某地"
