"""Problems found in a form pack, gathered all at once: each names its sheet, row and column.

The loader (desktop.core.forms.loader) and the rules' compiler (desktop.core.rules.engine) both
report through a ProblemCollector, so a clerk sees every problem of a pack in one list.
"""

from __future__ import annotations

from desktop.core.forms.model import FormProblem
from desktop.core.i18n import Text

# other spellings of the survey columns we support, as seen in packs made elsewhere
COLUMN_ALIASES = {"calculate": "calculation", "read_only": "readonly", "relevance": "relevant",
                  "constraining_message": "constraint_message", "requiredmsg": "required_message"}


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: a column as the spreadsheet names it."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def base_column(header: str) -> tuple[str, str]:
    """`Label::中文 (zh)` -> ("label", "中文 (zh)"), with aliases spelled our way."""
    base, _, lang = header.partition("::")
    base = base.strip().lower()
    return COLUMN_ALIASES.get(base, base), lang.strip()


class ProblemCollector:
    """Collects problems (and warnings: what is ignored or defaulted while the form still loads);
    `column(sheet, header)` names a column as `header (B)`.

    `headers` are the canonical headers of each sheet in file order; `originals` maps a canonical
    header back to the spelling in the file, and `positions` gives the real column of an original
    header (a blank header cell still takes a letter), when the file format has cells."""

    def __init__(self, headers: dict[str, list[str]], positions=None,
                 originals: dict[str, dict[str, str]] | None = None):
        self.problems: list[FormProblem] = []
        self.warnings: list[FormProblem] = []
        self.headers = headers
        # {sheet: {header: column}}, or a function giving it: read from the file only when a
        # problem or warning is reported (reading the file's first rows again costs time)
        self._positions = positions
        self.originals = originals or {}

    @property
    def positions(self) -> dict[str, dict[str, int]]:
        if callable(self._positions):
            self._positions = self._positions() or {}
        return self._positions or {}

    def column(self, sheet: str, header: str) -> str:
        names = self.headers.get(sheet, [])
        if header not in names:
            return header
        original = self.originals.get(sheet, {}).get(header, header)
        index = self.positions.get(sheet, {}).get(original.strip())
        if index is None:
            index = names.index(header)
        return f"{original} ({column_letter(index)})"

    def add(self, sheet: str, row: int, column: str, en: str, zh: str) -> None:
        self.problems.append(FormProblem(sheet, row, self.column(sheet, column) if column else "",
                                         Text(en, zh)))

    def warn(self, sheet: str, row: int, column: str, en: str, zh: str) -> None:
        self.warnings.append(FormProblem(sheet, row, self.column(sheet, column) if column else "",
                                         Text(en, zh)))
