"""Reports: indexes that keep the daily summary's "as of printing" figures from scanning every record.

- drafts outstanding: a partial index holding only open drafts (usually a handful);
- changes not yet acknowledged by the county: (township, last_audit_seq) so the count is one
  range of a covering index, not a lookup of every record;
- the latest export / import event: (event, seq), instead of reading the trail backwards.
"""

NUMBER = 6
NAME = "reports"

STATEMENTS = (
    "CREATE INDEX records_open_drafts ON records (township, form_id) WHERE status = 'draft' AND deleted = 0",
    "CREATE INDEX records_township_change ON records (township, last_audit_seq)",
    "CREATE INDEX audit_event ON audit (event, seq)",
)


def apply(db):
    for statement in STATEMENTS:
        db.execute(statement)
