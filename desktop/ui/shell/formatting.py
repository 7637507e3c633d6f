"""How record values look on screen: short time stamps, village names (ID numbers are masked by
desktop.core.entry.identity.mask_id, the one masker)."""

from __future__ import annotations

from desktop.core.codelists import codelists_divisions
from desktop.core.i18n import current_language


def short_time(stamp: str | None) -> str:
    """'2026-03-04T12:30:05.123+08:00' -> '2026-03-04 12:30'."""
    return (stamp or "")[:16].replace("T", " ")


def division_name(code, divisions: codelists_divisions.Divisions | None = None) -> str:
    """The village/township/county name in the current language, or the code when unknown;
    from `divisions` (an installation's list, codelists_divisions.for_data_dir) or the shipped one."""
    if not code:
        return ""
    if divisions is not None:
        division = divisions.find(str(code))
        return division.name(current_language()) if division else str(code)
    return codelists_divisions.name_of(str(code), current_language()) or str(code)


def counted(n: int, one: str, many: str) -> str:
    """English plurals without "(s)": `one` when n is 1, else `many` with %n replaced; both are
    already translated (Chinese has one form: the catalogue gives both the same words)."""
    return (one if n == 1 else many).replace("%n", str(n))
