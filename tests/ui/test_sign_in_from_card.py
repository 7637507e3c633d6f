"""The sign-in dialog shows from its card before the store opens, then follows the store: a
clerk added behind the card's back appears, a language changed behind it redraws the dialog,
and without a card the store opens first, as it always did."""

from __future__ import annotations

from desktop.core.i18n import current_language
from desktop.core.store import settings
from desktop.core.store.db import transaction
from desktop.core.workspace import accounts, sign_in_card
from desktop.core.workspace.workspace import Workspace
from tests.conftest import PASSWORD


def test_the_dialog_shows_from_the_card_and_the_store_opens_behind_it(qtbot, start_app, township_dir):
    controller = start_app(township_dir)
    login = controller.login
    assert controller.workspace is None                        # on screen before the store
    assert login.name_combo.currentData() == "王丽" and "Pingshu Town" in login.heading.text()
    assert login.try_sign_in() is False                        # nothing to check a password against yet
    qtbot.waitUntil(lambda: controller.workspace is not None, timeout=10000)
    assert controller.login is login and login.workspace is controller.workspace
    login.password_edit.setText(PASSWORD)
    assert login.try_sign_in()
    assert controller.workspace.clerk == "王丽"


def test_a_clerk_added_behind_the_cards_back_appears_once_the_store_opens(qtbot, start_app, township_dir):
    with Workspace.open(township_dir) as workspace, transaction(workspace.db):
        accounts.create(workspace.db, "陈录入", "clerk", PASSWORD, by="王丽")   # the card is not told
    controller = start_app(township_dir)
    login = controller.login
    assert [login.name_combo.itemData(i) for i in range(login.name_combo.count())] == ["王丽"]
    login.password_edit.setText("typed-already")
    qtbot.waitUntil(lambda: controller.workspace is not None, timeout=10000)
    assert controller.login is login                           # the same dialog, names updated
    assert [login.name_combo.itemData(i) for i in range(login.name_combo.count())] == ["王丽", "陈录入"]
    assert login.name_combo.currentData() == "王丽" and login.password_edit.text() == "typed-already"
    assert sign_in_card.read(controller.workspace.paths).clerks == ("王丽", "陈录入")


def test_a_language_changed_behind_the_cards_back_redraws_the_dialog(qtbot, start_app, township_dir):
    with Workspace.open(township_dir) as workspace, transaction(workspace.db):
        settings.put(workspace.db, settings.LANGUAGE, "zh")     # straight into the store
    controller = start_app(township_dir)
    first = controller.login
    assert current_language() == "en"
    qtbot.waitUntil(lambda: controller.workspace is not None, timeout=10000)
    assert controller.login is not first and current_language() == "zh"
    assert "平舒镇" in controller.login.heading.text()
    assert sign_in_card.read(controller.workspace.paths).language == "zh"


def test_without_a_card_the_store_opens_first_and_writes_one(qtbot, start_app, township_dir):
    with Workspace.open(township_dir) as workspace:
        path = sign_in_card.card_path(workspace.paths)
    path.unlink()
    controller = start_app(township_dir)
    assert controller.workspace is not None and controller.login.workspace is controller.workspace
    assert controller.login.name_combo.currentData() == "王丽"
    assert not path.exists()                                   # written once the dialog is up, for next time
    qtbot.waitUntil(path.exists, timeout=10000)
    assert sign_in_card.read(controller.workspace.paths).clerks == ("王丽",)


def test_a_damaged_store_behind_a_card_is_reported(qtbot, start_app, township_dir):
    (township_dir / "township.db").write_bytes(b"not a database at all" * 100)
    for name in ("township.db-wal", "township.db-shm"):
        (township_dir / name).unlink(missing_ok=True)
    controller = start_app(township_dir)
    assert controller.login is not None                        # shown from the card ...
    qtbot.waitUntil(lambda: getattr(controller, "damaged_box", None) is not None
                    and controller.damaged_box.isVisible(), timeout=10000)   # ... then the store's error
    box = controller.damaged_box
    assert controller.login is None and controller.workspace is None
    assert "is damaged and cannot be opened" in box.text() and str(township_dir / "township.db") in box.text()
    assert box.detailedText()                                  # the store's own words
    [quit_button] = [b for b in box.buttons() if b.text() == "Quit"]
    quit_button.click()
    assert controller.app_exits == [1] and controller.exit_code == 1


def test_in_chinese_the_first_window_loads_its_own_strings_first_and_the_rest_once_painted(
        qtbot, qapp, start_app, township_dir):
    from desktop.ui.shell import locale_setup

    everything = locale_setup.install_language(qapp, "zh")
    with Workspace.open(township_dir) as workspace:
        workspace.put_setting("language", "zh")
    controller = start_app(township_dir)
    login = controller.login
    first = list(locale_setup._loaded_files)
    assert [name.rsplit("/", 1)[-1] for name in first] == ["shell_zh_CN.qm"]
    assert login.windowTitle() == "登录"
    qtbot.waitUntil(lambda: controller.workspace is not None, timeout=10000)
    assert sorted(locale_setup._loaded_files) == sorted(everything)       # the rest, once painted
    assert (login.sign_in_button.text(), login.quit_button.text()) == ("登录", "退出")   # not 确定 / 取消
    assert locale_setup.complete_language(qapp) == []                       # nothing left to load


def test_a_county_signs_in_from_its_card_too(qtbot, start_app, tmp_path):
    from tests.helpers.workspaces import set_up

    set_up(tmp_path / "county", role="county", code="131025", clerk="县管", password=PASSWORD).close()
    controller = start_app(tmp_path / "county")
    login = controller.login
    assert controller.workspace is None and "Dacheng County" in login.heading.text()
    qtbot.waitUntil(lambda: controller.workspace is not None, timeout=10000)
    login.password_edit.setText(PASSWORD)
    assert login.try_sign_in() and controller.workspace.role == "county"
