"""A county form whose ID field is called `sfzh` (tests/core/forms/county_form.py), at the county:
the same ID entered in two real townships is flagged by the import, counted in the county's sync
status, found by the corrections scan, and masked in the county's lists and command line."""

from __future__ import annotations

import pytest

from desktop.core.entry import form_entry, identity
from desktop.core.exchange import corrections
from desktop.core.store import person_ids
from desktop.core.sync import incoming, outgoing, status
from desktop.core.workspace.workspace import Workspace
from tests.core.forms.county_form import write_county_form
from tests.core.sync.helpers import make_sites, resident_id

SHARED = resident_id(7, birth="19900101")      # entered in both townships
MASKED = SHARED[:6] + "********" + SHARED[-4:]


@pytest.fixture
def imported(tmp_path):
    """Both townships enter the same sfzh (and one ID of their own), export; the county imports
    both bundles, record by record (no automatic checks after the import)."""
    county_dir, townships = make_sites(tmp_path)
    form_file = write_county_form(tmp_path)
    stick = tmp_path / "stick"
    stick.mkdir()
    bundles, ids = [], {}
    for number, folder in enumerate(townships.values()):
        with Workspace.open(folder) as township:
            form = form_entry.registry_for(township).install(form_file)
            values = {"xm": "张三", "sfzh": SHARED, "cun": "131025100001"}
            values.update(identity.derived_from_id(form, "sfzh", SHARED))   # as the form view fills them
            shared = form_entry.save(township, form, values)
            own = form_entry.save(township, form, {"xm": "李四", "sfzh": resident_id(20 + number)})
            ids[township.township] = shared.id
            assert (shared.values["csrq"], shared.values["xb"]) == ("1990-01-01", "1") and own.id
            bundles.append(outgoing.export_township(township.db, township.paths, stick).path)
    with Workspace.open(county_dir) as county:
        form_entry.registry_for(county).install(form_file)
        for path in bundles:
            assert incoming.import_file(county.db, county.paths, path).outcome == "applied"
    return county_dir, ids


def test_the_import_flags_the_sfzh_held_in_two_townships(imported):
    county_dir, ids = imported
    first, second = sorted(ids.values())
    with Workspace.open(county_dir) as county:
        rows = county.db.execute("SELECT record_a, record_b, form_id FROM sync_resident_conflicts").fetchall()
        assert [tuple(row) for row in rows] == [(first, second, "county_people")]
        assert status.county_status(county.db)["resident_conflicts"] == 1
        holders = person_ids.shared_ids(county.db, [("county_people", "sfzh")])
        assert {(h.value, h.record_id) for h in holders} == {(SHARED, i) for i in ids.values()}


def test_the_scan_raises_the_duplicate_on_sfzh_and_the_status_count_drops(imported):
    county_dir, ids = imported
    with Workspace.open(county_dir) as county:
        county.clerk = "county"
        from desktop.core.store import records

        # the later registration (created_at, then id) gets the task
        first, later = sorted((records.get(county.db, i) for i in ids.values()), key=lambda r: (r.created_at, r.id))
        raised = [task for task in corrections.scan(county) if task.kind == "duplicate_id"]
        assert [(task.record_id, task.field, task.township) for task in raised] == [(later.id, "sfzh", later.township)]
        assert raised[0].details["other_record"] == first.id and first.township != later.township
        assert status.county_status(county.db)["resident_conflicts"] == 0   # a task covers it now
        assert corrections.names_on_records(county.db, [raised[0].record_id], county.paths) == {raised[0].record_id: "张三"}


def test_the_county_masks_the_sfzh_in_its_lists_and_command_line(imported, cli):
    county_dir, ids = imported
    with Workspace.open(county_dir) as county:
        from desktop.core.entry.entry import registry
        from desktop.core.store import records

        forms = identity.FormLookup(registry(county))
        record = records.get(county.db, ids["131025100"])
        assert identity.short_description(forms.for_record(record), record.values) == f"张三 {MASKED}"
    listed = cli("records", "list", "county_people", "--data-dir", county_dir)
    assert listed.code == 0, listed.err
    assert listed.out.count(MASKED) == 2 and SHARED not in listed.out
    assert "张三" in listed.out and "李四" in listed.out
