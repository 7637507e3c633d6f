"""The File menu's clerk tools with real workspaces: account administration, changing one's own
password, backing up now (backups folder, a chosen folder, a folder that cannot be written) and
restoring a backup through the whole application (window and workspace closed, backup in place,
"restore" in the trail, back to sign-in); a damaged backup is refused and nothing changes."""

from __future__ import annotations

import os
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox

from desktop.core.errors import PermissionDenied, UserError
from desktop.core.store import audit, backup, records
from desktop.core.store.db import transaction
from desktop.core.workspace import accounts
from desktop.core.workspace.keyring import Keyring, keyring_path
from desktop.core.workspace.workspace import Workspace
from tests.conftest import PASSWORD


def select(dialog, name):
    names = [dialog.table.item(row, 0).text() for row in range(dialog.table.rowCount())]
    dialog.table.selectRow(names.index(name))


def status_of(dialog, name):
    for row in range(dialog.table.rowCount()):
        if dialog.table.item(row, 0).text() == name:
            return dialog.table.item(row, 1).text(), dialog.table.item(row, 2).text()
    raise KeyError(name)


def test_admin_deactivates_reactivates_and_changes_a_role(qtbot, people_township):
    from desktop.ui.admin.accounts_dialog import AccountsDialog

    dialog = AccountsDialog(people_township)
    qtbot.addWidget(dialog)
    select(dialog, "陈录入")
    assert dialog.active_button.text() == "&Deactivate"
    dialog.active_button.click()
    assert status_of(dialog, "陈录入") == ("Clerk", "deactivated")
    assert "can no longer sign in" in dialog.selected_message.text()
    assert dialog.active_button.text() == "R&eactivate" and not dialog.reset_button.isEnabled()
    with pytest.raises(UserError):
        accounts.authenticate(people_township.db, "陈录入", PASSWORD)
    dialog.active_button.click()                             # reactivating asks for a new password
    again = dialog.reactivating
    assert again is not None and again.isVisible() and status_of(dialog, "陈录入") == ("Clerk", "deactivated")
    assert not again.current_edit.isVisibleTo(again) and again.focusWidget() is again.new_edit
    qtbot.keyClicks(again.new_edit, "back-again")
    qtbot.keyClick(again.new_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(again.repeat_edit, "back-again")
    with qtbot.waitSignal(again.accepted):
        qtbot.keyClick(again.repeat_edit, Qt.Key.Key_Return)
    assert status_of(dialog, "陈录入") == ("Clerk", "active")
    assert dialog.selected_message.text() == "陈录入 can sign in again."
    assert people_township.keyring.unlock("back-again", "陈录入") == people_township.data_key
    dialog.selected_role_combo.setCurrentIndex(dialog.selected_role_combo.findData("supervisor"))
    dialog.role_button.click()
    assert status_of(dialog, "陈录入") == ("Supervisor", "active")
    assert accounts.authenticate(people_township.db, "陈录入", "back-again") == "supervisor"
    actions = [e.details["action"] for e in audit.entries(people_township.db, event="account", limit=3)]
    assert actions == ["role", "reactivate", "deactivate"]


def test_the_dialog_shows_the_cores_refusals(qtbot, people_township):
    from desktop.ui.admin.accounts_dialog import AccountsDialog

    dialog = AccountsDialog(people_township)
    qtbot.addWidget(dialog)
    select(dialog, "王丽")
    dialog.active_button.click()
    assert dialog.selected_message.text() == "You cannot deactivate your own account."
    dialog.selected_role_combo.setCurrentIndex(dialog.selected_role_combo.findData("clerk"))
    dialog.role_button.click()
    assert "only active administrator" in dialog.selected_message.text()
    assert status_of(dialog, "王丽") == ("Administrator", "active")
    assert dialog.selected_role_combo.currentData() == "admin"      # shows the role it still has
    people_township.clerk_role = "clerk"
    with pytest.raises(PermissionDenied):
        AccountsDialog(people_township)


def test_a_supervisor_sets_a_new_password_for_a_locked_out_clerk_and_nothing_else(qtbot, people_township):
    from desktop.core.workspace import throttle
    from desktop.ui.admin.accounts_dialog import AccountsDialog

    ws = people_township
    for _ in range(throttle.lock_after(ws.paths.root)):      # the clerk guessed until the account locked
        throttle.failed(ws.paths.root, "陈录入")
    with pytest.raises(UserError):
        throttle.check(ws.paths.root, "陈录入")
    ws.clerk, ws.clerk_role = "刘主管", "supervisor"
    dialog = AccountsDialog(ws)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.active_button.isVisible() and not dialog.role_button.isVisible()
    assert not dialog.add_button.isVisible()
    select(dialog, "王丽")
    assert not dialog.reset_button.isEnabled()              # an administrator's password: not theirs to set
    with pytest.raises(PermissionDenied), transaction(ws.db):
        accounts.reset_password(ws.db, "王丽", "taken-over", by="刘主管")
    select(dialog, "陈录入")
    assert dialog.reset_button.isEnabled()
    reset = dialog.reset_password()
    qtbot.keyClicks(reset.new_edit, "start-again")
    qtbot.keyClicks(reset.repeat_edit, "start-again")
    with qtbot.waitSignal(reset.accepted):
        qtbot.keyClick(reset.repeat_edit, Qt.Key.Key_Return)
    throttle.check(ws.paths.root, "陈录入")                  # unlocked
    assert accounts.authenticate(ws.db, "陈录入", "start-again") == "clerk"
    assert ws.keyring.unlock("start-again", "陈录入") == ws.data_key   # wrapped without the old password
    entry = audit.entries(ws.db, event="account", limit=1)[0]
    assert entry.clerk == "刘主管" and entry.details == {"action": "reset_password", "account": "陈录入"}


def test_admin_sets_a_new_password_typed_twice(qtbot, people_township):
    from desktop.ui.admin.accounts_dialog import AccountsDialog

    dialog = AccountsDialog(people_township)
    qtbot.addWidget(dialog)
    select(dialog, "陈录入")
    reset = dialog.reset_password()
    assert not reset.current_edit.isVisibleTo(reset)
    qtbot.keyClicks(reset.new_edit, "fresh-start")
    qtbot.keyClicks(reset.repeat_edit, "fresh-strat")
    assert reset.save() is False and reset.message.text() == "The two new passwords differ."
    reset.repeat_edit.setText("fresh-start")
    with qtbot.waitSignal(reset.accepted):
        reset.buttons.accepted.emit()
    assert dialog.selected_message.text() == "New password set for 陈录入."
    assert accounts.authenticate(people_township.db, "陈录入", "fresh-start") == "clerk"


def test_a_clerk_changes_their_own_password_from_the_file_menu(qtbot, people_township):
    from desktop.ui.shell.main_window import MainWindow

    people_township.clerk, people_township.clerk_role = "陈录入", "clerk"
    window = MainWindow(people_township)
    qtbot.addWidget(window)
    assert window.password_action.isVisible() and window.backup_action.isVisible()
    assert not window.restore_action.isVisible() and not window.accounts_action.isVisible()
    dialog = window.change_password()
    assert dialog.current_edit.isVisibleTo(dialog)
    dialog.current_edit.setText("not-my-password")
    dialog.new_edit.setText("my-new-secret")
    dialog.repeat_edit.setText("my-new-secret")
    assert dialog.save() is False and dialog.message.text() == "The current password is wrong."
    dialog.current_edit.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted):
        dialog.buttons.accepted.emit()
    assert accounts.authenticate(people_township.db, "陈录入", "my-new-secret") == "clerk"
    assert window.statusBar().currentMessage() == "Your password was changed."


