"""`township hub circular`: two counties with two townships each send their county bundles to the
hub over HTTP; the provincial circular PDF ranks both with the figures their data gives (each
county's rates those of its townships' sums), names the enrolled county that sent nothing, and is
printed in English and in Chinese by the county circular's renderer."""

from __future__ import annotations

import psycopg
import pytest

from desktop.core.clock import now_iso
from desktop.core.sync import enrollment
from desktop.core.sync.keys import create_keys
from desktop.hub import circular
from tests.hub.province_sites import SECOND, Province, figure, second_id
from tests.reports.conftest import pdf_text

MONTH = now_iso()[:7]


@pytest.fixture
def two_counties(cli, initialised_hub, serve_hub, tmp_path):
    url, _hub = initialised_hub
    province = Province(cli, url, tmp_path / "keys", tmp_path)
    hub = serve_hub()
    county, _townships, ids = province.first_county({0: [1, 2, 3], 1: [4]})
    assert hub.post(province.export_first(county, MONTH))[0] == 201
    province.second_county()
    figures = [figure("131024100", task=10, present=10, villages=4, villages_covered=4, changes_in_month=3,
                      feedback_received=4, feedback_in_time=4, receipt_sent=2, receipt_imported=2),
               figure("131024101", task=10, present=9, villages=5, villages_covered=4, changes_in_month=0,
                      feedback_received=1, feedback_in_time=0, receipt_sent=2, receipt_imported=1)]
    second = province.second_bundle(MONTH, figures, {"131024100": [ids["131025101"][0]], "131024101": [second_id(3)]},
                                    sequence=1)
    assert hub.post(second)[0] == 201
    # a third county, enrolled, that has sent nothing yet
    third = tmp_path / "TD-county-131026.tdpack"
    third.write_bytes(enrollment.build_county_pack(create_keys(tmp_path / "third", "county 131026"), "131026", "文安县"))
    assert cli("hub", "enroll", "--db", url, third).code == 0
    return province, county


def _first_county_sums(county) -> dict:
    """What the county's own circular says of its townships, summed: the figures the first
    county's row must show."""
    from desktop.core.reports import circular as county_circular
    from desktop.core.workspace.workspace import Workspace

    with Workspace.open(county) as workspace:
        report = county_circular.build(workspace.db, "131025", MONTH)
    return {"present": sum(r.present for r in report.rows), "task": sum(r.task for r in report.rows),
            "covered": sum(r.villages_covered for r in report.rows), "villages": sum(r.villages for r in report.rows),
            "sent": sum(r.receipt_sent for r in report.rows), "imported": sum(r.receipt_imported for r in report.rows)}


