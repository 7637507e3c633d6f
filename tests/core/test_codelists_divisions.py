"""The quick name lookup of the sign-in heading (`name_of`) answers as the full division list does."""

from __future__ import annotations

import pytest

from desktop.core.codelists import codelists_divisions


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


def test_a_received_list_names_the_place_on_the_sign_in_card(township):
    from desktop.core.paths import resource
    from desktop.core.workspace import sign_in_card

    assert codelists_divisions.name_in(township.paths, "131025100", "zh") == "平舒镇"   # shipped
    received = township.paths.config / codelists_divisions.RECEIVED_FILE
    received.parent.mkdir(parents=True, exist_ok=True)
    text = resource("codelists", "divisions.csv").read_text(encoding="utf-8-sig")
    received.write_text(text.replace("平舒镇", "平舒新镇"), encoding="utf-8")     # the county renamed it
    assert codelists_divisions.name_in(township.paths, "131025100", "zh") == "平舒新镇"
    assert sign_in_card.refresh(township).place("zh") == "平舒新镇"


def test_the_county_sync_list_follows_a_received_divisions_list(tmp_path):
    from desktop.core.paths import resource
    from desktop.core.sync import status
    from tests.conftest import PASSWORD
    from tests.helpers.workspaces import set_up

    with set_up(tmp_path / "county", role="county", code="131025", clerk="县管", password=PASSWORD) as county:
        shipped = {row.code: row.name_zh for row in status.county_townships(county.db)}
        assert shipped["131025100"] == "平舒镇"
        received = county.paths.config / codelists_divisions.RECEIVED_FILE
        received.parent.mkdir(parents=True, exist_ok=True)
        text = resource("codelists", "divisions.csv").read_text(encoding="utf-8-sig")
        received.write_text(text.replace("平舒镇", "平舒新镇"), encoding="utf-8")
        rows = status.county_townships(county.db, divisions=codelists_divisions.for_data_dir(county.paths))
        assert {row.code: row.name_zh for row in rows}["131025100"] == "平舒新镇"
        assert len(rows) == len(shipped)
