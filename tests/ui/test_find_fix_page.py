"""Find and fix through the real main window, keyboard only: the list of unfinished drafts,
open corrections and overridden warnings says why each is listed (a draft's ID already
registered among them); Enter opens one; saving brings the clerk back to the list the record
was opened from (find and fix, the records list, the corrections page), not to a blank form."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication

from desktop.core.entry import form_entry
from desktop.core.entry.drafts import Draft, DraftStore
from desktop.core.store import records
from tests.conftest import complete_record
from tests.core.crosscheck.conftest import county  # noqa: F401  (fixture)
from tests.ui.keyboard import focused, press, type_text
from tests.ui.test_entry_page import VALID_ID

OTHER_ID = "110101199003074514"


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


def go_to(window, key: str):
    """Ctrl+<n> of the page, as the navigation list shows it."""
    position = window.page_keys.index(key) + 1
    press(getattr(Qt.Key, f"Key_{position}"), Qt.KeyboardModifier.ControlModifier, widget=window)
    page = window.pages[key]
    assert window.stack.currentWidget() is page
    return page


def answer_reason(text: str) -> list:
    """Type `text` into each reason of the reason dialog when it comes up, then Enter (OK)."""
    from desktop.ui.entry.reason_dialogs import ReasonsDialog

    answered = []

    def answer():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ReasonsDialog):
            QTimer.singleShot(20, answer)
            return
        for edit in dialog.inputs:
            type_text(text, edit)
        answered.append(dialog.windowTitle())
        press(Qt.Key.Key_Return, widget=dialog.inputs[-1])

    QTimer.singleShot(20, answer)
    return answered


def retype(entry, path: str, text: str) -> None:
    entry.form_view.focus_path(path)
    press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(text)
    press(Qt.Key.Key_Return)


def test_saving_a_record_opened_from_the_records_list_goes_back_to_the_list(qtbot, township, window):
    form = form_entry.registry_for(township).get("floating_population")
    saved = form_entry.save(township, form, complete_record(VALID_ID, name="李四"), complete=True)
    listing = go_to(window, "records")
    assert focused() is listing.search_edit
    press(Qt.Key.Key_Return)                                   # opens the first row
    entry = window.pages["entry"]
    assert window.stack.currentWidget() is entry and entry.record.id == saved.id

    retype(entry, "phone", "13812345678")
    answered = answer_reason("电话号码更正")
    press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: records.get(township.db, saved.id).version == saved.version + 1, timeout=3000)
    assert answered == ["Reason for the change"]
    assert window.stack.currentWidget() is listing              # back where the clerk came from
    qtbot.waitUntil(lambda: QApplication.focusWidget() is listing.table, timeout=2000)
    assert listing.selected_record_id() == saved.id


def test_find_and_fix_says_why_each_is_listed_enter_opens_and_saving_comes_back(qtbot, township, window):
    form = form_entry.registry_for(township).get("floating_population")
    warned = form_entry.save(township, form, complete_record(VALID_ID, name="张三", arrival_date="1990-01-01"),
                             complete=True, overrides={"arrival_date": "有暂住证为据"})
    DraftStore(township.paths.drafts, "王丽", key=township.data_key).save(Draft(
        form_id="certificate", form_version=form_entry.registry_for(township).get("certificate").version,
        values={"holder_name": "赵六"}))
    page = go_to(window, "fix")
    assert focused() is page.view                               # Enter works at once
    rows = [[page.model.index(row, col).data() for col in range(4)] for row in range(page.model.rowCount())]
    assert [row[0] for row in rows] == ["Unfinished draft", "Warning overridden"]
    assert rows[1][1] == "张三 131025********3219"
    assert rows[1][3].endswith(": 有暂住证为据") and "rrival" in rows[1][3]
    assert "Drafts: 1" in page.count_label.text() and "Warnings overridden: 1" in page.count_label.text()

    press(Qt.Key.Key_Down)
    press(Qt.Key.Key_Return)
    entry = window.pages["entry"]
    assert window.stack.currentWidget() is entry and entry.record.id == warned.id
    retype(entry, "arrival_date", "2024-03-01")                 # the warning no longer holds
    answered = answer_reason("按登记表更正")
    press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: records.get(township.db, warned.id).version == warned.version + 1, timeout=3000)
    assert answered == ["Reason for the change"]
    assert window.stack.currentWidget() is page                 # back on the list, the record off it
    assert [page.model.index(row, 0).data() for row in range(page.model.rowCount())] == ["Unfinished draft"]


def test_a_draft_on_the_list_shows_its_id_is_taken_and_enter_takes_it_up(qtbot, township, window):
    form = form_entry.registry_for(township).get("floating_population")
    taken = form_entry.save(township, form, complete_record(VALID_ID, name="张三"), complete=True)
    DraftStore(township.paths.drafts, "王丽", key=township.data_key).save(Draft(
        form_id=form.form_id, form_version=form.version, values={"name": "张三丰", "id_number": VALID_ID},
        current_field="id_number"))
    page = go_to(window, "fix")
    assert page.model.rowCount() == 1
    why = page.model.index(0, 3).data()
    assert "already registered" in why and "张三 131025********3219" in why
    assert page.model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None   # it stands out
    assert page.items[0].duplicate_of == taken.id

    press(Qt.Key.Key_Return)
    entry = window.pages["entry"]
    assert window.stack.currentWidget() is entry
    assert not entry.has_offered_draft() and entry.form_view.isEnabled()
    assert entry.form_view.values()["name"] == "张三丰" and entry.record is None
    assert entry.dirty


def test_saving_a_correction_goes_back_to_the_corrections_page(qtbot, township, county, window):  # noqa: F811
    from desktop.core.exchange import corrections
    from tests.core.crosscheck.carrier import copy_records, county_to_township

    form = form_entry.registry_for(township).get("floating_population")
    record = form_entry.save(township, form, complete_record(VALID_ID, name="李四"), complete=True)
    copy_records(township, county)
    corrections.raise_task(county, record.id, message="请核对电话号码", field="phone")
    county_to_township(county, township)
    page = go_to(window, "corrections")
    page.view.setFocus()
    page.view.selectRow(0)
    press(Qt.Key.Key_Return, widget=page.view)
    entry = window.pages["entry"]
    assert window.stack.currentWidget() is entry and entry.record.id == record.id
    retype(entry, "phone", "13812345678")
    answer_reason("按县级纠错更正")
    press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: records.get(township.db, record.id).version == record.version + 1, timeout=3000)
    assert window.stack.currentWidget() is page
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.view, timeout=2000)
    assert page.selected().record_id == record.id
    assert page.fixed_button.isEnabled()                         # now mark it fixed, right here


def test_ctrl_n_after_opening_a_record_stays_in_data_entry(qtbot, township, window):
    form = form_entry.registry_for(township).get("floating_population")
    form_entry.save(township, form, complete_record(VALID_ID, name="李四"), complete=True)
    go_to(window, "records")
    press(Qt.Key.Key_Return)
    entry = window.pages["entry"]
    press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)    # leaves the record for a new one
    assert window.return_to is None
    assert entry.record is None


def test_the_fix_page_model_passes_the_model_tester(qtbot, qtmodeltester, township, window):
    form = form_entry.registry_for(township).get("floating_population")
    form_entry.save(township, form, complete_record(VALID_ID, name="张三", arrival_date="1990-01-01"),
                    complete=True, overrides={"arrival_date": "有暂住证为据"})
    page = window.show_page("fix")
    qtmodeltester.check(page.model)
