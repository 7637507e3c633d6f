"""docs/ARCHITECTURE.md's map follows the tree: every package folder under desktop/ is in it, each
module directly in a core or ui folder is named there, and everything it names exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAP_ENTRY = re.compile(r"^( *)([A-Za-z_][\w.]*/?)(?:\s{2,}|$)")


def map_entries() -> set[str]:
    """The paths the map names, built from its indentation (two spaces a level)."""
    text = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    block = text.split("```\ndesktop/\n", 1)[1].split("```", 1)[0]
    entries, stack = {"desktop/"}, ["desktop/"]
    for line in block.splitlines():
        match = MAP_ENTRY.match(line)
        if not match or len(match.group(1)) % 2:
            continue
        depth = len(match.group(1)) // 2
        if depth > len(stack):        # a continuation line of a description
            continue
        stack = stack[:depth]
        path = "".join(stack) + match.group(2)
        entries.add(path)
        if path.endswith("/"):
            stack.append(match.group(2))
    return entries


def package_folders() -> set[str]:
    return {path.relative_to(ROOT).as_posix() + "/" for path in (ROOT / "desktop").rglob("*")
            if path.is_dir() and (path / "__init__.py").exists() and "migrations" not in path.parts}


def test_every_package_folder_is_on_the_map():
    missing = sorted(package_folders() - map_entries())
    assert not missing, f"folders missing from docs/ARCHITECTURE.md's map: {missing}"


def test_everything_on_the_map_exists():
    gone = sorted(entry for entry in map_entries() if not (ROOT / entry.rstrip("/")).exists())
    assert not gone, f"docs/ARCHITECTURE.md's map names what is not in the tree: {gone}"


def test_top_level_modules_of_core_ui_and_their_areas_are_named():
    named = map_entries()
    folders = [ROOT / "desktop" / "core", ROOT / "desktop" / "core" / "store", ROOT / "desktop" / "core" / "entry",
               ROOT / "desktop" / "core" / "workspace", ROOT / "desktop" / "core" / "exchange", ROOT / "desktop" / "startup"]
    unnamed = sorted(path.relative_to(ROOT).as_posix() for folder in folders for path in folder.glob("*.py")
                     if path.name != "__init__.py" and path.relative_to(ROOT).as_posix() not in named)
    assert not unnamed, f"modules missing from docs/ARCHITECTURE.md's map: {unnamed}"


def test_the_map_reader_sees_nesting():
    entries = map_entries()
    assert {"desktop/core/", "desktop/core/store/", "desktop/core/store/records.py", "desktop/ui/shell/"} <= entries
