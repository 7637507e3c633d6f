"""Correction tasks: the county's decision on a dispute (accept it, or reject it with a reply).

A new status `accepted` (the dispute was accepted: the task is closed, the record stands) needs
a wider CHECK, which SQLite cannot alter, so the table is rebuilt with the decision columns:

- decision / decision_reason / decided_at / decided_by: the county's latest decision and reply;
- rejections: how many disputes of this task the county rejected (the "round"; the township's
  outcome items carry it so an answer to an earlier round is never taken for the current one);
- decision_arrived_at: township: when the county's decision arrived.
"""

NUMBER = 402
NAME = "correction decisions"

STATEMENTS = (
    """CREATE TABLE corrections_new (
    id TEXT PRIMARY KEY,
    township TEXT NOT NULL,
    record_id TEXT NOT NULL,
    form_id TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL CHECK (kind IN ('duplicate_id', 'rule', 'manual')),
    field TEXT NOT NULL DEFAULT '',
    message_en TEXT NOT NULL,
    message_zh TEXT NOT NULL,
    details TEXT NOT NULL DEFAULT '{}',
    dedup_key TEXT NOT NULL,
    raised_at TEXT NOT NULL,
    raised_by TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'fixed', 'disputed', 'accepted')),
    resolution_reason TEXT,
    resolved_at TEXT,
    resolved_by TEXT,
    received_at TEXT,
    record_version INTEGER,
    outcome_arrived_at TEXT,
    decision TEXT CHECK (decision IS NULL OR decision IN ('accepted', 'rejected')),
    decision_reason TEXT,
    decided_at TEXT,
    decided_by TEXT,
    rejections INTEGER NOT NULL DEFAULT 0,
    decision_arrived_at TEXT
)""",
    "INSERT INTO corrections_new (id, township, record_id, form_id, kind, field, message_en, message_zh, details,"
    " dedup_key, raised_at, raised_by, status, resolution_reason, resolved_at, resolved_by, received_at,"
    " record_version, outcome_arrived_at) SELECT id, township, record_id, form_id, kind, field, message_en,"
    " message_zh, details, dedup_key, raised_at, raised_by, status, resolution_reason, resolved_at, resolved_by,"
    " received_at, record_version, outcome_arrived_at FROM corrections",
    "DROP TABLE corrections",
    "ALTER TABLE corrections_new RENAME TO corrections",
    "CREATE INDEX corrections_status ON corrections (status, township)",
    "CREATE INDEX corrections_dedup ON corrections (dedup_key)",
    "CREATE INDEX corrections_record ON corrections (record_id)",
)


def apply(db):
    for statement in STATEMENTS:
        db.execute(statement)
