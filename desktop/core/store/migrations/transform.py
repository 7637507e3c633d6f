"""Rebuilding a table in a migration: sqlite-utils' `table.transform()`, inside the migration's
own transaction.

SQLite's ALTER TABLE cannot change a column's type, NOT NULL, default or CHECK, nor drop a
column that an index uses; the way round is create-new, copy, drop, rename, then the indexes
again (m0402 spells it out by hand). `transform(db, "corrections", rename={...}, drop={...},
types={...}, not_null={...}, defaults={...})` does the same from the table's own schema, so a
migration names only what changes. Verified here (tests/core/test_migration_transform.py) for
sqlite-utils 4: CHECK constraints and indexes are kept; it runs in a savepoint, so the
migration's BEGIN IMMEDIATE ... COMMIT (desktop.core.store.migrations.migrate) stays one
transaction, and a failure rolls all of it back; with foreign keys on it defers their check to
the commit and refuses a table that others reference with ON DELETE actions (which dropping
the old table would fire).

sqlite-utils is imported on the call, never at start-up (docs/PERFORMANCE.md): a migration runs
once, after an update, where its 0.1 s is nothing.
"""

from __future__ import annotations

from desktop.core.store.db import Database


def transform(db: Database, table: str, **changes) -> None:
    """`sqlite_utils` `Table.transform(**changes)` of `table`; call it from a migration's `apply`."""
    db[table].transform(**changes)
