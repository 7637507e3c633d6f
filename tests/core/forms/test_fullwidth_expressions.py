"""An expression typed with a Chinese input method left on (“”‘’（），、＝) is refused with the
marks named — full-width quotes/brackets, 全角引号/括号 — at its sheet, row and column."""

from __future__ import annotations

import pytest

from desktop.core.forms.loader import load_form
from desktop.core.forms.model import FormLoadError
from desktop.core.rules import ExpressionError, compile_expression
from desktop.core.rules.expressions import evaluate

HEADER = "| | type | name | label::中文 (zh) | label::English (en) | relevant | calculation | constraint |"


def test_full_width_marks_are_named_with_sheet_row_and_column(write_form):
    with pytest.raises(FormLoadError) as caught:
        load_form(write_form(HEADER + """
| | text | married | 婚否 | Married | | | |
| | text | spouse | 配偶 | Spouse | ${married} ＝ “是” | | |
| | integer | age | 年龄 | Age | | | . >= 18 |
| | calculate | adult | | | | if（${age} >= 18，1，0） | |"""))
    problems = {(p.sheet, p.row, p.column): p.message for p in caught.value.problems}
    # (pyxform itself turns curly quotes into straight ones: the ＝ is what is left)
    relevant = problems[("survey", 3, "relevant (E)")]
    assert "full-width quotes/brackets" in relevant.en and "＝ at character 12" in relevant.en
    assert "全角引号/括号" in relevant.zh and "请改用半角（=）" in relevant.zh
    calculation = problems[("survey", 5, "calculation (F)")]
    assert "full-width quotes/brackets" in calculation.en and "（ ， ）" in calculation.en
    assert "at character 3" in calculation.en and "第 3 个字符" in calculation.zh


def test_curly_quotes_are_named_in_an_expression():
    with pytest.raises(ExpressionError) as caught:
        compile_expression("${a} = ‘是’ or ${b}、")
    assert "‘ ’ 、 at character 8" in caught.value.text.en and "(' ' ,)" in caught.value.text.en
    assert "全角引号/括号" in caught.value.text.zh


def test_full_width_marks_inside_text_are_text():
    assert evaluate("concat('（', ${a}, '）')", {"a": "甲"}) == "（甲）"
    assert evaluate('"“是”" = ${a}', {"a": "“是”"}) is True


def test_an_ordinary_syntax_error_is_not_called_full_width():
    with pytest.raises(ExpressionError) as caught:
        compile_expression("${a} > '（'  and")
    assert "full-width" not in caught.value.text.en and "全角" not in caught.value.text.zh
