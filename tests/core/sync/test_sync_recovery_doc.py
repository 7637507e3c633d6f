"""docs/SYNC.md's "Recovery" section, run as written: each block of shell commands between its
`recovery:NAME` markers, with a county and two townships enrolled (real keys, real bundles, temp
folders). Variables and globs are expanded as the shell would; `township` is the CLI's main, in
this process. After each block every site is in step and no record a clerk entered is lost."""

from __future__ import annotations

import glob
import json
import os
import re
import shlex
from pathlib import Path

import pytest

from desktop.core.workspace.workspace import Workspace
from tests.conftest import ROOT, complete_record
from tests.core.sync.helpers import TOWNSHIPS, resident_id
from tests.core.sync.test_sync_cli_end_to_end import _setup

A, B = TOWNSHIPS
DOC = ROOT / "docs" / "SYNC.md"
BLOCK = re.compile(r"<!-- recovery:([a-z-]+):begin -->\n```sh\n(.*?)```\n<!-- recovery:\1:end -->", re.DOTALL)
PEOPLE = {"a1": (A, 3), "a2": (A, 2), "a3": (A, 1), "b1": (B, 2), "b2": (B, 1)}


def blocks() -> dict[str, str]:
    return {name: body for name, body in BLOCK.findall(DOC.read_text(encoding="utf-8"))}


def test_the_section_has_every_recovery_path():
    assert set(blocks()) == {"county-before-acks", "county-after-acks", "township-restore", "new-pc"}


def _people(folder: Path) -> dict[str, list[str]]:
    """The records files the blocks add, and the ID numbers in each."""
    folder.mkdir()
    serial, expected = 0, {}
    for name, (code, count) in PEOPLE.items():
        people = []
        for _ in range(count):
            serial += 1
            people.append(complete_record(resident_id(serial), "张" + "零一二三四五六七八九"[serial % 10],
                                          village=f"{code}001"))
        (folder / f"{name}.json").write_text(json.dumps(people, ensure_ascii=False), encoding="utf-8")
        expected[name] = [p["id_number"] for p in people]
    return expected


def _run(cli, script: str, env: dict[str, str]) -> set[str]:
    """Run each line; returns the records files it added (their records must all arrive)."""
    added = set()
    for line in script.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        words = []
        for word in shlex.split(line):
            word = re.sub(r"\$(\w+)", lambda m: env[m.group(1)], word)
            words += sorted(glob.glob(word)) or [word] if "*" in word else [word]
        if words[:2] == ["mkdir", "-p"]:
            for folder in words[2:]:
                Path(folder).mkdir(parents=True, exist_ok=True)
            continue
        assert words[0] == "township", f"only township commands in the recovery section: {line}"
        result = cli(*words[1:])
        assert result.code == 0, (line, result.out, result.err)
        if words[1:3] == ["records", "add"]:
            added.add(Path(words[-1]).stem)
    return added


def _ids(folder: Path, township: str) -> dict[str, tuple[str, int]]:
    with Workspace.open(folder) as workspace:
        return {row[0]: (row[1], row[2]) for row in workspace.db.execute(
            "SELECT json_extract(data, '$.id_number'), id, version FROM records WHERE township = ?", [township])}


@pytest.mark.allow_log("township.sync", "refused .*", level="WARNING")
@pytest.mark.parametrize("path", ["county-before-acks", "county-after-acks", "township-restore", "new-pc"])
def test_recovery_path_runs_as_written_and_converges(cli, tmp_path, path):
    stick, county, townships = _setup(cli, tmp_path)
    expected = _people(tmp_path / "people")
    env = {"COUNTY": str(county), "A": str(townships[A]), "B": str(townships[B]), "WORK": str(tmp_path),
           "PEOPLE": str(tmp_path / "people"), "A_NEW": str(tmp_path / "a-new-pc"), **os.environ}
    added = _run(cli, blocks()[path], env)
    sites = {A: Path(env["A_NEW"]) if path == "new-pc" else townships[A], B: townships[B]}
    for code, folder in sites.items():
        entered = {i for name in added if PEOPLE[name][0] == code for i in expected[name]}
        at_county, at_township = _ids(county, code), _ids(folder, code)
        assert set(at_county) == entered, (code, "county")          # nothing acknowledged is lost
        assert at_township == at_county, (code, "township")          # same records, same versions
        status = json.loads(cli("sync", "status", "--data-dir", folder, "--json").out)
        assert status["pending_records"] == 0 and status["pending_items"] == 0, (code, status)
