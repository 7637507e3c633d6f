"""File > Import from spreadsheet…: the mapping table, the check, one reason for the warnings, the
import as one task with cancel, the row report shown and saved, the mapping remembered."""

from __future__ import annotations

import os

import openpyxl
from PySide6.QtCore import QDir, Qt

from desktop.core.store import records
from tests.core.sheets import registers as reg
from tests.ui.keyboard import press, type_text

FORM = "floating_population"


def count(workspace) -> int:
    return records.count(workspace.db, form_id=FORM)


def open_dialog(qtbot, workspace, path=None):
    from desktop.ui.entry.import_dialog import ImportDialog

    dialog = ImportDialog(workspace, form_id=FORM)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    if path is not None:
        assert dialog.set_file(path)
    return dialog


def wait_task(qtbot, dialog, timeout=20000):
    qtbot.waitUntil(lambda: dialog.task is None, timeout=timeout)


def combo_of(dialog, header):
    for column, combo in zip(dialog.preview.columns, dialog.combos, strict=True):
        if column.header == header:
            return combo
    raise KeyError(header)


def test_check_reason_import_and_the_row_report(qtbot, township, tmp_path, monkeypatch):
    monkeypatch.setattr("desktop.ui.shell.tasks.PROGRESS_DELAY_MS", 0)   # the progress dialog comes and goes
    reg.prepare_store(township)
    path = reg.write_xlsx(tmp_path / "台账.xlsx")
    dialog = open_dialog(qtbot, township, path)
    assert dialog.preview.header_row == 2 and "2" in dialog.mapping_label.text()
    assert combo_of(dialog, "公民身份号码").currentData() == "id_number"
    assert combo_of(dialog, "序号").currentData() == ""
    assert not dialog.import_button.isEnabled()          # a check comes first
    assert dialog.check_button.isEnabled()
    before = count(township)

    press(Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)   # Chec&k (an animated click)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20000)
    wait_task(qtbot, dialog)
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5000)   # the keyboard is back in the dialog
    assert count(township) == before and dialog.report.dry_run
    shown = {dialog.report_table.item(r, 0).text() for r in range(dialog.report_table.rowCount())}
    assert shown == {"5", "6", "9", "10", "11"}
    assert dialog.report_table.horizontalHeaderItem(2).text() == "Problem"
    assert dialog.reason_edit.isVisible() and dialog.focusWidget() is dialog.reason_edit   # row 11: a warning only
    assert dialog.import_button.isEnabled()

    type_text("按纸质台账补录")
    press(Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)   # &Import
    qtbot.waitUntil(lambda: dialog.report is not None and not dialog.report.dry_run, timeout=20000)
    wait_task(qtbot, dialog)
    assert not dialog.report.dry_run and dialog.report.counts["saved"] == 4
    assert count(township) == before + 4
    assert "4 saved" in dialog.summary_label.text()

    saved = dialog.save_report()
    assert saved == tmp_path / "台账_import_report.xlsx" and str(QDir.toNativeSeparators(str(saved))) \
        in dialog.summary_label.text()
    rows = list(openpyxl.load_workbook(saved).active.iter_rows(values_only=True))
    assert rows[0] == ("Row", "Field", "Problem") and {r[0] for r in rows[1:]} == {5, 6, 9, 10}


