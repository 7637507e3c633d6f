"""Chinese for the cross-check and corrections pages, loaded by Qt."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTranslator

from tests.conftest import ROOT

QM = ROOT / "resources" / "translations" / "queues_zh_CN.qm"   # complete and current: tests/ui/test_catalogues.py


def test_the_pages_speak_chinese(qtbot, town_a):
    translator = QTranslator()
    assert translator.load(str(QM))
    QCoreApplication.installTranslator(translator)
    try:
        from desktop.ui.queues.corrections_page import CorrectionsPage
        from desktop.ui.queues.crosscheck_page import CrossCheckPage

        page = CrossCheckPage(town_a)
        qtbot.addWidget(page)
        assert page.title() == "协查"
        assert page.tabs.tabText(1) == "发出的协查(&O)"
        assert page.outgoing_model.headerData(0, Qt.Orientation.Horizontal) == "状态"
        corrections_page = CorrectionsPage(town_a)
        qtbot.addWidget(corrections_page)
        assert corrections_page.title() == "纠错"
    finally:
        QCoreApplication.removeTranslator(translator)
