"""Regenerate the shipped .xlsx form packs from their reviewable .md sources.

The .md files in resources/forms/ are the source of truth (diffable in review); the .xlsx files
are what a county officer opens in Excel or WPS and what the app loads. A test checks that each
pair gives the same form definition, so a forgotten rebuild fails the tests. Then the shipped
forms' keys (resources/forms/form_keys.json: desktop.core.forms.keys_cache), which a test also
checks against the loaded forms.

    python scripts/build_forms.py           # every .xlsx from its .md, then the keys
    python scripts/build_forms.py --keys    # the keys alone (the .xlsx files as they are)
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


def keep_keys() -> Path:
    sys.path.insert(0, str(FORMS.parent.parent))
    from desktop.core.forms import keys_cache
    from desktop.core.forms.registry import FormRegistry

    return keys_cache.write_shipped(keys_cache.summarise(FormRegistry()))


def main() -> int:
    if sys.argv[1:] == ["--keys"]:
        print(f"keys -> {keep_keys().name}")
        return 0
    for source in sorted(FORMS.glob("*.md")):
        print(f"{source.name} -> {build(source).name}")
    print(f"keys -> {keep_keys().name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
