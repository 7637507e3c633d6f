"""Validly signed bundles with malformed content: each is one clean refusal naming the bad
field, before any write, and a batch import goes on past it.

The bundles are signed with the real keys of an enrolled township (data bundles) or of the
county (return bundles), so only the payload schema (payload_schema) stands in their way."""

from __future__ import annotations

import copy
import json

import pytest

from desktop.core.store import settings
from desktop.core.sync import bundle, incoming, outgoing, trust
from desktop.core.workspace.workspace import Workspace
from tests.core.sync.conftest import payload_counts
from tests.core.sync.helpers import COUNTY, TOWNSHIPS, add_people, county_data_hash, make_sites, resident_id

# every case here is a bundle the import refuses, and logs as refused
pytestmark = pytest.mark.allow_log("township.sync", "refused ", level="WARNING")

A, B = TOWNSHIPS


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    """A county and two townships; township A has two records and a real export's payload."""
    root = tmp_path_factory.mktemp("hostile")
    county_dir, townships = make_sites(root)
    stick = root / "first-export"
    stick.mkdir()
    with Workspace.open(townships[A]) as township:
        add_people(township, [{"name": "张三", "id_number": resident_id(1)}, {"name": "李四", "id_number": resident_id(2)}])
        written = outgoing.export_township(township.db, township.paths, stick)
        keys = trust.install_keys(township.paths)
        opened = bundle.open_bundle_file(written.path, trust.trusted_keys(township.db, keys, "township", A),
                                         keys.all_age_identities())
    return root, county_dir, townships, opened.payload


@pytest.fixture
def sites(pristine, tmp_path):
    import shutil

    root, county_dir, townships, payload = pristine
    copied = {code: tmp_path / code for code in townships}
    for code, folder in townships.items():
        shutil.copytree(folder, copied[code])
    shutil.copytree(county_dir, tmp_path / "county")
    stick = tmp_path / "stick"
    stick.mkdir()
    return tmp_path / "county", copied, stick, copy.deepcopy(payload)


def signed_data_bundle(township_dir, payload, *, township=A, sequence=1, counts=None) -> bytes:
    """A data bundle signed with the township's own enrolled key, for the county."""
    with Workspace.open(township_dir) as ws:
        keys = trust.install_keys(ws.paths)
        recipients = trust.active_recipients(ws.db, COUNTY) + [keys.public().age_recipient]
    return bundle.build_bundle(keys=keys, kind=bundle.KIND_DATA, county=COUNTY, township=township, sequence=sequence,
                               previous_sha256=None, payload=payload, recipients=recipients,
                               counts=counts if counts is not None else payload_counts(payload))


def signed_return_bundle(county_dir, payload, *, township=A, sequence=1, counts=None) -> bytes:
    with Workspace.open(county_dir) as ws:
        keys = trust.install_keys(ws.paths)
        recipients = trust.active_recipients(ws.db, township) + [keys.public().age_recipient]
    if counts is None:
        counts = {"items": len(payload["items"]), "records_refused": len(payload["ack"]["records_refused"]),
                  "code_lists": len(payload["updates"]["code_lists"]), "form_packs": len(payload["updates"]["form_packs"])}
    return bundle.build_bundle(keys=keys, kind=bundle.KIND_RETURN, county=COUNTY, township=township,
                               sequence=sequence, previous_sha256=None, payload=payload, recipients=recipients,
                               counts=counts)


def _put(stick, data, kind=bundle.KIND_DATA, township=A, sequence=1):
    path = stick / bundle.bundle_file_name(kind, township, sequence)
    path.write_bytes(data)
    return path


def _set(payload, path, value):
    target = payload
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return payload


