"""The real form view shows `${field}` in a label with the value typed, as ODK Collect does."""

from __future__ import annotations

import datetime as dt

from desktop.core.forms.loader import load_form
from desktop.core.rules import RuleContext, evaluate_form
from tests.ui.keyboard import type_text


def test_a_label_naming_a_field_follows_its_value(qtbot, tmp_path):
    from desktop.ui.entry.form_view import FormView

    path = tmp_path / "labels.md"
    path.write_text("""| survey |
| | type | name | label::中文 (zh) | label::English (en) |
| | text | who | 姓名 | Name |
| | integer | age | ${who}的年龄 | Age of ${who} |
| | begin_repeat | kids | 子女 | Children |
| | text | kid | 姓名 | Name |
| | integer | kid_age | ${kid}的年龄 | Age of ${kid} |
| | end_repeat | | | |
""", encoding="utf-8")
    form = load_form(path)
    context = RuleContext(today=dt.date(2026, 12, 1))
    view = FormView(form, lambda values: evaluate_form(form, values, context), language="zh")
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    type_text("张三", view.editor("who"))
    view.flush()
    assert view.rows["age"].label.text() == "张三的年龄"
    view.add_repeat_row("kids")
    type_text("小明", view.editor("kids/0/kid"))
    view.flush()
    assert view.rows["kids/0/kid_age"].label.text() == "小明的年龄"