def test_back_up_now_to_the_backups_folder_and_to_a_stick(qtbot, people_township, tmp_path):
    from desktop.ui.shell.main_window import MainWindow

    people_township.clerk, people_township.clerk_role = "陈录入", "clerk"
    window = MainWindow(people_township)
    qtbot.addWidget(window)
    dialog = window.back_up_now()
    dialog.backup_button.click()
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=10000)
    assert dialog.written.parent == people_township.paths.backups and dialog.written.name.startswith("manual-")
    assert backup.describe(dialog.written).records == 4
    assert dialog.message.text() == f"Backup written: {dialog.written}"
    event = audit.entries(people_township.db, event="backup")[0]
    assert (event.clerk, event.details) == ("陈录入", {"file": dialog.written.name})

    stick = tmp_path / "KINGSTON"
    qtbot.keyClicks(dialog.folder_edit, str(stick))
    assert dialog.other_radio.isChecked()
    dialog.backup_button.click()
    qtbot.waitUntil(lambda: dialog.written.parent == stick, timeout=10000)
    assert backup.describe(dialog.written).kind == "manual"

    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("x")
    dialog.folder_edit.setText(str(not_a_folder / "inside"))
    dialog.backup_button.click()
    qtbot.waitUntil(lambda: dialog.backup_button.isEnabled(), timeout=10000)
    assert dialog.message.text().startswith("Could not write the backup to")


