"""A county form that names its fields in pinyin (sfzh, xm, csrq, xb, cun, zt) and says what each
is for in the `role` column: it must get every feature the shipped form gets by name."""

from __future__ import annotations

from pathlib import Path

SURVEY = """| survey |
| | type | name | label::中文 (zh) | label::English (en) | required | constraint | unique | role |
| | text | xm | 姓名 | Name | yes | | | person_name |
| | text | sfzh | 身份证号 | ID number | yes | | yes | person_id |
| | date | csrq | 出生日期 | Date of birth | | | | birth_date |
| | select_one xb | xb | 性别 | Sex | | | | sex |
| | select_one cun | cun | 村 | Village | | | | village |
| | select_one zt | zt | 状态 | Status | | | | status |
| | begin_repeat | jtcy | 家庭成员 | Family | | | | |
| | text | cyxm | 成员姓名 | Member's name | | | | person_name |
| | text | cysfzh | 成员身份证号 | Member's ID | | | | person_id |
| | date | cycsrq | 成员出生日期 | Member's birth date | | | | birth_date |
| | select_one xb | cyxb | 成员性别 | Member's sex | | | | sex |
| | end_repeat | | | | | | | |
| choices |
| | list_name | name | label::中文 (zh) | label::English (en) |
| | xb | 1 | 男 | Male |
| | xb | 2 | 女 | Female |
| | cun | 131025100001 | 东街村 | Dongjie |
| | zt | present | 在本地 | Present |
| | zt | left | 已离开 | Left |
| settings |
| | form_id | version | default_language |
| | county_people | 2026120101 | 中文 (zh) |
"""


def write_county_form(folder: Path) -> Path:
    path = Path(folder) / "county_people.md"
    path.write_text(SURVEY, encoding="utf-8")
    return path
