"""County import is order-free and idempotent: random sets of bundles from several townships,
imported in random orders with repeats, leave the county in the state the newest bundle of each
township gives, with every record exactly once. Refused bundles change nothing."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.entry import entry, form_entry
from desktop.core.store import records
from desktop.core.sync import bundle, container, incoming, outgoing
from desktop.core.workspace.workspace import Workspace
from tests.core.sync.helpers import TOWNSHIPS, add_people, county_data_hash, make_sites, resident_id


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    """Three bundles per township, cumulative (no acknowledgement in between), with edits and a
    delete between them; plus a clean copy of the county to import into."""
    root = tmp_path_factory.mktemp("property")
    county_dir, townships = make_sites(root)
    out = root / "stick"
    out.mkdir()
    files = {}
    for number, (code, folder) in enumerate(townships.items()):
        with Workspace.open(folder) as township:
            people = add_people(township, [{"name": f"人{number}{i}", "id_number": resident_id(number * 50 + i)}
                                           for i in range(6)])
            for round_ in range(3):
                if round_:
                    changed = people[round_]
                    current = records.get(township.db, changed.id)
                    form_entry.save(township, entry.form_for(township, current.form_id),
                                    {**current.values, "phone": f"1380000{round_:04d}"}, record_id=changed.id,
                                    reason="phone changed")
                    add_people(township, [{"name": f"新{number}{round_}", "id_number": resident_id(number * 50 + 20 + round_)}])
                if round_ == 2:
                    records.delete(township.db, people[0].id, clerk="clerk", reason="moved away")
                written = outgoing.export_township(township.db, township.paths, out)
                files[(code, written.sequence)] = written.path
    return county_dir, files


def _fresh_county(county_dir, tmp_path):
    copy = tmp_path / "county-copy"
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(county_dir, copy)
    return copy


def _import(county, files):
    with Workspace.open(county) as workspace:
        outcomes = incoming.import_files(workspace.db, workspace.paths, files)
        return outcomes, county_data_hash(workspace.db), workspace.db.execute(
            "SELECT count(*), count(DISTINCT id) FROM records").fetchone()


keys_strategy = st.sampled_from([(code, seq) for code in TOWNSHIPS for seq in (1, 2, 3)])


@pytest.mark.allow_log("township.sync", "refused .*: older-sequence", level="WARNING")
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.lists(keys_strategy, min_size=1, max_size=10))
def test_any_order_with_repeats_gives_the_newest_bundles_state(scenario, tmp_path, order):
    county_dir, files = scenario
    outcomes, state, (count, distinct) = _import(_fresh_county(county_dir, tmp_path), [files[key] for key in order])
    assert count == distinct
    newest = [files[(code, max(seq for c, seq in order if c == code))] for code in {c for c, _ in order}]
    _, expected, _ = _import(_fresh_county(county_dir, tmp_path), sorted(newest))
    assert state == expected
    for outcome in outcomes:
        assert outcome.outcome in ("applied", "already") or outcome.code == "older-sequence"


def test_all_in_order_equals_newest_only(scenario, tmp_path):
    county_dir, files = scenario
    _, everything, (count, distinct) = _import(_fresh_county(county_dir, tmp_path), [files[k] for k in sorted(files)])
    assert count == distinct == 2 * (6 + 2)
    _, newest, _ = _import(_fresh_county(county_dir, tmp_path), [files[(code, 3)] for code in TOWNSHIPS])
    assert everything == newest


def test_gap_is_reported_and_healed(scenario, tmp_path):
    county_dir, files = scenario
    code = TOWNSHIPS[0]
    outcomes, _, _ = _import(_fresh_county(county_dir, tmp_path), [files[(code, 1)], files[(code, 3)]])
    assert outcomes[1].outcome == "applied"
    assert any("never arrived" in note.en for note in outcomes[1].notes)


@pytest.mark.allow_log("township.sync", "refused ", level="WARNING")
def test_tampered_bundles_refused_and_county_data_unchanged(scenario, tmp_path):
    county_dir, files = scenario
    county = _fresh_county(county_dir, tmp_path)
    _, before, _ = _import(county, [])
    original = files[(TOWNSHIPS[0], 1)].read_bytes()
    other = files[(TOWNSHIPS[1], 1)].read_bytes()
    mine, theirs = (container.read_container(d, bundle.MEMBERS) for d in (original, other))
    flipped = bytearray(original)
    flipped[len(flipped) // 2] ^= 1
    variants = {
        "flip": bytes(flipped), "truncate": original[:-10], "append": original + b"\0",
        "swap-payload": container.write_container([(n, {**mine, "payload.age": theirs["payload.age"]}[n])
                                                   for n in bundle.MEMBERS]),
        "swap-manifest": container.write_container([(n, {**mine, "manifest.json": theirs["manifest.json"]}[n])
                                                    for n in bundle.MEMBERS]),
    }
    for name, data in variants.items():
        path = tmp_path / f"TD-{TOWNSHIPS[0]}-000001.tdb"
        path.write_bytes(data)
        outcomes, after, _ = _import(county, [path])
        assert outcomes[0].outcome == "refused", name
        assert outcomes[0].text.en and outcomes[0].text.zh
        assert after == before, name
