"""Indexes the records list needs to stay fast at 100,000 records (docs/CLIENT.md).

A search is a LIKE '%..%' over `search_text`, which no b-tree can seek; but an index that
carries `search_text` after the list's sort key lets SQLite walk the list in order, test the
short search text inside the index, and read a table row only for the matches it shows. That
turns a 2-character search from a full-table scan (~170 ms at 100,000 records) into an index
scan (~15 ms). One index serves the unfiltered list, one the list of a single form. (The village
filter reads the JSON; an expression index on it is refused under trusted_schema=OFF.)
"""

NUMBER = 5
NAME = "client list indexes"

SCHEMA = """
CREATE INDEX records_search ON records (deleted, updated_at, search_text);
CREATE INDEX records_form_search ON records (form_id, deleted, updated_at, search_text)
"""


def apply(db):
    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            db.execute(statement)
