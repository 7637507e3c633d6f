"""The hub routing cross-county cross-checks (desktop/hub/routing.py), over HTTP on 127.0.0.1.

County 131024 (real keys, bundles written by the county's own bundle writer) sends the province
items its townships addressed to another county; the sample county 131025 is a real
installation with people. The hub finds the holder of each request by the keyed hash of the ID,
routes every item once whatever is resent, answers "person unknown" itself only when the named
county has reported its people, holds a request for a county that has not, and refuses a county's
bundle whose items claim another county's townships - storing nothing of it. What goes down is a
bundle of the province-return kind that only the county it is for can open."""

from __future__ import annotations

import json

import psycopg
import pytest

from desktop.core.clock import now_iso
from desktop.core.exchange import crosschecks, exchange
from desktop.core.sync import bundle, province_bundle
from desktop.core.sync.bundle import TrustedKey
from desktop.core.workspace.workspace import Workspace
from desktop.hub import mailbox, operator_page
from tests.hub.province_sites import SECOND, Province, figure, second_id

MONTH = now_iso()[:7]
ASKER = SECOND + "100"
refusals_logged = pytest.mark.allow_log("township.hub", "refused a post", level="WARNING")


@pytest.fixture
def province(cli, initialised_hub, tmp_path):
    url, _hub = initialised_hub
    return Province(cli, url, tmp_path / "keys", tmp_path)


def request(item_id: str, named: str, id_number: str, match_key: bytes, origin: str = ASKER) -> dict:
    return {"id": item_id, "type": crosschecks.REQUEST, "origin": origin, "target": named, "created_at": now_iso(),
            "payload": {"request_id": item_id, "requester": origin, "target": named, "subject_name": "张三",
                        "subject_id_number": id_number, "question": "是否在贵县居住？", "due_date": "2099-12-31",
                        "created_at": now_iso(), "created_by": "王丽"},
            "person": province_bundle.person_key(match_key, id_number)}


def items_bundle(province: Province, items: list[dict], sequence: int, keys=None, county: str = SECOND) -> bytes:
    """An items-only bundle of a county (131024 by default) for the province (no month: no
    figures, no persons)."""
    header = {"township": county, "county_name_zh": "香河县", "county_name_en": "Xianghe County", "province": "13",
              "built_at": now_iso(), "match_key_id": province.pack.match_key_id, "figures": [], "items": items}
    folder = province.root / f"items-{sequence}-{len(list(province.root.iterdir()))}"
    folder.mkdir()
    path, _verified, _n = province_bundle.write_bundle(folder, keys or province.second_keys,
                                                       province.pack.keys.age_recipient, header, (),
                                                       sequence=sequence, previous_sha256=None)
    return path.read_bytes()


def _rows(url: str, sql: str, *args):
    with psycopg.connect(url) as conn:
        return conn.execute(sql, args).fetchall()


def _down_to(url: str, county: str) -> list[bytes]:
    """The bytes of every bundle the hub wrote for `county`, oldest first."""
    with psycopg.connect(url) as conn:
        found = []
        for (sha256,) in conn.execute("SELECT sha256 FROM bundles WHERE kind = %s AND recipient = %s ORDER BY id",
                                      (bundle.KIND_PROVINCE_RETURN, county)).fetchall():
            pieces = conn.execute("SELECT data FROM bundle_pieces WHERE bundle = %s ORDER BY n", (sha256,)).fetchall()
            found.append(b"".join(bytes(piece) for (piece,) in pieces))
        return found


def _opened_items(province: Province, data: bytes, keys) -> list[dict]:
    hub_key = TrustedKey(province.pack.keys, "13", "province")
    return bundle.open_bundle(data, [hub_key], keys.all_age_identities(), bundle.KIND_PROVINCE_RETURN).payload["items"]


