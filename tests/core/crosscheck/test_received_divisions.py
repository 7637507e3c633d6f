"""The divisions list the county sends (config/codelists/divisions.csv in the data folder) is what
an installation shows: village names on reports, township names and phones on cross-checks; the
shipped list stays the default for code without a data folder, and the fallback for a bad list."""

from __future__ import annotations

import json
import os

from desktop.core.codelists import codelists_divisions
from desktop.core.entry import entry
from desktop.core.exchange import crosschecks
from desktop.core.paths import resource
from desktop.core.reports import circular, daily
from tests.conftest import VALID_IDS
from tests.core.crosscheck.carrier import round_trip
from tests.core.crosscheck.conftest import FORM, A, B, person

VILLAGE = f"{A}001"
SHIPPED_VILLAGE = "东街村"


def receive_divisions(workspace, *replacements: tuple[str, str]) -> None:
    """Put a divisions list where a return bundle's update lands, with the texts replaced."""
    text = resource("codelists", "divisions.csv").read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    folder = workspace.paths.config / "codelists"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "divisions.csv").write_text(text, encoding="utf-8")


def test_the_received_list_renames_a_village_and_the_shipped_list_stays_the_default(town_a):
    assert codelists_divisions.for_workspace(town_a) is codelists_divisions.shipped()
    assert codelists_divisions.for_data_dir(None) is codelists_divisions.shipped()
    receive_divisions(town_a, (SHIPPED_VILLAGE, "东街社区"), ("Dongjie Village", "Dongjie Community"))
    mine = codelists_divisions.for_data_dir(town_a.paths)
    assert mine.find(VILLAGE).name("zh") == "东街社区" and mine.name(VILLAGE, "en") == "Dongjie Community"
    assert [v.name_zh for v in mine.children(A, "village")][0] == "东街社区"
    assert codelists_divisions.find(VILLAGE).name_zh == SHIPPED_VILLAGE       # no workspace: shipped
    assert codelists_divisions.for_data_dir(town_a.paths) is mine             # read once per version

    # a later update replaces it (a new version of the file is read again)
    receive_divisions(town_a, (SHIPPED_VILLAGE, "东街新村"))
    path = town_a.paths.config / "codelists" / "divisions.csv"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert codelists_divisions.for_workspace(town_a).find(VILLAGE).name_zh == "东街新村"


def test_a_broken_or_empty_received_list_falls_back_to_the_shipped_one(town_a, caplog):
    caplog.set_level("WARNING", "township.forms")
    folder = town_a.paths.config / "codelists"
    folder.mkdir(parents=True)
    (folder / "divisions.csv").write_text("code,name\n1,x\n", encoding="utf-8")   # no names: unreadable
    assert codelists_divisions.for_workspace(town_a).find(VILLAGE).name_zh == SHIPPED_VILLAGE
    (folder / "divisions.csv").write_text("code,parent,level,name_zh,name_en,phone\n", encoding="utf-8")
    assert codelists_divisions.for_workspace(town_a) is codelists_divisions.shipped()
    assert "divisions" in caplog.text


def test_reports_and_cross_checks_use_the_received_names_and_phones(county, town_a, town_b, monkeypatch):
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-02T09:00:00+08:00")
    entry.add(town_a, FORM, person(VALID_IDS[0], "王五", A))
    request = crosschecks.new_request(town_a, target=B, subject_name="李四", question="是否在旺村务工？")
    round_trip(county, town_a, town_b)
    for workspace in (town_a, county):
        receive_divisions(workspace, (SHIPPED_VILLAGE, "东街社区"), ("0316-5512101", "0316-5599999"),
                          ("旺村镇", "旺村新镇"), ("Wangcun Town", "Wangcun New Town"))
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-05T09:00:00+08:00")
    mine = codelists_divisions.for_workspace(town_a)

    entered = daily.build(town_a.db, A, "2026-11-02", mine)
    assert [row.name.zh for row in entered.by_village] == ["东街社区"]
    assert daily.build(town_a.db, A, "2026-11-02").by_village[0].name.zh == SHIPPED_VILLAGE   # default: shipped
    summary = daily.build(town_a.db, A, "2026-11-05", mine)
    [due] = summary.crosschecks["reminders_due"]
    assert (due["id"], due["target_name"], due["target_phone"]) == (request.id, "旺村新镇", "0316-5599999")

    as_json = crosschecks.get(town_a.db, request.id).as_json(mine)
    assert (as_json["target_name"], as_json["target_phone"]) == ("旺村新镇", "0316-5599999")
    report = circular.build(county.db, "131025", "2026-11", codelists_divisions.for_workspace(county))
    assert {row.code: row.name.zh for row in report.rows}[B] == "旺村新镇"
    json.dumps(as_json)


def test_the_command_line_shows_the_received_phone(county, town_a, town_b, cli, monkeypatch):
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-02T09:00:00+08:00")
    crosschecks.new_request(town_a, target=B, subject_name="李四", question="是否在旺村务工？")
    round_trip(county, town_a, town_b)
    receive_divisions(town_a, ("0316-5512101", "0316-5599999"))
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-05T09:00:00+08:00")
    result = cli("crosscheck", "reminders", "--json", "--data-dir", town_a.paths.root)
    assert result.code == 0, result.err
    assert [r["target_phone"] for r in json.loads(result.out)] == ["0316-5599999"]
    listing = cli("crosscheck", "list", "--outgoing", "--data-dir", town_a.paths.root, "--lang", "zh")
    assert "需电话提示 0316-5599999" in listing.out
