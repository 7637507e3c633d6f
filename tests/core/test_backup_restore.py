"""Describing backups for the restore list, and the one restore sequence the CLI and GUI share."""

from __future__ import annotations

import os

import pytest

from desktop.core.errors import DataDirError, UserError
from desktop.core.store import audit, backup, records
from desktop.core.workspace import restore
from desktop.core.workspace.workspace import Workspace


def add(workspace, name):
    return records.save(workspace.db, form_id="floating_population", form_version="1", township="131025100",
                        values={"name": name}, clerk="王丽")


def test_describe_reads_kind_time_size_and_records_without_writing(township, tmp_path):
    add(township, "张三")
    add(township, "李四")
    daily = backup.snapshot(township.db, township.paths.backups, "daily")
    add(township, "王五")
    stick = tmp_path / "stick"
    manual = backup.snapshot(township.db, stick, "manual")
    renamed = stick / "from-the-county.db"
    renamed.write_bytes(manual.read_bytes())
    os.chmod(stick, 0o555)           # a write-protected stick: reading must not need to write
    try:
        info = backup.describe(manual)
        other = backup.describe(renamed)
    finally:
        os.chmod(stick, 0o755)
    assert (info.kind, info.records, info.size) == ("manual", 3, manual.stat().st_size)
    assert info.taken_at.strftime("%Y%m%d-%H%M%S") in manual.name
    assert (other.kind, other.records) == ("other", 3)
    assert sorted(p.name for p in stick.iterdir()) == sorted([manual.name, renamed.name,    # and the keyring copy
                                                              backup.keyring_beside(manual).name])
    listed = backup.describe_folder(township.paths.backups)
    assert [(i.path, i.kind, i.records) for i in listed] == [(daily, "daily", 2)]


def test_describe_a_damaged_file_has_no_record_count(tmp_path):
    junk = tmp_path / "daily-20250101-080000.db"
    junk.write_bytes(b"garbage" * 500)
    info = backup.describe(junk)
    assert (info.kind, info.records) == ("daily", None)
    assert info.taken_at.year == 2025


def test_describe_folder_lists_newest_first(township, monkeypatch):
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-02T09:00:00+08:00")
    first = backup.snapshot(township.db, township.paths.backups, "premigrate")
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", "2026-11-02T09:00:01+08:00")
    second = backup.snapshot(township.db, township.paths.backups, "manual")
    assert [i.path for i in backup.describe_folder(township.paths.backups)] == [second, first]


def test_restore_and_reopen_keeps_the_current_database_and_records_the_event(township, township_dir):
    add(township, "张三")
    saved = backup.snapshot(township.db, township.paths.backups, "manual")
    add(township, "李四")
    restored = restore.restore_and_reopen(township_dir, saved, clerk="王丽", workspace=township)
    try:
        assert restored.aside is not None and restored.aside.exists()
        assert records.count(restored.workspace.db, form_id="floating_population") == 1
        event = audit.entries(restored.workspace.db, event="restore")[0]
        assert (event.clerk, event.details) == ("王丽", {"file": saved.name, "previous": restored.aside.name})
        assert restored.workspace.clerk is None
        assert audit.verify_chain(restored.workspace.db) == []
    finally:
        restored.workspace.close()
    with Workspace.open(township_dir) as again:
        assert records.count(again.db, form_id="floating_population") == 1


def test_a_damaged_backup_is_refused_before_anything_changes(township, township_dir, tmp_path):
    add(township, "张三")
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"SQLite format 3\x00" + os.urandom(8000))
    with pytest.raises(UserError):
        restore.restore_and_reopen(township_dir, bogus, clerk="王丽", workspace=township)
    assert records.count(township.db, form_id="floating_population") == 1     # still open, untouched
    assert not list(township_dir.glob("township.db.replaced-*"))


def test_a_backup_from_a_newer_version_is_refused(township, tmp_path):
    saved = backup.snapshot(township.db, tmp_path, "manual")
    from tests.helpers.store import raw_connect

    conn = raw_connect(saved)
    conn.execute("INSERT INTO schema_migrations VALUES (9999, 'future', '2099-01-01')")
    conn.commit()
    conn.close()
    with pytest.raises(DataDirError, match="newer version"):
        backup.check_backup_file(saved)
