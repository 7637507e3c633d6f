"""First-run wizard, sign-in (right and wrong password, both in the trail), the idle lock."""

from __future__ import annotations

from PySide6.QtWidgets import QWizard

from desktop.core.store import audit
from desktop.core.workspace.workspace import Workspace
from tests.conftest import PASSWORD


def test_wizard_creates_a_township_found_by_pinyin_initials(qtbot, tmp_path):
    from desktop.ui.shell.setup_wizard import SetupWizard

    wizard = SetupWizard(tmp_path / "new")
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.township_radio.isChecked()
    wizard.next()
    assert wizard.currentId() == wizard.division_id
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    qtbot.keyClicks(wizard.division_picker.search_edit, "psz")
    assert wizard.division_picker.selected_code() == "131025100"
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.next()
    wizard.name_edit.setText("王丽")
    qtbot.keyClicks(wizard.password_edit, PASSWORD)
    qtbot.keyClicks(wizard.repeat_edit, PASSWORD + "x")
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert "differ" in wizard.message.text()
    assert wizard.workspace is None
    wizard.repeat_edit.setText(PASSWORD)
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert wizard.workspace is None  # a township is created on Finish, after the county pack page
    with qtbot.waitSignal(wizard.accepted, timeout=5000):  # finishing without a pack: loaded later
        wizard.button(QWizard.WizardButton.FinishButton).click()
    wizard.workspace.close()

    with Workspace.open(tmp_path / "new") as workspace:
        assert (workspace.role, workspace.township, workspace.county) == ("township", "131025100", "131025")
        assert workspace.setting("language") == "en"
        events = [e.event for e in audit.entries(workspace.db)]
    assert "setup" in events and "login" in events


def test_wizard_county_lists_counties_only(qtbot, tmp_path):
    from desktop.ui.shell.setup_wizard import SetupWizard

    wizard = SetupWizard(tmp_path / "county")
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.county_radio.setChecked(True)
    wizard.next()
    assert wizard.division_picker.proxy.rowCount() == 190   # every county of Hebei, nothing else
    assert wizard.division_picker.county_combo.isHidden()
    qtbot.keyClicks(wizard.division_picker.search_edit, "dcx")
    assert wizard.division_picker.selected_code() == "131025"


def test_wizard_sets_up_a_county_of_the_province_with_its_own_townships(qtbot, tmp_path):
    from desktop.core.codelists import codelists_divisions
    from desktop.ui.shell.setup_wizard import SetupWizard

    wizard = SetupWizard(tmp_path / "county")
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.county_radio.setChecked(True)
    wizard.next()
    wizard.division_picker.search_edit.setText("香河县")   # QTest types no CJK: as an IME commits it
    assert wizard.division_picker.selected_code() == "131024"
    wizard.next()
    wizard.name_edit.setText("县管理员")
    qtbot.keyClicks(wizard.password_edit, PASSWORD)
    qtbot.keyClicks(wizard.repeat_edit, PASSWORD)
    wizard.next()   # the county is created on leaving the account page
    assert wizard.workspace is not None, wizard.message.text()
    townships = codelists_divisions.for_workspace(wizard.workspace).children("131024", "township")
    assert wizard.workspace.county == "131024" and townships[0].name_zh == "淑阳镇"
    wizard.workspace.close()


def test_wizard_township_is_chosen_within_its_county(qtbot, tmp_path):
    from desktop.ui.shell.setup_wizard import SetupWizard

    wizard = SetupWizard(tmp_path / "town")
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    picker = wizard.division_picker
    assert not picker.county_combo.isHidden() and picker.county_combo.currentData() == "131025"
    assert picker.county_combo.count() == 190 and picker.proxy.rowCount() == 10   # 大城县's townships (the default list)
    assert picker.set_county("131024")
    assert picker.proxy.index(0, 0).data().startswith("淑阳镇") or picker.proxy.index(0, 0).data().startswith("Shuyang")
    qtbot.keyClicks(picker.search_edit, "131024100")
    assert picker.selected_code() == "131024100"


def test_login_right_and_wrong_password(qtbot, people_township):
    from desktop.ui.shell.login_dialog import LoginDialog

    people_township.clerk = people_township.clerk_role = None
    dialog = LoginDialog(people_township)
    qtbot.addWidget(dialog)
    dialog.name_combo.setCurrentIndex(dialog.name_combo.findData("刘主管"))
    qtbot.keyClicks(dialog.password_edit, "wrong-password")
    assert dialog.try_sign_in() is False
    assert dialog.message.text() == "Wrong name or password."
    assert dialog.result() != dialog.DialogCode.Accepted
    assert people_township.clerk is None
    dialog.password_edit.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted):
        dialog.buttons.accepted.emit()
    assert (people_township.clerk, people_township.clerk_role) == ("刘主管", "supervisor")
    events = [(e.event, e.clerk) for e in audit.entries(people_township.db, limit=2)]
    assert events == [("login", "刘主管"), ("login_failed", "system")]
    failed = audit.entries(people_township.db, event="login_failed")[0]
    assert failed.details == {"account": "刘主管", "why": "bad-login"}


def test_idle_lock_hides_the_window_until_the_password(qtbot, people_township):
    from desktop.ui.shell.main_window import MainWindow

    people_township.put_setting("idle_lock_minutes", 0.002)  # 120 ms
    window = MainWindow(people_township)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(window.is_locked, timeout=3000)
    assert not window.centralWidget().isVisible()
    dialog = window.lock_dialog
    assert not dialog.name_combo.isEnabled() and dialog.name_combo.currentData() == "王丽"
    dialog.password_edit.setText("nope-nope")
    assert dialog.try_sign_in() is False and window.is_locked()
    dialog.password_edit.setText(PASSWORD)
    dialog.try_sign_in()
    assert not window.is_locked()
    assert window.centralWidget().isVisible()


def test_enter_in_the_password_field_signs_in(qtbot, people_township):
    from PySide6.QtCore import Qt

    from desktop.ui.shell.login_dialog import LoginDialog

    people_township.clerk = people_township.clerk_role = None
    dialog = LoginDialog(people_township)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert people_township.clerk == "王丽"
