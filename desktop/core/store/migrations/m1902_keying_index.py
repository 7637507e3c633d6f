"""The county reads the townships' keying rows by month (desktop.core.quality.keying.per_township):
a partial index holds only those rows, so the other audit rows an import brings cost nothing more."""

NUMBER = 1902
NAME = "keying rows of received trails"


def apply(db):
    db.execute("CREATE INDEX IF NOT EXISTS sync_audit_in_keying ON sync_audit_in (at) WHERE event = 'keying'")
