"""Sync state: enrolled keys, bundles written and received, per-sender positions, the county's copy
of township audit trails, versioned resources, and resident IDs registered by two townships."""

NUMBER = 3
NAME = "sync"

SCHEMA = """
CREATE TABLE sync_keys (
    fingerprint TEXT PRIMARY KEY,  -- SHA256:... of the Ed25519 signing key
    owner TEXT NOT NULL,           -- county or township code
    role TEXT NOT NULL CHECK (role IN ('county', 'township')),
    signing_key TEXT NOT NULL,     -- ssh-ed25519 AAAA...
    age_recipient TEXT NOT NULL,   -- age1...
    status TEXT NOT NULL CHECK (status IN ('active', 'retired', 'revoked')),
    enrolled_at TEXT NOT NULL,
    changed_at TEXT,
    note TEXT
);
CREATE INDEX sync_keys_owner ON sync_keys (owner, status);

-- bundles this installation wrote and verified on the target (only then is anything "sent")
CREATE TABLE sync_sent (
    kind TEXT NOT NULL,            -- township-data / county-return
    township TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    file_name TEXT NOT NULL,
    target TEXT NOT NULL,
    created_at TEXT NOT NULL,
    through_seq INTEGER NOT NULL,  -- township-data: the audit sequence the bundle reaches
    counts TEXT NOT NULL,          -- JSON
    PRIMARY KEY (kind, township, sequence)
);

-- every import attempt and its outcome (the county's screen of refused bundles reads this)
CREATE TABLE sync_received (
    id INTEGER PRIMARY KEY,
    kind TEXT,
    township TEXT,
    sequence INTEGER,
    sha256 TEXT NOT NULL,
    file_name TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('applied', 'already', 'refused')),
    code TEXT,
    reason TEXT,
    at TEXT NOT NULL
);
CREATE INDEX sync_received_township ON sync_received (township, at);

-- the position of each incoming stream: at the county one row per township, at a township one
CREATE TABLE sync_peers (
    kind TEXT NOT NULL,
    township TEXT NOT NULL,
    last_sequence INTEGER NOT NULL,
    last_sha256 TEXT NOT NULL,
    last_import_at TEXT NOT NULL,
    through_seq INTEGER NOT NULL DEFAULT 0,  -- county: township audit rows held up to here
    gaps TEXT NOT NULL DEFAULT '[]',         -- JSON list of sequences that never arrived
    item_ids TEXT NOT NULL DEFAULT '[]',     -- county: items carried by the last applied bundle
    PRIMARY KEY (kind, township)
);

-- county: township audit rows as received, kept as evidence beside the county's own trail
CREATE TABLE sync_audit_in (
    township TEXT NOT NULL,
    seq INTEGER NOT NULL,
    at TEXT NOT NULL,
    clerk TEXT NOT NULL,
    event TEXT NOT NULL,
    record_id TEXT,
    form_id TEXT,
    details TEXT NOT NULL,
    reason TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (township, seq)
);

-- county: records a township sent that belong to another township (refused, told in the ack)
CREATE TABLE sync_record_refusals (
    township TEXT NOT NULL,
    record_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (township, record_id)
);

-- code lists and form packs received from the county (versions only go forward)
CREATE TABLE sync_resources (
    kind TEXT NOT NULL CHECK (kind IN ('code_list', 'form_pack')),
    name TEXT NOT NULL,
    version TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    content BLOB NOT NULL,
    installed_at TEXT NOT NULL,
    PRIMARY KEY (kind, name)
);

-- county: the same resident ID in current records of two townships; cross-checks turn these
-- into correction tasks (resolved_at set when they do)
CREATE TABLE sync_resident_conflicts (
    record_a TEXT NOT NULL,
    township_a TEXT NOT NULL,
    record_b TEXT NOT NULL,
    township_b TEXT NOT NULL,
    form_id TEXT NOT NULL,
    found_at TEXT NOT NULL,
    resolved_at TEXT,
    PRIMARY KEY (record_a, record_b)
);
"""


def apply(db):
    for statement in SCHEMA.split(";\n"):
        if statement.strip():
            db.execute(statement)
