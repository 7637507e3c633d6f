"""`records compare --against BUNDLE`: the second entry keyed on another PC of the township (a copy
of its data folder, so the same keys) comes as the data bundle it exported. The bundle is verified
against this site's trusted keys and decrypted with its own identity: the five differences are
listed exactly as against the folder; a bundle signed by a key not enrolled here, one addressed
to another site and one holding only the changes since an acknowledgement are refused in one
line, exit 2."""

from __future__ import annotations

import json

import openpyxl

from desktop.core.entry.identity import mask_id
from desktop.core.sheets import importer
from desktop.core.workspace.workspace import Workspace
from tests.core.quality.test_compare import FORM, PEOPLE, sheet_rows
from tests.core.sheets import registers as reg
from tests.core.sync.helpers import add_people, make_sites

TOWNSHIP = "131025100"


def keyed(folder, tmp_path, name, rows):
    """The sheet keyed into `folder` by its clerk, as the import dialog does it."""
    path = reg.write_xlsx(tmp_path / f"{name}.xlsx", rows)
    with Workspace.open(folder) as workspace:
        workspace.clerk, workspace.clerk_role = "clerk", "admin"
        report = importer.import_sheet(workspace, FORM, path)
        assert report.counts["saved"] == len(rows), report.as_dict()
    return folder


def two_pcs(tmp_path):
    """Two PCs of township 131025100 (copies of one installation: the same keys), and the county."""
    county, first = make_sites(tmp_path / "pc1")
    _county2, second = make_sites(tmp_path / "pc2")
    return county, first[TOWNSHIP], second[TOWNSHIP], first["131025101"]


def exported(cli, folder, stick):
    stick.mkdir(exist_ok=True)
    done = cli("export", "--data-dir", folder, "--to", stick)
    assert done.code == 0, done.err
    return sorted(stick.glob(f"TD-{TOWNSHIP}-*.tdb"))[-1]


def test_a_bundle_of_the_other_entry_lists_exactly_the_five_differences(tmp_path, cli):
    _county, first, second, _other = two_pcs(tmp_path)
    keyed(first, tmp_path, "first", sheet_rows(PEOPLE[:6]))
    lina, wangfang = PEOPLE[1][1], PEOPLE[2][1]
    keyed(second, tmp_path, "second", sheet_rows(PEOPLE[:5] + PEOPLE[6:], {
        lina: {1: "李哪", 8: "已婚"}, wangfang: {6: "13800000000"}}))
    bundle = exported(cli, second, tmp_path / "stick")
    out = tmp_path / "diff.xlsx"

    done = cli("--data-dir", first, "records", "compare", FORM, "--against", bundle, "--json", "--to", out)
    assert done.code == 1, done.err
    found = json.loads(done.out)
    assert (found["here"], found["there"]) == (6, 6)
    assert {(d["key"], d["field"], d["kind"]): (d["here"], d["there"]) for d in found["differences"]} == {
        (mask_id(lina), "name", "field"): ("李娜", "李哪"),
        (mask_id(lina), "marital_status", "field"): ("10", "20"),
        (mask_id(wangfang), "phone", "field"): ("13812340005", "13800000000"),
        (mask_id(PEOPLE[5][1]), "", "only_here"): ("", ""),
        (mask_id(PEOPLE[6][1]), "", "only_there"): ("", ""),
    }
    rows = [tuple(c or "" for c in row) for row in openpyxl.load_workbook(out).active.iter_rows(min_row=2,
                                                                                             values_only=True)]
    assert len(rows) == 5 and (mask_id(lina), "李娜", "name", "李娜", "李哪") in rows

    text = cli("--data-dir", first, "records", "compare", FORM, "--against", bundle)
    assert text.code == 1 and len(text.out.strip().splitlines()) == 5 and "5 differences" in text.err
    # read, not imported: the store logged no attempt and nothing of the bundle
    with Workspace.open(first) as workspace:
        assert workspace.db.execute("SELECT count(*) FROM sync_received").fetchone()[0] == 0


