"""The province's monthly circular (通报): every county ranked on the four measures of DOMAIN.md.

The figures are the counties' own: each county bundle carries, per township, what the county's
circular computes (circular.py), and the hub merges them (desktop/hub/province.py). A county's
rate is that of its townships' sums - records present over the sum of the tasks, villages covered
over villages, cross-checks answered in time over those received, items imported over items sent -
so a county is measured as one township holding all its records would be, and a large township
weighs more than a small one. The ranking rule, targets and "not measured" are the county
circular's (more targets met first, then the mean of the measured rates each capped at 100 %).

Every county enrolled at the hub is listed; one that sent no figures for the month is named
("sent nothing"), not left out. This module holds no SQL: the hub reads the rows and builds here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from desktop.core.clock import now_iso
from desktop.core.i18n import Text
from desktop.core.reports.circular import Circular, TownshipRow, month_bounds


@dataclass
class CountyRow(TownshipRow):
    """A county in the ranking: its townships' figures summed (`townships`: how many reported)."""

    reported: bool = False
    townships: int = 0

    @property
    def sent_nothing(self) -> bool:
        """No county bundle carried figures of this month."""
        return not self.reported


@dataclass
class ProvincialCircular(Circular):
    """A Circular whose rows are counties; `county`/`county_name` name the province here (the place
    the circular is for), so the renderer and the PDF writer take it as they take a county's."""

    level: ClassVar[str] = "province"
    duplicates: int = 0              # people registered in two counties (keyed hashes)
    townships: dict = field(default_factory=dict)   # county -> its township rows, for the annex (optional)

    @property
    def is_empty(self) -> bool:
        """No county sent figures of this month."""
        return not any(row.reported for row in self.rows)


def county_row(code: str, name: Text, figures: list[dict]) -> CountyRow:
    """A county's row from its townships' figures (the rows of province_figures)."""
    def total(key):
        return sum(int(row[key]) for row in figures)

    def total_or_none(key):
        values = [row[key] for row in figures if row[key] is not None]
        return sum(values) if values else None

    return CountyRow(code=code, name=name, task=total("task"),
                     task_set_by_county=all(row["task_set_by_county"] for row in figures),
                     present=total("present"), villages=total("villages"), villages_covered=total("villages_covered"),
                     changes_in_month=total("changes_in_month"), feedback_received=total_or_none("feedback_received"),
                     feedback_in_time=total_or_none("feedback_in_time"), receipt_sent=total("receipt_sent"),
                     receipt_imported=total("receipt_imported"), reported=bool(figures), townships=len(figures))


def build(province: str, province_name: Text, month: str, counties: dict[str, tuple[Text, list[dict]]],
          duplicates: int = 0, *, with_townships: bool = False) -> ProvincialCircular:
    """The circular of `month` from {county: (name, its townships' figures of the month)}; a
    county with no figures is listed as having sent nothing. `with_townships` adds the annex of
    every county's townships (each county prints its own circular of them, so it is optional: for
    a province of 3,400 townships it is a hundred pages and most of the printing time)."""
    date_from, date_to, _next = month_bounds(month)
    rows = [county_row(code, name, figures) for code, (name, figures) in sorted(counties.items())]
    rows.sort(key=lambda row: (-row.targets_met, -row.score, row.code))
    for position, row in enumerate(rows, 1):
        row.rank = position
    notes = [Text("A county's rates are those of its townships' sums: records present over the sum of the tasks, "
                  "villages covered over villages, and so on.",
                  "各县比率按所辖乡镇数据合计计算：在册记录总数 ÷ 任务总数，覆盖村街总数 ÷ 村街总数，其余类推。")]
    if any(row.reported and not row.task_set_by_county for row in rows):
        notes.append(Text("Tasks marked * include default tasks (10 % of the sample resident population) that the "
                          "county has not set.", "标 * 的任务数含县里尚未下达的默认任务（样例常住人口的 10%）。"))
    notes.append(Text.counted(duplicates, "{n} person is registered in two counties, as the counties' latest "
                              "bundles hold them (found by keyed hashes of the ID numbers, never the numbers).",
                              "{n} people are registered in two counties, as the counties' latest bundles hold "
                              "them (found by keyed hashes of the ID numbers, never the numbers).",
                              "按各县最新报送的数据，在两个县重复登记的人员共 {n} 人（按身份证号的加密比对码查出，不含号码本身）。"))
    return ProvincialCircular(county=province, county_name=province_name, month=month[:7], date_from=date_from,
                              date_to=date_to, built_at=now_iso(), rows=rows, notes=notes,
                              duplicates=duplicates,
                              townships={code: figures for code, (_name, figures) in counties.items()}
                              if with_townships else {})
