"""Exporting records to a spreadsheet: labels in the clerk's language (codes on request), dates as
dates, IDs as text and masked unless a role allowed to gives a reason (audited); an unmasked export
imported again changes nothing. And the import's row report saved as .xlsx."""

from __future__ import annotations

import datetime
import json

import openpyxl
import pytest

from desktop.core.errors import PermissionDenied, UserError
from desktop.core.sheets import exporter, importer, row_report
from desktop.core.store import records
from tests.core.sheets import registers as reg

FORM = "floating_population"


def stored(workspace) -> list[tuple]:
    return [(r.id, r.version, r.updated_at, json.dumps(r.values, sort_keys=True))
            for r in records.query(workspace.db, form_id=FORM, limit=None)]


def import_register(workspace, tmp_path):
    reg.prepare_store(workspace)
    importer.import_sheet(workspace, FORM, reg.write_xlsx(tmp_path / "台账.xlsx"))


def test_xlsx_export_masks_ids_and_writes_labels_dates_and_text(township, tmp_path):
    from desktop.core.i18n import set_language

    import_register(township, tmp_path)
    set_language("zh")
    try:
        result = exporter.export_records(township, FORM, tmp_path / "out" / "名单.xlsx")
    finally:
        set_language(None)
    assert result.rows == records.count(township.db, form_id=FORM) == 5 and not result.unmasked
    sheet = openpyxl.load_workbook(result.path).active
    header = [c.value for c in sheet[1]]
    assert "公民身份号码" in header and "姓名" in header and "性别" in header
    rows = [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)]
    by_name = {row["姓名"].value: row for row in rows}
    zhang = by_name["张伟"]
    assert zhang["公民身份号码"].value == reg.ID_TEXT[:6] + "********" + reg.ID_TEXT[-4:]
    assert zhang["公民身份号码"].data_type == "s"
    assert zhang["性别"].value == "男" and zhang["民族"].value.startswith("汉")
    assert zhang["出生日期"].value == datetime.datetime(1988, 2, 14) and zhang["出生日期"].is_date
    assert zhang["联系电话"].value == "13812345678" and zhang["联系电话"].data_type == "s"
    [event] = township.db.execute("SELECT details, reason FROM audit WHERE event='export'").fetchall()
    assert json.loads(event[0])["rows"] == 5 and json.loads(event[0])["unmasked"] is False and event[1] is None


def test_codes_search_and_csv(township, tmp_path):
    import_register(township, tmp_path)
    result = exporter.export_records(township, FORM, tmp_path / "list.csv", codes=True,
                                     query_args=records.list_filter(search="张伟"))
    assert result.rows == 1
    text = result.path.read_text(encoding="utf-8-sig").splitlines()
    header = text[0].split(",")
    values = dict(zip(header, text[1].split(","), strict=True))
    assert values["Sex"] == "1" and values["Date of birth"] == "1988-02-14"
    assert values["Resident ID number"].count("*") == 8


def test_unmask_needs_an_allowed_role_and_a_reason(township, tmp_path):
    import_register(township, tmp_path)
    township.clerk_role = "clerk"
    with pytest.raises(PermissionDenied):
        exporter.export_records(township, FORM, tmp_path / "a.xlsx", unmask=True, reason="核对")
    township.clerk_role = "supervisor"
    with pytest.raises(UserError):
        exporter.export_records(township, FORM, tmp_path / "a.xlsx", unmask=True, reason="  ")
    assert not (tmp_path / "a.xlsx").exists()
    assert township.db.execute("SELECT count(*) FROM audit WHERE event='export'").fetchone()[0] == 0
    exporter.export_records(township, FORM, tmp_path / "a.xlsx", unmask=True, reason="县里核对户籍")
    [event] = township.db.execute("SELECT details, reason, clerk FROM audit WHERE event='export'").fetchall()
    assert json.loads(event[0])["unmasked"] is True and event[1] == "县里核对户籍" and event[2] == "王丽"


def test_an_unmasked_export_imported_again_changes_nothing(cli, township_dir, tmp_path):
    from desktop.core.workspace.workspace import Workspace

    with Workspace.open(township_dir) as workspace:
        workspace.clerk, workspace.clerk_role = "王丽", "admin"
        import_register(workspace, tmp_path)
        before = stored(workspace)
        trail = workspace.db.execute("SELECT count(*) FROM audit").fetchone()[0]
    for name, extra in (("全部.xlsx", []), ("codes.xlsx", ["--codes"]), ("全部.csv", [])):
        out = tmp_path / name
        done = cli("records", "export", FORM, "--to", out, "--unmask", "--reason", "换电脑核对", *extra,
                   "--data-dir", township_dir, "--clerk", "王丽")
        assert done.code == 0, done.err
        again = cli("records", "import", FORM, out, "--json", "--data-dir", township_dir, "--clerk", "王丽")
        report = json.loads(again.out)
        assert again.code == 0, report
        assert report["counts"]["saved"] == 0 and report["counts"]["present"] == len(before)
        assert report["unmapped"] == []
    with Workspace.open(township_dir) as workspace:
        assert stored(workspace) == before
        events = [row[0] for row in workspace.db.execute("SELECT event FROM audit WHERE seq > ?", [trail])]
        assert set(events) <= {"export", "login", "import", "logout"} and events.count("export") == 3


def test_export_of_a_village_and_masked_by_default_on_the_command_line(cli, township_dir, tmp_path):
    from desktop.core.workspace.workspace import Workspace

    with Workspace.open(township_dir) as workspace:
        workspace.clerk, workspace.clerk_role = "王丽", "admin"
        import_register(workspace, tmp_path)
    out = tmp_path / "x.xlsx"
    done = cli("records", "export", FORM, "--to", out, "--village", "131025100002", "--data-dir", township_dir,
               "--clerk", "王丽")
    assert done.code == 0 and done.out.startswith("0 records")
    done = cli("records", "export", FORM, "--to", out, "--village", "131025100001", "--data-dir", township_dir,
               "--clerk", "王丽")
    assert done.code == 0 and done.out.startswith("5 records")
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    column = rows[0].index("Resident ID number")
    assert len(rows) == 6 and all(row[column].count("*") == 8 for row in rows[1:])
    bad = cli("records", "export", FORM, "--to", tmp_path / "x.ods", "--data-dir", township_dir, "--clerk", "王丽")
    assert bad.code != 0 and "xlsx" in bad.err


def test_row_report_saved_as_xlsx_beside_the_sheet_and_with_report(cli, township, township_dir, tmp_path):
    path = reg.write_xlsx(tmp_path / "台账.xlsx")
    report = importer.import_sheet(township, FORM, path, dry_run=True)
    saved = row_report.save_xlsx(report, language="zh")
    assert saved == tmp_path / "台账_导入报告.xlsx"
    rows = list(openpyxl.load_workbook(saved).active.iter_rows(values_only=True))
    assert rows[0] == ("行号", "字段", "问题")
    assert rows[1][0] == 5 and rows[1][1] == "公民身份号码" and "Excel" in rows[1][2]
    assert {r[0] for r in rows[1:]} == {5, 6, 10, 11}
    township.close()

    out = tmp_path / "report.xlsx"
    done = cli("records", "import", FORM, path, "--dry-run", "--report", out, "--data-dir", township_dir,
               "--clerk", "王丽")
    assert done.code == 1 and "report.xlsx" in done.err
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0] == ("Row", "Field", "Problem")
    assert (5, "Resident ID number") == rows[1][:2]