def test_requests_go_to_the_holder_once_and_unknown_people_are_answered(province, serve_hub, cli, initialised_hub):
    url, hub = province.url, serve_hub()
    county, _townships, ids = province.first_county({0: [1, 2], 1: [3]})
    assert hub.post(province.export_first(county, MONTH))[0] == 201          # 131025 reports its people
    province.second_county()
    assert hub.post(province.second_bundle(MONTH, [figure(ASKER)], {ASKER: [second_id(9)]}, sequence=1))[0] == 201
    holder, held_id = "131025101", ids["131025101"][0]
    key = province.pack.match_key
    items = [request("found", "131025", held_id, key),
             request("nobody", "131025", second_id(77), key),               # 131025 reported: nobody holds it
             request("waits", "131026", second_id(78), key)]                # 131026 has not reported
    first = items_bundle(province, items, sequence=2)
    status, _headers, body = hub.post(first)
    assert status == 201, body

    routes = {row[0]: row[1:] for row in _rows(url, "SELECT id, to_county, to_site, answered, bundle IS NOT NULL,"
                                                    " item IS NOT NULL FROM province_routes")}
    assert routes == {"found": ("131025", holder, None, True, False),
                      "nobody": (SECOND, ASKER, "unknown", True, False),
                      "waits": (None, None, None, False, True)}    # kept, to route once 131026 reports
    [down] = _down_to(url, "131025")                                 # the request, to the holder's county
    [answer] = _opened_items(province, _down_to(url, SECOND)[0], province.second_keys)
    assert (answer["type"], answer["origin"], answer["target"], answer["payload"]["answer"]) == (
        crosschecks.ANSWER, "131025", ASKER, "unknown")
    with pytest.raises(bundle.BundleError):                          # 131024 cannot open 131025's
        _opened_items(province, down, province.second_keys)

    page = operator_page.render(operator_page.read_state(url, initialised_hub[1]), "en")
    [row] = [line for line in page.splitlines() if "<td>131024</td><td>131025</td>" in line]
    assert '<td class="n">1</td><td class="n">0</td><td class="n">0</td>' in row       # the found one
    assert "<td>131024</td><td>131026</td>" in page                                   # one waiting

    listed = cli("hub", "routes", "--db", url, "--waiting")
    assert listed.code == 0 and "waits" in listed.out and "131026" in listed.out and "found" not in listed.out
    assert held_id not in cli("hub", "routes", "--db", url, "--json").out      # no ID, no name

    # the same bundle again, and a later one carrying the same items: routed once, nothing new goes down
    assert json.loads(hub.post(first)[2])["status"] == mailbox.DUPLICATE
    assert hub.post(items_bundle(province, items, sequence=3))[0] == 201
    assert len(_down_to(url, "131025")) == 1 and len(_down_to(url, SECOND)) == 1

    # the real county takes the province's bundle by network and routes the request to its township
    assert cli("sync", "now", "--data-dir", county, "--hub", hub.url).code == 0
    with Workspace.open(county) as county_ws:
        [routed] = crosschecks.routed(county_ws.db)
        assert (routed.id, routed.requester, routed.target, routed.subject_id_number) == ("found", ASKER, holder,
                                                                                           held_id)
        assert routed.state == "delivered"          # its return bundle to the township carried it
        assert [i["id"] for i in exchange.pending_out(county_ws.db, holder)] == ["found"]


@refusals_logged
def test_a_county_cannot_send_items_of_another_countys_townships(province, serve_hub):
    url, hub = province.url, serve_hub()
    province.second_county()
    key = province.pack.match_key
    with psycopg.connect(url) as conn:
        before = mailbox.counts(conn)
    for lie in (request("forged", "131025", second_id(5), key, origin="131025100"),       # not its township
                {**request("no-hash", "131025", second_id(5), key), "person": None},     # no keyed hash
                {**request("own", SECOND, second_id(5), key)},                           # to itself
                {**request("other-type", "131025", second_id(5), key), "type": "correction.task"}):
        if lie.get("person") is None:
            lie.pop("person")
        status, _headers, body = hub.post(items_bundle(province, [lie], sequence=1))
        assert status in (400, 422), body
        assert lie["id"] in body.decode("utf-8")
    with psycopg.connect(url) as conn:
        assert mailbox.counts(conn) == before
        assert conn.execute("SELECT count(*) FROM province_routes").fetchone()[0] == 0


def test_two_counties_routing_to_one_at_once_give_it_bundles_of_two_numbers(province, serve_hub, cli):
    """Two counties' bundles routing to the same county at once: each writes the hub's next bundle
    to it under the county's lock (held here by the test until both posts wait on it), so they
    come out numbered 1 and 2, never twice 1."""
    import threading

    from desktop.core.sync import enrollment
    from desktop.core.sync.keys import create_keys
    from desktop.hub import routing

    url, hub = province.url, serve_hub()
    county, _townships, ids = province.first_county({0: [1, 2]})
    assert hub.post(province.export_first(county, MONTH))[0] == 201
    province.second_county()
    third_keys = create_keys(province.root / "third-keys", "county 131026")
    pack = province.root / "TD-county-131026.tdpack"
    pack.write_bytes(enrollment.build_county_pack(third_keys, "131026", "文安县"))
    assert cli("hub", "enroll", "--db", url, pack).code == 0
    key = province.pack.match_key
    bundles = [items_bundle(province, [request("from-24", "131025", ids["131025100"][0], key)], sequence=1),
               items_bundle(province, [request("from-26", "131025", ids["131025100"][1], key, origin="131026100")],
                            sequence=1, keys=third_keys, county="131026")]
    answers = []
    with psycopg.connect(url) as holder:
        holder.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (routing._LOCK + "131025",))
        posts = [threading.Thread(target=lambda data=data: answers.append(hub.post(data)[0])) for data in bundles]
        for post in posts:
            post.start()
        for post in posts:
            post.join(1.5)
        assert all(post.is_alive() for post in posts) and answers == []     # both wait for the county's lock
        holder.rollback()
    for post in posts:
        post.join(30)
    assert answers == [201, 201]
    sequences = sorted(row[0] for row in _rows(url, "SELECT sequence FROM bundles WHERE kind = %s AND recipient = %s",
                                                bundle.KIND_PROVINCE_RETURN, "131025"))
    assert sequences == [1, 2]
    assert sorted(row[0] for row in _rows(url, "SELECT id FROM province_routes WHERE bundle IS NOT NULL")) == [
        "from-24", "from-26"]
