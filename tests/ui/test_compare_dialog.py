"""A supervisor compares two independent entries from the Verification page, keyboard only:
Ctrl+D, the bundle the second PC exported typed in, Enter: the five differences in the table
(the ID masked, with the name), saved as .xlsx with Ctrl+S, masked; with "ID numbers in full"
(Alt+U) and a reason, saved in full as a reveal the audit trail keeps; the other entry's data
folder matched by another field; a clerk gets no dialog."""

from __future__ import annotations

import openpyxl
from PySide6.QtCore import Qt

from desktop.core.entry import identity, reveals
from desktop.core.sync import outgoing
from desktop.core.workspace.workspace import Workspace
from tests.core.quality.test_compare import PEOPLE, sheet_rows
from tests.core.quality.test_compare_bundle import TOWNSHIP, keyed
from tests.core.sync.helpers import make_sites
from tests.ui.keyboard import focused, press, type_text
from tests.ui.test_verify_page import dispose, open_page


def entries(tmp_path):
    """Two PCs of one township keyed from the same sheet, five differences; the second's bundle."""
    _county, first = make_sites(tmp_path / "pc1")
    _county, second = make_sites(tmp_path / "pc2")
    first, second = first[TOWNSHIP], second[TOWNSHIP]
    keyed(first, tmp_path, "first", sheet_rows(PEOPLE[:6]))
    keyed(second, tmp_path, "second", sheet_rows(PEOPLE[:5] + PEOPLE[6:], {
        PEOPLE[1][1]: {1: "李哪", 8: "已婚"}, PEOPLE[2][1]: {6: "13800000000"}}))
    stick = tmp_path / "stick"
    stick.mkdir()
    with Workspace.open(second) as workspace:
        written = outgoing.export_township(workspace.db, workspace.paths, stick, clerk="clerk")
    return first, second, written.path


def signed_in(folder, role):
    workspace = Workspace.open(folder)
    workspace.clerk, workspace.clerk_role = "clerk", role
    return workspace


def compared(qtbot, dialog):
    press(Qt.Key_Return)
    qtbot.waitUntil(lambda: dialog.task is None and dialog.comparison is not None, timeout=20_000)
    return dialog.comparison


def test_the_differences_with_a_bundle_shown_and_saved_from_the_keyboard(qtbot, qtmodeltester, tmp_path):
    first, second, bundle = entries(tmp_path)
    workspace = signed_in(first, "supervisor")
    page = open_page(qtbot, workspace)
    try:
        assert page.compare_button.isVisible()
        press(Qt.Key_D, Qt.ControlModifier)
        dialog = page.compare_dialog
        assert dialog is not None and dialog.isVisible()
        qtbot.waitUntil(lambda: focused() is dialog.other_edit)
        type_text(str(bundle))
        press(Qt.Key_Tab)
        assert focused() is dialog.form_combo and dialog.form_id() == "floating_population"
        press(Qt.Key_Tab)
        assert focused() is dialog.key_combo and dialog.key_field() == "id_number"
        comparison = compared(qtbot, dialog)

        assert len(comparison.differences) == 5 and not comparison.agree
        qtmodeltester.check(dialog.model)
        rows = [tuple(dialog.model.index(r, c).data() for c in range(4)) for r in range(dialog.model.rowCount())]
        lina, wangfang = PEOPLE[1][1], PEOPLE[2][1]
        assert (f"{identity.mask_id(lina)} 李娜", "Name", "李娜", "李哪") in rows
        assert (f"{identity.mask_id(wangfang)} 王芳", "Phone", "13812340005", "13800000000") in rows
        assert (f"{identity.mask_id(PEOPLE[5][1])} 周杰", "(record here only)", "has it", "") in rows
        assert (f"{identity.mask_id(PEOPLE[6][1])} 吴刚", "(record there only)", "", "has it") in rows
        marital = next(row for row in rows if row[0].endswith("李娜") and row[2] not in ("李娜",))
        assert marital[2:] != ("10", "20")         # the choices' labels, not their codes
        assert all(lina not in cell for row in rows for cell in row)   # no ID in full on screen
        assert dialog.summary_label.text() == "6 records here, 6 there: 5 differences."
        assert focused() is dialog.table

        out = tmp_path / "differences.xlsx"
        dialog.save_edit.setText(str(out))
        press(Qt.Key_S, Qt.ControlModifier)
        qtbot.waitUntil(lambda: out.exists() and dialog.task is None, timeout=10_000)
        sheet = openpyxl.load_workbook(out).active
        saved = [tuple(c or "" for c in row) for row in sheet.iter_rows(min_row=2, values_only=True)]
        assert len(saved) == 5 and (identity.mask_id(lina), "李娜", "name", "李娜", "李哪") in saved
        assert not any(person[1] in str(cell) for person in PEOPLE for row in saved for cell in row)
        assert "saved to" in dialog.summary_label.text() and reveals.between(workspace.db, "0000", "9999") == []

        # the other entry's folder, matched by the name: 李娜/李哪 become a record on each side only
        dialog.other_edit.setFocus()
        press(Qt.Key_A, Qt.ControlModifier)
        type_text(str(second))
        press(Qt.Key_Tab)
        press(Qt.Key_Tab)
        press(Qt.Key_Down)
        assert dialog.key_field() == "name"
        by_name = compared(qtbot, dialog)
        kinds = sorted(d.kind for d in by_name.differences)
        assert by_name.key_field == "name" and kinds.count("only_here") == 2 and kinds.count("only_there") == 2

        press(Qt.Key_Escape)
        qtbot.waitUntil(lambda: page.compare_dialog is None)
    finally:
        dispose(page)
        workspace.close()


