"""Foundation schema: settings, clerk accounts, records with their unique keys, the audit trail."""

NUMBER = 1
NAME = "foundation"

SCHEMA = """
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL            -- JSON
);

CREATE TABLE accounts (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor', 'admin')),
    password_hash TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);

CREATE TABLE records (
    id TEXT PRIMARY KEY,           -- random UUID, the same at the township and the county
    form_id TEXT NOT NULL,
    form_version TEXT NOT NULL,
    township TEXT NOT NULL,        -- the township that created it owns it
    status TEXT NOT NULL CHECK (status IN ('draft', 'complete')),
    version INTEGER NOT NULL,      -- +1 on every change
    data TEXT NOT NULL,            -- JSON object of field values
    search_text TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    deleted_at TEXT,
    deleted_by TEXT,
    delete_reason TEXT,
    last_audit_seq INTEGER NOT NULL  -- the audit row of its latest change: sync exports by it
);
CREATE INDEX records_list ON records (form_id, deleted, updated_at);
CREATE INDEX records_updated ON records (updated_at);
CREATE INDEX records_change ON records (last_audit_seq);

-- values of `unique` fields of current records: a duplicate is found by index, not by scanning JSON
CREATE TABLE record_keys (
    form_id TEXT NOT NULL,
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    record_id TEXT NOT NULL REFERENCES records(id),
    PRIMARY KEY (form_id, field, value, record_id)
);
CREATE INDEX record_keys_record ON record_keys (record_id);

-- append-only, hash-chained: every change is kept as evidence (痕迹管理)
CREATE TABLE audit (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    clerk TEXT NOT NULL,
    event TEXT NOT NULL,
    record_id TEXT,
    form_id TEXT,
    details TEXT NOT NULL,         -- canonical JSON
    reason TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_record ON audit (record_id);
CREATE INDEX audit_at ON audit (at);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
"""


def apply(db):
    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            db.execute(statement)
