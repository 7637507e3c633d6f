"""A clerk half-way through a record, for the kill test: keys some fields (each one committed),
types part of the next field, says READY and waits to be killed.

Run: python -m tests.ui.draft_app DATA_DIR
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication


def main(data_dir: str) -> int:
    app = QApplication(sys.argv[:1])
    from desktop.core.workspace.workspace import Workspace
    from desktop.ui.entry.entry_page import EntryPage
    from tests.ui.keyboard import enter_field, type_text

    workspace = Workspace.open(data_dir)
    workspace.clerk, workspace.clerk_role = "王丽", "admin"
    page = EntryPage(workspace)
    page.resize(1366, 740)
    page.show()
    page.activateWindow()
    app.processEvents()
    page.form_view.focus_first()
    enter_field("张三")
    enter_field("131025198802143219")
    enter_field("")  # sex, filled from the ID
    enter_field("")  # birth date, filled from the ID
    enter_field("hz")  # ethnicity
    type_text("13800")  # the phone, still being typed when the power goes
    print("READY", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
