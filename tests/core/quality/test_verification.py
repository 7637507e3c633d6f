"""Verification by re-keying: batches chosen by a clerk's day, a village or a reproducible sample;
a second clerk's outcome stored, audited, and a value the re-keying won saved as an edit."""

from __future__ import annotations

import pytest

from desktop.core.entry import entry
from desktop.core.errors import PermissionDenied, UserError
from desktop.core.quality import verification as v
from desktop.core.store import audit, records
from tests.conftest import VALID_IDS, complete_record

FORM = "floating_population"


def keyed_by(monkeypatch, workspace, clerk, day, *people):
    workspace.clerk = clerk
    out = []
    for minute, values in enumerate(people):
        monkeypatch.setenv("TOWNSHIP_FAKE_NOW", f"{day}T09:{minute:02d}:00+08:00")
        out.append(entry.add(workspace, FORM, values))
    return out


@pytest.fixture
def store(township, monkeypatch):
    first = keyed_by(monkeypatch, township, "李强", "2026-11-20", complete_record(VALID_IDS[0], "王五"),
                     complete_record(VALID_IDS[1], "赵六", village="131025100002"))
    second = keyed_by(monkeypatch, township, "张敏", "2026-11-21", complete_record(VALID_IDS[2], "钱七"))
    township.clerk, township.clerk_role = "王丽", "supervisor"
    return township, first, second


def test_a_clerks_day_a_village_and_a_sample_select_their_records(store):
    township, first, second = store
    day = v.create_batch(township, v.selection(clerk_day=("李强", "2026-11-20")))
    assert [i.record_id for i in v.items(township.db, day.id)] == [r.id for r in first]
    assert {i.keyed_by for i in v.items(township.db, day.id)} == {"李强"}
    village = v.create_batch(township, v.selection(village="131025100002"))
    assert [i.record_id for i in v.items(township.db, village.id)] == [first[1].id]
    drawn = [v.selected_records(township, v.selection(sample=(50, 7))) for _ in range(2)]
    assert [r.id for r in drawn[0]] == [r.id for r in drawn[1]] and len(drawn[0]) == 2   # ceil(3 * 50 %)
    assert {tuple(r.id for r in v.selected_records(township, v.selection(sample=(34, seed))))
            for seed in range(20)} != {tuple(r.id for r in drawn[0])}   # the seed draws
    listed = v.batches(township.db)
    assert [(b.number, b.total, b.verified) for b in listed] == [(2, 1, 0), (1, 2, 0)]
    assert v.batch(township.db, 1).id == day.id
    assert [e.details["action"] for e in audit.entries(township.db, event="verification")] == ["create", "create"]


def test_only_a_supervisor_selects_and_an_empty_selection_is_refused(store):
    township, _first, _second = store
    with pytest.raises(UserError):
        v.create_batch(township, v.selection(village="999"))
    with pytest.raises(UserError):
        v.selection(village="1", sample=(10, 1))
    township.clerk_role = "clerk"
    with pytest.raises(PermissionDenied):
        v.create_batch(township, v.selection(village="131025100002"))


def test_the_outcome_is_stored_audited_and_the_winning_value_saved_as_an_edit(store):
    township, first, _second = store
    made = v.create_batch(township, v.selection(clerk_day=("李强", "2026-11-20")))
    township.clerk = "李强"                                   # who keyed them may not verify them
    assert v.next_item(township.db, made.id, "李强") is None
    with pytest.raises(UserError):
        v.finish(township, entry.form_for(township, FORM), v.items(township.db, made.id)[0], [])
    township.clerk = "张敏"
    item = v.next_item(township.db, made.id, "张敏")
    assert item.record_id == first[0].id
    form = entry.form_for(township, FORM)
    differences = [v.Difference("phone", None, "13800138000", v.REKEYED),
                   v.Difference("name", "王五", "王午", v.KEYED)]
    saved = v.finish(township, form, item, differences)
    assert saved.values["phone"] == "13800138000" and saved.values["name"] == "王五"
    assert saved.version == 2 and saved.updated_by == "张敏"
    [edit] = [e for e in audit.entries(township.db, record_id=saved.id) if e.event == "edit"]
    assert "batch 1" in edit.reason and "phone" in edit.reason and edit.details["changes"].keys() == {"phone"}
    [row] = [e for e in audit.entries(township.db, record_id=saved.id) if e.event == "verification"]
    assert row.details["keyed_by"] == "李强" and row.details["verified_by"] == "张敏"
    assert row.details["changed"] == 1 and [d["chosen"] for d in row.details["differences"]] == ["rekeyed", "keyed"]
    assert v.verified_ids(township.db, [r.id for r in first]) == {first[0].id}
    assert v.next_item(township.db, made.id, "张敏").record_id == first[1].id   # where the session resumes
    # no difference: verified, the record untouched
    v.finish(township, form, v.next_item(township.db, made.id, "张敏"), [])
    assert records.get(township.db, first[1].id).version == 1
    assert v.batch(township.db, made.id).done
    figures = v.per_clerk(township.db, "2026-11-21")   # the day of the verification
    assert (figures["李强"].records, figures["李强"].changed, figures["李强"].differed) == (2, 1, 2)
    assert figures["李强"].error_rate == 1 / figures["李强"].fields


