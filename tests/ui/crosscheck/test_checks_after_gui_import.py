"""The county's Sync page import runs the same-ID and entry-rule checks by itself (they are in the
core import path): the tasks appear on the corrections page and the import's result says so."""

from __future__ import annotations

from desktop.core.sync import outgoing
from tests.ui.sync_sites import TOWNSHIPS, make_sites, open_as

A, B = TOWNSHIPS


def test_county_sync_page_import_raises_the_duplicate_task(qtbot, tmp_path, monkeypatch):
    from desktop.core.store import records
    from desktop.ui.queues.corrections_page import CorrectionsPage
    from desktop.ui.sync.county_sync_page import CountySyncPage
    from tests.core.sync.helpers import resident_id

    county_dir, townships = make_sites(tmp_path / "sites")
    stick = tmp_path / "stick"
    stick.mkdir()
    files = []
    for code, day in ((A, "02"), (B, "03")):
        monkeypatch.setenv("TOWNSHIP_FAKE_NOW", f"2026-11-{day}T09:00:00+08:00")
        with open_as(townships[code]) as township:
            records.save(township.db, form_id="floating_population", form_version="1", township=code,
                         values={"name": "张三", "id_number": resident_id(5), "village": code + "001"}, clerk="clerk")
            files.append(outgoing.export_township(township.db, township.paths, stick).path)
    with open_as(county_dir, "county") as county:
        page = CountySyncPage(county)
        qtbot.addWidget(page)
        page.import_files(files)
        qtbot.waitUntil(lambda: not page.busy, timeout=20000)
        assert "Bundles imported: 2;" in page.result.headline.text()
        assert any("two townships" in line for line in page.result.lines())
        tasks = CorrectionsPage(county)
        qtbot.addWidget(tasks)
        assert [(t.township, t.kind) for t in tasks.model.rows if t.kind == "duplicate_id"] == [(B, "duplicate_id")]
        # these bare records also break the form's rules (required fields): the county's rule check
        # runs on an import this small too, and its tasks go to both townships
        assert {t.township for t in tasks.model.rows if t.kind == "rule"} == {A, B}
        assert any("entry rules" in line for line in page.result.lines())
