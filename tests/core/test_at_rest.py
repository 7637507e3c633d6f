"""Protection at rest: the store, its WAL, backups and drafts encrypted under one data key that
each clerk's password (and the recovery key) unwraps; a copied data folder opens for nobody else."""

from __future__ import annotations

import datetime
import json
import os
import random
import shutil
import sqlite3 as plain_sqlite3

import pytest

from desktop.core.entry.drafts import Draft, DraftStore
from desktop.core.errors import DataDirError, UserError
from desktop.core.store import backup, records
from desktop.core.store import db as db_module
from desktop.core.store.db import is_plain, transaction
from desktop.core.workspace import accounts
from desktop.core.workspace.keyring import Keyring, keyring_path
from desktop.core.workspace.workspace import Workspace
from tests.conftest import PASSWORD, VALID_IDS, complete_record, run_township
from tests.core.rules.test_id_numbers import REGIONS, make_id
from tests.helpers.workspaces import set_up

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂"


@pytest.fixture
def forget_keys(monkeypatch):
    """forget_keys(): this process forgets every data key it unlocked (as a fresh process would);
    the keys of the test's templates come back after the test."""
    return lambda: monkeypatch.setattr(db_module, "UNLOCKED", {})


def people(count: int) -> list[tuple[str, str]]:
    rng = random.Random(2851)
    out, seen = [], set()
    while len(out) < count:
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
        birth = datetime.date.fromordinal(rng.randint(datetime.date(1940, 1, 1).toordinal(),
                                                      datetime.date(2005, 12, 31).toordinal()))
        number = make_id(rng.choice(REGIONS), birth, rng.randint(0, 999))
        if name not in seen and number not in seen:
            seen.update((name, number))
            out.append((name, number))
    return out


def test_no_name_or_id_number_is_readable_in_any_file_of_the_data_folder(tmp_path):
    root = tmp_path / "township"
    workspace = set_up(root, role="township", code="131025100", clerk="王丽")
    crowd = people(200)
    for name, number in crowd:
        records.save(workspace.db, form_id="floating_population", form_version="1", township="131025100",
                     values={"name": name, "id_number": number, "hukou_address": "河北省廊坊市大城县"},
                     clerk="王丽", search_fields=("name", "id_number"))
    backup.snapshot(workspace.db, workspace.paths.backups, "manual")
    last_name, last_number = crowd[-1]
    DraftStore(workspace.paths.drafts, key=workspace.data_key).save(Draft(
        form_id="floating_population", form_version="1", values={"name": last_name, "id_number": last_number}))
    assert (root / "township.db-wal").exists()           # the WAL is looked in too, before a checkpoint
    files = [p for p in root.rglob("*") if p.is_file()]
    assert {"township.db", "township.db-wal", "keyring.json"} <= {p.name for p in files}
    assert any(p.name.startswith("floating_population.new-") for p in files)      # the draft
    assert any(p.parent.name == "backups" for p in files)
    contents = {p: p.read_bytes() for p in files}
    workspace.close()
    contents.update({p: p.read_bytes() for p in root.rglob("*") if p.is_file()})   # after the last checkpoint
    for name, number in crowd:
        for needle in (name.encode("utf-8"), number.encode("ascii"), name.encode("gb18030")):
            hits = [p.name for p, data in contents.items() if needle in data]
            assert not hits, (name, number, hits)
    assert not is_plain(root / "township.db")
    with pytest.raises(plain_sqlite3.DatabaseError):
        plain_sqlite3.connect(root / "township.db").execute("SELECT count(*) FROM records").fetchone()


@pytest.fixture
def cli_township(cli, tmp_path):
    data = tmp_path / "data"
    result = cli("init", "--role", "township", "--township", "131025100", "--clerk", "王丽", "--data-dir", data)
    assert result.code == 0, result.err
    recovery = result.out.strip().splitlines()[-1].strip()
    assert len(recovery.replace("-", "")) == 40
    assert cli("records", "add", "floating_population", "--json", "-", "--data-dir", data,
               stdin=json.dumps(complete_record(VALID_IDS[0], "张三"))).code == 0
    return data, recovery


