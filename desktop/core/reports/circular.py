"""The county's monthly circular (通报): every township ranked on the four measures of DOMAIN.md.

One row per township of the county's code list, including those that sent nothing that month
(they are named, not left out). The formulas are ours and are printed on the page (MEASURES).
Records are read from the county's merged store (the `records` table holds every township's
records, each with its owning `township`).

Ranking (ours): more targets met first; then the mean of the measured rates (each capped at
100 %, so over-entry cannot hide a weak feedback rate); then the township code. A rate whose
denominator is zero (no requests received, nothing sent) is "not measured": it neither meets nor
misses its target.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from desktop.core.clock import now_iso
from desktop.core.codelists import codelists_divisions
from desktop.core.errors import UserError
from desktop.core.exchange import exchange
from desktop.core.forms import roles
from desktop.core.i18n import Text
from desktop.core.progress import Progress, ensure
from desktop.core.quality import keying
from desktop.core.reports import names, sources, tasks
from desktop.core.store import tallies
from desktop.core.store.db import Database

POPULATION_FORM = "floating_population"


@dataclass(frozen=True)
class Measure:
    key: str
    name: Text
    formula: Text
    target: float
    short: Text          # column heading


MEASURES = (
    Measure("entry", Text("Entry rate", "入库率"),
            Text("records present / task assigned by the county",
                 "在册记录数 ÷ 县下达任务数"), 0.90, Text("Entry", "入库率")),
    Measure("coverage", Text("Coverage", "覆盖率"),
            Text("villages with at least one current record / villages of the township",
                 "有在册记录的村街数 ÷ 本乡镇村街总数"), 0.90, Text("Coverage", "覆盖率")),
    Measure("feedback", Text("Cross-check feedback rate", "协查反馈率"),
            Text("requests answered within the deadline / requests received in the month",
                 "按期反馈的协查数 ÷ 本月收到的协查数"), 0.80, Text("Feedback", "反馈率")),
    Measure("receipt", Text("Receipt rate", "网络化协作信息接收率"),
            Text("items sent to the township that it imported / items sent in the month",
                 "乡镇已导入的下发信息数 ÷ 本月下发信息数"), 0.65, Text("Receipt", "接收率")),
)
MEASURE_BY_KEY = {m.key: m for m in MEASURES}
RECORDS_PRESENT = Text(
    "Records present: current, completed floating-population records whose person has not left, "
    "entered by the end of the month.",
    "在册记录：截至月末录入、已完成、未删除且人员未离开的流动人口登记记录。")


@dataclass
class TownshipRow:
    code: str
    name: Text
    task: int
    task_set_by_county: bool
    present: int
    villages: int
    villages_covered: int
    changes_in_month: int
    feedback_received: int | None = None
    feedback_in_time: int | None = None
    receipt_sent: int = 0
    receipt_imported: int = 0
    rank: int = 0

    @property
    def rates(self) -> dict[str, float | None]:
        def ratio(numerator, denominator):
            return None if not denominator else numerator / denominator
        return {"entry": ratio(self.present, self.task),
                "coverage": ratio(self.villages_covered, self.villages),
                "feedback": ratio(self.feedback_in_time, self.feedback_received),
                "receipt": ratio(self.receipt_imported, self.receipt_sent)}

    @property
    def below_target(self) -> list[str]:
        return [key for key, rate in self.rates.items()
                if rate is not None and rate < MEASURE_BY_KEY[key].target]

    @property
    def targets_met(self) -> int:
        return sum(1 for key, rate in self.rates.items()
                   if rate is not None and rate >= MEASURE_BY_KEY[key].target)

    @property
    def score(self) -> float:
        measured = [min(rate, 1.0) for rate in self.rates.values() if rate is not None]
        return sum(measured) / len(measured) if measured else 0.0

    @property
    def sent_nothing(self) -> bool:
        """No record of this township was created or changed during the month."""
        return self.changes_in_month == 0


@dataclass
class Circular:
    level: ClassVar[str] = "county"   # whose units are ranked: townships (the province's: provincial.py)
    county: str
    county_name: Text
    month: str                 # YYYY-MM
    date_from: str
    date_to: str
    built_at: str
    rows: list[TownshipRow]    # in rank order
    notes: list[Text] = field(default_factory=list)
    keying: dict = field(default_factory=dict)   # township -> desktop.core.quality.keying.Keying (the annex)

    @property
    def is_empty(self) -> bool:
        """No township has any record and nothing changed in the month."""
        return all(row.present == 0 and row.changes_in_month == 0 for row in self.rows)

    @property
    def silent(self) -> list[TownshipRow]:
        return [row for row in self.rows if row.sent_nothing]


BAD_MONTH = Text("{value} is not a month; write it as YYYY-MM.", "{value} 不是月份，请写成 YYYY-MM。")


def month_bounds(month: str) -> tuple[str, str, str]:
    """(first day, last day, first day of the next month) as YYYY-MM-DD."""
    try:
        first = dt.date.fromisoformat(f"{month}-01")
    except (TypeError, ValueError):
        raise UserError(BAD_MONTH.format(value=month), code="bad-month") from None
    following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return first.isoformat(), (following - dt.timedelta(days=1)).isoformat(), following.isoformat()


PRESENT_WHERE = ("form_id = ? AND deleted = 0 AND status = 'complete' AND created_at < ? "
                 "AND coalesce({status}, 'present') != 'left'")


def build(db: Database, county: str, month: str, divisions=None, forms=None, *,
          progress: Progress | None = None) -> Circular:
    """The circular of `month`; townships, villages (for coverage) and names from `divisions` (the
    installation's list, codelists_divisions.for_data_dir) or the shipped list. The village and
    present/left fields are those with the village and status roles in `forms` (a FormRegistry
    or FormDefinitions; default: the names of the shipped form). `progress` hears the townships
    done; it only reads, so it may be cancelled at any township."""
    progress = ensure(progress)
    status_sql = roles.sql_value(roles.STATUS, roles.names_by_form(forms, roles.STATUS) if forms else None)
    village_sql = roles.sql_value(roles.VILLAGE, roles.names_by_form(forms, roles.VILLAGE) if forms else None)
    present_where = PRESENT_WHERE.format(status=status_sql)
    divisions = divisions or codelists_divisions.shipped()
    date_from, date_to, next_month = month_bounds(month)
    division = divisions.find(county)
    if division is None or division.level != "county":
        raise UserError(Text("{code} is not a county code in the code list.",
                             "{code} 不是代码表中的县代码。").format(code=county), code="bad-code")
    if tallies.covers_roles(village_sql, status_sql):
        # every form keeps its village and present/left under the fallback names: the store's
        # tallies hold these counts, so the circular does not read every record (76 s at 1M)
        present = tallies.present_by_township(db, POPULATION_FORM, next_month[:7])
        covered = tallies.villages_by_township(db, POPULATION_FORM, next_month[:7])
    else:
        present = dict(db.execute(
            f"SELECT township, count(*) FROM records WHERE {present_where} GROUP BY township",
            [POPULATION_FORM, next_month]).fetchall())
        covered = {}
        for township, village in db.execute(
                f"SELECT DISTINCT township, {village_sql} FROM records WHERE {present_where}",
                [POPULATION_FORM, next_month]):
            covered.setdefault(township, set()).add(village)
    # a range of the index of the latest change by township (records_updated_township)
    changed = dict(db.execute(
        "SELECT township, count(*) FROM records WHERE updated_at >= ? AND updated_at < ? GROUP BY township",
        [date_from, next_month]).fetchall())
    assigned = tasks.tasks(db, county, divisions)
    rows = []
    townships = divisions.children(county, "township")
    label = Text("measuring the townships", "统计各乡镇")
    for number, township in enumerate(townships):
        progress(number, len(townships), label)
        progress.check()
        villages = {v.code for v in divisions.children(township.code, "village")}
        task, by_county = assigned[township.code]
        feedback = sources.crosscheck_feedback(db, township.code, date_from, date_to)
        receipt = exchange.receipt_counts(db, township.code, date_from, date_to)
        rows.append(TownshipRow(
            code=township.code, name=names.division_name(township.code, divisions), task=task,
            task_set_by_county=by_county, present=present.get(township.code, 0), villages=len(villages),
            villages_covered=len(covered.get(township.code, set()) & villages),
            changes_in_month=changed.get(township.code, 0),
            feedback_received=feedback["received"], feedback_in_time=feedback["answered_in_time"],
            receipt_sent=receipt["sent"], receipt_imported=receipt["imported"]))
    progress(len(townships), len(townships), label)
    rows.sort(key=lambda row: (-row.targets_met, -row.score, row.code))
    for position, row in enumerate(rows, 1):
        row.rank = position
    notes = []
    if any(not row.task_set_by_county for row in rows):
        notes.append(Text("Tasks marked * are the default (10 % of the sample resident population); "
                          "the county has not set them.",
                          "标 * 的任务数为默认值（样例常住人口的 10%），县里尚未下达。"))
    return Circular(county=county, county_name=names.division_name(county, divisions), month=month[:7],
                    date_from=date_from, date_to=date_to, built_at=now_iso(), rows=rows,
                    notes=notes, keying=keying.per_township(db, date_from, date_to))
