"""scripts/build_divisions.py on a small source of the package's shape: the archive's members,
the shortened village names, the pinyin English names, the phones carried over, same bytes twice."""

from __future__ import annotations

import csv
import importlib.util
import io
import zipfile

from tests.conftest import ROOT

spec = importlib.util.spec_from_file_location("build_divisions", ROOT / "scripts" / "build_divisions.py")
build = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build)


def write(path, header, *rows):
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")


def source(folder):
    folder.mkdir()
    write(folder / "provinces.csv", "code,name", '13,"河北省"', '14,"山西省"')
    write(folder / "cities.csv", "code,name,provinceCode", '1310,"廊坊市",13', '1401,"太原市",14')
    write(folder / "areas.csv", "code,name,cityCode,provinceCode", '131025,"大城县",1310,13',
          '131028,"大厂回族自治县",1310,13', '140105,"小店区",1401,14')
    write(folder / "streets.csv", "code,name,areaCode,provinceCode,cityCode", '131025100,"平舒镇",131025,13,1310',
          '131025107,"广安镇",131025,13,1310', '131028001,"祁各庄街道",131028,13,1310', '140105001,"坞城街道",140105,14,1401')
    write(folder / "villages.csv", "code,name,streetCode,provinceCode,cityCode,areaCode",
          '131025100001,"东盛居民委员会",131025100,13,1310,131025', '131025100201,"东关村民委员会",131025100,13,1310,131025',
          '131025107201,"旺村村民委员会",131025107,13,1310,131025', '131028001001,"夏垫社区居民委员会",131028001,13,1310,131028',
          '140105001001,"坞城居民委员会",140105001,14,1401,140105')
    return folder


def rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_the_build_writes_one_member_per_county_and_the_province_index(tmp_path):
    dist = source(tmp_path / "dist")
    resources = tmp_path / "resources"
    (resources / "codelists").mkdir(parents=True)
    phones = tmp_path / "phones.csv"
    write(phones, "code,phone", "131025100,0316-5512100")
    assert build.main(["--source", str(dist), "--resources", str(resources), "--phones", str(phones)]) == 0
    archive = resources / "divisions" / "13.zip"
    with zipfile.ZipFile(archive) as opened:
        assert sorted(opened.namelist()) == ["13.csv", "131025.csv", "131028.csv"]   # Shanxi left out
        index, dacheng = rows(opened.read("13.csv")), rows(opened.read("131025.csv"))
    assert [r["level"] for r in index] == ["province", "city", "county", "township", "township", "county", "township"]
    assert [(r["code"], r["parent"], r["level"], r["name_zh"], r["name_en"], r["phone"]) for r in dacheng] == [
        ("131025", "1310", "county", "大城县", "Dacheng County", ""),
        ("131025100", "131025", "township", "平舒镇", "Pingshu Town", "0316-5512100"),
        ("131025100001", "131025100", "village", "东盛居委会", "Dongsheng Residents' Committee", ""),
        ("131025100201", "131025100", "village", "东关村", "Dongguan Village", ""),
        ("131025107", "131025", "township", "广安镇", "Guang'an Town", ""),
        ("131025107201", "131025107", "village", "旺村", "Wangcun Village", "")]
    assert {r["name_en"] for r in index if r["level"] == "county"} == {"Dacheng County", "Dachang Hui Autonomous County"}
    assert not (resources / "codelists" / "divisions.csv").exists()     # only with --default-list
    first = archive.read_bytes()
    assert build.main(["--source", str(dist), "--resources", str(resources), "--phones", str(phones),
                       "--default-list"]) == 0
    assert archive.read_bytes() == first                                   # fixed dates: the same bytes
    assert (resources / "codelists" / "divisions.csv").read_bytes().decode("utf-8").count("\n") == 7   # header and six rows