def test_the_restore_list_and_a_damaged_backup_refused(qtbot, people_township, tmp_path):
    from desktop.ui.admin.backup_dialogs import RestoreDialog

    daily = backup.snapshot(people_township.db, people_township.paths.backups, "daily")
    damaged = people_township.paths.backups / "manual-20200101-080000.db"
    damaged.write_bytes(b"SQLite format 3\x00" + os.urandom(6000))
    before = people_township.paths.db_path.read_bytes()
    people_township.clerk_role = "supervisor"
    dialog = RestoreDialog(people_township)
    qtbot.addWidget(dialog)
    rows = [[dialog.table.item(r, c).text() for c in range(4)] for r in range(dialog.table.rowCount())]
    megabytes = f"{daily.stat().st_size / 1_048_576:.1f} MB"
    assert rows == [[daily.name[6:10] + "-" + daily.name[10:12] + "-" + daily.name[12:14] + " "
                     + daily.name[15:17] + ":" + daily.name[17:19], "Daily (automatic)", megabytes, "4"],
                    ["2020-01-01 08:00", "Made by a clerk", "0.0 MB", "unreadable"]]
    dialog.table.selectRow(1)
    dialog.restore_selected()
    qtbot.waitUntil(lambda: dialog.message.text() != "", timeout=10000)
    assert "damaged" in dialog.message.text()
    assert dialog.confirm_box is None                 # refused before the question
    assert people_township.paths.db_path.read_bytes() == before
    people_township.clerk_role = "clerk"
    with pytest.raises(PermissionDenied):
        RestoreDialog(people_township)


def test_restore_closes_the_workspace_restores_and_asks_to_sign_in(qtbot, start_app, township_dir):
    with Workspace.open(township_dir) as workspace:
        records.save(workspace.db, form_id="floating_population", form_version="1", township="131025100",
                     values={"name": "张三"}, clerk="王丽")
        saved = backup.snapshot(workspace.db, workspace.paths.backups, "manual")
        records.save(workspace.db, form_id="floating_population", form_version="1", township="131025100",
                     values={"name": "李四"}, clerk="王丽")
    controller = start_app(township_dir)
    try:
        login = controller.login
        assert login.name_combo.currentData() == "王丽"   # from the sign-in card ...
        qtbot.waitUntil(lambda: controller.workspace is not None, timeout=10000)   # ... then the store
        login.password_edit.setText(PASSWORD)
        login.try_sign_in()
        qtbot.waitUntil(lambda: controller.window is not None, timeout=10000)
        window = controller.window
        restore = window.open_restore()
        assert [restore.table.item(r, 3).text() for r in range(restore.table.rowCount())] == ["1"]
        restore.restore_selected()
        qtbot.waitUntil(lambda: restore.confirm_box is not None, timeout=10000)
        box = restore.confirm_box
        assert "kept in the data folder" in box.informativeText()
        restore_button = next(b for b in box.buttons() if b.text() == "Restore")
        restore_button.click()
        qtbot.waitUntil(lambda: controller.login is not None and controller.login.isVisible(), timeout=10000)
        assert controller.window is None and controller.workspace.clerk is None
        assert records.count(controller.workspace.db, form_id="floating_population") == 1
        event = audit.entries(controller.workspace.db, event="restore")[0]
        assert (event.clerk, event.details["file"]) == ("王丽", saved.name)
        assert "Restored from" in controller.notice.text() and controller.notice.isVisible()
        kept = [p for p in township_dir.glob("township.db.replaced-*") if not p.name.endswith(("-wal", "-shm"))]
        assert len(kept) == 1 and str(kept[0]) in controller.notice.text()
        with Workspace.open(township_dir) as again:    # the restored file is the database now
            assert records.count(again.db, form_id="floating_population") == 1
    finally:
        controller.notice.close()


