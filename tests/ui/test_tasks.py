"""The task service: progress only after 600 ms with the core's values, Cancel that leaves the
store as it was, a UserError as a message and a bug to the log and the crash dialog."""

from __future__ import annotations

import logging
import sys
import threading
import time

import pytest
from PySide6.QtWidgets import QWidget

from desktop.core.errors import UserError
from desktop.core.i18n import Text
from desktop.core.store import audit
from desktop.core.sync import incoming, outgoing
from desktop.ui.shell import tasks
from desktop.ui.shell.tasks import PROGRESS_DELAY_MS, Done, service
from tests.core.sync.helpers import TOWNSHIPS, county_data_hash, make_sites
from tests.ui.sync_sites import add_records, open_as


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _run_until(released: threading.Event, parent, **options):
    def work(progress):
        progress(3, 10, Text("three of ten", "十分之三"))
        released.wait(10)
        return Done("done", frozenset({"records"}))
    return service().run(work, parent=parent, label="Working…", **options)


def test_quick_work_shows_no_dialog_and_says_what_changed(qtbot, parent):
    changed, done = [], []
    service().changed.connect(changed.append)
    try:
        task = service().run(lambda progress: Done(7, frozenset({"records"})), parent=parent, label="Quick",
                             on_done=done.append)
        qtbot.waitUntil(lambda: done == [7], timeout=5000)
        assert task.dialog is None and changed == [frozenset({"records"})]
    finally:
        service().changed.disconnect(changed.append)


def test_the_dialog_appears_only_after_600_ms_with_the_reported_values(qtbot, parent):
    released = threading.Event()
    task = _run_until(released, parent)
    try:
        qtbot.wait(50)
        if time.monotonic() - task.started_at < PROGRESS_DELAY_MS / 1000:   # not when the machine is slow
            assert task.dialog is None
        qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.isVisible(), timeout=5000)
        assert task.shown_at - task.started_at >= PROGRESS_DELAY_MS / 1000
        dialog = task.dialog
        assert (dialog.bar.value(), dialog.bar.maximum()) == (3, 10)
        assert dialog.detail.text() == "three of ten" and dialog.label.text() == "Working…"
        assert not dialog.cancel_button.isVisible()      # the work did not say cancelling is safe
    finally:
        released.set()
    qtbot.waitUntil(lambda: task.finished, timeout=5000)
    assert task.dialog is None


def test_a_user_error_becomes_a_message_in_the_clerks_words(qtbot, parent):
    def work(progress):
        raise UserError(Text("The stick was removed.", "U 盘已拔出。"))

    finished = []
    service().run(work, parent=parent, label="Failing", finally_=lambda: finished.append(True))
    qtbot.waitUntil(lambda: bool(finished), timeout=5000)
    box = service().message_box
    assert box is not None and box.text() == "The stick was removed." and box.isVisible()
    box.close()


def test_a_bug_goes_to_the_log_and_the_crash_dialog(qtbot, parent, monkeypatch, caplog):
    from PySide6.QtWidgets import QMessageBox

    from desktop.ui.shell.app import install_crash_handler

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args, **kwargs: shown.append(args))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)   # restored after the test
    install_crash_handler()

    def work(progress):
        raise ZeroDivisionError("a bug")

    finished = []
    with caplog.at_level(logging.ERROR, logger="township.ui"):
        service().run(work, parent=parent, label="Buggy", finally_=lambda: finished.append(True))
        qtbot.waitUntil(lambda: bool(finished), timeout=5000)
    assert "ZeroDivisionError: a bug" in caplog.text and "Traceback" in caplog.text
    assert len(shown) == 1 and "internal error" in shown[0][1]


def test_cancelling_a_county_import_from_the_dialog_leaves_the_store_unchanged(qtbot, tmp_path, monkeypatch):
    from desktop.ui.sync.county_sync_page import CountySyncPage

    county_dir, townships = make_sites(tmp_path / "sites")
    stick = tmp_path / "stick"
    stick.mkdir()
    files = []
    for code in TOWNSHIPS:
        with open_as(townships[code]) as township:
            add_records(township, 60)
            files.append(outgoing.export_township(township.db, township.paths, stick).path)
    # A big import takes seconds; here the first bundle's audit check waits (at most 10 s) until the
    # clerk has pressed Cancel, so the dialog is certain to be up while that bundle is being applied.
    check_chain = incoming._check_audit_chain
    running = {}

    def slow_check(*args):
        task = running.get("task")
        deadline = time.monotonic() + 10
        while task is not None and not task.progress.cancel_requested and time.monotonic() < deadline:
            time.sleep(0.02)
        return check_chain(*args)

    monkeypatch.setattr(incoming, "_check_audit_chain", slow_check)
    with open_as(county_dir, "county") as county:
        before = county.db.execute("SELECT count(*) FROM records").fetchone()[0], audit.head(county.db), \
            county_data_hash(county.db)
        page = CountySyncPage(county)
        qtbot.addWidget(page)
        page.show()
        task = running["task"] = page.import_files(files)
        qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.isVisible(), timeout=10000)
        dialog = task.dialog
        assert dialog.cancel_button.isVisible()
        qtbot.waitUntil(lambda: dialog.bar.maximum() == 60, timeout=5000)   # the first bundle's records
        assert "records" in dialog.detail.text()
        dialog.cancel_button.click()
        qtbot.waitUntil(lambda: not page.busy, timeout=20000)
        assert "Cancelled" in page.result.headline.text()
        after = county.db.execute("SELECT count(*) FROM records").fetchone()[0], audit.head(county.db), \
            county_data_hash(county.db)
        assert after == before
        assert county.db.execute("SELECT count(*) FROM sync_received").fetchone()[0] == 0


def test_the_service_is_one_per_application():
    assert service() is service() and isinstance(service(), tasks.TaskService)
