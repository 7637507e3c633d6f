"""The log is kept six months: one file a day, nothing younger than six months removed; older
files go, oldest first, only once the folder passes its cap. Names and ID numbers in a traceback
are masked. Through the real logging set-up writing real files, with the fake clock."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from desktop.core import logs

START = dt.date(2026, 1, 1)


@pytest.fixture
def township_log(tmp_path, monkeypatch):
    """setup_logging into tmp_path/logs; `day(n)` moves the clock to START + n days."""
    root = logging.getLogger("township")
    saved_handlers, saved_level, saved_file = list(root.handlers), root.level, logs._log_file
    for handler in saved_handlers:
        root.removeHandler(handler)
    logs._log_file = None
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", f"{START.isoformat()}T09:00:00+08:00")
    path = logs.setup_logging(tmp_path / "logs")
    [handler] = root.handlers

    def day(n: int) -> str:
        when = START + dt.timedelta(days=n)
        monkeypatch.setenv("TOWNSHIP_FAKE_NOW", f"{when.isoformat()}T09:00:00+08:00")
        return when.isoformat()

    yield path, handler, day
    for h in list(root.handlers):
        root.removeHandler(h)
        h.close()
    for h in saved_handlers:
        root.addHandler(h)
    root.setLevel(saved_level)
    logs._log_file = saved_file


def _names(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_one_file_a_day_and_every_day_of_eight_months_kept_under_the_cap(township_log):
    path, handler, day = township_log
    log = logging.getLogger("township.keeping")
    written = []
    for n in range(0, 240, 3):                   # eight months, a day in three
        written.append(day(n))
        log.info("work of %s", written[-1])
    day(240)
    log.info("today")
    names = _names(path.parent)
    assert names == sorted([f"township-{d}.log" for d in written] + ["township.log"])
    assert (path.parent / f"township-{written[0]}.log").read_text("utf-8").endswith(f"work of {written[0]}\n")
    assert path.read_text("utf-8").endswith("today\n")


def test_over_the_cap_only_files_older_than_six_months_go_oldest_first(township_log):
    path, handler, day = township_log
    log = logging.getLogger("township.keeping")
    line = "x" * 1000
    for n in range(0, 300, 10):                  # ten months, 30 files of about 10 KB
        day(n)
        for _ in range(10):
            log.info(line)
    files_before = [p for _, _, p in handler.dated_files()]
    assert len(files_before) == 29
    handler.cap_bytes = 250_000                   # about 24 of the 30 files
    today = day(300)
    log.info("the first line of a new day: the roll prunes")
    kept = handler.dated_files()
    six_months_ago = (dt.date.fromisoformat(today) - dt.timedelta(days=logs.KEEP_DAYS)).isoformat()
    removed = [p for p in files_before if not p.exists()]
    assert removed == files_before[:len(removed)] and 3 < len(removed) < 12   # the oldest first, only enough
    assert all(d < six_months_ago for d in (p.name[9:19] for p in removed))
    total = sum(p.stat().st_size for _, _, p in kept) + path.stat().st_size
    assert total <= handler.cap_bytes

    handler.cap_bytes = 10_000                    # the last six months alone pass it: all of them kept
    log.info("still today")
    day(301)
    log.info("next day")
    assert all(d >= six_months_ago for d, _, _ in handler.dated_files())
    assert sum(1 for d, _, _ in handler.dated_files() if d >= six_months_ago) == \
        sum(1 for p in files_before if p.name[9:19] >= six_months_ago) + 2     # and the days 290 and 300


def test_a_long_day_continues_in_a_second_part(township_log):
    path, handler, day = township_log
    handler.day_bytes = 5_000
    log = logging.getLogger("township.keeping")
    today = day(5)
    for _ in range(12):
        log.info("y" * 1000)
    parts = [(d, part) for d, part, _ in handler.dated_files()]
    assert parts and all(d == today for d, _ in parts) and [p for _, p in parts] == list(range(len(parts)))


def _enrol(person: dict) -> None:
    raise ValueError(f"cannot enrol {person['name']} ({person['id_number']}) at {person['address']}")


@pytest.mark.allow_log("township.keeping", "enrolment failed", level="ERROR")
def test_a_traceback_holding_a_name_and_an_id_is_masked(township_log):
    path, handler, _day = township_log
    person = {"name": "赵秀英", "id_number": "110101199003071234", "address": "东街村12号"}
    try:
        _enrol(person)
    except ValueError:
        logging.getLogger("township.keeping").exception("enrolment failed for %s", person["name"])
    handler.flush()
    text = path.read_text("utf-8")
    assert "Traceback (most recent call last)" in text and "ValueError: cannot enrol" in text
    for secret in ("赵秀英", "秀英", "110101199003071234", "东街村"):
        assert secret not in text, secret
    assert "enrolment failed for 赵**" in text and "cannot enrol 赵** (110101********1234) at 东**12号" in text
