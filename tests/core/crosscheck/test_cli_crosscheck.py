"""The command line end to end: a county and two townships; items carried as sync bundles carry them.

The same story through real `township export` / `township import` bundles is in
test_cli_sync_end_to_end.py, which runs once sync's commands are in the program.
"""

from __future__ import annotations

import json

import pytest

from desktop.core.entry.identity import mask_id
from desktop.core.workspace.workspace import Workspace
from tests.conftest import VALID_IDS
from tests.core.crosscheck.carrier import copy_records, county_to_township, township_to_county
from tests.core.crosscheck.conftest import COUNTY, FORM, A, B, person


@pytest.fixture
def dirs(tmp_path):
    """Three folders as `township init` leaves them (copies of ones set up once per test process)."""
    from tests.helpers.workspaces import set_up_folder

    return {"county": set_up_folder(tmp_path / "county", role="county", code=COUNTY, clerk="县管理员", keys=True),
            "a": set_up_folder(tmp_path / "a", role="township", code=A, clerk="王丽", keys=True),
            "b": set_up_folder(tmp_path / "b", role="township", code=B, clerk="李强", keys=True)}


def carry(dirs, *legs):
    """legs like ("a", "county") or ("county", "b"): one bundle each way."""
    for source, target in legs:
        with Workspace.open(dirs[source]) as src, Workspace.open(dirs[target]) as dst:
            if source == "county":
                county_to_township(src, dst)
            else:
                township_to_county(src, dst)


def test_a_asks_b_answers_late_reminder_and_feedback(dirs, cli, monkeypatch):
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-02T09:00:00+08:00")
    people = {code: json.dumps(person(VALID_IDS[1], "张三", code), ensure_ascii=False) for code in (A, B)}
    assert cli("records", "add", FORM, "--json", "-", "--data-dir", dirs["a"], stdin=people[A]).code == 0
    record_id = json.loads(cli("records", "list", FORM, "--json", "--data-dir", dirs["a"]).out)[0]["id"]
    made = cli("crosscheck", "new", "--to", B, "--record", record_id, "--question", "是否仍在旺村居住？",
               "--data-dir", dirs["a"])
    assert made.code == 0, made.err
    request_id = made.out.strip().splitlines()[-1]

    carry(dirs, ("a", "county"), ("county", "b"))
    [incoming] = json.loads(cli("crosscheck", "list", "--incoming", "--json", "--data-dir", dirs["b"]).out)
    assert (incoming["id"], incoming["state"], incoming["requester"]) == (request_id, "delivered", A)

    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-05T09:00:00+08:00")
    reminders = json.loads(cli("crosscheck", "reminders", "--json", "--data-dir", dirs["a"]).out)
    assert [(r["id"], r["target_phone"]) for r in reminders] == [(request_id, "0316-5512101")]
    listing = cli("crosscheck", "list", "--outgoing", "--data-dir", dirs["a"], "--lang", "zh")
    assert "需电话提示 0316-5512101" in listing.out

    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-12T09:00:00+08:00")   # due date was the 9th
    bad = cli("crosscheck", "answer", request_id[:8], "--result", "differs", "--data-dir", dirs["b"])
    assert bad.code == 1 and "Say what differs" in bad.err
    assert cli("crosscheck", "answer", request_id[:8], "--result", "differs", "--details", "已迁往平舒镇",
               "--data-dir", dirs["b"]).code == 0
    carry(dirs, ("b", "county"), ("county", "a"))
    [outgoing] = json.loads(cli("crosscheck", "list", "--outgoing", "--json", "--data-dir", dirs["a"]).out)
    assert (outgoing["state"], outgoing["answer"], outgoing["answer_details"]) == ("closed", "differs", "已迁往平舒镇")
    assert json.loads(cli("crosscheck", "reminders", "--json", "--data-dir", dirs["a"]).out) == []

    from desktop.core.exchange import crosschecks
    with Workspace.open(dirs["county"]) as county:
        assert crosschecks.feedback_counts(county.db, B, "2026-11-01", "2026-11-30") == {
            "received": 1, "answered_in_time": 0}
    [routed] = json.loads(cli("crosscheck", "list", "--json", "--data-dir", dirs["county"]).out)
    assert routed["state"] == "closed"   # the carrier acknowledges at once: A imported the answer


