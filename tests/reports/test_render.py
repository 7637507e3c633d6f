"""The printed pages, checked as a reader would: text (pdftotext), page count, the QR code (zbarimg)."""

from __future__ import annotations

import json
import re

import pytest

from desktop.core.reports import daily, qr, tasks
from desktop.core.store import audit
from tests.reports.conftest import decode_qr, pdf_pages, pdf_text
from tests.reports.seeding import DAY, save


def test_summary_pdf_through_the_command_line(seeded_township, cli, tmp_path):
    workspace, _ = seeded_township
    out = tmp_path / "summary.pdf"
    result = cli("summary", "--data-dir", workspace.paths.root, "--date", DAY, "--pdf", out, "--lang", "zh")
    assert result.code == 0, result.err
    text = pdf_text(out)
    for label in ("平舒镇流动人口信息工作日报", "统计日期：2026-11-20（星期五）", "当日录入概况", "按村街", "东街村",
                  "南关村", "越过警告及理由", "结婚证已核验", "重复登记", "录入员（签字）", "审核人（签字）",
                  "尚未同步", "待办协查", "打印时间"):
        assert label in text, label
    # the overview row: created, edited, completed, deleted, entries, drafts, overridden
    assert re.search(r"\b8\s+2\s+8\s+1\s+11\s+1\s+2\b", text)
    pages = pdf_pages(out)
    assert re.search(rf"第\s*{pages}\s*页\s*共\s*{pages}\s*页", text)
    summary = daily.build(workspace.db, "131025100", DAY)
    assert summary.audit_hash[:8] in text


def test_the_qr_code_on_the_page_matches_the_database(seeded_township, cli, tmp_path):
    workspace, _ = seeded_township
    out = tmp_path / "summary.pdf"
    assert cli("summary", "--data-dir", workspace.paths.root, "--date", DAY, "--pdf", out).code == 0
    scanned = decode_qr(out, pdf_pages(out), tmp_path)
    if scanned is None:
        pytest.skip("zbarimg (zbar-tools) is not installed")
    payload = qr.parse_qr_payload(scanned)
    expected = daily.build(workspace.db, "131025100", DAY).qr_values()
    assert payload == expected
    row = workspace.db.execute("SELECT hash FROM audit WHERE seq = ?", [payload["audit_seq"]]).fetchone()
    assert row[0] == payload["audit_hash"]


def test_printing_is_recorded_in_the_trail(seeded_township, cli, tmp_path):
    workspace, _ = seeded_township
    assert cli("summary", "--data-dir", workspace.paths.root, "--date", DAY, "--pdf", tmp_path / "s.pdf").code == 0
    event = audit.entries(workspace.db, event="print", limit=1)[0]
    assert event.details["report"] == "daily_summary" and event.details["date"] == DAY
    assert event.details["destination"] == "pdf" and event.clerk == "王丽"
    assert audit.verify_chain(workspace.db) == []


def test_an_empty_day_prints_one_page_saying_so(seeded_township, cli, tmp_path):
    workspace, _ = seeded_township
    out = tmp_path / "empty.pdf"
    assert cli("summary", "--data-dir", workspace.paths.root, "--date", "2026-10-01", "--pdf", out,
               "--lang", "zh").code == 0
    assert pdf_pages(out) == 1
    assert "本日无新建、修改或删除记录" in pdf_text(out)
    out_en = tmp_path / "empty-en.pdf"
    assert cli("summary", "--data-dir", workspace.paths.root, "--date", "2026-10-01", "--pdf", out_en,
               "--lang", "en").code == 0
    assert "No record was created, changed or deleted on this day." in pdf_text(out_en)


def test_a_long_day_breaks_over_pages_and_repeats_table_headers(seeded_township, cli, tmp_path):
    workspace, _ = seeded_township
    for i in range(70):
        save(workspace.db, at=f"{DAY}T17:{i % 60:02d}:{i // 60:02d}+08:00", clerk="赵敏", village="131025100005",
             overrides={"arrival_date": f"第{i}条：已电话核实来本地日期"})
    out = tmp_path / "long.pdf"
    assert cli("summary", "--data-dir", workspace.paths.root, "--date", DAY, "--pdf", out, "--lang", "zh").code == 0
    pages = pdf_pages(out)
    assert pages >= 3
    text = pdf_text(out)
    page_texts = text.split("\f")
    overrides_pages = [t for t in page_texts if "已电话核实来本地日期" in t]
    assert len(overrides_pages) >= 2
    for page_text in overrides_pages:  # each page of the long table starts with its header row
        assert re.search(r"时间\s+录入员\s+记录编号\s+表单\s+字段\s+理由", page_text), page_text[:300]
    for number in range(1, pages + 1):
        assert re.search(rf"第\s*{number}\s*页\s*共\s*{pages}\s*页", page_texts[number - 1])
        assert "平舒镇" in page_texts[number - 1] and "打印时间" in page_texts[number - 1]
    assert "第69条" in text and "录入员（签字）" in page_texts[pages - 1]


