"""Benchmark: scoring 1,000,000 county records for likely duplicates takes <= 2 minutes.

A generated county of two townships (500,000 people each, 2 % registered again in the other with a
mistyped or older ID, 6,000 sharing three common names and birth years); the time is the search
alone (blocking and scoring), its recall and precision are printed beside it.
Run: PYTHONPATH=$PWD python -m pytest -m bench tests/bench/test_duplicates_bench.py -s
"""

from __future__ import annotations

import time

import pytest

from desktop.core.quality import duplicates
from tests.bench.harness import record
from tests.helpers import people

pytestmark = pytest.mark.bench


def test_scoring_a_million_records():
    county = people.county(490_197, namesakes=3000)
    found_people = people.as_people(county)
    assert len(found_people) >= 1_000_000
    start = time.perf_counter()
    found = duplicates.find_pairs(found_people)
    took = time.perf_counter() - start
    got = {(m.first, m.later) for m in found}
    hits = len(got & county.true_pairs)
    recall, precision = hits / len(county.true_pairs), hits / len(got)
    row = record("likely duplicates: 1,000,000 records scored", took, budget=120.0,
                 note=f"recall {recall:.1%}, precision {precision:.1%}")
    print(row)
    assert took <= 120 and recall >= 0.95 and precision >= 0.90
