"""Cross-check requests (协查) and correction tasks (纠错), as each installation sees them.

The items themselves travel through `exchange_items`; these tables keep what each side knows
about a request or a task, so queues, reminders and the circular's figures are plain queries.
"""

NUMBER = 4
NAME = "cross-checks and corrections"

SCHEMA = """
CREATE TABLE crosschecks (
    id TEXT PRIMARY KEY,           -- the request's exchange item id, the same everywhere
    side TEXT NOT NULL CHECK (side IN ('out', 'in', 'route')),  -- requester / target / county
    requester TEXT NOT NULL,       -- township code that asked
    target TEXT NOT NULL DEFAULT '',  -- township code asked ('' when outside the county)
    outside_county TEXT,           -- the other county, for the provincial channel
    subject_name TEXT NOT NULL,
    subject_id_number TEXT NOT NULL DEFAULT '',
    question TEXT NOT NULL,
    record_id TEXT,                -- requester: the record it was raised from; target: a local match
    due_date TEXT NOT NULL,        -- YYYY-MM-DD, the last day for a timely answer
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    received_at TEXT,              -- in: imported here; route: imported at the county
    delivered_at TEXT,             -- out, route: the target imported it (its receipt came back)
    answer TEXT CHECK (answer IS NULL OR answer IN ('confirmed', 'differs', 'unknown')),
    answer_details TEXT,
    answered_at TEXT,              -- when the target's clerk answered (the target's clock)
    answered_by TEXT,
    answer_arrived_at TEXT,        -- out: the answer reached the requester; route: the county
    exported_at TEXT               -- out, outside the county: printed/exported for the provincial channel
);
CREATE INDEX crosschecks_queue ON crosschecks (side, answered_at);
CREATE INDEX crosschecks_target ON crosschecks (target, side);

CREATE TABLE corrections (
    id TEXT PRIMARY KEY,           -- the task's exchange item id, the same at the county and township
    township TEXT NOT NULL,        -- whose record it is
    record_id TEXT NOT NULL,
    form_id TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL CHECK (kind IN ('duplicate_id', 'rule', 'manual')),
    field TEXT NOT NULL DEFAULT '',
    message_en TEXT NOT NULL,
    message_zh TEXT NOT NULL,
    details TEXT NOT NULL DEFAULT '{}',  -- JSON: the other registration, the rule code, ...
    dedup_key TEXT NOT NULL,       -- one live task per problem: a scan never raises it twice
    raised_at TEXT NOT NULL,
    raised_by TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'fixed', 'disputed')),
    resolution_reason TEXT,
    resolved_at TEXT,
    resolved_by TEXT,
    received_at TEXT,              -- township: when the task arrived
    record_version INTEGER,        -- township: the record's version when the task arrived
    outcome_arrived_at TEXT        -- county: when the township's outcome came back
);
CREATE INDEX corrections_status ON corrections (status, township);
CREATE INDEX corrections_dedup ON corrections (dedup_key);
CREATE INDEX corrections_record ON corrections (record_id);
"""


def apply(db):
    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            db.execute(statement)
