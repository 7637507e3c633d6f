"""Likely the same person under two IDs: the ID relations, the name by characters and pinyin, and
precision and recall on a generated county (two townships, 2 % registered again with a mistyped
or older ID, hundreds of different people sharing a common name and birth year)."""

from __future__ import annotations

import pytest

from desktop.core.quality import duplicates
from tests.conftest import ROOT
from tests.helpers import people

BODY = "13102519880214321"


@pytest.mark.parametrize(("other", "relation"), [
    (BODY, "same"),
    ("13102519880214331", "one_edit"),            # one substitution
    ("13102519880241321", "one_edit"),            # two adjacent digits swapped
    ("13102519880214777", "same_birth"),          # other sequence digits
    ("13010219880214321", "same_birth_other_area"),
    ("13102519890214331", None),                  # two substitutions, another birth date
    ("", None),
])
def test_id_relations(other, relation):
    assert duplicates.id_relation(BODY, other) == relation


def test_a_15_digit_id_is_widened_and_matches_its_18_digit_form():
    assert duplicates.id_body("131025880214321") == BODY
    assert duplicates.id_body(BODY + people.check_digit(BODY)) == BODY
    assert duplicates.id_body("12345") == ""


def person(record_id, name, id_body, hukou="河北省廊坊市大城县平舒镇东街村", township="131025100"):
    id_number = id_body + people.check_digit(id_body)
    return duplicates.person(record_id, township, name, id_number, None, "1", hukou)


def test_a_homophone_and_a_mistyped_id_are_found_but_namesakes_are_not():
    first = person("a", "张伟", BODY)
    homophone = person("b", "张玮", "13102519880214331", hukou="廊坊市大城县平舒镇东街村", township="131025101")
    match = duplicates.score(first, homophone)
    assert match is not None and "name_sounds_same" in match.reasons and "id_one_edit" in match.reasons
    assert "hukou_same" in match.reasons        # the province written or left out alike
    namesake = person("c", "张伟", "13102519880517113", hukou="河北省廊坊市大城县权村镇后庄村")
    assert duplicates.score(first, namesake) is None
    other_name = person("d", "刘洋", "13102519880214331")
    assert duplicates.score(first, other_name) is None          # the ID alone is not enough
    assert duplicates.score(first, homophone, duplicates.Thresholds(score=0.99)) is None


def test_thresholds_come_from_the_form_pack(township, tmp_path):
    from desktop.core.entry.entry import form_for
    from desktop.core.errors import UserError
    from desktop.core.forms.loader import load_form

    thresholds = duplicates.Thresholds.of_form(form_for(township, "floating_population"))
    assert (thresholds.score, thresholds.name) == (0.8, 0.7)
    source = (ROOT / "resources" / "forms" / "floating_population.md").read_text(encoding="utf-8")
    stricter = tmp_path / "stricter.md"
    stricter.write_text(source.replace("| 0.8 | 0.7 |", "| 0.95 | 0.9 |"), encoding="utf-8")
    assert duplicates.Thresholds.of_form(load_form(stricter)) == duplicates.Thresholds(0.95, 0.9)
    broken = tmp_path / "broken.md"
    broken.write_text(source.replace("| 0.8 | 0.7 |", "| high | 0.7 |"), encoding="utf-8")
    with pytest.raises(UserError, match="duplicate_threshold must be a number from 0 to 1"):
        load_form(broken)


def measured(found, truth) -> tuple[float, float]:
    got = {(m.first, m.later) for m in found}
    hits = len(got & truth)
    return hits / len(truth), hits / len(got)


@pytest.mark.parametrize("seed", [19, 20])
def test_precision_and_recall_across_townships(seed):
    county = people.county(5000, seed=seed)
    assert len(county.true_pairs) == 200
    found = duplicates.find_pairs(people.as_people(county))
    recall, precision = measured(found, county.true_pairs)
    assert recall >= 0.95 and precision >= 0.90, (recall, precision)
    assert all(a.startswith("r") and b > a for a, b in ((m.first, m.later) for m in found))


def test_precision_and_recall_within_a_township_as_entry_sees_them():
    county = people.county(5000, seed=21, same_township=True)
    found = duplicates.find_pairs(people.as_people(county), across_townships=False)
    recall, precision = measured(found, county.true_pairs)
    assert recall >= 0.95 and precision >= 0.90, (recall, precision)
    # and the county, looking across townships only, raises none of them
    across = {(m.first, m.later) for m in duplicates.find_pairs(people.as_people(county))}
    assert not across & county.true_pairs
