"""The quick name lookup of the sign-in heading (`name_of`) answers as the full division list does."""

from __future__ import annotations

import pytest

from desktop.core import codelists_divisions


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_name_of_matches_the_full_list_for_every_division(lang):
    divisions = codelists_divisions.load()
    assert len(divisions) > 3
    codelists_divisions.shipped.cache_clear()          # the quick path: read straight from the CSV
    try:
        quick = {code: codelists_divisions.name_of(code, lang) for code in divisions}
        assert codelists_divisions.shipped.cache_info().currsize == 0   # it did not load the whole list
    finally:
        codelists_divisions.shipped.cache_clear()
    assert quick == {code: division.name(lang) for code, division in divisions.items()}
    assert codelists_divisions.name_of("131025100", lang) == divisions["131025100"].name(lang)  # loaded path


def test_an_unknown_code_has_no_name():
    codelists_divisions.shipped.cache_clear()
    assert codelists_divisions.name_of("999999", "zh") is None
    codelists_divisions.load()
    assert codelists_divisions.name_of("999999", "en") is None
