"""The search index: `record_grams`, FTS5 over the two-character pieces of each record's search
text (desktop.core.store.search.grams), its rowid the record's; filled here for the records a store
already holds, kept by the records writer from then on (desktop.core.store.records).
"""

NUMBER = 102
NAME = "search index of two-character pieces"
BATCH = 5000


def apply(db):
    # here, not at the top: the migrations are imported on the way to the sign-in window
    from desktop.core.store.records import fill_search_index
    from desktop.core.store.search import grams

    fill_search_index(db, grams, batch=BATCH)