def test_sign_in_preselects_the_last_clerk_with_the_cursor_in_the_password(qtbot, people_township):
    from desktop.ui.shell.login_dialog import LoginDialog

    people_township.clerk = people_township.clerk_role = None
    first = LoginDialog(people_township)
    qtbot.addWidget(first)
    assert first.name_combo.currentData() == "王丽"       # set up by 王丽: offered first
    first.name_combo.setCurrentIndex(first.name_combo.findData("陈录入"))
    first.password_edit.setText(PASSWORD)
    assert first.try_sign_in()
    assert people_township.setting("last_clerk") == "陈录入"
    with Workspace.open(people_township.paths.root) as reopened:   # remembered on this PC, across starts
        second = LoginDialog(reopened)
        qtbot.addWidget(second)
        with qtbot.waitExposed(second):
            second.show()
        second.activateWindow()
        qtbot.waitUntil(lambda: second.focusWidget() is second.password_edit, timeout=3000)
        assert second.name_combo.currentData() == "陈录入"
        second.close()


def test_the_confirmation_box_is_a_question(qtbot, people_township):
    from desktop.ui.admin.backup_dialogs import RestoreDialog

    made = backup.snapshot(people_township.db, people_township.paths.backups, "manual")
    dialog = RestoreDialog(people_township)
    qtbot.addWidget(dialog)
    box = dialog.confirm(backup.describe(made))
    assert box.icon() == QMessageBox.Icon.Question
    assert box.defaultButton().text() == "Cancel"       # Enter does not restore by accident
    with qtbot.assertNotEmitted(dialog.restoreChosen):
        box.defaultButton().click()
    box.close()


def test_a_damaged_database_at_start_is_restored_from_a_backup_in_the_app(qtbot, start_app, township_dir):
    with Workspace.open(township_dir) as workspace:
        records.save(workspace.db, form_id="floating_population", form_version="1", township="131025100",
                     values={"name": "张三"}, clerk="王丽")
        saved = backup.snapshot(workspace.db, workspace.paths.backups, "manual")
    (township_dir / "township.db").write_bytes(b"garbage" * 4096)          # the disk ate it
    for name in ("township.db-wal", "township.db-shm"):
        (township_dir / name).unlink(missing_ok=True)
    controller = start_app(township_dir)
    qtbot.waitUntil(lambda: controller.damaged_box is not None and controller.damaged_box.isVisible(), timeout=10000)
    box = controller.damaged_box
    assert "is damaged and cannot be opened" in box.text() and controller.workspace is None
    assert "damaged" in box.detailedText()          # encrypted pages that fail their check
    next(b for b in box.buttons() if b.text() == "Restore from a backup…").click()
    dialog = controller.restore_dialog
    assert dialog.selected_path() == saved
    dialog.restore_selected()
    qtbot.waitUntil(lambda: dialog.confirm_box is not None, timeout=10000)
    next(b for b in dialog.confirm_box.buttons() if b.text() == "Restore").click()
    sign_in = dialog.sign_in
    assert [sign_in.name_combo.itemData(i) for i in range(sign_in.name_combo.count())] == ["王丽"]
    sign_in.password_edit.setText("not-the-password")
    assert sign_in.try_accept() is False and "Wrong name or password" in sign_in.message.text()
    sign_in.password_edit.setText(PASSWORD)
    assert sign_in.try_accept()
    qtbot.waitUntil(lambda: controller.login is not None and controller.login.isVisible(), timeout=10000)
    assert records.count(controller.workspace.db, form_id="floating_population") == 1
    event = audit.entries(controller.workspace.db, event="restore")[0]
    assert (event.clerk, event.details["file"]) == ("王丽", saved.name)
    assert "damaged database is kept" in controller.notice.text()
    controller.notice.close()
    kept = [p for p in township_dir.glob("township.db.replaced-*") if not p.name.endswith(("-wal", "-shm"))]
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"garbage")   # kept aside, not deleted


