"""The search index: `record_grams`, FTS5 over the two-character pieces of each record's search
text (desktop.core.store.search.grams), its rowid the record's; filled here for the records a store
already holds, kept by the records writer from then on (desktop.core.store.records).
"""

NUMBER = 102
NAME = "search index of two-character pieces"
BATCH = 5000


def apply(db):
    # here, not at the top: the migrations are imported on the way to the sign-in window, and the
    # search module brings in the forms' roles (tests/packaging/test_startup_imports.py)
    from desktop.core.store.search import grams

    db.execute("CREATE VIRTUAL TABLE record_grams USING fts5(grams, detail=none, columnsize=0)")
    last = -1
    while True:
        rows = db.execute("SELECT rowid, search_text FROM records WHERE rowid > ? ORDER BY rowid LIMIT ?",
                          [last, BATCH]).fetchall()
        if not rows:
            return
        db.conn.executemany("INSERT INTO record_grams (rowid, grams) VALUES (?, ?)",
                            [(rowid, grams(text or "")) for rowid, text in rows])
        last = rows[-1][0]