DATA_CASES = {  # name: (where, value, the path the refusal names)
    "form_id-a-dict": (("records", 0, "form_id"), {"x": 1}, "records[0].form_id"),
    "version-2^70": (("records", 0, "version"), 2**70, "records[0].version"),
    "null-created_at": (("records", 0, "created_at"), None, "records[0].created_at"),
    "audit-seq-text": (("audit", 0, "seq"), "1", "audit[0].seq"),
    "deleted-a-number": (("records", 1, "deleted"), 0, "records[1].deleted"),
    "data-not-text": (("records", 0, "data"), {"name": "x"}, "records[0].data"),
    "item-without-payload": (("items",), [{"id": "i", "type": "t", "origin": A, "target": COUNTY,
                                           "created_at": "2026-11-26T10:00:00+08:00"}], "items[0].payload"),
    "through_seq-float": (("through_seq",), 1.5, "through_seq"),
    "unknown-field": (("records", 0, "extra"), 1, "records[0].extra"),
    "other-township": (("township",), B, "township"),
}


@pytest.mark.parametrize("case", sorted(DATA_CASES))
def test_signed_malformed_data_bundle_is_one_clean_refusal(sites, case):
    county_dir, townships, stick, payload = sites
    where, value, named = DATA_CASES[case]
    path = _put(stick, signed_data_bundle(townships[A], _set(payload, where, value)))
    with Workspace.open(county_dir) as county:
        before = county_data_hash(county.db)
        [outcome] = incoming.import_files(county.db, county.paths, [path])
        assert outcome.outcome == "refused" and outcome.code == "bad-payload", outcome.text.en
        assert named in outcome.text.en and named in outcome.text.zh
        assert county_data_hash(county.db) == before
        logged = county.db.execute("SELECT outcome, code FROM sync_received").fetchall()
        assert [tuple(row) for row in logged] == [("refused", "bad-payload")]


@pytest.mark.parametrize("counts, named", [
    ({"records": int("9" * 4000), "audit": 0, "items": 0}, "counts"),
    ({"records": 5, "audit": None, "items": 0}, "counts"),
])
def test_signed_impossible_counts_refused(sites, counts, named):
    """Counts the writer could never produce (build_bundle refuses them), signed by hand."""
    from desktop.core.sync import container

    county_dir, townships, stick, payload = sites
    members = container.read_container(signed_data_bundle(townships[A], payload), bundle.MEMBERS)
    manifest = json.loads(members[bundle.MANIFEST])
    manifest["counts"] = counts
    manifest_bytes = json.dumps(manifest, sort_keys=True, indent=2).encode()
    with Workspace.open(townships[A]) as ws:
        signature = trust.install_keys(ws.paths).sign(manifest_bytes).encode()
    path = _put(stick, container.write_container([(bundle.MANIFEST, manifest_bytes), (bundle.SIGNATURE, signature),
                                                  (bundle.PAYLOAD, members[bundle.PAYLOAD])]))
    with Workspace.open(county_dir) as county:
        before = county_data_hash(county.db)
        [outcome] = incoming.import_files(county.db, county.paths, [path])
        assert outcome.outcome == "refused" and outcome.code in ("bad-manifest", "bad-payload"), outcome.text.en
        assert named in outcome.text.en
        assert county_data_hash(county.db) == before


@pytest.mark.parametrize("name", ["records", "audit", "items"])
def test_counts_must_equal_what_the_payload_holds(sites, name):
    county_dir, townships, stick, payload = sites
    counts = payload_counts(payload)
    counts[name] += 1
    path = _put(stick, signed_data_bundle(townships[A], payload, counts=counts))
    with Workspace.open(county_dir) as county:
        [outcome] = incoming.import_files(county.db, county.paths, [path])
    assert outcome.code == "bad-payload" and f"manifest.counts.{name}" in outcome.text.en


def _return_payload(**changes):
    payload = {"township": A, "ack": {"records_refused": [], "bundles_refused": []},
               "updates": {"code_lists": [], "form_packs": []}, "items": []}
    for where, value in changes.items():
        _set(payload, tuple(where.split("__")), value)
    return payload


RETURN_CASES = {
    "ack-sequence-a-list": (_return_payload(ack__sequence=[1], ack__sha256="0" * 64), "ack.sequence"),
    "ack-through_seq-text": (_return_payload(ack__sequence=1, ack__sha256="0" * 64, ack__through_seq="all"),
                             "ack.through_seq"),
    "code-list-not-an-object": (_return_payload(updates__code_lists=["villages.csv"]), "updates.code_lists[0]"),
    "item-id-an-object": (_return_payload(items=[{"id": {"a": 1}, "type": "t", "origin": COUNTY, "target": A,
                                                  "created_at": "2026-11-26T10:00:00+08:00", "payload": {}}]),
                          "items[0].id"),
}


