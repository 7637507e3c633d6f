"""Authority per item: a bundle carries only items its signer may send.

A township's real, enrolled key signs bundles whose items lie about where they come from (a
correction task "raised by the county", a cross-check "from" another township...); the county
refuses the whole bundle before any write, naming the item, and nothing reaches the other
township. The county's return bundles are held to the same rule at the township."""

from __future__ import annotations

import copy

import pytest

from desktop.core.exchange import exchange
from desktop.core.sync import bundle, incoming, outgoing
from desktop.core.workspace.workspace import Workspace
from tests.core.sync import test_sync_hostile_payloads as hostile
from tests.core.sync.helpers import COUNTY, TOWNSHIPS, county_data_hash
from tests.core.sync.test_sync_hostile_payloads import (
    _put,
    _return_payload,
    signed_data_bundle,
    signed_return_bundle,
)

pristine, sites = hostile.pristine, hostile.sites   # the same sites: a county, townships A and B

pytestmark = pytest.mark.allow_log("township.sync", "refused .*: item-authority", level="WARNING")

A, B = TOWNSHIPS
STAMP = "2026-11-26T10:00:00+08:00"


def item(item_id, kind, origin, target, **payload):
    return {"id": item_id, "type": kind, "origin": origin, "target": target, "created_at": STAMP,
            "payload": {"task_id": item_id, "record_id": "r-1", "request_id": item_id, "requester": origin,
                        "target": target, "due_date": "2026-12-31", **payload}}


LYING_DATA_ITEMS = {  # items in A's bundle that A may not send
    "task-raised-by-the-county": item("lie-task", "correction.task", "county", B),
    "task-under-its-own-name": item("lie-own-task", "correction.task", A, B),
    "decision-of-the-county": item("lie-decision", "correction.decision", "county", A, decision="accepted"),
    "request-from-another-township": item("lie-request", "crosscheck.request", B, A),
    "answer-from-the-county-code": item("lie-answer", "crosscheck.answer", COUNTY, B),
    "outcome-sent-to-a-township": item("lie-outcome", "correction.outcome", A, B, outcome="fixed"),
    "request-to-the-county": item("lie-to-county", "crosscheck.request", A, "county"),
    "request-outside-the-county": item("lie-outside", "crosscheck.request", A, "130000100"),
    # to another county: a request names the county (the province finds the township), a receipt
    # or answer the township; nothing leaves the province, nothing names this county as "other"
    "request-to-a-county-of-another-province": item("lie-province", "crosscheck.request", A, "110105"),
    "request-to-this-county-code": item("lie-own-county", "crosscheck.request", A, COUNTY),
    "answer-to-a-county-not-a-township": item("lie-answer-county", "crosscheck.answer", A, "131024"),
    "receipt-to-another-province": item("lie-receipt", "crosscheck.receipt", A, "110105001"),
    "unknown-type": item("lie-unknown", "note.broadcast", A, B),
}


def test_a_township_key_cannot_raise_a_county_task_for_another_township(cli, sites):
    """Through `township import`: the whole bundle is refused, exit 1, the item named in both
    languages, the county unchanged, and township B never hears of the task."""
    county_dir, townships, stick, payload = sites
    payload["items"] = [item("lie-task", "correction.task", "county", B, message={"en": "fix", "zh": "改"})]
    path = _put(stick, signed_data_bundle(townships[A], payload))
    with Workspace.open(county_dir) as county:
        before = county_data_hash(county.db)
    result = cli("import", "--data-dir", county_dir, path)
    assert result.code == 1
    assert "lie-task (correction.task)" in result.err and "refused" in result.err
    result = cli("--lang", "zh", "import", "--data-dir", county_dir, path)
    assert result.code == 1 and "lie-task (correction.task)" in result.err and "整个同步包已拒绝" in result.err
    with Workspace.open(county_dir) as county:
        assert county_data_hash(county.db) == before   # not even A's records were written
        assert county.db.execute("SELECT count(*) FROM records").fetchone()[0] == 0
        assert exchange.pending_out(county.db, B) == []
        refused = county.db.execute("SELECT outcome, code FROM sync_received").fetchall()
        assert {tuple(row) for row in refused} == {("refused", "item-authority")}
        written = outgoing.export_returns(county.db, county.paths, stick, townships=[B])
    for return_bundle in written:
        with Workspace.open(townships[B]) as township:
            assert incoming.import_file(township.db, township.paths, return_bundle.path).ok
    with Workspace.open(townships[B]) as township:
        assert township.db.execute("SELECT count(*) FROM corrections").fetchone()[0] == 0
        assert township.db.execute("SELECT count(*) FROM exchange_items WHERE direction='in'").fetchone()[0] == 0


