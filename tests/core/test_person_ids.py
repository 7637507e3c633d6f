"""The same person ID in two townships (store/person_ids) over records written by the county's
import writer (records.apply_received), and the forms' keys that decide which field is the ID."""

from __future__ import annotations

import json

import pytest

from desktop.core.forms.keys import FormKeys
from desktop.core.store import audit, person_ids, records
from desktop.core.store.db import transaction
from desktop.core.workspace.workspace import Workspace

FORM = "floating_population"
FIELDS = [(FORM, "id_number")]


def test_the_shipped_forms_keys():
    keys = FormKeys.for_data_dir()
    assert keys.unique_fields(FORM) == ("id_number",) and keys.person_id_field(FORM) == "id_number"
    # a certificate's holder plays the person_id role, but the form lets a person hold several
    assert keys.person_id_field("certificate") == "holder_id_number" and keys.compared_id_field("certificate") is None
    assert keys.unique_fields("certificate") == ("cert_number",) and keys.person_id_field("equipment") is None
    assert keys.unique_fields(FORM, "1") == ("id_number",)          # a version not held: the newest one's
    assert keys.unique_fields("no_such_form") == () and keys.person_id_field("no_such_form") is None
    assert keys.person_id_fields() == FIELDS


def test_the_person_id_field_is_the_role_whatever_its_name(tmp_path):
    from desktop.core.forms import keys
    from desktop.core.forms.loader import load_form
    from tests.core.forms.county_form import SURVEY, write_county_form

    county_form = load_form(write_county_form(tmp_path))
    assert keys.person_id_field(county_form) == keys.compared_id_field(county_form) == "sfzh"
    # the role decides, not the name or the constraint: a unique id_valid field without the role
    # in a form that has a role column is not the person ID
    other = tmp_path / "other"
    other.mkdir()
    (other / "county_people.md").write_text(
        SURVEY.replace("| sfzh | 身份证号 | ID number | yes | | yes | person_id |",
                       "| sfzh | 身份证号 | ID number | yes | id_valid(.) | yes | |"), encoding="utf-8")
    form = load_form(other / "county_people.md")
    assert form.field("sfzh").unique and form.field("sfzh").role == ""
    assert keys.person_id_field(form) is None and keys.compared_id_field(form) is None


def test_a_form_without_roles_keeps_its_unique_id_checked_field_as_the_person_id(tmp_path):
    from desktop.core.forms import keys
    from desktop.core.forms.loader import load_form

    path = tmp_path / "old_form.md"
    path.write_text("""| survey |
| | type | name | label::中文 (zh) | constraint | unique |
| | text | xm | 姓名 | | |
| | text | gmsfhm | 身份证号 | id_valid(.) | yes |
| settings |
| | form_id | version |
| | old_form | 1 |
""", encoding="utf-8")
    form = load_form(path)
    assert form.field("gmsfhm").role == "person_id" and keys.compared_id_field(form) == "gmsfhm"


def _received(record_id, township, number, created, *, version=1, deleted=False, form=FORM):
    values = {"name": "张三", "id_number": number}
    return ({"id": record_id, "form_id": form, "form_version": "2026110101", "township": township,
             "status": "complete", "version": version, "data": json.dumps(values, ensure_ascii=False),
             "created_at": created, "created_by": "c", "updated_at": created, "updated_by": "c",
             "deleted": deleted, "deleted_at": None, "deleted_by": None, "delete_reason": None}, values)


@pytest.fixture
def county(tmp_path):
    with Workspace.open(tmp_path / "county", create=True) as workspace:
        yield workspace.db


def _apply(db, rows):
    with transaction(db):
        seq = audit.append(db, "sync", clerk="county", details={"action": "import"}).seq
        applied = records.apply_received(db, rows, audit_seq=seq, unique_fields=FormKeys.for_data_dir().unique_fields)
        person_ids.flag_conflicts(db, applied, FIELDS)
    return seq


def test_shared_ids_pairs_and_flags(county):
    _apply(county, [_received("a1", "131025100", "X1", "2026-11-01"), _received("a2", "131025100", "X2", "2026-11-01"),
                    _received("c1", "131025100", "X3", "2026-11-01")])
    assert person_ids.shared_ids(county, FIELDS) == [] and person_ids.open_conflicts(county) == 0
    seq = _apply(county, [_received("b1", "131025101", "X1", "2026-11-02"),
                          _received("b2", "131025101", "X2", "2026-11-03", deleted=True),
                          _received("b3", "131025101", "X3", "2026-10-01", form="equipment")])  # not a person ID
    holders = person_ids.shared_ids(county, FIELDS)
    assert [(h.value, h.record_id, h.township) for h in holders] == [("X1", "a1", "131025100"), ("X1", "b1", "131025101")]
    assert [(later.record_id, first.record_id) for later, first in person_ids.pairs(holders)] == [("b1", "a1")]
    assert person_ids.shared_ids(county, FIELDS, since_audit_seq=seq - 1) == holders   # changed by that import
    assert person_ids.shared_ids(county, FIELDS, since_audit_seq=seq) == []
    assert person_ids.shared_ids(county, FIELDS, record_ids=["a2", "c1"]) == []
    assert person_ids.shared_ids(county, []) == []
    assert county.execute("SELECT record_a, township_a, record_b, township_b FROM sync_resident_conflicts").fetchall() \
        == [("a1", "131025100", "b1", "131025101")]
    assert person_ids.open_conflicts(county) == 1
    person_ids.mark_handled(county, "b1", "a1")
    assert person_ids.open_conflicts(county) == 0


def test_the_import_writer_moves_the_keys_with_each_version(county):
    _apply(county, [_received("a1", "131025100", "X1", "2026-11-01", version=2)])
    assert county.execute("SELECT value FROM record_keys WHERE record_id = 'a1'").fetchall() == [("X1",)]
    _apply(county, [_received("a1", "131025100", "X5", "2026-11-01", version=3)])
    assert county.execute("SELECT form_id, field, value FROM record_keys WHERE record_id = 'a1'").fetchall() == [
        (FORM, "id_number", "X5")]
    _apply(county, [_received("a1", "131025100", "X5", "2026-11-01", version=4, deleted=True)])
    assert county.execute("SELECT count(*) FROM record_keys").fetchone()[0] == 0
    assert records.get(county, "a1").deleted


def test_a_stale_flag_is_dropped_for_a_record_held_before_the_apply(county):
    """flag_conflicts(held=...): the import names the records it held before (the new ones have no
    flag to drop). A held record whose new version no longer shares the ID loses its open flag."""
    _apply(county, [_received("a1", "131025100", "X1", "2026-11-01"), _received("b1", "131025101", "X1", "2026-11-02")])
    assert person_ids.open_conflicts(county) == 1
    with transaction(county):
        seq = audit.append(county, "sync", clerk="county", details={"action": "import"}).seq
        rows = [_received("b1", "131025101", "X9", "2026-11-02", version=2), _received("n1", "131025101", "X7", "2026-11-04")]
        applied = records.apply_received(county, rows, audit_seq=seq, unique_fields=FormKeys.for_data_dir().unique_fields)
        assert person_ids.flag_conflicts(county, applied, FIELDS, held=["b1"]) == 0
    assert person_ids.open_conflicts(county) == 0
