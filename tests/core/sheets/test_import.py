"""Importing a register from a spreadsheet: the dry run reports the right rows, the import saves
exactly the valid rows, and a second import saves nothing."""

from __future__ import annotations

import csv
import datetime
import json

import pytest

from desktop.core.progress import Cancelled, Progress
from desktop.core.sheets import importer
from desktop.core.store import records
from tests.core.sheets import registers as reg

FORM = "floating_population"


def count(workspace) -> int:
    return records.count(workspace.db, form_id=FORM)


def outcomes(report) -> dict[int, str]:
    found = {row.row: row.status for row in report.rows}
    return found


def test_dry_run_reports_each_row_and_saves_nothing(township, tmp_path):
    reg.prepare_store(township)
    path = reg.write_xlsx(tmp_path / "台账.xlsx")
    before = count(township)
    report = importer.import_sheet(township, FORM, path, dry_run=True)
    assert count(township) == before
    assert report.columns.header_row == 2
    assert report.columns.unmapped == ["序号", "备注说明"]
    expected = {n: ("would_save" if outcome == "saved" else outcome) for n, (_, outcome) in reg.ROWS.items()}
    assert outcomes(report) == expected
    assert report.counts == {"saved": 0, "would_save": 3, "present": 1, "refused": 5}
    by_row = {row.row: row for row in report.rows}
    [lost] = by_row[5].problems
    assert lost.field == "id_number" and "1.31025e+17" in lost.message.en and "Text" in lost.message.en
    assert "row 3" in by_row[6].problems[0].message.en and "第 3 行" in by_row[6].problems[0].message.zh
    assert "钱进" in by_row[9].problems[0].message.zh and "联系电话" in by_row[9].problems[0].message.zh
    assert by_row[9].record_id
    [bad_id] = [p for p in by_row[10].problems if p.field == "id_number"]
    assert bad_id.message.en.startswith("the check character")       # the field column names the field
    assert [p.field for p in by_row[11].problems] == ["arrival_date"]
    assert "reason" in by_row[11].problems[0].message.en


def test_import_saves_exactly_the_valid_rows_and_a_second_import_nothing(township, tmp_path):
    reg.prepare_store(township)
    path = reg.write_xlsx(tmp_path / "台账.xlsx")
    before = count(township)
    report = importer.import_sheet(township, FORM, path)
    assert report.counts["saved"] == len(reg.SAVED_ROWS) == count(township) - before
    assert {n for n, s in outcomes(report).items()} == set(reg.ROWS) - reg.SAVED_ROWS
    saved = {r.values["id_number"]: r.values for r in records.query(township.db, form_id=FORM, limit=None)}
    assert saved[reg.ID_TEXT]["birth_date"] == "1988-02-14" and saved[reg.ID_TEXT]["arrival_date"] == "2024-03-01"
    assert saved[reg.ID_INT]["phone"] == "13912345678"            # full-width digits, silently half-width
    assert saved[reg.ID_INT]["birth_date"] == "1990-05-06"          # an Excel date serial
    assert saved[reg.ID_X]["id_number"].endswith("X")               # a lower-case x, upper-cased
    assert saved[reg.ID_TEXT]["village"] == "131025100001" and saved[reg.ID_TEXT]["sex"] == "1"
    assert saved[reg.ID_TEXT]["ethnicity"] == "01" and saved[reg.ID_TEXT]["marital_status"] == "10"
    assert saved[reg.ID_CHANGED]["phone"] == "13911112222"           # the store's record is left alone

    again = importer.import_sheet(township, FORM, path)
    assert again.counts["saved"] == 0 and count(township) == before + len(reg.SAVED_ROWS)
    assert {n for n, s in outcomes(again).items() if s == "present"} == reg.SAVED_ROWS | {8}


def test_a_reason_accepts_the_warnings(township, tmp_path):
    path = reg.write_xlsx(tmp_path / "台账.xlsx", {11: reg.ROWS[11]})
    report = importer.import_sheet(township, FORM, path, reason="按原纸质台账录入")
    assert report.counts == {"saved": 1, "would_save": 0, "present": 0, "refused": 0}
    [saved] = records.query(township.db, form_id=FORM, search=reg.ID_WARNING)
    assert saved.values["arrival_date"] == "1990-01-01"
    trail = township.db.execute("SELECT * FROM audit WHERE record_id=?", [saved.id]).fetchall()
    assert "按原纸质台账录入" in str(trail)


def test_progress_reports_every_row_and_a_cancel_keeps_what_was_saved(township, tmp_path):
    rows = {n + 2: (reg.row(n, f"测试{chr(0x4e00 + n)}", reg.resident_id("19880214", f"{n:03d}"),
                            "男" if n % 2 else "女", "1988-02-14"), "saved") for n in range(1, 9)}
    path = reg.write_xlsx(tmp_path / "many.xlsx", rows, title=False)
    seen = []
    report = importer.import_sheet(township, FORM, path, progress=Progress(lambda *a: seen.append(a), interval=0))
    assert report.counts["saved"] == 8 and seen[-1][:2] == (8, 8)

    def stop_after_three(done, total, label):
        if done == 3:
            progress.cancel()

    progress = Progress(stop_after_three, interval=0)
    other = {n: (cells[:2] + [reg.resident_id("19900101", f"{n:03d}")] + cells[3:4] + ["1990-01-01"] + cells[5:], s)
             for n, (cells, s) in rows.items()}
    path2 = reg.write_xlsx(tmp_path / "more.xlsx", other, title=False)
    with pytest.raises(Cancelled) as cancelled:
        importer.import_sheet(township, FORM, path2, progress=progress)
    assert cancelled.value.partial.counts["saved"] == 3 and cancelled.value.partial.cancelled
    assert count(township) == 11


