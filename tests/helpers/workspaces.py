"""Set-up data folders for tests, built once per test process and copied for each test.

Setting up an installation hashes a password with Argon2id and writes a migrated database; sites
with keys also generate and exchange key pairs. Doing that for every test is most of the fixture
time, so the first request for a kind of folder builds it in a template folder and every request
(the first included) gets a copy of the files. The template's key includes TOWNSHIP_FAKE_NOW, so
a folder set up under a faked clock carries that clock's time stamps.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

PASSWORD = "test-password"

_templates: dict[tuple, Path] = {}
_root: Path | None = None


def _template_root() -> Path:
    global _root
    if _root is None:
        _root = Path(tempfile.mkdtemp(prefix="township-test-templates-"))
        atexit.register(shutil.rmtree, _root, True)
    return _root


def _copy(template: Path, target: Path) -> Path:
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    # the template's log file says how the template was built, not what this test did
    shutil.copytree(template, target, ignore=shutil.ignore_patterns("township.log*"), dirs_exist_ok=True)
    return target


def cached(key: tuple, build, target: Path) -> Path:
    """Copy the template named `key` to `target`, building it first with build(folder) if needed."""
    key = (*key, os.environ.get("TOWNSHIP_FAKE_NOW"))
    template = _templates.get(key)
    if template is None:
        # a folder of its own: a build may itself copy a template (sites with records, say)
        template = Path(tempfile.mkdtemp(dir=_template_root())) / "template"
        build(template)
        _templates[key] = template
    return _copy(template, target)


def set_up_folder(path, *, role: str, code: str, clerk: str, password: str = PASSWORD,
                  language: str | None = None, keys: bool = False) -> Path:
    """A data folder at `path` as initialise() leaves it (closed); with `keys`, as `township init`
    leaves it without a county pack (its own sync keys made)."""
    from desktop.core.workspace.setup import initialise

    def build(folder):
        with initialise(folder, role=role, code=code, clerk=clerk, password=password,
                        language=language) as workspace:
            if keys:
                from desktop.core.sync.trust import setup_install

                setup_install(workspace.db, workspace.paths, None)

    return cached(("folder", role, code, clerk, password, language, keys), build, path)


def set_up(path, *, role: str, code: str, clerk: str, password: str = PASSWORD,
           language: str | None = None):
    """What initialise() returns: the folder at `path`, open, with its admin clerk signed in."""
    from desktop.core.workspace.workspace import Workspace

    set_up_folder(path, role=role, code=code, clerk=clerk, password=password, language=language)
    workspace = Workspace.open(path)
    workspace.clerk, workspace.clerk_role = clerk, "admin"
    return workspace
