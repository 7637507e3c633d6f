"""The pages of the main window: (key, loader, roles), in navigation order.

A loader imports its page's module and returns the class: the main window calls it when the
page is first shown, so a start imports no page it does not show. `roles` limits where a page
appears: empty means everywhere; otherwise the page shows when the installation's role
("township"/"county") or the signed-in clerk's role ("clerk"/"supervisor"/"admin") is listed.
Each page is a QWidget with `Class(workspace, parent=None)`, `title()` and an optional
`refresh()` called when it is shown.
"""

from __future__ import annotations

from collections.abc import Callable


def entry_page():
    from desktop.ui.entry.entry_page import EntryPage
    return EntryPage


def records_page():
    from desktop.ui.entry.records_page import RecordsPage
    return RecordsPage


def sync_page():
    from desktop.ui.sync.sync_page import SyncPage
    return SyncPage


def county_sync_page():
    from desktop.ui.sync.county_sync_page import CountySyncPage
    return CountySyncPage


def reports_page():
    from desktop.ui.reports.reports_page import ReportsPage
    return ReportsPage


def crosscheck_page():
    from desktop.ui.queues.crosscheck_page import CrossCheckPage
    return CrossCheckPage


def corrections_page():
    from desktop.ui.queues.corrections_page import CorrectionsPage
    return CorrectionsPage


def fix_page():
    from desktop.ui.queues.fix_page import FixPage
    return FixPage


def audit_page():
    from desktop.ui.admin.audit_page import AuditPage
    return AuditPage


def verify_page():
    from desktop.ui.entry.verify_page import VerifyPage
    return VerifyPage


PAGES: list[tuple[str, Callable[[], type], tuple[str, ...]]] = [
    ("entry", entry_page, ("township",)),
    ("records", records_page, ()),
    ("sync", sync_page, ("township",)),
    ("sync", county_sync_page, ("county",)),
    ("reports", reports_page, ()),
    ("crosschecks", crosscheck_page, ()),
    ("corrections", corrections_page, ()),
    ("fix", fix_page, ("township",)),
    ("verify", verify_page, ("township",)),
    ("audit", audit_page, ()),
]


def visible_page_loaders(workspace) -> list[tuple[str, Callable[[], type]]]:
    """(key, loader) of the pages this installation and clerk see, in order, without importing
    any page: the main window builds each page when it is first shown."""
    return [(key, loader) for key, loader, roles in PAGES
            if not roles or workspace.role in roles or workspace.clerk_role in roles]
