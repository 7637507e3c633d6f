"""The acceptance story through real bundles: `township export` / `township import` between a
county and two townships, enrolled with each other (docs/SYNC.md). Skipped until sync's commands
are part of the program; the same story without bundles runs in test_cli_crosscheck.py."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from tests.conftest import VALID_IDS
from tests.core.crosscheck.conftest import COUNTY, A, B


def _sync_commands_present() -> bool:
    if importlib.util.find_spec("desktop.core.sync") is None:
        return False
    from desktop.cli import build_parser

    commands = set()
    for action in build_parser()._subparsers._group_actions:
        commands |= set(getattr(action, "choices", {}) or {})
    return {"export", "import", "keys"} <= commands


pytestmark = pytest.mark.skipif(not _sync_commands_present(),
                                reason="sync bundles (township export/import/keys) are not in this build yet")


class Site:
    """One installation driven through the command line."""

    def __init__(self, cli, root: Path, name: str):
        self.cli, self.dir, self.stick = cli, root / name, root / f"{name}-out"
        self.stick.mkdir()

    def run(self, *args, ok=True, stdin=None):
        result = self.cli(*args, "--data-dir", self.dir, stdin=stdin)
        if ok:
            assert result.code == 0, f"township {' '.join(map(str, args))}: {result.err}"
        return result

    def export(self) -> list[Path]:
        before = set(self.stick.glob("*.tdb"))
        self.run("export", "--to", self.stick)
        return sorted(set(self.stick.glob("*.tdb")) - before)

    def import_(self, files) -> None:
        if files:
            self.run("import", *files)


@pytest.fixture
def sites(tmp_path, cli):
    county, a, b = Site(cli, tmp_path, "county"), Site(cli, tmp_path, "a"), Site(cli, tmp_path, "b")
    county.run("init", "--role", "county", "--county", COUNTY, "--clerk", "县管理员")
    county.run("keys", "export", "--to", county.stick)
    [pack] = [p for p in county.stick.iterdir() if p.is_file()]
    for site, code, clerk in ((a, A, "王丽"), (b, B, "李强")):
        site.run("init", "--role", "township", "--township", code, "--clerk", clerk, "--county-pack", pack)
        site.run("keys", "export", "--to", site.stick)
        [enrollment] = [p for p in site.stick.iterdir() if p.is_file()]
        county.run("keys", "enroll", enrollment)
        enrollment.unlink()
    pack.unlink()
    return county, a, b


def visit(county: Site, *townships: Site) -> None:
    """Each township carries its bundle to the county; the county's return bundles come back."""
    for town in townships:
        county.import_(town.export())
    returns = county.export()
    for town in townships:
        code = A if town.dir.name == "a" else B
        town.import_([f for f in returns if f"-{code}-" in f.name])


def test_crosscheck_and_correction_through_real_bundles(sites, monkeypatch):
    county, a, b = sites
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-02T09:00:00+08:00")
    person = json.dumps({"name": "张三", "id_number": VALID_IDS[1]}, ensure_ascii=False)
    a.run("records", "add", "registration", "--json", "-", stdin=person)
    request_id = a.run("crosscheck", "new", "--to", B, "--name", "李四", "--question", "是否在旺村务工？"
                       ).out.strip().splitlines()[-1]
    visit(county, a, b)
    [incoming] = json.loads(b.run("crosscheck", "list", "--incoming", "--json").out)
    assert incoming["id"] == request_id

    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-03T09:00:00+08:00")
    b.run("records", "add", "registration", "--json", "-", stdin=person)   # the same ID, later

    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-05T09:00:00+08:00")
    reminders = json.loads(a.run("crosscheck", "reminders", "--json").out)
    assert [(r["id"], r["target_phone"]) for r in reminders] == [(request_id, "0316-5512101")]

    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-12T09:00:00+08:00")   # late: due the 9th
    b.run("crosscheck", "answer", request_id[:8], "--result", "confirmed")
    visit(county, b, a)
    [outgoing] = json.loads(a.run("crosscheck", "list", "--outgoing", "--json").out)
    assert (outgoing["state"], outgoing["answer"]) == ("closed", "confirmed")
    from desktop.core import crosschecks
    from desktop.core.workspace import Workspace
    with Workspace.open(county.dir) as workspace:
        assert crosschecks.feedback_counts(workspace.db, B, "2026-11-01", "2026-11-30") == {
            "received": 1, "answered_in_time": 0}

    [task] = json.loads(county.run("corrections", "scan", "--json").out)
    assert (task["township"], task["kind"]) == (B, "duplicate_id")
    visit(county, b)
    b.run("corrections", "resolve", task["id"][:8], "--dispute", "两地均在册，本人在本镇务工")
    visit(county, b)
    [cleared] = json.loads(county.run("corrections", "list", "--json").out)
    assert cleared["status"] == "disputed"
    assert json.loads(county.run("corrections", "list", "--status", "open", "--json").out) == []
