"""UI fixtures: a township with records and a supervisor and a plain clerk besides the admin."""

from __future__ import annotations

import pytest

from tests.conftest import PASSWORD, VALID_IDS

PEOPLE = [("张三", VALID_IDS[0], "1", "131025100001", "13912345678"),
          ("李四", VALID_IDS[1], "1", "131025100002", "13800001111"),
          ("王小红", VALID_IDS[2], "2", "131025100003", ""),
          ("赵六", VALID_IDS[3], "2", "131025100001", "0316-5512345")]


def add_people(workspace, people=PEOPLE):
    from desktop.core.store import records

    saved = []
    for name, id_number, sex, village, phone in people:
        saved.append(records.save(
            workspace.db, form_id="floating_population", form_version="1", township="131025100",
            values={"name": name, "id_number": id_number, "sex": sex, "village": village, "phone": phone},
            clerk=workspace.clerk))
    return saved


@pytest.fixture
def people_township(township):
    """The township fixture with four records, a supervisor 刘主管 and a clerk 陈录入."""
    from desktop.core.store.db import transaction
    from desktop.core.workspace import accounts

    with transaction(township.db):
        accounts.create(township.db, "刘主管", "supervisor", PASSWORD, by="王丽")
        accounts.create(township.db, "陈录入", "clerk", PASSWORD, by="王丽")
    township.saved = add_people(township)
    return township


@pytest.fixture(autouse=True)
def english_ui(qapp):
    """Every UI test starts in English (the language tests switch it themselves)."""
    from desktop.ui.shell.locale_setup import install_language

    install_language(qapp, "en")
    yield
    install_language(qapp, "en")


def stop_controller(controller) -> None:
    """Close what an AppController opened in a test, without quitting the QApplication (closing
    its main window plainly would: QApplication.exit stops every later event loop of the run)."""
    if controller.login is not None:
        controller.login.blockSignals(True)
        controller.login.close()
    controller._wait_for_warm_up()
    from desktop.ui.shell.tasks import service

    service().wait_idle()        # the daily backup, counts and drive scans end before the store closes
    if controller.window is not None:
        controller._replace_window()
    if controller.workspace is not None:
        controller.workspace.close()


@pytest.fixture
def start_app(qapp, monkeypatch):
    """start_app(data_dir) -> a started AppController (sign-in or wizard on screen); stopped after.
    The controller's `app.exit(code)` is recorded in `app_exits` instead of run: a real one would
    stop every later event loop of the test session."""
    from PySide6.QtWidgets import QApplication

    from desktop.ui.shell.app import AppController

    exits = []
    monkeypatch.setattr(qapp, "exit", exits.append, raising=False)
    started = []

    def start(data_dir):
        controller = AppController(qapp, data_dir)
        controller.app_exits = exits
        started.append(controller)
        controller.start()
        return controller

    yield start
    for controller in started:
        stop_controller(controller)
    QApplication.processEvents()
