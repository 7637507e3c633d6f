"""Recovery through the `township` command, with a county and two townships: a county restored
from a backup taken before or after acknowledgements, a township restored from a backup, a
township moved to a new PC. After the ordinary steps (restore / init + enroll --replace), at most
two ordinary rounds of export and import each way bring every site back in step, and no record a
township was told the county received is lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.core.exchange import crosschecks
from desktop.core.workspace.workspace import Workspace
from tests.conftest import complete_record
from tests.core.sync.helpers import COUNTY, TOWNSHIPS, older_format, resident_id
from tests.core.sync.test_sync_cli_end_to_end import _setup

A, B = TOWNSHIPS
COUNTY_CLERK = "县管理员"
SERIAL = iter(range(1, 1000))


def _add(cli, folder: Path, count: int, code: str) -> None:
    people = [complete_record(resident_id(next(SERIAL)), "张" + "零一二三四五六七八九"[i % 10], village=f"{code}001") for i in range(count)]
    result = cli("records", "add", "floating_population", "--data-dir", folder, "--json", "-",
                 stdin=json.dumps(people))
    assert result.code == 0, result.err


def _held(folder: Path, township: str) -> dict[str, int]:
    with Workspace.open(folder) as workspace:
        return dict(workspace.db.execute("SELECT id, version FROM records WHERE township = ?", [township]).fetchall())


def _round(cli, tmp_path: Path, county: Path, townships: dict[str, Path], label: str) -> None:
    """One ordinary round: each township exports, the county imports, writes return bundles, each
    township imports its own. Every command must succeed (exit 0)."""
    stick = tmp_path / f"round-{label}"
    stick.mkdir()
    for code, folder in townships.items():
        result = cli("export", "--data-dir", folder, "--to", stick)
        assert result.code == 0, (code, result.out, result.err)
    data = sorted(stick.glob("TD-*-0*.tdb"))
    if data:
        result = cli("import", "--data-dir", county, *data)
        assert result.code == 0, (result.out, result.err)
    result = cli("export", "--data-dir", county, "--to", stick)
    assert result.code == 0, (result.out, result.err)
    for code, folder in townships.items():
        returns = sorted(stick.glob(f"TD-{code}-R*.tdb"))
        if returns:
            result = cli("import", "--data-dir", folder, *returns)
            assert result.code == 0, (code, result.out, result.err)


def _backup(cli, folder: Path, to: Path) -> Path:
    result = cli("backup", "--data-dir", folder, "--to", to)
    assert result.code == 0, result.err
    [made] = to.glob("*.db")   # beside it: the recovery wrap
    return made


def _restore(cli, folder: Path, backup: Path, clerk: str) -> None:
    result = cli("restore", "--data-dir", folder, backup, "--clerk", clerk)
    assert result.code == 0, result.err


def _pending(cli, folder: Path) -> int:
    result = cli("sync", "status", "--data-dir", folder, "--json")
    assert result.code == 0, result.err
    status = json.loads(result.out)
    return status["pending_records"] + status["pending_items"]


def _trail_hashes(folder: Path) -> list[str]:
    with Workspace.open(folder) as workspace:
        return [r[0] for r in workspace.db.execute("SELECT hash FROM audit ORDER BY seq")]


def _assert_in_step(cli, county: Path, townships: dict[str, Path], expected: dict[str, int]) -> None:
    for code, folder in townships.items():
        at_township, at_county = _held(folder, code), _held(county, code)
        assert len(at_township) == expected[code], (code, len(at_township))
        assert at_county == at_township, code
        assert _pending(cli, folder) == 0, code


def _clerk(code: str) -> str:
    return f"clerk{code[-1]}"


@pytest.mark.allow_log("township.sync", "refused .*", level="WARNING")
def test_county_restore_before_acknowledgements_loses_nothing(cli, tmp_path):
    stick, county, townships = _setup(cli, tmp_path)
    _add(cli, townships[A], 5, A)
    _add(cli, townships[B], 3, B)
    with Workspace.open(townships[A]) as workspace:  # an item the county routes: a cross-check request to B
        workspace.clerk = "clerk"
        note = crosschecks.new_request(workspace, subject_name="张三", target=B, question="是否在本镇务工？").id
    before = _backup(cli, county, tmp_path / "county-backup")
    _round(cli, tmp_path, county, townships, "1")           # bundle 1 imported and acknowledged
    _add(cli, townships[A], 2, A)
    _add(cli, townships[B], 1, B)
    _restore(cli, county, before, COUNTY_CLERK)             # the county loses bundle 1
    _round(cli, tmp_path, county, townships, "2")           # bundle 2 arrives: it starts after bundle 1
    _round(cli, tmp_path, county, townships, "3")
    _assert_in_step(cli, county, townships, {A: 7, B: 4})
    with Workspace.open(county) as workspace:               # the item bundle 1 carried was sent again
        assert workspace.db.execute("SELECT count(*) FROM exchange_items WHERE id = ? AND direction = 'in'",
                                    [note]).fetchone()[0] == 1


@pytest.mark.allow_log("township.sync", "refused .*", level="WARNING")
def test_county_restore_after_acknowledgements_loses_nothing(cli, tmp_path):
    stick, county, townships = _setup(cli, tmp_path)
    _add(cli, townships[A], 3, A)
    _add(cli, townships[B], 2, B)
    _round(cli, tmp_path, county, townships, "1")
    after = _backup(cli, county, tmp_path / "county-backup")  # holds bundle 1 and its acknowledgement
    _add(cli, townships[A], 2, A)
    _add(cli, townships[B], 2, B)
    _round(cli, tmp_path, county, townships, "2")
    _restore(cli, county, after, COUNTY_CLERK)               # the county loses bundle 2 and return 2
    _add(cli, townships[A], 1, A)
    _round(cli, tmp_path, county, townships, "3")
    _round(cli, tmp_path, county, townships, "4")
    _assert_in_step(cli, county, townships, {A: 6, B: 4})


@pytest.mark.allow_log("township.sync", "refused .*", level="WARNING")
def test_township_restore_rejoins_and_gets_its_lost_records_back(cli, tmp_path):
    stick, county, townships = _setup(cli, tmp_path)
    _add(cli, townships[A], 3, A)
    _add(cli, townships[B], 2, B)
    _round(cli, tmp_path, county, townships, "1")
    backup = _backup(cli, townships[A], tmp_path / "a-backup")
    _add(cli, townships[A], 2, A)
    _add(cli, townships[B], 1, B)
    _round(cli, tmp_path, county, townships, "2")
    _round(cli, tmp_path, county, townships, "3")
    _restore(cli, townships[A], backup, _clerk(A))            # A loses 2 records the county holds
    _add(cli, townships[A], 1, A)
    _round(cli, tmp_path, county, townships, "4")
    _round(cli, tmp_path, county, townships, "5")
    _assert_in_step(cli, county, townships, {A: 6, B: 3})
    with Workspace.open(townships[A]) as workspace:
        assert workspace.db.execute("SELECT count(*) FROM audit WHERE event = 'sync' AND details LIKE '%rejoin%'"
                                    ).fetchone()[0] == 1
    with Workspace.open(county) as workspace:   # the county's chain of A's trail was re-based, audited
        assert workspace.db.execute("SELECT count(*) FROM audit WHERE event = 'sync' AND details LIKE '%rebase%'"
                                    ).fetchone()[0] == 1
    _add(cli, townships[A], 1, A)                             # and the next ordinary round just works
    _round(cli, tmp_path, county, townships, "6")
    _assert_in_step(cli, county, townships, {A: 7, B: 3})


@pytest.mark.allow_log("township.sync", "refused .*", level="WARNING")
def _new_pc(cli, tmp_path: Path, stick: Path, county: Path) -> Path:
    """Township A set up again on a new PC from the county pack, its new keys enrolled at the county
    in place of the old PC's."""
    new_pc = tmp_path / "new-pc"
    assert cli("init", "--data-dir", new_pc, "--role", "township", "--township", A, "--clerk", _clerk(A),
               "--county-pack", stick / f"TD-county-{COUNTY}.tdpack").code == 0
    enroll_stick = tmp_path / "enroll"
    enroll_stick.mkdir()
    assert cli("keys", "export", "--data-dir", new_pc, "--to", enroll_stick).code == 0
    result = cli("keys", "enroll", "--data-dir", county, enroll_stick / f"TD-enroll-{A}.tdkey", "--replace")
    assert result.code == 0, result.err
    return new_pc


