"""Hebei's divisions: every county in the shipped province archive with its real townships and
villages; a county of any city set up through the command line works out of the box (its
townships listed, its villages accepted), and its county pack carries its part to a township."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest

from desktop.core.codelists import codelists_divisions, province
from desktop.core.paths import resource
from tests.conftest import VALID_IDS, complete_record


def rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_the_archive_holds_every_county_of_hebei_with_its_townships_and_villages():
    counties = codelists_divisions.counties()
    assert len(counties) == 190 and {c.parent for c in counties} == {f"13{n:02d}" for n in range(1, 12)}
    assert codelists_divisions.find("131024").name_zh == "香河县"
    assert codelists_divisions.find("1310").name("en") == "Langfang City"
    with zipfile.ZipFile(province.archive_path()) as archive:
        members = set(archive.namelist())
    assert members == {"13.csv"} | {f"{c.code}.csv" for c in counties}
    for county in ("131024", "130123"):
        part = province.county_part(county)
        townships = part.children(county, "township")
        villages = [d for d in part.all().values() if d.level == "village"]
        assert townships and len(villages) > 100
        assert all(len(t.code) == 9 and t.parent == county for t in townships)
        assert all(len(v.code) == 12 and part.find(v.parent).level == "township" for v in villages)
    assert codelists_divisions.find("131024100").name_zh == "淑阳镇"
    assert province.county_part("999999") is None and province.find("131099100") is None


def test_the_default_list_stays_the_sample_county_and_the_archive_has_its_real_part():
    sample = rows(resource("codelists", "divisions.csv").read_bytes())
    real = province.county_part("131025")
    assert {r["code"] for r in sample if r["level"] == "township"} <= set(real.all())   # the same township codes
    assert codelists_divisions.find("131025100001").name_zh == "东街村"                  # the default list wins
    assert real.find("131025100001").name_zh == "东盛居委会"
    assert real.find("131025101").phone == "0316-5512101"                                 # its phones carried over
    assert codelists_divisions.find("131025101201").name_zh == "旺村"                    # the rest from the province


def test_name_of_reads_a_county_outside_the_default_list_from_the_province():
    codelists_divisions.shipped.cache_clear()   # the start-up path: the list not read yet
    assert codelists_divisions.name_of("131024100", "zh") == "淑阳镇"
    assert codelists_divisions.name_of("131024", "en") == "Xianghe County"
    assert codelists_divisions.name_of("131025100", "zh") == "平舒镇"
    assert codelists_divisions.name_of("139999", "zh") is None
    part = province.county_part("130123")
    for division in list(part.all().values())[::20]:    # the one-line reading agrees with the list
        for lang in ("zh", "en"):
            assert codelists_divisions.name_of(division.code, lang) == division.name(lang)


@pytest.mark.parametrize("county", ["131024", "130123"])   # 香河县 of Langfang, 正定县 of Shijiazhuang
def test_a_county_of_the_province_set_up_by_the_command_line_works_out_of_the_box(cli, tmp_path, county):
    county_dir, stick = tmp_path / "county", tmp_path / "stick"
    stick.mkdir()
    assert cli("init", "--data-dir", county_dir, "--role", "county", "--county", county, "--clerk", "县管理员").code == 0
    part = province.county_part(county)
    townships = [t.code for t in part.children(county, "township")]

    # the county's townships are offered (entry tasks, the circular, the sync page read this list)
    listed = cli("tasks", "list", "--data-dir", county_dir, "--json")
    assert listed.code == 0, listed.err
    assert [row["township"] for row in json.loads(listed.out)] == townships

    # the county pack carries the county's part; a township set up with it takes its own villages
    assert cli("keys", "export", "--data-dir", county_dir, "--to", stick).code == 0
    [pack] = stick.glob(f"*{county}*")
    township, town_dir = townships[0], tmp_path / "township"
    result = cli("init", "--data-dir", town_dir, "--role", "township", "--township", township,
                 "--clerk", "王丽", "--county-pack", pack)
    assert result.code == 0, result.err
    assert (town_dir / "config" / "codelists" / "divisions.csv").read_bytes() == province.county_part_bytes(county)
    village = part.children(township, "village")[0].code
    record = complete_record(VALID_IDS[0], "张三", village=village)
    added = cli("records", "add", "floating_population", "--data-dir", town_dir, "--json", "-",
                stdin=json.dumps(record))
    assert added.code == 0, added.out + added.err
    elsewhere = complete_record(VALID_IDS[1], "李四", village="131025100001")   # a village of 大城县
    refused = cli("records", "add", "floating_population", "--data-dir", town_dir, "--json", "-",
                  stdin=json.dumps(elsewhere))
    assert refused.code == 1 and "village" in refused.out + refused.err


def test_a_township_of_another_county_is_refused_by_the_county(cli, tmp_path):
    assert cli("init", "--data-dir", tmp_path / "c", "--role", "county", "--county", "131024", "--clerk", "县管理员").code == 0
    bad = cli("init", "--data-dir", tmp_path / "x", "--role", "county", "--county", "131024100", "--clerk", "县管理员")
    assert bad.code != 0 and "131024100" in bad.err


def test_the_countys_own_list_replaces_the_shipped_part_and_dacheng_can_take_its_real_one(cli, tmp_path):
    # 香河县 publishes its list with phones: any version it gives is newer than the shipped part's
    county_dir = tmp_path / "xianghe"
    assert cli("init", "--data-dir", county_dir, "--role", "county", "--county", "131024", "--clerk", "县管理员").code == 0
    own = province.county_part_bytes("131024").replace(b"131024100,131024,township,\xe6\xb7\x91\xe9\x98\xb3\xe9\x95\x87,Shuyang Town,",
                                                        b"131024100,131024,township,\xe6\xb7\x91\xe9\x98\xb3\xe9\x95\x87,Shuyang Town,0316-8888100")
    (tmp_path / "own.csv").write_bytes(own)
    published = cli("sync", "publish", "--data-dir", county_dir, "--code-list", tmp_path / "own.csv",
                    "--name", "divisions", "--version", "1", "--clerk", "县管理员")
    assert published.code == 0, published.err
    assert (county_dir / "config" / "codelists" / "divisions.csv").read_bytes() == own

    # 大城县 (the default list's sample villages) takes the real one from the archive the same way
    dacheng = tmp_path / "dacheng"
    assert cli("init", "--data-dir", dacheng, "--role", "county", "--county", "131025", "--clerk", "县管理员").code == 0
    assert not (dacheng / "config" / "codelists").exists()          # the default list holds it
    (tmp_path / "131025.csv").write_bytes(province.county_part_bytes("131025"))
    assert cli("sync", "publish", "--data-dir", dacheng, "--code-list", tmp_path / "131025.csv",
               "--name", "divisions", "--version", "1", "--clerk", "县管理员").code == 0
    listed = json.loads(cli("tasks", "list", "--data-dir", dacheng, "--json").out)
    assert [row["township"] for row in listed][-2:] == ["131025109", "131025400"]   # 臧屯镇 and the zone


@pytest.mark.allow_log("township.forms", "the province divisions archive cannot be read", level="WARNING")
def test_without_a_readable_archive_setup_offers_the_default_county_alone(monkeypatch, tmp_path, caplog):
    broken = tmp_path / "13.zip"
    broken.write_bytes(b"not a zip")
    monkeypatch.setattr(province, "archive_path", lambda: broken)
    province.index.cache_clear()
    province.county_part.cache_clear()
    try:
        assert [c.code for c in codelists_divisions.counties()] == ["131025"]
        assert codelists_divisions.find("131024") is None and codelists_divisions.find("131025100").name_zh == "平舒镇"
        assert "cannot be read" in caplog.text
    finally:
        province.index.cache_clear()
        province.county_part.cache_clear()
