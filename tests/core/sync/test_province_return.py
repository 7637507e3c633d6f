"""The province's bundle to a county (kind province-return), read at the county with the hub key of
its enrolled province pack: the cross-county items it carries are routed to the county's own
townships (applied once, in any order); a bundle signed by any other key, or carrying an item that
is not a cross-check from another county to one of this county's townships, is refused whole and
changes nothing. The bundles are written here with the province's real keys, as the hub writes them
(desktop/hub/routing.py `_write_down`), without a hub."""

from __future__ import annotations

import pytest

from desktop.core.clock import now_iso
from desktop.core.exchange import crosschecks, exchange
from desktop.core.sync import bundle, incoming
from desktop.core.sync.bundle import TrustedKey
from desktop.core.sync.keys import create_keys, load_keys
from desktop.core.workspace.workspace import Workspace
from tests.core.sync.province_helpers import county_with_people, province_pack

ASKER = "131024100"
pytestmark = pytest.mark.allow_log("township.sync", "refused .*", level="WARNING")


def request(item_id: str, target: str, id_number: str, origin: str = ASKER) -> dict:
    return {"id": item_id, "type": crosschecks.REQUEST, "origin": origin, "target": target, "created_at": now_iso(),
            "payload": {"request_id": item_id, "requester": origin, "target": target, "subject_name": "张三",
                        "subject_id_number": id_number, "question": "是否在贵县居住？", "due_date": "2099-12-31",
                        "created_at": now_iso(), "created_by": "王丽"}}


def province_return(folder, signer, county_dir, items, sequence: int):
    """A province-return bundle for 131025 signed by `signer`, encrypted to the county."""
    from desktop.core.paths import data_dir

    county_keys = load_keys(data_dir(county_dir).keys)
    header = {"township": "131025", "province": "13", "built_at": now_iso(), "items": items}
    folder.mkdir(exist_ok=True)
    with bundle.encrypt_payload(bundle.KIND_PROVINCE_RETURN, header, {},
                                [county_keys.public().age_recipient]) as encrypted:
        path, _verified = bundle.write_streamed_bundle(
            folder, encrypted, [TrustedKey(signer.public(), "13", "province")], keys=signer, county="131025",
            township="131025", sequence=sequence, previous_sha256=None, counts={"items": len(items)})
    return path


@pytest.fixture
def county(cli, tmp_path):
    county_dir, townships, ids = county_with_people(tmp_path, {0: [1], 1: [2]})
    pack, province_keys = province_pack(tmp_path)
    assert cli("keys", "enroll", "--data-dir", county_dir, pack).code == 0
    return county_dir, ids, province_keys


def test_the_provinces_items_are_routed_to_the_countys_townships_once(county, tmp_path, cli):
    county_dir, ids, province_keys = county
    holder = "131025101"
    second = province_return(tmp_path / "b", province_keys, county_dir,
                             [request("r2", "131025100", ids["131025100"][0])], sequence=2)
    first = province_return(tmp_path / "a", province_keys, county_dir,
                            [request("r1", holder, ids[holder][0])], sequence=1)
    checked = cli("verify", "--data-dir", county_dir, first)          # `township verify` knows the hub's key too
    assert checked.code == 0 and "good signature by province 13" in checked.out, checked.out + checked.err
    with Workspace.open(county_dir) as ws:
        outcomes = incoming.import_files(ws.db, ws.paths, [second, first, first])   # out of order, and again
        assert [o.outcome for o in outcomes] == ["applied", "applied", "already"], [o.text.en for o in outcomes]
        assert "cross-county item" in outcomes[0].text.en
        assert [i["id"] for i in exchange.pending_out(ws.db, holder)] == ["r1"]
        assert [i["id"] for i in exchange.pending_out(ws.db, "131025100")] == ["r2"]
        assert sorted((c.id, c.requester, c.target) for c in crosschecks.routed(ws.db)) == [
            ("r1", ASKER, holder), ("r2", ASKER, "131025100")]


@pytest.mark.parametrize("case", ["another-key", "to-another-county", "from-this-county", "not-a-crosscheck"])
def test_a_province_bundle_that_is_not_the_provinces_or_carries_a_lie_is_refused(county, tmp_path, case):
    county_dir, ids, province_keys = county
    signer, item = province_keys, request("x", "131025100", ids["131025100"][0])
    if case == "another-key":
        signer = create_keys(tmp_path / "impostor", "not the hub")
    elif case == "to-another-county":
        item = request("x", "131026100", ids["131025100"][0])
    elif case == "from-this-county":
        item = request("x", "131025100", ids["131025100"][0], origin="131025101")
    else:
        item = {**item, "type": "correction.task"}
    path = province_return(tmp_path / "p", signer, county_dir, [item], sequence=1)
    with Workspace.open(county_dir) as ws:
        before = ws.db.execute("SELECT count(*) FROM exchange_items").fetchone()[0]
        [outcome] = incoming.import_files(ws.db, ws.paths, [path])
        assert outcome.outcome == "refused", outcome.text.en
        assert outcome.code == ("unknown-signer" if case == "another-key" else "item-authority")
        assert ws.db.execute("SELECT count(*) FROM exchange_items").fetchone()[0] == before
        assert crosschecks.routed(ws.db) == []
