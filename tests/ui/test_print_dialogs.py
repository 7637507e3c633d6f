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


def test_print_list_keeps_the_lists_date_filter_as_export_does(qtbot, people_township, tmp_path):
    """The defect: Print list printed every record of the form whatever dates the list showed."""
    from PySide6.QtCore import QDate

    from desktop.core.store.db import transaction

    lisi, zhaoliu = people_township.saved[1], people_township.saved[3]
    with transaction(people_township.db):      # two records last changed in January
        people_township.db.execute("UPDATE records SET updated_at = '2026-01-10T09:00:00' WHERE id IN (?, ?)",
                                   [lisi.id, zhaoliu.id])
    page = list_page(qtbot, people_township)
    page.form_combo.setCurrentIndex(page.form_combo.findData("floating_population"))
    page.date_check.setChecked(True)
    page.date_from.setDate(QDate(2026, 1, 1))
    page.date_to.setDate(QDate(2026, 1, 31))
    page.apply_filter()
    assert page.model.total() == 2
    dialog = page.print_list()
    qtbot.addWidget(dialog)
    out = tmp_path / "january.pdf"
    dialog.file_edit.setText(str(out))
    dialog.pdf_button.click()
    qtbot.waitUntil(lambda: dialog.pages is not None, timeout=15000)
    text = pdf_text(out)
    assert "李四" in text and "赵六" in text and "张三" not in text and "王小红" not in text
    assert "Changed" in text                    # the header says which dates (pdftotext drops its digits)
    event = print_events(people_township)[-1]
    assert event["rows"] == 2 and event["changed"] == ["2026-01-01", "2026-01-31"]

    export = page.export_list()                 # Export… takes the same records
    qtbot.addWidget(export)
    assert export.query_args["params"] == ["2026-01-01", "2026-01-31\uffff"]


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