@pytest.mark.parametrize("case", sorted(LYING_DATA_ITEMS))
def test_an_item_a_township_may_not_send_refuses_its_bundle(sites, case):
    county_dir, townships, stick, payload = sites
    lie = LYING_DATA_ITEMS[case]
    honest = item("honest-request", "crosscheck.request", A, B)
    payload["items"] = [honest, copy.deepcopy(lie)]
    path = _put(stick, signed_data_bundle(townships[A], payload))
    with Workspace.open(county_dir) as county:
        before = county_data_hash(county.db)
        [outcome] = incoming.import_files(county.db, county.paths, [path])
        assert outcome.outcome == "refused" and outcome.code == "item-authority", outcome.text.en
        assert lie["id"] in outcome.text.en and lie["id"] in outcome.text.zh
        assert county_data_hash(county.db) == before


def test_what_a_township_originates_is_accepted_and_forwarded(sites):
    county_dir, townships, stick, payload = sites
    payload["items"] = [item("req-1", "crosscheck.request", A, B), item("ans-1", "crosscheck.answer", A, B,
                                                                          answer="confirmed", answered_at=STAMP),
                        item("rec-1", "crosscheck.receipt", A, B), item("out-1", "correction.outcome", A, "county",
                                                                        outcome="fixed")]
    path = _put(stick, signed_data_bundle(townships[A], payload))
    with Workspace.open(county_dir) as county:
        [outcome] = incoming.import_files(county.db, county.paths, [path])
        assert outcome.outcome == "applied", outcome.text.en
        assert sorted(i["id"] for i in exchange.pending_out(county.db, B)) == ["ans-1", "rec-1", "req-1"]


def test_cross_county_items_wait_at_the_county_for_the_province(sites):
    """A request to another county of the province, and an answer to a township there: accepted,
    and kept for the county's next bundle to the province - not for any township's return bundle."""
    county_dir, townships, stick, payload = sites
    payload["items"] = [item("x-req", "crosscheck.request", A, "131024"),
                        item("x-ans", "crosscheck.answer", A, "131024100", answer="confirmed", answered_at=STAMP)]
    path = _put(stick, signed_data_bundle(townships[A], payload))
    with Workspace.open(county_dir) as county:
        [outcome] = incoming.import_files(county.db, county.paths, [path])
        assert outcome.outcome == "applied", outcome.text.en
        assert sorted(i["id"] for i in exchange.pending_outside(county.db, COUNTY)) == ["x-ans", "x-req"]
        assert exchange.pending_out(county.db, B) == [] and exchange.pending_out(county.db, A) == []


LYING_RETURN_ITEMS = {  # items in a county return bundle for A that the county may not send A
    "addressed-to-another-township": item("r-other", "correction.task", "county", B),
    "county-task-claiming-a-township": item("r-task", "correction.task", B, A),
    "crosscheck-from-the-county": item("r-answer", "crosscheck.answer", "county", A, answer="confirmed"),
    "crosscheck-from-itself": item("r-self", "crosscheck.request", A, A),
    "outcome-for-a-township": item("r-outcome", "correction.outcome", B, A, outcome="fixed"),
    "crosscheck-from-another-province": item("r-province", "crosscheck.answer", "110105001", A, answer="confirmed"),
    "unknown-type-from-a-township": item("r-unknown", "note.broadcast", B, A),
}


@pytest.mark.parametrize("case", sorted(LYING_RETURN_ITEMS))
def test_a_return_bundle_item_the_county_may_not_send_is_refused(sites, case):
    county_dir, townships, stick, _payload = sites
    lie = LYING_RETURN_ITEMS[case]
    payload = _return_payload(items=[item("ok-task", "correction.task", "county", A), copy.deepcopy(lie)])
    path = _put(stick, signed_return_bundle(county_dir, payload), bundle.KIND_RETURN)
    with Workspace.open(townships[A]) as township:
        [outcome] = incoming.import_files(township.db, township.paths, [path])
        assert outcome.outcome == "refused" and outcome.code == "item-authority", outcome.text.en
        assert lie["id"] in outcome.text.en and lie["id"] in outcome.text.zh
        assert township.db.execute("SELECT count(*) FROM exchange_items").fetchone()[0] == 0
        assert township.db.execute("SELECT count(*) FROM corrections").fetchone()[0] == 0
        assert township.db.execute("SELECT count(*) FROM sync_peers").fetchone()[0] == 0


def test_a_return_bundle_with_county_items_and_forwarded_ones_is_applied(sites):
    county_dir, townships, stick, _payload = sites
    payload = _return_payload(items=[item("ok-task", "correction.task", "county", A),
                                     item("ok-request", "crosscheck.request", B, A),
                                     item("ok-newer", "county.newer-type", "county", A)])
    path = _put(stick, signed_return_bundle(county_dir, payload), bundle.KIND_RETURN)
    with Workspace.open(townships[A]) as township:
        [outcome] = incoming.import_files(township.db, township.paths, [path])
        assert outcome.outcome == "applied", outcome.text.en
        assert township.db.execute("SELECT count(*) FROM corrections").fetchone()[0] == 1
        assert township.db.execute("SELECT count(*) FROM crosschecks WHERE side='in'").fetchone()[0] == 1
