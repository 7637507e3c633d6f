"""Seeding report databases through the real save path (records.save), with a moved clock."""

from __future__ import annotations

import os
from contextlib import contextmanager

from desktop.core.store import records

DAY = "2026-11-20"
FORM = "floating_population"
VILLAGES = ["131025100001", "131025100002", "131025100003", "131025100004"]


@contextmanager
def clock(moment: str):
    """Fix desktop.core.clock for the block (TOWNSHIP_FAKE_NOW), restoring what was there."""
    old = os.environ.get("TOWNSHIP_FAKE_NOW")
    os.environ["TOWNSHIP_FAKE_NOW"] = moment
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("TOWNSHIP_FAKE_NOW", None)
        else:
            os.environ["TOWNSHIP_FAKE_NOW"] = old


def save(db, *, at: str, clerk: str, village: str | None, township: str = "131025100", form: str = FORM,
         status: str = "complete", record_id=None, reason=None, overrides=None, fields: dict | None = None):
    with clock(at):
        fields = {"name": "张三", **(fields or {})}
        if village is not None:
            fields["village"] = village
        return records.save(db, form_id=form, form_version="1", township=township, values=fields,
                            clerk=clerk, status=status, record_id=record_id, reason=reason, overrides=overrides)


def delete(db, record_id: str, *, at: str, clerk: str, reason: str):
    with clock(at):
        return records.delete(db, record_id, clerk=clerk, reason=reason)


def seed_township_day(db) -> dict:
    """A day of work at 平舒镇 by two clerks, with a day before and after that must not count.

    Returns the figures the summary of DAY must show."""
    # the day before: two records, one draft that stays open
    before = save(db, at="2026-11-19T10:00:00+08:00", clerk="王丽", village=VILLAGES[0])
    draft_old = save(db, at="2026-11-19T11:00:00+08:00", clerk="王丽", village=VILLAGES[1], status="draft")
    # DAY: 王丽 creates 5 (3 in 东街村, 2 in 西街村), 李强 creates 3 in 南关村 of which 1 draft
    made = []
    for i in range(3):
        made.append(save(db, at=f"{DAY}T08:{10 + i}:00+08:00", clerk="王丽", village=VILLAGES[0]))
    for i in range(2):
        made.append(save(db, at=f"{DAY}T09:{10 + i}:00+08:00", clerk="王丽", village=VILLAGES[1],
                         overrides={"arrival_date": "来本地时间经村委会核实"} if i == 0 else None))
    for i in range(2):
        made.append(save(db, at=f"{DAY}T14:0{i}:00+08:00", clerk="李强", village=VILLAGES[2]))
    draft_new = save(db, at=f"{DAY}T14:30:00+08:00", clerk="李强", village=VILLAGES[2], status="draft")
    # an edit of yesterday's record and the completion of yesterday's draft
    save(db, at=f"{DAY}T15:00:00+08:00", clerk="李强", village=VILLAGES[0], record_id=before.id,
         reason="电话号码更正", fields={"phone": "13800000000"})
    save(db, at=f"{DAY}T15:20:00+08:00", clerk="王丽", village=VILLAGES[1], record_id=draft_old.id,
         overrides={"marital_status": "结婚证已核验"})
    # a deletion
    delete(db, made[0].id, at=f"{DAY}T16:00:00+08:00", clerk="王丽", reason="重复登记")
    # the day after
    save(db, at="2026-11-21T09:00:00+08:00", clerk="王丽", village=VILLAGES[3])
    return {"created": 8, "edited": 2, "completed": 8, "deleted": 1, "drafts": 1, "overridden": 2,
            "draft_new": draft_new.id}



def seed_county_month(db) -> dict:
    """A county store holding townships' records up to November 2026; returns expected figures.

    平舒镇 131025100: 9 present in November over 4 of its 5 villages; plus one who left, one
    deleted and one draft (none of them present).
    旺村镇 131025101: 4 present, all in one of its 4 villages, entered in November.
    大尚屯镇 131025102: 2 present, entered in October only, so it sent nothing in November.
    The other seven townships have nothing.
    """
    for i in range(9):
        save(db, at=f"2026-11-{3 + i:02d}T09:00:00+08:00", clerk="王丽", village=VILLAGES[i % 4])
    left = save(db, at="2026-11-13T09:00:00+08:00", clerk="王丽", village=VILLAGES[1])
    save(db, at="2026-11-14T09:00:00+08:00", clerk="王丽", village=VILLAGES[1], record_id=left.id,
         reason="已离开", fields={"status": "left"})
    gone = save(db, at="2026-11-15T09:00:00+08:00", clerk="王丽", village="131025100005")
    delete(db, gone.id, at="2026-11-15T10:00:00+08:00", clerk="王丽", reason="重复登记")
    save(db, at="2026-11-16T09:00:00+08:00", clerk="王丽", village="131025100005", status="draft")
    for i in range(4):
        save(db, at=f"2026-11-{5 + i:02d}T10:00:00+08:00", clerk="刘芳", village="131025101001",
             township="131025101")
    for i in range(2):
        save(db, at=f"2026-10-{10 + i:02d}T10:00:00+08:00", clerk="陈刚", village="131025102001",
             township="131025102")
    return {"131025100": {"present": 9, "covered": 4, "villages": 5},
            "131025101": {"present": 4, "covered": 1, "villages": 4},
            "131025102": {"present": 2, "covered": 1, "villages": 3}}
