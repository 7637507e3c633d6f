"""The entry page keeps each record's keying session: keyed from the keyboard, a record whose ID
the rules refused once is saved with a keying row naming one error caught and the fields keyed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.core.store import audit, records
from tests.ui.keyboard import enter_field, press
from tests.ui.test_entry_page import VALID_ID, current_path, dispose, key_in_person


def test_a_saved_record_leaves_its_keying_session_in_the_trail(qtbot, township):
    from desktop.ui.entry.entry_page import EntryPage

    page = EntryPage(township)
    page.resize(1366, 740)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    page.form_view.focus_first()
    QApplication.processEvents()
    try:
        enter_field("张三")
        enter_field("131025198802143218")             # a wrong check digit: the rules refuse it
        page.form_view.flush()
        assert "should be 9" in page.form_view.message_text("id_number")
        page.form_view.focus_first()
        assert current_path(page) == "name"
        key_in_person(page, id_number=VALID_ID)
        press(Qt.Key_S, Qt.ControlModifier)
        [saved] = records.query(township.db, form_id="floating_population")
        [row] = [e for e in audit.entries(township.db, record_id=saved.id) if e.event == "keying"]
        assert row.clerk == "王丽" and row.details["status"] == "complete"
        assert row.details["errors"] == 1
        assert row.details["fields"] >= 10 and row.details["seconds"] >= 0
    finally:
        dispose(page)
