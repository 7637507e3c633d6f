"""The GUI's Qt Linguist catalogues: one per UI area, resources/translations/<area>_zh_CN.ts (+ .qm).

    python scripts/translations.py update [AREA ...]    refresh the .ts files from desktop/ui/<area>/
                                                       (existing translations kept, vanished ones
                                                       dropped); lists what still needs Chinese
    python scripts/translations.py release [AREA ...]  compile the .ts files into the .qm files the
                                                       app loads (desktop/ui/shell/locale_setup.py)
    python scripts/translations.py check               exit 1 when a catalogue is out of date with its
                                                       sources, lacks Chinese, or its .qm is stale

Translate new entries in pyside6-linguist between `update` and `release`. The Qt tools are found
next to this Python (a virtualenv's bin/ or Scripts\\) or on PATH.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "desktop" / "ui"
CATALOGUES = ROOT / "resources" / "translations"
AREAS = ("shell", "entry", "sync", "queues", "reports", "admin")
LANGUAGE = "zh_CN"


def ts_path(area: str) -> Path:
    return CATALOGUES / f"{area}_{LANGUAGE}.ts"


def qm_path(area: str) -> Path:
    return CATALOGUES / f"{area}_{LANGUAGE}.qm"


def sources(area: str) -> list[Path]:
    return sorted(path for path in (UI / area).glob("*.py") if path.name != "__init__.py")


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease: beside the running Python first, then on PATH."""
    folder = Path(sys.executable).parent
    for candidate in (folder / name, folder / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6 (pip install -e '.[test]') in this Python")
    return found


def lupdate(area: str, target: Path) -> None:
    subprocess.run([tool("pyside6-lupdate"), *map(str, sources(area)), "-no-obsolete", "-locations", "none",
                    "-source-language", "en", "-target-language", LANGUAGE, "-ts", str(target)],
                   check=True, capture_output=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True)


def messages(ts: Path) -> dict[tuple[str, str, str], ET.Element]:
    """(context, source, comment) -> the <translation> element."""
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            found[(name, message.findtext("source"), message.findtext("comment") or "")] = message.find("translation")
    return found


def translated(translation: ET.Element | None) -> bool:
    if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
        return False
    forms = translation.findall("numerusform")
    return all((f.text or "").strip() for f in forms) if forms else bool((translation.text or "").strip())


def untranslated(ts: Path) -> list[str]:
    return [f"{context}: {source}" for (context, source, _), translation in messages(ts).items()
            if not translated(translation)]


def update(areas) -> int:
    missing = []
    for area in areas:
        lupdate(area, ts_path(area))
        missing += [f"{area}: {line}" for line in untranslated(ts_path(area))]
    for line in missing:
        print("needs Chinese:", line)
    return 1 if missing else 0


def release(areas) -> int:
    for area in areas:
        lrelease(ts_path(area), qm_path(area))
    return 0


def stray_files() -> list[str]:
    """Catalogue files that belong to no UI area, and areas without their files."""
    shipped = {path.name for path in CATALOGUES.glob(f"*_{LANGUAGE}.*")}
    expected = {p.name for area in AREAS for p in (ts_path(area), qm_path(area))}
    return ([f"{name}: not a UI area's catalogue" for name in sorted(shipped - expected)]
            + [f"{name}: missing" for name in sorted(expected - shipped)])


def area_problems(area: str) -> list[str]:
    """What keeps an area's committed catalogue from being what `update` + `release` make of it:
    strings added or gone in its sources, entries without Chinese, a .qm not built from the .ts."""
    ts, qm = ts_path(area), qm_path(area)
    if not ts.exists():
        return [f"{ts.name}: missing"]
    found = []
    with tempfile.TemporaryDirectory() as scratch:
        fresh = Path(scratch) / ts.name
        shutil.copy(ts, fresh)
        lupdate(area, fresh)
        if set(messages(fresh)) != set(messages(ts)):
            found.append(f"{ts.name}: out of date with desktop/ui/{area}/ (run update)")
        found += [f"{ts.name}: needs Chinese: {line}" for line in untranslated(ts)]
        built = Path(scratch) / qm.name
        lrelease(ts, built)
        if not qm.exists() or built.read_bytes() != qm.read_bytes():
            found.append(f"{qm.name}: not built from {ts.name} (run release)")
    return found


def problems() -> list[str]:
    return [*stray_files(), *(line for area in AREAS for line in area_problems(area))]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("update", "release"):
        command = commands.add_parser(name)
        command.add_argument("areas", nargs="*", metavar="AREA", help=f"one of {', '.join(AREAS)} (default: all)")
    commands.add_parser("check")
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    unknown = [area for area in getattr(args, "areas", []) if area not in AREAS]
    if unknown:
        parser.error(f"not a UI area: {', '.join(unknown)} (areas: {', '.join(AREAS)})")
    if args.command == "check":
        found = problems()
        for line in found:
            print(line)
        return 1 if found else 0
    return update(args.areas or AREAS) if args.command == "update" else release(args.areas or AREAS)


if __name__ == "__main__":
    sys.exit(main())
