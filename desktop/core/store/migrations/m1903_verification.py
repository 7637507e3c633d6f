"""Verification by re-keying (docs/QUALITY.md): the batches a supervisor selects and, per record
of a batch, whether it was re-keyed, by whom, and each field that differed with the value that
won. Written only by desktop.core.quality.verification. The county reads the townships'
verification rows of the trail by month: a partial index holds only those rows."""

NUMBER = 1903
NAME = "verification batches"


def apply(db):
    db.execute("""
        CREATE TABLE IF NOT EXISTS verification_batches (
            id TEXT PRIMARY KEY,
            number INTEGER NOT NULL UNIQUE,
            selection TEXT NOT NULL,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL
        )""")
    db.execute("""
        CREATE TABLE IF NOT EXISTS verification_items (
            batch_id TEXT NOT NULL REFERENCES verification_batches(id),
            record_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            keyed_by TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'verified')),
            verified_by TEXT,
            verified_at TEXT,
            differences TEXT,
            PRIMARY KEY (batch_id, record_id)
        )""")
    db.execute("CREATE INDEX IF NOT EXISTS verification_items_record ON verification_items (record_id, status)")
    db.execute("CREATE INDEX IF NOT EXISTS sync_audit_in_verification ON sync_audit_in (at)"
               " WHERE event = 'verification'")
