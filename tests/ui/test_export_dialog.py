"""Export… on the records list: what the list shows, IDs masked unless a supervisor gives a reason."""

from __future__ import annotations

import json

import openpyxl

from tests.conftest import VALID_IDS


def list_page(qtbot, workspace):
    from desktop.ui.entry.records_page import RecordsPage

    page = RecordsPage(workspace)
    qtbot.addWidget(page)
    page.show()
    return page


def exported_rows(path):
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_export_of_the_searched_list_with_full_ids_and_a_reason(qtbot, people_township, tmp_path):
    page = list_page(qtbot, people_township)
    page.search_edit.setText("张三")
    dialog = page.export_list()
    qtbot.addWidget(dialog)
    assert "shows: 1." in dialog.findChildren(type(dialog.status_label))[0].text()
    out = tmp_path / "名单.xlsx"
    dialog.file_edit.setText(str(out))
    assert dialog.export_button.isEnabled() and dialog.unmask_check.isEnabled()
    dialog.unmask_check.setChecked(True)
    assert not dialog.export_button.isEnabled()            # a reason first
    dialog.reason_edit.setText("派出所核对")
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10000)
    [row] = exported_rows(out)
    assert row["Name"] == "张三" and row["Resident ID number"] == VALID_IDS[0]
    assert str(out.name) in dialog.status_label.text()
    [event] = people_township.db.execute("SELECT details, reason FROM audit WHERE event='export'").fetchall()
    assert json.loads(event[0])["unmasked"] is True and event[1] == "派出所核对"


def test_a_clerk_exports_masked_ids_only(qtbot, people_township, tmp_path):
    people_township.clerk, people_township.clerk_role = "陈录入", "clerk"
    page = list_page(qtbot, people_township)
    dialog = page.export_list()
    qtbot.addWidget(dialog)
    assert not dialog.unmask_check.isEnabled()
    dialog.format_combo.setCurrentIndex(1)
    assert dialog.file_edit.text().endswith(".csv")
    out = tmp_path / "list.xlsx"
    dialog.file_edit.setText(str(out))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10000)
    rows = exported_rows(out)
    assert len(rows) == 4 and all(row["Resident ID number"].count("*") == 8 for row in rows)