def test_a_copied_folder_opens_only_with_a_password_or_the_recovery_key(cli_township, tmp_path):
    data, recovery = cli_township
    copy = tmp_path / "stolen"
    shutil.copytree(data, copy)
    nothing = run_township("records", "list", "floating_population", "--data-dir", copy,
                           env={"TOWNSHIP_PASSWORD": ""})
    assert nothing.returncode == 1 and "encrypted" in nothing.stderr and "张三" not in nothing.stdout
    wrong = run_township("records", "list", "floating_population", "--data-dir", copy,
                         env={"TOWNSHIP_PASSWORD": "not-the-password"})
    assert wrong.returncode == 1 and "encrypted" in wrong.stderr
    with_password = run_township("records", "list", "floating_population", "--data-dir", copy)
    assert with_password.returncode == 0 and "张三" in with_password.stdout
    with_recovery = run_township("records", "list", "floating_population", "--data-dir", copy,
                                 env={"TOWNSHIP_PASSWORD": "", "TOWNSHIP_RECOVERY_KEY": recovery.lower()})
    assert with_recovery.returncode == 0 and "张三" in with_recovery.stdout
    doctor = run_township("doctor", "--data-dir", copy)
    assert "encryption: the database and" in doctor.stdout and "recovery key set" in doctor.stdout


def test_a_copied_folder_without_its_keyring_cannot_be_opened(cli_township, tmp_path):
    data, _ = cli_township
    copy = tmp_path / "stolen"
    shutil.copytree(data, copy)
    (copy / "keyring.json").unlink()
    result = run_township("records", "list", "floating_population", "--data-dir", copy)
    assert result.returncode == 1 and "key file" in result.stderr and "张三" not in result.stdout and "Traceback" not in result.stderr


def _ring(workspace) -> Keyring:
    return Keyring.load(keyring_path(workspace.paths.db_path))


def test_password_change_rewraps_the_data_key(township):
    key = township.data_key
    with transaction(township.db):
        accounts.change_own_password(township.db, "王丽", PASSWORD, "a-new-password")
    ring = _ring(township)
    assert ring.unlock("a-new-password", "王丽") == key
    assert ring.unlock(PASSWORD, "王丽") is None


def test_a_supervisor_reset_rewraps_without_the_old_password_and_removal_unwraps(township):
    key = township.data_key
    with transaction(township.db):
        accounts.create(township.db, "李明", "clerk", "first-password", by="王丽")
    assert _ring(township).unlock("first-password", "李明") == key
    with transaction(township.db):
        accounts.reset_password(township.db, "李明", "second-password", by="王丽")
    ring = _ring(township)
    assert ring.unlock("second-password", "李明") == key and ring.unlock("first-password", "李明") is None
    with transaction(township.db):
        accounts.set_active(township.db, "李明", False, by="王丽")
    assert _ring(township).unlock("second-password", "李明") is None
    assert _ring(township).accounts() == ["王丽"]


def test_the_recovery_key_opens_the_store_when_every_password_is_lost(tmp_path, forget_keys):
    from desktop.core.workspace.setup import initialise

    workspace = initialise(tmp_path / "d", role="township", code="131025100", clerk="王丽", password=PASSWORD)
    recovery, key = workspace.recovery_key, workspace.data_key
    workspace.close()
    forget_keys()
    with pytest.raises(DataDirError) as locked:
        Workspace.open(tmp_path / "d")
    assert locked.value.code == "locked"
    ring = Keyring.load(tmp_path / "d" / "keyring.json")
    assert ring.unlock_recovery("wrong-" + recovery[6:]) is None
    assert ring.unlock_recovery(recovery.replace("-", " ").lower()) == key
    with Workspace.open(tmp_path / "d") as reopened:     # the key is known to this process now
        assert reopened.township == "131025100"
        with transaction(reopened.db):     # the admin's password, set anew by recovery
            accounts.reset_password(reopened.db, "王丽", "after-recovery", by="王丽")
    assert Keyring.load(tmp_path / "d" / "keyring.json").unlock("after-recovery", "王丽") == key