def test_same_id_two_townships_correction_round_trip(dirs, cli, monkeypatch):
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-02T09:00:00+08:00")
    people = {code: json.dumps(person(VALID_IDS[1], "张三", code), ensure_ascii=False) for code in (A, B)}
    assert cli("records", "add", FORM, "--json", "-", "--data-dir", dirs["a"], stdin=people[A]).code == 0
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-03T09:00:00+08:00")
    assert cli("records", "add", FORM, "--json", "-", "--data-dir", dirs["b"], stdin=people[B]).code == 0
    for town in ("a", "b"):
        with Workspace.open(dirs[town]) as src, Workspace.open(dirs["county"]) as county:
            copy_records(src, county)

    refused = cli("corrections", "scan", "--data-dir", dirs["a"])
    assert refused.code == 1 and "Only the county" in refused.err
    scanned = cli("corrections", "scan", "--json", "--data-dir", dirs["county"])
    [task] = json.loads(scanned.out)
    assert task["township"] == B and task["kind"] == "duplicate_id"

    carry(dirs, ("county", "b"))
    [open_task] = json.loads(cli("corrections", "list", "--status", "open", "--json", "--data-dir", dirs["b"]).out)
    assert open_task["id"] == task["id"]
    bad = cli("corrections", "resolve", task["id"][:8], "--fixed", "--set", "id_number", "--data-dir", dirs["b"])
    assert bad.code == 1 and "FIELD=VALUE" in bad.err
    wrong = cli("corrections", "resolve", task["id"][:8], "--fixed", "--set", f"id_number={VALID_IDS[2]}",
                "--data-dir", dirs["b"])
    assert wrong.code == 1 and "birth_date" in wrong.err     # the new ID's birth date differs: every problem shown
    right = person(VALID_IDS[2], "张三", B)
    fixed = cli("corrections", "resolve", task["id"][:8], "--fixed", "--set", f"id_number={VALID_IDS[2]}",
                "--set", f"birth_date={right['birth_date']}", "--set", f"sex={right['sex']}",
                "--reason", "身份证号录错", "--data-dir", dirs["b"])
    assert fixed.code == 0, fixed.err
    [record] = json.loads(cli("records", "list", FORM, "--json", "--data-dir", dirs["b"]).out)
    assert record["fields"]["id_number"] == mask_id(VALID_IDS[2])   # the list masks it (no reveal asked)

    assert json.loads(cli("corrections", "list", "--status", "open", "--json", "--data-dir", dirs["county"]).out)
    carry(dirs, ("b", "county"))
    assert json.loads(cli("corrections", "list", "--status", "open", "--json", "--data-dir", dirs["county"]).out) == []
    [cleared] = json.loads(cli("corrections", "list", "--json", "--data-dir", dirs["county"]).out)
    assert cleared["status"] == "fixed" and cleared["resolution_reason"] == "身份证号录错"


