"""The item channel between townships and the county (cross-checks, corrections, answers)."""

NUMBER = 7
NAME = "exchange items"

SCHEMA = """
CREATE TABLE exchange_items (
    id TEXT NOT NULL,              -- UUID, the same on every installation that holds the item
    direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
    type TEXT NOT NULL,
    origin TEXT NOT NULL,          -- code of the installation that created it
    target TEXT NOT NULL,          -- 'county' or a township code
    created_at TEXT NOT NULL,
    payload TEXT NOT NULL,         -- JSON
    sent_at TEXT,                  -- out: first bundle that carried it
    bundle_seq INTEGER,            -- out: latest bundle that carried it
    acked_at TEXT,                 -- out: the receiver confirmed it imported the item
    received_at TEXT,              -- in: when it was imported here
    PRIMARY KEY (id, direction)
);
CREATE INDEX exchange_pending ON exchange_items (direction, target, acked_at);
"""


def apply(db):
    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            db.execute(statement)
