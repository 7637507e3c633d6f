"""Every visible string of every screen is translated: no English left in the Chinese UI, no
Chinese in the English UI except data (clerk and person names, what a clerk typed) and the
language's own name. Every page of desktop/ui/shell/pages.py is walked, at a township and at the
county, with the cross-check and correction dialogs and their queues holding real items."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QSpinBox,
    QWidget,
    QWizard,
)

from desktop.core.entry import entry
from desktop.core.exchange import corrections, crosschecks
from desktop.core.workspace import accounts
from desktop.ui.shell.pages import PAGES
from tests.conftest import VALID_IDS
from tests.core.crosscheck.carrier import copy_records, county_to_township, round_trip
from tests.core.crosscheck.conftest import FORM, county, person, town_b  # noqa: F401  (fixtures)

CJK = re.compile(r"[\u3400-\u9fff\uff08-\uff1a]")
LETTERS = re.compile(r"[A-Za-z]")
OWN_NAMES = {"English", "中文"}          # each language is offered under its own name


def visible_texts(top: QWidget) -> list[tuple[str, str]]:
    """(where, text) of every string a person can see on the window `top`."""
    found = [("window title", top.windowTitle())]
    for widget in [top, *top.findChildren(QWidget)]:
        if not widget.isVisibleTo(top) and widget is not top:
            continue
        kind = type(widget).__name__
        if isinstance(widget, QLabel):
            found.append((kind, widget.text()))
        elif isinstance(widget, QAbstractButton):
            found.append((kind, widget.text()))
        elif isinstance(widget, QGroupBox):
            found.append((kind, widget.title()))
        elif isinstance(widget, QLineEdit) and not isinstance(widget.parent(), QAbstractSpinBox | QComboBox):
            found.append((kind + " placeholder", widget.placeholderText()))
        elif isinstance(widget, QComboBox):
            found += [(kind + " item", widget.itemText(i)) for i in range(widget.count())]
        elif isinstance(widget, QSpinBox):
            found += [(kind, widget.suffix()), (kind, widget.specialValueText())]
        if isinstance(widget, QListWidget):
            found += [(kind + " item", widget.item(i).text()) for i in range(widget.count())]
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None and hasattr(widget, "horizontalHeader"):
            model = widget.model()
            found += [(kind + " header", model.headerData(c, Qt.Orientation.Horizontal) or "")
                      for c in range(model.columnCount())]
    if isinstance(top, QMainWindow):
        for action in top.menuBar().actions():
            found.append(("menu", action.text()))
            found += [("menu item", a.text()) for a in action.menu().actions() if a.isVisible()]
    if isinstance(top, QWizard):
        page = top.currentPage()
        found += [("wizard page", page.title()), ("wizard page", page.subTitle())]
    return [(where, text) for where, text in found if text and text.strip()]


def untranslated(texts, lang: str, data: set[str]) -> list[tuple[str, str]]:
    bad = []
    for where, text in texts:
        if text in OWN_NAMES:
            continue
        stripped = text
        for value in data:
            stripped = stripped.replace(value, "")
        if lang == "zh" and LETTERS.search(stripped) and not CJK.search(stripped):
            bad.append((where, text))
        if lang == "en" and CJK.search(stripped):
            bad.append((where, text))
    return bad


def _fill_account(wizard, search: str):
    from tests.conftest import PASSWORD

    wizard.division_picker.search_edit.setText(search)
    wizard.next()
    wizard.name_edit.setText("王丽")
    wizard.password_edit.setText(PASSWORD)
    wizard.repeat_edit.setText(PASSWORD)
    wizard.next()


def sync_screens(qtbot, county_ws, tmp_path):
    """The sync screens: the county's main window (its Sync page with a result listed), the
    enrollment dialog, and the wizard's sync page for a township (a pack loaded) and a county."""
    from desktop.core.sync import enrollment
    from desktop.core.sync.keys import create_keys
    from desktop.ui.shell.main_window import MainWindow
    from desktop.ui.shell.setup_wizard import SetupWizard

    window = MainWindow(county_ws)
    page = window.pages["sync"]
    (tmp_path / "pack").mkdir()
    page.export_pack(tmp_path / "pack")
    pack = tmp_path / "pack" / enrollment.county_pack_file_name(county_ws.county)
    township_wizard = SetupWizard(tmp_path / "township-wizard")
    county_wizard = SetupWizard(tmp_path / "county-wizard")
    enroll_file = tmp_path / "pack" / enrollment.enrollment_file_name("131025100")
    township_keys = create_keys(tmp_path / "township-keys", "131025100")
    enroll_file.write_bytes(enrollment.build_enrollment(township_keys, "131025100", county_ws.county, "王丽"))

    def county_wizard_to_keys():
        county_wizard.county_radio.setChecked(True)
        county_wizard.next()
        _fill_account(county_wizard, "dcx")

    def open_enroll():
        page.enroll_file(enroll_file)

    shown = [("county main", window, [lambda key=key: window.show_page(key) for key in window.pages]),
             ("county sync enroll", window, [open_enroll, lambda: page.enroll_dialog.close()]),
             ("wizard township sync", township_wizard,
              [township_wizard.next, lambda: _fill_account(township_wizard, "psz"),
               lambda: township_wizard.currentPage().load_pack(pack)]),
             ("wizard county sync", county_wizard, [county_wizard_to_keys])]
    for _name, widget, _steps in shown:
        qtbot.addWidget(widget)
    return shown, [township_wizard, county_wizard], page