def test_county_decides_on_disputes_from_the_command_line(dirs, cli):
    people = [json.dumps(person(VALID_IDS[n], name, A), ensure_ascii=False) for n, name in ((0, "孙七"), (3, "周八"))]
    for values in people:
        assert cli("records", "add", FORM, "--json", "-", "--data-dir", dirs["a"], stdin=values).code == 0
    with Workspace.open(dirs["a"]) as src, Workspace.open(dirs["county"]) as county:
        copy_records(src, county)
    record_ids = [r["id"] for r in json.loads(cli("records", "list", FORM, "--json", "--data-dir", dirs["a"]).out)]
    task_ids = [cli("corrections", "raise", record_id, "--message", "现居住地与村里名单不符", "--field", "village",
                    "--data-dir", dirs["county"]).out.strip().splitlines()[-1] for record_id in record_ids]
    carry(dirs, ("county", "a"))
    for task_id in task_ids:
        assert cli("corrections", "resolve", task_id[:8], "--dispute", "已核实", "--data-dir", dirs["a"]).code == 0
    early = cli("corrections", "decide", task_ids[0][:8], "--accept", "--data-dir", dirs["county"])
    assert early.code == 1 and "Only a disputed task" in early.err      # the dispute has not arrived yet
    carry(dirs, ("a", "county"))

    wrong_side = cli("corrections", "decide", task_ids[0][:8], "--accept", "--data-dir", dirs["a"])
    assert wrong_side.code == 1 and "Only the county" in wrong_side.err
    no_reply = cli("corrections", "decide", task_ids[1][:8], "--reject", "--data-dir", dirs["county"])
    assert no_reply.code == 1 and "needs a reply" in no_reply.err
    accepted = cli("corrections", "decide", task_ids[0][:8], "--accept", "--data-dir", dirs["county"], "--lang", "zh")
    assert accepted.code == 0 and "异议成立" in accepted.out
    rejected = cli("corrections", "decide", task_ids[1][:8], "--reject", "--reason", "以派出所名单为准",
                   "--data-dir", dirs["county"])
    assert rejected.code == 0 and "open again" in rejected.out
    listed = json.loads(cli("corrections", "list", "--json", "--data-dir", dirs["county"]).out)
    assert {t["id"]: t["status"] for t in listed} == {task_ids[0]: "accepted", task_ids[1]: "open"}
    assert [t["id"] for t in json.loads(cli("corrections", "list", "--status", "accepted", "--json",
                                            "--data-dir", dirs["county"]).out)] == [task_ids[0]]

    carry(dirs, ("county", "a"))
    [reopened] = json.loads(cli("corrections", "list", "--status", "open", "--json", "--data-dir", dirs["a"]).out)
    assert (reopened["id"], reopened["decision_reason"]) == (task_ids[1], "以派出所名单为准")
    assert reopened["status_text"]["zh"] == "待处理（异议未被采纳）"
    again = cli("corrections", "resolve", task_ids[1][:8], "--dispute", "仍有异议", "--data-dir", dirs["a"])
    assert again.code == 1 and "rejected the dispute" in again.err
    shown = cli("corrections", "list", "--data-dir", dirs["a"], "--lang", "zh").out
    assert "异议成立" in shown and "以派出所名单为准" in shown


def test_a_correction_overriding_a_warning_needs_override_with_its_reason(dirs, cli):
    record = json.dumps(person(VALID_IDS[0], "张三", A), ensure_ascii=False)    # born before 1990
    assert cli("records", "add", FORM, "--json", "-", "--data-dir", dirs["a"], stdin=record).code == 0
    with Workspace.open(dirs["a"]) as src, Workspace.open(dirs["county"]) as county:
        copy_records(src, county)
    [saved] = json.loads(cli("records", "list", FORM, "--json", "--data-dir", dirs["a"]).out)
    raised = cli("corrections", "raise", saved["id"], "--message", "到达日期有误", "--field", "arrival_date",
                 "--data-dir", dirs["county"])
    assert raised.code == 0, raised.err
    carry(dirs, ("county", "a"))
    [task] = json.loads(cli("corrections", "list", "--json", "--data-dir", dirs["a"]).out)
    resolve = ("corrections", "resolve", task["id"][:8], "--fixed", "--set", "arrival_date=1990-01-01",
               "--reason", "按登记表更正", "--data-dir", dirs["a"])
    refused = cli(*resolve)
    assert refused.code == 1 and "arrival_date" in refused.err and "reason for each" in refused.err
    bad = cli(*resolve, "--override", "arrival_date")
    assert bad.code == 1 and "FIELD=REASON" in bad.err
    fixed = cli(*resolve, "--override", "arrival_date=1990年来此务工")
    assert fixed.code == 0, fixed.err
    [record] = json.loads(cli("records", "list", FORM, "--json", "--data-dir", dirs["a"]).out)
    assert record["fields"]["arrival_date"] == "1990-01-01"