def test_quitting_at_the_damaged_database_message_changes_nothing(qtbot, start_app, township_dir):
    (township_dir / "township.db").write_bytes(b"garbage" * 4096)
    controller = start_app(township_dir)
    qtbot.waitUntil(lambda: controller.damaged_box is not None and controller.damaged_box.isVisible(), timeout=10000)
    next(b for b in controller.damaged_box.buttons() if b.text() == "Quit").click()
    assert controller.exit_code == 1 and controller.app_exits == [1] and controller.restore_dialog is None
    assert (township_dir / "township.db").read_bytes() == b"garbage" * 4096


def test_a_restore_refused_in_the_task_goes_back_to_the_database_as_it_was(qtbot, start_app, township_dir):
    controller = start_app(township_dir)
    qtbot.waitUntil(lambda: controller.workspace is not None, timeout=10000)
    controller.login.password_edit.setText(PASSWORD)
    controller.login.try_sign_in()
    qtbot.waitUntil(lambda: controller.window is not None, timeout=10000)
    missing = township_dir / "backups" / "whatever.db"
    controller.restore_backup(missing)           # checked again in the task: refused before any change
    assert controller.window is None and controller.workspace is None    # closed while the task runs
    qtbot.waitUntil(lambda: controller.notice is not None, timeout=10000)
    assert controller.login is not None
    assert controller.workspace is not None and records.count(controller.workspace.db) == 0   # open again
    assert controller.notice.text() == f"No backup file at {missing}." and controller.notice.isVisible()
    assert not list(township_dir.glob("township.db.replaced-*"))
    controller.notice.close()


def _signed_in(qtbot, start_app, township_dir):
    controller = start_app(township_dir)
    qtbot.waitUntil(lambda: controller.workspace is not None, timeout=10000)
    controller.login.password_edit.setText(PASSWORD)
    controller.login.try_sign_in()
    qtbot.waitUntil(lambda: controller.window is not None, timeout=10000)
    return controller


def _big_backup(township_dir, megabytes: int):
    """A real backup of several copy steps (1 MiB each): records with a long note."""
    with Workspace.open(township_dir) as workspace:
        for number in range(megabytes):
            records.save(workspace.db, form_id="floating_population", form_version="1", township="131025100",
                         values={"name": f"张{number}", "note": os.urandom(512 * 1024).hex()}, clerk="王丽")
        return backup.snapshot(workspace.db, workspace.paths.backups, "manual")


def test_a_restore_shows_the_bytes_copied_in_the_progress_dialog(qtbot, start_app, township_dir, monkeypatch):
    from PySide6.QtCore import Qt

    from desktop.ui.shell import tasks

    saved = _big_backup(township_dir, 6)
    size = saved.stat().st_size
    assert size > 5 * backup.COPY_CHUNK
    controller = _signed_in(qtbot, start_app, township_dir)
    shown = []
    real_set_values = tasks.ProgressDialog.set_values

    def set_values(dialog, done, total, detail):
        shown.append((done, total, detail))
        real_set_values(dialog, done, total, detail)

    monkeypatch.setattr(tasks.ProgressDialog, "set_values", set_values)
    dialog_up = threading.Event()

    def hold_first_report(task, done, total, _label):   # on the worker: wait until the dialog is up
        if task.label == "Restoring the backup…" and done == 0 and total:
            dialog_up.wait(10)

    tasks.service()._progressed.connect(hold_first_report, Qt.ConnectionType.DirectConnection)
    try:
        task = controller.restore_backup(saved)
        qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.isVisible(), timeout=10000)
        assert task.shown_at - task.started_at >= tasks.PROGRESS_DELAY_MS / 1000
        assert task.dialog.cancel_button.isVisible()     # not yet moved aside: cancelling is safe
        dialog_up.set()
        qtbot.waitUntil(lambda: controller.notice is not None, timeout=20000)
    finally:
        dialog_up.set()
        tasks.service()._progressed.disconnect(hold_first_report)
    assert shown[0][:2] == (0, size) and "copying the backup into place" in shown[0][2]
    assert shown[-1][:2] == (size, size)
    assert all(total == size for _done, total, _detail in shown)
    assert [done for done, _total, _detail in shown] == sorted(done for done, _total, _detail in shown)
    assert "Restored from" in controller.notice.text()
    assert records.count(controller.workspace.db, form_id="floating_population") == 6
    controller.notice.close()