@pytest.mark.parametrize("case", sorted(RETURN_CASES))
def test_county_signed_malformed_return_bundle_refused_at_the_township(sites, case):
    county_dir, townships, stick, _payload = sites
    payload, named = RETURN_CASES[case]
    path = _put(stick, signed_return_bundle(county_dir, copy.deepcopy(payload)), bundle.KIND_RETURN)
    with Workspace.open(townships[A]) as township:
        [outcome] = incoming.import_files(township.db, township.paths, [path])
        assert outcome.outcome == "refused" and outcome.code == "bad-payload", outcome.text.en
        assert named in outcome.text.en
        assert settings.get(township.db, incoming.LAST_ACK) is None
        assert township.db.execute("SELECT count(*) FROM sync_peers").fetchone()[0] == 0


def test_batch_import_goes_on_past_refusals(sites, cli):
    """`township import A B C`: what can be applied is, one line per refusal, exit 1; exit 0 when
    everything was applied or already present."""
    county_dir, townships, stick, payload = sites
    bad = _put(stick, signed_data_bundle(townships[A], _set(copy.deepcopy(payload), ("records", 0, "version"), 2**70)))
    with Workspace.open(townships[B]) as township:
        add_people(township, [{"name": "王五", "id_number": resident_id(3)}])
        good_b = outgoing.export_township(township.db, township.paths, stick).path
    other = stick / "b"
    other.mkdir()
    good_a = _put(other, signed_data_bundle(townships[A], payload, sequence=2), sequence=2)
    junk = stick / "TD-131025100-000009.tdb"
    junk.write_bytes(b"not a bundle")
    result = cli("import", "--data-dir", county_dir, bad, good_b, junk, good_a)
    assert result.code == 1, result.err
    assert "Traceback" not in result.err and "internal error" not in result.err.lower()
    refusals = [line for line in result.err.splitlines() if line.startswith("TD-")]
    assert len(refusals) == 2, result.err
    assert "records[0].version" in refusals[0] and refusals[1].startswith(junk.name)
    assert f"imported bundle 1 of {B}" in result.out and f"imported bundle 2 of {A}" in result.out
    with Workspace.open(county_dir) as county:
        assert county.db.execute("SELECT count(*) FROM records").fetchone()[0] == 3
    again = cli("import", "--data-dir", county_dir, good_b, good_a)
    assert again.code == 0, again.err
    assert again.out.count("already imported") == 2


def test_payload_of_a_real_export_fits_the_schema(pristine):
    _root, _county, _townships, payload = pristine
    from desktop.core.sync import payload_schema

    payload_schema.check_payload(bundle.KIND_DATA, payload, township=A, counts=payload_counts(payload))
    assert json.dumps(payload)  # plain JSON all the way down


def test_gaps_are_kept_as_ranges(sites):
    from desktop.core.sync import status

    county_dir, townships, stick, payload = sites
    path = _put(stick, signed_data_bundle(townships[A], payload, sequence=90_001), sequence=90_001)
    with Workspace.open(county_dir) as county:
        [outcome] = incoming.import_files(county.db, county.paths, [path])
        assert outcome.outcome == "applied", outcome.text.en
        assert any("bundles 1..90000 never arrived" in note.en for note in outcome.notes)
        assert json.loads(county.db.execute("SELECT gaps FROM sync_peers").fetchone()[0]) == [[1, 90_000]]
        [row] = [r for r in status.county_townships(county.db) if r.code == A]
        assert row.gaps == ((1, 90_000),)
        returns = outgoing.export_returns(county.db, county.paths, stick, townships=[A])
    with Workspace.open(townships[A]) as township:
        [outcome] = incoming.import_files(township.db, township.paths, [returns[0].path])
        assert outcome.outcome == "applied", outcome.text.en
        assert settings.get(township.db, incoming.LAST_ACK)["gaps"] == [[1, 90_000]]


