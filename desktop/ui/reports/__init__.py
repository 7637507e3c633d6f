"""The reports page: daily summary and monthly circular."""
