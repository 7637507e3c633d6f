"""Fill the unfinished entries of a Qt Linguist .ts file from a Python dict {English: Chinese}.

    python scripts/fill_translations.py resources/translations/syncgui_zh_CN.ts TABLE.py

TABLE.py defines ZH (scripts/syncgui_zh_table.py, scripts/crosscheck_zh_table.py). Entries already
translated are left alone; the script lists any source text the table lacks (translate those in
pyside6-linguist or add them to the table)."""

from __future__ import annotations

import runpy
import sys
import xml.etree.ElementTree as ET


def fill(ts_path: str, table: dict[str, str]) -> list[str]:
    tree = ET.parse(ts_path)
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.find("source").text
        translation = message.find("translation")
        if translation.get("type") in ("vanished", "obsolete") or translation.find("numerusform") is not None:
            continue  # plural forms (%n) are translated in pyside6-linguist
        if translation.get("type") == "unfinished" or not (translation.text or "").strip():
            if source in table:
                translation.text = table[source]
                translation.attrib.pop("type", None)
            else:
                missing.append(source)
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    return missing


if __name__ == "__main__":
    missing = fill(sys.argv[1], runpy.run_path(sys.argv[2])["ZH"])
    for source in missing:
        print("untranslated:", source)
    sys.exit(1 if missing else 0)
