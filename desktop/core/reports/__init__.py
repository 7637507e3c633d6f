"""Report data, Qt-free: the township's daily summary and the county's monthly circular.

`daily.build(db, township, date)` and `circular.build(db, county, month)` return plain
dataclasses; `desktop.render` lays them out on A4 (PDF, preview, printer). `qr` defines the
payload printed on the daily summary, `tasks` the entry tasks the county assigns, `sources` the
guarded reads of figures owned by other areas (sync, cross-checks, corrections).
"""
