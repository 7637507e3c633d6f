"""PySide6 widgets, models and dialogs: thin, calls desktop.core, holds no business rules."""
