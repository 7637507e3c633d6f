"""Showing failures to the clerk: a UserError's text as it is, in the current language."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.core.errors import UserError


def error_text(error: Exception) -> str:
    return str(error.text) if isinstance(error, UserError) else str(error)


def show_user_error(parent: QWidget | None, title: str, error: UserError) -> None:
    QMessageBox.warning(parent, title, error_text(error))
