"""Reports: an index that keeps "drafts outstanding" on the daily summary from scanning every record."""

NUMBER = 6
NAME = "reports"

SCHEMA = """
CREATE INDEX records_open_drafts ON records (form_id) WHERE status = 'draft' AND deleted = 0
"""


def apply(db):
    db.execute(SCHEMA)
