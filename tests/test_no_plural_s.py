"""English plurals read "1 record", "2 records", never "record(s)": no user-facing string of the
sources (Qt tr() strings, the core's Text messages, the printed reports' words) nor of the
translation catalogues carries "(s)"."""

from __future__ import annotations

import re
from pathlib import Path

from desktop.core.i18n import Text, plural

ROOT = Path(__file__).resolve().parent.parent
# a string literal holding a word directly followed by "(s)"
PLURAL_S = re.compile(r"""["'][^"'\n]*\w\(s\)[^"'\n]*["']""")


def test_no_source_string_says_s_in_brackets():
    found = []
    for path in sorted((ROOT / "desktop").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if PLURAL_S.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == []


def test_no_catalogue_source_says_s_in_brackets():
    found = []
    for path in sorted((ROOT / "resources" / "translations").glob("*.ts")):
        for source in re.findall(r"<source>([^<]*)</source>", path.read_text(encoding="utf-8")):
            if re.search(r"\w\(s\)", source):
                found.append(f"{path.name}: {source}")
    assert found == []


def test_the_grep_finds_what_it_looks_for():
    assert PLURAL_S.search('print(Text("{n} record(s)", "共 {n} 条记录"))')
    assert not PLURAL_S.search("instances.append({_step_name(s): inner[_step_name(s)] for s in step.steps})")


def test_plural_words():
    assert plural(1, "record") == "1 record" and plural(2, "record") == "2 records"
    assert plural(0, "entry", "entries") == "0 entries"
    assert Text.counted(1, "1 page", "{n} pages", "共 {n} 页").en == "1 page"
    assert Text.counted(3, "1 page", "{n} pages", "共 {n} 页") == Text("3 pages", "共 3 页")
