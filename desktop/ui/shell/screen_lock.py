"""What the idle lock does besides asking for the password: hide and block every window, and let go
of the data key.

- **Every other window** the program has on screen (a dialog opened from a page, a message box, a
  question waiting for an answer) is covered by a blank curtain and disabled while the lock
  dialog, application-modal, is the only thing that takes input. Covering rather than hiding
  keeps a dialog waiting in `exec()` as it was (hiding one ends it), so nothing typed in it is
  lost; the main window hides its pages itself (MainWindow.lock).
- **The data key** goes with the store's connection: `Workspace.shut_store` closes it (SQLCipher's
  own copy of the key goes with it) and removes the key from the process's key list and from the
  store's handle, when nothing runs on a worker (a worker's connection needs it) and the
  signed-in clerk has a wrap in the keyring. The pages keep their handle on the store; the next
  accepted password (the unlock, or a sign-in after "Sign out") unwraps the key (Argon2id) and
  puts a new connection under that handle (LoginDialog, `Workspace.open_store`). What stays: an
  entry page's crash-safe drafts hold the key derived for them.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger("township.ui")


class Curtain(QWidget):
    """A plain panel over the whole of `window`, following its size."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setObjectName("lockCurtain")
        self.setAutoFillBackground(True)
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.raise_()
        self.show()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Resize and watched is self.parentWidget():
            self.setGeometry(watched.rect())
            self.raise_()
        return False


class ScreenLock(QObject):
    """Engaged by the main window's idle lock with its lock dialog; released on unlock."""

    def __init__(self, window: QWidget, workspace, parent=None):
        super().__init__(parent or window)
        self.window, self.workspace = window, workspace
        self.covered: list[tuple[QWidget, Curtain, bool]] = []   # (window, curtain, was enabled)
        self.key_dropped = False

    def engage(self, lock_dialog: QWidget) -> None:
        lock_dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        for other in QApplication.topLevelWidgets():
            if other is self.window or other is lock_dialog or not other.isVisible() \
                    or isinstance(other, Curtain) or other.windowType() in (Qt.WindowType.ToolTip, Qt.WindowType.Popup):
                continue
            self.covered.append((other, Curtain(other), other.isEnabled()))
            other.setEnabled(False)
        self._drop_key()

    def release(self) -> None:
        for other, curtain, enabled in self.covered:
            try:
                curtain.hide()
                curtain.deleteLater()
                other.setEnabled(enabled)
            except RuntimeError:   # the window went away while locked (a worker's message box closed)
                continue
        self.covered = []

    # -- the data key ------------------------------------------------------------------------------
    def _drop_key(self) -> None:
        from desktop.ui.shell.tasks import service

        if service().store_busy():   # a worker's connection needs the key until its task ends
            if self.workspace.db.key is not None:
                log.info("idle lock: a task is running; the store stays open until the unlock")
            return
        self.key_dropped = self.workspace.shut_store()