@pytest.mark.parametrize("entered", [1, 0], ids=["records-entered", "nothing-entered-yet"])
def test_new_pc_rejoins_and_gets_every_record_back(cli, tmp_path, entered):
    stick, county, townships = _setup(cli, tmp_path)
    _add(cli, townships[A], 3, A)
    _add(cli, townships[B], 2, B)
    _round(cli, tmp_path, county, townships, "1")
    _add(cli, townships[A], 2, A)
    _round(cli, tmp_path, county, townships, "2")
    new_pc = _new_pc(cli, tmp_path, stick, county)
    old_pc, townships = townships[A], {A: new_pc, B: townships[B]}
    if entered:
        _add(cli, new_pc, entered, A)
    _round(cli, tmp_path, county, townships, "3")
    _round(cli, tmp_path, county, townships, "4")
    _assert_in_step(cli, county, townships, {A: 5 + entered, B: 2})
    with Workspace.open(county) as workspace:   # the old PC's trail is kept whole in the county's audit trail
        [details] = [json.loads(r[0]) for r in workspace.db.execute(
            "SELECT details FROM audit WHERE event = 'sync' AND details LIKE '%rebase%'")]
    # The two trails agree up to the fork (both PCs' first rows - the account and the setup - can
    # be identical, to the second) and every old-PC row the county held from the fork on is kept in the rebase.
    fork = details["from_row"]
    old_hashes, new_hashes = _trail_hashes(old_pc), _trail_hashes(new_pc)
    assert fork >= 1 and old_hashes[:fork - 1] == new_hashes[:fork - 1]
    assert old_hashes[fork - 1] != new_hashes[fork - 1]
    replaced = [row["hash"] for row in details["replaced_rows"]]
    assert replaced and replaced == old_hashes[fork - 1:fork - 1 + len(replaced)]


