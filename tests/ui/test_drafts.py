"""A half-typed record survives the process being killed: the draft is offered back with
everything but the field in progress."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
from PySide6.QtWidgets import QApplication

from desktop.core.entry.drafts import Draft, DraftStore
from tests.conftest import PASSWORD, ROOT
from tests.ui.test_entry_page import current_path, dispose


def test_killed_app_offers_the_draft_back(qtbot, township_dir):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "TOWNSHIP_LANG": "en",
           "TOWNSHIP_PASSWORD": PASSWORD}   # the encrypted store opens in the new process
    process = subprocess.Popen([sys.executable, "-m", "tests.ui.draft_app", str(township_dir)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    try:
        line = process.stdout.readline()
        assert line.strip() == "READY", process.stderr.read()
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL

    from desktop.core.workspace.workspace import Workspace
    from desktop.ui.entry.entry_page import EntryPage

    workspace = Workspace.open(township_dir)
    workspace.clerk = "王丽"
    page = EntryPage(workspace)
    page.show()
    page.activateWindow()
    try:
        assert page.has_offered_draft()
        assert "张三" in page.draft_text.text()
        assert "131025198802143219" not in page.draft_text.text()  # masked outside the record
        assert not page.form_view.isEnabled()  # nothing is typed over the offer
        page.restore_button.click()
        QApplication.processEvents()
        values = page.form_view.values()
        assert values["name"] == "张三"
        assert values["id_number"] == "131025198802143219"
        assert values["sex"] == "1" and values["birth_date"] == "1988-02-14"
        assert values["ethnicity"] == "01"
        assert values["phone"] == ""  # the field being typed is the only loss
        assert current_path(page) == "phone"  # and the cursor waits there
    finally:
        dispose(page)
        workspace.close()


def test_discarding_the_offer_removes_the_draft(qtbot, township):
    from desktop.ui.entry.entry_page import EntryPage

    store = DraftStore(township.paths.drafts)
    store.save(Draft(form_id="floating_population", form_version="x", values={"name": "李四"}))
    page = EntryPage(township)
    try:
        assert page.has_offered_draft()
        page.discard_button.click()
        assert store.load("floating_population") is None
        assert page.form_view.isEnabled()
    finally:
        dispose(page)


@pytest.mark.allow_log("township.entry", "ignoring unreadable draft", level="WARNING")
def test_draft_files_are_replaced_whole(tmp_path):
    store = DraftStore(tmp_path / "drafts")
    draft = Draft(form_id="certificate", form_version="1", values={"holder_name": "王五"})
    store.save(draft)
    draft.values = {"holder_name": "王五", "cert_number": "A-1"}
    store.save(draft)                                   # the same unfinished record: its file replaced
    assert store.load("certificate").values == {"holder_name": "王五", "cert_number": "A-1"}
    name = f"certificate.new-{draft.draft_id}.json"
    assert [p.name for p in (tmp_path / "drafts").iterdir()] == [name]  # no temp left
    (tmp_path / "drafts" / name).write_text("{half a fi", encoding="utf-8")
    assert store.load("certificate") is None  # a damaged draft is ignored, never fatal


def test_a_draft_file_of_an_older_version_is_kept_beside_the_next_draft_of_its_form(tmp_path):
    """Older versions kept one file per form; a second unfinished record must not replace it."""
    import json
    from dataclasses import asdict

    folder = tmp_path / "drafts"
    folder.mkdir()
    older = Draft(form_id="certificate", form_version="1", values={"holder_name": "王五"}, clerk="王丽",
                  saved_at="2026-01-02T03:04:05")
    legacy = folder / f"certificate.by-{'王丽'.encode().hex()}.json"
    legacy.write_text(json.dumps({k: v for k, v in asdict(older).items() if k != "draft_id"}), encoding="utf-8")
    store = DraftStore(folder, "王丽")
    store.save(Draft(form_id="certificate", form_version="1", values={"holder_name": "赵六"}))
    assert sorted(d.values["holder_name"] for d in store.all()) == ["王五", "赵六"]
    assert not legacy.exists()                                       # moved to a file of its own
    assert [d.saved_at for d in store.all() if d.values["holder_name"] == "王五"] == ["2026-01-02T03:04:05"]
    assert DraftStore(folder, "陈录入").all() == []                   # and still only hers
