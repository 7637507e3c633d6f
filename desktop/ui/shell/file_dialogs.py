"""The program's file and folder choosers: Qt's own dialog (not the desktop's), so every word of
it is in the interface language (qtbase's translation, loaded by locale_setup, plus our button
texts), opening where the clerk works: the sync stick when one is plugged in, else the folder
chosen last time (remembered per installation), else the home folder - never the program's
working folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDir
from PySide6.QtWidgets import QDialog, QFileDialog

LAST_FOLDER_SETTING = "ui.last_folder"


def start_folder(workspace=None, prefer: Path | str | None = None) -> str:
    """Where a chooser opens: `prefer` (the stick) if it exists, the last folder, or home."""
    for candidate in (prefer, workspace.setting(LAST_FOLDER_SETTING) if workspace is not None else None):
        if candidate and Path(candidate).is_dir():
            return str(candidate)
    return QDir.homePath()


def _dialog(parent, title: str, folder: str, mode, name_filter: str = "") -> QFileDialog:
    dialog = QFileDialog(parent, title, folder)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setFileMode(mode)
    if name_filter:
        dialog.setNameFilter(name_filter)
    dialog.setLabelText(QFileDialog.DialogLabel.LookIn, QCoreApplication.translate("FileDialogs", "Look in:"))
    dialog.setLabelText(QFileDialog.DialogLabel.FileName, QCoreApplication.translate("FileDialogs", "Name:"))
    dialog.setLabelText(QFileDialog.DialogLabel.FileType, QCoreApplication.translate("FileDialogs", "Type:"))
    dialog.setLabelText(QFileDialog.DialogLabel.Reject, QCoreApplication.translate("FileDialogs", "Cancel"))
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, QCoreApplication.translate("FileDialogs", "Choose"))
    return dialog


def _chosen(dialog: QFileDialog, workspace, folder_of_choice) -> list[Path]:
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return []
    chosen = [Path(name) for name in dialog.selectedFiles()]
    if chosen and workspace is not None:
        folder = folder_of_choice(chosen[0])
        if str(folder) != workspace.setting(LAST_FOLDER_SETTING):
            workspace.put_setting(LAST_FOLDER_SETTING, str(folder))
    return chosen


def choose_folder(parent, title: str, workspace=None, prefer=None) -> Path | None:
    dialog = _dialog(parent, title, start_folder(workspace, prefer), QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    chosen = _chosen(dialog, workspace, lambda path: path)
    return chosen[0] if chosen else None


def open_files(parent, title: str, name_filter: str, workspace=None, prefer=None) -> list[Path]:
    dialog = _dialog(parent, title, start_folder(workspace, prefer), QFileDialog.FileMode.ExistingFiles,
                     name_filter)
    return _chosen(dialog, workspace, lambda path: path.parent)


def open_file(parent, title: str, name_filter: str, workspace=None, prefer=None) -> Path | None:
    dialog = _dialog(parent, title, start_folder(workspace, prefer), QFileDialog.FileMode.ExistingFile,
                     name_filter)
    chosen = _chosen(dialog, workspace, lambda path: path.parent)
    return chosen[0] if chosen else None


def save_file(parent, title: str, name_filter: str, file_name: str, workspace=None, prefer=None) -> Path | None:
    dialog = _dialog(parent, title, start_folder(workspace, prefer), QFileDialog.FileMode.AnyFile, name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, QCoreApplication.translate("FileDialogs", "Save"))
    dialog.selectFile(file_name)
    chosen = _chosen(dialog, workspace, lambda path: path.parent)
    return chosen[0] if chosen else None
