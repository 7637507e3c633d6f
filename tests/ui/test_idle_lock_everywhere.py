"""The idle lock covers and blocks every window, a dialog waiting for an answer included (which
keeps what was typed in it), lets go of the data key, and the password derives the key again."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit

from desktop.core.store import cipher
from tests.conftest import PASSWORD


def _fire_idle(window) -> None:
    """The idle timer running out, as QTimer.timeout delivers it."""
    window.idle.timer.timeout.emit()


def test_the_lock_covers_every_window_drops_the_key_and_the_password_brings_it_back(qtbot, people_township):
    from desktop.ui.entry.reason_dialogs import ReasonDialog
    from desktop.ui.shell.main_window import MainWindow
    from desktop.ui.shell.screen_lock import Curtain

    ws = people_township
    store = ws.keyring.store
    key = ws.db.key
    assert key is not None and cipher.known(store) == key
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.show()
    side = QDialog(window)                                   # a dialog opened from a page, not modal
    side.setWindowTitle("Export")
    side_edit = QLineEdit("half-typed", side)
    side.show()
    qtbot.waitExposed(side)
    seen = {}

    def while_asking():
        asking = QApplication.activeModalWidget()            # the question waiting in exec()
        asking.reason_edit.setText("moved to 东街村")
        _fire_idle(window)
        lock = window.lock_dialog
        seen["locked"] = window.is_locked()
        seen["central hidden"] = not window.centralWidget().isVisible()
        seen["modal"] = QApplication.activeModalWidget() is lock
        curtains = {w: [c for c in w.findChildren(Curtain) if c.isVisible()] for w in (side, asking)}
        seen["covered"] = all(len(c) == 1 and c[0].geometry() == w.rect() for w, c in curtains.items())
        seen["blocked"] = not side.isEnabled() and not asking.isEnabled() and not side_edit.isEnabled()
        seen["still open"] = asking.isVisible() and side.isVisible()
        seen["key gone"] = cipher.known(store) is None and ws.db.key is None and ws.data_key is None
        side.resize(side.width() + 40, side.height() + 30)   # a curtain follows its window
        seen["follows"] = curtains[side][0].geometry() == side.rect()

        lock.password_edit.setText("not-my-password")
        seen["wrong refused"] = lock.try_sign_in() is False and window.is_locked() and ws.db.key is None
        lock.password_edit.setText(PASSWORD)
        seen["right accepted"] = lock.try_sign_in() is True
        seen["key back"] = ws.db.key == key and cipher.known(store) == key
        seen["uncovered"] = not [c for w in (side, asking) for c in w.findChildren(Curtain) if c.isVisible()]
        seen["enabled"] = side.isEnabled() and asking.isEnabled() and side_edit.isEnabled()
        asking.accept()

    asking = ReasonDialog("Delete record", "Why?", window)
    QTimer.singleShot(0, while_asking)
    result = asking.exec()
    assert seen == {"locked": True, "central hidden": True, "modal": True, "covered": True, "blocked": True,
                    "still open": True, "key gone": True, "follows": True, "wrong refused": True,
                    "right accepted": True, "key back": True, "uncovered": True, "enabled": True}
    assert result == QDialog.DialogCode.Accepted and asking.reason() == "moved to 东街村"   # nothing typed lost
    assert side_edit.text() == "half-typed" and not window.is_locked() and window.centralWidget().isVisible()
    ws.record_event("backup")                                # the store works on with the key derived again
    assert ws.db.execute("SELECT count(*) FROM records").fetchone()[0] == len(ws.saved)


def test_signing_out_of_the_lock_and_back_in_derives_the_key_again(qtbot, people_township):
    from desktop.ui.shell.login_dialog import LoginDialog
    from desktop.ui.shell.main_window import MainWindow

    ws = people_township
    key, store = ws.db.key, ws.keyring.store
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.show()
    _fire_idle(window)
    assert window.is_locked() and ws.db.key is None
    with qtbot.waitSignal(window.signOutRequested):
        window.lock_dialog.reject()                          # "Sign out"
    assert window.screen_lock is None and ws.db.key is None
    ws.clerk = ws.clerk_role = None
    login = LoginDialog(ws)                                  # the sign-in the app shows next
    qtbot.addWidget(login)
    login.name_combo.setCurrentIndex(login.name_combo.findData("刘主管"))
    login.password_edit.setText(PASSWORD)
    assert login.try_sign_in() and ws.clerk == "刘主管"
    assert ws.db.key == key and cipher.known(store) == key


def test_while_a_task_runs_the_key_stays(qtbot, people_township, monkeypatch):
    from desktop.ui.shell import tasks
    from desktop.ui.shell.main_window import MainWindow

    ws = people_township
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.show()
    from types import SimpleNamespace

    monkeypatch.setattr(tasks.service(), "running", [SimpleNamespace(uses_store=True)])   # an import on a worker
    _fire_idle(window)
    assert window.is_locked() and ws.db.key is not None and not window.screen_lock.key_dropped
    monkeypatch.setattr(tasks.service(), "running", [])
    window.lock_dialog.password_edit.setText(PASSWORD)
    assert window.lock_dialog.try_sign_in() and not window.is_locked()


def _open_connections_to(path) -> list:
    """The process's open file descriptors on the database file at `path` (each SQLite connection
    holds one while it is open): Linux's /proc/self/fd."""
    import os
    from pathlib import Path

    target = str(Path(path).resolve())
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{fd}") == target:
                found.append(fd)
        except OSError:
            continue
    return found


