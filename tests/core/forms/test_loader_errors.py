"""Forms outside the supported subset, broken files and bad rules: refused at load with every
problem located by sheet, row and column, never a traceback."""

from __future__ import annotations

import zipfile

import pytest
from openpyxl import Workbook

from desktop.core.errors import UserError
from desktop.core.forms.loader import load_form
from desktop.core.forms.model import FormLoadError

HEADER = "| | type | name | label::中文 (zh) | label::English (en) | relevant | calculation | constraint |"


def problems_of(path):
    with pytest.raises(FormLoadError) as caught:
        load_form(path)
    error = caught.value
    assert isinstance(error, UserError)
    assert str(error.text.en) and str(error.text.zh)
    return error.problems


def test_a_good_small_form_loads(write_form):
    form = load_form(write_form(HEADER + """
| | integer | age | 年龄 | Age | | | . >= 0 |
| | calculate | double | | | | ${age} * 2 | |"""))
    assert [f.name for f in form.fields] == ["age", "double"]
    assert form.field("age").label.en == "Age" and form.field("age").label.zh == "年龄"


def test_malformed_expression_is_located(write_form):
    problems = problems_of(write_form(HEADER + """
| | integer | age | 年龄 | Age | | | . >= |
| | text | name | 姓名 | Name | ${age} > | | |"""))
    located = {(p.sheet, p.row, p.column.split(" ")[0]) for p in problems}
    assert ("survey", 2, "constraint") in located
    assert ("survey", 3, "relevant") in located
    assert all(p.column.endswith(")") for p in problems)  # the column letter too, e.g. "constraint (H)"
    assert "constraint (G)" in {p.column for p in problems}  # type is column A


def test_reference_to_a_missing_field_is_located(write_form):
    problems = problems_of(write_form(HEADER + """
| | integer | age | 年龄 | Age | ${agee} > 1 | | |"""))
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.sheet, problem.row) == ("survey", 2)
    assert problem.column.startswith("relevant")
    assert "${agee}" in problem.message.en and "${agee}" in problem.message.zh
    assert "row 2" in problem.text().en and "第 2 行" in problem.text().zh


def test_dependency_cycle_is_refused(write_form):
    problems = problems_of(write_form(HEADER + """
| | calculate | a | | | | ${b} + 1 | |
| | calculate | b | | | | ${c} + 1 | |
| | calculate | c | | | | ${a} + 1 | |
| | integer | ok | 好 | OK | | | |"""))
    assert len(problems) == 1
    assert "circle" in problems[0].message.en and "循环" in problems[0].message.zh
    assert all(name in problems[0].message.en for name in ("a (row 2)", "b (row 3)", "c (row 4)"))


def test_relevance_cycle_is_refused(write_form):
    problems = problems_of(write_form(HEADER + """
| | text | a | 甲 | A | ${b} = 'x' | | |
| | text | b | 乙 | B | ${a} = 'x' | | |"""))
    assert any("circle" in p.message.en for p in problems)


def test_every_problem_is_reported_at_once(write_form):
    # sheet problems, expression problems and references in one pass, not in rounds
    problems = problems_of(write_form("""
| | type | name | label::中文 (zh) | label::English (en) | relevant | constraint |
| | rank things | ranked | 排 | Rank | | |
| | text | 2bad | 坏 | Bad | | |
| | text | dup | 一 | One | | |
| | text | dup | 二 | Two | ${ranked} != '' | |
| | integer | n | 数 | N | | . >= ( |
| | text | t | 文 | T | ${nowhere} = 1 | |"""))
    found = {(p.row, p.column.split(" ")[0]) for p in problems}
    assert found == {(2, "type"), (3, "name"), (5, "name"), (6, "constraint"), (7, "relevant")}
    by_row = {p.row: p for p in problems}
    assert "the type 'rank things' is not supported" in by_row[2].message.en
    assert by_row[6].column == "constraint (F)" and by_row[7].column == "relevant (E)"
    assert all(p.message.zh for p in problems)


def test_unclosed_groups_are_refused_and_nested_repeats_are_not(write_form):
    problems = problems_of(write_form(HEADER + """
| | begin_repeat | outer | 外 | Outer | | | |
| | begin_repeat | inner | 内 | Inner | | | |
| | text | x | 甲 | X | | | |
| | end_repeat | | | | | | |
| | end_repeat | | | | | | |
| | begin_group | g | 组 | G | | | |"""))
    messages = " / ".join(p.text().en for p in problems)
    assert "nested repeat" not in messages
    assert "never closed" in messages


