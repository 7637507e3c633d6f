"""Screenshots of the client's main screens in both languages, for docs/CLIENT.md.

Run under a 1366x768 X server, as the docs say:
    xvfb-run -s "-screen 0 1366x768x24" python scripts/screenshots.py
Builds a sample township in a temporary folder, shows the real windows and grabs them into
docs/images/<screen>_<lang>.png.
"""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.core import accounts, records  # noqa: E402
from desktop.core.db import transaction  # noqa: E402
from desktop.core.setup import initialise  # noqa: E402
from desktop.ui.locale_setup import apply_fonts, install_language  # noqa: E402

OUT = ROOT / "docs" / "images"
PASSWORD = "sample-password"
NAMES = ["张三", "李四", "王小红", "赵六", "刘洋", "陈静", "杨伟", "黄丽", "周强", "吴敏", "徐杰", "孙芳"]
IDS = ["11010519491231002X", "110101199003074477", "131025198802143219", "131025200101010042"]


def sample_township(folder: Path):
    workspace = initialise(folder, role="township", code="131025100", clerk="王丽", password=PASSWORD,
                           language="zh")
    with transaction(workspace.db):
        accounts.create(workspace.db, "刘主管", "supervisor", PASSWORD, by="王丽")
    rng = random.Random(3)
    saved = []
    for n, name in enumerate(NAMES * 3):
        id_number = IDS[n % 4][:-4] + f"{n:03d}" + IDS[n % 4][-1]
        values = {"name": name, "id_number": id_number, "sex": str(1 + n % 2),
                  "village": f"13102510000{1 + n % 5}", "phone": f"139{rng.randint(0, 10**8 - 1):08d}"}
        saved.append(records.save(workspace.db, form_id="floating_population", form_version="1",
                                  township="131025100", values=values, clerk="王丽",
                                  status="draft" if n % 7 == 0 else "complete"))
    first = saved[0]
    records.save(workspace.db, form_id=first.form_id, form_version="1", township="131025100",
                 values={**first.values, "name": "张三丰", "phone": "13912345678"}, clerk="刘主管",
                 record_id=first.id, reason="姓名录错")
    records.delete(workspace.db, saved[1].id, clerk="刘主管", reason="重复登记")
    workspace.clerk, workspace.clerk_role = "王丽", "admin"
    return workspace


def settle(app):
    for _ in range(5):
        app.processEvents()


def grab(app, widget, name, lang):
    settle(app)
    path = OUT / f"{name}_{lang}.png"
    widget.grab().save(str(path))
    print(path.relative_to(ROOT))


def main() -> int:
    from desktop.ui.accounts_dialog import AccountsDialog
    from desktop.ui.login_dialog import LoginDialog
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings_dialog import SettingsDialog
    from desktop.ui.setup_wizard import SetupWizard

    app = QApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp())
    workspace = sample_township(temp / "township")
    for lang in ("zh", "en"):
        install_language(app, lang)
        apply_fonts(app)
        wizard = SetupWizard(temp / f"new-{lang}")
        wizard.show()
        grab(app, wizard, "wizard_start", lang)
        wizard.next()
        wizard.division_picker.search_edit.setText("ps")
        grab(app, wizard, "wizard_township", lang)
        wizard.close()
        login = LoginDialog(workspace)
        login.show()
        grab(app, login, "login", lang)
        login.close()

        window = MainWindow(workspace)
        window.resize(1366, 768)
        window.show()
        for key in window.pages:
            window.show_page(key)
            if key == "records":
                window.pages[key].table.selectRow(0)
            grab(app, window, f"main_{key}", lang)
        page = window.show_page("records")
        page.search_edit.setText("zs")
        page.apply_filter()
        grab(app, window, "main_records_search", lang)
        page.search_edit.clear()
        audit_page = window.show_page("audit")
        audit_page.check_chain()
        from PySide6.QtCore import QThreadPool
        QThreadPool.globalInstance().waitForDone()
        grab(app, window, "main_audit", lang)
        for name, dialog in (("settings", SettingsDialog(workspace, window)),
                             ("accounts", AccountsDialog(workspace, window))):
            dialog.show()
            grab(app, dialog, name, lang)
            dialog.close()
        window.lock()
        grab(app, window.lock_dialog, "locked", lang)
        window.lock_dialog.close()
        window.close()
    workspace.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
