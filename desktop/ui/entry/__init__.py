"""Entering and finding records: the entry page, the form view and its editors, the records list."""
