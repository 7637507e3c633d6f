"""Numbered schema migrations, applied in order and never edited once released.

Each module has NUMBER, NAME and `apply(db)`. The list is written out (not discovered) so a
frozen build carries every migration. Numbers are reserved per area so parallel work cannot
clash: 0001 foundation, 0002 forms, 0003 sync, 0004 cross-checks, 0005 client, 0006 reports, 0007 the exchange-item channel;
an area's later migrations are area*100+n (0302 is sync's second).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from desktop.core.store.db import Database
from desktop.core.store.migrations import (
    m0001_foundation,
    m0003_sync,
    m0004_crosschecks,
    m0005_client,
    m0006_reports,
    m0007_exchange,
    m0102_search_grams,
    m0402_correction_decisions,
    m0502_drop_covered_list_index,
    m0515_family_search,
    m1611_record_tallies,
    m1612_number_pieces,
    m1701_outbox,
    m1801_record_keys_without_rowid,
    m1901_possible_duplicates,
    m1902_keying_index,
    m1903_verification,
    m1904_duplicate_blocks,
)

log = logging.getLogger("township.store")

MIGRATIONS = [
    m0001_foundation,
    m0003_sync,
    m0004_crosschecks,
    m0005_client,
    m0006_reports,
    m0007_exchange,
    m0102_search_grams,
    m0402_correction_decisions,
    m0502_drop_covered_list_index,
    m0515_family_search,
    m1901_possible_duplicates,
    m1902_keying_index,
    m1611_record_tallies,
    m1612_number_pieces,
    m1701_outbox,
    m1903_verification,
    m1904_duplicate_blocks,
    m1801_record_keys_without_rowid,
]


def applied_numbers(db: Database) -> set[int]:
    if "schema_migrations" not in db.table_names():
        return set()
    return {row[0] for row in db.execute("SELECT number FROM schema_migrations")}


def pending(db: Database) -> list:
    done = applied_numbers(db)
    return [m for m in sorted(MIGRATIONS, key=lambda m: m.NUMBER) if m.NUMBER not in done]


def newest_known() -> int:
    return max(m.NUMBER for m in MIGRATIONS)


def migrate(db: Database, before: Callable[[list], None] | None = None) -> list[int]:
    """Apply pending migrations, each in its own transaction; `before` runs first (a backup)."""
    from desktop.core.store.db import transaction

    todo = pending(db)
    if not todo:
        return []
    if before is not None:
        before(todo)
    for migration in todo:
        with transaction(db):
            db.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                       "(number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
            migration.apply(db)
            from desktop.core.clock import now_iso
            db.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)",
                       [migration.NUMBER, migration.NAME, now_iso()])
        log.info("applied migration %04d %s", migration.NUMBER, migration.NAME)
    return [m.NUMBER for m in todo]
