"""The possible-duplicate search's blocking keys per record (`duplicate_blocks`, written only by
desktop.core.store.duplicate_blocks): a rescan reads the people who share a key with a changed
record through it, not the whole county. Empty here: the next corrections scan searches the whole
county (its settings say the blocks were not kept) and fills it."""

NUMBER = 1904
NAME = "blocking keys of the possible-duplicate search"


def apply(db):
    # WITHOUT ROWID: the primary key is the table, looked up by block; no index by record (a
    # changed record's old keys are left, see the writer)
    db.execute("""
        CREATE TABLE IF NOT EXISTS duplicate_blocks (
            block INTEGER NOT NULL,
            record_id TEXT NOT NULL,
            PRIMARY KEY (block, record_id)
        ) WITHOUT ROWID""")
