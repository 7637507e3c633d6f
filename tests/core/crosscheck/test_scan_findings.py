"""The corrections scan's quick paths find exactly what the straightforward ones find: the entry
rules compiled once per scan (desktop.core.rules.error_scan) against `entry.validate` record by
record, the same-ID check over the whole county against the same check from every record, and
the scan's keyset pages against one ordered read - on a generated county seeded with records that
break the rules in every way they can fail on stored data, records that only earn warnings,
values the engine normalises, family rows, a form the county does not hold, and the
re-registrations of people in two townships.
"""

from __future__ import annotations

import pytest

from desktop.core.entry import entry
from desktop.core.errors import UserError
from desktop.core.exchange import corrections
from desktop.core.forms.keys import FormKeys
from desktop.core.quality import duplicates
from desktop.core.rules import error_scan
from desktop.core.store import person_ids, records
from tests.helpers import bigcounty, seeded_problems

N = 3_000


SEEDED: dict[str, str] = {}    # record id -> what seeded_problems did to it


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    workspace = bigcounty.open_county(bigcounty.county_at(tmp_path_factory.mktemp("seeded") / "county", N))
    workspace.clerk, workspace.clerk_role = "县管", "admin"
    SEEDED.update(seeded_problems.seed(workspace.db, every=7))
    assert len(SEEDED) > 400
    yield workspace
    workspace.close()


def straightforward_rule_findings(workspace, checked) -> list[tuple]:
    """The scan's rule findings as it made them before: entry.validate on each record."""
    found = []
    for record in checked:
        try:
            violations = entry.validate(workspace, record.form_id, record.values, record.id)
        except UserError:
            continue
        found += [(record.id, "rule", v.field, v.message.en, v.message.zh, {"rule": v.code},
                   f"rule:{record.id}:{v.field}:{v.code}")
                  for v in violations if v.severity == "error" and v.code not in corrections.UNIQUENESS_CODES]
    return found


def comparable(findings) -> list[tuple]:
    return [(record.id, kind, field, message.en, message.zh, details, key)
            for record, kind, field, message, details, key in findings]


def test_the_compiled_rules_find_what_validating_each_record_finds(county):
    checked = list(records.changed_since(county.db, -1))
    expected = straightforward_rule_findings(county, checked)
    found = comparable(corrections._rule_findings(county, checked))
    assert found == expected
    # every way of failing was seeded, and found: the test is not comparing two empty lists
    codes = {(field, details["rule"]) for _, _, field, _, _, details, _ in found}
    for wanted in [("id_number", "constraint"), ("sex", "constraint"), ("birth_date", "constraint"),
                   ("birth_date", "type"), ("village", "choice"), ("name", "required"), ("left_date", "required"),
                   ("member_name", "required"), ("member_relationship", "choice"),
                   ("member_id_number", "constraint"), ("arrival_date", "constraint")]:
        assert wanted in codes, wanted


def test_records_with_warnings_only_or_normalised_values_raise_nothing(county):
    checked = list(records.changed_since(county.db, -1))
    flagged = {finding[0].id for finding in corrections._rule_findings(county, checked)}
    # married under age, arrived over 30 years ago, employed under 16; full-width, lower-case and
    # spaced ID numbers, stale calculations, a full-width landline
    quiet = {f"problem {n}" for n in (11, 12, 20, 21, 22, 24, 25)}
    calm = [r for r in checked if SEEDED.get(r.id) in quiet]
    assert len(calm) > 50
    assert not flagged & {r.id for r in calm}
    warned = [r for r in calm if any(v.severity == "warning" for v in
                                     entry.validate(county, r.form_id, r.values, r.id))]
    assert len(warned) > 20      # what the scan rightly leaves out


def test_remembered_results_stay_right_when_their_tables_are_emptied_or_dropped(county, monkeypatch):
    checked = list(records.changed_since(county.db, -1))
    expected = straightforward_rule_findings(county, checked)
    monkeypatch.setattr(error_scan, "TABLE_LIMIT", 3)      # emptied every few records
    monkeypatch.setattr(error_scan, "FIELD_TABLE_LIMIT", 6)
    assert comparable(corrections._rule_findings(county, checked)) == expected
    monkeypatch.setattr(error_scan, "TABLE_LIMIT", 1)      # dropped at once by any field that misses
    monkeypatch.setattr(error_scan, "FIELD_TABLE_LIMIT", 1)
    assert comparable(corrections._rule_findings(county, checked)) == expected


