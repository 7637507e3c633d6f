"""The light Database handle passes the rest of sqlite-utils' API through to a real one."""

import sqlite_utils

from desktop.core.store import records
from desktop.core.store.db import Database, connect
from desktop.core.store.driver import sqlite3


def test_full_is_sqlite_utils_over_the_same_connection(township):
    db = township.db
    assert isinstance(db, Database)
    full = db.full
    assert isinstance(full, sqlite_utils.Database) and full.conn is db.conn
    assert db.full is full                                      # built once


def test_tables_and_the_rest_of_the_api_pass_through(township):
    db = township.db
    records.save(db, form_id="floating_population", form_version="1", township=township.township,
                 values={"name": "张三"}, clerk="王丽", unique_fields=())
    assert db["records"].count == 1
    assert "records" in db.table_names()
    assert db.table("records").exists()
    assert db.full.tables                                        # any other attribute of sqlite-utils'


def test_a_fresh_store_builds_tables_through_the_handle(tmp_path):
    db = connect(tmp_path / "fresh.sqlite3")
    try:
        db["notes"].insert({"id": 1, "text": "hi"}, pk="id")
        assert list(db["notes"].rows) == [{"id": 1, "text": "hi"}]
        assert isinstance(db.conn, sqlite3.Connection)
    finally:
        db.close()
