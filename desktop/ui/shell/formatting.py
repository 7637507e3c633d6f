"""How record values look on screen: masked ID numbers, short time stamps, village names."""

from __future__ import annotations

from desktop.core.codelists import codelists_divisions
from desktop.core.i18n import current_language


def mask_id_number(number: str) -> str:
    """131025********123X: enough to tell records apart, not enough to misuse (DOMAIN.md)."""
    number = str(number or "")
    return number[:6] + "*" * (len(number) - 10) + number[-4:] if len(number) > 10 else number


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
