"""Chinese for the cross-check and corrections pages: complete, compiled, and loaded by Qt."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator

from tests.conftest import ROOT

TS = ROOT / "resources" / "translations" / "crosscheck_zh_CN.ts"
QM = TS.with_suffix(".qm")
UI_FILES = ["crosscheck_models.py", "crosscheck_dialogs.py", "crosscheck_page.py", "corrections_page.py"]


def sources(path: Path) -> dict[tuple[str, str], str | None]:
    found = {}
    for context in ET.parse(path).getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            done = translation is not None and translation.get("type") != "unfinished" and translation.text
            found[(context.findtext("name"), message.findtext("source"))] = translation.text if done else None
    return found


def test_every_string_has_chinese_and_the_ts_is_current(tmp_path):
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists():
        lupdate = shutil.which("pyside6-lupdate")
    if not lupdate:
        pytest.skip("pyside6-lupdate is not installed")
    fresh = tmp_path / "fresh.ts"
    subprocess.run([str(lupdate), *[str(ROOT / "desktop" / "ui" / "queues" / name) for name in UI_FILES],
                    "-source-language", "en", "-target-language", "zh_CN", "-ts", str(fresh)],
                   check=True, capture_output=True)
    committed = sources(TS)
    assert set(sources(fresh)) == set(committed), "run lupdate and scripts/fill_translations.py with scripts/crosscheck_zh_table.py"
    assert [key for key, text in committed.items() if not text] == []
    assert QM.stat().st_mtime_ns >= 0 and QM.stat().st_size > 1000


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