def test_a_fifo_named_like_a_bundle_is_refused_without_hanging(sites, tmp_path):
    import os

    county_dir, townships, stick, payload = sites
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    fifo = stick / "TD-131025100-000007.tdb"
    os.mkfifo(fifo)
    good = _put(tmp_path, signed_data_bundle(townships[A], payload))
    with Workspace.open(county_dir) as county:
        refused, applied = incoming.import_files(county.db, county.paths, [fifo, good])
    assert refused.outcome == "refused" and refused.code == "not-a-file", refused.text.en
    assert applied.outcome == "applied", applied.text.en


def _rejoin_payload(records: list[dict]) -> dict:
    """A return bundle offering township A a rejoin at the county's bundle 1 (one this PC did not
    write: its sha256 is not the one A recorded), its records streamed after the header."""
    payload = _return_payload(ack__sequence=1, ack__sha256="ab" * 32, ack__through_seq=2,
                              ack__rejoin={"through_seq": 2, "audit_head": "cd" * 32, "records": []})
    payload["rejoin_records"] = records
    return payload


def _newer(payload: dict) -> list[dict]:
    """A's two records as the county would hold them after a later change: one version on."""
    return [{**record, "version": record["version"] + 1} for record in payload["records"]]


def _versions(township) -> list[int]:
    return [v for (v,) in township.db.execute("SELECT version FROM records ORDER BY id")]


REJOIN_CASES = {   # name: (how the records or the counts are spoiled, the refusal's words)
    "second-chunk-malformed": (lambda records, counts: records[1].update(version="2"), "rejoin_records[1].version"),
    "count-says-fewer": (lambda records, counts: counts.update(rejoin_records=1), "manifest.counts.rejoin_records"),
    "count-says-more": (lambda records, counts: counts.update(rejoin_records=3), "manifest.counts.rejoin_records"),
    "count-missing": (lambda records, counts: counts.pop("rejoin_records"), "manifest.counts.rejoin_records"),
    "not-a-list": (lambda records, counts: records.__setitem__(slice(None), [7, 8]), "rejoin_records[0]"),
}


@pytest.mark.parametrize("case", [None, *sorted(REJOIN_CASES)])
def test_a_rejoin_streamed_in_chunks_is_applied_whole_or_not_at_all(sites, monkeypatch, case):
    """A county holding its real key and lying in a rejoin's streamed records: a chunk after a
    good one malformed, a count that is not what the list holds or none at all. The good chunk was
    written by the time the bad part is read; the refusal rolls it back with everything else. The
    honest bundle (None) restores both records, one chunk each."""
    from desktop.core.sync import positions, stream

    county_dir, townships, stick, payload = sites
    records = _newer(payload)
    built = _rejoin_payload(records)
    counts = {"items": 0, "records_refused": 0, "code_lists": 0, "form_packs": 0, "rejoin_records": len(records)}
    if case is not None:
        spoil, named = REJOIN_CASES[case]
        spoil(built["rejoin_records"], counts)
    monkeypatch.setattr(stream, "CHUNK_ROWS", 1)   # one record a chunk: the second follows a written first
    path = _put(stick, signed_return_bundle(county_dir, built, counts=counts), bundle.KIND_RETURN)
    with Workspace.open(townships[A]) as township:
        before = _versions(township)
        [outcome] = incoming.import_files(township.db, township.paths, [path])
        if case is None:
            assert outcome.outcome == "applied", outcome.text.en
            assert any("2 records this PC had lost were restored" in note.en for note in outcome.notes)
            assert _versions(township) == [v + 1 for v in before]
            assert settings.get(township.db, positions.REJOINED)["sequence"] == 1
            return
        assert outcome.outcome == "refused" and outcome.code == "bad-payload", outcome.text.en
        assert named in outcome.text.en
        assert _versions(township) == before
        assert settings.get(township.db, positions.REJOINED) is None
        assert settings.get(township.db, incoming.LAST_ACK) is None
