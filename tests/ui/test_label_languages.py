"""The form's own label languages are offered beside the interface language on the entry page:
the clerk switches the labels, hints and choices to one of them (a text the form lacks in it
shows in the interface language), the values typed stay, and the choice is kept per form."""

from __future__ import annotations

from desktop.core.forms import label_languages
from desktop.core.forms.loader import load_form
from tests.ui.keyboard import type_text
from tests.ui.test_entry_page import dispose

FORM = """| survey |
| | type | name | label::中文 (zh) | label::English (en) | label::Français (fr) | hint::Français (fr) |
| | text | head | 户主 | Head | Chef de famille | Nom complet |
| | select_one yn | owner | 自有住房 | Owns the house | Propriétaire | |
| | integer | rooms | 房间数 | Rooms | | |
| choices |
| | list_name | name | label::中文 (zh) | label::English (en) | label::Français (fr) |
| | yn | 1 | 是 | Yes | Oui |
| | yn | 2 | 否 | No | |
| settings |
| | form_id | version | default_language |
| | housing | 1 | 中文 (zh) |
"""


def open_page(qtbot, township, form):
    from desktop.ui.entry.entry_page import EntryPage

    page = EntryPage(township)  # disposed by the test before the workspace closes
    page.show()
    qtbot.waitExposed(page)
    page.set_form(form)
    page.start_new(carry=False)
    return page


def choose(page, name: str) -> None:
    combo = page.label_language_choice
    combo.setCurrentIndex(combo.findData(name))


def test_the_clerk_switches_the_labels_to_a_language_of_the_form(qtbot, township, tmp_path):
    path = tmp_path / "housing.md"
    path.write_text(FORM, encoding="utf-8")
    form = load_form(path)
    page = open_page(qtbot, township, form)
    combo = page.label_language_choice
    assert combo.isVisible()
    assert [combo.itemData(i) for i in range(combo.count())] == ["", "中文 (zh)", "English (en)", "Français (fr)"]
    view = page.form_view
    ui = page.language  # the interface language, zh or en
    assert view.rows["head"].label.text() == {"zh": "户主", "en": "Head"}[ui]
    type_text("张三", view.editor("head"))

    choose(page, "Français (fr)")
    view = page.form_view
    assert view.rows["head"].label.text() == "Chef de famille"
    assert view.rows["head"].label.toolTip() == "Nom complet"
    # no French label: the interface language
    assert view.rows["rooms"].label.text() == {"zh": "房间数", "en": "Rooms"}[ui]
    labels = [c.label.get(ui) for c in view.form.choice_lists["yn"].choices]
    assert labels == ["Oui", {"zh": "否", "en": "No"}[ui]]
    assert view.editor("head").text() == "张三"  # the record typed so far stays

    choose(page, "English (en)" if ui == "zh" else "中文 (zh)")
    assert page.form_view.rows["rooms"].label.text() == {"zh": "Rooms", "en": "房间数"}[ui]
    choose(page, "Français (fr)")
    assert township.setting(label_languages.SETTING.format(form_id="housing")) == "Français (fr)"
    dispose(page)

    later = open_page(qtbot, township, form)  # remembered for this form
    assert later.label_language_choice.currentData() == "Français (fr)"
    assert later.form_view.rows["owner"].label.text() == "Propriétaire"
    dispose(later)


def test_a_form_in_the_interface_languages_only_offers_no_choice(qtbot, township):
    from desktop.ui.entry.entry_page import EntryPage

    page = EntryPage(township)  # the shipped form it opens on
    page.show()
    qtbot.waitExposed(page)
    offered = label_languages.languages(page.form)
    assert page.label_language_choice.isVisible() == bool(offered)
    assert page.label_language_choice.count() == len(offered) + 1
    dispose(page)
