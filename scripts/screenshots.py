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


def sample_sync(temp: Path, township_ws):
    """A county with the sample township and 旺村镇 enrolled; both exported, the county imported,
    returned, and the sample township picked up its return; one replayed bundle refused. The
    sample township's shared sync folder is set, so its page shows the folder as found."""
    from desktop.core.sync import enrollment, incoming, outgoing, stick, trust
    from desktop.core.sync.bundle import read_bundle_file

    share = temp / "share" / stick.SYNC_FOLDER_NAME
    share.mkdir(parents=True)
    enroll = temp / "enroll"
    enroll.mkdir()
    county = initialise(temp / "county", role="county", code="131025", clerk="县管理员", password=PASSWORD,
                        language="zh")
    trust.setup_install(county.db, county.paths)
    trust.export_keys(county.db, county.paths, enroll)
    pack = read_bundle_file(enroll / enrollment.county_pack_file_name("131025"))
    second = initialise(temp / "wangcun", role="township", code="131025101", clerk="李强", password=PASSWORD)
    for township in (township_ws, second):
        trust.setup_install(township.db, township.paths, pack)
        trust.export_keys(township.db, township.paths, enroll)
        trust.enroll_file(county.db, county.paths, (enroll / enrollment.enrollment_file_name(township.township))
                          .read_bytes())
    for n in range(5):
        records.save(second.db, form_id="floating_population", form_version="1", township="131025101",
                     values={"name": NAMES[n], "id_number": IDS[n % 4], "village": "131025101001"}, clerk="李强")
    files = []
    for township in (township_ws, second):
        files.append(outgoing.export_township(township.db, township.paths, share, clerk=township.clerk).path)
    incoming.import_files(county.db, county.paths, files, clerk="县管理员")
    incoming.import_files(county.db, county.paths, files[:1], clerk="县管理员")  # "already imported"
    returns = outgoing.export_returns(county.db, county.paths, share)
    incoming.import_files(township_ws.db, township_ws.paths, [r.path for r in returns
                                                              if r.township == township_ws.township])
    records.save(township_ws.db, form_id="floating_population", form_version="1", township="131025100",
                 values={"name": "新来的", "id_number": IDS[0], "village": "131025100002"}, clerk="王丽")
    township_ws.put_setting(stick.SYNC_FOLDER_SETTING, str(share))
    county.put_setting(stick.SYNC_FOLDER_SETTING, str(share))
    second.close()
    return county, share


def wait_for_work(app, page):
    from PySide6.QtCore import QThreadPool
    for _ in range(200):
        QThreadPool.globalInstance().waitForDone(50)
        app.processEvents()
        if not getattr(page, "busy", False) and page.folders:
            return


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
    county, share = sample_sync(temp, workspace)
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
            if key == "sync":
                continue  # taken below as sync_township, after an export
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
        sync_page = window.show_page("sync")
        wait_for_work(app, sync_page)
        sync_page.export_to_drive()
        wait_for_work(app, sync_page)
        grab(app, window, "sync_township", lang)
        window.lock()
        grab(app, window.lock_dialog, "locked", lang)
        window.lock_dialog.close()
        window.close()

        county.clerk, county.clerk_role = "县管理员", "admin"
        county_window = MainWindow(county)
        county_window.resize(1366, 768)
        county_window.show()
        county_page = county_window.show_page("sync")
        county_page.import_files(sorted(share.glob("TD-131025100-*.tdb")))  # a return bundle among them: refused
        wait_for_work(app, county_page)
        county_page.table.selectRow(0)
        grab(app, county_window, "sync_county", lang)
        county_window.close()
    workspace.close()
    county.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
