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
    from desktop.core.store.records import fill_search_index
    from desktop.core.store.search import index_pieces

    fill_search_index(db, index_pieces, batch=BATCH)