def test_the_provincial_circular_ranks_both_counties_with_the_right_figures(two_counties, cli, tmp_path):
    province, county = two_counties
    with psycopg.connect(province.url) as conn:
        report = circular.build(conn, MONTH)
    assert [row.code for row in report.rows] == [SECOND, "131025", "131026"]
    second, first, silent = report.rows
    assert (second.rank, first.rank, silent.rank) == (1, 2, 3)
    assert (second.present, second.task, second.villages_covered, second.villages) == (19, 20, 8, 9)
    assert second.rates == {"entry": 19 / 20, "coverage": 8 / 9, "feedback": 4 / 5, "receipt": 3 / 4}
    assert second.targets_met == 3 and second.below_target == ["coverage"]
    sums = _first_county_sums(county)
    assert first.present == sums["present"] == 4 and first.task == sums["task"]
    assert (first.villages_covered, first.villages) == (sums["covered"], sums["villages"]) == (2, first.villages)
    assert first.rates["entry"] == 4 / sums["task"] and first.townships == 10 and first.reported
    assert silent.sent_nothing and not silent.reported and [r.code for r in report.silent] == ["131026"]
    assert report.duplicates == 1

    pdf = tmp_path / "circular-en.pdf"
    result = cli("hub", "circular", "--db", province.url, "--month", MONTH, "--pdf", pdf, "--lang", "en")
    assert result.code == 0, result.err
    assert f"{MONTH}, 2 of 3 counties reported" in result.out
    text = pdf_text(pdf)
    assert "河北省: circular on" in text and "by county" in text   # the title, wrapped (and "ﬂ" a ligature)
    assert "Counties ranked on the four measures" in text and "Counties that sent nothing this month" in text
    lines = [line.split() for line in text.splitlines()]
    ranked = [line for line in lines if line[:1] in (["1"], ["2"], ["3"])]
    assert ranked[0][:2] == ["1", "Yongqing"] and "19/20" in ranked[0] and "95.0%" in ranked[0]
    assert "▼88.9%" in ranked[0] and "80.0%" in ranked[0] and "75.0%" in ranked[0]
    assert ranked[1][:2] == ["2", "Dacheng"] and f"4/{sums['task']}*" in ranked[1]
    assert f"{4 / sums['task'] * 100:.1f}%" in " ".join(ranked[1])
    assert "person is registered in two counties" in text   # (pdftotext drops this font's digits)

    assert "Annex: the townships of each county" not in text

    zh = tmp_path / "circular-zh.pdf"
    assert cli("hub", "circular", "--db", province.url, "--month", MONTH, "--pdf", zh, "--lang", "zh",
               "--townships").code == 0
    text = pdf_text(zh)
    assert "河北省各县流动人口信息工作通报" in text and "各县考核指标及排名" in text
    assert "永清县" in text and "大城县" in text and "文安县" in text and "本月未报送" in text
    annex = text[text.index("附表：各县所辖乡镇"):]
    assert "1. 永清县" in annex and "2. 大城县" in annex and "文安县" not in annex   # nothing sent: no table
    assert "乡镇100" in annex and "10/10" in annex and "平舒镇" in annex


def test_a_month_without_figures_lists_every_county_as_silent(two_counties, cli, tmp_path):
    province, _county = two_counties
    pdf = tmp_path / "empty.pdf"
    result = cli("hub", "circular", "--db", province.url, "--month", "2020-01", "--pdf", pdf, "--lang", "en")
    assert result.code == 0 and "0 of 3 counties reported" in result.out
    assert "No county sent" in pdf_text(pdf)   # ("ﬁgures": a ligature in the PDF text)
    bad = cli("hub", "circular", "--db", province.url, "--month", "2020-13", "--pdf", pdf)
    assert bad.code != 0 and "not a month" in bad.err


def test_the_operator_page_offers_each_months_circular_as_a_pdf(two_counties, initialised_hub, tmp_path):
    """The page lists the month the counties sent figures for; its link gives the circular, made by
    `township hub circular` in a process of its own, kept until the month's figures change."""
    from desktop.hub import operator_page
    from tests.hub.conftest import ServedHub

    url, hub = initialised_hub
    page = ServedHub(operator_page.make_operator_app(url, hub))
    try:
        status, _headers, body = page.request("GET", "/?lang=zh")
        assert status == 200
        assert f'href="circular?month={MONTH}&amp;lang=zh"' in body.decode("utf-8")
        status, headers, pdf = page.request("GET", f"/circular?month={MONTH}&lang=zh")
        assert status == 200 and pdf.startswith(b"%PDF") and headers["Content-Type"] == "application/pdf"
        assert f"circular-13-{MONTH}-zh.pdf" in headers["Content-Disposition"]
        (tmp_path / "page.pdf").write_bytes(pdf)
        text = pdf_text(tmp_path / "page.pdf")
        assert "大城县" in text and "永清县" in text and "文安县" in text
        assert page.request("GET", f"/circular?month={MONTH}&lang=zh")[2] == pdf      # kept: the same file
        assert page.request("GET", f"/circular?month={MONTH}&lang=en")[0] == 200
        assert page.request("GET", "/circular?month=1999-01&lang=zh")[0] == 404       # no figures that month
        for bad in ("month=2026-13&lang=zh", "month=2026-12&lang=fr", "month=../../etc&lang=zh"):
            assert page.request("GET", f"/circular?{bad}")[0] == 400
    finally:
        page.stop()
