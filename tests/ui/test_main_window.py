"""The main window: pages from desktop.ui.shell.pages, shortcuts, status bar, missing pages, chain check."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.core.store.db import transaction


def test_pages_shortcuts_and_status_bar(qtbot, people_township):
    from desktop.ui.shell.main_window import MainWindow

    window = MainWindow(people_township)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    keys = list(window.pages)
    assert keys[:3] == ["entry", "records", "sync"] and keys[-1] == "audit"
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.pages["records"]
    qtbot.keyClick(window, Qt.Key.Key_0 + len(keys), Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.pages["audit"]
    assert window.clerk_label.text() == "Clerk: 王丽"
    assert window.place_label.text() == "Pingshu Town"
    assert window.unsent_label.text() == "Unsent changes: 4"
    assert window.sync_label.text() == "Last sync: never"
    people_township.put_setting("sync_acked_through", people_township.saved[1].last_audit_seq)  # as an ack does
    window.refresh_status()
    assert window.unsent_label.text() == "Unsent changes: 2"
    assert window.accounts_action.isVisible()


@pytest.mark.allow_log("township.ui", "failed to start; skipped", level="ERROR")
def test_a_page_without_a_known_title_is_built_for_it_and_a_broken_one_skipped(qtbot, people_township,
                                                                               monkeypatch):
    from PySide6.QtWidgets import QWidget

    from desktop.ui.shell import pages
    from desktop.ui.shell.main_window import MainWindow

    class ExtraPage(QWidget):
        def __init__(self, workspace, parent=None):
            super().__init__(parent)

        def title(self) -> str:
            return "Extra"

    def broken():
        raise RuntimeError("this page cannot start")

    monkeypatch.setattr(pages, "PAGES", [*pages.PAGES, ("extra", lambda: ExtraPage, ()), ("broken", broken, ())])
    window = MainWindow(people_township)
    qtbot.addWidget(window)
    assert "broken" not in window.pages and "records" in window.pages
    assert isinstance(window.pages["extra"], ExtraPage)
    assert window.navigation.item(window.page_keys.index("extra")).text() == "Extra"


def test_county_sees_no_entry_page(qtbot, tmp_path):
    from desktop.ui.shell.main_window import MainWindow
    from tests.conftest import PASSWORD
    from tests.helpers.workspaces import set_up

    workspace = set_up(tmp_path / "county", role="county", code="131025", clerk="县管", password=PASSWORD)
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    assert "entry" not in window.pages and window.place_label.text() == "Dacheng County"
    workspace.close()


def test_chain_check_reports_intact_then_tampered(qtbot, people_township):
    from desktop.ui.admin.audit_page import AuditPage

    page = AuditPage(people_township)
    qtbot.addWidget(page)
    page.check_chain()
    qtbot.waitUntil(lambda: page.chain_button.isEnabled(), timeout=5000)
    assert page.chain_label.text() == "The audit trail is intact: 8 rows checked."
    with transaction(people_township.db):
        people_township.db.execute("DROP TRIGGER audit_no_update")
        people_township.db.execute("UPDATE audit SET reason = 'changed' WHERE seq = 5")
    page.check_chain()
    qtbot.waitUntil(lambda: page.chain_button.isEnabled(), timeout=5000)
    assert "row 5" in page.chain_label.text()


def test_audit_filters_by_clerk_and_shows_old_and_new(qtbot, people_township):
    from desktop.core.store import records
    from desktop.ui.admin.audit_page import AuditPage

    first = people_township.saved[0]
    records.save(people_township.db, form_id=first.form_id, form_version="1", township="131025100",
                 values={**first.values, "name": "张三丰", "id_number": "110105194912310021"},
                 clerk="刘主管", record_id=first.id, reason="typo")
    page = AuditPage(people_township)
    qtbot.addWidget(page)
    page.clerk_combo.setCurrentIndex(page.clerk_combo.findData("刘主管"))
    rows = [[page.model.index(r, c).data() for c in range(7)] for r in range(page.model.rowCount())]
    edits = [row for row in rows if row[3] == "Edited"]
    assert len(edits) == 1
    assert "Name: 张三 → 张三丰" in edits[0][5]          # the form's label, not the field name
    assert "110105********002X → 110105********0021" in edits[0][5]   # masked on screen
    assert edits[0][6] == "typo"
    page.record_edit.setText(first.id[:8])
    page.apply_filter()
    assert page.model.rowCount() == 1


def test_pages_are_built_when_first_shown_under_their_own_titles(qtbot, people_township, qapp):
    from desktop.ui.shell.locale_setup import install_language
    from desktop.ui.shell.main_window import MainWindow

    for lang in ("en", "zh"):
        install_language(qapp, lang)
        window = MainWindow(people_township)
        qtbot.addWidget(window)
        shown_first = window.page_keys[0]
        assert set(window._built) == {shown_first}        # only the page on screen was built
        assert "reports" not in window._built
        for row, key in enumerate(window.page_keys):
            listed = window.navigation.item(row).text()
            assert listed == window.pages[key].title(), (lang, key)
        assert set(window._built) == set(window.page_keys)
    install_language(qapp, "en")


def test_county_navigation_titles_match_its_pages(qtbot, tmp_path):
    from desktop.ui.shell.main_window import MainWindow
    from tests.conftest import PASSWORD
    from tests.helpers.workspaces import set_up

    workspace = set_up(tmp_path / "county", role="county", code="131025", clerk="县管", password=PASSWORD)
    workspace.clerk, workspace.clerk_role = "县管", "admin"
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    titles = [window.navigation.item(row).text() for row in range(window.navigation.count())]
    assert titles == [window.pages[key].title() for key in window.page_keys]
    assert "Monthly circular" in titles
    workspace.close()
