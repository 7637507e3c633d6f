"""Two clerks key the same register into two data folders: `records compare` lists exactly the
fields that differ and the records one side lacks, as text, JSON and .xlsx (ID numbers masked,
the person's name beside them), and exits 1; two folders that agree exit 0."""

from __future__ import annotations

import datetime
import json

import openpyxl

from desktop.core.entry.identity import mask_id
from desktop.core.sheets import importer
from desktop.core.workspace.workspace import Workspace
from tests.core.sheets import registers as reg
from tests.helpers.workspaces import set_up_folder

FORM = "floating_population"
PEOPLE = [(name, reg.resident_id(birth, seq), sex, birth) for name, birth, seq, sex in [
    ("张伟", "19880214", "321", "男"), ("李娜", "19900506", "112", "女"), ("王芳", "19750301", "242", "女"),
    ("赵强", "19800709", "431", "男"), ("孙丽", "19920101", "502", "女"), ("周杰", "19850505", "611", "男"),
    ("吴刚", "19700303", "713", "男")]]


def sheet_rows(people, changes=None):
    changes = changes or {}
    rows = {}
    for number, (name, id_number, sex, birth) in enumerate(people, 3):
        cells = reg.row(number - 2, name, id_number, sex, f"{birth[:4]}-{birth[4:6]}-{birth[6:]}",
                        phone=f"1381234{number:04d}", arrival=reg.serial(datetime.date(2024, 3, 1)))
        for column, value in changes.get(id_number, {}).items():
            cells[column] = value
        rows[number] = (cells, "saved")
    return rows


def keyed(tmp_path, name, rows):
    folder = set_up_folder(tmp_path / name, role="township", code="131025100", clerk="王丽")
    path = reg.write_xlsx(tmp_path / f"{name}.xlsx", rows)
    with Workspace.open(folder) as workspace:
        workspace.clerk, workspace.clerk_role = "王丽", "admin"
        report = importer.import_sheet(workspace, FORM, path)
        assert report.counts["saved"] == len(rows), report.as_dict()
    return folder


def test_five_differences_are_listed_exactly(tmp_path, cli):
    first = keyed(tmp_path, "first", sheet_rows(PEOPLE[:6]))
    lina, wangfang, zhao = PEOPLE[1][1], PEOPLE[2][1], PEOPLE[3][1]
    # the second clerk: two typos in one record, another phone, 周杰 skipped, 吴刚 added
    second_people = PEOPLE[:5] + PEOPLE[6:]
    second = keyed(tmp_path, "second", sheet_rows(second_people, {
        lina: {1: "李哪", 8: "已婚"}, wangfang: {6: "13800000000"}}))
    out = tmp_path / "diff.xlsx"

    done = cli("--data-dir", first, "records", "compare", FORM, "--against", second, "--json", "--to", out)
    assert done.code == 1, done.err
    found = json.loads(done.out)
    assert found["key"] == "id_number" and (found["here"], found["there"]) == (6, 6)
    assert found["masked"] is True
    differences = {(d["key"], d.get("name"), d["field"], d["kind"]): (d["here"], d["there"])
                   for d in found["differences"]}
    assert differences == {
        (mask_id(lina), "李娜", "name", "field"): ("李娜", "李哪"),
        (mask_id(lina), "李娜", "marital_status", "field"): ("10", "20"),
        (mask_id(wangfang), "王芳", "phone", "field"): ("13812340005", "13800000000"),
        (mask_id(PEOPLE[5][1]), "周杰", "", "only_here"): ("", ""),
        (mask_id(PEOPLE[6][1]), "吴刚", "", "only_there"): ("", ""),
    }
    assert zhao not in done.out and mask_id(zhao) not in done.out

    sheet = openpyxl.load_workbook(out).active
    rows = [tuple(cell or "" for cell in row) for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(rows) == 5
    assert (mask_id(lina), "李娜", "name", "李娜", "李哪") in rows
    assert (mask_id(wangfang), "王芳", "phone", "13812340005", "13800000000") in rows
    assert (mask_id(PEOPLE[5][1]), "周杰", "", "(record here only)", "") in rows
    assert (mask_id(PEOPLE[6][1]), "吴刚", "", "", "(record there only)") in rows

    text = cli("--data-dir", first, "records", "compare", FORM, "--against", second)
    assert text.code == 1 and len(text.out.strip().splitlines()) == 5
    assert f"{mask_id(lina)}\t李娜\tname\t李娜\t李哪" in text.out.splitlines()
    assert "5 differences" in text.err
    assert not any(person[1] in text.out + done.out for person in PEOPLE)   # no ID in full anywhere


def test_two_entries_that_agree_exit_0_and_a_chosen_key(tmp_path, cli):
    first = keyed(tmp_path, "first", sheet_rows(PEOPLE[:3]))
    second = keyed(tmp_path, "second", sheet_rows(PEOPLE[:3]))
    done = cli("--data-dir", first, "records", "compare", FORM, "--against", second)
    assert done.code == 0 and done.out == "" and "agree" in done.err
    by_name = cli("--data-dir", first, "records", "compare", FORM, "--against", second, "--key", "name", "--json")
    assert by_name.code == 0 and json.loads(by_name.out)["key"] == "name"
    unknown = cli("--data-dir", first, "records", "compare", FORM, "--against", second, "--key", "nope")
    assert unknown.code == 2 and "nope" in unknown.err
    not_a_folder = cli("--data-dir", first, "records", "compare", FORM, "--against", tmp_path / "first.xlsx")
    assert not_a_folder.code == 2 and "neither a data folder nor a sync bundle" in not_a_folder.err
    stick = tmp_path / "TD-131025100-000001.tdb"
    stick.write_bytes(b"PK")
    bundle = cli("--data-dir", first, "records", "compare", FORM, "--against", stick)
    assert bundle.code == 2 and "not compared" in bundle.err and bundle.err.count("\n") == 1
