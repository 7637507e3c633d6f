"""Administration: accounts, audit trail, backups, settings, passwords."""
