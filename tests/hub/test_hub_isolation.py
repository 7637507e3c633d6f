"""The hub stays out of the desktop app: only the `township hub` command imports desktop.hub, nothing
of the app imports the hub's stack (aiohttp, psycopg), and the frozen build excludes all three. And
`township hub` without the extra is one line telling what to install, not a traceback."""

from __future__ import annotations

import ast
import sys

from tests.conftest import ROOT

HUB_ONLY = ("desktop.hub", "aiohttp", "psycopg")
ALLOWED = {"desktop/cli/hub_cmd.py"}


def _imported(path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_only_the_hub_command_imports_the_hub_or_its_stack():
    offenders = []
    for path in sorted((ROOT / "desktop").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith("desktop/hub/") or relative in ALLOWED:
            continue
        hits = sorted(name for name in _imported(path)
                      if any(name == top or name.startswith(top + ".") for top in HUB_ONLY))
        if hits:
            offenders.append(f"{relative}: {hits}")
    assert not offenders, "the desktop app imports the hub: " + "; ".join(offenders)


def test_the_frozen_build_leaves_the_hub_out():
    sys.path.insert(0, str(ROOT / "build_scripts"))
    try:
        import trim
    finally:
        sys.path.remove(str(ROOT / "build_scripts"))
    assert set(HUB_ONLY) | {"psycopg_binary"} <= set(trim.UNUSED_PACKAGES)


def test_without_the_extra_the_command_says_what_to_install(cli, monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "psycopg", None)   # as in a build without it: import fails
    for name in [name for name in sys.modules if name.startswith("desktop.hub")]:
        monkeypatch.delitem(sys.modules, name)
    result = cli("hub", "init", "--db", "postgresql://x@/y", "--province", "13", "--keys", tmp_path / "keys")
    assert result.code == 1
    assert "pip install 'township-desk[hub]'" in result.err and len(result.err.splitlines()) == 1
