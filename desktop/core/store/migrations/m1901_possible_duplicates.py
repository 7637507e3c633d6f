"""Correction tasks: the county's possible duplicates (the same person under two ID numbers).

A new kind `possible_duplicate`, a status `decided` (the county decided the pair: the same person
or different people) and the two decisions `same_person` / `different_people` need wider CHECKs,
which SQLite cannot alter, so the table is rebuilt with the same columns.
"""

NUMBER = 1901
NAME = "possible duplicates"

COLUMNS = ("id, township, record_id, form_id, kind, field, message_en, message_zh, details, dedup_key, raised_at, "
           "raised_by, status, resolution_reason, resolved_at, resolved_by, received_at, record_version, "
           "outcome_arrived_at, decision, decision_reason, decided_at, decided_by, rejections, decision_arrived_at")

STATEMENTS = (
    """CREATE TABLE corrections_new (
    id TEXT PRIMARY KEY,
    township TEXT NOT NULL,
    record_id TEXT NOT NULL,
    form_id TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL CHECK (kind IN ('duplicate_id', 'rule', 'manual', 'possible_duplicate')),
    field TEXT NOT NULL DEFAULT '',
    message_en TEXT NOT NULL,
    message_zh TEXT NOT NULL,
    details TEXT NOT NULL DEFAULT '{}',
    dedup_key TEXT NOT NULL,
    raised_at TEXT NOT NULL,
    raised_by TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'fixed', 'disputed', 'accepted', 'decided')),
    resolution_reason TEXT,
    resolved_at TEXT,
    resolved_by TEXT,
    received_at TEXT,
    record_version INTEGER,
    outcome_arrived_at TEXT,
    decision TEXT CHECK (decision IS NULL OR decision IN ('accepted', 'rejected', 'same_person', 'different_people')),
    decision_reason TEXT,
    decided_at TEXT,
    decided_by TEXT,
    rejections INTEGER NOT NULL DEFAULT 0,
    decision_arrived_at TEXT
)""",
    f"INSERT INTO corrections_new ({COLUMNS}) SELECT {COLUMNS} FROM corrections",
    "DROP TABLE corrections",
    "ALTER TABLE corrections_new RENAME TO corrections",
    "CREATE INDEX corrections_status ON corrections (status, township)",
    "CREATE INDEX corrections_dedup ON corrections (dedup_key)",
    "CREATE INDEX corrections_record ON corrections (record_id)",
)


def apply(db):
    for statement in STATEMENTS:
        db.execute(statement)
