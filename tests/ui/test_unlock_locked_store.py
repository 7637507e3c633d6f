"""Signing in to an encrypted store in a fresh process: the sign-in dialog shows from its card, the
store stays shut until a clerk's password unwraps the data key (AppController.unlock_store), a
wrong password opens nothing, and the growing delay after wrong passwords is shown in the dialog
(the clock moved with TOWNSHIP_FAKE_NOW, no real waiting)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from desktop.core.store import cipher
from desktop.core.store import db as db_module
from desktop.core.workspace import throttle
from desktop.core.workspace.keyring import Keyring, keyring_path
from tests.conftest import PASSWORD

START = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def _at(monkeypatch, moment: dt.datetime) -> None:
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", moment.isoformat())


def _sign_in(qtbot, login, password: str) -> None:
    """As a clerk does it: type the password, press Enter."""
    login.password_edit.clear()
    qtbot.keyClicks(login.password_edit, password)
    qtbot.keyClick(login.password_edit, Qt.Key.Key_Return)


def test_a_locked_store_opens_only_with_the_right_password_and_shows_the_delay(
        qtbot, start_app, township_dir, monkeypatch):
    store = Keyring.load(keyring_path(township_dir / "township.db")).store
    monkeypatch.setattr(db_module, "UNLOCKED", {})            # a fresh process: no key in memory
    assert cipher.known(store) is None
    _at(monkeypatch, START)
    controller = start_app(township_dir)
    login = controller.login
    assert login is not None and controller.workspace is None
    qtbot.waitUntil(lambda: login.unlock is not None, timeout=10000)   # the store said: locked
    assert controller.workspace is None and login.isVisible()

    for attempt in range(throttle.FREE_ATTEMPTS):
        _sign_in(qtbot, login, f"not-the-password-{attempt}")
        assert controller.workspace is None and cipher.known(store) is None
        assert "password" in login.message.text().lower() and controller.login is login
    assert throttle._load(township_dir)["accounts"]["王丽"]["failures"] == throttle.FREE_ATTEMPTS

    _sign_in(qtbot, login, PASSWORD)                          # right, but inside the delay: refused
    assert controller.workspace is None and cipher.known(store) is None
    assert "wait 2 seconds" in login.message.text()
    _at(monkeypatch, START + dt.timedelta(seconds=1))
    _sign_in(qtbot, login, PASSWORD)
    assert "wait 1 seconds" in login.message.text() and controller.workspace is None

    _at(monkeypatch, START + dt.timedelta(seconds=3))         # the delay is over
    _sign_in(qtbot, login, PASSWORD)
    qtbot.waitUntil(lambda: controller.workspace is not None and controller.workspace.clerk == "王丽",
                    timeout=10000)
    assert cipher.known(store) == controller.workspace.data_key is not None
    assert controller.workspace.db.execute("SELECT count(*) FROM accounts").fetchone()[0] >= 1
    assert "王丽" not in throttle._load(township_dir).get("accounts", {})   # a success forgets the failures
    qtbot.waitUntil(lambda: controller.window is not None and controller.window.isVisible(), timeout=10000)
