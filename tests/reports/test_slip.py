"""A record's slip and the records list as printed pages, read back as a reader would (pdftotext)."""

from __future__ import annotations

import re

import pytest

from desktop.core.entry import entry
from desktop.core.errors import UserError
from desktop.core.i18n import set_language
from desktop.core.reports import slip
from desktop.core.store import audit
from tests.conftest import VALID_IDS, complete_record
from tests.helpers.workspaces import set_up
from tests.reports.conftest import pdf_pages, pdf_text

FORM = "floating_population"


@pytest.fixture
def registered(tmp_path):
    workspace = set_up(tmp_path / "township", role="township", code="131025100", clerk="王丽")
    person = entry.add(workspace, FORM, complete_record(
        VALID_IDS[2], name="张秀英", phone="13812345678",
        family=[{"member_name": "李强", "member_relationship": "01", "member_id_number": VALID_IDS[1],
                 "member_birth_date": "1990-03-07"},
                {"member_name": "李小明", "member_relationship": "02"}]))
    yield workspace, person
    workspace.close()
    set_language(None)


def test_the_slip_in_chinese_has_every_field_family_and_signature_lines(registered, cli, tmp_path):
    workspace, person = registered
    out = tmp_path / "slip.pdf"
    result = cli("records", "slip", person.id[:8], "--pdf", out, "--data-dir", workspace.paths.root, "--lang", "zh")
    assert result.code == 0, result.err
    assert "共 1 页" in result.out
    text = pdf_text(out)
    for words in ("平舒镇流动人口登记", "登记单", "姓名", "张秀英", "性别", "男", "汉族", "联系电话",
                  "13812345678", "东街村", "来本地日期", "2024-03-01", "随行家属", "李强", "配偶", "李小明", "子女",
                  "登记人（签字）", "登记员（签字）", "日期"):
        assert words in text, words
    assert re.search(r"第\s*1\s*页\s*共\s*1\s*页", text)
    # ID numbers masked: the person's and the family member's
    assert "131025********3219" in text and VALID_IDS[2] not in text
    assert "110101********4477" in text and VALID_IDS[1] not in text
    assert pdf_pages(out) == 1


def test_the_slip_in_english_and_its_print_event(registered, cli, tmp_path):
    workspace, person = registered
    out = tmp_path / "slip.pdf"
    assert cli("records", "slip", person.id, "--pdf", out, "--data-dir", workspace.paths.root, "--lang", "en").code == 0
    text = pdf_text(out)
    for words in ("Pingshu Town", "Registration slip", "Name", "Sex", "Male", "Ethnicity", "Han",
                  "Accompanying family members", "Spouse", "Child", "Person registered (signature)",
                  "Clerk (signature)", "Page"):
        assert words in text, words
    event = audit.entries(workspace.db, event="print", limit=1)[0]
    assert event.details == {"what": "slip", "record": person.id}
    assert event.record_id == person.id and event.clerk == "王丽"
    assert audit.verify_chain(workspace.db) == []


def test_unmasking_needs_a_reason_and_an_allowed_role(registered, cli, tmp_path):
    workspace, person = registered
    out = tmp_path / "slip.pdf"
    refused = cli("records", "slip", person.id, "--pdf", out, "--unmask", "--data-dir", workspace.paths.root)
    assert refused.code != 0 and not out.exists()
    assert cli("records", "slip", person.id, "--pdf", out, "--unmask", "--reason", "本人来办理居住证",
               "--data-dir", workspace.paths.root).code == 0
    assert VALID_IDS[2] in pdf_text(out).replace(" ", "")
    event = audit.entries(workspace.db, event="print", limit=1)[0]
    assert event.details == {"what": "slip", "record": person.id, "reason": "本人来办理居住证"}
    workspace.clerk_role = "clerk"
    with pytest.raises(UserError):
        slip.build_slip(workspace, person.id, unmask=True, reason="想看")


def test_an_unknown_record_is_refused(registered, cli, tmp_path):
    workspace, _ = registered
    result = cli("records", "slip", "ffffffff", "--pdf", tmp_path / "x.pdf", "--data-dir", workspace.paths.root)
    assert result.code != 0 and not (tmp_path / "x.pdf").exists()


def test_the_list_prints_on_landscape_pages_with_search_and_village(registered, cli, tmp_path):
    workspace, _ = registered
    for i in range(120):
        number = VALID_IDS[3] if i == 0 else None
        values = complete_record(number or VALID_IDS[0], name=f"王{i:03d}", village="131025100002")
        values.pop("id_number") if number is None else None
        entry.add(workspace, FORM, values, status="draft")
    out = tmp_path / "list.pdf"
    result = cli("records", "print", FORM, "--pdf", out, "--data-dir", workspace.paths.root, "--lang", "zh")
    assert result.code == 0, result.err
    pages = pdf_pages(out)
    assert pages >= 3
    text = pdf_text(out)
    assert "平舒镇流动人口登记名册" in text and "共 121 条记录" in text
    assert text.count("身份证号") >= pages            # the header row repeats on every page
    assert re.search(rf"第\s*{pages}\s*页\s*共\s*{pages}\s*页", text)
    out2 = tmp_path / "village.pdf"
    assert cli("records", "print", FORM, "--pdf", out2, "--village", "131025100001",
               "--data-dir", workspace.paths.root, "--lang", "en").code == 0
    text = pdf_text(out2)
    # (pdftotext loses the digits of the English pages' CJK font: the counts are read in Chinese below)
    assert "张秀英" in text and "王" not in text.replace("王丽", "") and "Village: Dongjie Village" in text
    assert re.search(r"\brecord\b", text) and "records" not in text.lower().replace("list of records", "")
    out3 = tmp_path / "search.pdf"
    assert cli("records", "print", FORM, "--pdf", out3, "--search", "王11", "--data-dir", workspace.paths.root,
               "--lang", "zh").code == 0
    text = pdf_text(out3)
    assert "共 10 条记录" in text and "查询：王11" in text and "王110" in text and "张秀英" not in text
    event = audit.entries(workspace.db, event="print", limit=1)[0]
    assert event.details["what"] == "list" and event.details["rows"] == 10 and event.details["search"] == "王11"


def test_a_page_is_landscape(registered, cli, tmp_path):
    import subprocess

    workspace, _ = registered
    out = tmp_path / "list.pdf"
    assert cli("records", "print", FORM, "--pdf", out, "--data-dir", workspace.paths.root).code == 0
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert width > height