def test_a_deleted_record_is_left_out_of_the_session(store):
    township, first, _second = store
    made = v.create_batch(township, v.selection(clerk_day=("李强", "2026-11-20")))
    assert v.left_for(township.db, made.id, "王丽") == 2
    records.delete(township.db, first[0].id, clerk="王丽", reason="entered twice")
    assert v.next_item(township.db, made.id, "王丽").record_id == first[1].id
    assert v.left_for(township.db, made.id, "王丽") == 1 and v.left_for(township.db, made.id, "李强") == 0


def test_a_record_deleted_before_it_was_verified_settles_the_batch(store):
    township, first, second = store
    made = v.create_batch(township, v.selection(sample=(100, 3)))        # all three records
    form = entry.form_for(township, FORM)
    township.clerk = "王丽"
    v.finish(township, form, v.next_item(township.db, made.id, "王丽"), [])
    verified_then_deleted = first[0].id
    records.delete(township.db, verified_then_deleted, clerk="王丽", reason="entered twice")
    records.delete(township.db, second[0].id, clerk="王丽", reason="moved away before verification")
    before = v.batch(township.db, made.id)
    assert (before.total, before.verified, before.deleted, before.done) == (3, 1, 1, False)
    v.finish(township, form, v.next_item(township.db, made.id, "王丽"), [])
    after = v.batch(township.db, made.id)
    assert (after.verified, after.deleted, after.settled, after.done) == (2, 1, 3, True)
    assert v.deleted_ids(township.db, made.id) == {second[0].id}    # verified first: stays verified
    assert v.batches(township.db)[0].done and after.as_dict()["deleted"] == 1
    # taken back from deletion, the record is to verify again
    records.undelete(township.db, second[0].id, clerk="王丽", reason="deleted by mistake")
    again = v.batch(township.db, made.id)
    assert (again.deleted, again.done) == (0, False)
    assert v.next_item(township.db, made.id, "王丽").record_id == second[0].id


def test_the_command_line_creates_and_lists_batches(township_dir, cli, monkeypatch):
    import json

    from desktop.core.workspace.workspace import Workspace

    with Workspace.open(township_dir) as workspace:
        keyed_by(monkeypatch, workspace, "李强", "2026-11-20", complete_record(VALID_IDS[0], "王五"),
                 complete_record(VALID_IDS[1], "赵六", village="131025100002"), complete_record(VALID_IDS[2], "钱七"))
    done = cli("--data-dir", township_dir, "verify-batch", "create", "--clerk-day", "李强", "2026-11-20")
    assert done.code == 0, done.err
    assert "batch 1" in done.out and "3 records to re-key" in done.out
    assert cli("--data-dir", township_dir, "verify-batch", "create", "--village", "131025100002").code == 0
    sample = cli("--data-dir", township_dir, "verify-batch", "create", "--sample", "50", "--seed", "4", "--json")
    assert sample.code == 0 and json.loads(sample.out)["total"] == 2
    unseeded = cli("--data-dir", township_dir, "verify-batch", "create", "--sample", "50")
    assert unseeded.code == 1 and "--seed" in unseeded.err
    assert cli("--data-dir", township_dir, "verify-batch", "create", "--village", "999").code != 0
    listed = cli("--data-dir", township_dir, "verify-batch", "list", "--json")
    assert [(b["number"], b["total"], b["verified"]) for b in json.loads(listed.out)] == [(3, 2, 0), (2, 1, 0), (1, 3, 0)]
    text = cli("--data-dir", township_dir, "verify-batch", "list")
    assert text.out.splitlines()[2].startswith("1\trecords 李强 keyed on 2026-11-20\t0/3")
    assert text.err.strip() == "3 batches"
    with Workspace.open(township_dir) as workspace:      # the village's one record deleted: batch 2 settled
        [village] = records.query(workspace.db, form_id=FORM, where="json_extract(data, '$.village') = ?",
                                  params=["131025100002"])
        records.delete(workspace.db, village.id, clerk="王丽", reason="entered twice")
        in_sample = int(village.id in {i.record_id for i in v.items(workspace.db, v.batch(workspace.db, 3).id)})
    lines = cli("--data-dir", township_dir, "verify-batch", "list").out.splitlines()
    assert lines[1].split("\t")[2:3] + lines[1].split("\t")[5:] == ["0/1", "1 deleted, done"]
    assert lines[2].split("\t")[5] == "1 deleted"
    listed = json.loads(cli("--data-dir", township_dir, "verify-batch", "list", "--json").out)
    assert [(b["deleted"], b["done"]) for b in listed] == [(in_sample, False), (1, True), (1, False)]
