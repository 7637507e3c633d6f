"""Drop `records_list` (form_id, deleted, updated_at): `records_form_search` (0005) starts with
the same three columns, so every query the first could serve the second serves in the same
order. One index less is one page less written on every save (docs/PERFORMANCE.md).
"""

NUMBER = 502
NAME = "drop the list index covered by the search index"


def apply(db):
    db.execute("DROP INDEX IF EXISTS records_list")
