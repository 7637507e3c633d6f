"""Code lists from resources/codelists and type-ahead over choices."""

from __future__ import annotations

import pytest

from desktop.core.codelists.codelists import load_codelists, shipped_codelists
from desktop.core.entry.typeahead import match_choices, pinyin_initials
from desktop.core.errors import UserError
from desktop.core.paths import resource


def test_standard_lists_are_complete():
    lists = shipped_codelists()
    ethnicity = lists.get("ethnicity")
    assert [c.code for c in ethnicity] == [f"{i:02d}" for i in range(1, 57)]
    assert ethnicity.get("01").label.zh == "汉族" and ethnicity.get("56").label.zh == "基诺族"
    assert all(c.label.zh.endswith("族") and c.label.en for c in ethnicity)
    assert [c.code for c in lists.get("marital_status")] == ["10", "20", "21", "22", "23", "30", "40", "90"]
    assert [c.code for c in lists.get("sex")] == ["0", "1", "2", "9"]
    for name in ("move_reason", "certificate_type", "equipment_type", "relationship"):
        assert len(lists.get(name)) >= 5 and all(c.label.zh and c.label.en for c in lists.get(name))


def test_divisions_give_townships_and_villages():
    lists = shipped_codelists()
    townships = lists.get("township")
    assert len(townships) == 10 and townships.get("131025100").label.zh == "平舒镇"
    villages = lists.get("village")
    assert all(v.code.startswith(v.parent) and len(v.code) == 12 for v in villages)
    assert {v.parent for v in villages} == {t.code for t in townships}
    assert lists.contains("village", "131025100001") and not lists.contains("village", "131025100999")


def test_unknown_list_is_a_user_error():
    with pytest.raises(UserError):
        shipped_codelists().get("nothing")


def test_a_later_folder_replaces_a_list(tmp_path):
    (tmp_path / "ethnicity.csv").write_text("code,parent,name_zh,name_en\n01,,汉族,Han\n", encoding="utf-8")
    lists = load_codelists(resource("codelists"), tmp_path)
    assert len(lists.get("ethnicity")) == 1 and len(lists.get("marital_status")) == 8


def test_a_broken_list_is_a_user_error(tmp_path):
    (tmp_path / "sex.csv").write_text("code,parent,name_zh,name_en\n,,,\n", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_codelists(tmp_path)
    assert "row 2" in caught.value.text.en


def test_pinyin_initials():
    assert "psz" in pinyin_initials("平舒镇")
    assert "zt" in pinyin_initials("藏屯")[0][:2] or any(i.startswith("zt") for i in pinyin_initials("藏屯"))
    assert any(i.startswith("ct") for i in pinyin_initials("藏屯"))  # both readings of 藏
    assert pinyin_initials("U盘") == ("up",)


def test_match_choices_by_initials_code_and_chinese():
    townships = shipped_codelists().get("township")
    assert [c.label.zh for c in match_choices(townships, "psz")] == ["平舒镇"]
    assert match_choices(townships, "131025105")[0].label.zh == "里坦镇"
    assert [c.label.zh for c in match_choices(townships, "1310251")][:2] == ["平舒镇", "旺村镇"]
    assert match_choices(townships, "尚屯")[0].label.zh == "大尚屯镇"
    assert match_choices(townships, "Litan")[0].label.zh == "里坦镇"
    assert match_choices(townships, "") == list(townships)
    assert match_choices(townships, "qqqq") == []
    ethnicity = shipped_codelists().get("ethnicity")
    # "hz": 汉族 and 回族 both match by initials; the list's own order decides among equals
    assert [c.label.zh for c in match_choices(ethnicity, "hz")][:2] == ["汉族", "回族"]
    assert match_choices(ethnicity, "汉族")[0].code == "01"  # exact first
    assert len(match_choices(ethnicity, "z", limit=5)) == 5


def test_match_choices_takes_form_choices_too():
    from desktop.core.forms.loader import load_form
    form = load_form(resource("forms", "floating_population.xlsx"))
    assert match_choices(form.choices_for("marital_status"), "yh")[0].name == "20"  # 已婚
