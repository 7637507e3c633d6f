"""Entry tasks: how many records the county expects from each township (the entry rate's denominator).

The county sets them (`township tasks set CODE N`), kept in the setting `entry_tasks` as
{township code: n}; each change is a "task" event in the audit trail (township, old, new). A township without one gets the default: 10 % of its resident population
(DOMAIN.md), from the sample figures in resources/reports/sample_population.csv until the county
enters its own.
"""

from __future__ import annotations

import csv
from functools import cache

from desktop.core.codelists import codelists_divisions
from desktop.core.errors import UserError
from desktop.core.i18n import Text
from desktop.core.paths import resource
from desktop.core.store import audit, settings
from desktop.core.store.db import Database, transaction

SETTING = "entry_tasks"
DEFAULT_SHARE = 0.10


@cache
def sample_population() -> dict[str, int]:
    with open(resource("reports", "sample_population.csv"), encoding="utf-8", newline="") as handle:
        return {row["code"]: int(row["resident_population"]) for row in csv.DictReader(handle)}


def default_task(code: str) -> int:
    return round(sample_population().get(code, 0) * DEFAULT_SHARE)


def tasks(db: Database, county: str, divisions=None) -> dict[str, tuple[int, bool]]:
    """{township code: (task, set_by_county)} for every township of the county (from `divisions`,
    the installation's list, or the shipped one)."""
    assigned = settings.get(db, SETTING, {}) or {}
    result = {}
    for township in (divisions or codelists_divisions.shipped()).children(county, "township"):
        if township.code in assigned:
            result[township.code] = (int(assigned[township.code]), True)
        else:
            result[township.code] = (default_task(township.code), False)
    return result


def set_task(db: Database, code: str, task: int, divisions=None, *, clerk: str) -> None:
    division = (divisions or codelists_divisions.shipped()).find(code)
    if division is None or division.level != "township":
        raise UserError(Text("{code} is not a township code in the code list.",
                             "{code} 不是代码表中的乡镇代码。").format(code=code), code="bad-code")
    if task <= 0:
        raise UserError(Text("A task must be a positive number of records.", "任务数必须是正整数。"),
                        code="bad-task")
    with transaction(db):
        assigned = dict(settings.get(db, SETTING, {}) or {})
        before = assigned.get(code)
        assigned[code] = int(task)
        settings.put(db, SETTING, assigned)
        audit.append(db, "task", clerk=clerk, details={"township": code, "task": [before, int(task)]})