def test_a_bundle_that_agrees_exits_0_and_bundles_this_site_cannot_read_are_refused(tmp_path, cli):
    county, first, second, other_township = two_pcs(tmp_path)
    keyed(first, tmp_path, "first", sheet_rows(PEOPLE[:3]))
    keyed(second, tmp_path, "second", sheet_rows(PEOPLE[:3]))
    stick = tmp_path / "stick"
    bundle = exported(cli, second, stick)
    agree = cli("--data-dir", first, "records", "compare", FORM, "--against", bundle)
    assert agree.code == 0 and agree.out == "" and "agree" in agree.err, agree.err

    # signed by township 131025101's key, which this township never enrolled
    with Workspace.open(other_township) as workspace:
        workspace.clerk, workspace.clerk_role = "clerk", "admin"
        add_people(workspace, [{"name": "张伟", "id_number": PEOPLE[0][1]}])
    (tmp_path / "other-stick").mkdir()
    done = cli("export", "--data-dir", other_township, "--to", tmp_path / "other-stick")
    assert done.code == 0, done.err
    foreign = next((tmp_path / "other-stick").glob("TD-131025101-*.tdb"))
    refused = cli("--data-dir", first, "records", "compare", FORM, "--against", foreign)
    assert refused.code == 2 and refused.out == ""
    assert refused.err.count("\n") == 1 and "not compared" in refused.err and "not enrolled here" in refused.err

    # signed by this township's own key but encrypted for another site only
    from pyrage import x25519

    from desktop.core.sync import bundle as bundles
    from desktop.core.sync import trust

    with Workspace.open(second) as workspace:
        keys = trust.install_keys(workspace.paths)
        data = bundles.build_bundle(keys=keys, kind=bundles.KIND_DATA, county="131025", township=TOWNSHIP,
                                    sequence=7, previous_sha256=None, payload={"records": [], "audit": []},
                                    recipients=[str(x25519.Identity.generate().to_public())],
                                    counts={"records": 0, "audit": 0, "items": 0})
    elsewhere = tmp_path / "elsewhere" / bundles.bundle_file_name(bundles.KIND_DATA, TOWNSHIP, 7)
    elsewhere.parent.mkdir()
    elsewhere.write_bytes(data)
    refused = cli("--data-dir", first, "records", "compare", FORM, "--against", elsewhere)
    assert refused.code == 2 and refused.err.count("\n") == 1 and "not encrypted for this install" in refused.err

    # after the county acknowledged bundle 1, bundle 2 holds only what changed since
    assert cli("import", "--data-dir", county, bundle).code == 0
    returns = tmp_path / "returns"
    returns.mkdir()
    done = cli("export", "--data-dir", county, "--to", returns, "--township", TOWNSHIP)
    assert done.code == 0, done.err
    assert cli("import", "--data-dir", second, *returns.glob("*.tdb")).code == 0
    keyed(second, tmp_path, "second-more", sheet_rows(PEOPLE[3:4]))
    later = exported(cli, second, tmp_path / "stick2")
    refused = cli("--data-dir", first, "records", "compare", FORM, "--against", later)
    assert refused.code == 2 and refused.err.count("\n") == 1 and "only the changes since" in refused.err
    # in Chinese too, one line
    refused = cli("--lang", "zh", "--data-dir", first, "records", "compare", FORM, "--against", later)
    assert refused.code == 2 and refused.err.count("\n") == 1 and "未比对" in refused.err


def test_at_the_county_a_townships_bundle_is_compared_with_what_the_county_holds_of_it(tmp_path, cli):
    county, first, second, other_township = two_pcs(tmp_path)
    keyed(first, tmp_path, "first", sheet_rows(PEOPLE[:6]))
    lina = PEOPLE[1][1]
    keyed(second, tmp_path, "second", sheet_rows(PEOPLE[:6], {lina: {1: "李哪"}}))
    with Workspace.open(other_township) as workspace:   # the county holds another township's records too
        workspace.clerk, workspace.clerk_role = "clerk", "admin"
        add_people(workspace, [{"name": "钱七", "id_number": PEOPLE[6][1]}])
    sent = [exported(cli, first, tmp_path / "stick1")]
    (tmp_path / "stick3").mkdir()
    assert cli("export", "--data-dir", other_township, "--to", tmp_path / "stick3").code == 0
    sent += list((tmp_path / "stick3").glob("*.tdb"))
    assert cli("import", "--data-dir", county, *sent).code == 0
    bundle = exported(cli, second, tmp_path / "stick2")

    done = cli("--data-dir", county, "records", "compare", FORM, "--against", bundle, "--json")
    assert done.code == 1, done.err
    found = json.loads(done.out)
    assert (found["here"], found["there"]) == (6, 6)   # township 131025100's records only
    assert [(d["key"], d["field"], d["here"], d["there"]) for d in found["differences"]] == [
        (mask_id(lina), "name", "李娜", "李哪")]
