"""A comparison of two entries follows the rule of every export (docs/SECURITY.md, Reveals): its
output masks ID numbers, keys and values, a family member's too; `records compare --unmask
--reason` is for supervisors and administrators, refused with the messages of `records export`,
and writes the IDs in full only as a reveal the daily summary and the audit page list."""

from __future__ import annotations

import json

import openpyxl

from desktop.core.entry import reveals
from desktop.core.entry.identity import mask_id
from desktop.core.quality.compare import Comparison, Difference
from desktop.core.workspace import accounts
from desktop.core.workspace.workspace import Workspace
from tests.core.quality.test_compare import FORM, PEOPLE, keyed, sheet_rows
from tests.helpers.workspaces import PASSWORD

LINA, WANGFANG = PEOPLE[1][1], PEOPLE[2][1]


def two_entries(tmp_path):
    first = keyed(tmp_path, "first", sheet_rows(PEOPLE[:6]))
    second = keyed(tmp_path, "second", sheet_rows(PEOPLE[:5] + PEOPLE[6:], {
        LINA: {1: "李哪", 8: "已婚"}, WANGFANG: {6: "13800000000"}}))
    with Workspace.open(first) as workspace:
        accounts.create(workspace.db, "陈录入", "clerk", PASSWORD, by="王丽")
        accounts.create(workspace.db, "刘主管", "supervisor", PASSWORD, by="王丽")
    return first, second


def all_reveals(folder):
    with Workspace.open(folder) as workspace:
        return reveals.between(workspace.db, "0000", "9999")


def test_masked_by_default_and_in_full_only_for_a_supervisor_with_a_reason(tmp_path, cli):
    first, second = two_entries(tmp_path)
    out = tmp_path / "diff.xlsx"
    compare = ("--data-dir", first, "records", "compare", FORM, "--against", second, "--to", out)

    masked = cli(*compare)
    assert masked.code == 1 and mask_id(LINA) in masked.out and LINA not in masked.out
    cells = [c for row in openpyxl.load_workbook(out).active.iter_rows(values_only=True) for c in row if c]
    assert mask_id(LINA) in cells and not any(person[1] in str(c) for person in PEOPLE for c in cells)
    assert all_reveals(first) == []
    out.unlink()

    no_reason = cli(*compare, "--unmask", "--clerk", "刘主管")
    assert no_reason.code == 1 and "Give the reason the ID numbers are exported in full." in no_reason.err
    blank = cli(*compare, "--unmask", "--reason", "  ", "--clerk", "刘主管")
    assert blank.code == 1 and "Give the reason" in blank.err
    clerk = cli(*compare, "--unmask", "--reason", "核对", "--clerk", "陈录入")
    assert clerk.code == 1 and "Your role may not do this; ask a supervisor." in clerk.err
    assert not out.exists() and LINA not in no_reason.out + blank.out + clerk.out
    assert all_reveals(first) == []

    full = cli(*compare, "--unmask", "--reason", "两次录入逐条核对", "--clerk", "刘主管")
    assert full.code == 1, full.err
    assert f"{LINA}\t李娜\tname\t李娜\t李哪" in full.out.splitlines()
    rows = [tuple(c or "" for c in row) for row in openpyxl.load_workbook(out).active.iter_rows(min_row=2,
                                                                                             values_only=True)]
    assert (LINA, "李娜", "name", "李娜", "李哪") in rows and (PEOPLE[6][1], "吴刚", "", "", "(record there only)") in rows
    [reveal] = all_reveals(first)
    assert (reveal.kind, reveal.clerk, reveal.form_id, reveal.reason) == ("export", "刘主管", FORM, "两次录入逐条核对")
    assert reveal.details == {"what": "compare", "form": FORM, "key": "id_number", "records": 4, "rows": 5,
                              "unmasked": True, "file": "diff.xlsx"}
    with Workspace.open(first) as workspace:   # the daily summary reads a township's reveals
        assert [r.seq for r in reveals.on_day(workspace.db, reveal.at[:10], "131025100")] == [reveal.seq]


def test_in_full_on_the_terminal_alone_is_a_reveal_too(tmp_path, cli):
    first, second = two_entries(tmp_path)
    done = cli("--data-dir", first, "records", "compare", FORM, "--against", second, "--json",
               "--unmask", "--reason", "核对身份号码", "--clerk", "王丽")
    assert done.code == 1, done.err
    found = json.loads(done.out)
    assert found["masked"] is False and LINA in {d["key"] for d in found["differences"]}
    [reveal] = all_reveals(first)
    assert reveal.details["what"] == "compare" and "file" not in reveal.details and reveal.clerk == "王丽"


def test_every_id_value_is_masked_a_family_members_too():
    member = "131025201001011234"
    comparison = Comparison(FORM, "name", id_fields=frozenset({"id_number", "member_id_number"}), differences=[
        Difference("张伟", "id_number", LINA, WANGFANG),
        Difference("张伟", "family", [{"member_name": "张小", "member_id_number": member}], [])])
    shown = comparison.as_dict()["differences"]
    assert (shown[0]["key"], shown[0]["here"], shown[0]["there"]) == ("张伟", mask_id(LINA), mask_id(WANGFANG))
    assert shown[1]["here"] == [{"member_name": "张小", "member_id_number": mask_id(member)}]
    assert comparison.as_dict(unmask=True)["differences"][1]["here"][0]["member_id_number"] == member
