"""The network outbox (`sync_outbox`, written only by desktop.core.sync.outbox): every bundle this
installation wrote, for the stick or not, waits here to be posted to the hub, with its state -
queued (written, not yet accepted by the hub), sent (the hub stored it, or had it: "duplicate"),
acknowledged (the recipient's answer says it has it, by whichever way it travelled)."""

NUMBER = 1701
NAME = "network outbox"


def apply(db):
    db.execute("""
        CREATE TABLE IF NOT EXISTS sync_outbox (
            sha256 TEXT PRIMARY KEY,       -- the bundle's identity (sha256 of manifest.json)
            kind TEXT NOT NULL,            -- township-data / county-return
            township TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            file_name TEXT NOT NULL,       -- the copy in the data folder's outbox/
            state TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'acknowledged')),
            queued_at TEXT NOT NULL,
            sent_at TEXT,
            acked_at TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT                -- the hub's refusal or the network's failure, English
        )""")
    db.execute("CREATE INDEX IF NOT EXISTS sync_outbox_state ON sync_outbox (state, kind, township, sequence)")
