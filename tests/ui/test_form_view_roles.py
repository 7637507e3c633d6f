"""The real form view on a county form whose ID field is called `sfzh`: typing the ID fills
the birth date and sex found by role (csrq, xb), as the shipped form's id_number does."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QApplication

from desktop.core.forms.loader import load_form
from desktop.core.rules import RuleContext, evaluate_form
from tests.core.forms.county_form import write_county_form
from tests.ui.keyboard import type_text


def test_typing_an_id_into_sfzh_fills_birth_date_and_sex(qtbot, tmp_path):
    from desktop.ui.entry.form_view import FormView

    form = load_form(write_county_form(tmp_path))
    context = RuleContext(today=dt.date(2026, 12, 1))
    view = FormView(form, lambda values: evaluate_form(form, values, context), language="zh")
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    type_text("11010519491231002x", view.editor("sfzh"))
    values = view.values()
    assert values["csrq"] == "1949-12-31"
    assert values["xb"] == "2"
    state = view.flush()
    assert not [v for v in state.errors if v.field == "sfzh"]

    view.add_repeat_row("jtcy")
    QApplication.processEvents()
    type_text("131025198802143219", view.editor("jtcy/0/cysfzh"))
    member = view.values()["jtcy"][0]
    assert member["cycsrq"] == "1988-02-14" and member["cyxb"] == "1"
