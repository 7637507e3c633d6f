"""The migration helper desktop.core.store.migrations.transform (sqlite-utils' table.transform)."""

from __future__ import annotations

import pytest

from desktop.core.store.db import Database, transaction
from desktop.core.store.driver import sqlite3
from desktop.core.store.migrations.transform import transform


@pytest.fixture
def db():
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute("PRAGMA foreign_keys=ON")
    database = Database(conn)
    database.execute("CREATE TABLE tasks (id TEXT PRIMARY KEY, status TEXT NOT NULL CHECK (status IN ('open', "
                     "'done')), note TEXT, n INTEGER NOT NULL DEFAULT 0)")
    database.execute("CREATE INDEX tasks_status ON tasks (status)")
    database.execute("INSERT INTO tasks VALUES ('a', 'open', 'x', 2)")
    yield database
    conn.close()


def test_a_rename_and_a_drop_keep_the_rows_the_check_and_the_indexes(db):
    with transaction(db):
        transform(db, "tasks", rename={"n": "count"}, drop={"note"})
    assert [tuple(row) for row in db.execute("SELECT * FROM tasks")] == [("a", "open", 2)]
    schema = db.execute("SELECT sql FROM sqlite_master WHERE name = 'tasks'").fetchone()[0]
    assert "CHECK (status IN ('open', 'done'))" in schema
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO tasks (id, status) VALUES ('b', 'lost')")
    assert db.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'tasks_status'").fetchone()
    db.execute("INSERT INTO tasks (id, status) VALUES ('c', 'done')")
    assert db.execute("SELECT count, typeof(count) FROM tasks WHERE id = 'c'").fetchone() == (0, "integer")


def test_it_stays_inside_the_migration_transaction(db):
    with pytest.raises(RuntimeError), transaction(db):
        transform(db, "tasks", drop={"note"})
        assert db.conn.in_transaction
        raise RuntimeError("a later statement of the migration failed")
    columns = [row[1] for row in db.execute("PRAGMA table_info(tasks)")]
    assert columns == ["id", "status", "note", "n"]


def test_opening_the_store_does_not_import_sqlite_utils_but_the_full_api_works(tmp_path):
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = ("import sys\nfrom desktop.core.store.db import connect\n"
            f"db = connect({str(tmp_path / 'a.db')!r})\n"
            "db.execute('CREATE TABLE t (x)')\n"
            "assert 'sqlite_utils' not in sys.modules\n"
            "assert db['t'].columns[0].name == 'x'\n"
            "assert 'sqlite_utils' in sys.modules\n")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT)})
