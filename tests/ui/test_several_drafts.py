"""Nothing typed is lost by opening, editing or starting another record: each unfinished record
(a change to each saved record, each new record) is a draft of its own, listed in Find and fix.
Driven from the keyboard through the real main window, on a real encrypted data folder."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from desktop.core.entry import form_entry
from desktop.core.entry.drafts import DraftStore
from tests.conftest import complete_record
from tests.ui.keyboard import enter_field, focused, press, type_text
from tests.ui.test_entry_page import VALID_ID
from tests.ui.test_find_fix_page import go_to, retype


def open_window(qtbot, workspace):
    from desktop.ui.shell.main_window import MainWindow

    workspace.clerk_role = "admin"
    main = MainWindow(workspace)
    main.resize(1366, 768)
    with qtbot.waitActive(main):
        main.show()
        main.activateWindow()
    return main


def close_window(main) -> None:
    main.close()            # as signing out: the pages keep what is on screen as drafts
    main.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


def fix_rows(page) -> list[list[str]]:
    return [[page.model.index(row, col).data() for col in range(4)] for row in range(page.model.rowCount())]


def enter_on_row(page, text: str) -> None:
    """Down to the first row naming `text`, then Enter, as the clerk does."""
    rows = fix_rows(page)
    target = next(n for n, row in enumerate(rows) if text in row[1])
    page.view.setFocus()
    page.view.selectRow(0)
    for _ in range(target):
        press(Qt.Key.Key_Down, widget=page.view)
    press(Qt.Key.Key_Return, widget=page.view)


def type_half_a_record(window, name: str):
    entry = go_to(window, "entry")
    entry.form_view.focus_first()
    QApplication.processEvents()
    assert entry.form_view.current_path() == "name"
    enter_field(name)                       # Enter: the draft file is written
    return entry


def test_opening_and_editing_another_record_keeps_the_offered_draft(qtbot, township):
    form = form_entry.registry_for(township).get("floating_population")
    lisi = form_entry.save(township, form, complete_record(VALID_ID, name="李四"), complete=True)
    first = open_window(qtbot, township)
    type_half_a_record(first, "王五")
    close_window(first)

    window = open_window(qtbot, township)
    try:
        entry = window.pages["entry"]
        assert entry.has_offered_draft() and "王五" in entry.draft_text.text()
        listing = go_to(window, "records")           # the clerk passes the offer by ...
        assert focused() is listing.search_edit
        press(Qt.Key.Key_Return)                      # ... and opens 李四, the first row
        assert window.stack.currentWidget() is entry and entry.record.id == lisi.id
        retype(entry, "phone", "13812345678")         # a change to 李四, not saved: its own draft

        page = go_to(window, "fix")
        rows = fix_rows(page)
        assert [row[0] for row in rows] == ["Unfinished draft", "Unfinished draft"]
        assert sorted(row[1] for row in rows) == ["李四 131025********3219", "王五"]

        enter_on_row(page, "王五")                     # the new record taken up where it was left
        assert window.stack.currentWidget() is entry
        assert entry.record is None and entry.form_view.values()["name"] == "王五"
        type_text("13900001111")                      # it carries on: the cursor after the name
        press(Qt.Key.Key_Return)

        page = go_to(window, "fix")                   # 李四's change is still kept, not overwritten
        assert sorted(row[1] for row in fix_rows(page)) == ["李四 131025********3219", "王五"]
        enter_on_row(page, "李四")
        assert entry.record.id == lisi.id and entry.form_view.values()["phone"] == "13812345678"
    finally:
        close_window(window)
    kept = {d.values["name"]: d for d in DraftStore(township.paths.drafts, "王丽", key=township.data_key).all()}
    assert set(kept) == {"王五", "李四"}
    assert kept["李四"].record_id == lisi.id and kept["王五"].record_id is None


def test_ctrl_n_past_an_offered_draft_keeps_it_on_the_list(qtbot, township):
    first = open_window(qtbot, township)
    type_half_a_record(first, "王五")
    close_window(first)

    window = open_window(qtbot, township)
    try:
        entry = go_to(window, "entry")
        assert entry.has_offered_draft()
        press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)      # a new record instead
        assert not entry.has_offered_draft() and entry.form_view.isEnabled()
        assert "Find and fix" in entry.status_label.text()
        type_half_a_record(window, "赵六")
        page = go_to(window, "fix")
        assert sorted(row[1] for row in fix_rows(page)) == ["王五", "赵六"]
    finally:
        close_window(window)
