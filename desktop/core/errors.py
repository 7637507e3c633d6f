"""The two kinds of failure (DESIGN.md, convention 3).

`UserError` is the user's or the environment's doing (bad input, stick removed, disk full, bad
signature, unknown form): it carries a `Text` that is shown as it is, in the user's language,
with no traceback. Anything else that escapes is a bug: logged with its traceback, and the user
is told where the log is.
"""

from __future__ import annotations

from desktop.core.i18n import Text


class UserError(Exception):
    """A failure to report plainly; `text` says what happened and, where possible, what to do."""

    exit_code = 1

    def __init__(self, text: Text, *, code: str = "error"):
        super().__init__(text.en)
        self.text = text
        self.code = code

    def __str__(self) -> str:
        return str(self.text)


class DataDirError(UserError):
    """The data folder is missing, not initialised, read-only or holds a damaged database."""


class StorageFullError(UserError):
    """The disk (or the database's size limit) is full; the save was rolled back."""


class RecordRejected(UserError):
    """A record broke the entry rules; `violations` lists every problem."""

    def __init__(self, text: Text, violations=()):
        super().__init__(text, code="rejected")
        self.violations = list(violations)


class PermissionDenied(UserError):
    """The signed-in clerk's role does not allow this action."""