def test_passwords_of_eight_characters_that_are_not_the_name(township):
    for weak in ("short1", "wangli12"):
        with pytest.raises(UserError) as refused, transaction(township.db):
            accounts.create(township.db, "wangli12", "clerk", weak, by="王丽")
        assert refused.value.code == "weak-password"


def _decrypt_to_plain(path, key):
    """A store as the version before encryption left it (the same database, in plain SQLite)."""
    from desktop.core.store import cipher_format

    plain = path.with_name("plain.tmp")
    conn, _ = cipher_format.connect_keyed(path, key, isolation_level=None)
    conn.execute("ATTACH DATABASE ? AS plain KEY ''", [str(plain)])
    conn.execute("SELECT sqlcipher_export('plain')")
    conn.execute("DETACH DATABASE plain")
    conn.close()
    for side in ("-wal", "-shm"):
        path.with_name(path.name + side).unlink(missing_ok=True)
    plain.replace(path)


def test_a_plain_store_is_encrypted_on_its_first_open_and_every_password_still_opens_it(township_dir, forget_keys):
    with Workspace.open(township_dir) as workspace:
        with transaction(workspace.db):
            accounts.create(workspace.db, "李明", "clerk", "limings-password", by="王丽")
        records.save(workspace.db, form_id="floating_population", form_version="1", township="131025100",
                     values={"name": "赵六", "id_number": VALID_IDS[2]}, clerk="王丽")
        old_backup = backup.snapshot(workspace.db, workspace.paths.backups, "daily")
        key = workspace.data_key
    _decrypt_to_plain(township_dir / "township.db", key)
    _decrypt_to_plain(old_backup, key)
    (township_dir / "keyring.json").unlink()
    forget_keys()
    assert is_plain(township_dir / "township.db") and VALID_IDS[2].encode() in (township_dir / "township.db").read_bytes()

    with Workspace.open(township_dir) as migrated:       # the first start after the update
        assert records.count(migrated.db, form_id="floating_population") == 1
        new_key = migrated.data_key
    assert not is_plain(township_dir / "township.db") and not is_plain(old_backup)
    assert not list(township_dir.glob("*.plain")) and not list(township_dir.glob(".*encrypting"))
    for path in [*township_dir.rglob("*")]:
        if path.is_file():
            assert VALID_IDS[2].encode() not in path.read_bytes(), path
    forget_keys()
    ring = Keyring.load(township_dir / "keyring.json")
    assert ring.unlock("limings-password", "李明") == new_key      # from the sign-in hash, same salt
    assert ring.unlock(PASSWORD, "王丽") == new_key
    assert ring.wraps["account:李明"].get("renew")
    with Workspace.open(township_dir, key=new_key) as workspace:
        accounts.authenticate(workspace.db, "李明", "limings-password")
        assert backup.describe(old_backup).records == 1        # the old backup reads under the key
    renewed = Keyring.load(township_dir / "keyring.json").wraps["account:李明"]
    assert not renewed.get("renew") and renewed["salt"] != ring.wraps["account:李明"]["salt"]


def test_an_interrupted_encryption_is_finished_on_the_next_open(township_dir, forget_keys):
    with Workspace.open(township_dir) as workspace:
        key = workspace.data_key
    db_file = township_dir / "township.db"
    _decrypt_to_plain(db_file, key)
    db_file.replace(db_file.with_name("township.db.plain"))     # the power went between the two renames
    (township_dir / "keyring.json").unlink()
    forget_keys()
    with Workspace.open(township_dir) as workspace:
        assert workspace.township == "131025100"
    assert not is_plain(db_file) and not db_file.with_name("township.db.plain").exists()


