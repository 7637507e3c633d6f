"""Tallies of the records, kept as the records change, so the counts the main window and the
monthly circular show cost the same on a county of a million records as on an empty one; and
the index of the latest change by township, for the circular's changes in a month.

`record_tallies` holds how many records there are of each form, township, status, deletion,
village (the fallback `village` field), presence (the fallback `status` field: 'left' or not)
and month of creation. It is kept by triggers on `records`, so every write of that table - and
only the records writer (desktop.core.store.records) writes it - keeps it exact in the same
transaction (a bulk apply of received records lifts them for its transaction and writes each
batch's tallies itself: records.apply_received). Rows whose count falls to zero stay (readers skip them): a township's villages are
few, and a delete-when-zero would cost every save a second statement.

`records_updated_township` (updated_at, township) takes the place of `records_updated`
(updated_at): the same pages written on a save, and the changes of a month by township are
counted in the index alone (a range of it), not by reading each record changed.

Filled here from the records a store already holds (one pass over them).
"""

NUMBER = 1611
NAME = "record tallies for the main window and the circular"

# the tally's key of one row of `records` (`side` is NEW or OLD; the records writer's bulk apply
# uses it with `records` to write a batch's tallies at once, records.apply_received)
KEY = ("{side}.form_id, {side}.township, {side}.status, {side}.deleted, "
        "coalesce(json_extract({side}.data, '$.village'), ''), "
        "coalesce(json_extract({side}.data, '$.status'), 'present') = 'left', substr({side}.created_at, 1, 7)")
_ADD = "INSERT INTO record_tallies VALUES ({key}, 1) ON CONFLICT DO UPDATE SET n = n + 1;"
_TAKE = ("UPDATE record_tallies SET n = n - 1 WHERE (form_id, township, status, deleted, village, gone,"
         " created_month) = ({key});")


def _add(side: str) -> str:
    return _ADD.format(key=KEY.format(side=side))


def _take(side: str) -> str:
    return _TAKE.format(key=KEY.format(side=side))


STATEMENTS = [
    """CREATE TABLE record_tallies (
        form_id TEXT NOT NULL,
        township TEXT NOT NULL,
        status TEXT NOT NULL,
        deleted INTEGER NOT NULL,
        village TEXT NOT NULL,           -- '' when the record has none
        gone INTEGER NOT NULL,           -- 1: the person has left (status field 'left')
        created_month TEXT NOT NULL,     -- YYYY-MM of created_at
        n INTEGER NOT NULL,
        PRIMARY KEY (form_id, township, status, deleted, village, gone, created_month)
    ) WITHOUT ROWID""",
    f"CREATE TRIGGER records_tally_insert AFTER INSERT ON records BEGIN {_add('NEW')} END",
    f"CREATE TRIGGER records_tally_delete AFTER DELETE ON records BEGIN {_take('OLD')} END",
    # an update of anything a tally is keyed by (search_text or last_audit_seq alone leave them)
    "CREATE TRIGGER records_tally_update AFTER UPDATE OF form_id, township, status, deleted, data, created_at"
    f" ON records BEGIN {_take('OLD')} {_add('NEW')} END",
    """INSERT INTO record_tallies
        SELECT form_id, township, status, deleted, coalesce(json_extract(data, '$.village'), ''),
               coalesce(json_extract(data, '$.status'), 'present') = 'left', substr(created_at, 1, 7), count(*)
        FROM records GROUP BY 1, 2, 3, 4, 5, 6, 7""",
    "CREATE INDEX records_updated_township ON records (updated_at, township)",
    "DROP INDEX records_updated",
]


def apply(db):
    for statement in STATEMENTS:
        db.execute(statement)
