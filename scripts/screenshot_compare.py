"""Screenshots of Compare with another entry… (the differences of two entries) for docs/QUALITY.md.

Two PCs of 平舒镇 (the second a copy of the first's data folder, so the same keys) key the same
register of twelve people; the second clerk mistypes a name, a marital status and a phone, skips
one person and keys one more. The second exports its data bundle; the first compares against it
on the Verification page. Run under a 1366x768 X server (fonts-noto-cjk installed):

    PYTHONPATH=$PWD xvfb-run -a -s "-screen 0 1366x768x24" python scripts/screenshot_compare.py

Writes docs/images/compare_differences_zh.png and _en.png.
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from PySide6.QtGui import QCursor  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.core.workspace.setup import initialise  # noqa: E402
from desktop.ui.shell.locale_setup import apply_fonts, install_language  # noqa: E402

OUT = ROOT / "docs" / "images"
PASSWORD = "sample-password"
TOWNSHIP, COUNTY = "131025100", "131025"
NAMES = ["张三", "李四", "王小红", "赵六", "刘洋", "陈静", "杨伟", "黄丽", "周强", "吴敏", "徐杰", "孙芳"]


def two_pcs(temp: Path) -> tuple[Path, Path, Path]:
    """(first PC's folder, second PC's folder, the second's bundle)."""
    from screenshots import person

    from desktop.core.entry import form_entry
    from desktop.core.sync import enrollment, outgoing, trust
    from desktop.core.sync.bundle import read_bundle_file
    from desktop.core.workspace.workspace import Workspace

    stick = temp / "stick"
    stick.mkdir()
    with initialise(temp / "county", role="county", code=COUNTY, clerk="县管理员", password=PASSWORD) as county:
        trust.setup_install(county.db, county.paths)
        trust.export_keys(county.db, county.paths, stick)
    pack = read_bundle_file(stick / enrollment.county_pack_file_name(COUNTY))
    first = temp / "pc1"
    with initialise(first, role="township", code=TOWNSHIP, clerk="王丽", password=PASSWORD) as township:
        trust.setup_install(township.db, township.paths, pack)
    second = temp / "pc2"
    shutil.copytree(first, second)   # the second PC set up from a copy of the first's folder

    rng = random.Random(11)
    people = None
    for folder, clerk in ((first, "王丽"), (second, "陈录入")):
        with Workspace.open(folder) as workspace:
            workspace.clerk, workspace.clerk_role = "王丽", "admin"
            form = form_entry.registry_for(workspace).get("floating_population")
            if people is None:
                villages = [c.name for c in form.choices_for("village") if c.name.startswith(TOWNSHIP)]
                people = [person(rng, name, villages) for name in NAMES]
                keyed = people[:-1]
            else:   # the second clerk: three typos, 周强 skipped, 孙芳 keyed (the first missed her)
                keyed = [dict(p) for p in people if p["name"] != "周强"]
                keyed[1]["name"] = "李思"
                keyed[2]["marital_status"] = "10" if keyed[2]["marital_status"] == "20" else "20"
                keyed[4]["phone"] = keyed[4]["phone"][:-2] + "00"
            for values in keyed:
                form_entry.save(workspace, form, values, complete=True)
            if folder == second:
                written = outgoing.export_township(workspace.db, workspace.paths, stick, clerk=clerk)
    return first, second, written.path


def drain(app) -> None:
    import time

    from desktop.ui.shell.tasks import service

    for _ in range(500):
        app.processEvents()
        if not service().running:
            break
        time.sleep(0.02)
    for _ in range(6):
        app.processEvents()


def main() -> int:
    from desktop.core.workspace.workspace import Workspace
    from desktop.ui.entry.verify_page import VerifyPage

    app = QApplication(sys.argv[:1])
    QCursor.setPos(1365, 767)   # no hover highlight where the pointer rests
    temp = Path(tempfile.mkdtemp())
    first, _second, bundle = two_pcs(temp)
    workspace = Workspace.open(first)
    workspace.clerk, workspace.clerk_role = "刘主管", "supervisor"
    for lang in ("zh", "en"):
        install_language(app, lang)
        apply_fonts(app)
        page = VerifyPage(workspace)
        page.resize(1366, 740)
        page.show()
        dialog = page.compare_entries()
        dialog.other_edit.setText(str(bundle))
        dialog.run_compare()
        drain(app)
        for _ in range(6):
            app.processEvents()
        path = OUT / f"compare_differences_{lang}.png"
        dialog.grab().save(str(path))
        print(path.relative_to(ROOT))
        dialog.done(0)
        page.close_down()
        page.close()
    workspace.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
