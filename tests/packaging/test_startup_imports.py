"""The path to the first window stays light: heavy libraries load when first used, not at start.

pypinyin's dictionaries (about 0.2 s and 60 MB) and cryptography (Argon2id, about 0.07 s) used to
load with the command line and the store; the start-up benchmark (docs/PERFORMANCE.md) found them.
This test keeps them out of what every start imports, without timing anything.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT

HEAVY = ("pypinyin", "cryptography", "pyrage", "pyxform", "openpyxl", "segno")


def modules_after(code: str) -> set[str]:
    script = code + "\nimport json, sys; print(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, cwd=ROOT)
    return set(json.loads(result.stdout.splitlines()[-1]))


def test_starting_the_app_does_not_load_heavy_libraries(township_dir):
    loaded = modules_after(
        "import desktop.cli\n"
        "desktop.cli.build_parser()\n"
        "from desktop.core.workspace import Workspace\n"
        f"Workspace.open({str(township_dir)!r}).close()\n")
    early = sorted(name for name in loaded if name.split(".")[0] in HEAVY)
    assert not early, f"loaded before the first window: {early}"


def test_saving_still_builds_pinyin_search_text(township):
    from desktop.core import records

    saved = records.save(township.db, form_id="f", form_version="1", township="131025100",
                         values={"name": "张三"}, clerk="王丽")
    assert "zs" in saved.search_text.split()
