"""The province hub and its counties for the province-role tests: the hub's pack exported by the
command line, the sample county (131025, a real installation with people in two townships) enrolled
both ways, and a second county (131024) whose installation cannot exist yet - the shipped division
list holds only 131025 - so its bundles are written by the same bundle writer from figures given
here, signed with real keys of its own."""

from __future__ import annotations

from pathlib import Path

from desktop.core.sync import enrollment, province_bundle
from desktop.core.sync.keys import create_keys
from tests.core.sync.helpers import resident_id
from tests.core.sync.province_helpers import county_with_people

SECOND = "131024"


def figure(township: str, **values) -> dict:
    row = {"township": township, "name_zh": f"乡镇{township[-3:]}", "name_en": f"Town {township[-3:]}", "task": 10,
           "task_set_by_county": True, "present": 0, "villages": 4, "villages_covered": 0, "changes_in_month": 0,
           "feedback_received": None, "feedback_in_time": None, "receipt_sent": 0, "receipt_imported": 0}
    row.update(values)
    return row


class Province:
    def __init__(self, cli, url: str, keys_dir: Path, root: Path):
        self.cli, self.url, self.root = cli, url, root
        stick = root / "province-stick"
        stick.mkdir()
        result = cli("hub", "export-pack", "--db", url, "--keys", keys_dir, "--to", stick,
                     "--url", "https://hub.example.cn", "--name", "河北省")
        assert result.code == 0, result.err
        self.pack_path = stick / enrollment.province_pack_file_name("13")
        self.pack = enrollment.read_province_pack(self.pack_path.read_bytes())
        self.out = root / "to-province"
        self.out.mkdir()

    def first_county(self, people: dict[int, list[int]]):
        """The sample county with `people`, enrolled at the hub and holding the province pack."""
        county, townships, ids = county_with_people(self.root / "first", people)
        assert self.cli("keys", "enroll", "--data-dir", county, self.pack_path).code == 0
        packs = self.root / "county-pack"
        packs.mkdir(exist_ok=True)
        assert self.cli("keys", "export", "--data-dir", county, "--to", packs).code == 0
        assert self.cli("hub", "enroll", "--db", self.url, packs / "TD-county-131025.tdpack").code == 0
        return county, townships, ids

    def export_first(self, county, month: str) -> bytes:
        before = set(self.out.iterdir())
        result = self.cli("export", "--data-dir", county, "--to", self.out, "--to-province", "--month", month)
        assert result.code == 0, result.err
        (path,) = set(self.out.iterdir()) - before
        return path.read_bytes()

    def second_county(self):
        """County 131024's keys, enrolled at the hub by its county pack."""
        self.second_keys = create_keys(self.root / "second-keys", "county 131024")
        pack = self.root / "TD-county-131024.tdpack"
        pack.write_bytes(enrollment.build_county_pack(self.second_keys, SECOND, "永清县"))
        assert self.cli("hub", "enroll", "--db", self.url, pack).code == 0
        return self.second_keys

    def second_bundle(self, month: str, figures: list[dict], people: dict[str, list[str]], *, sequence: int,
                      previous: str | None = None, match_key: bytes | None = None,
                      match_key_id: str | None = None, recipient: str | None = None) -> bytes:
        """A county bundle of 131024: `people` maps a township to the ID numbers it holds."""
        key = match_key or self.pack.match_key
        header = {"township": SECOND, "county_name_zh": "永清县", "county_name_en": "Yongqing County", "province": "13",
                  "month": month, "built_at": f"{month}-28T10:00:00", "match_key_id": match_key_id or self.pack.match_key_id,
                  "figures": figures}
        rows = [{"k": province_bundle.person_key(key, number), "t": township}
                for township, numbers in sorted(people.items()) for number in numbers]
        folder = self.root / f"second-{sequence}-{len(list(self.root.iterdir()))}"
        folder.mkdir()
        path, _verified, _n = province_bundle.write_bundle(folder, self.second_keys,
                                                           recipient or self.pack.keys.age_recipient, header, rows,
                                                           sequence=sequence, previous_sha256=previous)
        return path.read_bytes()


def second_id(serial: int) -> str:
    return resident_id(serial, region=SECOND)