def test_drafts_are_sealed_under_the_data_key(township):
    store = DraftStore(township.paths.drafts, key=township.data_key)
    path = store.save(Draft(form_id="floating_population", form_version="1", values={"name": "钱七"}))
    assert "钱七".encode() not in path.read_bytes()
    assert store.load("floating_population").values == {"name": "钱七"}
    other = DraftStore(township.paths.drafts, key=bytes(32))
    with pytest.raises(ValueError):
        other._unseal("floating_population", path.read_bytes())


@pytest.mark.allow_log("township.entry", "ignoring unreadable draft", level="WARNING")
def test_a_draft_under_another_key_is_ignored(township):
    DraftStore(township.paths.drafts, key=township.data_key).save(
        Draft(form_id="floating_population", form_version="1", values={"name": "钱七"}))
    assert DraftStore(township.paths.drafts, key=bytes(32)).load("floating_population") is None


def test_the_private_keys_of_a_data_folder_are_sealed(tmp_path, forget_keys):
    from cryptography.hazmat.primitives.serialization import load_ssh_private_key

    from desktop.core.sync import keys as keymod
    from tests.helpers.workspaces import set_up_folder

    folder = set_up_folder(tmp_path / "t", role="township", code="131025100", clerk="王丽", keys=True)
    signing = (folder / "keys" / keymod.SIGNING_FILE).read_bytes()
    identity = (folder / "keys" / keymod.AGE_IDENTITY_FILE).read_bytes()
    assert b"AGE-SECRET-KEY" not in identity and b"OPENSSH PRIVATE KEY" not in signing
    with pytest.raises(ValueError):
        load_ssh_private_key(signing, password=None)
    public = keymod.load_keys(folder / "keys").public()        # this process unlocked the store
    forget_keys()
    with pytest.raises(UserError) as locked:
        keymod.load_keys(folder / "keys")
    assert locked.value.code == "keys-locked"
    Keyring.load(folder / "keyring.json").unlock(PASSWORD, "王丽")
    assert keymod.load_keys(folder / "keys").public() == public


def test_a_copied_folder_cannot_sign_without_a_password(cli_township, tmp_path):
    """The township's enrollment file is signed with its key: only an unlocked folder can write one."""
    data, _ = cli_township
    copy = tmp_path / "stolen"
    shutil.copytree(data, copy)
    (tmp_path / "out1").mkdir()
    (tmp_path / "out2").mkdir()
    refused = run_township("keys", "export", "--to", tmp_path / "out1", "--data-dir", copy,
                           env={"TOWNSHIP_PASSWORD": ""})
    assert refused.returncode == 1 and "encrypted" in refused.stderr
    assert not list((tmp_path / "out1").iterdir())
    signed = run_township("keys", "export", "--to", tmp_path / "out2", "--data-dir", copy)
    assert signed.returncode == 0, signed.stderr
    assert list((tmp_path / "out2").iterdir())


def test_everything_under_the_data_folder_is_owner_only(cli_township):
    data, _ = cli_township
    os.chmod(data / "logs", 0o755)               # as an older version left it
    result = run_township("doctor", "--data-dir", data)
    assert "encryption" in result.stdout
    assert run_township("backup", "--data-dir", data).returncode == 0
    paths = [data, *data.rglob("*")]
    assert len(paths) > 8
    for path in paths:
        assert not path.stat().st_mode & 0o077, (path, oct(path.stat().st_mode))


