"""A county and townships in temp folders, enrolled with each other with real keys, and a full
round trip (export, county import, return bundle, township import) for the sync screens' tests."""

from __future__ import annotations

from pathlib import Path

from desktop.core.sync import incoming, outgoing
from desktop.core.workspace.workspace import Workspace
from tests.core.sync.helpers import COUNTY, TOWNSHIPS, make_sites, resident_id

__all__ = ["COUNTY", "TOWNSHIPS", "make_sites", "open_as", "add_records", "round_trip"]


def open_as(folder: Path, clerk: str = "clerk") -> Workspace:
    workspace = Workspace.open(folder)
    workspace.clerk, workspace.clerk_role = clerk, "admin"
    return workspace


def add_records(workspace, count: int, start: int = 0) -> list:
    """Valid, complete records through the entry path (the county's rule check finds nothing)."""
    from tests.core.sync.helpers import add_people

    serial = int(workspace.township[-3:]) * 100 + start
    return add_people(workspace, [{"name": f"居民{n}", "id_number": resident_id(serial + n)} for n in range(count)])


def round_trip(county_dir: Path, township_dir: Path, stick: Path) -> None:
    """Township exports, the county imports and writes the return, the township imports it."""
    stick.mkdir(parents=True, exist_ok=True)
    with open_as(township_dir) as township:
        written = outgoing.export_township(township.db, township.paths, stick, clerk="clerk")
        code = township.township
    with open_as(county_dir, "county") as county:
        assert incoming.import_file(county.db, county.paths, written.path).ok
        returned = outgoing.export_returns(county.db, county.paths, stick, townships=[code])[0]
    with open_as(township_dir) as township:
        outcome = incoming.import_file(township.db, township.paths, returned.path)
        assert outcome.ok, outcome.text.en
