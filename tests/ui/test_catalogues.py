"""The shipped Qt Linguist catalogues: one per UI area, each current with its sources, complete in
Chinese, and its .qm built from its .ts (scripts/translations.py makes and checks them)."""

from __future__ import annotations

import importlib.util
import shutil

import pytest

from tests.conftest import ROOT

spec = importlib.util.spec_from_file_location("translations_tool", ROOT / "scripts" / "translations.py")
translations = importlib.util.module_from_spec(spec)
spec.loader.exec_module(translations)


def test_one_catalogue_per_ui_area_and_nothing_else():
    areas = sorted(p.name for p in (ROOT / "desktop" / "ui").iterdir() if (p / "__init__.py").exists())
    assert sorted(translations.AREAS) == areas
    assert translations.stray_files() == []


@pytest.mark.parametrize("area", translations.AREAS)
def test_catalogue_is_current_complete_and_compiled(area):
    assert translations.area_problems(area) == []


def test_a_stale_qm_or_a_new_string_is_caught(tmp_path, monkeypatch):
    for name in ("reports_zh_CN.ts", "reports_zh_CN.qm"):
        shutil.copy(translations.CATALOGUES / name, tmp_path / name)
    monkeypatch.setattr(translations, "CATALOGUES", tmp_path)
    assert translations.area_problems("reports") == []
    text = (tmp_path / "reports_zh_CN.ts").read_text(encoding="utf-8")
    (tmp_path / "reports_zh_CN.ts").write_text(text.replace("月份(&amp;M)：", "月(&amp;M)："), encoding="utf-8")
    assert translations.area_problems("reports") == ["reports_zh_CN.qm: not built from reports_zh_CN.ts (run release)"]
    ui = tmp_path / "ui" / "reports"
    ui.mkdir(parents=True)
    source = (ROOT / "desktop" / "ui" / "reports" / "reports_page.py").read_text(encoding="utf-8")
    (ui / "reports_page.py").write_text(source.replace('self.tr("&Month:")', 'self.tr("&Period:")'),
                                        encoding="utf-8")
    monkeypatch.setattr(translations, "UI", tmp_path / "ui")
    assert "reports_zh_CN.ts: out of date with desktop/ui/reports/ (run update)" in translations.area_problems("reports")


def test_the_tool_names_an_unknown_area(capsys):
    with pytest.raises(SystemExit):
        translations.main(["release", "formview"])
    assert "not a UI area: formview" in capsys.readouterr().err

