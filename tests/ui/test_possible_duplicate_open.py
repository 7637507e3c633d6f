"""The entry warning 可能是同一人 opens the other record: a button beside the problems, and
Ctrl+Shift+O from the keyboard, as for a duplicate ID."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.helpers.people import check_digit
from tests.ui.keyboard import press
from tests.ui.test_desk_defects import entry  # noqa: F401 (the fixture)
from tests.ui.test_entry_page import VALID_ID, key_in_person

ANOTHER_ID = "13102519880214331" + check_digit("13102519880214331")   # one digit of the sequence apart


def test_the_possible_duplicate_warning_opens_the_other_record_from_the_keyboard(qtbot, entry):  # noqa: F811
    key_in_person(entry, id_number=VALID_ID)
    first = entry.save()
    assert first is not None
    key_in_person(entry, id_number=ANOTHER_ID)          # 张三 again, another ID: possibly the same person
    entry.form_view.flush()
    found = [entry.problem_list.item(i).text() for i in range(entry.problem_list.count())]
    assert any(first.id[:8] in text for text in found), found
    assert entry.open_other_button.isVisible()
    assert "possibly the same person" in entry.open_other_button.text()
    press(Qt.Key_O, Qt.ControlModifier | Qt.ShiftModifier)   # the record being keyed is kept as a draft
    assert entry.record is not None and entry.record.id == first.id
    assert not entry.open_other_button.isVisible()       # the record opened has no such warning


def test_ctrl_shift_o_does_nothing_without_another_record(qtbot, entry):  # noqa: F811
    key_in_person(entry, id_number=VALID_ID)
    press(Qt.Key_O, Qt.ControlModifier | Qt.ShiftModifier)
    assert entry.record is None and entry.form_view.values()["name"] == "张三"


def test_the_warning_comes_as_the_clerk_leaves_the_id_field(qtbot, entry):  # noqa: F811
    """Before the rest of the record is keyed: the clerk can open the other record instead of
    keying a person the township already has."""
    from tests.ui.keyboard import enter_field
    from tests.ui.test_entry_page import current_path

    key_in_person(entry, id_number=VALID_ID)
    first = entry.save()
    assert first is not None and current_path(entry) == "name"
    enter_field("张三")
    assert not entry.open_other_button.isVisible()       # a name alone is no one yet
    enter_field(ANOTHER_ID)
    entry.form_view.flush()
    assert current_path(entry) != "id_number"
    assert entry.form_view.values()["hukou_address"] in ("", None)   # the rest not keyed yet
    found = [entry.problem_list.item(i).text() for i in range(entry.problem_list.count())]
    assert any(first.id[:8] in text for text in found), found
    assert entry.open_other_button.isVisible()
