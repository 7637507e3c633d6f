"""Township Desk: offline data entry for township records, synced to the county by USB stick."""

__version__ = "0.1.0"
