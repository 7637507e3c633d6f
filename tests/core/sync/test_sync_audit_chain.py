"""The county checks a township's audit rows as a hash chain: a row changed after it was written
is refused with its number, and an honest trail goes through bundle after bundle."""

from __future__ import annotations

import pytest

from desktop.core.sync import incoming, outgoing
from desktop.core.workspace.workspace import Workspace
from tests.core.sync.helpers import TOWNSHIPS, add_people, county_data_hash, make_sites, resident_id

A = TOWNSHIPS[0]


def export_and_import(county_dir, township_dir, stick):
    with Workspace.open(township_dir) as township:
        written = outgoing.export_township(township.db, township.paths, stick, clerk="clerk")
    with Workspace.open(county_dir) as county:
        return incoming.import_file(county.db, county.paths, written.path)


def test_an_honest_trail_verifies_across_bundles(tmp_path):
    county_dir, townships = make_sites(tmp_path, (A,))
    stick = tmp_path / "stick"
    stick.mkdir()
    for serial in (1, 2):
        with Workspace.open(townships[A]) as township:
            add_people(township, [{"name": f"人{serial}", "id_number": resident_id(serial)}])
        outcome = export_and_import(county_dir, townships[A], stick)
        assert outcome.outcome == "applied", outcome.text.en


@pytest.mark.allow_log("township.sync", "refused .*: audit-chain", level="WARNING")
def test_a_rewritten_audit_row_is_refused_and_changes_nothing(tmp_path):
    county_dir, townships = make_sites(tmp_path, (A,))
    stick = tmp_path / "stick"
    stick.mkdir()
    with Workspace.open(townships[A]) as township:
        add_people(township, [{"name": "张三", "id_number": resident_id(1)}])
        seq = township.db.execute("SELECT max(seq) FROM audit WHERE event = 'create'").fetchone()[0]
        township.db.execute("DROP TRIGGER audit_no_update")        # someone edits the file by hand
        township.db.execute("UPDATE audit SET details = replace(details, '张三', '李四') WHERE seq = ?", [seq])
    with Workspace.open(county_dir) as county:
        before = county_data_hash(county.db)
    outcome = export_and_import(county_dir, townships[A], stick)
    assert outcome.outcome == "refused" and outcome.code == "audit-chain"
    assert f"row {seq}" in outcome.text.en and "不通过" in outcome.text.zh
    with Workspace.open(county_dir) as county:
        assert county_data_hash(county.db) == before
