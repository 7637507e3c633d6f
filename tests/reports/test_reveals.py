"""Reveals: an ID shown in full from the records list, an unmasked export and a printed record slip
are audit events naming who and why, and the daily summary lists them."""

from __future__ import annotations

import pytest

from desktop.core.entry import reveals
from desktop.core.errors import PermissionDenied, UserError
from desktop.core.reports import daily
from desktop.core.sheets import exporter
from desktop.core.store import audit
from tests.core.sheets.registers import resident_id
from tests.reports.conftest import pdf_text
from tests.reports.seeding import DAY, FORM, clock, save

NUMBER = resident_id("19880214", "321")


def _person(workspace):
    return save(workspace.db, at=f"{DAY}T10:00:00+08:00", clerk="王丽", village="131025100001",
                fields={"name": "赵秀英", "id_number": NUMBER})


def test_showing_an_id_in_full_needs_the_role_and_a_reason_and_is_audited(seeded_township):
    workspace, _ = seeded_township
    record = _person(workspace)
    before = audit.head(workspace.db)[0]
    workspace.clerk, workspace.clerk_role = "李强", "clerk"
    with pytest.raises(PermissionDenied):
        reveals.reveal_id(workspace, record.id, "核对户籍")
    workspace.clerk, workspace.clerk_role = "张主任", "supervisor"
    with pytest.raises(UserError):
        reveals.reveal_id(workspace, record.id, "   ")
    assert audit.head(workspace.db)[0] == before      # refused: nothing shown, nothing written
    with clock(f"{DAY}T11:00:00+08:00"):
        assert reveals.reveal_id(workspace, record.id, "派出所来电核对") == NUMBER
    [event] = audit.entries(workspace.db, event="reveal")
    assert (event.clerk, event.record_id, event.reason) == ("张主任", record.id, "派出所来电核对")
    assert event.details == {"what": "id", "field": "id_number"}
    assert NUMBER not in str(event.details)            # the trail names the record, not the number
    assert audit.verify_chain(workspace.db) == []


def test_the_daily_summary_lists_every_kind_of_reveal_with_who_and_why(seeded_township, tmp_path, cli):
    workspace, _ = seeded_township
    record = _person(workspace)
    with clock(f"{DAY}T11:00:00+08:00"):
        reveals.reveal_id(workspace, record.id, "派出所来电核对")
    with clock(f"{DAY}T11:30:00+08:00"):
        exporter.export_records(workspace, FORM, tmp_path / "全部.xlsx", unmask=True, reason="县里核对名单")
        exporter.export_records(workspace, FORM, tmp_path / "masked.xlsx")       # masked: not a reveal
    with clock(f"{DAY}T12:00:00+08:00"):
        workspace.record_event("print", record_id=record.id, form_id=FORM, details={"what": "slip"},
                               reason="本人来办")
        workspace.record_event("print", record_id=record.id, form_id=FORM,
                               details={"what": "slip", "reason": "补办回执"})      # the reason in the details
        workspace.record_event("print", details={"report": "daily_summary", "date": DAY})  # not a reveal
    with clock("2026-11-21T09:00:00+08:00"):
        reveals.reveal_id(workspace, record.id, "第二天")                              # another day

    found = daily.build(workspace.db, "131025100", DAY).reveals
    assert [(r.kind, r.clerk, r.reason) for r in found] == [
        ("id", "王丽", "派出所来电核对"), ("export", "王丽", "县里核对名单"), ("slip", "王丽", "本人来办"),
        ("slip", "王丽", "补办回执")]
    assert found[0].record_id == found[2].record_id == record.id and found[1].details["rows"] >= 1
    assert daily.build(workspace.db, "999999999", DAY).reveals == [found[1]]   # another township: the export only

    out = tmp_path / "summary.pdf"
    result = cli("summary", "--data-dir", workspace.paths.root, "--date", DAY, "--pdf", out, "--lang", "zh")
    assert result.code == 0, result.err
    text = pdf_text(out)
    section = "".join(text[text.index("查看、导出或打印完整身份号码及理由"):text.index("待办协查与纠错")].split())
    for expected in ("显示完整身份号码", "派出所来电核对", "导出完整身份号码", "县里核对名单", "打印登记回执",
                     "本人来办"):
        assert expected in section, expected
    assert "第二天" not in text and NUMBER not in text


def test_a_day_without_reveals_says_so(seeded_township, qapp):
    from desktop.core.i18n import set_language
    from desktop.render import summary as pages

    workspace, _ = seeded_township
    set_language("en")
    try:
        html = pages.layout(daily.build(workspace.db, "131025100", DAY), 96).html
    finally:
        set_language(None)
    after = html[html.index("Reveals: full ID numbers seen, exported or printed, with reasons"):]
    assert after.index("None.") < after.index("Cross-checks and corrections outstanding")


def test_a_records_list_shown_in_full_counts_its_records_in_the_summary(seeded_township, qapp):
    from desktop.core.i18n import set_language
    from desktop.render import summary as pages

    workspace, _ = seeded_township
    workspace.clerk, workspace.clerk_role = "张主任", "supervisor"
    with clock(f"{DAY}T11:00:00+08:00"):
        reveals.record_list_unmasked(workspace, FORM, records=7, reason="公安协查核对")
    set_language("zh")
    try:
        html = pages.layout(daily.build(workspace.db, "131025100", DAY), 96).html
    finally:
        set_language(None)
    assert "导出完整身份号码（7）" in html and "公安协查核对" in html
