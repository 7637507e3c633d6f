"""docs/SYNC.md's hand-check commands, run exactly as written, accept a real bundle and refuse a
changed one: an officer with stock tools reaches the same verdict as the program."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from desktop.core.sync import bundle, container, sshsig
from desktop.core.sync.keys import AGE_IDENTITY_FILE
from tests.core.sync.helpers import decode_payload

DOC = Path(__file__).resolve().parents[3] / "docs" / "SYNC.md"
TOWNSHIP = "131025100"


def documented_commands() -> str:
    text = DOC.read_text("utf-8")
    block = re.search(r"<!-- stock-check:begin -->\s*```sh\n(.*?)```\s*<!-- stock-check:end -->", text, re.S)
    assert block, "docs/SYNC.md lost its stock-check block"
    return block.group(1)


def _run(tmp_path, bundle_path, allowed, identity):
    env = {**os.environ, "BUNDLE": str(bundle_path), "ALLOWED_SIGNERS": str(allowed), "SENDER": TOWNSHIP,
           "AGE_IDENTITY": str(identity)}
    return subprocess.run(["bash", "-euo", "pipefail", "-c", documented_commands()], cwd=tmp_path, env=env,
                          capture_output=True, text=True)


@pytest.fixture
def setup(tmp_path, small_bundle, trusted, township_keys, county_keys, key_root):
    path = bundle.write_bundle_file(tmp_path, small_bundle, trusted)
    allowed = tmp_path / "allowed_signers"
    allowed.write_text(sshsig.allowed_signers_line(TOWNSHIP, township_keys.public().openssh()) + "\n")
    return path, allowed, key_root / "county" / AGE_IDENTITY_FILE


def test_documented_commands_check_a_real_bundle(tmp_path, setup, small_bundle, county_keys, trusted):
    path, allowed, identity = setup
    result = _run(tmp_path, path, allowed, identity)
    assert result.returncode == 0, result.stderr
    assert f'Good "{sshsig.BUNDLE_NAMESPACE}" signature for {TOWNSHIP}' in result.stdout + result.stderr
    work = tmp_path / "bundle-check"
    manifest = json.loads((work / "manifest.json").read_text())
    expected = manifest["members"]["payload.age"]
    assert f"{expected['sha256']}  payload.age" in result.stdout
    assert f"\n{expected['length']}\n" in result.stdout
    assert hashlib.sha256((work / "payload.age").read_bytes()).hexdigest() == expected["sha256"]
    opened = bundle.open_bundle(small_bundle, trusted, county_keys.all_age_identities())
    assert decode_payload(gzip.compress((work / "payload.jsonl").read_bytes()), bundle.KIND_DATA) == opened.payload


def test_documented_commands_fail_on_a_changed_manifest(tmp_path, setup):
    path, allowed, identity = setup
    members = container.read_container(path.read_bytes(), bundle.MEMBERS)
    members["manifest.json"] = members["manifest.json"].replace(b'"sequence": 1', b'"sequence": 7')
    path.write_bytes(container.write_container([(name, members[name]) for name in bundle.MEMBERS]))
    result = _run(tmp_path, path, allowed, identity)
    assert result.returncode != 0
    assert b'"sequence": 7' in (tmp_path / "bundle-check" / "manifest.json").read_bytes()  # unzip worked
    assert "Good" not in result.stdout + result.stderr


def test_documented_commands_fail_for_another_sender(tmp_path, setup, other_township_keys):
    path, allowed, identity = setup
    allowed.write_text(sshsig.allowed_signers_line(TOWNSHIP, other_township_keys.public().openssh()) + "\n")
    assert _run(tmp_path, path, allowed, identity).returncode != 0
