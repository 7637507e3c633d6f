"""The county's bundle to the province, made with `township export --to DIR --to-province`: signed
by the county, readable by the province hub's key (and the county's), carrying per township the
month's figures exactly as the county circular computes them and, per present person, only the
province-keyed HMAC of the ID number and the township; the next one chains to the previous one."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from desktop.core.clock import now_iso
from desktop.core.sync import bundle
from desktop.core.sync.bundle import TrustedKey
from desktop.core.sync.keys import load_keys
from tests.core.sync.province_helpers import county_with_people, province_pack

MATCH_KEY = b"m" * 32


def _county_trust(county_dir):
    from desktop.core.paths import data_dir
    return [TrustedKey(load_keys(data_dir(county_dir).keys).public(), "131025", "county")]


def test_the_county_bundle_carries_the_circular_figures_and_keyed_person_hashes_only(cli, tmp_path):
    county, townships, ids = county_with_people(tmp_path, {0: [1, 2, 3], 1: [4]})
    pack, province_keys = province_pack(tmp_path, match_key=MATCH_KEY)
    assert cli("keys", "enroll", "--data-dir", county, pack).code == 0
    out = tmp_path / "to-province"
    out.mkdir()
    month = now_iso()[:7]

    result = cli("export", "--data-dir", county, "--to", out, "--to-province", "--month", month)
    assert result.code == 0, result.err
    path = out / "TD-131025-P000001.tdb"
    assert f"wrote {path.name} for the province: {month}, 10 townships, 4 person keys" in result.out

    opened = bundle.gather(bundle.open_bundle_file(path, _county_trust(county), [province_keys.age_identity]))
    manifest, payload = opened.manifest, opened.payload
    assert (manifest.kind, manifest.county, manifest.township, manifest.sequence) == (
        bundle.KIND_PROVINCE, "131025", "131025", 1)
    assert manifest.counts == {"figures": 10, "persons": 4} and manifest.previous_sha256 is None
    assert payload["province"] == "13" and payload["month"] == month and payload["county_name_zh"] == "大城县"

    from desktop.core.reports import circular
    from desktop.core.workspace.workspace import Workspace
    with Workspace.open(county) as workspace:
        report = circular.build(workspace.db, "131025", month)
    by_code = {row["township"]: row for row in payload["figures"]}
    assert set(by_code) == {row.code for row in report.rows}
    for row in report.rows:
        sent = by_code[row.code]
        assert (sent["present"], sent["task"], sent["villages_covered"], sent["villages"], sent["receipt_sent"],
                sent["feedback_received"]) == (row.present, row.task, row.villages_covered, row.villages,
                                               row.receipt_sent, row.feedback_received)
    assert by_code["131025100"]["present"] == 3 and by_code["131025101"]["present"] == 1

    expected = sorted((hmac.new(MATCH_KEY, number.encode(), hashlib.sha256).hexdigest(), code)
                      for code, numbers in ids.items() for number in numbers)
    assert sorted((p["k"], p["t"]) for p in payload["persons"]) == expected
    # minimum necessary: no ID number, plain-hashed ID or name anywhere in what the province reads
    text = repr(payload)
    for numbers in ids.values():
        for number in numbers:
            assert number not in text and hashlib.sha256(number.encode()).hexdigest() not in text
    assert "人" not in text

    # the county can read its own bundle back; a township cannot
    from desktop.core.paths import data_dir
    assert bundle.open_bundle_file(path, _county_trust(county), [load_keys(data_dir(county).keys).age_identity])
    with pytest.raises(bundle.BundleError, match="not encrypted for this install"):
        bundle.open_bundle_file(path, _county_trust(county), [load_keys(data_dir(townships["131025100"]).keys)
                                                              .age_identity])

    again = cli("export", "--data-dir", county, "--to", out, "--to-province", "--month", month)
    assert again.code == 0
    second = bundle.verify_bundle_file(out / "TD-131025-P000002.tdb", _county_trust(county))
    assert second.manifest.sequence == 2 and second.manifest.previous_sha256 == opened.sha256


def test_without_a_province_or_as_a_township_nothing_is_written(cli, tmp_path):
    county, townships, _ids = county_with_people(tmp_path, {0: [1]})
    out = tmp_path / "to-province"
    out.mkdir()
    refused = cli("export", "--data-dir", county, "--to", out, "--to-province")
    assert refused.code != 0 and "no province is enrolled here" in refused.err
    township = cli("export", "--data-dir", townships["131025100"], "--to", out, "--to-province")
    assert township.code != 0 and "only the county sends bundles to the province" in township.err
    pack, _keys = province_pack(tmp_path)
    assert cli("keys", "enroll", "--data-dir", county, pack).code == 0
    bad = cli("export", "--data-dir", county, "--to", out, "--to-province", "--month", "2026-13")
    assert bad.code != 0 and "not a month" in bad.err
    assert list(out.iterdir()) == []


@pytest.mark.allow_log("township.sync", "refused TD-131025-P000001.tdb", level="WARNING")
def test_a_county_bundle_for_the_province_is_refused_by_a_county_import(cli, tmp_path):
    """It is not a township's data bundle: the county's own import refuses it as such."""
    county, _townships, _ids = county_with_people(tmp_path, {0: [1]})
    pack, _keys = province_pack(tmp_path)
    assert cli("keys", "enroll", "--data-dir", county, pack).code == 0
    out = tmp_path / "to-province"
    out.mkdir()
    assert cli("export", "--data-dir", county, "--to", out, "--to-province").code == 0
    refused = cli("import", "--data-dir", county, out / "TD-131025-P000001.tdb")
    assert refused.code == 1 and "not a township data bundle" in refused.err


def test_the_person_rows_are_read_in_the_table_order_not_through_an_index(tmp_path):
    """Through the form's index every record was a random page of the table (34 s at 1,000,000
    records against 13.8 s in the table's order)."""
    from desktop.core.sync.province_bundle import present_ids_sql
    from desktop.core.workspace.workspace import Workspace
    from tests.helpers import bigcounty

    with Workspace.open(tmp_path / "county", create=True) as county:
        bigcounty.fill(county.db, 300)
        county.db.execute("ANALYZE")
        sql = present_ids_sql(1, "json_extract(r.data, '$.status')")
        plan = [row[3] for row in county.db.execute("EXPLAIN QUERY PLAN " + sql, [bigcounty.FORM, "id_number"])]
        assert plan[0] == "SCAN r", plan
        rows = county.db.execute(sql, [bigcounty.FORM, "id_number"]).fetchall()
        assert rows == sorted(rows, key=lambda row: (row[1], row[0])) and len(rows) > 200
