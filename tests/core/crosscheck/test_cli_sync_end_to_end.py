"""The acceptance story through real bundles: `township export` / `township import` between a
county and two townships, enrolled with each other (docs/SYNC.md); the same story without bundles
runs in test_cli_crosscheck.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import VALID_IDS
from tests.core.crosscheck.conftest import COUNTY, FORM, A, B, person


class Site:
    """One installation driven through the command line; every site shares one stick."""

    def __init__(self, cli, root: Path, name: str, stick: Path):
        self.cli, self.dir, self.stick = cli, root / name, stick

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
    stick = tmp_path / "stick"
    stick.mkdir()
    county, a, b = (Site(cli, tmp_path, name, stick) for name in ("county", "a", "b"))
    county.run("init", "--role", "county", "--county", COUNTY, "--clerk", "县管理员")
    county.run("keys", "export", "--to", stick)
    pack = stick / f"TD-county-{COUNTY}.tdpack"
    for site, code, clerk in ((a, A, "王丽"), (b, B, "李强")):
        site.run("init", "--role", "township", "--township", code, "--clerk", clerk, "--county-pack", pack)
        site.run("keys", "export", "--to", stick)
        county.run("keys", "enroll", stick / f"TD-enroll-{code}.tdkey")
    return county, a, b


def visit(county: Site, *townships: Site) -> None:
    """Each township carries its bundle to the county; the county's return bundles come back."""
    for town in townships:
        county.import_(town.export())
    returns = county.export()
    for town in townships:
        code = A if town.dir.name == "a" else B
        town.import_([f for f in returns if f.name.startswith(f"TD-{code}-R")])


def test_crosscheck_and_correction_through_real_bundles(sites, monkeypatch):
    county, a, b = sites
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-02T09:00:00+08:00")
    people = {code: json.dumps(person(VALID_IDS[1], "张三", code), ensure_ascii=False) for code in (A, B)}
    a.run("records", "add", FORM, "--json", "-", stdin=people[A])
    request_id = a.run("crosscheck", "new", "--to", B, "--name", "李四", "--question", "是否在旺村务工？"
                       ).out.strip().splitlines()[-1]
    [sent] = json.loads(a.run("crosscheck", "list", "--outgoing", "--json").out)
    assert sent["state"] == "draft"
    visit(county, a, b)
    assert json.loads(a.run("crosscheck", "list", "--outgoing", "--json").out)[0]["state"] == "sent"
    [incoming] = json.loads(b.run("crosscheck", "list", "--incoming", "--json").out)
    assert incoming["id"] == request_id
    visit(county, b, a)                            # B's receipt reaches A
    assert json.loads(a.run("crosscheck", "list", "--outgoing", "--json").out)[0]["state"] == "delivered"

    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-03T09:00:00+08:00")
    b.run("records", "add", FORM, "--json", "-", stdin=people[B])   # the same ID, later

    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-05T09:00:00+08:00")
    reminders = json.loads(a.run("crosscheck", "reminders", "--json").out)
    assert [(r["id"], r["target_phone"]) for r in reminders] == [(request_id, "0316-5512101")]

    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-12T09:00:00+08:00")   # late: due the 9th
    b.run("crosscheck", "answer", request_id[:8], "--result", "confirmed")
    visit(county, b, a)
    [outgoing] = json.loads(a.run("crosscheck", "list", "--outgoing", "--json").out)
    assert (outgoing["state"], outgoing["answer"]) == ("closed", "confirmed")
    from desktop.core.exchange import crosschecks
    from desktop.core.workspace.workspace import Workspace
    with Workspace.open(county.dir) as workspace:
        assert crosschecks.feedback_counts(workspace.db, B, "2026-11-01", "2026-11-30") == {
            "received": 1, "answered_in_time": 0}

    # the county's same-ID check ran by itself when it imported B's bundle; a scan finds nothing new
    assert json.loads(county.run("corrections", "scan", "--json").out) == []
    [task] = json.loads(county.run("corrections", "list", "--json").out)
    assert (task["township"], task["kind"]) == (B, "duplicate_id")
    with Workspace.open(county.dir) as workspace:    # sync's own flag of the same ID is now handled
        assert workspace.db.execute("SELECT count(*) FROM sync_resident_conflicts WHERE resolved_at IS NULL"
                                    ).fetchone()[0] == 0
    visit(county, b)
    assert json.loads(b.run("corrections", "list", "--json").out)[0]["id"] == task["id"]
    b.run("corrections", "resolve", task["id"][:8], "--dispute", "两地均在册，本人在本镇务工")
    visit(county, b)
    [cleared] = json.loads(county.run("corrections", "list", "--json").out)
    assert cleared["status"] == "disputed"
    assert json.loads(county.run("corrections", "list", "--status", "open", "--json").out) == []

    # the county rejects the dispute: B sees the reply, must correct the record, and that clears it
    county.run("corrections", "decide", task["id"][:8], "--reject", "--reason", "请将重复登记标为迁出或删除")
    visit(county, b)
    [reopened] = json.loads(b.run("corrections", "list", "--status", "open", "--json").out)
    assert reopened["decision_reason"] == "请将重复登记标为迁出或删除"
    refused = b.run("corrections", "resolve", task["id"][:8], "--dispute", "仍有异议", ok=False)
    assert refused.code == 1 and "rejected the dispute" in refused.err
    b.run("corrections", "resolve", task["id"][:8], "--fixed", "--set", f"village={B}002", "--reason", "已核实现居住地")
    visit(county, b)
    tasks = {t["id"]: t for t in json.loads(county.run("corrections", "list", "--json").out)}
    done = tasks.pop(task["id"])
    assert (done["status"], done["rejections"], done["resolution_reason"]) == ("fixed", 1, "已核实现居住地")
    # the ID is still registered twice: the check after that import raised a new task at once
    [again] = tasks.values()
    assert (again["status"], again["dedup_key"], again["record_id"]) == ("open", task["dedup_key"], task["record_id"])


def test_county_learns_which_items_a_township_imported(sites):
    county, a, b = sites
    a.run("crosscheck", "new", "--to", B, "--name", "李四", "--question", "?")
    visit(county, a, b)
    visit(county, b)                               # B's next bundle acknowledges what it imported
    from desktop.core.clock import today
    from desktop.core.exchange import exchange
    from desktop.core.workspace.workspace import Workspace
    with Workspace.open(county.dir) as workspace:
        day = today().isoformat()
        assert exchange.receipt_counts(workspace.db, B, day, day) == {"sent": 1, "imported": 1}
