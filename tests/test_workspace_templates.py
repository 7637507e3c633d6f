"""The suite's set-up folders: copies of one template per kind, independent of each other."""

from __future__ import annotations

from desktop.core.store import audit, records, settings
from desktop.core.workspace import accounts
from desktop.core.workspace.setup import initialise
from tests.conftest import PASSWORD
from tests.helpers.workspaces import set_up, set_up_folder


def test_copies_are_set_up_alike_and_independent(tmp_path):
    first = set_up(tmp_path / "one", role="township", code="131025100", clerk="王丽")
    try:
        records.save(first.db, form_id="floating_population", form_version="1", township="131025100",
                     values={"name": "张三"}, clerk="王丽")
        assert accounts.authenticate(first.db, "王丽", PASSWORD) is not None
    finally:
        first.close()
    second = set_up(tmp_path / "two", role="township", code="131025100", clerk="王丽")
    try:
        assert records.count(second.db, form_id="floating_population") == 0
        assert (second.township, second.clerk, second.clerk_role) == ("131025100", "王丽", "admin")
        with initialise(tmp_path / "fresh", role="township", code="131025100", clerk="王丽",
                        password=PASSWORD) as fresh:     # what a copy stands for
            assert [e.event for e in audit.entries(second.db)] == [e.event for e in audit.entries(fresh.db)]
            assert settings.all_settings(second.db) == settings.all_settings(fresh.db)
        assert audit.verify_chain(second.db) == []
        assert not (second.paths.logs / "township.log").exists() or str(tmp_path / "one") not in \
            (second.paths.logs / "township.log").read_text(encoding="utf-8")
    finally:
        second.close()


def test_a_faked_clock_gets_its_own_template(tmp_path, monkeypatch):
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-10-01T08:00:00+08:00")
    with set_up(tmp_path / "october", role="county", code="131025", clerk="县管") as county:
        assert audit.entries(county.db, event="setup")[0].at.startswith("2026-10-01")
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-18T08:00:00+08:00")
    folder = set_up_folder(tmp_path / "november", role="county", code="131025", clerk="县管")
    with set_up(tmp_path / "again", role="county", code="131025", clerk="县管") as county:
        assert audit.entries(county.db, event="setup")[0].at.startswith("2026-11-18")
    assert (folder / "township.db").exists()
