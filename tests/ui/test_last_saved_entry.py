"""The entry page fills `${last-saved#field}` from the clerk's last saved record of the form: after
a save, and on a page opened later (the record comes from the store, not from memory)."""

from __future__ import annotations

from desktop.core.forms.loader import load_form
from tests.ui.keyboard import type_text
from tests.ui.test_entry_page import dispose

FORM = """| survey |
| | type | name | label::中文 (zh) | label::English (en) | default |
| | text | village | 村 | Village | ${last-saved#village} |
| | text | head | 户主 | Head | |
| settings |
| | form_id | version |
| | visits | 1 |
"""


def open_page(qtbot, township, form):
    from desktop.ui.entry.entry_page import EntryPage

    page = EntryPage(township)  # disposed by the test (see dispose) before the workspace closes
    page.show()
    qtbot.waitExposed(page)
    page.set_form(form)
    page.start_new(carry=False)
    return page


def test_a_default_of_last_saved_is_the_village_just_saved(qtbot, township, tmp_path):
    path = tmp_path / "visits.md"
    path.write_text(FORM, encoding="utf-8")
    form = load_form(path)
    page = open_page(qtbot, township, form)
    assert page.form_view.editor("village").text() == ""  # nothing saved yet
    type_text("东街村", page.form_view.editor("village"))
    type_text("张三", page.form_view.editor("head"))
    assert page.save() is not None
    assert page.form_view.editor("village").text() == "东街村"
    assert page.form_view.editor("head").text() == ""
    page.form_view.editor("village").clear()
    type_text("西街村", page.form_view.editor("village"))
    type_text("李四", page.form_view.editor("head"))
    assert page.save() is not None
    dispose(page)

    later = open_page(qtbot, township, form)
    assert later.form_view.editor("village").text() == "西街村"
    dispose(later)
