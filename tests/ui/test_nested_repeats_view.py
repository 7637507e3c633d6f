"""Rows within rows, from the keyboard only, on the real entry page and data folder: households
each with their members (a repeat inside a repeat), and a repeat whose rows follow repeat_count."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.core.forms.loader import load_form
from desktop.core.store import records
from tests.ui.keyboard import enter_field, focused, press, type_text
from tests.ui.test_entry_page import dispose

HOUSEHOLDS = """| survey |
| | type | name | label::中文 (zh) | label::English (en) | calculation | repeat_count |
| | text | village | 村 | Village | | |
| | begin_repeat | household | 户 | Household | | |
| | text | head | 户主 | Head | | |
| | begin_repeat | member | 成员 | Member | | |
| | text | member_name | 姓名 | Name | | |
| | integer | age | 年龄 | Age | | |
| | end_repeat | | | | | |
| | calculate | household_age | 合计年龄 | Household age | sum(${age}) | |
| | end_repeat | | | | | |
| | calculate | total_age | 总年龄 | Total age | sum(${age}) | |
| settings |
| | form_id | version | form_title |
| | households | 2026120301 | Households |
"""

COUNTED = """| survey |
| | type | name | label::中文 (zh) | label::English (en) | repeat_count |
| | integer | children | 子女数 | Children | |
| | begin_repeat | child | 子女 | Child | ${children} |
| | text | child_name | 姓名 | Name | |
| | end_repeat | | | | |
| settings |
| | form_id | version | form_title |
| | children | 2026120301 | Children |
"""


@pytest.fixture
def page(qtbot, township):
    from desktop.ui.entry.entry_page import EntryPage

    widget = EntryPage(township)
    qtbot.addWidget(widget)
    widget.resize(1366, 740)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    yield widget
    dispose(widget)


def open_form(page, tmp_path, text: str):
    path = tmp_path / "form.md"
    path.write_text(text, encoding="utf-8")
    page.set_form(load_form(path))
    page.start_new(carry=False)
    QApplication.processEvents()
    return page.form_view


def test_inner_rows_are_typed_added_and_removed_from_the_keyboard_and_saved(page, township, tmp_path):
    view = open_form(page, tmp_path, HOUSEHOLDS)
    assert view.current_path() == "village"
    enter_field("东村")
    assert focused() is view.repeats["household"].add_button
    press(Qt.Key_Space)  # the outer row
    assert view.current_path() == "household/0/head"
    enter_field("张三")
    inner_add = view.repeats["household/0/member"].add_button
    assert focused() is inner_add  # Tab order: the row's fields, then its rows within
    press(Qt.Key_Space)
    assert view.current_path() == "household/0/member/0/member_name"
    enter_field("张三")
    enter_field("40")
    assert focused() is inner_add
    press(Qt.Key_A, Qt.ControlModifier | Qt.ShiftModifier)  # the same keys as the outer rows
    assert view.current_path() == "household/0/member/1/member_name"
    type_text("张小")
    press(Qt.Key_Tab)
    type_text("9")
    press(Qt.Key_A, Qt.ControlModifier | Qt.ShiftModifier)  # in an inner row: adds an inner row
    assert view.current_path() == "household/0/member/2/member_name"
    press(Qt.Key_D, Qt.ControlModifier | Qt.ShiftModifier)  # and removes it
    assert len(view.values()["household"][0]["member"]) == 2
    assert focused() is view.repeats["household/0/member"].add_button
    press(Qt.Key_Return)  # Enter on the inner Add button moves on: the outer Add button
    assert focused() is view.repeats["household"].add_button
    press(Qt.Key_Space)
    assert view.current_path() == "household/1/head"
    enter_field("李四")
    press(Qt.Key_Space)
    enter_field("李四")
    enter_field("70")
    state = view.flush()
    assert [h["household_age"] for h in state.values["household"]] == [49, 70]
    assert state.values["total_age"] == 119
    assert view.rows["household/1/member/0/age"].label.isVisible()
    press(Qt.Key_S, Qt.ControlModifier)
    saved = records.query(township.db, form_id="households")
    assert len(saved) == 1
    values = records.get(township.db, saved[0].id).values
    assert values["household"][0]["member"] == [
        {"member_name": "张三", "age": 40}, {"member_name": "张小", "age": 9}]
    assert values["household"][1]["member"] == [{"member_name": "李四", "age": 70}]
    assert values["total_age"] == 119


def test_a_saved_two_level_record_opens_with_its_rows_within_rows(page, township, tmp_path):
    view = open_form(page, tmp_path, HOUSEHOLDS)
    view.set_values({"village": "东村", "household": [
        {"head": "王五", "member": [{"member_name": "王五", "age": "50"}, {"member_name": "王六", "age": "20"}]}]})
    assert view.editor("household/0/member/1/member_name").value() == "王六"
    assert "1.2" in view.label_of("household/0/member/1/age")  # the outer row, then the inner
    assert view.state().values["household"][0]["household_age"] == 70
    view.remove_repeat_row("household/0/member", 0)
    assert view.values()["household"][0]["member"] == [{"member_name": "王六", "age": "20"}]


def test_rows_follow_repeat_count_as_the_clerk_types(page, township, tmp_path):
    view = open_form(page, tmp_path, COUNTED)
    section = view.repeats["child"]
    assert not section.add_button.isVisibleTo(view.body)  # the count decides the rows
    enter_field("3")
    assert len(section.instances) == 3
    assert view.current_path() == "child/0/child_name"  # Enter moved into the rows just made
    enter_field("甲")
    enter_field("乙")
    view.focus_path("children")
    focused().selectAll()
    type_text("1")
    state = view.flush()
    # the empty third row went; the filled second stays and the rules name the repeat
    assert len(section.instances) == 2
    assert [(v.path, v.code) for v in state.errors] == [("child", "repeat_count")]
    assert section.message.isVisible() and "2" in section.message.text()
    press(Qt.Key_S, Qt.ControlModifier)
    assert records.query(township.db, form_id="children") == []  # refused
    view.focus_path("child/1/child_name")
    focused().selectAll()
    press(Qt.Key_Backspace)
    state = view.flush()
    assert len(section.instances) == 1 and state.ok
    assert not section.message.isVisible()
    press(Qt.Key_S, Qt.ControlModifier)
    saved = records.query(township.db, form_id="children")
    assert [records.get(township.db, r.id).values["child"] for r in saved] == [[{"child_name": "甲"}]]


def test_a_draft_keeps_the_rows_within_rows(page, township, tmp_path):
    from desktop.core.entry import form_entry

    path = tmp_path / "households.md"
    path.write_text(HOUSEHOLDS, encoding="utf-8")
    page.set_form(form_entry.registry_for(township).install(path))  # as the clerk installs a form
    page.start_new(carry=False)
    view = page.form_view
    enter_field("东村")
    press(Qt.Key_Space)
    enter_field("张三")
    press(Qt.Key_Space)
    enter_field("张小")  # leaving a field writes the draft
    draft = page.drafts.load("households")
    assert draft is not None
    assert draft.values["household"] == [{"head": "张三", "member": [{"member_name": "张小", "age": ""}]}]
    page.start_new(carry=False)
    assert view.values()["household"] == []
    page._offer_draft()  # as on choosing the form again
    assert page.has_offered_draft() and focused() is page.restore_button
    press(Qt.Key_Space)
    restored = page.form_view
    assert restored.editor("household/0/member/0/member_name").value() == "张小"
    assert restored.repeats["household/0/member"].add_button in restored.focus_chain()