def test_saved_with_id_numbers_in_full_from_the_keyboard_is_a_reveal(qtbot, tmp_path):
    first, _second, bundle = entries(tmp_path)
    workspace = signed_in(first, "supervisor")
    page = open_page(qtbot, workspace)
    try:
        press(Qt.Key_D, Qt.ControlModifier)
        dialog = page.compare_dialog
        qtbot.waitUntil(lambda: focused() is dialog.other_edit)
        type_text(str(bundle))
        compared(qtbot, dialog)
        out = tmp_path / "in-full.xlsx"
        dialog.save_edit.setText(str(out))

        assert dialog.unmask.check.isEnabled() and not dialog.unmask.wanted()
        press(Qt.Key_U, Qt.AltModifier)                 # ID numbers in full (an animated click): a reason first
        qtbot.waitUntil(dialog.unmask.wanted)
        assert focused() is dialog.unmask.reason_edit
        assert not dialog.save_button.isEnabled()
        press(Qt.Key_S, Qt.ControlModifier)              # refused without a reason: nothing written
        assert dialog.task is None and not out.exists()
        type_text("两次录入逐条核对")
        assert dialog.save_button.isEnabled()
        press(Qt.Key_S, Qt.ControlModifier)
        qtbot.waitUntil(lambda: out.exists() and dialog.task is None, timeout=10_000)

        saved = [tuple(c or "" for c in row) for row in openpyxl.load_workbook(out).active.iter_rows(
            min_row=2, values_only=True)]
        assert (PEOPLE[1][1], "李娜", "name", "李娜", "李哪") in saved
        assert "in full" in dialog.summary_label.text()
        [reveal] = reveals.between(workspace.db, "0000", "9999")
        assert (reveal.kind, reveal.clerk, reveal.reason) == ("export", "clerk", "两次录入逐条核对")
        assert reveal.details["what"] == "compare" and reveal.details["file"] == "in-full.xlsx"
        # on screen the IDs stay masked whatever was saved
        shown = [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())]
        assert f"{identity.mask_id(PEOPLE[1][1])} 李娜" in shown and not any(PEOPLE[1][1] in s for s in shown)
        press(Qt.Key_Escape)
        qtbot.waitUntil(lambda: page.compare_dialog is None)
    finally:
        dispose(page)
        workspace.close()


def test_a_refused_bundle_says_why_and_a_clerk_gets_no_dialog(qtbot, tmp_path):
    first, _second, bundle = entries(tmp_path)
    foreign = tmp_path / "foreign" / bundle.name
    foreign.parent.mkdir()
    foreign.write_bytes(bundle.read_bytes()[:-40])   # damaged on the stick
    workspace = signed_in(first, "admin")
    page = open_page(qtbot, workspace)
    try:
        press(Qt.Key_D, Qt.ControlModifier)
        dialog = page.compare_dialog
        qtbot.waitUntil(lambda: focused() is dialog.other_edit)
        type_text(str(foreign))
        press(Qt.Key_Return)
        qtbot.waitUntil(lambda: dialog.task is None and "not compared" in dialog.summary_label.text(),
                        timeout=20_000)
        assert dialog.comparison is None and not dialog.save_button.isEnabled()
        press(Qt.Key_Escape)
        qtbot.waitUntil(lambda: page.compare_dialog is None)
    finally:
        dispose(page)
        workspace.close()

    clerk = signed_in(first, "clerk")
    page = open_page(qtbot, clerk)
    try:
        assert not page.compare_button.isVisible()
        press(Qt.Key_D, Qt.ControlModifier)
        assert page.compare_dialog is None
    finally:
        dispose(page)
        clerk.close()


def test_the_fields_to_match_by_are_the_records_own(qtbot, township_dir):
    from desktop.ui.entry.compare_dialog import CompareDialog

    workspace = signed_in(township_dir, "supervisor")
    dialog = CompareDialog(workspace)
    try:
        offered = [dialog.key_combo.itemData(i) for i in range(dialog.key_combo.count())]
        assert offered[0] == "id_number" and "name" in offered and "phone" in offered
        assert not {"member_name", "member_id_number", "age"} & set(offered)
    finally:
        dialog.close()
        workspace.close()