def test_each_record_alone_gives_the_engines_errors_in_the_engines_order(county):
    form = entry.form_for(county, bigcounty.FORM)
    rules = error_scan.FormErrors(form, entry.rule_context(county))
    checked = [r for r in records.changed_since(county.db, -1) if r.form_id == bigcounty.FORM]
    with_rows = 0
    for record in checked:
        engine = [v for v in entry.validate(county, record.form_id, record.values, record.id)
                  if v.severity == "error" and v.code != "unique"]
        assert rules.errors(record.values) == engine, record.values
        with_rows += bool(record.values.get("family"))
    assert with_rows, "records with family rows take the whole pass"


def test_the_same_id_check_over_the_whole_county_finds_what_it_finds_from_every_record(county):
    fields = corrections._person_fields(county.paths)
    whole = person_ids.shared_ids(county.db, fields)
    from_every_record = person_ids.shared_ids(county.db, fields, since_audit_seq=-1)
    assert whole == from_every_record and len(whole) >= 2 * int(N * 0.005) - 2


def test_the_scan_reads_every_complete_record_once_in_change_order(county):
    db = county.db
    read = [r.id for r in records.changed_since(db, -1, batch=50)]
    ordered = [row[0] for row in db.execute(
        "SELECT id FROM records WHERE deleted = 0 AND status = 'complete' ORDER BY last_audit_seq, rowid")]
    assert read == ordered and len(read) > N * 0.9


def test_a_full_scan_gathers_the_people_the_duplicate_search_would_read(county):
    gathered = corrections._people_of(county)
    for record in records.changed_since(county.db, -1):
        gathered.add(record)
    [definition] = duplicates.compared_forms(FormKeys.for_data_dir(county.paths))
    read = duplicates.people_in_store(county.db, definition)
    assert gathered.people(definition.form_id) == read and len(read) > N * 0.9
    # the whole county read in table order and sorted, as the registration order of the index
    assert read == duplicates.people_in_store(county.db, definition, where="1 = 1")
    odd = [p for p in read if SEEDED.get(p.record_id) in ("problem 26", "problem 27")]
    assert len(odd) >= 4 and {p.name for p in odd} >= {'["张","三"]'}


def _alike(workspace, record_id, other_id, *, bump: bool):
    """Make `record_id` the person of `other_id` registered again in another township under an ID
    one digit off (a possible duplicate); `bump`: as a change after the last scan."""
    import json

    from desktop.core.store.db import transaction

    db = workspace.db
    other = records.get(db, other_id)
    pid = other.values["id_number"]
    typo = pid[:15] + ("1" if pid[15] != "1" else "2") + pid[16:]
    values = {**records.get(db, record_id).values, **{k: other.values[k] for k in ("name", "birth_date", "sex",
                                                                                     "hukou_address")},
              "id_number": typo}
    township = next(t for t in bigcounty.TOWNSHIPS if t != other.township)
    with transaction(db):
        db.execute("UPDATE records SET data = ?, township = ?" + (", last_audit_seq = last_audit_seq + 1000000"
                   if bump else "") + " WHERE id = ?", [json.dumps(values, ensure_ascii=False), township, record_id])


def test_a_rescan_looks_for_possible_duplicates_only_in_pairs_with_a_changed_record(tmp_path):
    workspace = bigcounty.open_county(bigcounty.county_at(tmp_path / "county", 1_000))
    workspace.clerk, workspace.clerk_role = "县管", "admin"
    try:
        ids = [r.id for r in records.changed_since(workspace.db, -1)]
        corrections.scan(workspace, full=True)
        _alike(workspace, ids[10], ids[500], bump=True)        # changed after the scan
        _alike(workspace, ids[20], ids[600], bump=False)       # an old pair the last search covered
        whole = corrections.possible_duplicate_findings(workspace)
        restricted = corrections.possible_duplicate_findings(workspace, involving={ids[10]})
        assert comparable(restricted) == [f for f in comparable(whole)
                                          if f[0] == ids[10] or f[5]["other_record"] == ids[10]]
        assert len(whole) == len(restricted) + 1
        [task] = [t for t in corrections.scan(workspace) if t.kind == corrections.POSSIBLE_DUPLICATE]
        assert {task.record_id, task.details["other_record"]} == {ids[10], ids[500]}
        # a county whose last scan did not search them (older software): the next searches everything
        from desktop.core.store import settings
        from desktop.core.store.db import transaction

        with transaction(workspace.db):
            workspace.db.execute("DELETE FROM settings WHERE key = ?", [corrections.DUPLICATES_SEARCHED])
        [task] = [t for t in corrections.scan(workspace) if t.kind == corrections.POSSIBLE_DUPLICATE]
        assert {task.record_id, task.details["other_record"]} == {ids[20], ids[600]}
        assert settings.get(workspace.db, corrections.DUPLICATES_SEARCHED)["through"] >= 0
    finally:
        workspace.close()


