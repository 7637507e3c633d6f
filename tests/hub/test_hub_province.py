"""The hub in the province role, over HTTP on 127.0.0.1: a county bundle posted to the hub is
opened with the province's keys and merged into PostgreSQL - the month's figures per township, the
county's keyed person hashes (by COPY) - in the transaction that stores it; a resend changes nothing;
a newer bundle of the same county replaces its figures and hashes, an older one arriving late does
not; the same person registered in two counties is flagged and listed by `township hub duplicates`;
a bundle hashed with another matching key, or not encrypted to the hub, is refused and nothing kept."""

from __future__ import annotations

import json

import psycopg
import pytest

from desktop.core.clock import now_iso
from desktop.core.sync import bundle
from desktop.hub import mailbox
from tests.core.sync.helpers import add_people, resident_id
from tests.hub.province_sites import SECOND, Province, figure, second_id

refusals_logged = pytest.mark.allow_log("township.hub", "refused a post", level="WARNING")
MONTH = now_iso()[:7]


@pytest.fixture
def province(cli, initialised_hub, tmp_path):
    url, _hub = initialised_hub
    return Province(cli, url, tmp_path / "keys", tmp_path)


def _snapshot(url: str) -> list:
    with psycopg.connect(url) as conn:
        return [conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2, 3").fetchall() for table in (
            "province_months", "province_figures", "province_persons", "province_duplicates")] + [
            conn.execute("SELECT county, sequence, bundle, persons FROM province_counties ORDER BY 1").fetchall(),
            mailbox.counts(conn)]


def _one(url: str, sql: str, *args):
    with psycopg.connect(url) as conn:
        return conn.execute(sql, args).fetchall()


def test_county_bundles_merge_idempotently_and_people_in_two_counties_are_flagged(province, serve_hub, cli):
    url = province.url
    hub = serve_hub()
    county, townships, ids = province.first_county({0: [1, 2, 3], 1: [4]})
    first = province.export_first(county, MONTH)

    status, _headers, body = hub.post(first)
    assert status == 201, body
    answer = json.loads(body)
    assert (answer["status"], answer["kind"], answer["sender"], answer["recipient"]) == (
        "stored", bundle.KIND_PROVINCE, "131025", "13")
    present = dict(_one(url, "SELECT township, present FROM province_figures WHERE county = '131025' AND month = %s",
                        MONTH))
    assert len(present) == 10 and present["131025100"] == 3 and present["131025101"] == 1
    assert _one(url, "SELECT township, count(*) FROM province_persons GROUP BY 1 ORDER BY 1") == [
        ("131025100", 3), ("131025101", 1)]
    assert _one(url, "SELECT sequence, persons FROM province_counties") == [(1, 4)]

    # a resend: answered duplicate, nothing changes
    before = _snapshot(url)
    again = hub.post(first)
    assert again[0] == 200 and json.loads(again[2])["status"] == "duplicate"
    assert _snapshot(url) == before

    # the second county holds the person of 131025101 too (at 131024100), and one of its own
    province.second_county()
    figures = [figure("131024100", present=1), figure("131024101", present=1)]
    second = province.second_bundle(MONTH, figures, {"131024100": [ids["131025101"][0]], "131024101": [second_id(7)]},
                                     sequence=1)
    assert hub.post(second)[0] == 201
    flagged = cli("hub", "duplicates", "--db", url)
    assert flagged.code == 0, flagged.err
    lines = flagged.out.splitlines()
    assert lines[-1] == "1 person registered in two counties"
    assert lines[0].split("\t")[1:5] == [SECOND, "131024100", "131025", "131025101"]
    listed = json.loads(cli("hub", "duplicates", "--db", url, "--json").out)
    assert [(r["county_a"], r["township_a"], r["county_b"], r["township_b"]) for r in listed] == [
        (SECOND, "131024100", "131025", "131025101")]
    assert ids["131025101"][0] not in flagged.out   # the hub has no ID to show

    # a newer bundle of the first county (one more person) replaces its figures and its hashes
    from desktop.core.sync import incoming, outgoing
    from desktop.core.workspace.workspace import Workspace
    with Workspace.open(townships["131025100"]) as township:
        add_people(township, [{"name": "人5", "id_number": resident_id(5)}])
        sent = outgoing.export_township(township.db, township.paths, province.root / "first" / "out", clerk="clerk")
    with Workspace.open(county) as workspace:
        assert incoming.import_file(workspace.db, workspace.paths, sent.path).outcome == "applied"
    newer = province.export_first(county, MONTH)
    assert hub.post(newer)[0] == 201
    assert _one(url, "SELECT present FROM province_figures WHERE township = '131025100'") == [(4,)]
    assert _one(url, "SELECT sequence, persons FROM province_counties WHERE county = '131025'") == [(2, 5)]
    assert _one(url, "SELECT count(*) FROM province_persons WHERE county = '131025'") == [(5,)]
    assert len(json.loads(cli("hub", "duplicates", "--db", url, "--json").out)) == 1

    # the second county's bundle 3 no longer holds the shared person: the flag goes; its bundle 2,
    # arriving after 3, is stored but replaces nothing
    third = province.second_bundle(MONTH, [figure("131024100", present=0), figure("131024101", present=2)],
                                   {"131024101": [second_id(7), second_id(8)]}, sequence=3)
    late = province.second_bundle(MONTH, [figure("131024100", present=9), figure("131024101", present=9)],
                                  {"131024100": [ids["131025101"][0]]}, sequence=2)
    assert hub.post(third)[0] == 201
    assert json.loads(cli("hub", "duplicates", "--db", url, "--json").out) == []
    assert hub.post(late)[0] == 201
    assert _one(url, "SELECT township, present FROM province_figures WHERE county = %s ORDER BY 1", SECOND) == [
        ("131024100", 0), ("131024101", 2)]
    assert _one(url, "SELECT sequence, persons FROM province_counties WHERE county = %s", SECOND) == [(3, 2)]
    assert json.loads(cli("hub", "duplicates", "--db", url, "--json").out) == []
    assert "0 people registered in two counties" in cli("hub", "duplicates", "--db", url).out


@refusals_logged
def test_a_county_bundle_the_province_cannot_use_is_refused_and_nothing_is_kept(province, serve_hub):
    from desktop.core.sync.keys import create_keys

    hub = serve_hub()
    province.second_county()
    figures = [figure("131024100", present=1)]
    before = _snapshot(province.url)

    other_key = province.second_bundle(MONTH, figures, {"131024100": [second_id(1)]}, sequence=1,
                                       match_key=b"x" * 32, match_key_id="0" * 16)
    status, _headers, body = hub.post(other_key)
    assert status == 400 and json.loads(body)["error"] == "other-match-key"

    stranger = create_keys(province.root / "stranger", "not the hub").public().age_recipient
    not_ours = province.second_bundle(MONTH, figures, {"131024100": [second_id(1)]}, sequence=1, recipient=stranger)
    status, _headers, body = hub.post(not_ours)
    assert status == 400 and json.loads(body)["error"] == "not-for-us"

    foreign = province.second_bundle(MONTH, [figure("131025100", present=1)], {}, sequence=1)
    status, _headers, body = hub.post(foreign)
    assert status == 400 and json.loads(body)["error"] == "bad-payload"
    assert _snapshot(province.url) == before
