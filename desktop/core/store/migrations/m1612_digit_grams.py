"""The search index of numbers: `record_digit_grams`, FTS5 over the four-character pieces of each
word of a record's search text that holds a digit (desktop.core.store.search.digit_grams), its
rowid the record's; filled here for the records a store already holds, kept by the records
writer from then on (desktop.core.store.records). A search of a run of ID or phone digits reads
it instead of `record_grams`, whose two-digit pieces are too common to narrow the search.
"""

NUMBER = 1612
NAME = "search index of four-character pieces of numbers"
BATCH = 5000


def apply(db):
    # here, not at the top: the migrations are imported on the way to the sign-in window
    from desktop.core.store.search import digit_grams

    db.execute("CREATE VIRTUAL TABLE record_digit_grams USING fts5(grams, detail=none, columnsize=0)")
    last = -1
    while True:
        rows = db.execute("SELECT rowid, search_text FROM records WHERE rowid > ? ORDER BY rowid LIMIT ?",
                          [last, BATCH]).fetchall()
        if not rows:
            return
        db.conn.executemany("INSERT INTO record_digit_grams (rowid, grams) VALUES (?, ?)",
                            [(rowid, pieces) for rowid, text in rows if (pieces := digit_grams(text or ""))])
        last = rows[-1][0]
