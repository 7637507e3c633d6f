"""The records list: lazy model (qtmodeltester), pinyin search, filters, soft delete rules."""

from __future__ import annotations

import pytest

from desktop.core.errors import PermissionDenied, UserError
from desktop.core.store import records
from tests.conftest import PASSWORD


def test_records_model_passes_the_model_tester(qtmodeltester, people_township):
    from desktop.ui.entry.records_model import FIRST_PAGE, PAGE_SIZE, RecordFilter, RecordsModel

    many = [(f"测试{n}", "", "1", "131025100002", "") for n in range(PAGE_SIZE + 50)]
    from tests.ui.conftest import add_people
    add_people(people_township, many)
    model = RecordsModel(people_township.db)
    model.set_filter(RecordFilter())
    assert model.rowCount() == FIRST_PAGE and model.total() == PAGE_SIZE + 54
    assert model.canFetchMore()
    qtmodeltester.check(model, force_py=True)
    model.fetchMore()
    assert model.rowCount() == PAGE_SIZE + 54 and not model.canFetchMore()
    qtmodeltester.check(model, force_py=True)


def test_a_long_list_shows_its_first_page_then_its_count(qtbot, qtmodeltester, people_township):
    from desktop.ui.entry.records_model import FIRST_PAGE, PAGE_SIZE
    from desktop.ui.entry.records_page import RecordsPage
    from tests.ui.conftest import add_people

    add_people(people_township, [(f"测试{n}", "", "1", "131025100002", "") for n in range(2 * PAGE_SIZE + 3)])
    page = RecordsPage(people_township)
    qtbot.addWidget(page)
    assert page.model.rowCount() == FIRST_PAGE and page.model.canFetchMore()
    qtbot.waitUntil(page.model.total_known, timeout=5000)
    assert page.count_label.text() == f"{2 * PAGE_SIZE + 7} records"
    page.search_edit.setText("cs")                   # 测试: every added record
    qtbot.waitUntil(lambda: page.model.record_filter.search == "cs" and page.model.total_known(), timeout=5000)
    assert page.model.total() == 2 * PAGE_SIZE + 3
    while page.model.canFetchMore():
        page.model.fetchMore()
    assert page.model.rowCount() == 2 * PAGE_SIZE + 3
    qtmodeltester.check(page.model, force_py=True)


def test_audit_model_passes_the_model_tester(qtmodeltester, people_township):
    from desktop.ui.admin.audit_model import AuditFilter, AuditModel

    model = AuditModel(people_township.db)
    model.set_filter(AuditFilter())
    qtmodeltester.check(model, force_py=True)
    assert "5 fields entered" in model.index(0, 5).data()


def test_list_masks_id_numbers_and_shows_names(qtbot, people_township):
    from desktop.ui.entry.records_page import RecordsPage

    page = RecordsPage(people_township)
    qtbot.addWidget(page)
    rows = {page.model.index(r, 0).data(): [page.model.index(r, c).data() for c in range(6)]
            for r in range(page.model.rowCount())}
    assert rows["张三"][1] == "110105********002X"
    assert rows["张三"][2:4] == ["Male", "Dongjie Village"]
    assert rows["王小红"][4] == "Complete"
    assert page.count_label.text() == "4 records"


def test_the_list_is_painted_from_its_rows_as_qt_paints_it(qtbot, people_township):
    """Painting the list does not ask the model role by role (seven calls into Python a cell
    with Qt's delegate), and paints the same pixels as Qt's delegate, a selected row included."""
    from PySide6.QtWidgets import QStyledItemDelegate

    from desktop.ui.entry.records_page import RecordsPage

    page = RecordsPage(people_township)
    qtbot.addWidget(page)
    page.resize(900, 400)
    page.show()
    qtbot.waitExposed(page)
    page.table.selectRow(1)
    asked = []
    data = page.model.data
    page.model.data = lambda index, role=0: (asked.append(role), data(index, role))[1]
    ours = page.table.viewport().grab().toImage()
    assert page.model.rowCount() == 4 and asked == []
    page.table.setItemDelegate(QStyledItemDelegate(page.table))
    theirs = page.table.viewport().grab().toImage()
    assert len(asked) >= 7 * 4 * 6       # Qt's delegate: every role of every painted cell
    assert ours == theirs


def _item_style(text_needs_its_measure=False):
    """Fusion, noting whether each cell it draws came with its text to measure (HasDisplay); with
    `text_needs_its_measure`, like a style that draws no text it was not given to measure."""
    from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleFactory, QStyleOptionViewItem

    class Noting(QProxyStyle):
        def __init__(self):
            super().__init__(QStyleFactory.create("Fusion"))
            self.measured = []

        def drawControl(self, element, option, painter, widget=None):  # noqa: N802 (Qt's name)
            if element == QStyle.ControlElement.CE_ItemViewItem and option.text:
                measured = bool(option.features & QStyleOptionViewItem.ViewItemFeature.HasDisplay)
                self.measured.append(measured)
                if text_needs_its_measure and not measured:
                    option = QStyleOptionViewItem(option)
                    option.text = ""
            super().drawControl(element, option, painter, widget)

    return Noting()


