"""A choice_filter reads the choice as ODK does: a bare name is a child element of the choice
(one of its columns), a name it lacks is an empty node-set (`=` and `!=` with it are false), and
`label::English` is the choice's label in that language."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.forms.loader import load_form
from desktop.core.rules import RuleContext, evaluate_form

CORPUS = Path(__file__).parents[2] / "forms_corpus" / "pyxform"


def options(form, values, name):
    return [c.name for c in evaluate_form(form, values, RuleContext()).options[name]]


@pytest.mark.allow_log("openpyxl", ".*", level="WARNING")
def test_a_bare_yes_is_a_column_the_colours_lack_so_no_pastel_is_offered():
    # pyxform's or_other example: `pastel=yes`; the choices have no column `yes`, so in ODK
    # the itemset instance('colors')/root/item[pastel=yes] is empty
    form = load_form(CORPUS / "example_xls__or_other.xlsx")
    assert options(form, {}, "fav_pastel") == []
    assert any("no column 'yes'" in w.message.en and w.column == "choice_filter (D)" and w.row == 3
               for w in form.warnings)
    assert "other" in [c.name for c in form.choice_lists["colors"]]


def test_bare_names_compare_as_node_sets(write_form):
    form = load_form(write_form("""
| | type | name | label | choice_filter |
| | select_one c | eq | Eq | pastel = yes |
| | select_one c | ne | Ne | pastel != yes |
| | select_one c | quoted | Quoted | pastel = 'yes' |
| | select_one c | column | Column | pastel = yes_too |
| | select_one c | negated | Negated | not(pastel = yes) |
| | select_one c | boolean | Boolean | yes = false() |""", choices="""
| | list_name | name | label | pastel | yes_too |
| | c | red | Red | no | yes |
| | c | mauve | Mauve | yes | yes |""", settings=None))
    assert options(form, {}, "eq") == [] and options(form, {}, "ne") == []
    assert options(form, {}, "quoted") == ["mauve"] and options(form, {}, "column") == ["mauve"]
    assert options(form, {}, "negated") == ["red", "mauve"] and options(form, {}, "boolean") == ["red", "mauve"]


@pytest.mark.allow_log("openpyxl", ".*", level="WARNING")
def test_label_in_a_language_filters_on_the_choice_label():
    form = load_form(CORPUS / "bug_example_xls__xl_date_ambiguous.xlsx")
    assert options(form, {}, "names") == ["name1", "name2", "name3"]


def test_label_language_column_in_a_filter(write_form):
    form = load_form(write_form("""
| | type | name | label::English | label::Français | choice_filter |
| | text | start_with | Start | Début | |
| | select_one c | fruit | Fruit | Fruit | starts-with(label::English, ${start_with}) and label::Français != '' |""",
                                choices="""
| | list_name | name | label::English | label::Français |
| | c | apple | Apple | Pomme |
| | c | pear | Pear | |
| | c | apricot | Apricot | Abricot |""", settings=None))
    assert options(form, {"start_with": "Ap"}, "fruit") == ["apple", "apricot"]
    assert options(form, {"start_with": "P"}, "fruit") == []