def test_a_changed_mapping_needs_a_new_check_and_is_remembered_for_the_same_shape(qtbot, township, tmp_path):
    first = reg.write_xlsx(tmp_path / "一月.xlsx", {3: reg.ROWS[3]})
    dialog = open_dialog(qtbot, township, first)
    assert not dialog.remembered_label.isVisible()
    dialog.check_button.click()
    wait_task(qtbot, dialog)
    assert dialog.import_button.isEnabled()
    combo = combo_of(dialog, "备注说明")
    combo.setFocus()
    combo.setCurrentIndex(combo.findData("remarks"))
    assert not dialog.import_button.isEnabled()          # the check was of another mapping
    combo_of(dialog, "联系电话（手机）").setCurrentIndex(0)     # not imported
    dialog.check_button.click()
    wait_task(qtbot, dialog)
    dialog.import_button.click()
    wait_task(qtbot, dialog)
    [saved] = records.query(township.db, form_id=FORM)
    assert not saved.values.get("phone") and saved.values["name"] == "张伟"

    second = reg.write_xlsx(tmp_path / "二月.xlsx", {3: reg.ROWS[12]})
    other = open_dialog(qtbot, township, second)
    assert other.remembered_label.isVisible()
    assert combo_of(other, "备注说明").currentData() == "remarks" and combo_of(other, "联系电话（手机）").currentData() == ""
    different = reg.write_xlsx(tmp_path / "other.xlsx", {3: reg.ROWS[12]}, headers=reg.HEADERS[:-1])
    assert other.set_file(different) and not other.remembered_label.isVisible()


def test_two_columns_for_one_field_are_refused(qtbot, township, tmp_path):
    dialog = open_dialog(qtbot, township, reg.write_xlsx(tmp_path / "a.xlsx", {3: reg.ROWS[3]}))
    combo_of(dialog, "备注说明").setCurrentIndex(combo_of(dialog, "备注说明").findData("name"))
    assert not dialog.check_button.isEnabled() and "same field" in dialog.summary_label.text()


def test_a_cancel_keeps_the_rows_saved_before_it_and_says_how_many(qtbot, township, tmp_path):
    rows = {n + 1: (reg.row(n, "测" + chr(0x4E00 + n), reg.resident_id("19880214", f"{n:03d}"), "男" if n % 2 else "女",
                         "1988-02-14"), "saved")
            for n in range(1, 400)}
    path = reg.write_xlsx(tmp_path / "大表.xlsx", rows, title=False)
    dialog = open_dialog(qtbot, township, path)
    dialog.check_button.click()
    wait_task(qtbot, dialog, timeout=60000)
    assert dialog.report.counts["would_save"] == 399
    dialog.import_button.click()
    qtbot.waitUntil(lambda: count(township) >= 5, timeout=20000)
    press(Qt.Key.Key_Escape, widget=dialog)              # Escape during the task cancels it
    wait_task(qtbot, dialog, timeout=60000)
    assert dialog.isVisible() and dialog.report.cancelled
    kept = count(township)
    assert 5 <= kept < 399 and dialog.report.counts["saved"] == kept
    assert f"Rows saved before it are kept: {kept}." in dialog.summary_label.text()


def test_the_file_dialog_opens_on_the_last_folder_never_the_working_folder(qtbot, township, tmp_path):
    from desktop.ui.entry.import_dialog import start_folder

    first = start_folder(township)
    assert first != os.getcwd() or first == QDir.homePath()
    dialog = open_dialog(qtbot, township, reg.write_xlsx(tmp_path / "a.xlsx", {3: reg.ROWS[3]}))
    assert start_folder(township) == str(tmp_path)
    assert not dialog.set_file(tmp_path / "missing.xlsx") and "missing.xlsx" in dialog.summary_label.text()


def test_the_file_menu_opens_it_on_the_form_the_sheet_is_of(qtbot, township, tmp_path):
    from desktop.ui.entry.import_dialog import ImportDialog
    from desktop.ui.shell.main_window import MainWindow

    window = MainWindow(township)
    qtbot.addWidget(window)
    assert window.import_action.isVisible()
    dialog = window.open_import()
    assert isinstance(dialog, ImportDialog) and dialog.isVisible()
    first = dialog.form_combo.currentData()
    assert first != FORM                                 # the list's first form, until a sheet says
    assert dialog.set_file(reg.write_xlsx(tmp_path / "a.xlsx", {3: reg.ROWS[3]}))
    assert dialog.form_combo.currentData() == FORM
    assert combo_of(dialog, "公民身份号码").currentData() == "id_number"
    dialog.close()