def test_the_recovery_key_gives_a_lost_account_a_new_password_through_the_command_line(cli_township, tmp_path):
    data, recovery = cli_township
    copy = tmp_path / "office"
    shutil.copytree(data, copy)
    wrong = run_township("recover", "王丽", "--data-dir", copy,
                         env={"TOWNSHIP_PASSWORD": "", "TOWNSHIP_RECOVERY_KEY": "AAAAA-" + recovery[6:],
                              "TOWNSHIP_NEW_PASSWORD": "found-again"})
    assert wrong.returncode == 1 and "TOWNSHIP_RECOVERY_KEY" in wrong.stderr
    done = run_township("recover", "王丽", "--data-dir", copy,
                        env={"TOWNSHIP_PASSWORD": "", "TOWNSHIP_RECOVERY_KEY": recovery,
                             "TOWNSHIP_NEW_PASSWORD": "found-again"})
    assert done.returncode == 0, done.stderr
    assert run_township("records", "list", "floating_population", "--data-dir", copy,
                        env={"TOWNSHIP_PASSWORD": "found-again"}).returncode == 0
    old = run_township("records", "list", "floating_population", "--data-dir", copy)
    assert old.returncode == 1 and "encrypted" in old.stderr
    renewed = run_township("recovery-key", "--data-dir", copy, env={"TOWNSHIP_PASSWORD": "found-again"})
    assert renewed.returncode == 0, renewed.stderr
    new_key = renewed.stdout.strip().splitlines()[-1].strip()
    assert new_key != recovery
    assert run_township("records", "list", "floating_population", "--data-dir", copy,
                        env={"TOWNSHIP_PASSWORD": "", "TOWNSHIP_RECOVERY_KEY": recovery}).returncode == 1
    assert run_township("records", "list", "floating_population", "--data-dir", copy,
                        env={"TOWNSHIP_PASSWORD": "", "TOWNSHIP_RECOVERY_KEY": new_key}).returncode == 0


def test_a_backup_taken_on_another_pc_is_restored_with_that_pcs_recovery_key(cli_township, tmp_path, forget_keys):
    """The old PC died; its backup on a stick is restored on a new installation: refused without the
    old installation's recovery key (a clerk's password does not do: nothing beside a backup can be
    guessed against), then the backup's clerks sign in with the passwords they had, and the new
    PC's own sync keys still open (sealed again under the restored key)."""
    from desktop.core.store import cipher

    old, recovery = cli_township
    stick = tmp_path / "stick"
    assert run_township("backup", "--data-dir", old, "--to", stick).returncode == 0
    (backup_file,) = stick.glob("*.db")
    beside = json.loads(backup.keyring_beside(backup_file).read_text(encoding="utf-8"))
    assert list(beside["wraps"]) == ["recovery"]             # no password wrap travels with a backup
    new = tmp_path / "new-pc"
    made = run_township("init", "--role", "township", "--township", "131025100", "--clerk", "王丽",
                        "--data-dir", new, env={"TOWNSHIP_PASSWORD": "new-pc-password"})
    assert made.returncode == 0, made.stderr
    on_new = {"TOWNSHIP_PASSWORD": "new-pc-password"}

    for wrong in (PASSWORD, "AAAAA-" + recovery[6:]):
        refused = run_township("restore", backup_file, "--data-dir", new,
                               env={**on_new, "TOWNSHIP_BACKUP_RECOVERY_KEY": wrong})
        assert refused.returncode == 1 and "does not open this backup" in refused.stderr
    still = run_township("records", "list", "floating_population", "--data-dir", new, env=on_new)
    assert still.returncode == 0 and "张三" not in still.stdout

    done = run_township("restore", backup_file, "--data-dir", new,
                        env={**on_new, "TOWNSHIP_BACKUP_RECOVERY_KEY": recovery})
    assert done.returncode == 0, done.stderr
    listed = run_township("records", "list", "floating_population", "--data-dir", new)   # the old password
    assert listed.returncode == 0 and "张三" in listed.stdout
    assert run_township("records", "list", "floating_population", "--data-dir", new, env=on_new).returncode == 1
    assert run_township("records", "list", "floating_population", "--data-dir", new,
                        env={"TOWNSHIP_PASSWORD": "", "TOWNSHIP_RECOVERY_KEY": recovery}).returncode == 0
    assert len(list(new.glob("township.db.replaced-*.keyring.json"))) == 1   # the new PC's own, kept
    ring = Keyring.load(keyring_path(new / "township.db"))
    forget_keys()
    assert ring.unlock(PASSWORD, "王丽") is not None
    signing = next(new.rglob("signing_ed25519"))
    assert b"PRIVATE KEY" in cipher.open_private(signing, "signing_ed25519")
