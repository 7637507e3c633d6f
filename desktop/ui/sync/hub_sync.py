"""The app's background network sync: when a hub address is set, `network_sync.sync_now` runs
through the one task service (quiet: no dialog) on a timer, with retries and exponential backoff.

- **Timer**: a run every INTERVAL_S while all goes through; after a failure the wait doubles from
  BACKOFF_START_S up to BACKOFF_MAX_S, and a hub's `Retry-After` is waited out in full. A success
  starts again at the interval.
- **Reachability**: Qt's QNetworkInformation where a backend loads (Windows, NetworkManager,
  macOS): going online tries at once (and forgets the backoff), going offline waits without
  trying, and a captive portal Qt sees is shown as such. QtNetwork is loaded only when a hub is
  set, and only if present (the frozen build leaves it out): without it, the signed health probe
  that starts every run is the watch - it tells the hub from a sign-in page either way.
- One `HubSync` per workspace (`for_workspace`): the Sync pages and the status bar read the same
  state and hear `changed`.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from desktop.core.errors import UserError
from desktop.core.store import settings
from desktop.ui.shell.tasks import service
from desktop.ui.sync import sync_common

log = logging.getLogger("township.ui")

INTERVAL_S = 300
BACKOFF_START_S = 30
BACKOFF_MAX_S = 1800
FIRST_TRY_MS = 3000             # after the window is up: the start stays light

IDLE, RUNNING, DONE, FAILED, OFFLINE = "idle", "running", "done", "failed", "offline"


def backoff_seconds(failures: int, retry_after: float | None = None) -> float:
    """The wait before the next try after `failures` failures in a row (and the hub's Retry-After)."""
    wait = min(BACKOFF_START_S * 2 ** max(failures - 1, 0), BACKOFF_MAX_S) if failures else INTERVAL_S
    return max(wait, retry_after or 0)


class HubSync(QObject):
    """The background sync of one workspace; `changed` after every state change."""

    changed = Signal()

    def __init__(self, workspace, parent: QObject | None = None, *, start: bool = True):
        super().__init__(parent)
        self.workspace = workspace
        self.state = IDLE
        self.error: UserError | None = None
        self.report = None
        self.failures = 0
        self.next_try_at: float | None = None
        self.last_done_at: float | None = None
        self.reachability = None       # QNetworkInformation, when a backend loaded
        self.paused = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.run_now)
        if start and self.url:
            self._schedule(FIRST_TRY_MS / 1000)

    @property
    def url(self) -> str:
        return (self.workspace.setting(settings.HUB_URL) or "").strip()

    def set_url(self, url: str | None) -> None:
        """Keep the hub address (None or "": stick only) and try at once when one is set."""
        url = (url or "").strip() or None
        if url != (self.url or None):
            self.workspace.put_setting(settings.HUB_URL, url)
            self.workspace.put_setting(settings.HUB_KEY, None)   # another hub: its key is pinned anew
        self.failures, self.error = 0, None
        if url:
            self.run_now()
        else:
            self.timer.stop()
            self.state, self.next_try_at = IDLE, None
            self.changed.emit()

    # -- reachability ---------------------------------------------------------------------------
    def _watch_reachability(self) -> None:
        if self.reachability is not None:
            return
        try:
            from PySide6.QtNetwork import QNetworkInformation
        except ImportError:     # the frozen build leaves QtNetwork out: the health probe watches
            self.reachability = False
            return
        try:
            loaded = QNetworkInformation.loadDefaultBackend()
        except (AttributeError, RuntimeError):
            loaded = False
        info = QNetworkInformation.instance() if loaded else None
        if info is None:
            self.reachability = False
            return
        self.reachability = info
        info.reachabilityChanged.connect(self._reachability_changed)
        log.info("watching reachability with the %s backend", info.backendName())

    def offline(self) -> bool:
        if not self.reachability:
            return False
        from PySide6.QtNetwork import QNetworkInformation

        return self.reachability.reachability() == QNetworkInformation.Reachability.Disconnected

    def behind_portal(self) -> bool:
        return bool(self.reachability) and bool(self.reachability.isBehindCaptivePortal())

    def _reachability_changed(self, _reachability) -> None:
        if not self.url:
            return
        if self.paused:
            return
        if self.offline():
            self.state = OFFLINE
            self.changed.emit()
        elif self.state in (OFFLINE, FAILED):
            self.failures = 0        # a link came back: try now, not at the end of the backoff
            self.run_now()

    # -- pausing (the screen lock lets go of the data key) ---------------------------------------
    def pause(self) -> None:
        self.paused = True
        self.timer.stop()

    def resume(self) -> None:
        self.paused = False
        if self.url:
            self._schedule(FIRST_TRY_MS / 1000)

    # -- running --------------------------------------------------------------------------------
    def _schedule(self, seconds: float) -> None:
        self.next_try_at = time.time() + seconds
        self.timer.start(int(seconds * 1000))

    def run_now(self) -> None:
        """Send and fetch now, in the background (nothing if no hub is set or a run is under way)."""
        url = self.url
        if not url or self.state == RUNNING or self.paused:
            return
        self._watch_reachability()
        if self.offline():
            self.state = OFFLINE
            self._schedule(INTERVAL_S)
            self.changed.emit()
            return
        self.state = RUNNING
        self.changed.emit()
        clerk = self.workspace.clerk

        def work(db, paths, progress):
            from desktop.core.sync import network_sync

            return network_sync.sync_now(db, paths, url, clerk=clerk, progress=progress)

        job = sync_common.on_own_connection(self.workspace.paths, work)
        service().run(job, quiet=True, label=self.tr("Network sync"), on_done=self._done, on_failed=self._failed,
                      finally_=self._ended, changed=("sync", "records", "corrections"))

    def _ended(self) -> None:
        """After a bug (logged and shown by the task service, neither done nor a UserError): back
        off as after a failure, so the next try is not at once and not never."""
        if self.state == RUNNING:
            self.workspace.reload_settings()
            self.state, self.error = FAILED, None
            self.failures += 1
            self._schedule(backoff_seconds(self.failures))
            self.changed.emit()

    def _done(self, report) -> None:
        # the run worked on its own connection and may have changed settings (the hub's key
        # pinned, a county pack pulled with the hub's address): read them before showing anything
        self.workspace.reload_settings()
        self.report, self.error = report, None
        self.state, self.failures, self.last_done_at = DONE, 0, time.time()
        self._schedule(INTERVAL_S)
        self.changed.emit()

    def _failed(self, error: UserError) -> None:
        self.workspace.reload_settings()
        self.error, self.state = error, FAILED
        self.failures += 1
        wait = backoff_seconds(self.failures, getattr(error, "retry_after", None))
        log.info("network sync failed (%s); next try in %d s", error.code, wait)
        self._schedule(wait)
        self.changed.emit()


def for_workspace(workspace, *, start: bool = True, parent: QObject | None = None) -> HubSync:
    """The one HubSync of `workspace`, made on first ask (by the main window, its parent: it stops
    with the window)."""
    from shiboken6 import isValid

    found = getattr(workspace, "_hub_sync", None)
    if found is None or not isValid(found):
        found = HubSync(workspace, parent or QCoreApplication.instance(), start=start)
        workspace._hub_sync = found
    return found
