"""The four-character pieces of numbers in the search index: `record_grams` built again, each
record's two-character pieces and the four-character pieces of each word holding a digit
(desktop.core.store.search.index_pieces), so a search of a run of ID or phone digits finds its
few records by their own pieces: the two-digit pieces are each in a large share of all records.

Built again rather than added to: an FTS5 row is replaced whole, and dropping the table and
writing every row once is the cheaper of the two (a delete of each row reads its text back).
"""

NUMBER = 1612
NAME = "four-character pieces of numbers in the search index"
BATCH = 5000


def apply(db):
    # here, not at the top: the migrations are imported on the way to the sign-in window
    from desktop.core.store.search import index_pieces

    db.execute("DROP TABLE IF EXISTS record_grams")
    db.execute("CREATE VIRTUAL TABLE record_grams USING fts5(grams, detail=none, columnsize=0)")
    last = -1
    while True:
        rows = db.execute("SELECT rowid, search_text FROM records WHERE rowid > ? ORDER BY rowid LIMIT ?",
                          [last, BATCH]).fetchall()
        if not rows:
            return
        db.conn.executemany("INSERT INTO record_grams (rowid, grams) VALUES (?, ?)",
                            [(rowid, index_pieces(text or "")) for rowid, text in rows])
        last = rows[-1][0]
