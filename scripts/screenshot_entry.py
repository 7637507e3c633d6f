"""Screenshots of the entry page at 1366x768 for docs/CLIENT_FORMS.md, from the real widgets.

Run under Xvfb (fonts-noto-cjk installed):
  xvfb-run -s "-screen 0 1366x768x24" python scripts/screenshot_entry.py zh docs/images/entry_zh.png
  xvfb-run -s "-screen 0 1366x768x24" python scripts/screenshot_entry.py en docs/images/entry_en.png
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def main(language: str, out: str, scene: str = "typing") -> int:
    os.environ["TOWNSHIP_LANG"] = language
    from PySide6.QtCore import QLocale, QTranslator
    from PySide6.QtWidgets import QApplication

    from desktop.core.i18n import set_language
    from desktop.core.paths import resource
    from desktop.core.workspace.setup import initialise
    from desktop.core.workspace.workspace import Workspace

    set_language(language)
    app = QApplication(sys.argv[:1])
    translators = []
    if language == "zh":
        QLocale.setDefault(QLocale(QLocale.Chinese, QLocale.China))
        for path in sorted(resource("translations").glob("*_zh_CN.qm")):
            translator = QTranslator(app)
            if translator.load(str(path)):
                app.installTranslator(translator)
                translators.append(translator)
    data = Path(tempfile.mkdtemp()) / "township"
    initialise(data, role="township", code="131025100", clerk="王丽", password="screenshot-pw").close()
    workspace = Workspace.open(data)
    workspace.clerk, workspace.clerk_role = "王丽", "admin"

    from desktop.ui.entry.entry_page import EntryPage

    page = EntryPage(workspace)
    page.setWindowTitle(page.title())
    page.resize(1366, 768)
    page.show()
    app.processEvents()
    view = page.form_view
    view.set_keep("village", True)
    if scene == "typing":
        view.set_values({
            "name": "张三", "id_number": "131025198802143219", "sex": "1", "birth_date": "1988-02-14",
            "ethnicity": "01", "phone": "1380013", "hukou_address": "河北省大城县平舒镇东街村",
            "marital_status": "20", "village": "131025100001", "arrival_date": "1990-05-01",
            "move_reason": "01", "status": "left", "family": [{"member_name": "李梅", "member_relationship": "01"}],
        }, touched=True)
        view.focus_path("phone")
    elif scene == "override":
        view.set_values({
            "name": "张三", "id_number": "131025198802143219", "sex": "1", "birth_date": "1988-02-14",
            "ethnicity": "01", "hukou_address": "河北省大城县平舒镇东街村", "marital_status": "20",
            "village": "131025100001", "arrival_date": "1990-05-01", "move_reason": "01", "status": "present",
        }, touched=True)
        from PySide6.QtCore import QTimer

        def grab_dialog():
            dialog = QApplication.activeModalWidget()
            if dialog is None:
                QTimer.singleShot(50, grab_dialog)
                return
            dialog.inputs[0].setText("1990年随父母来本地" if language == "zh" else "came with his parents")
            app.processEvents()
            page.grab().save(out)
            dialog.grab().save(out.replace(".png", "_dialog.png"))
            dialog.reject()

        QTimer.singleShot(100, grab_dialog)
        page.save()
        return 0
    app.processEvents()
    page.grab().save(out)
    print("wrote", out)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
