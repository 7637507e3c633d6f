"""Cells as typed values and headers as fields, one case at a time."""

from __future__ import annotations

import datetime

import pytest

from desktop.core.errors import UserError
from desktop.core.sheets import cells, headers
from desktop.core.sheets.reader import csv_encoding
from tests.core.sheets import registers as reg


@pytest.mark.parametrize(("cell", "expected"), [
    (datetime.datetime(1985, 3, 2, 0, 0), "1985-03-02"),
    (datetime.date(1985, 3, 2), "1985-03-02"),
    (31108, "1985-03-02"),
    (31108.0, "1985-03-02"),
    ("1985/3/2", "1985-03-02"),
    ("1985.3.2", "1985-03-02"),
    ("1985年3月2日", "1985-03-02"),
    ("１９８５年３月２日", "1985-03-02"),
    ("19850302", "1985-03-02"),
    ("1985-03-02 00:00:00", "1985-03-02"),
    ("1985/2/30", "1985/2/30"),          # no such day: left for the rules to refuse
    ("去年", "去年"),
])
def test_dates(cell, expected):
    assert cells.to_date(cell) == expected


@pytest.fixture
def form(township):
    from desktop.core.entry.form_entry import registry_for

    return registry_for(township).get("floating_population")


def test_ids(form):
    convert = cells.Converter(form)
    f = form.field("id_number")
    assert convert.value(f, int(reg.ID_TEXT)) == reg.ID_TEXT            # a whole number keeps its digits
    assert convert.value(f, " " + reg.ID_X.lower()) == reg.ID_X          # text with a trailing x
    for lost in (1.31025198802143e+17, "1.31025E+17", "1.31025198802143E17"):
        with pytest.raises(cells.CellProblem) as problem:
            convert.value(f, lost)
        assert "Text" in problem.value.message.en and "文本" in problem.value.message.zh


def test_choices_numbers_and_full_width(form):
    convert = cells.Converter(form)
    assert convert.value(form.field("sex"), "男") == "1" and convert.value(form.field("sex"), 2.0) == "2"
    assert convert.value(form.field("sex"), "Female") == "2"
    assert convert.value(form.field("ethnicity"), "汉") == "01" == convert.value(form.field("ethnicity"), "汉族")
    assert convert.value(form.field("village"), "东街村") == "131025100001"
    assert convert.value(form.field("phone"), 13812345678.0) == "13812345678"
    assert convert.value(form.field("phone"), "１３８１２３４５６７８") == "13812345678"
    assert convert.value(form.field("remarks"), None) == "" and convert.value(form.field("remarks"), "  ") == ""
    assert convert.value(form.field("sex"), "未知") == "未知"          # the rules say it is not a choice


def test_header_row_below_a_title_and_messy_headers(form):
    opening = [(1, (reg.TITLE,)), (2, ()), (3, ("序号", "姓　名", "身份证号", "性 别", "出生年月", "手机号码",
                                                 "村（居）委会", "现居住村", "Date of arrival"))]
    columns = headers.find_columns(form, opening)
    assert columns.header_row == 3
    assert columns.fields == {1: "name", 2: "id_number", 3: "sex", 4: "birth_date", 5: "phone", 6: "village",
                              8: "arrival_date"}
    assert columns.unmapped == ["序号", "现居住村"]                      # the village's second column
    moved = headers.find_columns(form, opening, {"现居住村": "village", "A": "remarks"})
    assert moved.fields[7] == "village" and 6 not in moved.fields and moved.fields[0] == "remarks"


def test_maps_that_cannot_apply(form):
    opening = [(1, ("姓名", "证件"))]
    for mapping, words in (({"证件": "nothing"}, "no field"), ({"护照": "id_number"}, "no column")):
        with pytest.raises(UserError) as refused:
            headers.find_columns(form, opening, mapping)
        assert words in refused.value.text.en
    with pytest.raises(UserError) as none:
        headers.find_columns(form, [(1, ("甲", "乙"))])
    assert "--map" in none.value.text.en
    with pytest.raises(UserError):
        headers.parse_map(["证件"])


def test_csv_encodings(tmp_path):
    for encoding, expected in (("utf-8", "utf-8-sig"), ("utf-8-sig", "utf-8-sig"), ("gbk", "gb18030"),
                               ("gb18030", "gb18030")):
        path = tmp_path / f"{encoding}.csv"
        path.write_text("姓名,公民身份号码\n张伟,1\n" * 3, encoding=encoding)
        assert csv_encoding(path) == expected
