"""The possible-duplicate search's blocking keys per record (`duplicate_blocks`, written only by
desktop.core.store.duplicate_blocks): a rescan reads the people who share a key with a changed
record through it, not the whole county. Empty here: the next corrections scan searches the whole
county (its settings say the blocks were not kept) and fills it."""

NUMBER = 1904
NAME = "blocking keys of the possible-duplicate search"


def apply(db):
    # a plain table and an index by block (covering the read): a whole search writes the table
    # anew with the index dropped and built again after (its sort is seconds; inserting three
    # million rows in hash order into a kept index took 51 s at a million records)
    db.execute("CREATE TABLE IF NOT EXISTS duplicate_blocks (block INTEGER NOT NULL, record_id TEXT NOT NULL)")
    db.execute("CREATE INDEX IF NOT EXISTS duplicate_blocks_block ON duplicate_blocks (block, record_id)")
