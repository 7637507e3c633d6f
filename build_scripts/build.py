"""Build the one-folder frozen app, smoke-test it headless and report its size.

    python build_scripts/build.py            build dist/township/, run its --self-test
    python build_scripts/build.py --bare     also build dist/bare_window/ (start-up benchmark baseline)

Runs PyInstaller on build_scripts/township.spec, then `dist/township/township --self-test` with
QT_QPA_PLATFORM=offscreen. Fails (exit 1) if the build or the self-test fails, or if the folder
is over the size budget (150 MB, docs/PERFORMANCE.md). Writes build/build-report.json with the
size and timings, which the benchmarks and docs/PACKAGING.md quote.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
REPORT = ROOT / "build" / "build-report.json"
SIZE_BUDGET_MB = 150
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def largest_files(folder: Path, count: int = 12) -> list[tuple[int, str]]:
    sizes = [(p.stat().st_size, str(p.relative_to(folder))) for p in folder.rglob("*")
             if p.is_file() and not p.is_symlink()]
    return sorted(sizes, reverse=True)[:count]


def run_pyinstaller(spec: str, clean: bool) -> float:
    started = time.perf_counter()
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(DIST), "--workpath", str(WORK), str(ROOT / "build_scripts" / spec)]
    if clean:
        command.insert(3, "--clean")
    print("+", " ".join(command), flush=True)
    subprocess.run(command, check=True, cwd=ROOT)
    return time.perf_counter() - started


def self_test(executable: Path) -> tuple[int, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TOWNSHIP_LANG": "en"}
    env.pop("TOWNSHIP_DATA_DIR", None)
    env.pop("PYTHONPATH", None)   # the frozen app must stand on its own
    started = time.perf_counter()
    result = subprocess.run([str(executable), "--self-test"], env=env, cwd=executable.parent.parent,
                            timeout=600)
    return result.returncode, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bare", action="store_true",
                        help="also build the bare PySide6 window the start-up benchmark compares against")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument("--skip-build", action="store_true", help="only smoke-test and measure dist/township")
    args = parser.parse_args(argv)

    build_seconds = 0.0 if args.skip_build else run_pyinstaller("township.spec", args.clean)
    bare_seconds = run_pyinstaller("bare_window.spec", args.clean) if args.bare else None
    folder = DIST / "township"
    executable = folder / f"township{EXE_SUFFIX}"
    size = folder_size(folder)
    print(f"\nbuilt {folder} in {build_seconds:.0f} s: {size / 2**20:.1f} MB "
          f"(budget {SIZE_BUDGET_MB} MB); largest files:")
    for file_size, name in largest_files(folder):
        print(f"  {file_size / 2**20:7.1f} MB  {name}")

    print(f"\nsmoke test: {executable} --self-test", flush=True)
    code, test_seconds = self_test(executable)
    report = {
        "platform": platform.platform(), "python": platform.python_version(),
        "size_bytes": size, "size_mb": round(size / 2**20, 1), "size_budget_mb": SIZE_BUDGET_MB,
        "build_seconds": round(build_seconds, 1), "self_test_seconds": round(test_seconds, 2),
        "self_test_exit": code,
        "bare_build_seconds": None if bare_seconds is None else round(bare_seconds, 1),
        "bare_size_mb": (round(folder_size(DIST / "bare_window") / 2**20, 1)
                         if (DIST / "bare_window").is_dir() else None),
    }
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nbuild report ({REPORT.relative_to(ROOT)}): {json.dumps(report)}")
    failures = []
    if code != 0:
        failures.append(f"the frozen app's self-test failed (exit {code})")
    if size > SIZE_BUDGET_MB * 2**20:
        failures.append(f"the folder is {size / 2**20:.1f} MB, over the {SIZE_BUDGET_MB} MB budget")
    for failure in failures:
        print(f"build: FAILED: {failure}", file=sys.stderr)
    if not failures:
        print(f"build: ok - {size / 2**20:.1f} MB, self-test passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
