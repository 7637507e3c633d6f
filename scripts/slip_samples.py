"""The record slip, the printed list and the help pages as shown in docs/CLIENT.md, both languages.

    PYTHONPATH=$PWD QT_QPA_PLATFORM=offscreen python scripts/slip_samples.py docs/images

Builds a throw-away township with records entered through the shipped form's rules, writes the
slip and the list as PDFs through `township records slip|print`, turns their first pages into
PNGs with `pdftoppm -r 80` (poppler-utils) and grabs the help window of the sync page.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

PASSWORD = "sample-password"
IDS = ["131025198802143219", "110101199003074477", "11010519491231002X", "131025200101010042"]


def main(target: str) -> None:
    from desktop.cli import main as township
    from desktop.core.entry import entry
    from desktop.core.workspace.setup import initialise
    from desktop.render import output
    from tests.conftest import complete_record

    out = Path(target)
    out.mkdir(parents=True, exist_ok=True)
    app = output.ensure_app()
    os.environ["TOWNSHIP_PASSWORD"] = PASSWORD
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "township"
        workspace = initialise(root, role="township", code="131025100", clerk="王丽", password=PASSWORD)
        person = entry.add(workspace, "floating_population", complete_record(
            IDS[0], name="张秀英", phone="13812345678", employer="大城县红星家具厂", address_detail="东街村幸福路 12 号（房东 王建国）",
            family=[{"member_name": "李强", "member_relationship": "01", "member_id_number": IDS[1],
                     "member_birth_date": "1990-03-07"},
                    {"member_name": "李小明", "member_relationship": "02", "member_birth_date": "2016-09-01"}]))
        for number, name in ((IDS[2], "王伟"), (IDS[3], "刘芳")):
            entry.add(workspace, "floating_population", complete_record(number, name=name, village="131025100002"))
        workspace.close()
        for lang in ("zh", "en"):
            for kind, args in (("slip", ["records", "slip", person.id]),
                               ("list", ["records", "print", "floating_population"])):
                pdf = Path(scratch) / f"{kind}_{lang}.pdf"
                township([*args, "--pdf", str(pdf), "--data-dir", str(root), "--lang", lang])
                subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                                str(out / f"print_{kind}_{lang}")], check=True)
    shoot_help(app, out)


def shoot_help(app, out: Path) -> None:
    from desktop.ui.shell import help as help_pages
    from desktop.ui.shell.locale_setup import install_language

    for lang in ("zh", "en"):
        install_language(app, lang)
        dialog = help_pages.HelpDialog()
        dialog.resize(860, 680)
        dialog.show_area("sync", lang)
        for _ in range(20):
            app.processEvents()
        dialog.grab().save(str(out / f"help_sync_{lang}.png"))
        dialog.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/images")
