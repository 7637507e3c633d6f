"""A county with records in its two townships, merged at the county, and the province it reports
to: what the county-to-province tests (tests/core/sync, tests/hub) start from."""

from __future__ import annotations

from pathlib import Path

from desktop.core.sync import enrollment
from desktop.core.sync.keys import create_keys
from tests.core.sync.helpers import add_people, make_sites, resident_id


def county_with_people(root: Path, people: dict[int, list[int]]):
    """The sample county (131025) and its two townships; township i (0 or 1) registers the people of
    serials people[i]; every township's bundle is imported at the county. (county_dir, {code: dir},
    {code: [ID numbers]})."""
    from desktop.core.sync import incoming, outgoing
    from desktop.core.workspace.workspace import Workspace

    county_dir, township_dirs = make_sites(root)
    out = root / "out"
    out.mkdir(exist_ok=True)
    ids = {}
    bundles = []
    for index, (code, folder) in enumerate(sorted(township_dirs.items())):
        ids[code] = [resident_id(serial) for serial in people.get(index, [])]
        with Workspace.open(folder) as township:
            add_people(township, [{"name": f"人{serial}", "id_number": resident_id(serial)}
                                  for serial in people.get(index, [])])
            bundles.append(outgoing.export_township(township.db, township.paths, out, clerk="clerk").path)
    with Workspace.open(county_dir) as county:
        for path in bundles:
            assert incoming.import_file(county.db, county.paths, path).outcome == "applied"
    return county_dir, township_dirs, ids


def province_pack(folder: Path, province: str = "13", match_key: bytes = b"m" * 32, keys=None):
    """A province pack signed by `keys` (new ones in folder/province-keys by default): (path, keys)."""
    keys = keys or create_keys(folder / "province-keys", "province hub")
    path = folder / enrollment.province_pack_file_name(province)
    path.write_bytes(enrollment.build_province_pack(keys, province, "河北省", "https://hub.example.cn", match_key))
    return path, keys
