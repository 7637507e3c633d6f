"""Migration 1801: `record_keys` without its rowid table (the primary key holds every column), its
rows carried over from the table older stores have, and the uniqueness lookups working on it."""

from __future__ import annotations

from desktop.core.store import records
from desktop.core.store.db import transaction
from desktop.core.workspace.workspace import Workspace
from tests.conftest import VALID_IDS

OLD_TABLE = """CREATE TABLE record_keys (
    form_id TEXT NOT NULL,
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    record_id TEXT NOT NULL REFERENCES records(id),
    PRIMARY KEY (form_id, field, value, record_id)
)"""


def _save(db, number):
    return records.save(db, form_id="floating_population", form_version="1", township="131025100",
                        values={"name": "赵六", "id_number": number}, clerk="王丽", unique_fields=("id_number",))


def _table_sql(db) -> str:
    return db.execute("SELECT sql FROM sqlite_master WHERE name = 'record_keys'").fetchone()[0]


def test_a_new_store_keeps_record_keys_without_a_rowid_table(township):
    assert "WITHOUT ROWID" in _table_sql(township.db)


def test_an_older_stores_record_keys_are_carried_into_the_table_without_rowid(township_dir):
    with Workspace.open(township_dir) as workspace:
        db = workspace.db
        saved = [_save(db, number) for number in VALID_IDS[:3]]
        with transaction(db):    # the table as migration 0001 made it, and 1801 not yet applied
            rows = db.execute("SELECT form_id, field, value, record_id FROM record_keys ORDER BY 1, 2, 3, 4").fetchall()
            db.execute("DROP TABLE record_keys")
            db.execute(OLD_TABLE)
            db.execute("CREATE INDEX record_keys_record ON record_keys (record_id)")
            db.conn.executemany("INSERT INTO record_keys VALUES (?,?,?,?)", rows)
            db.execute("DELETE FROM schema_migrations WHERE number = 1801")
        assert "WITHOUT ROWID" not in _table_sql(db)
    with Workspace.open(township_dir) as workspace:
        db = workspace.db
        assert "WITHOUT ROWID" in _table_sql(db)
        assert db.execute("SELECT form_id, field, value, record_id FROM record_keys ORDER BY 1, 2, 3, 4").fetchall() == rows
        assert {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE tbl_name = 'record_keys'")} == {
            "record_keys", "record_keys_record"}
        holder = db.execute("SELECT record_id FROM record_keys WHERE form_id = ? AND field = 'id_number' AND value = ?",
                            ["floating_population", VALID_IDS[1]]).fetchone()
        assert holder[0] == saved[1].id
        records.delete(db, saved[0].id, clerk="王丽", reason="entered twice")   # by record id: the second index
        assert db.execute("SELECT count(*) FROM record_keys WHERE record_id = ?", [saved[0].id]).fetchone()[0] == 0
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
