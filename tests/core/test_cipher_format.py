"""The store's SQLCipher format (HMAC-SHA256 pages; SQLCipher 4's default HMAC-SHA512 before): new
stores are written in it, a store in the older format is rewritten once at open after a premigrate
snapshot, and backups, drafts and copies taken before the change keep opening. Real encrypted
files throughout; a store "from before" is made by exporting one into the older format, which is
exactly what the previous version wrote (SQLCipher 4's defaults under the same raw key)."""

from __future__ import annotations

import json
import os

import pytest

from desktop.core.entry.drafts import Draft, DraftStore
from desktop.core.store import audit, backup, cipher_format, records
from desktop.core.store import db as db_module
from desktop.core.store.driver import sqlite3
from desktop.core.workspace.workspace import Workspace
from tests.conftest import PASSWORD, VALID_IDS, complete_record, run_township


@pytest.fixture
def forget_keys(monkeypatch):
    """forget_keys(): this process forgets every data key it unlocked, as a fresh process would."""
    return lambda: monkeypatch.setattr(db_module, "UNLOCKED", {})


@pytest.fixture
def cli_township(cli, tmp_path):
    data = tmp_path / "data"
    assert cli("init", "--role", "township", "--township", "131025100", "--clerk", "王丽", "--data-dir", data).code == 0
    assert cli("records", "add", "floating_population", "--json", "-", "--data-dir", data,
               stdin=json.dumps(complete_record(VALID_IDS[0], "张三"))).code == 0
    return data


def hmac_of(path, key) -> str:
    """The page HMAC the file at `path` is written with, read by opening it in each format."""
    conn, fmt = cipher_format.connect_keyed(f"{path.absolute().as_uri()}?mode=ro", key, uri=True)
    try:
        settings = [row[0] for row in conn.execute("PRAGMA cipher_settings")]
    finally:
        conn.close()
    return next(s for s in settings if "hmac_algorithm" in s).split("=")[1].strip(" ;")


def to_older_format(path, key) -> None:
    """Rewrite the encrypted file at `path` as the previous version wrote it (HMAC-SHA512)."""
    older = path.with_name(path.name + ".older")
    conn, _ = cipher_format.connect_keyed(path, key, isolation_level=None)
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    cipher_format.attach_keyed(conn, older, "older", key, cipher_format.LEGACY)
    conn.execute("SELECT sqlcipher_export('older')")
    conn.execute(f"PRAGMA older.user_version = {int(version)}")
    conn.execute("DETACH DATABASE older")
    conn.close()
    for side in ("-wal", "-shm"):
        path.with_name(path.name + side).unlink(missing_ok=True)
    os.replace(older, path)


def _save(db, name, number):
    return records.save(db, form_id="floating_population", form_version="1", township="131025100",
                        values={"name": name, "id_number": number}, clerk="王丽", unique_fields=("id_number",))


def test_a_new_store_and_its_backups_are_written_with_hmac_sha256(township):
    assert township.db.cipher_format == cipher_format.CURRENT
    assert hmac_of(township.paths.db_path, township.data_key) == "HMAC_SHA256"
    taken = backup.snapshot(township.db, township.paths.backups, "manual")
    assert hmac_of(taken, township.data_key) == "HMAC_SHA256"
    with pytest.raises(sqlite3.DatabaseError):     # the older settings do not read it: a format, not a hint
        cipher_format.connect_keyed(taken, township.data_key, formats=(cipher_format.LEGACY,))