def test_missing_settings_take_pyxforms_defaults_with_a_warning(write_form):
    form = load_form(write_form(HEADER + "\n| | text | a | 甲 | A | | | |", settings="", name="county_form.md"))
    assert (form.form_id, form.version) == ("county_form", "1")
    warned = " / ".join(w.text().en for w in form.warnings)
    assert "no form_id: 'county_form' (the file's name) is used" in warned
    assert "no version: '1' is used" in warned


def test_a_choice_filter_column_the_list_lacks_is_warned(write_form):
    # as ODK: a bare name is a child of the choice; none there is an empty node-set (see
    # tests/core/forms/test_choice_filter_odk.py), so the form loads with a warning
    form = load_form(write_form("""
| | type | name | label::中文 (zh) | label::English (en) | choice_filter |
| | select_one colours | colour | 颜色 | Colour | size = 'L' |""", choices="""
| | list_name | name | label::中文 (zh) | label::English (en) |
| | colours | red | 红 | Red |"""))
    assert any("no column 'size'" in w.message.en and "没有“size”列" in w.message.zh for w in form.warnings)


def test_unknown_choice_list_is_refused(write_form):
    problems = problems_of(write_form("""
| | type | name | label::中文 (zh) | label::English (en) |
| | select_one nothing | colour | 颜色 | Colour |"""))
    assert problems and "nothing" in problems[0].text().en


def test_reference_into_a_repeat_from_outside_is_refused(write_form):
    problems = problems_of(write_form(HEADER + """
| | begin_repeat | kids | 孩子 | Children | | | |
| | text | kid | 名 | Name | | | |
| | end_repeat | | | | | | |
| | text | first_kid | 甲 | First | ${kid} != '' | | |"""))
    assert problems[0].row == 5 and "inside the repeat" in problems[0].message.en


def test_bare_name_outside_choice_filter_is_refused(write_form):
    problems = problems_of(write_form(HEADER + "\n| | integer | age | 年龄 | Age | age > 1 | | |"))
    assert "${age}" in problems[0].message.en


def test_unknown_codelist_is_refused(write_form):
    problems = problems_of(write_form("""
| | type | name | label::中文 (zh) | label::English (en) | codelist |
| | select_one things | thing | 物 | Thing | nosuchlist |""", choices="""
| | list_name | name | label::中文 (zh) | label::English (en) |
| | things | a | 甲 | A |"""))
    assert "nosuchlist" in problems[0].message.en


def test_bad_default_is_refused(write_form):
    problems = problems_of(write_form("""
| | type | name | label::中文 (zh) | label::English (en) | default |
| | date | d | 日期 | Date | 2024-13-01 |"""))
    assert problems[0].column.startswith("default")


def broken_files(tmp_path):
    garbage = tmp_path / "garbage.xlsx"
    garbage.write_bytes(b"this is not a spreadsheet at all")
    truncated = tmp_path / "truncated.xlsx"
    workbook = Workbook()
    workbook.active.title = "survey"
    workbook.save(truncated)
    truncated.write_bytes(truncated.read_bytes()[:300])
    empty_zip = tmp_path / "emptyzip.xlsx"
    with zipfile.ZipFile(empty_zip, "w") as archive:
        archive.writestr("hello.txt", "hi")
    no_survey = tmp_path / "nosurvey.xlsx"
    workbook = Workbook()
    workbook.active.title = "choices"
    workbook.active.append(["list_name", "name", "label"])
    workbook.create_sheet("settings").append(["form_id"])
    workbook.save(no_survey)
    empty = tmp_path / "empty.md"
    empty.write_text("", encoding="utf-8")
    text = tmp_path / "letter.md"
    text.write_text("Dear county,\nplease find the form attached.\n", encoding="utf-8")
    wrong = tmp_path / "form.pdf"
    wrong.write_bytes(b"%PDF-1.4")
    return [garbage, truncated, empty_zip, no_survey, empty, text, wrong, tmp_path / "missing.xlsx"]


def test_broken_files_give_a_clear_error(tmp_path):
    for path in broken_files(tmp_path):
        with pytest.raises(FormLoadError) as caught:
            load_form(path)
        assert caught.value.problems, path
        assert "Traceback" not in str(caught.value.text.en)
        assert caught.value.text.zh


def test_bytes_input_is_accepted(write_form):
    path = write_form(HEADER + "\n| | integer | age | 年龄 | Age | | | |")
    form = load_form(path.read_bytes(), file_type=".md")
    assert form.field("age").type == "integer"
