"""Print slip… (records list and entry page, Ctrl+P) and Print list… on the records list: real
PDFs through the task service, print events in the trail, full IDs only with a reason."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.conftest import VALID_IDS
from tests.reports.conftest import pdf_pages, pdf_text


def list_page(qtbot, workspace):
    from desktop.ui.entry.records_page import RecordsPage

    page = RecordsPage(workspace)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page


def print_events(workspace) -> list[dict]:
    return [json.loads(row[0]) for row in
            workspace.db.execute("SELECT details FROM audit WHERE event='print' ORDER BY seq")]


def test_ctrl_p_on_the_list_prints_the_selected_record_as_a_slip(qtbot, people_township, tmp_path):
    page = list_page(qtbot, people_township)
    page.table.setFocus()
    page.table.selectRow(0)
    record_id = page.selected_record_id()
    qtbot.keyClick(page.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = next(w for w in QApplication.topLevelWidgets() if type(w).__name__ == "PrintDialog" and w.isVisible())
    qtbot.addWidget(dialog)
    assert dialog.slip_of == record_id and dialog.windowTitle() == "Print slip"
    out = tmp_path / "slip.pdf"
    dialog.file_edit.setText(str(out))
    dialog.pdf_button.click()
    qtbot.waitUntil(lambda: dialog.pages is not None, timeout=15000)
    assert pdf_pages(out) == 1 and "Person registered (signature)" in pdf_text(out)
    assert "1 page" in dialog.status_label.text() and "(s)" not in dialog.status_label.text()
    assert print_events(people_township)[-1] == {"what": "slip", "record": record_id}


def test_a_supervisor_prints_full_ids_only_with_a_reason(qtbot, people_township, tmp_path):
    people_township.clerk, people_township.clerk_role = "刘主管", "supervisor"
    page = list_page(qtbot, people_township)
    page.search_edit.setText("张三")
    page.apply_filter()
    page.table.selectRow(0)
    dialog = page.print_slip()
    qtbot.addWidget(dialog)
    out = tmp_path / "full.pdf"
    dialog.file_edit.setText(str(out))
    dialog.unmask_check.setChecked(True)
    assert not dialog.pdf_button.isEnabled()
    dialog.reason_edit.setText("本人办理居住证")
    dialog.pdf_button.click()
    qtbot.waitUntil(lambda: dialog.pages is not None, timeout=15000)
    assert VALID_IDS[0] in pdf_text(out).replace(" ", "")
    event = print_events(people_township)[-1]
    assert event["what"] == "slip" and event["reason"] == "本人办理居住证"


def test_a_clerk_cannot_unmask_on_a_slip(qtbot, people_township):
    people_township.clerk, people_township.clerk_role = "陈录入", "clerk"
    page = list_page(qtbot, people_township)
    page.table.selectRow(0)
    dialog = page.print_slip()
    qtbot.addWidget(dialog)
    assert not dialog.unmask_check.isEnabled()


def test_print_list_prints_what_the_list_shows(qtbot, people_township, tmp_path):
    page = list_page(qtbot, people_township)
    page.form_combo.setCurrentIndex(page.form_combo.findData("floating_population"))
    page.search_edit.setText("张三")
    dialog = page.print_list()
    qtbot.addWidget(dialog)
    out = tmp_path / "list.pdf"
    dialog.file_edit.setText(str(out))
    dialog.pdf_button.click()
    qtbot.waitUntil(lambda: dialog.pages is not None, timeout=15000)
    text = pdf_text(out)
    assert "张三" in text and "李四" not in text and "List of records" in text
    event = print_events(people_township)[-1]
    assert event["what"] == "list" and event["rows"] == 1 and event["search"] == "张三"


def test_the_entry_page_prints_the_open_record_with_ctrl_p(qtbot, township, tmp_path):
    from desktop.core.entry import entry
    from desktop.ui.entry.entry_page import EntryPage
    from tests.conftest import complete_record
    from tests.ui.test_entry_page import dispose

    people_township = township
    record = entry.add(township, "floating_population", complete_record(VALID_IDS[2], name="张秀英"))
    page = EntryPage(township)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    try:
        assert page.print_slip() is None          # nothing saved yet: a word on the status line, no dialog
        assert "Save the record first" in page.status_label.text()
        assert page.open_record(record.id), page.status_label.text()
        QApplication.processEvents()
        qtbot.keyClick(page.form_view.focusWidget() or page, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if type(w).__name__ == "PrintDialog" and w.isVisible())
        assert dialog.slip_of == record.id
        out = tmp_path / "entry.pdf"
        dialog.file_edit.setText(str(out))
        dialog.pdf_button.click()
        qtbot.waitUntil(lambda: dialog.pages is not None, timeout=15000)
        assert print_events(people_township)[-1] == {"what": "slip", "record": record.id}
    finally:
        dispose(page)
