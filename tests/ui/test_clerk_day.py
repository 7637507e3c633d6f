"""A clerk's day through the real main window, keyboard only: Ctrl+1 to the entry page, a whole
floating-population record keyed in, Ctrl+S, Ctrl+2 to the records list, the pinyin initials
of the name in the search box, Enter opens the record back in the entry page. Then the links
between pages: a correction task opens its record, the records list asks another township."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from desktop.core.store import records
from tests.core.crosscheck.conftest import county  # noqa: F401  (fixture)
from tests.ui.keyboard import enter_field, focused, press, type_text
from tests.ui.test_entry_page import VALID_ID, key_in_person


@pytest.fixture
def window(qtbot, township):
    from desktop.ui.shell.main_window import MainWindow

    township.clerk_role = "admin"
    main = MainWindow(township)
    qtbot.addWidget(main)
    main.resize(1366, 768)
    with qtbot.waitActive(main):
        main.show()
        main.activateWindow()
    yield main
    main.close()
    main.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


def test_keyboard_only_entry_save_search_and_open_again(qtbot, township, window):
    press(Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier, widget=window)
    entry = window.pages["entry"]
    assert window.stack.currentWidget() is entry
    assert entry.form_view.current_path() == "name"       # the cursor is in the form at once

    key_in_person(entry)                                    # name .. employer, type-ahead for codes
    enter_field("")                                         # status: present (the default)
    assert entry.form_view.current_path() == "remarks"
    enter_field("")
    press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = records.query(township.db, form_id="floating_population")
    assert [(r.values["name"], r.values["id_number"], r.status) for r in saved] == [("张三", VALID_ID, "complete")]

    press(Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    listing = window.pages["records"]
    assert window.stack.currentWidget() is listing
    assert focused() is listing.search_edit                 # type at once, no click
    type_text("zs")
    qtbot.waitUntil(lambda: listing.model.rowCount() == 1 and listing.model.record_filter.search == "zs",
                    timeout=2000)
    assert listing.model.index(0, 0).data() == "张三"
    assert listing.model.index(0, 1).data() == "131025********3219"   # masked in the list
    press(Qt.Key.Key_Return)

    assert window.stack.currentWidget() is entry
    assert entry.record is not None and entry.record.id == saved[0].id
    assert entry.form_view.values()["id_number"] == VALID_ID   # in full, inside the opened record
    assert entry.form_view.values()["village"] == "131025100001"


def test_empty_list_says_how_to_enter_a_record_and_ctrl_n_goes_there(qtbot, window):
    listing = window.show_page("records")
    assert listing.model.rowCount() == 0
    assert listing.empty_state.label.isVisible()
    assert "Ctrl+N" in listing.empty_state.label.text()
    press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.pages["entry"]
    assert window.pages["entry"].form_view.current_path() == "name"


def test_a_correction_task_opens_its_record_in_the_entry_page(qtbot, township, county, window):  # noqa: F811
    from desktop.core.entry import form_entry
    from desktop.core.exchange import corrections
    from tests.conftest import complete_record
    from tests.core.crosscheck.carrier import copy_records, county_to_township

    form = form_entry.registry_for(township).get("floating_population")
    record = form_entry.save(township, form, complete_record(VALID_ID, name="李四"), complete=True)
    copy_records(township, county)
    corrections.raise_task(county, record.id, message="请核对电话号码", field="phone")
    county_to_township(county, township)
    page = window.show_page("corrections")
    page.refresh()
    page.view.setFocus()
    page.view.selectRow(0)
    page.open_button.click()
    entry = window.pages["entry"]
    assert window.stack.currentWidget() is entry and entry.record.id == record.id


def test_records_list_asks_another_township_about_the_selected_record(qtbot, township, window):
    from desktop.core.entry import form_entry
    from desktop.core.exchange import crosschecks
    from tests.conftest import complete_record

    form = form_entry.registry_for(township).get("floating_population")
    record = form_entry.save(township, form, complete_record(VALID_ID, name="李四"), complete=True)
    listing = window.show_page("records")
    listing.table.selectRow(0)
    listing.table.setFocus()
    press(Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)     # the button's mnemonic (animated click)
    qtbot.waitUntil(lambda: window.pages["crosschecks"].dialog is not None, timeout=2000)
    dialog = window.pages["crosschecks"].dialog
    assert dialog.isVisible()
    assert dialog.name_edit.text() == "李四" and dialog.id_edit.text() == VALID_ID
    dialog.question_edit.setFocus()
    # typed into the question box itself: under load the offscreen platform may not have moved
    # focus into the new dialog yet, and keys sent to "the focused widget" would land elsewhere
    type_text("是否仍在本镇务工？", dialog.question_edit)
    assert dialog.question_edit.toPlainText() == "是否仍在本镇务工？"
    dialog.accept()
    sent = crosschecks.outgoing(township.db)
    assert [(r.subject_name, r.record_id) for r in sent] == [("李四", record.id)]
    assert "next sync bundle" in window.statusBar().currentMessage()
