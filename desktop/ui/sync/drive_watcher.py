"""Noticing a USB stick (or the configured shared folder) that holds the sync folder.

Every few seconds, on a worker thread, the mounted volumes are listed (QStorageInfo works on
Windows and Linux) and each likely removable one is asked whether it holds `TownshipDesk/` at its
root (desktop.core.sync.stick). Likely removable: ready, not the system volume, not a pseudo file
system; on Windows the drive type must be DRIVE_REMOVABLE. A read-only volume is still reported
(marked), so the page can say the stick is write-protected instead of staying silent. The
configured folder (setting `sync_folder`) is checked first. `changed` fires only when the list of
found folders changes.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QDir, QObject, QStorageInfo, QTimer, Signal

from desktop.core.sync import stick

log = logging.getLogger("township.ui")
POLL_MS = 3000
PSEUDO_FILE_SYSTEMS = {"tmpfs", "devtmpfs", "proc", "sysfs", "overlay", "squashfs", "ramfs", "cgroup", "cgroup2",
                       "autofs", "devpts", "securityfs", "debugfs", "tracefs", "fusectl", "mqueue", "pstore",
                       "bpf", "configfs", "hugetlbfs", "nsfs", "efivarfs", "binfmt_misc"}
DRIVE_REMOVABLE = 2


def _windows_drive_is_removable(root: str) -> bool:
    import ctypes

    return ctypes.windll.kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)) == DRIVE_REMOVABLE


def likely_removable(volume: QStorageInfo) -> bool:
    if not volume.isValid() or not volume.isReady():
        return False
    root = volume.rootPath()
    if volume.isRoot() or root == QStorageInfo.root().rootPath():
        return False
    if bytes(volume.fileSystemType()).decode("ascii", "replace") in PSEUDO_FILE_SYSTEMS:
        return False
    if sys.platform == "win32":
        try:
            return _windows_drive_is_removable(root)
        except OSError:
            return True
    # Linux desktops mount sticks under /media, /run/media or /mnt; other mounts (/, /boot, /home)
    # are the system's own.
    return root.startswith(("/media/", "/run/media/", "/mnt/", "/Volumes/"))


def scan(configured: str | None) -> list[stick.SyncFolder]:
    """The sync folders reachable now: the configured one, then those on removable drives."""
    found = []
    own = stick.configured_sync_folder(configured)
    if own is not None:
        found.append(own)
    for volume in QStorageInfo.mountedVolumes():
        if not likely_removable(volume):
            continue
        folder = stick.sync_folder_on(Path(volume.rootPath()))
        if folder is None:
            continue
        label = volume.displayName() or QDir.toNativeSeparators(volume.rootPath())
        read_only = volume.isReadOnly() or not os.access(folder, os.W_OK)
        found.append(stick.SyncFolder(folder, label, read_only=read_only))
    return found


def _scan_quietly(configured: str | None) -> list[stick.SyncFolder] | None:
    try:
        return scan(configured)
    except Exception:  # a flaky drive must not stop the watching
        log.exception("scanning drives failed")
        return None


class DriveWatcher(QObject):
    """Polls for sync folders; `changed(list[SyncFolder])` when what is reachable changes."""

    changed = Signal(object)

    def __init__(self, configured_folder, parent=None, interval_ms: int = POLL_MS):
        super().__init__(parent)
        self.configured_folder = configured_folder   # a callable returning the setting's value
        self.found: list[stick.SyncFolder] = []
        self._running = None        # the task service's Task of the scan in flight
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)

    def start(self) -> None:
        self.timer.start()
        self.poll()

    def stop(self) -> None:
        self.timer.stop()

    def poll(self) -> None:
        if self._running is not None:
            return  # a slow drive: the previous scan is still looking
        from desktop.ui.shell.tasks import service

        configured = self.configured_folder()
        self._running = service().run(lambda _progress: _scan_quietly(configured), parent=self, quiet=True,
                                      uses_store=False, on_done=self._scanned)

    def _scanned(self, result) -> None:
        self._running = None
        if result is not None and result != self.found:
            self.found = result
            self.changed.emit(result)
