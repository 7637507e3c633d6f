"""Help pages: one short illustrated page per area (entry, records, sync, reports, admin), in the
clerk's language, from resources/help/<area>_<lang>.md (figures beside them, drawn by
scripts/help_figures.py). F1 opens the page in view's help; the Help menu lists every page.

The words the sync pages use (回执包, 县级配置包, 登记文件, 电话核对码) and when to phone the county
are explained on the sync page's help.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from desktop.core.i18n import current_language
from desktop.core.paths import resource

AREAS = ("entry", "records", "sync", "reports", "admin")

# the main window's page keys -> the help area explaining them
PAGE_AREAS = {"entry": "entry", "records": "records", "sync": "sync", "reports": "reports",
              "crosschecks": "sync", "corrections": "sync", "fix": "records", "verify": "entry", "audit": "admin"}


def area_title(area: str) -> str:
    titles = {
        "entry": QCoreApplication.translate("Help", "Data entry"),
        "records": QCoreApplication.translate("Help", "Records"),
        "sync": QCoreApplication.translate("Help", "Sync with the county"),
        "reports": QCoreApplication.translate("Help", "Reports"),
        "admin": QCoreApplication.translate("Help", "Administration"),
    }
    return titles[area]


def help_file(area: str, language: str | None = None):
    language = "zh" if (language or current_language()) == "zh" else "en"
    return resource("help", f"{area}_{language}.md")


def help_text(area: str, language: str | None = None) -> str:
    return help_file(area, language).read_text(encoding="utf-8")


class HelpDialog(QDialog):
    """A help page in a text view, beside the window (not modal): the clerk reads and types."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.area: str | None = None
        self.language: str | None = None
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)
        self.browser.setSearchPaths([str(resource("help"))])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(860, 620)

    def show_area(self, area: str, language: str | None = None) -> None:
        self.area = area
        self.language = "zh" if (language or current_language()) == "zh" else "en"
        path = help_file(area, self.language)
        self.browser.document().setBaseUrl(QUrl.fromLocalFile(str(path)))
        self.browser.setMarkdown(path.read_text(encoding="utf-8"))
        self.setWindowTitle(self.tr("Help: %1").replace("%1", area_title(area)))
        self.show()
        self.raise_()
        self.activateWindow()
