"""The pages of the main window, declared as data: (key, "module:Class", roles).

`roles` limits where a page appears: empty means everywhere; otherwise the page shows when the
installation's role ("township"/"county") or the signed-in clerk's role ("clerk"/"supervisor"/
"admin") is listed. Each page is a QWidget with `Class(workspace, parent=None)`, `title()` and
an optional `refresh()` called when it is shown. Pages from other areas may not be installed yet:
`load_page_class` returns None (with a log line) and the window skips them, except the pages in
PLACEHOLDERS, which show a page saying what is missing instead.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging

log = logging.getLogger("township.ui")

PAGES = [
    ("entry", "desktop.ui.entry.entry_page:EntryPage", ("township",)),
    ("records", "desktop.ui.entry.records_page:RecordsPage", ()),
    ("sync", "desktop.ui.sync.sync_page:SyncPage", ("township",)),
    ("sync", "desktop.ui.sync.county_sync_page:CountySyncPage", ("county",)),
    ("reports", "desktop.ui.reports.reports_page:ReportsPage", ()),
    ("crosschecks", "desktop.ui.queues.crosscheck_page:CrossCheckPage", ()),
    ("corrections", "desktop.ui.queues.corrections_page:CorrectionsPage", ()),
    ("audit", "desktop.ui.admin.audit_page:AuditPage", ()),
]

# shown in place of a page whose module is not installed (yet)
PLACEHOLDERS = {
    "entry": "desktop.ui.shell.placeholder_page:EntryNotInstalledPage",
}


def load_page_class(target: str):
    """The class named by "module:Class", or None when its module is not installed."""
    module_name, _, class_name = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name and module_name.startswith(error.name):
            log.info("page %s is not installed; skipped", target)
            return None
        raise  # the module exists but one of its imports is missing: a bug to report
    return getattr(module, class_name)


def visible_pages(workspace) -> list[tuple[str, type]]:
    """(key, page class) of the pages this installation and clerk see, in order."""
    shown = []
    for key, target, roles in PAGES:
        if roles and workspace.role not in roles and workspace.clerk_role not in roles:
            continue
        page_class = load_page_class(target)
        if page_class is None and key in PLACEHOLDERS:
            page_class = load_page_class(PLACEHOLDERS[key])
        if page_class is not None:
            shown.append((key, page_class))
    return shown


def is_installed(target: str) -> bool:
    """Whether the module of "module:Class" is there, without importing it."""
    try:
        return importlib.util.find_spec(target.partition(":")[0]) is not None
    except ModuleNotFoundError:
        return False


def visible_page_targets(workspace) -> list[tuple[str, str]]:
    """(key, "module:Class") of the pages this installation and clerk see, in order, without
    importing any page: the main window builds each page when it is first shown."""
    shown = []
    for key, target, roles in PAGES:
        if roles and workspace.role not in roles and workspace.clerk_role not in roles:
            continue
        if not is_installed(target):
            if key not in PLACEHOLDERS:
                log.info("page %s is not installed; skipped", target)
                continue
            target = PLACEHOLDERS[key]
        shown.append((key, target))
    return shown
