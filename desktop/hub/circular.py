"""The provincial circular's figures read from PostgreSQL: every county of the province, ranked.

The counties listed are those enrolled at the hub (their county pack) and those that have sent a
county bundle; the figures of the month are those merged from their newest bundle carrying that
month (province.py). The ranking and the page are the county circular's own code
(desktop/core/reports/provincial.py, desktop/render/circular.py): only reading happens here.
"""

from __future__ import annotations

from desktop.core.i18n import Text
from desktop.core.reports import provincial
from desktop.core.reports.circular import month_bounds
from desktop.hub import identity
from desktop.hub.province import FIGURE_COLUMNS


def build(conn, month: str, name: str | None = None, *, townships: bool = False) -> provincial.ProvincialCircular:
    month_bounds(month)   # a month, or refused before anything is read
    province, _fingerprint = identity.hub_row(conn)
    stored_name = conn.execute("SELECT name FROM hub").fetchone()[0]
    shown = name or stored_name
    province_name = Text(shown or f"Province {province}", shown or f"省 {province}")
    counties: dict[str, tuple[Text, list[dict]]] = {}
    for code, name_zh in conn.execute(
            "SELECT code, name FROM sites WHERE role = 'county' AND NOT revoked ORDER BY code"):
        counties[code] = (Text(name_zh or code, name_zh or code), [])
    for code, name_zh, name_en in conn.execute("SELECT county, name_zh, name_en FROM province_counties"):
        counties[code] = (Text(name_en or name_zh, name_zh), [])
    columns = ", ".join(FIGURE_COLUMNS)
    for row in conn.execute(f"SELECT county, {columns} FROM province_figures WHERE month = %s ORDER BY county, township",
                            (month[:7],)):
        county, values = row[0], dict(zip(FIGURE_COLUMNS, row[1:], strict=True))
        counties.setdefault(county, (Text(county, county), []))[1].append(values)
    duplicates = conn.execute("SELECT count(DISTINCT person) FROM province_duplicates").fetchone()[0]
    return provincial.build(province, province_name, month, counties, duplicates, with_townships=townships)