def _registered_again(workspace, record_id, other_id, typo, birth) -> None:
    """`record_id` made the person of `other_id` registered again in another township under the
    ID `typo(their ID)` and the birth date `birth(theirs)`, as a change after the last scan."""
    import json

    from desktop.core.store.db import transaction

    other = records.get(workspace.db, other_id)
    values = {**records.get(workspace.db, record_id).values,
              **{k: other.values[k] for k in ("name", "sex", "hukou_address")},
              "id_number": typo(other.values["id_number"]), "birth_date": birth(other.values["birth_date"])}
    township = next(t for t in bigcounty.TOWNSHIPS if t != other.township)
    with transaction(workspace.db):
        workspace.db.execute("UPDATE records SET data = ?, township = ?, last_audit_seq = last_audit_seq + 1000000 "
                             "WHERE id = ?", [json.dumps(values, ensure_ascii=False), township, record_id])


def _other_digit(digit: str) -> str:
    return "1" if digit != "1" else "2"


def _day_off(date: str) -> str:
    return date[:-1] + _other_digit(date[-1])


# each typo leaves the pair one blocking key of duplicates.block_keys in common
ONE_KEY_IN_COMMON = {
    # a sequence digit: the birth date and surname ("b"), and area and year ("a")
    "b and a": (lambda pid: pid[:15] + _other_digit(pid[15]) + pid[16:], lambda date: date),
    # a birth-date digit of the ID and of the birth date: only sequence digits and name ("s")
    "s only": (lambda pid: pid[:13] + _other_digit(pid[13]) + pid[14:], _day_off),
    # the last birth-date digit swapped with the first sequence digit: only area, name and year ("a")
    "a only": (lambda pid: pid[:13] + pid[14] + pid[13] + pid[15:], _day_off),
}


@pytest.mark.parametrize("typo", sorted(ONE_KEY_IN_COMMON))
def test_a_rescan_finds_every_pair_of_a_changed_record_the_whole_search_finds(tmp_path, typo):
    from desktop.core.store import settings
    from desktop.core.store.db import transaction

    workspace = bigcounty.open_county(bigcounty.county_at(tmp_path / "county", 1_000))
    workspace.clerk, workspace.clerk_role = "县管", "admin"
    try:
        ids = [r.id for r in records.changed_since(workspace.db, -1)]
        corrections.scan(workspace, full=True)
        id_typo, birth = ONE_KEY_IN_COMMON[typo]
        for changed, old in ((ids[10], ids[500]), (ids[30], ids[700]), (ids[900], ids[40])):
            other = records.get(workspace.db, old).values
            if id_typo(other["id_number"]) == other["id_number"]:
                continue      # a swap of two equal digits is no typo
            _registered_again(workspace, changed, old, id_typo, birth)
        changed = {r.id for r in records.changed_since(
            workspace.db, settings.get(workspace.db, corrections.SCANNED_THROUGH))}
        assert 2 <= len(changed) <= 3
        # the people found through the keys the scan kept before the change: a few, not the county
        [definition] = duplicates.compared_forms(FormKeys.for_data_dir(workspace.paths))
        near = duplicates.people_near(workspace.db, definition, changed)
        assert changed <= {p.record_id for p in near} and len(near) < 60
        restricted = comparable(corrections.possible_duplicate_findings(workspace, involving=changed))
        whole = comparable(corrections.possible_duplicate_findings(workspace))
        wanted = [f for f in whole if f[0] in changed or f[5]["other_record"] in changed]
        assert len(wanted) >= len(changed)
        assert restricted == wanted
        # a rescan with the keys the whole search wrote again finds them as well, and so does the scan
        assert comparable(corrections.possible_duplicate_findings(workspace, involving=changed)) == wanted
        with transaction(workspace.db):
            workspace.db.execute("DELETE FROM corrections")
        raised = {(t.record_id, t.details["other_record"]) for t in corrections.scan(workspace)
                  if t.kind == corrections.POSSIBLE_DUPLICATE}
        assert raised == {(f[0], f[5]["other_record"]) for f in wanted}
    finally:
        workspace.close()
