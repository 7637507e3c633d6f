"""The record store and its audit trail: saves, edits with reasons, soft deletes, the hash chain."""

import json

import pytest

from desktop.core.errors import UserError
from desktop.core.store import audit, records
from desktop.core.store.driver import sqlite3


def save(ws, values, **kw):
    return records.save(ws.db, form_id="floating_population", form_version="1", township=ws.township,
                        values=values, clerk="王丽", unique_fields=("id_number",), **kw)


def test_pragmas_protect_saved_records(township):
    pragma = lambda name: township.db.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("journal_mode") == "wal"
    assert pragma("synchronous") == 2  # FULL
    assert pragma("foreign_keys") == 1
    assert pragma("secure_delete") == 1
    assert pragma("trusted_schema") == 0


def test_create_edit_delete_leave_a_complete_trail(township):
    record = save(township, {"name": "张三", "id_number": "11010519491231002X"})
    assert record.version == 1 and len(record.id) == 36
    with pytest.raises(UserError) as raised:
        save(township, {"name": "张三丰", "id_number": "11010519491231002X"}, record_id=record.id)
    assert raised.value.code == "reason-required"
    edited = save(township, {"name": "张三丰", "id_number": "11010519491231002X"},
                  record_id=record.id, reason="spelling on the paper list")
    assert edited.version == 2 and edited.values["name"] == "张三丰"
    deleted = records.delete(township.db, record.id, clerk="王丽", reason="entered twice")
    assert deleted.deleted and deleted.delete_reason == "entered twice"
    trail = audit.entries(township.db, record_id=record.id)
    assert [e.event for e in trail] == ["delete", "edit", "create"]
    assert trail[1].details["changes"] == {"name": ["张三", "张三丰"]}
    assert trail[1].reason == "spelling on the paper list"
    assert audit.verify_chain(township.db) == []
    # soft delete: still in the file, gone from lists and from the unique keys
    assert records.count(township.db, form_id="floating_population") == 0
    assert records.count(township.db, form_id="floating_population", include_deleted=True) == 1
    assert records.find_by_key(township.db, "floating_population", "id_number", "11010519491231002X") is None


def test_audit_rows_cannot_be_updated_or_deleted(township):
    save(township, {"name": "李四", "id_number": "110101199003074477"})
    with pytest.raises(sqlite3.IntegrityError):
        township.db.execute("UPDATE audit SET clerk = 'x'")
    with pytest.raises(sqlite3.IntegrityError):
        township.db.execute("DELETE FROM audit")


def test_chain_names_the_changed_row(township):
    for n in range(3):
        save(township, {"name": f"人{n}", "id_number": ""})
    township.db.execute("DROP TRIGGER audit_no_update")
    township.db.execute("UPDATE audit SET reason = 'forged' WHERE seq = 3")
    problems = audit.verify_chain(township.db)
    assert problems and problems[0].seq == 3


def test_duplicate_key_is_found_with_a_description(township):
    first = save(township, {"name": "张三", "id_number": "11010519491231002X"})
    found = records.find_by_key(township.db, "floating_population", "id_number", "11010519491231002X")
    assert found.record_id == first.id and "张三" in found.display
    assert records.find_by_key(township.db, "floating_population", "id_number", "11010519491231002X",
                               exclude_record_id=first.id) is None


def test_search_by_pinyin_initials_id_and_phone(township):
    save(township, {"name": "张三", "id_number": "11010519491231002X", "phone": "13800138000"})
    save(township, {"name": "李四", "id_number": "110101199003074477", "phone": "13900000000"})
    find = lambda q: [r.values["name"] for r in records.query(township.db, search=q)]  # noqa: E731
    assert find("zs") == ["张三"]
    assert find("李") == ["李四"]
    assert find("4477") == ["李四"]
    assert find("1380013") == ["张三"]
    assert find("%") == []


def test_values_round_trip_as_json(township):
    values = {"name": "王五", "members": [{"name": "王小五", "relation": "child"}], "n": 3}
    record = save(township, values)
    stored = township.db.execute("SELECT data FROM records WHERE id = ?", [record.id]).fetchone()[0]
    assert json.loads(stored) == values == records.get(township.db, record.id).values


def test_stale_edit_is_refused(township):
    record = save(township, {"name": "赵六"}, status="draft")
    save(township, {"name": "赵六六"}, record_id=record.id)
    with pytest.raises(UserError) as raised:
        save(township, {"name": "赵七"}, record_id=record.id, expected_version=1, reason="x")
    assert raised.value.code == "conflict"


def test_no_index_of_records_is_a_prefix_of_another(township):
    """Every index of `records` is written on every save; one whose columns begin another's
    serves no query the longer one cannot (docs/PERFORMANCE.md, save)."""
    indexes = {}
    for (name,) in township.db.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'records'"
                                       " AND sql IS NOT NULL AND sql NOT LIKE '% WHERE %'"):
        indexes[name] = tuple(row[2] for row in township.db.execute(f"PRAGMA index_info({name})"))
    covered = [(short, long) for short, a in indexes.items() for long, b in indexes.items()
               if short != long and b[:len(a)] == a]
    assert not covered, f"covered by a longer index: {covered}"


def test_a_save_returns_the_record_exactly_as_stored(township):
    created = records.save(township.db, form_id="f", form_version="1", township="131025100",
                           values={"name": "张三", "age": 30, "tags": ("a", "b")}, clerk="王丽")
    assert created == records.get(township.db, created.id)
    assert created.values["tags"] == ["a", "b"]          # JSON's own types, as a read gives them
    edited = records.save(township.db, form_id="f", form_version="2", township="131025100", record_id=created.id,
                          values={"name": "张三丰", "age": 31}, clerk="陈录入", reason="typo")
    assert edited == records.get(township.db, created.id)
    assert (edited.version, edited.created_by, edited.updated_by, edited.form_version) == (2, "王丽", "陈录入", "2")
