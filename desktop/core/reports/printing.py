"""Recording that a report was printed or saved: a "print" event in the audit trail.

Inspectors ask who printed what and when (痕迹管理); the event names the report, what it covers
and where it went (printer or PDF), never any personal data.
"""

from __future__ import annotations

from desktop.core.store import audit


def record_printed(workspace, report: str, subject: dict, *, destination: str, pages: int) -> audit.AuditEntry:
    """`report` is "daily_summary" or "circular"; `subject` says which (township and date, or month)."""
    return workspace.record_event("print", details={"report": report, **subject, "destination": destination,
                                                    "pages": pages})
