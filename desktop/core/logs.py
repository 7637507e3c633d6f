"""Logging to a rotating file in the log folder, one named logger per subsystem.

Logs never hold ID numbers or names in the clear: code logs record ids, not values, and a filter
masks anything that still looks like a resident ID number (18 or 15 digits) or a mobile number,
as a second line of defence - in the message, and in the traceback (`exc_info`, whose text
carries the exception's message) and the stack (`stack_info`) written with it.

The rotating file is opened with the first line logged, not when logging is set up: a start
that logs nothing before its first window does not import logging.handlers (with socket and
pickle), which is a measurable part of the start-up budget (docs/PERFORMANCE.md).
"""

from __future__ import annotations

import logging
import os
import re
import threading
from pathlib import Path

_ID_NUMBER = re.compile(r"(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?!\d)")
_OLD_ID_NUMBER = re.compile(r"(?<!\d)(\d{6})\d{6}(\d{3})(?!\d)")   # the 15-digit ID of before 1999
_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")
_log_file: Path | None = None


def redact(text: str) -> str:
    text = _ID_NUMBER.sub(r"\1********\2", text)
    text = _OLD_ID_NUMBER.sub(r"\1******\2", text)
    return _MOBILE.sub(r"\1****\2", text)


class RedactingFilter(logging.Filter):
    """Masks the message, the traceback and the stack of every record before a handler formats it.

    The traceback is formatted here (as logging.Formatter would) and kept masked in
    `record.exc_text`, which every formatter writes instead of formatting `exc_info` again."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class RotatingFile(logging.Handler):
    """logging.handlers.RotatingFileHandler(path, 1 MB x 5 files), created on the first record."""

    def __init__(self, path: Path, max_bytes: int = 1_000_000, backups: int = 5):
        super().__init__()
        self.path, self.max_bytes, self.backups = path, max_bytes, backups
        self._file: logging.Handler | None = None
        self._opening = threading.Lock()

    def file_handler(self) -> logging.Handler:
        with self._opening:
            if self._file is None:
                import logging.handlers

                handler = logging.handlers.RotatingFileHandler(
                    self.path, maxBytes=self.max_bytes, backupCount=self.backups, encoding="utf-8")
                handler.setFormatter(self.formatter)
                self._file = handler
            return self._file

    def emit(self, record: logging.LogRecord) -> None:
        try:
            handler = self.file_handler()
        except OSError:
            self.handleError(record)
            return
        handler.emit(record)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def setup_logging(log_dir: Path, level: int = logging.INFO) -> Path | None:
    """Send the `township.*` loggers to log_dir/township.log (1 MB x 5 files); returns the file,
    or None when the folder cannot be written (the app still runs; the failure it meets will say why)."""
    global _log_file
    path = log_dir / "township.log"
    root = logging.getLogger("township")
    if _log_file == path:
        return path
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        if not os.access(log_dir, os.W_OK):
            return None
        handler = RotatingFile(path)
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