def _shown_list(qtbot, township, style):
    from desktop.ui.entry.records_page import RecordsPage

    page = RecordsPage(township)
    qtbot.addWidget(page)
    page.table.setStyle(style)
    page.resize(900, 400)
    page.show()
    qtbot.waitExposed(page)
    page.table.setColumnWidth(3, 40)                    # the village's name elided
    page.table.setFocus()
    page.table.selectRow(1)
    page.table.setCurrentIndex(page.model.index(2, 1))  # a focused cell outside the selected row
    page.table.viewport().grab()      # the first paint with this style: its one-off check drew samples
    return page


def test_the_list_paints_its_text_without_the_style_measuring_it(qtbot, people_township):
    """The style lays a measured text out four times a cell; the list's cells, plain, elided,
    selected or focused, paint the same pixels without that measure, and sizing a column to its
    contents still measures. Where a style would paint a text it was not given to measure
    otherwise (here: not at all), the one-off check on sample texts sees it: every cell measured."""
    from PySide6.QtWidgets import QStyledItemDelegate

    for needs_measure in (False, True):
        style = _item_style(text_needs_its_measure=needs_measure)
        page = _shown_list(qtbot, people_township, style)
        style.measured.clear()
        ours = page.table.viewport().grab().toImage()
        assert style.measured and all(style.measured) == needs_measure and any(style.measured) == needs_measure
        hint = page.table.sizeHintForColumn(0)
        page.table.setItemDelegate(QStyledItemDelegate(page.table))
        style.measured.clear()
        assert page.table.viewport().grab().toImage() == ours
        assert style.measured and all(style.measured)       # Qt's delegate: every text measured
        assert hint == page.table.sizeHintForColumn(0) > 0


def test_search_by_pinyin_initials_id_and_phone(qtbot, people_township):
    from desktop.ui.entry.records_page import RecordsPage

    page = RecordsPage(people_township)
    qtbot.addWidget(page)

    def search(text):
        page.search_edit.setText(text)
        qtbot.waitUntil(lambda: page.model.record_filter.search == (text if len(text) >= 2 else ""),
                        timeout=2000)
        return sorted(page.model.index(r, 0).data() for r in range(page.model.rowCount()))

    assert search("zs") == ["张三"]
    assert search("wxh") == ["王小红"]
    assert search("1111") == ["李四"]                   # phone digits
    assert search("0042") == ["赵六"]                   # the end of an ID number
    assert search("z") == ["张三", "李四", "王小红", "赵六"]  # one character does not search yet
    assert page.count_label.text() == "4 records"


def test_filters_by_village_status_and_date(qtbot, people_township):
    from desktop.ui.entry.records_page import RecordsPage

    page = RecordsPage(people_township)
    qtbot.addWidget(page)
    page.village_combo.setCurrentIndex(page.village_combo.findData("131025100001"))
    assert sorted(page.model.index(r, 0).data() for r in range(page.model.rowCount())) == ["张三", "赵六"]
    page.village_combo.setCurrentIndex(0)
    page.status_combo.setCurrentIndex(page.status_combo.findData("draft"))
    assert page.model.rowCount() == 0
    page.status_combo.setCurrentIndex(0)
    page.date_check.setChecked(True)
    page.date_from.setDate(page.date_from.date().addYears(-100))
    page.date_to.setDate(page.date_to.date().addYears(-50))
    assert page.model.rowCount() == 0
    page.date_check.setChecked(False)
    assert page.model.rowCount() == 4


def test_soft_delete_needs_a_supervisor_and_a_reason(qtbot, people_township):
    from desktop.ui.entry.reason_dialogs import ReasonDialog
    from desktop.ui.entry.records_page import RecordsPage

    target = people_township.saved[0].id
    people_township.clerk, people_township.clerk_role = "陈录入", "clerk"
    page = RecordsPage(people_township)
    qtbot.addWidget(page)
    assert not page.delete_button.isEnabled()
    with pytest.raises(PermissionDenied):
        page.delete_record(target, "moved away twice")
    assert not records.get(people_township.db, target).deleted

    people_township.clerk, people_township.clerk_role = "刘主管", "supervisor"
    page = RecordsPage(people_township)
    qtbot.addWidget(page)
    assert page.delete_button.isEnabled()
    with pytest.raises(UserError, match="needs a reason"):
        page.delete_record(target, "   ")
    dialog = ReasonDialog("Delete record", "Why?")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.reason_edit, "entered twice")
    assert ok.isEnabled()
    page.delete_record(target, dialog.reason())
    record = records.get(people_township.db, target)
    assert record.deleted and record.delete_reason == "entered twice"
    assert page.model.total() == 3
    page.status_combo.setCurrentIndex(page.status_combo.findData("deleted"))
    assert [page.model.index(0, c).data() for c in (0, 4)] == ["张三", "Deleted"]
    assert PASSWORD  # the accounts above were made with it


def test_open_and_history_go_through_the_main_window(qtbot, people_township):
    from desktop.ui.shell.main_window import MainWindow

    window = MainWindow(people_township)
    qtbot.addWidget(window)
    page = window.show_page("records")
    page.table.selectRow(0)
    record_id = page.selected_record_id()
    page.history_button.click()
    audit_page = window.pages["audit"]
    assert window.stack.currentWidget() is audit_page
    assert audit_page.model.rowCount() == 1 and audit_page.model.index(0, 3).data() == "Created"
    opened = []
    entry = window.pages["entry"]
    entry.open_record = opened.append  # the real entry page lives on another branch
    window.show_page("records")
    page.table.selectRow(0)
    page.open_button.click()
    assert opened == [record_id] and window.stack.currentWidget() is entry