def test_a_store_in_the_older_format_is_rewritten_once_at_open_and_everything_from_before_opens(
        township_dir, forget_keys):
    with Workspace.open(township_dir) as workspace:
        kept = _save(workspace.db, "赵六", VALID_IDS[2])
        old_backup = backup.snapshot(workspace.db, workspace.paths.backups, "daily")
        key = workspace.data_key
        DraftStore(workspace.paths.drafts, key=key).save(Draft(
            form_id="floating_population", form_version="1", values={"name": "钱七"}, draft_id="d1"))
    db_path = township_dir / "township.db"
    to_older_format(db_path, key)
    to_older_format(old_backup, key)
    assert hmac_of(db_path, key) == "HMAC_SHA512" == hmac_of(old_backup, key)
    forget_keys()

    os.environ["TOWNSHIP_PASSWORD"] = PASSWORD
    try:
        workspace = Workspace.open(township_dir, clerk="王丽")
    finally:
        del os.environ["TOWNSHIP_PASSWORD"]
    with workspace:
        assert workspace.db.cipher_format == cipher_format.CURRENT
        assert hmac_of(db_path, key) == "HMAC_SHA256"
        assert records.get(workspace.db, kept.id).values["name"] == "赵六"
        assert audit.verify_chain(workspace.db) == []
        assert workspace.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert len(records.query(workspace.db, form_id="floating_population", search="赵六")) == 1   # and its search index
        _save(workspace.db, "孙八", VALID_IDS[3])                                          # and it takes saves
        (premigrate,) = backup.list_backups(workspace.paths.backups, "premigrate")
        assert hmac_of(premigrate, key) == "HMAC_SHA512"        # the snapshot before: as the store was
        infos = {info.path: info for info in backup.describe_folder(workspace.paths.backups)}
        assert infos[premigrate].records == 1 and infos[old_backup].records == 1
        backup.check_backup_file(old_backup)                    # an old backup still passes the restore's check
        draft = DraftStore(workspace.paths.drafts, key=workspace.data_key).load("floating_population", "new-d1")
        assert draft is not None and draft.values == {"name": "钱七"}
        from desktop.core.store import doctor

        said = [str(f.text) for f in doctor.run_checks(workspace) if f.check == "cipher-format"]
        assert said == ["encryption: 2 backups from before the update use the older page check (HMAC-SHA512): "
                        "they open and restore as before"]        # the daily one and the premigrate snapshot
    assert not list(township_dir.glob(".township.db.reformatting"))

    with Workspace.open(township_dir) as again:                 # once: no second rewrite, no second snapshot
        assert again.db.cipher_format == cipher_format.CURRENT
        assert len(backup.list_backups(again.paths.backups, "premigrate")) == 1


def test_a_rewrite_cut_short_by_a_power_cut_is_started_again(township_dir):
    """A power cut before the rename leaves the older store under its name and a half-written temp
    file beside it: the next open removes the temp file and rewrites the store."""
    with Workspace.open(township_dir) as workspace:
        kept = _save(workspace.db, "赵六", VALID_IDS[2])
        key = workspace.data_key
    db_path = township_dir / "township.db"
    to_older_format(db_path, key)
    temp = township_dir / ".township.db.reformatting"
    temp.write_bytes(os.urandom(4096 * 3))                      # what an export cut short leaves
    with Workspace.open(township_dir) as workspace:
        assert workspace.db.cipher_format == cipher_format.CURRENT
        assert records.get(workspace.db, kept.id).values["id_number"] == VALID_IDS[2]
    assert not temp.exists() and hmac_of(db_path, key) == "HMAC_SHA256"


def test_a_store_open_in_another_connection_is_left_in_its_format_until_the_next_open(township_dir):
    with Workspace.open(township_dir) as workspace:
        _save(workspace.db, "赵六", VALID_IDS[2])
        key = workspace.data_key
    db_path = township_dir / "township.db"
    to_older_format(db_path, key)
    other, _ = cipher_format.connect_keyed(db_path, key, isolation_level=None)   # another process's
    other.execute("PRAGMA journal_mode=WAL")
    other.execute("SELECT count(*) FROM records").fetchone()
    try:
        with Workspace.open(township_dir) as workspace:
            assert workspace.db.cipher_format == cipher_format.LEGACY   # not rewritten under the other one
            _save(workspace.db, "孙八", VALID_IDS[3])
        assert other.execute("SELECT count(*) FROM records").fetchone()[0] == 2
    finally:
        other.close()
    with Workspace.open(township_dir) as workspace:
        assert workspace.db.cipher_format == cipher_format.CURRENT
        assert workspace.db.execute("SELECT count(*) FROM records").fetchone()[0] == 2


def test_a_backup_from_before_the_change_is_restored_and_brought_to_the_current_format(cli_township, tmp_path):
    """Through the command line in fresh processes, as a clerk would: `township restore` of a backup
    in the older format puts it in place, and the next command finds the store in the current one."""
    from desktop.core.workspace.keyring import Keyring, keyring_path

    folder = cli_township
    assert run_township("backup", "--data-dir", folder, "--to", tmp_path / "stick").returncode == 0
    (taken,) = (tmp_path / "stick").glob("*.db")
    key = Keyring.load(keyring_path(folder / "township.db")).unlock(PASSWORD, "王丽")
    to_older_format(taken, key)
    done = run_township("restore", taken, "--data-dir", folder, "--clerk", "王丽")
    assert done.returncode == 0, done.stderr
    listed = run_township("records", "list", "floating_population", "--data-dir", folder)
    assert listed.returncode == 0 and "张三" in listed.stdout
    assert hmac_of(folder / "township.db", key) == "HMAC_SHA256"
