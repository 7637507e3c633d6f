"""Screenshots of every screen and dialog of the client in both languages, for docs/CLIENT.md.

One command, under a 1366x768 X server (the clerks' screen):
    PYTHONPATH=$PWD xvfb-run -a -s "-screen 0 1366x768x24" python scripts/screenshots.py [--large-text-only]
The spreadsheet import, its row report, the list with chosen columns, the Print slip dialog, the
find-and-fix list and the verification page are taken at 150 % text (`--large-text-only`: those
alone).
Builds a sample township (平舒镇) with records entered through the shipped form, a county and a
neighbouring township that exchange cross-checks and a correction task with it, shows the real
windows and grabs them into docs/images/<screen>_<lang>.png (dialogs without a frame).
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtGui import QCursor  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from stdnum.cn import ric  # noqa: E402

from desktop.core.entry import form_entry  # noqa: E402
from desktop.core.exchange import corrections, crosschecks  # noqa: E402
from desktop.core.store import records  # noqa: E402
from desktop.core.store.db import transaction  # noqa: E402
from desktop.core.workspace import accounts  # noqa: E402
from desktop.core.workspace.setup import initialise  # noqa: E402
from desktop.ui.shell.locale_setup import apply_fonts, install_language  # noqa: E402

OUT = ROOT / "docs" / "images"
PASSWORD = "sample-password"
TOWNSHIP, NEIGHBOUR, COUNTY = "131025100", "131025101", "131025"
NAMES = ["张三", "李四", "王小红", "赵六", "刘洋", "陈静", "杨伟", "黄丽", "周强", "吴敏", "徐杰", "孙芳",
         "马丽娟", "胡建国", "郭晓燕", "何平", "高玉兰", "林志强"]
REGIONS = ["131025", "110105", "130181", "410522", "370883", "131082"]
HOMES = ["河北省廊坊市大城县", "北京市朝阳区", "河北省石家庄市辛集市", "河南省安阳市安阳县", "山东省济宁市邹城市",
         "河北省廊坊市三河市"]


def id_number(rng: random.Random, born: date, sex: str) -> str:
    """A resident ID number with a valid GB 11643 check digit (sample data, nobody's)."""
    while True:
        sequence = rng.randrange(0, 50) * 2 + (1 if sex == "1" else 0)
        first = f"{rng.choice(REGIONS)}{born:%Y%m%d}{rng.randrange(0, 10)}{sequence:02d}"
        number = first + ric.calc_check_digit(first + "0")   # stdnum wants a placeholder check digit
        if ric.is_valid(number):   # also the region code in use in the birth year, as cross-checks ask
            return number


def person(rng: random.Random, name: str, villages: list[str]) -> dict:
    sex = "2" if name[-1] in "红静丽敏芳娟燕兰" else "1"
    born = date(1965, 1, 1) + timedelta(days=rng.randrange(0, 365 * 38))
    home = rng.randrange(len(HOMES))
    return {"name": name, "id_number": id_number(rng, born, sex), "sex": sex, "birth_date": born.isoformat(),
            "ethnicity": "01", "phone": f"139{rng.randrange(10**8):08d}", "hukou_address": HOMES[home],
            "marital_status": rng.choice(["10", "20"]) if born.year > 1995 else "20",
            "village": rng.choice(villages), "arrival_date": (date(2024, 1, 1) + timedelta(days=rng.randrange(600))).isoformat(),
            "move_reason": "01", "employer": rng.choice(["", "大城县红木家具厂", "平舒镇保温材料厂"]), "status": "present"}


def sample_data(folder: Path):
    """The township (open, signed in as the admin 王丽) plus the county and neighbour it talks to."""
    from tests.core.crosscheck.carrier import copy_records, county_to_township, round_trip, township_to_county

    os.environ["TOWNSHIP_FAKE_NOW"] = (date.today() - timedelta(days=5)).isoformat() + "T09:00:00+08:00"
    township = initialise(folder / "township", role="township", code=TOWNSHIP, clerk="王丽", password=PASSWORD,
                          language="zh")
    neighbour = initialise(folder / "neighbour", role="township", code=NEIGHBOUR, clerk="李强", password=PASSWORD)
    county = initialise(folder / "county", role="county", code=COUNTY, clerk="县管理员", password=PASSWORD)
    with transaction(township.db):
        accounts.create(township.db, "刘主管", "supervisor", PASSWORD, by="王丽")
        accounts.create(township.db, "陈录入", "clerk", PASSWORD, by="王丽")
        accounts.create(township.db, "赵临时", "clerk", PASSWORD, by="王丽")
        accounts.set_active(township.db, "赵临时", False, by="王丽")   # left the township office
    form = form_entry.registry_for(township).get("floating_population")
    villages = [c.name for c in form.choices_for("village") if c.name.startswith(TOWNSHIP)]
    rng = random.Random(7)
    saved = [form_entry.save(township, form, person(rng, name, villages), complete=n % 9 != 4)
             for n, name in enumerate(NAMES * 2)]
    # the neighbour asks about one of ours; we asked the neighbour five days ago, no answer yet
    neighbour_form = form_entry.registry_for(neighbour).get("floating_population")
    crosschecks.new_request(neighbour, subject_name=saved[2].values["name"],
                            subject_id_number=saved[2].values["id_number"], target=TOWNSHIP,
                            question="此人是否仍在贵镇居住？请核实现住址和工作单位。")
    form_entry.save(neighbour, neighbour_form, {**person(rng, "赵建华", [f"{NEIGHBOUR}001"])}, complete=True)
    crosschecks.new_request(township, subject_name="赵建华", subject_id_number="", target=NEIGHBOUR,
                            question="赵建华称2023年在旺村镇务工，请核实其登记情况。")
    round_trip(county, township, neighbour)
    del os.environ["TOWNSHIP_FAKE_NOW"]
    crosschecks.new_request(township, record_id=saved[5].id, target=NEIGHBOUR,
                            question="户籍地登记为旺村镇，请核实是否已迁出。")
    township_to_county(township, county)
    # the county finds a problem in one of our records
    copy_records(township, county)
    corrections.raise_task(county, saved[7].id, message="联系电话与另一条记录相同，请核实。", field="phone")
    corrections.raise_task(county, saved[11].id, message="户籍地写得太笼统，请写到乡镇和村。", field="hukou_address")
    county_to_township(county, township)
    # a change with a reason and a deletion, so the audit trail has both
    township.clerk, township.clerk_role = "刘主管", "supervisor"
    first = saved[0]
    form_entry.save(township, form, {**first.values, "name": "张三丰", "phone": "13912345678"}, complete=True,
                    record_id=first.id, reason="姓名录错", expected_version=first.version)
    records.delete(township.db, saved[1].id, clerk="刘主管", reason="重复登记")
    township.clerk, township.clerk_role = "王丽", "admin"
    neighbour.close()
    county.close()
    return township, saved


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
    county = initialise(temp / "sync-county", role="county", code="131025", clerk="县管理员", password=PASSWORD,
                        language="zh")
    trust.setup_install(county.db, county.paths)
    trust.export_keys(county.db, county.paths, enroll)
    pack = read_bundle_file(enroll / enrollment.county_pack_file_name("131025"))
    second = initialise(temp / "sync-wangcun", role="township", code="131025101", clerk="李强", password=PASSWORD)
    for township in (township_ws, second):
        trust.setup_install(township.db, township.paths, pack)
        trust.export_keys(township.db, township.paths, enroll)
        trust.enroll_file(county.db, county.paths, (enroll / enrollment.enrollment_file_name(township.township))
                          .read_bytes())
    rng = random.Random(11)
    for n in range(5):
        records.save(second.db, form_id="floating_population", form_version="1", township="131025101",
                     values=person(rng, NAMES[n], ["131025101001"]), clerk="李强")
    files = []
    for township in (township_ws, second):
        files.append(outgoing.export_township(township.db, township.paths, share, clerk=township.clerk).path)
    incoming.import_files(county.db, county.paths, files, clerk="县管理员")
    incoming.import_files(county.db, county.paths, files[:1], clerk="县管理员")  # "already imported"
    returns = outgoing.export_returns(county.db, county.paths, share)
    incoming.import_files(township_ws.db, township_ws.paths, [r.path for r in returns
                                                              if r.township == township_ws.township])
    records.save(township_ws.db, form_id="floating_population", form_version="1", township="131025100",
                 values=person(rng, "新来的", ["131025100002"]), clerk="王丽")
    township_ws.put_setting(stick.SYNC_FOLDER_SETTING, str(share))
    county.put_setting(stick.SYNC_FOLDER_SETTING, str(share))
    second.close()
    return county, share


def drain(app, rounds: int = 400) -> None:
    """Let the task service finish what the screen started (its results arrive as events)."""
    import time

    from desktop.ui.shell.tasks import service

    for _ in range(rounds):
        app.processEvents()
        if not service().running:
            break
        time.sleep(0.02)
    settle(app)


def wait_for_work(app, page):
    for _ in range(200):
        drain(app, 3)
        if not getattr(page, "busy", False) and page.folders:
            return


def settle(app, rounds: int = 6) -> None:
    for _ in range(rounds):
        app.processEvents()


def grab(app, widget, name: str, lang: str) -> None:
    settle(app)
    path = OUT / f"{name}_{lang}.png"
    widget.grab().save(str(path))
    print(path.relative_to(ROOT))


def shoot_dialog(app, dialog, name: str, lang: str, prepare=None) -> None:
    dialog.show()
    if prepare:
        prepare(dialog)
    grab(app, dialog, name, lang)
    dialog.close()


def sample_backups(workspace) -> None:
    """A few backups of each kind in the backups folder, for the restore list."""
    from desktop.core.store import backup

    for day, kind in ((3, "daily"), (2, "premigrate"), (2, "daily"), (1, "daily")):
        os.environ["TOWNSHIP_FAKE_NOW"] = f"{date.today() - timedelta(days=day)}T08:3{day}:00+08:00"
        backup.snapshot(workspace.db, workspace.paths.backups, kind)
    del os.environ["TOWNSHIP_FAKE_NOW"]


def shoot_file_menu_dialogs(app, window, workspace, lang: str) -> None:
    """Accounts (a clerk selected), new password, change my password, back up now, restore."""
    from desktop.ui.admin.accounts_dialog import AccountsDialog
    from desktop.ui.admin.password_dialog import PasswordDialog

    dialog = AccountsDialog(workspace, window)
    dialog.show()
    names = [dialog.table.item(row, 0).text() for row in range(dialog.table.rowCount())]
    dialog.table.selectRow(names.index("陈录入"))
    grab(app, dialog, "accounts", lang)
    reset = PasswordDialog(workspace, "陈录入", dialog)
    shoot_dialog(app, reset, "password_reset", lang, lambda d: (d.new_edit.setText("abcdefg"),
                                                                 d.repeat_edit.setText("abcdefh"), d.save()))
    dialog.close()
    own = window.change_password()
    own.current_edit.setText("wrong-password")
    own.new_edit.setText("abcdefg")
    own.repeat_edit.setText("abcdefg")
    own.save()
    grab(app, own, "password_change", lang)
    own.reject()
    backup_dialog = window.back_up_now()
    backup_dialog.backup_button.click()
    for _ in range(200):
        if backup_dialog.written is not None:
            break
        drain(app, 3)
    grab(app, backup_dialog, "backup_now", lang)
    backup_dialog.reject()
    restore = window.open_restore()
    restore.table.selectRow(1)
    grab(app, restore, "restore", lang)
    box = restore.confirm(restore.backups[1])
    grab(app, box, "restore_confirm", lang)
    box.close()
    restore.reject()


def shoot_sheets(app, window, listing, temp: Path, lang: str) -> None:
    """The spreadsheet import (its mapping table, then the row report of a check) and the list
    with the columns a clerk chose (arrival date, phone, age, household registration)."""
    from desktop.core.entry import list_columns
    from tests.core.sheets import registers

    folder = Path(tempfile.gettempdir()) / "台账"   # a short path in the file box, as on a clerk's PC
    folder.mkdir(exist_ok=True)
    register = registers.write_xlsx(folder / f"平舒镇台账_{lang}.xlsx")
    dialog = window.open_import()
    dialog.resize(1300, 740)   # 150 % text: nearly the whole 1366x768 screen
    dialog.set_file(register)
    dialog.set_field("备注说明", "remarks")
    grab(app, dialog, "import_mapping", lang)
    dialog.check()
    drain(app)
    grab(app, dialog, "import_report", lang)
    dialog.close()

    available = listing.model.available_columns("floating_population")
    listing.form_combo.setCurrentIndex(listing.form_combo.findData("floating_population"))
    keys = ["name", "id", "village", "age", "field:phone", "field:arrival_date", "family"]   # what fits at 150 %
    by_key = {c.key: c for c in available}
    listing.set_chosen(list_columns.by_key(available, keys), by_key["field:arrival_date"], True)
    listing.table.selectRow(0)
    grab(app, window, "main_records_columns", lang)
    dialog = listing.print_slip()
    settle(app)
    grab(app, dialog, "print_slip_dialog", lang)
    dialog.close()
    listing.set_chosen(list_columns.by_key(available, list_columns.DEFAULT), None, False)
    listing.form_combo.setCurrentIndex(0)


def shoot_verification(app, window, workspace, saved, lang: str) -> None:
    """The verification page: the batches, then a second clerk re-keying blind, stopped at a field
    that differs from the first entry (both values shown, 1 / 2 / 3 to choose)."""
    from desktop.core.quality import verification
    from desktop.core.rules import new_record

    if not verification.batches(workspace.db):
        verification.create_batch(workspace, verification.selection(
            clerk_day=(workspace.clerk, saved[3].created_at[:10])))
    keyer = workspace.clerk
    workspace.clerk, workspace.clerk_role = "陈录入", "clerk"   # a record is verified by another clerk
    window.refresh_status()
    page = window.show_page("verify")
    page.refresh()
    grab(app, window, "main_verify", lang)
    page.start(verification.batches(workspace.db)[0].id)
    record = page.record
    fields = page._fields()
    upto = fields[:fields.index("phone") + 1] if "phone" in fields else fields[:3]
    values = {**new_record(page.form, page.context), **{name: record.values.get(name) for name in upto}}
    values[upto[-1]] = "13803160000"          # keyed differently from the paper form's first entry
    page.form_view.set_values(values, touched=True)
    for name in upto:
        if not page._compare(name, then_focus=False):
            break
    settle(app, 20)
    grab(app, window, "main_verify_mismatch", lang)
    page.leave()
    workspace.clerk, workspace.clerk_role = keyer, "admin"
    window.refresh_status()


LARGE_TEXT = 150   # the text size a clerk of 50 needs (docs/CLIENT.md: these shots are taken at it)


def sample_fixes(workspace, saved) -> None:
    """What the find-and-fix list shows: a record saved over a warning with its reason, and three
    drafts of the signed-in clerk: a new record with an ID number already registered, an
    unfinished change to a saved record, and a new record of another form."""
    from desktop.core.entry.drafts import Draft, DraftStore

    form = form_entry.registry_for(workspace).get("floating_population")
    values = {**saved[9].values, "arrival_date": "1990-01-01"}
    if [w.path for w in form_entry.evaluate(workspace, form, values, record_id=saved[9].id).warnings] == ["arrival_date"]:
        form_entry.save(workspace, form, values, complete=True, record_id=saved[9].id, reason="按暂住证更正",
                        overrides={"arrival_date": "1990年来此务工，有暂住证为据"},
                        expected_version=records.get(workspace.db, saved[9].id).version)
    drafts = DraftStore(workspace.paths.drafts, workspace.clerk, key=workspace.data_key)
    drafts.save(Draft(form_id=form.form_id, form_version=form.version, current_field="phone",
                      values={"name": saved[2].values["name"], "id_number": saved[2].values["id_number"]}))
    changed = saved[4]
    drafts.save(Draft(form_id=form.form_id, form_version=form.version, current_field="employer",
                      record_id=changed.id, record_version=changed.version,
                      values={**changed.values, "phone": "13603160000"}))
    certificate = form_entry.registry_for(workspace).get("certificate")
    drafts.save(Draft(form_id=certificate.form_id, form_version=certificate.version, current_field="village",
                      values={"holder_name": "钱多多", "cert_type": "1"}))


def shoot_large_text(app, workspace, saved, temp: Path, lang: str) -> None:
    """At 150 % text: the spreadsheet mapping dialog, its row report, the list with the columns a
    clerk chose, the Print slip dialog, the find-and-fix list and the verification page."""
    from desktop.ui.shell.main_window import MainWindow

    apply_fonts(app, LARGE_TEXT)
    window = MainWindow(workspace)
    window.resize(1366, 768)
    window.show()
    settle(app)
    listing = window.show_page("records")
    shoot_sheets(app, window, listing, temp, lang)
    fixes = window.show_page("fix")
    fixes.refresh()
    fixes.view.selectRow(0)
    fixes.view.setFocus()
    grab(app, window, "main_find_fix", lang)
    shoot_verification(app, window, workspace, saved, lang)
    window.close()
    window.deleteLater()
    settle(app)
    apply_fonts(app)


def main() -> int:
    from desktop.ui.admin.settings_dialog import SettingsDialog
    from desktop.ui.entry.reason_dialogs import ReasonDialog
    from desktop.ui.shell.login_dialog import LoginDialog
    from desktop.ui.shell.main_window import MainWindow
    from desktop.ui.shell.setup_wizard import SetupWizard

    app = QApplication(sys.argv[:1])
    QCursor.setPos(1365, 767)   # no hover highlight where the pointer happens to rest
    OUT.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp())
    workspace, saved = sample_data(temp)
    county, share = sample_sync(temp, workspace)
    sample_backups(workspace)
    sample_fixes(workspace, saved)
    only_large = "--large-text-only" in sys.argv   # the 150 % shots alone
    for lang in ("zh", "en"):
        install_language(app, lang)
        shoot_large_text(app, workspace, saved, temp, lang)
        if only_large:
            continue
        apply_fonts(app)
        wizard = SetupWizard(temp / f"new-{lang}")
        wizard.show()
        grab(app, wizard, "wizard_start", lang)
        wizard.next()
        wizard.division_picker.search_edit.setText("ps")
        grab(app, wizard, "wizard_township", lang)
        wizard.close()
        shoot_dialog(app, LoginDialog(workspace), "login", lang)

        # the find-and-fix drafts are for that list's shot: the entry page would offer one back
        # (rightly), and "data entry, blank" is to show the form as a clerk starts the day
        drafts, aside = workspace.paths.drafts, workspace.paths.drafts.with_name("drafts.aside")
        if drafts.exists():
            drafts.rename(aside)
        window = MainWindow(workspace)
        window.resize(1366, 768)
        window.show()
        settle(app)

        entry = window.show_page("entry")
        grab(app, window, "main_entry", lang)
        entry.form_view.set_values({**saved[3].values, "name": "孙丽", "id_number": "131025199002301234",
                                    "phone": "1391234", "arrival_date": "1988-05-01", "village": ""},
                                   touched=True)
        entry.form_view.focus_path("phone")
        grab(app, window, "main_entry_problems", lang)
        entry.new_record()

        listing = window.show_page("records")
        listing.table.selectRow(0)
        grab(app, window, "main_records", lang)
        listing.search_edit.setText("zs")
        listing.apply_filter()
        listing.table.selectRow(0)
        grab(app, window, "main_records_search", lang)
        shoot_dialog(app, ReasonDialog(listing.tr("Delete record"), listing.tr(
            "The record stays in the file and the audit trail, marked deleted. Why is it deleted?"), window),
            "delete_dialog", lang, lambda d, lang=lang: d.reason_edit.setText("重复登记" if lang == "zh" else "entered twice"))
        dialog = window.ask_about_record(listing.selected_record_id())
        dialog.question_edit.setPlainText("请核实此人是否仍在贵镇务工。" if lang == "zh"
                                          else "Please confirm this person still works in your township.")
        grab(app, dialog, "crosscheck_new_dialog", lang)
        dialog.reject()
        listing.search_edit.clear()
        listing.apply_filter()

        window.show_history(saved[0].id)
        grab(app, window, "main_history", lang)
        audit_page = window.show_page("audit")
        audit_page.record_edit.clear()
        audit_page.apply_filter()
        audit_page.check_chain()
        drain(app)
        grab(app, window, "main_audit", lang)

        gone = saved[5]   # a deleted record opened from the list: read-only, with its restore
        if not records.get(workspace.db, gone.id).deleted:
            records.delete(workspace.db, gone.id, clerk=workspace.clerk, reason="重复登记")
        window.show_page("entry").open_record(gone.id)
        settle(app)
        grab(app, window, "main_entry_deleted", lang)
        window.show_page("entry").new_record()

        reports = window.show_page("reports")
        grab(app, window, "main_reports", lang)
        built = []
        reports._fail = lambda error: print("the daily summary was refused:", error, flush=True)  # no modal box
        reports.build_then(built.append)
        drain(app)
        if built:
            preview = reports.make_preview_dialog(built[0])
            preview.resize(1000, 700)
            shoot_dialog(app, preview, "report_preview", lang)

        checks = window.show_page("crosschecks")
        checks.tabs.setCurrentIndex(0)
        checks.incoming_view.selectRow(0)
        grab(app, window, "main_crosschecks", lang)
        dialog = checks.answer_selected()
        grab(app, dialog, "crosscheck_answer_dialog", lang)
        dialog.reject()
        checks.tabs.setCurrentIndex(1)
        grab(app, window, "main_crosschecks_outgoing", lang)

        fixes = window.show_page("corrections")
        fixes.view.selectRow(0)
        grab(app, window, "main_corrections", lang)
        dialog = fixes.resolve_selected("disputed")
        grab(app, dialog, "correction_dispute_dialog", lang)
        dialog.reject()

        from desktop.core.sync import stick

        workspace.put_setting(stick.SYNC_FOLDER_SETTING, None)   # no stick: the page says what to do next
        sync_page = window.show_page("sync")
        sync_page.watcher.poll()
        for _ in range(20):
            drain(app, 3)
        grab(app, window, "sync_township_next_step", lang)
        workspace.put_setting(stick.SYNC_FOLDER_SETTING, str(share))
        sync_page.watcher.poll()
        wait_for_work(app, sync_page)
        sync_page.export_to_drive()
        wait_for_work(app, sync_page)
        grab(app, window, "sync_township", lang)
        shoot_dialog(app, SettingsDialog(workspace, window), "settings", lang)
        shoot_file_menu_dialogs(app, window, workspace, lang)
        window.lock()
        grab(app, window.lock_dialog, "locked", lang)
        # unlocked with the password, as the clerk does: locking let go of the data key, and the
        # next language's daily summary reads the store on a worker that needs it
        window.lock_dialog.password_edit.setText(PASSWORD)
        window.lock_dialog.try_sign_in()
        settle(app)
        window.close()
        window.deleteLater()
        settle(app)
        if drafts.exists():
            import shutil

            shutil.rmtree(drafts)     # what the entry page kept of the shots above
        if aside.exists():
            aside.rename(drafts)

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
