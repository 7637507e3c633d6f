"""The app's idea of "now", in local time with its UTC offset.

Everything that stamps or compares times asks here, so tests (and a county rehearsing a month
end) can move the clock: TOWNSHIP_FAKE_NOW=2026-12-01T09:00:00+08:00 fixes it for a process,
which is how command-line tests across several processes share one faked clock.
"""

from __future__ import annotations

import os
from datetime import date, datetime


def now() -> datetime:
    fake = os.environ.get("TOWNSHIP_FAKE_NOW")
    if fake:
        moment = datetime.fromisoformat(fake)
        return moment if moment.tzinfo else moment.astimezone()
    return datetime.now().astimezone()


def now_iso() -> str:
    return now().isoformat(timespec="seconds")


def today() -> date:
    return now().date()
