"""`township restore` of an encrypted backup in a fresh process, as a clerk runs it: the backup is
encrypted under the store's data key, which the process holds only once the store is unlocked, so
the backup is checked after the sign-in, not before (a fresh process holds no key before it)."""

from __future__ import annotations

from desktop.core.store.db import is_plain
from desktop.core.workspace.workspace import Workspace
from tests.conftest import run_township


def test_a_fresh_process_restores_an_encrypted_backup(township_dir, tmp_path):
    result = run_township("backup", "--data-dir", township_dir, "--to", tmp_path / "backups")
    assert result.returncode == 0, result.stderr
    [made] = (tmp_path / "backups").glob("*.db")   # beside it: its keyring copy
    assert not is_plain(made)   # encrypted like the store
    result = run_township("restore", "--data-dir", township_dir, made, "--clerk", "王丽")
    assert result.returncode == 0, result.stderr
    with Workspace.open(township_dir) as workspace:
        restores = workspace.db.execute("SELECT count(*) FROM audit WHERE event = 'restore'").fetchone()[0]
    assert restores == 1


def test_a_damaged_encrypted_backup_is_still_refused_in_a_fresh_process(township_dir, tmp_path):
    result = run_township("backup", "--data-dir", township_dir, "--to", tmp_path / "backups")
    [made] = (tmp_path / "backups").glob("*.db")   # beside it: its keyring copy
    data = bytearray(made.read_bytes())
    data[len(data) // 2:len(data) // 2 + 64] = bytes(64)
    made.write_bytes(bytes(data))
    before = (township_dir / "township.db").read_bytes() if (township_dir / "township.db").exists() else None
    result = run_township("restore", "--data-dir", township_dir, made, "--clerk", "王丽")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    if before is not None:
        assert (township_dir / "township.db").read_bytes() == before
