"""Problems seeded into a generated county (tests/helpers/bigcounty.py), so a scan has something
to find: records that break the floating-population form's entry rules in every way the rules
can fail on stored data (wrong check digit, sex or birth date not the ID's, codes not in their
lists, required fields absent, dates out of order, text the type cannot read, a family member's
bad ID), records that only earn warnings (which a scan must not report), values the engine
normalises before it checks them (full-width digits, a lower-case x, spaces), and a record of a
form the county does not hold. The re-registrations bigcounty builds give the duplicates.

Written straight into the records' JSON, as a bundle from an older or broken township would
leave them: the test store, not the records writer, is what is being set up here.
"""

from __future__ import annotations

import json

from tests.helpers.bigcounty import _WEIGHTS

FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def _wrong_check(pid: str) -> str:
    return pid[:17] + ("0" if pid[17] != "0" else "1")


def _young(values: dict) -> dict:
    """A child born 2015-06-15 (a valid ID, the sex and birth date agreeing with it)."""
    body = "13102520150615" + values["id_number"][14:17]
    pid = body + "10X98765432"[sum(int(c) * w for c, w in zip(body, _WEIGHTS, strict=True)) % 11]
    return {"id_number": pid, "sex": "1" if int(pid[16]) % 2 else "2", "birth_date": "2015-06-15"}


# each changes a record's values; the comment says what a scan finds (or must not)
PROBLEMS = (
    lambda v: {"id_number": _wrong_check(v["id_number"])},                 # id constraint (and no sex/birth fault)
    lambda v: {"sex": "2" if v["sex"] == "1" else "1"},                     # sex not the ID's
    lambda v: {"birth_date": "1990-02-03"},                                 # birth date not the ID's
    lambda v: {"village": "131025999999"},                                  # not one of the choices
    lambda v: {"name": ""},                                                 # required
    lambda v: {"name": "张三3"},                                              # name constraint
    lambda v: {"phone": "12345"},                                           # phone constraint
    lambda v: {"arrival_date": "1949-01-01"},                               # arrival before birth (and a warning)
    lambda v: {"status": "left"},                                           # left_date required once relevant
    lambda v: {"status": "left", "left_date": "2019-01-01"},                # left before arrival
    lambda v: {"birth_date": "1985.3.2"},                                   # type: not a YYYY-MM-DD date
    lambda v: {**_young(v), "marital_status": "20"},                        # warning only: married under age
    lambda v: {"arrival_date": v["birth_date"]},                            # warning only: here over 30 years, or none
    lambda v: {"hukou_address": "abc"},                                     # shorter than 4
    lambda v: {"ethnicity": "99"},                                          # not one of the choices
    lambda v: {"arrival_date": "2999-01-01"},                               # after today
    lambda v: {"family": [{"member_name": "", "member_relationship": "zz",
                           "member_id_number": _wrong_check(v["id_number"])},
                          {"member_name": "李四", "member_relationship": "",
                           "member_id_number": v["id_number"]}]},           # a family's required, choice, ID faults
    lambda v: {"remarks": "长" * 201},                                        # longer than 200
    lambda v: {"move_reason": None},                                        # required (null in the JSON)
    lambda v: {"sex": ""},                                                  # required
    lambda v: {"id_number": v["id_number"].translate(FULL_WIDTH)},          # none: full-width digits read half-width
    lambda v: {"id_number": " " + v["id_number"].lower() + " "},            # none: trimmed, upper-cased
    lambda v: {**_young(v), "employer": "某厂"},                              # warning only: employed under 16
    lambda v: {"birth_date": 19850302},                                     # type: a number in a date field
    lambda v: {"age": "abc", "family_count": 7},                            # none: calculations are recomputed
    lambda v: {"phone": "０３１６-５８２１２３４"},                              # none: a full-width landline
    lambda v: {"name": ["张", "三"], "hukou_address": {"省": "河北"}},              # a list and an object as text
    lambda v: {"sex": True, "id_number": 131025},                           # a boolean and a number as codes
)


def seed(db, *, every: int = 37, unknown_form_every: int = 1999) -> dict[str, str]:
    """Change every `every`-th complete record (in rowid order) by the next of PROBLEMS, and move
    every `unknown_form_every`-th record to a form the county does not hold; returns
    {record id: what was done}. One transaction."""
    done: dict[str, str] = {}
    rows = db.execute("SELECT rowid, id, data FROM records WHERE status = 'complete' AND deleted = 0 "
                      "ORDER BY rowid").fetchall()
    db.execute("BEGIN IMMEDIATE")
    try:
        for number, (rowid, record_id, data) in enumerate(rows):
            if number and number % unknown_form_every == 0:
                db.execute("UPDATE records SET form_id = 'no_such_form' WHERE rowid = ?", [rowid])
                done[record_id] = "unknown form"
            elif number % every == every - 1:
                which = (number // every) % len(PROBLEMS)
                values = json.loads(data)
                values.update(PROBLEMS[which](values))
                db.execute("UPDATE records SET data = ? WHERE rowid = ?",
                           [json.dumps(values, ensure_ascii=False, sort_keys=True), rowid])
                done[record_id] = f"problem {which}"
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    return done
