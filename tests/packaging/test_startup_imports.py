"""The path to the first window stays light: heavy libraries load when first used, not at start.

pypinyin's dictionaries (about 0.2 s and 60 MB) and cryptography (Argon2id, about 0.07 s) used to
load with the command line and the store; sqlite-utils (with click, dateutil and its plugin scan),
the forms engine (pyxform, openpyxl, lark), the command modules and QtPrintSupport followed them
out of the start path. The start-up benchmark (docs/PERFORMANCE.md) found each of them; these
tests keep them out of what a start imports before its first window takes input, without timing
anything: the command line, and the GUI up to its sign-in dialog or first-run setup wizard.

Four more things are kept here: the first window does not make PySide6 build the Qt
namespace (93 Python enums, about 15 ms, made the first time anything asks for `Qt`); the setup
wizard shows its first page before the store, the code list and its later pages load; and the
sign-in dialog shows from its card without the store or the code list.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import PASSWORD, ROOT

HEAVY = ("pypinyin", "cryptography", "pyrage", "pyxform", "openpyxl", "segno", "lark", "sqlite_utils",
         "click", "dateutil", "pluggy")
# parts of the app that the first window does not need (they load after sign-in or on first use)
NOT_BEFORE_FIRST_WINDOW = HEAVY + (
    "PySide6.QtPrintSupport", "PySide6.QtSvg", "desktop.core.forms", "desktop.core.rules", "desktop.core.sync",
    "desktop.core.reports", "desktop.core.store.backup", "desktop.render", "desktop.ui.shell.main_window",
    "desktop.ui.entry.entry_page", "desktop.ui.entry.records_page", "desktop.ui.reports.reports_page", "desktop.cli.records_cmd",
    "desktop.cli.forms_cmd", "desktop.cli.sync_cmd", "desktop.cli.reports_cmd", "desktop.cli.maintenance_cmd",
    "desktop.cli.setup_cmd", "hashlib", "concurrent.futures", "logging.handlers", "desktop.core.store.audit",
    "desktop.core.codelists.codelists", "locale", "platformdirs")
# ... and on first run, what the wizard's later pages and the installation need
NOT_BEFORE_WIZARD = NOT_BEFORE_FIRST_WINDOW + (
    "sqlite3", "sqlcipher3", "desktop.core.workspace.workspace", "desktop.core.workspace.setup", "desktop.core.workspace.accounts", "desktop.core.store.search",
    "desktop.core.codelists.codelists_divisions", "desktop.ui.entry.division_picker", "desktop.ui.sync.sync_setup_page",
    "desktop.ui.shell.messages")


def modules_after(code: str, env: dict | None = None) -> set[str]:
    """The modules loaded after running `code` in a fresh interpreter; "Qt namespace" is added
    when PySide6 has built its Qt namespace by then, and "source read by PySide6: NAME" for each
    module whose source PySide6's import hook has read (named by an import after PySide6's)."""
    # json first: an import after the code's PySide6 would itself be read back by PySide6's hook
    script = ("import json, sys\n" + code
              + "\nqt = 'PySide6.QtCore' in sys.modules and 'Qt' in vars(sys.modules['PySide6.QtCore'])"
                "\nfeature = sys.modules.get('shibokensupport.feature')"
                "\nscanned = sorted(getattr(feature, 'pyside_feature_dict', None) or [])"
                "\nprint(json.dumps(sorted(sys.modules) + (['Qt namespace'] if qt else [])"
                " + ['source read by PySide6: ' + name for name in scanned]))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", **(env or {})}, cwd=ROOT)
    return set(json.loads(result.stdout.splitlines()[-1]))


def test_the_probe_sees_the_qt_namespace_being_built():
    assert "Qt namespace" not in modules_after("import PySide6.QtCore")
    assert "Qt namespace" in modules_after("from PySide6.QtCore import Qt")


def loaded_early(loaded: set[str], unwanted=HEAVY) -> list[str]:
    return sorted(name for name in loaded if any(name == u or name.startswith(u + ".") for u in unwanted))


def test_starting_the_app_does_not_load_heavy_libraries(township_dir):
    loaded = modules_after(
        "import desktop.cli\n"
        "desktop.cli.build_parser()\n"
        "from desktop.core.workspace.workspace import Workspace\n"
        f"Workspace.open({str(township_dir)!r}).close()\n", env={"TOWNSHIP_PASSWORD": PASSWORD})
    # the encrypted store opens with the password's Argon2id (cryptography); the GUI's first window
    # shows before that (the tests below)
    early = [name for name in loaded_early(loaded) if name not in ("hashlib", "cryptography")
             and not name.startswith("cryptography.")]
    assert not early, f"loaded before the first window: {early}"


def gui_start_modules(data_dir) -> set[str]:
    """What `township --data-dir DATA_DIR` has imported when its first window takes input (it
    quits right there, before any warm-up, with TOWNSHIP_EXIT_WHEN_READY)."""
    return modules_after(
        "from desktop.cli import main\n"
        f"assert main(['--data-dir', {str(data_dir)!r}]) == 0\n",
        env={"QT_QPA_PLATFORM": "offscreen", "TOWNSHIP_EXIT_WHEN_READY": "1", "TOWNSHIP_LANG": "en"})


# what the sign-in card (desktop.core.workspace.sign_in_card) spares the first window: the store and the code list
NOT_BEFORE_SIGN_IN_FROM_CARD = NOT_BEFORE_FIRST_WINDOW + (
    "sqlite3", "_sqlite3", "sqlcipher3", "csv", "datetime", "desktop.core.store.db", "desktop.core.workspace.workspace",
    "desktop.core.workspace.accounts", "desktop.core.store.settings", "desktop.core.store.migrations", "desktop.core.codelists.codelists_divisions")


def test_the_sign_in_window_shows_from_its_card_before_the_store(township_dir):
    loaded = gui_start_modules(township_dir)
    assert "desktop.ui.shell.login_dialog" in loaded
    early = loaded_early(loaded, NOT_BEFORE_SIGN_IN_FROM_CARD)
    assert not early, f"loaded before the sign-in dialog took input: {early}"
    assert "Qt namespace" not in loaded, "the sign-in dialog made PySide6 build the Qt namespace's enums"


def test_without_its_card_the_sign_in_window_still_comes_before_the_heavy_parts(township_dir):
    (township_dir / "sign-in.txt").unlink()
    loaded = gui_start_modules(township_dir)
    assert "desktop.ui.shell.login_dialog" in loaded and "desktop.core.workspace.workspace" in loaded
    early = loaded_early(loaded, NOT_BEFORE_FIRST_WINDOW)
    assert not early, f"loaded before the sign-in dialog took input: {early}"
    assert "Qt namespace" not in loaded, "the sign-in dialog made PySide6 build the Qt namespace's enums"


def test_the_setup_wizard_comes_before_the_heavy_parts(tmp_path):
    loaded = gui_start_modules(tmp_path / "first-run")
    assert "desktop.ui.shell.setup_wizard" in loaded
    early = loaded_early(loaded, NOT_BEFORE_WIZARD)
    assert not early, f"loaded before the setup wizard took input: {early}"
    assert "Qt namespace" not in loaded, "the setup wizard made PySide6 build the Qt namespace's enums"


def test_saving_still_builds_pinyin_search_text(township):
    from desktop.core.store import records

    saved = records.save(township.db, form_id="f", form_version="1", township="131025100",
                         values={"name": "张三"}, clerk="王丽")
    assert "zs" in saved.search_text.split()
