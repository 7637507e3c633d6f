"""The records list shows an ID number in full only to a role allowed to, after asking why; the
reveal is an audit event naming who, which record and why, and the audit page shows it."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop.core.store import audit


def _row_of(page, name: str) -> int:
    return next(r for r in range(page.model.rowCount()) if page.model.index(r, 0).data() == name)


def test_a_clerk_has_no_full_id_button(qtbot, people_township):
    from desktop.ui.entry.records_page import RecordsPage

    people_township.clerk, people_township.clerk_role = "陈录入", "clerk"
    page = RecordsPage(people_township)
    qtbot.addWidget(page)
    assert not page.may_unmask() and page.reveal_button.isHidden()
    page.table.selectRow(_row_of(page, "张三"))
    page.reveal_selected()                                   # the key path refuses too: nothing shown
    assert page.model.index(_row_of(page, "张三"), 1).data() == "110105********002X"
    assert audit.entries(people_township.db, event="reveal") == []


def test_a_supervisor_sees_the_full_id_after_giving_a_reason(qtbot, people_township):
    from desktop.ui.admin.audit_model import AuditFilter, AuditModel
    from desktop.ui.entry.records_page import RecordsPage

    people_township.clerk, people_township.clerk_role = "刘主管", "supervisor"
    page = RecordsPage(people_township)
    qtbot.addWidget(page)
    page.show()
    assert page.may_unmask() and not page.reveal_button.isHidden()
    row = _row_of(page, "张三")
    page.table.selectRow(row)
    target = page.selected_record_id()

    def cancel():
        QApplication.activeModalWidget().reject()

    QTimer.singleShot(0, cancel)
    page.reveal_selected()                                   # cancelled: still masked, nothing written
    assert page.model.index(row, 1).data() == "110105********002X"
    assert audit.entries(people_township.db, event="reveal") == []

    seen = {}

    def answer():
        dialog = QApplication.activeModalWidget()
        ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
        seen["ok before"] = ok.isEnabled()
        dialog.reason_edit.setText("派出所来电核对")
        seen["ok after"] = ok.isEnabled()
        ok.click()

    QTimer.singleShot(0, answer)
    page.reveal_selected()
    assert seen == {"ok before": False, "ok after": True}
    full = page.model.index(row, 1).data()
    assert "*" not in full and full.startswith("110105") and full.endswith("002X") and len(full) == 18
    [event] = audit.entries(people_township.db, event="reveal")
    assert (event.clerk, event.record_id, event.reason) == ("刘主管", target, "派出所来电核对")

    model = AuditModel(people_township.db)
    model.set_filter(AuditFilter())
    texts = [model.index(0, c).data() for c in range(model.columnCount())]
    assert "ID shown in full" in texts and "刘主管" in texts and "派出所来电核对" in " ".join(map(str, texts))
    assert full not in " ".join(map(str, texts))

    page.refresh()                                           # read again: masked again
    assert page.model.index(_row_of(page, "张三"), 1).data() == "110105********002X"


def test_the_audit_page_lists_the_reveals_alone(qtbot, people_township, tmp_path):
    from desktop.core.entry import reveals
    from desktop.core.sheets import exporter
    from desktop.ui.admin.audit_page import AuditPage

    target = people_township.saved[0]
    reveals.reveal_id(people_township, target.id, "派出所来电核对")
    exporter.export_records(people_township, target.form_id, tmp_path / "all.xlsx", unmask=True, reason="县里核对名单")
    exporter.export_records(people_township, target.form_id, tmp_path / "masked.xlsx")
    people_township.record_event("print", record_id=target.id, form_id=target.form_id, details={"what": "slip"},
                                 reason="本人来办")
    people_township.record_event("print", details={"report": "daily_summary"})
    page = AuditPage(people_township)
    qtbot.addWidget(page)
    everything = page.model.rowCount()
    page.reveals_check.setChecked(True)
    shown = [(page.model.index(r, 3).data(), page.model.index(r, 2).data(), page.model.index(r, 6).data())
             for r in range(page.model.rowCount())]
    assert shown == [("Printed", "王丽", "本人来办"), ("Exported", "王丽", "县里核对名单"),
                     ("ID shown in full", "王丽", "派出所来电核对")]
    page.reveals_check.setChecked(False)
    assert page.model.rowCount() == everything > 3
