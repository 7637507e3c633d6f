"""Prove that the Windows build can be made: every runtime dependency (and PyInstaller, which the
build needs) resolves to wheels for Windows x64 on the Python the build targets, with nothing to
compile. Installs nothing: pip resolves with --dry-run into a throw-away target.

    python scripts/check_windows_wheels.py [--python-version 3.11]

Exit 0 with the resolved list; non-zero (pip's own message) when some package has no such wheel.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLATFORM = "win_amd64"


def requirements() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [*project["dependencies"], *project["optional-dependencies"]["build"]]


def windows_environment(python_version: str) -> dict:
    return {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt",
            "platform_machine": "AMD64", "implementation_name": "cpython",
            "platform_python_implementation": "CPython", "python_version": python_version,
            "python_full_version": f"{python_version}.0", "extra": ""}


def resolve(requirements: list[str], python_version: str, scratch: Path) -> tuple[int, list[dict]]:
    report = scratch / "report.json"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--quiet", "--ignore-installed",
         "--target", str(scratch / "target"), "--platform", PLATFORM, "--python-version", python_version,
         "--implementation", "cp", "--only-binary=:all:", "--report", str(report), *requirements])
    return done.returncode, (json.loads(report.read_text(encoding="utf-8"))["install"] if not done.returncode else [])


def windows_only(resolved: list[dict], python_version: str) -> set[str]:
    """Requirements pip skipped because their markers are false here (pip evaluates markers for
    the running machine even with --platform): PyInstaller's pefile and pywin32-ctypes, say."""
    try:
        from packaging.requirements import Requirement
    except ImportError:
        from pip._vendor.packaging.requirements import Requirement
    windows, here = windows_environment(python_version), {}
    found = set()
    for item in resolved:
        for line in item["metadata"].get("requires_dist", []):
            requirement = Requirement(line)
            if requirement.marker and requirement.marker.evaluate(windows) \
                    and not requirement.marker.evaluate(here):
                found.add(str(requirement).split(";")[0].strip())
    return found


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python-version", default="3.11", help="the Python the Windows build uses (docs/PACKAGING.md)")
    args = parser.parse_args(argv)
    wanted = requirements()
    with tempfile.TemporaryDirectory() as scratch:
        while True:
            code, resolved = resolve(wanted, args.python_version, Path(scratch))
            if code:
                print(f"some dependency has no {PLATFORM} wheel for Python {args.python_version} (above)",
                      file=sys.stderr)
                return code
            extra = windows_only(resolved, args.python_version) - set(wanted)
            if not extra:
                break
            wanted += sorted(extra)
    for item in sorted(resolved, key=lambda i: i["metadata"]["name"].lower()):
        print(f"{item['metadata']['name']}=={item['metadata']['version']}  {item['download_info']['url'].rsplit('/', 1)[-1]}")
    print(f"{len(resolved)} packages resolve to {PLATFORM} wheels for Python {args.python_version}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