def test_circular_pdf_through_the_command_line(seeded_county, cli, tmp_path):
    workspace, _ = seeded_county
    root = workspace.paths.root
    assert cli("tasks", "set", "131025100", "10", "--data-dir", root).code == 0
    assert cli("tasks", "set", "131025101", "5", "--data-dir", root).code == 0
    listing = cli("tasks", "list", "--json", "--data-dir", root)
    assert {"township": "131025100", "task": 10, "set_by_county": True} in json.loads(listing.out)
    out = tmp_path / "circular.pdf"
    result = cli("circular", "--month", "2026-11", "--pdf", out, "--data-dir", root, "--lang", "zh")
    assert result.code == 0, result.err
    text = pdf_text(out)
    for label in ("大城县流动人口信息工作通报", "2026-11-01 至 2026-11-30", "入库率", "覆盖率", "协查反馈率",
                  "网络化协作信息接收率", "≥ 90%", "≥ 80%", "≥ 65%", "本月未报送", "城区办", "北魏乡",
                  "在册记录数 ÷ 县下达任务数", "制表人（签字）", "排名方法"):
        assert label in text, label
    ranking = [line for line in text.splitlines() if re.match(r"\s*\d+\s+\S+镇|\s*\d+\s+\S+乡|\s*\d+\s+城区办", line)]
    assert "平舒镇" in ranking[0] and "9/10" in ranking[0] and "90.0%" in ranking[0] and "▼80.0%" in ranking[0]
    assert "旺村镇" in ranking[1] and "▼80.0%" in ranking[1] and "▼25.0%" in ranking[1]
    assert len(ranking) == 10
    silent_section = text[text.index("本月未报送数据的乡镇"):]
    assert "大尚屯镇" in silent_section and "平舒镇" not in silent_section.split("计算方法")[0]
    event = audit.entries(workspace.db, event="print", limit=1)[0]
    assert event.details == {"report": "circular", "county": "131025", "month": "2026-11",
                             "destination": "pdf", "pages": pdf_pages(out)}


def test_the_english_circular_breaks_no_word_and_cuts_no_name(seeded_county, cli, tmp_path, qapp):
    workspace, _ = seeded_county
    out = tmp_path / "circular-en.pdf"
    assert cli("circular", "--month", "2026-11", "--pdf", out, "--data-dir", workspace.paths.root,
               "--lang", "en").code == 0
    text = pdf_text(out)
    for word in ("Rank", "Villages", "Coverage", "Feedback", "Imported", "Receipt", "Targets", "Dashangtun",
                 "Liugezhuang", "nothing", "▼80.0%"):
        assert re.search(rf"(^|\s){re.escape(word)}(\s|$)", text), word   # whole, not split over two lines

    from PySide6.QtGui import QColor

    from desktop.render.images import bar_chart

    chart = bar_chart([("Urban District Office", 0.5, True), ("Pingshu Town", 0.9, False)], 0.9, 150)
    left_edge = {chart.pixelColor(x, y).lightness() for x in range(3) for y in range(chart.height())}
    assert left_edge == {QColor("white").lightness()}          # the longest name starts inside the chart


def test_an_empty_month_prints_a_circular_saying_so(seeded_county, cli, tmp_path):
    workspace, _ = seeded_county
    out = tmp_path / "empty.pdf"
    assert cli("circular", "--month", "2026-01", "--pdf", out, "--data-dir", workspace.paths.root,
               "--lang", "zh").code == 0
    text = pdf_text(out)
    assert "本月各乡镇均无在册记录，也未收到任何数据" in text and "城区办" in text


def test_circular_and_tasks_are_refused_at_a_township(seeded_township, cli, tmp_path):
    workspace, _ = seeded_township
    result = cli("circular", "--month", "2026-11", "--pdf", tmp_path / "c.pdf", "--data-dir", workspace.paths.root)
    assert result.code == 1 and "county" in result.err
    assert not (tmp_path / "c.pdf").exists()


def test_unwritable_target_is_a_clear_message(seeded_township, cli, tmp_path):
    workspace, _ = seeded_township
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = cli("summary", "--data-dir", workspace.paths.root, "--pdf", blocker / "s.pdf")
    assert result.code == 1 and "Cannot write" in result.err


def test_default_task_applies_until_the_county_sets_one(seeded_county):
    workspace, _ = seeded_county
    assert tasks.default_task("131025109") == 4800


def test_summary_is_refused_at_the_county(seeded_county, cli, tmp_path):
    workspace, _ = seeded_county
    result = cli("summary", "--data-dir", workspace.paths.root, "--pdf", tmp_path / "s.pdf")
    assert result.code == 1 and "township" in result.err
