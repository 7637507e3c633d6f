"""Export failures: a killed export leaves no file with a final bundle name and the next one
succeeds; a read-only or full target gives a clear message and nothing is marked sent."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time

import pytest

from desktop.core.errors import UserError
from desktop.core.sync import bundle, outgoing, trust
from desktop.core.workspace.workspace import Workspace
from tests.core.sync.helpers import PASSWORD, TOWNSHIPS, add_people, make_sites, resident_id

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


@pytest.fixture
def township_with_records(tmp_path):
    """Enrolled sites whose township holds 300 records (built once per test process, then copied)."""
    from tests.helpers.workspaces import cached

    def build(root):
        _, townships = make_sites(root, TOWNSHIPS[:1])
        with Workspace.open(townships[TOWNSHIPS[0]]) as township:
            add_people(township, [{"name": f"人{i}", "id_number": resident_id(i, birth=f"1980{1 + i // 28 % 12:02d}{1 + i % 28:02d}")}
                                  for i in range(300)])

    cached(("sites with 300 records",), build, tmp_path)
    return tmp_path / TOWNSHIPS[0]


def _sent(folder) -> int:
    with Workspace.open(folder) as township:
        return township.db.execute("SELECT count(*) FROM sync_sent").fetchone()[0]


@pytest.mark.parametrize("failure", [errno.EROFS, errno.ENOSPC, errno.EACCES])
def test_unwritable_target_gives_clear_message_and_marks_nothing_sent(township_with_records, tmp_path, monkeypatch,
                                                                      failure):
    target = tmp_path / "stick"
    target.mkdir()
    real_replace = os.replace

    def refuse(*args, **kwargs):
        raise OSError(failure, os.strerror(failure))

    with Workspace.open(township_with_records) as township:
        monkeypatch.setattr(os, "fsync" if failure == errno.ENOSPC else "replace", refuse)
        with pytest.raises(UserError) as caught:
            outgoing.export_township(township.db, township.paths, target)
        monkeypatch.setattr(os, "replace", real_replace)
        monkeypatch.undo()
        assert caught.value.code in {"read-only", "disk-full", "no-permission"}
        assert caught.value.text.zh
        assert township.db.execute("SELECT count(*) FROM sync_sent").fetchone()[0] == 0
        assert list(target.iterdir()) == []
        written = outgoing.export_township(township.db, township.paths, target)
        assert written.sequence == 1


def test_missing_target_folder(township_with_records, tmp_path):
    with Workspace.open(township_with_records) as township:
        with pytest.raises(UserError) as caught:
            outgoing.export_township(township.db, township.paths, tmp_path / "unplugged")
        assert caught.value.code == "missing-folder"
    assert _sent(township_with_records) == 0


def _final_files(folder):
    return sorted(p for p in folder.iterdir() if bundle.parse_bundle_file_name(p.name))


def _kill_exports(folder, target, delays):
    env = {**os.environ, "TOWNSHIP_PASSWORD": PASSWORD, "TOWNSHIP_LANG": "en", "PYTHONPATH": ROOT}
    for delay in delays:
        process = subprocess.Popen([sys.executable, "-m", "desktop", "export", "--data-dir", str(folder),
                                    "--to", str(target)], env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        with Workspace.open(folder) as township:
            keys = trust.install_keys(township.paths)
            trusted = trust.trusted_keys(township.db, keys, "township", township.township)
            for path in _final_files(target):  # anything with a final name must be whole and valid
                bundle.verify_bundle(path.read_bytes(), trusted)
            sent = township.db.execute("SELECT file_name FROM sync_sent").fetchall()
            for (name,) in sent:  # whatever the database calls sent is on the stick
                assert (target / name).is_file()


def test_killed_export_leaves_no_final_named_partial_file(township_with_records, tmp_path):
    target = tmp_path / "stick"
    target.mkdir()
    _kill_exports(township_with_records, target, [0.3, 0.6, 0.9, 1.2])
    with Workspace.open(township_with_records) as township:
        written = outgoing.export_township(township.db, township.paths, target)
        assert written is not None or township.db.execute("SELECT count(*) FROM sync_sent").fetchone()[0] > 0
    assert not [p for p in target.iterdir() if p.name.endswith(".part")]


@pytest.mark.slow
def test_killed_export_loop(township_with_records, tmp_path):
    target = tmp_path / "stick"
    target.mkdir()
    _kill_exports(township_with_records, target, [0.05 * i for i in range(1, 40)])
    with Workspace.open(township_with_records) as township:
        outgoing.export_township(township.db, township.paths, target)