def test_a_restore_cancelled_before_the_database_is_moved_changes_nothing(qtbot, start_app, township_dir):
    saved = _big_backup(township_dir, 1)
    with Workspace.open(township_dir) as workspace:
        records.save(workspace.db, form_id="floating_population", form_version="1", township="131025100",
                     values={"name": "李四"}, clerk="王丽")
    controller = _signed_in(qtbot, start_app, township_dir)
    task = controller.restore_backup(saved)
    task.cancel()                  # before the worker reaches its first safe point (the integrity check runs first)
    qtbot.waitUntil(lambda: controller.notice is not None, timeout=10000)
    assert "cancelled" in controller.notice.text()
    assert records.count(controller.workspace.db, form_id="floating_population") == 2
    assert not list(township_dir.glob("township.db.replaced-*"))
    controller.notice.close()


def test_a_backup_from_another_pc_asks_for_that_pcs_recovery_key(qtbot, people_township, tmp_path):
    """The old PC's backup on a stick, restored on this one: the check asks for the old
    installation's recovery key (a wrong one is said), then the usual question; the restore brings
    the old clerks' passwords with it."""
    from desktop.core.store import cipher
    from desktop.core.workspace import restore as restoring
    from desktop.core.workspace.setup import initialise
    from desktop.ui.admin.backup_dialogs import RestoreDialog

    with initialise(tmp_path / "old-pc", role="township", code="131025100", clerk="赵旧", password="old-pc-pass") as old:
        recovery_key, old_store = old.recovery_key, old.keyring.store
        old.clerk = "赵旧"
        records.save(old.db, form_id="floating_population", form_version="1", township="131025100",
                     values={"name": "钱七"}, clerk="赵旧")
        made = backup.snapshot(old.db, tmp_path / "stick", "manual")
    cipher.forget(old_store)                                  # this PC never held the old one's key
    ws = people_township
    ws.clerk_role = "supervisor"
    dialog = RestoreDialog(ws)
    qtbot.addWidget(dialog)
    dialog.check_then_confirm(made)
    qtbot.waitUntil(lambda: dialog.recovery_prompt is not None and dialog.recovery_prompt.isVisible(), timeout=10000)
    prompt = dialog.recovery_prompt
    edit = prompt.findChild(QLineEdit)
    qtbot.keyClicks(edit, "AAAAA-" + recovery_key[6:])
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert dialog.message.text() == "That recovery key does not open this backup." and dialog.confirm_box is None
    prompt = dialog.ask_recovery_key(made)
    edit = prompt.findChild(QLineEdit)
    qtbot.keyClicks(edit, recovery_key)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.confirm_box is not None, timeout=10000)
    assert "(1 records)" in dialog.confirm_box.text()           # the old PC's one record
    dialog.confirm_box.reject()
    restored = restoring.restore_and_reopen(ws.paths.root, made, clerk="刘主管", workspace=ws)
    restored.workspace.close()
    cipher.forget(old_store)
    with Workspace.open(ws.paths.root, key=Keyring.load(keyring_path(ws.paths.db_path)).unlock("old-pc-pass", "赵旧")) as back:
        assert [r[0] for r in back.db.execute("SELECT name FROM accounts")] == ["赵旧"]
