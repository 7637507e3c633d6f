"""Logging to one file a day in the log folder, one named logger per subsystem.

Logs never hold ID numbers or names in the clear: code logs record ids, not values, and a filter
masks anything that still looks like a resident ID number (18 or 15 digits), a mobile number or
a name or address (every run of two or more Chinese characters keeps its first: 张伟 -> 张*), as
a second line of defence - in the message, and in the traceback (`exc_info`, whose text carries
the exception's message) and the stack (`stack_info`) written with it.

Keeping (the Cybersecurity Law, art. 21: at least six months): `township.log` holds the lines of
its day; the first line of a later day renames it `township-YYYY-MM-DD.log` (a day over
DAY_BYTES continues in `township-YYYY-MM-DD.N.log`). Nothing younger than KEEP_DAYS (six months
and a few days) is ever removed. Older files stay too until the folder holds more than CAP_BYTES;
then the oldest of them go, one by one, until it fits. When the files of the last six months alone
pass the cap they are all kept (the law wins over the cap; at the app's few kilobytes a day that
takes a runaway writer, which DAY_BYTES bounds to a day's worth). Dates come from
desktop.core.clock (the fake clock in tests).

The file is opened with the first line logged, not when logging is set up: a start that logs
nothing before its first window opens no file.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

_ID_NUMBER = re.compile(r"(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?!\d)")
_OLD_ID_NUMBER = re.compile(r"(?<!\d)(\d{6})\d{6}(\d{3})(?!\d)")   # the 15-digit ID of before 1999
_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")
# runs of Chinese characters (CJK unified ideographs, extension A, compatibility): names, addresses
_CHINESE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")
_log_file: Path | None = None

KEEP_DAYS = 186                 # six months and a few days: nothing younger is removed
CAP_BYTES = 100 * 1024 * 1024   # the folder's size at which files older than KEEP_DAYS are removed
DAY_BYTES = 10 * 1024 * 1024    # a day's file continues in the next part beyond this


def redact(text: str) -> str:
    text = _ID_NUMBER.sub(r"\1********\2", text)
    text = _OLD_ID_NUMBER.sub(r"\1******\2", text)
    return _MOBILE.sub(r"\1****\2", text)


def redact_log(text: str) -> str:
    """`redact`, and every run of Chinese characters masked but its first (names, addresses)."""
    return _CHINESE.sub(lambda m: m.group(0)[0] + "*" * (len(m.group(0)) - 1), redact(text))


class RedactingFilter(logging.Filter):
    """Masks the message, the traceback and the stack of every record before a handler formats it.

    The traceback is formatted here (as logging.Formatter would) and kept masked in
    `record.exc_text`, which every formatter writes instead of formatting `exc_info` again."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact_log(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_log(record.exc_text)
        if record.stack_info:
            record.stack_info = redact_log(record.stack_info)
        return True


_DATED = re.compile(r"^township-(\d{4}-\d{2}-\d{2})(?:\.(\d+))?\.log$")


class DailyFiles(logging.Handler):
    """`path` (township.log) for the lines of one day, renamed with its date at the first line of
    a later day; the folder kept within `cap_bytes` by removing files older than `keep_days`
    only (see the module). Opened with the first record."""

    def __init__(self, path: Path, *, keep_days: int = KEEP_DAYS, cap_bytes: int = CAP_BYTES,
                 day_bytes: int = DAY_BYTES):
        super().__init__()
        self.path, self.keep_days, self.cap_bytes, self.day_bytes = Path(path), keep_days, cap_bytes, day_bytes
        self._stream = None
        self._day: str | None = None     # the day township.log holds

    # -- the files -----------------------------------------------------------------------------
    def dated_files(self) -> list[tuple[str, int, Path]]:
        """(day, part, path) of every dated file, oldest first."""
        found = []
        for entry in self.path.parent.iterdir():
            match = _DATED.match(entry.name)
            if match:
                found.append((match.group(1), int(match.group(2) or 0), entry))
        return sorted(found)

    def _today(self) -> str:
        from desktop.core.clock import today

        return today().isoformat()

    def _open(self) -> None:
        if self._day is None:
            import datetime as dt

            try:   # the day of a township.log left by an earlier run: its last change
                self._day = dt.date.fromtimestamp(self.path.stat().st_mtime).isoformat()
            except OSError:
                self._day = self._today()
        self._stream = open(self.path, "a", encoding="utf-8")  # noqa: SIM115 - kept open across records

    def _close(self) -> None:
        if self._stream is not None:
            self._stream.close()
            self._stream = None

    def _roll(self, today: str) -> None:
        """Rename township.log with the day it holds (a further part if that name is taken)."""
        self._close()
        day = self._day or today
        parts = [part for d, part, _ in self.dated_files() if d == day]
        name = f"township-{day}.log" if not parts else f"township-{day}.{max(parts) + 1}.log"
        try:
            if self.path.exists() and self.path.stat().st_size:
                os.replace(self.path, self.path.with_name(name))
        except OSError:   # another process has it open (Windows): keep writing, try on the next day
            pass
        self._day = today
        self.prune(today)

    def prune(self, today: str | None = None) -> list[Path]:
        """Remove files older than keep_days, oldest first, while the folder holds more than
        cap_bytes; returns the removed files."""
        import datetime as dt

        today = today or self._today()
        oldest_kept = (dt.date.fromisoformat(today) - dt.timedelta(days=self.keep_days)).isoformat()
        files = self.dated_files()
        sizes = {path: path.stat().st_size for _, _, path in files}
        try:
            total = sum(sizes.values()) + (self.path.stat().st_size if self.path.exists() else 0)
        except OSError:
            total = sum(sizes.values())
        removed = []
        for day, _part, path in files:
            if total <= self.cap_bytes or day >= oldest_kept:
                break
            try:
                path.unlink()
            except OSError:
                continue
            total -= sizes[path]
            removed.append(path)
        return removed

    # -- logging.Handler -------------------------------------------------------------------------
    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = self.format(record) + "\n"
            today = self._today()
            if self._stream is None:
                self._open()
            if self._day != today or self._stream.tell() > self.day_bytes:
                self._roll(today)
                self._open()
            self._stream.write(text)
            self._stream.flush()
        except Exception:  # noqa: BLE001 - logging must never break the app (logging's own rule)
            self.handleError(record)

    def flush(self) -> None:
        if self._stream is not None:
            self._stream.flush()

    def close(self) -> None:
        self._close()
        super().close()


def setup_logging(log_dir: Path, level: int = logging.INFO) -> Path | None:
    """Send the `township.*` loggers to log_dir/township.log (one file a day, kept six months:
    DailyFiles); returns the file, or None when the folder cannot be written (the app still runs;
    the failure it meets will say why)."""
    global _log_file
    path = log_dir / "township.log"
    root = logging.getLogger("township")
    if _log_file == path:
        return path
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        if not os.access(log_dir, os.W_OK):
            return None
        handler = DailyFiles(path)
    except OSError:
        return None
    for old in list(root.handlers):
        root.removeHandler(old)
        old.close()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    root.addHandler(handler)
    root.setLevel(level)
    _log_file = path
    return path


def log_file_hint() -> str:
    return str(_log_file) if _log_file else "(no log file)"