def test_map_overrides_and_gbk_csv(township, tmp_path):
    path = tmp_path / "导出.csv"
    with path.open("w", encoding="gb18030", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["乡镇流动人口台账"])
        writer.writerow(["名字", "证件", "性别", "出生年月", "民族", "户籍地", "婚姻状况", "所在村", "来本地日期",
                         "流动原因", "状态"])
        writer.writerow(["张伟", reg.ID_TEXT, "男", "1988/2/14", "汉", "河北省廊坊市大城县", "未婚", "东街村", "2024/3/1",
                         "务工经商", "在本地"])
        writer.writerow(["李娜", "1.31025E+17", "女", "1990/5/6", "汉", "河北省廊坊市大城县", "未婚", "东街村", "2024/3/1",
                         "务工经商", "在本地"])
    assert path.read_bytes().decode("gb18030") and not _is_utf8(path.read_bytes())
    report = importer.import_sheet(township, FORM, path, mapping={"证件": "id_number"})
    assert report.columns.header_row == 2
    assert report.counts["saved"] == 1 and outcomes(report) == {4: "refused"}
    assert "1.31025E+17" in report.rows[0].problems[0].message.en
    [saved] = records.query(township.db, form_id=FORM)
    assert saved.values["birth_date"] == "1988-02-14" and saved.values["ethnicity"] == "01"


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def test_utf8_csv_with_a_bom(township, tmp_path):
    path = tmp_path / "bom.csv"
    cells = [str(c) if not isinstance(c, datetime.datetime) else "1988-02-14" for c in reg.ROWS[3][0]]
    cells[10] = "2024-03-01"
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        csv.writer(stream).writerows([reg.HEADERS, cells])
    report = importer.import_sheet(township, FORM, path)
    assert report.counts["saved"] == 1, [p.message.en for r in report.rows for p in r.problems]


def test_xls_written_by_excel_97(township, tmp_path):
    import xlwt  # a test dependency (pyproject): writes Excel 97 files as Excel does

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("台账")
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    sheet.write(0, 0, reg.TITLE)
    for column, header in enumerate(reg.HEADERS):
        sheet.write(1, column, header)
    for row_number, (id_number, birth) in ((3, (reg.ID_TEXT, datetime.datetime(1988, 2, 14))),
                                           (4, (float(reg.ID_INT), datetime.datetime(1990, 5, 6)))):
        cells = reg.row(row_number - 2, "张伟" if row_number == 3 else "李娜", id_number,
                        "男" if row_number == 3 else "女", birth, arrival=datetime.datetime(2024, 3, 1))
        for column, value in enumerate(cells):
            if isinstance(value, datetime.datetime):
                sheet.write(row_number - 1, column, value, date_style)
            else:
                sheet.write(row_number - 1, column, value)
    path = tmp_path / "台账.xls"
    book.save(str(path))
    report = importer.import_sheet(township, FORM, path)
    assert report.columns.header_row == 2
    assert report.counts["saved"] == 1 and outcomes(report) == {4: "refused"}
    assert report.rows[0].problems[0].field == "id_number"
    [saved] = records.query(township.db, form_id=FORM)
    assert saved.values["birth_date"] == "1988-02-14" and saved.values["arrival_date"] == "2024-03-01"


def test_the_command_line(cli, township_dir, tmp_path):
    path = reg.write_xlsx(tmp_path / "台账.xlsx")
    dry = cli("records", "import", FORM, path, "--dry-run", "--data-dir", township_dir, "--clerk", "王丽")
    assert dry.code == 1, dry.err
    lines = dry.out.splitlines()
    assert lines[-1].startswith("9 rows: 5 would be saved") and "nothing was saved" in lines[-1]
    assert any(line.startswith("row 5\tResident ID number\t") for line in lines)
    assert "序号" in dry.err
    chinese = cli("records", "import", FORM, path, "--dry-run", "--lang", "zh", "--data-dir", township_dir,
                  "--clerk", "王丽")
    assert "第 5 行\t公民身份号码\t身份号码被 Excel 存成了数字" in chinese.out
    assert "第 6 行\t公民身份号码\t与第 3 行的公民身份号码相同" in chinese.out
    assert chinese.out.splitlines()[-1].startswith("共 9 行：5 行将保存")

    done = cli("records", "import", FORM, path, "--json", "--lang", "zh", "--data-dir", township_dir,
               "--clerk", "王丽")
    assert done.code == 1
    report = json.loads(done.out)
    assert report["counts"]["saved"] == 5 and report["header_row"] == 2
    assert {row["row"] for row in report["rows"] if row["status"] == "refused"} == {5, 6, 10, 11}

    clean = reg.write_xlsx(tmp_path / "clean.xlsx", {n: reg.ROWS[n] for n in (3, 4, 12)})
    again = cli("records", "import", FORM, clean, "--data-dir", township_dir, "--clerk", "王丽")
    assert again.code == 0 and "0 saved, 3 already present" in again.out

    missing = cli("records", "import", FORM, tmp_path / "none.xlsx", "--data-dir", township_dir,
                  "--clerk", "王丽")
    assert missing.code == 2 and "none.xlsx" in missing.err
