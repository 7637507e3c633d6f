"""Regenerate the shipped .xlsx form packs from their reviewable .md sources.

The .md files in resources/forms/ are the source of truth (diffable in review); the .xlsx files
are what a county officer opens in Excel or WPS and what the app loads. A test checks that each
pair gives the same form definition, so a forgotten rebuild fails the tests.

    python scripts/build_forms.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from pyxform.xls2json_backends import md_table_to_workbook

FORMS = Path(__file__).resolve().parent.parent / "resources" / "forms"


def build(source: Path) -> Path:
    workbook = md_table_to_workbook(source.read_text(encoding="utf-8"))
    target = source.with_suffix(".xlsx")
    workbook.save(target)
    return target


def main() -> int:
    for source in sorted(FORMS.glob("*.md")):
        print(f"{source.name} -> {build(source).name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
