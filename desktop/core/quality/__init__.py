"""Data quality: comparing two entries, likely duplicates, keying statistics."""
