"""The local store: connection and transactions, migrations, records, audit trail, search text, backups, doctor, settings."""