def _holds(obj, secret: bytes, seen=None, depth=0) -> bool:
    """True when `secret` is reachable from `obj` through attributes, dicts, lists and tuples."""
    seen = set() if seen is None else seen
    if id(obj) in seen or depth > 6:
        return False
    seen.add(id(obj))
    if isinstance(obj, (bytes, bytearray)):
        return secret in bytes(obj)
    if isinstance(obj, str):
        return secret.hex() in obj
    if isinstance(obj, dict):
        items = list(obj.keys()) + list(obj.values())
    elif isinstance(obj, (list, tuple, set, frozenset)):
        items = list(obj)
    elif hasattr(obj, "__dict__") and not isinstance(obj, type):
        items = list(vars(obj).values())
    else:
        return False
    return any(_holds(item, secret, seen, depth + 1) for item in items)


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="counts open files through /proc")
def test_the_lock_closes_the_store_and_the_workspace_keeps_no_key(qtbot, people_township):
    from desktop.ui.shell.main_window import MainWindow

    ws = people_township
    key, store = ws.db.key, ws.keyring.store
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.show()
    assert _open_connections_to(ws.paths.db_path) and _holds(ws, key)
    _fire_idle(window)
    assert window.is_locked() and window.screen_lock.key_dropped and ws.is_shut
    assert _open_connections_to(ws.paths.db_path) == []      # SQLCipher's copy of the key went with it
    assert not _holds(ws, key) and cipher.known(store) is None
    lock = window.lock_dialog
    lock.password_edit.setText("not-my-password")
    assert lock.try_sign_in() is False and ws.is_shut      # a wrong password opens nothing
    lock.password_edit.setText(PASSWORD)
    assert lock.try_sign_in() is True and not window.is_locked() and not ws.is_shut
    assert ws.db.key == key and _open_connections_to(ws.paths.db_path)
    assert ws.db.execute("SELECT count(*) FROM records").fetchone()[0] == len(ws.saved)
    events = [row[0] for row in ws.db.execute("SELECT event FROM audit ORDER BY seq DESC LIMIT 2")]
    assert events == ["login", "login_failed"]             # the failure, written once the store opened


