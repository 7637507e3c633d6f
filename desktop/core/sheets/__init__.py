"""Registers kept in spreadsheets (.xlsx, .xls, .csv) brought into the store: reading, headers,
cell conversion, and the row-by-row import through the entry rules and the one writer."""
