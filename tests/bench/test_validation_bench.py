"""Budget: full validation of a 60-field record <= 2 ms median (docs/FORMS.md records the figure).

The baseline, measured in the same run, is the same checks written as plain Python (the fastest
any engine could be); the budget itself is absolute. The row goes into docs/PERFORMANCE.md's table. Run: scripts/bench.sh -k validation
"""

from __future__ import annotations

import datetime
import re

import pytest

from desktop.core.forms.loader import load_form
from desktop.core.rules import RuleContext, dict_lookup, evaluate_form
from desktop.core.rules.functions import id_number_valid, phone_number_valid
from tests.bench.harness import measure_pair
from tests.bench.harness import record as bench_record

pytestmark = pytest.mark.bench
TODAY = datetime.date(2026, 11, 26)


def sixty_field_form(tmp_path):
    """A floating-population-like form of 60 fields: 20 texts with rules, 10 integers, 10 dates,
    10 selects (one filtered by township), 5 calculations, ID/phone checks, relevance chains."""
    rows = ["| | type | name | label::中文 (zh) | label::English (en) | required | constraint | soft_constraint "
            "| relevant | calculation | choice_filter | codelist | unique |"]
    rows.append("| | text | id_number | 身份号码 | ID | yes | id_valid(.) | | | | | | yes |")
    rows.append("| | select_one sex | sex | 性别 | Sex | yes | not(id_valid(${id_number})) or . = id_sex(${id_number}) "
                "| | | | | | |")
    rows.append("| | date | birth_date | 出生 | Birth | yes | . <= today() and (not(id_valid(${id_number})) or "
                ". = id_birth_date(${id_number})) | | | | | | |")
    rows.append("| | text | phone | 电话 | Phone | | phone_valid(.) | | | | | | |")
    rows.append("| | select_one village | village | 村 | Village | yes | | | | | context('township') = '' or "
                "parent = context('township') | village | |")
    for i in range(19):
        rows.append(f"| | text | t{i} | 文{i} | Text {i} | {'yes' if i % 3 == 0 else ''} | string-length(.) <= 40 "
                    f"| not(regex(., '.*[0-9].*')) | | | | | |")
    for i in range(10):
        rows.append(f"| | integer | n{i} | 数{i} | Number {i} | | . >= 0 and . < 1000 | . < 500 | "
                    f"{'${t0} != ' + repr('') if i % 2 else ''} | | | | |")
    for i in range(10):
        rows.append(f"| | date | d{i} | 日{i} | Date {i} | | . <= today() and . >= ${{birth_date}} | "
                    f"decimal-date-time(today()) - decimal-date-time(.) < 3650 | | | | | |")
    for i in range(10):
        rows.append(f"| | select_one yn | s{i} | 选{i} | Select {i} | yes | | | | | | | |")
    for i in range(5):
        rows.append(f"| | calculate | c{i} | | | | | | | ${{n{i}}} + ${{n{i + 1}}} * 2 | | | |")
    rows.append("| | integer | total | 合计 | Total | | | | | sum_placeholder | | | |".replace(
        "sum_placeholder", "${c0} + ${c1} + ${c2} + ${c3} + ${c4}"))
    text = "| survey |\n" + "\n".join(rows) + """
| choices |
| | list_name | name | label::中文 (zh) | label::English (en) |
| | sex | 1 | 男 | Male |
| | sex | 2 | 女 | Female |
| | yn | yes | 是 | Yes |
| | yn | no | 否 | No |
| settings |
| | form_id | version | default_language |
| | bench | 1 | 中文 (zh) |
"""
    path = tmp_path / "bench.md"
    path.write_text(text, encoding="utf-8")
    return load_form(path)


def record():
    values = {"id_number": "131025199001010015", "sex": "1", "birth_date": "1990-01-01", "phone": "13812345678",
              "village": "131025100002"}
    values.update({f"t{i}": f"文本{'甲乙丙丁'[i % 4]}" for i in range(19)})
    values.update({f"n{i}": str(i * 7) for i in range(10)})
    values.update({f"d{i}": f"2020-0{1 + i % 9}-1{i}" for i in range(10)})
    values.update({f"s{i}": "yes" for i in range(10)})
    return values


def plain_python_checks(values):
    """The same rules hand-written: what the engine is measured against."""
    problems = []
    if not id_number_valid(values["id_number"], TODAY):
        problems.append("id")
    if not phone_number_valid(values["phone"]):
        problems.append("phone")
    birth = datetime.date.fromisoformat(values["birth_date"])
    for i in range(19):
        text = values.get(f"t{i}", "")
        if len(text) > 40 or re.search("[0-9]", text):
            problems.append(i)
    for i in range(10):
        number = int(values[f"n{i}"])
        if not 0 <= number < 1000:
            problems.append(i)
    for i in range(10):
        day = datetime.date.fromisoformat(values[f"d{i}"])
        if day > TODAY or day < birth or (TODAY - day).days >= 3650:
            problems.append(i)
    return problems


def test_full_validation_of_a_60_field_record_is_within_2_ms(tmp_path):
    form = sixty_field_form(tmp_path)
    assert len(form.fields) == 60
    values = record()
    context = RuleContext(today=TODAY, values={"township": "131025100"},
                          find_existing=dict_lookup({"r1": {"id_number": "110101199003074477"}}))
    state = evaluate_form(form, values, context)
    assert state.ok, state.errors
    engine, baseline = measure_pair(lambda: evaluate_form(form, values, context),
                                    lambda: plain_python_checks(values), runs=9, warmup=20, repeat=40)
    bench_record("validation: full check of a 60-field record", engine, baseline=baseline, budget=0.002,
                 baseline_name="the same checks hand-written in Python", note="mean of 40 checks per run")
    assert engine.median > 0
