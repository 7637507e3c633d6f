"""The resident ID corpus: valid numbers pass, every single-digit substitution and adjacent
transposition fails, impossible birth dates fail (GB 11643 check digit via python-stdnum)."""

from __future__ import annotations

import datetime
import random

import pytest

from desktop.core.rules.functions import id_number_birth_date, id_number_sex, id_number_valid

TODAY = datetime.date(2026, 11, 26)
# long-lived county-level codes across provinces (the sample county 131025 among them)
REGIONS = ["110101", "120101", "130102", "131025", "140105", "210102", "310104", "320102", "330102",
           "340102", "350102", "360102", "370102", "410102", "420102", "430102", "440103", "450102",
           "510104", "530102", "610102", "620102", "131002", "130104", "500101", "230102", "440305"]


def check_digit(first17: str) -> str:
    """ISO 7064 MOD 11-2 written out independently of stdnum, so the test checks the engine."""
    total = sum(int(digit) * pow(2, 17 - i, 11) for i, digit in enumerate(first17))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def make_id(region: str, birth: datetime.date, order: int) -> str:
    first17 = f"{region}{birth:%Y%m%d}{order:03d}"
    return first17 + check_digit(first17)


def corpus(count: int = 240) -> list[tuple[str, datetime.date, int]]:
    rng = random.Random(11643)
    start, end = datetime.date(1930, 1, 1).toordinal(), datetime.date(2024, 12, 31).toordinal()
    out = []
    for i in range(count):
        birth = datetime.date.fromordinal(rng.randint(start, end))
        order = rng.randint(0, 999)
        out.append((make_id(REGIONS[i % len(REGIONS)], birth, order), birth, order))
    return out


CORPUS = corpus()


def test_corpus_is_varied():
    numbers = [n for n, _, _ in CORPUS]
    assert len(set(numbers)) >= 200
    assert any(n.endswith("X") for n in numbers)
    assert len({n[:6] for n in numbers}) == len(REGIONS)


def test_every_valid_number_is_accepted_with_its_birth_date_and_sex():
    for number, birth, order in CORPUS:
        assert id_number_valid(number, TODAY), number
        assert id_number_birth_date(number) == birth
        assert id_number_sex(number) == ("1" if order % 2 else "2")


def test_lower_case_x_is_accepted():
    number = next(n for n, _, _ in CORPUS if n.endswith("X"))
    assert id_number_valid(number.lower(), TODAY)


def test_every_single_digit_substitution_is_rejected():
    for number, _, _ in CORPUS:
        for position in range(18):
            alphabet = "0123456789X" if position == 17 else "0123456789"
            for replacement in alphabet:
                if replacement == number[position]:
                    continue
                changed = number[:position] + replacement + number[position + 1:]
                assert not id_number_valid(changed, TODAY), (number, changed)


def test_every_adjacent_transposition_is_rejected():
    tested = 0
    for number, _, _ in CORPUS:
        for position in range(17):
            a, b = number[position], number[position + 1]
            if a == b:
                continue  # swapping equal digits gives the same number
            changed = number[:position] + b + a + number[position + 2:]
            assert not id_number_valid(changed, TODAY), (number, changed)
            tested += 1
    assert tested > 200 * 10


@pytest.mark.parametrize("birth", ["19900230", "19901301", "19900000", "19900132", "20270101",
                                   "18991231", "21000101"])
def test_impossible_birth_dates_are_rejected_even_with_a_correct_check_digit(birth):
    first17 = f"131025{birth}123"
    assert not id_number_valid(first17 + check_digit(first17), TODAY)


@pytest.mark.parametrize("number", ["", "13102519900101001", "1310251990010100155", "13102519900101001A",
                                    "999999199001010011", " ", "abc"])
def test_malformed_numbers_are_rejected(number):
    assert not id_number_valid(number, TODAY)
    assert id_number_sex(number) == ""
    assert id_number_birth_date(number) is None


def test_unknown_region_code_is_rejected():
    assert not id_number_valid(make_id("131099", datetime.date(1990, 1, 1), 1), TODAY)


def test_region_code_newer_than_the_birth_year_is_accepted():
    # 大城县 has been 131025 since 1989; people born earlier hold IDs issued with that code
    assert id_number_valid(make_id("131025", datetime.date(1965, 5, 4), 17), TODAY)
