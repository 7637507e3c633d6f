"""The records list: columns the clerk chooses (kept per form), sorting by any column, a hint
under two characters, the matched part of an ID in sight, family members found by search."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.core.entry import list_columns
from desktop.core.store import records
from tests.conftest import VALID_IDS

FORM = "floating_population"


def list_page(qtbot, workspace):
    from desktop.ui.entry.records_page import RecordsPage

    page = RecordsPage(workspace)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    return page


def column_texts(page, title):
    model = page.model
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    column = titles.index(title)
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def choose_form(page, form_id=FORM):
    page.form_combo.setCurrentIndex(page.form_combo.findData(form_id))


def test_chosen_columns_are_kept_per_form(qtbot, people_township):
    page = list_page(qtbot, people_township)
    choose_form(page)
    dialog = page.choose_columns()
    assert not dialog.boxes["name"].isEnabled() and dialog.boxes["name"].isChecked()
    dialog.boxes["field:phone"].setChecked(True)
    dialog.boxes["field:arrival_date"].setChecked(True)
    dialog.boxes["age"].setChecked(True)
    dialog.boxes["family"].setChecked(True)
    dialog.boxes["sex"].setChecked(False)
    dialog.accept()
    assert "Sex" not in [c.label.en for c in page.model.columns]
    phones = column_texts(page, "Phone")
    assert sorted(phones) == sorted(["13912345678", "13800001111", "", "0316-5512345"])
    assert column_texts(page, "Family count") == ["0"] * 4

    again = list_page(qtbot, people_township)
    assert [c.key for c in again.model.columns] == list(list_columns.DEFAULT)   # all forms: their own choice
    choose_form(again)
    assert [c.key for c in again.model.columns] == ["name", "id", "village", "status", "updated", "age", "family",
                                                    "field:phone", "field:arrival_date"]


def test_sort_by_any_column_by_clicking_its_header_or_from_the_dialog(qtbot, people_township):
    page = list_page(qtbot, people_township)
    choose_form(page)
    page.sort_by_column(0)                                    # Name, A to Z (by code point)
    names = column_texts(page, "Name")
    assert names == sorted(names)
    page.sort_by_column(0)
    assert column_texts(page, "Name") == sorted(names, reverse=True)
    assert page.table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder

    dialog = page.choose_columns()
    dialog.boxes["field:phone"].setChecked(True)
    dialog.sort_combo.setCurrentIndex(dialog.sort_combo.findData("field:phone"))
    dialog.descending_check.setChecked(False)
    dialog.accept()
    phones = column_texts(page, "Phone")
    assert phones == ["", "0316-5512345", "13800001111", "13912345678"]
    kept = list_columns.load_choice(people_township.db, FORM)
    assert kept.sort == "field:phone" and not kept.descending


def test_one_character_shows_a_hint_instead_of_filtering_silently(qtbot, people_township):
    page = list_page(qtbot, people_township)
    page.search_edit.setText("张")
    page.apply_filter()
    assert page.search_hint.isVisible() and page.model.rowCount() == 4
    page.search_edit.setText("张三")
    page.apply_filter()
    assert not page.search_hint.isVisible() and page.model.rowCount() == 1


def test_an_id_digit_search_shows_the_digits_it_matched(qtbot, people_township):
    number = VALID_IDS[0]
    page = list_page(qtbot, people_township)
    page.search_edit.setText(number[8:12])                   # inside the masked part
    page.apply_filter()
    matches = [r for r in people_township.saved if number[8:12] in r.values["id_number"]]
    assert page.model.rowCount() == len(matches) >= 1
    shown = column_texts(page, "ID number")
    assert number[:6] + "**[" + number[8:12] + "]" in shown[0] and shown[0].endswith(number[-4:])
    assert number[6:8] not in shown[0][6:9]                  # nothing else of the hidden part
    assert column_texts(page, "Found in")[0] == "ID number"
    page.search_edit.setText("")
    page.apply_filter()
    assert all("[" not in text for text in column_texts(page, "ID number"))


def test_family_members_are_found_by_search(qtbot, people_township):
    from desktop.core.entry import entry
    from tests.core.sheets.registers import resident_id

    member_id = resident_id("19980202", "222")
    entry.add(people_township, FORM, {
        "name": "周大山", "id_number": resident_id("19700101", "111"), "hukou_address": "河北省", "marital_status": "20",
        "village": "131025100001", "arrival_date": "2024-03-01", "move_reason": "01",
        "family": [{"member_name": "周小红", "member_relationship": "20", "member_id_number": member_id}]},
        status="draft")
    page = list_page(qtbot, people_township)
    for query in ("周小红", "zxh", member_id[-6:]):
        page.search_edit.setText(query)
        page.apply_filter()
        assert column_texts(page, "Name") == ["周大山"], query
        assert column_texts(page, "Found in")[0].startswith("Family member 周小红"), query


def test_records_saved_before_get_their_family_members_in_the_search_text(people_township):
    from desktop.core.store.migrations import m0515_family_search

    saved = records.save(people_township.db, form_id=FORM, form_version="1", township="131025100",
                         values={"name": "吴一", "family": [{"member_name": "吴二"}]}, clerk="王丽")
    people_township.db.execute("UPDATE records SET search_text = 'wu yi' WHERE id = ?", [saved.id])
    assert not records.query(people_township.db, search="吴二")
    m0515_family_search.apply(people_township.db)
    [found] = records.query(people_township.db, search="吴二")
    assert found.id == saved.id and records.query(people_township.db, search="we")
    m0515_family_search.apply(people_township.db)            # twice: the text is not doubled
    text = people_township.db.execute("SELECT search_text FROM records WHERE id=?", [saved.id]).fetchone()[0]
    assert text.count("吴二") == 1


def test_reveal_and_order_are_safe():
    import pytest

    assert list_columns.reveal_id("131025198802143219", "0214") == "131025****[0214]3219"
    assert list_columns.reveal_id("131025198802143219", "1988") == "131025[1988]****3219"
    assert list_columns.reveal_id("131025198802143219", "9999") == "131025********3219"
    assert list_columns.id_match_hidden("131025198802143219", "1988")
    assert not list_columns.id_match_hidden("131025198802143219", "3219")
    with pytest.raises(ValueError):
        list_columns._json("x'); DROP TABLE records; --")