def test_signing_out_of_a_shut_store_writes_the_logout_at_the_next_sign_in(qtbot, people_township):
    from desktop.ui.shell.login_dialog import LoginDialog
    from desktop.ui.shell.main_window import MainWindow

    ws = people_township
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.show()
    _fire_idle(window)
    with qtbot.waitSignal(window.signOutRequested):
        window.lock_dialog.reject()
    assert ws.is_shut and _open_connections_to(ws.paths.db_path) == []
    ws.clerk = ws.clerk_role = None
    login = LoginDialog(ws)                                  # its names from the card: the store is shut
    qtbot.addWidget(login)
    assert login.name_combo.findData("陈录入") >= 0
    login.name_combo.setCurrentIndex(login.name_combo.findData("陈录入"))
    login.show()
    qtbot.waitExposed(login)
    qtbot.keyClicks(login.password_edit, PASSWORD)
    qtbot.keyClick(login.password_edit, Qt.Key.Key_Return)
    assert ws.clerk == "陈录入" and not ws.is_shut
    rows = ws.db.execute("SELECT event, clerk FROM audit ORDER BY seq DESC LIMIT 2").fetchall()
    assert [tuple(r) for r in rows] == [("login", "陈录入"), ("logout", "王丽")]


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="counts open files through /proc")
def test_signing_out_from_the_menu_shuts_the_store_until_the_next_password(qtbot, start_app, township_dir):
    controller = start_app(township_dir)
    qtbot.waitUntil(lambda: controller.workspace is not None, timeout=10000)   # opened behind the card
    qtbot.keyClicks(controller.login.password_edit, PASSWORD)
    qtbot.keyClick(controller.login.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=10000)
    ws = controller.workspace
    key, store = ws.db.key, ws.keyring.store
    from desktop.ui.shell.tasks import service

    service().wait_idle()                                    # the day's backup, on a worker, first
    controller.window.sign_out()                             # File > Sign out
    qtbot.waitUntil(lambda: controller.login is not None and controller.login.isVisible(), timeout=10000)
    qtbot.waitUntil(lambda: ws.is_shut, timeout=10000)       # once the tasks the window started end
    assert ws.is_shut and _open_connections_to(ws.paths.db_path) == [] and not _holds(ws, key)
    assert cipher.known(store) is None
    qtbot.keyClicks(controller.login.password_edit, PASSWORD)
    qtbot.keyClick(controller.login.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.window is not None and ws.clerk == "王丽", timeout=10000)
    assert not ws.is_shut and ws.db.key == key
    assert [row[0] for row in ws.db.execute("SELECT event FROM audit ORDER BY seq DESC LIMIT 2")] == ["login", "logout"]


def test_a_drive_scan_running_does_not_keep_the_store_open(qtbot, people_township, monkeypatch):
    from types import SimpleNamespace

    from desktop.ui.shell import tasks
    from desktop.ui.shell.main_window import MainWindow

    ws = people_township
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.show()
    monkeypatch.setattr(tasks.service(), "running", [SimpleNamespace(uses_store=False)])   # a stick scan
    _fire_idle(window)
    assert window.is_locked() and window.screen_lock.key_dropped and ws.is_shut
    monkeypatch.setattr(tasks.service(), "running", [])
    window.lock_dialog.password_edit.setText(PASSWORD)
    assert window.lock_dialog.try_sign_in() and not ws.is_shut


def test_the_lock_writes_the_record_being_typed_and_the_entry_page_keeps_no_draft_key(qtbot, people_township):
    """The name half-typed (not yet left with Enter) when the lock comes is in the clerk's draft,
    sealed; while locked the entry page holds neither the data key nor the drafts' key derived
    from it; after the password the draft opens again."""
    from desktop.core.entry.drafts import DraftStore, _drafts_key
    from tests.ui.keyboard import type_text
    from tests.ui.test_find_fix_page import go_to

    ws = people_township
    key = ws.db.key
    window = _window(qtbot, ws)
    entry = go_to(window, "entry")
    entry.form_view.focus_first()
    QApplication.processEvents()
    type_text("锁屏前")                                    # typed, the field not left yet
    QApplication.processEvents()
    _fire_idle(window)
    assert window.is_locked() and ws.is_shut
    assert not _holds(entry, key) and not _holds(entry, _drafts_key(key))
    files = list(ws.paths.drafts.glob("*.json"))
    assert files and all("锁屏前".encode() not in f.read_bytes() for f in files)   # sealed
    lock = window.lock_dialog
    lock.password_edit.setText(PASSWORD)
    assert lock.try_sign_in() is True
    kept = DraftStore(ws.paths.drafts, ws.clerk, key=ws.db.key).all()
    assert any(d.values.get("name") == "锁屏前" for d in kept), kept
    assert any(d.values.get("name") == "锁屏前" for d in entry.drafts.all())   # the page's store opens it too


def _window(qtbot, workspace):
    from desktop.ui.shell.main_window import MainWindow

    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.show()
    return window