def with_queues(township, county_office, neighbour) -> dict:
    """Give the township an incoming and an outgoing cross-check and a correction task; returns
    the data a person typed (names, questions, messages) that may show in either language."""
    theirs = entry.add(neighbour, FORM, person(VALID_IDS[3], "赵建华", neighbour.township))
    crosschecks.new_request(neighbour, subject_name="张三", subject_id_number=township.saved[0].values["id_number"],
                            target=township.township, question="是否仍在贵镇居住？")
    crosschecks.new_request(township, subject_name="赵建华", subject_id_number=theirs.values["id_number"],
                            target=neighbour.township, question="请核实登记情况。")
    round_trip(county_office, township, neighbour)
    copy_records(township, county_office)
    corrections.raise_task(county_office, township.saved[1].id, message="请核对电话号码。", field="phone")
    county_to_township(county_office, township)
    return {"赵建华", "是否仍在贵镇居住？", "请核实登记情况。", "请核对电话号码。", "张三", "李四"}


def expected_pages(workspace) -> set[str]:
    return {key for key, _loader, roles in PAGES
            if not roles or workspace.role in roles or workspace.clerk_role in roles}


def screens(qtbot, workspace, tmp_path, county_workspace=None):
    """Every screen, built in the current language: (name, top-level widget, prepare)."""
    from desktop.core.store import backup
    from desktop.ui.admin.accounts_dialog import AccountsDialog
    from desktop.ui.admin.backup_dialogs import BackupNowDialog, RestoreDialog
    from desktop.ui.admin.password_dialog import PasswordDialog
    from desktop.ui.admin.settings_dialog import SettingsDialog
    from desktop.ui.entry.reason_dialogs import ReasonDialog
    from desktop.ui.queues.corrections_page import ResolveDialog
    from desktop.ui.queues.crosscheck_dialogs import AnswerDialog, NewRequestDialog
    from desktop.ui.shell.login_dialog import LoginDialog
    from desktop.ui.shell.main_window import MainWindow
    from desktop.ui.shell.setup_wizard import SetupWizard

    wizard = SetupWizard(tmp_path / "unused")
    window = MainWindow(workspace)
    assert set(window.pages) == expected_pages(workspace)     # no page failed to start
    for page in window.pages.values():
        if hasattr(page, "tabs"):                              # every tab of a page, not only the first
            page.tabs.setCurrentIndex(page.tabs.count() - 1)
    incoming = crosschecks.incoming(workspace.db)
    task = corrections.tasks(workspace.db)
    made = backup.snapshot(workspace.db, workspace.paths.backups, "daily")
    restore = RestoreDialog(workspace)
    accounts_dialog = AccountsDialog(workspace)
    shown = [("new cross-check", NewRequestDialog(workspace, workspace.saved[0].id), [lambda: None]),
             ("answer", AnswerDialog(workspace, incoming[0]), [lambda: None]),
             ("dispute", ResolveDialog(workspace, task[0], "disputed", record_name="李四", field_label="x"),
              [lambda: None]),
             ("fixed", ResolveDialog(workspace, task[0], "fixed"), [lambda: None]),
             ("wizard", wizard, [lambda: None, wizard.next, wizard.next]),
             ("login", LoginDialog(workspace), [lambda: None]),
             ("lock", LoginDialog(workspace, locked_clerk="王丽"), [lambda: None]),
             ("settings", SettingsDialog(workspace), [lambda: None]),
             ("accounts", accounts_dialog, [lambda: None, lambda: accounts_dialog.table.selectRow(1),
                                            accounts_dialog.toggle_active]),
             ("own password", PasswordDialog(workspace), [lambda: None]),
             ("reset password", PasswordDialog(workspace, "陈录入"), [lambda: None]),
             ("back up now", BackupNowDialog(workspace), [lambda: None]),
             ("restore", restore, [lambda: None]),
             ("restore confirmation", restore, [lambda: restore.confirm(backup.describe(made))]),
             ("reason", ReasonDialog(QCoreApplication.translate("RecordsPage", "Delete record"), "?"), [lambda: None]),
             ("main", window, [lambda key=key: window.show_page(key) for key in window.pages])]
    if county_workspace is not None:
        county_window = MainWindow(county_workspace)
        assert set(county_window.pages) == expected_pages(county_workspace)
        shown.append(("county", county_window, [lambda key=key: county_window.show_page(key)
                                                for key in county_window.pages]))
    for _name, widget, _steps in shown:
        qtbot.addWidget(widget)
    return shown


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_untranslated_visible_string(qtbot, qapp, people_township, county, town_b, tmp_path, lang):  # noqa: F811
    from desktop.ui.shell.locale_setup import install_language

    typed = with_queues(people_township, county, town_b)
    install_language(qapp, lang)
    data = {name for name, _role in accounts.names(people_township.db)} | typed \
        | {name for name, _role in accounts.names(county.db)} \
        | {str(people_township.paths.backups)}                 # a folder's path is data
    problems = []
    for name, widget, steps in screens(qtbot, people_township, tmp_path, county):
        widget.show()
        for step in steps:
            step()
            texts = visible_texts(widget)
            assert len(texts) >= 3, (name, texts)
            problems += [(name, where, text) for where, text in untranslated(texts, lang, data)]
        widget.close()
    assert problems == [], problems


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_untranslated_visible_string_on_the_sync_screens(qtbot, qapp, tmp_path, lang):
    from desktop.core.sync import trust
    from desktop.ui.shell.locale_setup import install_language
    from tests.conftest import PASSWORD
    from tests.helpers.workspaces import set_up

    install_language(qapp, lang)
    county_ws = set_up(tmp_path / "county", role="county", code="131025", clerk="王丽", password=PASSWORD)
    trust.setup_install(county_ws.db, county_ws.paths)
    problems = []
    wizards = []
    try:
        shown, wizards, page = sync_screens(qtbot, county_ws, tmp_path)
        for name, widget, steps in shown:
            widget.show()
            for step in steps:
                step()
                tops = [widget, *([page.enroll_dialog] if page.enroll_dialog and page.enroll_dialog.isVisible() else [])]
                for top in tops:
                    texts = visible_texts(top)
                    # data: fingerprints and the paths of files written
                    fingerprints = {t for _where, text in texts
                                    for t in re.findall(r"SHA256:\S+|" + re.escape(str(tmp_path)) + r"[^\s）)]*", text)}
                    assert len(texts) >= 3, (name, texts)
                    problems += [(name, where, text) for where, text in untranslated(texts, lang, fingerprints | {"王丽"})]
            widget.close()
    finally:
        for wizard in wizards:
            if wizard.workspace is not None:
                wizard.workspace.close()
        county_ws.close()
    assert problems == [], problems


def test_the_checker_catches_english_in_chinese():
    assert untranslated([("label", "Records"), ("label", "记录 (psz)"), ("label", "2026-01-01")], "zh", set()) \
        == [("label", "Records")]
    assert untranslated([("label", "Clerk: 王丽"), ("label", "记录")], "en", {"王丽"}) == [("label", "记录")]
