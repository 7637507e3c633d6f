"""A test fails when it logs an unexpected WARNING or worse (after qutebrowser's tests/helpers/logfail.py).

A warning or error in the log is something a clerk's support person would read as trouble; a test
that causes one without saying so hides it. Say so with a marker:

    @pytest.mark.allow_log("township.sync", "refused", level="WARNING")

(logger name prefix, a regular expression searched in the message, the lowest level allowed;
repeat the marker for several), or inside a test with the `allow_log` fixture:
`allow_log("township.store", "damaged")`. As in qutebrowser, a record at exactly the level
`caplog.at_level(...)` set on its logger (or the root logger) is expected too.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass

import pytest

MIN_LEVEL = logging.WARNING


@dataclass(frozen=True)
class Allowed:
    logger: str = ""
    match: str = ""
    level: int = logging.CRITICAL

    def covers(self, record: logging.LogRecord) -> bool:
        name_ok = not self.logger or record.name == self.logger or record.name.startswith(self.logger + ".")
        return (name_ok and record.levelno <= self.level
                and re.search(self.match, record.getMessage()) is not None)


def _level(value) -> int:
    return value if isinstance(value, int) else logging.getLevelName(value.upper())


class LogFailHandler(logging.Handler):
    """Collects the WARNING-or-worse records that no allowance covers."""

    def __init__(self):
        super().__init__(logging.NOTSET)
        self.allowed: list[Allowed] = []
        self.unexpected: list[logging.LogRecord] = []
        self._lock_list = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno < MIN_LEVEL:
            return
        if record.levelno in (logging.getLogger(record.name).level, logging.getLogger().level):
            return   # caplog.at_level(...) was used with this record's level: it was expected
        if any(allowed.covers(record) for allowed in self.allowed):
            return
        with self._lock_list:
            self.unexpected.append(record)

    def take(self) -> list[logging.LogRecord]:
        with self._lock_list:
            found, self.unexpected = self.unexpected, []
        return found


_handler = LogFailHandler()


def install() -> None:
    root = logging.getLogger()
    # below WARNING, so that only caplog.at_level(...) puts the root logger at a failing level
    root.setLevel(logging.INFO)
    root.addHandler(_handler)


def begin(item: pytest.Item) -> None:
    _handler.take()
    _handler.allowed = [Allowed(*marker.args, level=_level(marker.kwargs.get("level", logging.CRITICAL)))
                        for marker in item.iter_markers("allow_log")]


def check(when: str) -> None:
    found = _handler.take()
    if found:
        lines = "\n".join(f"  {r.name} {r.levelname}: {r.getMessage()}" for r in found)
        pytest.fail(f"unexpected log records during {when} (allow them with @pytest.mark.allow_log):\n{lines}",
                    pytrace=False)


@pytest.fixture
def allow_log():
    """allow_log(logger_prefix, regex, level="CRITICAL"): allow matching records for the rest of the test."""
    def allow(logger: str = "", match: str = "", level="CRITICAL") -> None:
        _handler.allowed.append(Allowed(logger, match, _level(level)))
    return allow
