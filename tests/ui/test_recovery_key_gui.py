"""The recovery key in the GUI: a supervisor makes a new one (File > New recovery key…) after a
warning that the old one stops working, and sees it once; a clerk who forgot the password sets a
new one with the recovery key at the sign-in ("Forgot password…"), in a fresh process with the
store still shut, and signs in with it. All of it from the keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.core.store import audit, cipher
from desktop.core.store import db as db_module
from desktop.core.workspace import recovery
from desktop.core.workspace.keyring import Keyring
from desktop.core.workspace.workspace import Workspace
from tests.conftest import PASSWORD


def _type(qtbot, edit, text: str) -> None:
    edit.clear()
    qtbot.keyClicks(edit, text)


def test_a_supervisor_makes_a_new_recovery_key_after_a_warning_and_sees_it_once(qtbot, people_township):
    from desktop.ui.admin.recovery_key_dialog import RecoveryKeyDialog
    from desktop.ui.shell.main_window import MainWindow

    ws = people_township
    ws.clerk, ws.clerk_role = "陈录入", "clerk"
    clerk_window = MainWindow(ws)
    qtbot.addWidget(clerk_window)
    assert not clerk_window.recovery_action.isVisible()      # a plain clerk has no such menu entry
    ws.clerk, ws.clerk_role = "刘主管", "supervisor"
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.show()
    assert window.recovery_action.isVisible()
    before = dict(Keyring.load(ws.keyring.path).wraps)["recovery"]

    box = window.new_recovery_key()                          # Escape: nothing changes
    qtbot.waitExposed(box)
    assert "stops working" in box.informativeText() and box.defaultButton() is not box.make_button
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert window.recovery_dialog is None and Keyring.load(ws.keyring.path).wraps["recovery"] == before

    box = window.new_recovery_key()
    qtbot.waitExposed(box)
    focused = box.focusWidget()                               # "Cancel", the default
    assert focused is not box.make_button
    qtbot.keyClick(focused, Qt.Key.Key_Backtab)               # to "Make a new key", and Space
    assert box.focusWidget() is box.make_button
    qtbot.keyClick(box.make_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: isinstance(window.recovery_dialog, RecoveryKeyDialog))
    shown = window.recovery_dialog.recovery_key
    ring = Keyring.load(ws.keyring.path)
    assert ring.wraps["recovery"] != before and ring.unlock_recovery(shown) == ws.data_key
    entry = audit.entries(ws.db, event="account", limit=1)[0]
    assert entry.clerk == "刘主管" and entry.details == {"action": "recovery_key"}
    assert shown not in str(entry.details)
    qtbot.keyClick(window.recovery_dialog, Qt.Key.Key_Return)   # "I have kept it safe"
    assert not window.recovery_dialog.isVisible()


def test_a_clerk_who_forgot_the_password_sets_a_new_one_with_the_recovery_key_at_the_sign_in(
        qtbot, start_app, township_dir, monkeypatch):
    with Workspace.open(township_dir) as ws:
        ws.clerk, ws.clerk_role = "王丽", "admin"
        recovery_key = recovery.make_new(ws)
        store = ws.keyring.store
    monkeypatch.setattr(db_module, "UNLOCKED", {})            # a fresh process: no key in memory
    controller = start_app(township_dir)
    login = controller.login
    qtbot.waitUntil(lambda: login.unlock is not None, timeout=10000)   # the store is shut
    assert controller.workspace is None

    qtbot.keyClick(login, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)   # "&Forgot password…"
    qtbot.waitUntil(lambda: login.recovery_dialog is not None and login.recovery_dialog.isVisible())
    reset = login.recovery_dialog
    assert QApplication.focusWidget() is reset.key_edit or reset.focusWidget() is reset.key_edit
    assert reset.chosen() == "王丽"
    _type(qtbot, reset.key_edit, "AAAAA-" + recovery_key[6:])  # a wrong key: said, nothing changes
    _type(qtbot, reset.new_edit, "found-again")
    _type(qtbot, reset.repeat_edit, "found-again")
    qtbot.keyClick(reset.repeat_edit, Qt.Key.Key_Return)
    assert reset.isVisible() and "does not open" in reset.message.text()
    assert cipher.known(store) is None and controller.workspace is None

    _type(qtbot, reset.key_edit, recovery_key.replace("-", "").lower())   # as typed off the sheet
    with qtbot.waitSignal(reset.accepted):
        qtbot.keyClick(reset.repeat_edit, Qt.Key.Key_Return)
    assert "new password" in login.message.text() and login.password_edit.text() == ""
    assert cipher.known(store) is None and controller.workspace is None   # the store shut again

    _type(qtbot, login.password_edit, PASSWORD)               # the old password is gone
    qtbot.keyClick(login.password_edit, Qt.Key.Key_Return)
    assert controller.workspace is None and "password" in login.message.text().lower()
    _type(qtbot, login.password_edit, "found-again")
    qtbot.keyClick(login.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.workspace is not None and controller.workspace.clerk == "王丽",
                    timeout=10000)
    events = [e.details.get("action") for e in audit.entries(controller.workspace.db, event="account", limit=2)]
    assert events[0] == "recover"