def test_a_rejoin_larger_than_a_line_comes_back_in_chunks(cli, tmp_path, monkeypatch):
    """The rejoin's records follow the return bundle's header as a streamed list: in the header,
    where they were, one line held them all, and a line holds at most stream.MAX_LINE_BYTES (64
    MiB: a township of about 93,000 records could never rejoin). Here lines are made small: the
    records come back a few a line, more than one line could hold."""
    from desktop.core.sync import stream

    stick, county, townships = _setup(cli, tmp_path)
    _add(cli, townships[A], 12, A)
    _round(cli, tmp_path, county, townships, "1")
    with Workspace.open(county) as workspace:
        held = workspace.db.execute("SELECT sum(length(data) + length(search_text)) FROM records WHERE township = ?",
                                    [A]).fetchone()[0]
    monkeypatch.setattr(stream, "CHUNK_BYTES", 1500)            # a few records a line
    monkeypatch.setattr(stream, "READ_BYTES", 512)              # lines read across several reads
    monkeypatch.setattr(stream, "MAX_LINE_BYTES", max(held // 2, 8000))   # not all of them in one line
    new_pc = _new_pc(cli, tmp_path, stick, county)
    townships = {A: new_pc, B: townships[B]}
    _round(cli, tmp_path, county, townships, "2")
    _round(cli, tmp_path, county, townships, "3")
    _assert_in_step(cli, county, townships, {A: 12, B: 0})


@pytest.mark.allow_log("township.sync", "refused .*: older-sequence", level="WARNING")
def test_restored_county_asks_for_a_resend_instead_of_calling_the_gap_healed(cli, tmp_path):
    stick, county, townships = _setup(cli, tmp_path)
    a = {A: townships[A]}
    _add(cli, townships[A], 5, A)
    before = _backup(cli, county, tmp_path / "county-backup")
    _round(cli, tmp_path, county, a, "1")
    _add(cli, townships[A], 2, A)
    _restore(cli, county, before, COUNTY_CLERK)
    trip = tmp_path / "trip"
    trip.mkdir()
    assert cli("export", "--data-dir", townships[A], "--to", trip).code == 0
    imported = cli("import", "--data-dir", county, trip / f"TD-{A}-000002.tdb")
    assert imported.code == 0, imported.err
    assert "gap healed" not in imported.out and "asks the township to resend from row 0" in imported.out
    assert len(_held(county, A)) == 2                       # what bundle 2 carried, no more
    assert cli("export", "--data-dir", county, "--to", trip).code == 0
    returned = cli("import", "--data-dir", townships[A], *sorted(trip.glob(f"TD-{A}-R*.tdb")))
    assert returned.code == 0, returned.err
    assert "sends everything from there again" in returned.out
    assert _pending(cli, townships[A]) == 7                 # the acknowledged position moved back
    with Workspace.open(townships[A]) as workspace:
        [details] = [json.loads(r[0]) for r in workspace.db.execute(
            "SELECT details FROM audit WHERE event = 'sync' AND details LIKE '%resync%'")]
        assert details["action"] == "resync" and details["from_seq"] == 0
    resent = cli("export", "--data-dir", townships[A], "--to", trip)
    assert "(7 records" in resent.out
    assert cli("import", "--data-dir", county, trip / f"TD-{A}-000003.tdb").code == 0
    assert len(_held(county, A)) == 7
    late = cli("import", "--data-dir", county, tmp_path / "round-1" / f"TD-{A}-000001.tdb")
    assert late.code == 1 and "older" in late.err          # bundle 1 turning up late: its content is there
    assert _held(county, A) == _held(townships[A], A)


@pytest.mark.allow_log("township.sync", "refused .*: bad-payload", level="WARNING")
def test_a_format_2_bundle_is_understood_and_format_3_fields_in_it_are_refused_by_name(cli, tmp_path):
    stick, county, townships = _setup(cli, tmp_path)
    _add(cli, townships[A], 1, A)
    assert cli("export", "--data-dir", townships[A], "--to", stick).code == 0
    path = stick / f"TD-{A}-000001.tdb"
    older = tmp_path / "older"
    older.mkdir()
    (older / path.name).write_bytes(older_format(path.read_bytes(), townships[A], 2, drop=()))  # still has returns_through
    refused = cli("import", "--data-dir", county, older / path.name)
    assert refused.code == 1 and "returns_through" in refused.err and "format 3" in refused.err, refused.err
    (older / path.name).write_bytes(older_format(path.read_bytes(), townships[A], 2, drop=("returns_through", "county_key")))
    understood = cli("import", "--data-dir", county, older / path.name)
    assert understood.code == 0, understood.err
    assert _held(county, A) == _held(townships[A], A)


@pytest.mark.allow_log("township.sync", "refused .*", level="WARNING")
def test_a_rejoin_writes_only_the_townships_own_records(tmp_path, monkeypatch):
    """The county's rejoin carries, besides A's records, one of B's: the restored township A writes
    only its own."""
    import shutil

    from desktop.core.sync import incoming, outgoing, positions
    from tests.core.sync.helpers import add_people, make_sites

    county_dir, sites = make_sites(tmp_path, (A, B))
    stick = tmp_path / "stick"
    stick.mkdir()
    for code, serial in ((A, 1), (B, 2)):
        with Workspace.open(sites[code]) as township:
            add_people(township, [{"name": f"人{serial}", "id_number": resident_id(serial)}])
        if code == A:
            shutil.copytree(sites[A], tmp_path / "restored")   # A's PC before its export: a backup
        with Workspace.open(sites[code]) as township:
            written = outgoing.export_township(township.db, township.paths, stick)
        with Workspace.open(county_dir) as county:
            assert incoming.import_file(county.db, county.paths, written.path).outcome == "applied"
    with Workspace.open(tmp_path / "restored") as restored:
        again = outgoing.export_township(restored.db, restored.paths, tmp_path)   # bundle 1 again, other bytes
    with Workspace.open(county_dir) as county:
        outcome = incoming.import_file(county.db, county.paths, again.path)
        assert outcome.code == positions.REJOIN_CODE, outcome.text.en
        [b_record] = outgoing.township_records(county.db, B)
    real = outgoing.township_records
    monkeypatch.setattr(outgoing, "township_records", lambda db, code: [*real(db, code), b_record])
    with Workspace.open(county_dir) as county:
        [returned] = outgoing.export_returns(county.db, county.paths, stick, townships=[A])
    with Workspace.open(tmp_path / "restored") as restored:
        applied = incoming.import_file(restored.db, restored.paths, returned.path)
        assert applied.outcome == "applied", applied.text.en
        assert any("rejoined the county at bundle 1" in note.en for note in applied.notes)
        assert restored.db.execute("SELECT count(*) FROM records WHERE id = ?", [b_record["id"]]).fetchone()[0] == 0
        assert restored.db.execute("SELECT count(*) FROM records").fetchone()[0] == 1
