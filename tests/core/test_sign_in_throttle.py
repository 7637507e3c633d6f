"""Sign-in throttling on the faked clock: free attempts, a doubling delay, a lock after the admin's
number, lifted by a password reset."""

from __future__ import annotations

import pytest

from desktop.core.errors import UserError
from desktop.core.store.db import transaction
from desktop.core.workspace import accounts, throttle
from tests.conftest import PASSWORD

T0 = "2026-12-01T09:00:00+08:00"


def at(monkeypatch, seconds: int) -> None:
    from datetime import datetime, timedelta

    moment = datetime.fromisoformat(T0) + timedelta(seconds=seconds)
    monkeypatch.setenv("TOWNSHIP_FAKE_NOW", moment.isoformat())


def refused(root, name) -> str | None:
    try:
        throttle.check(root, name)
    except UserError as error:
        return error.code
    return None


def test_the_delay_grows_and_the_account_locks(tmp_path, monkeypatch):
    at(monkeypatch, 0)
    for _ in range(throttle.FREE_ATTEMPTS - 1):
        throttle.failed(tmp_path, "李明")
        assert refused(tmp_path, "李明") is None
    waits = []
    clock = 0
    for failures in range(throttle.FREE_ATTEMPTS, throttle.DEFAULT_LOCK_AFTER):
        throttle.failed(tmp_path, "李明")
        wait = throttle.delay_after(failures)
        waits.append(wait)
        assert refused(tmp_path, "李明") == "throttled"
        at(monkeypatch, clock + wait - 1)
        assert refused(tmp_path, "李明") == "throttled"
        clock += wait
        at(monkeypatch, clock)
        assert refused(tmp_path, "李明") is None
    assert waits == sorted(waits) and waits[1] == 2 * waits[0]
    throttle.failed(tmp_path, "李明")
    at(monkeypatch, clock + 10_000)
    assert refused(tmp_path, "李明") == "account-locked"
    assert refused(tmp_path, "王丽") is None          # per account
    throttle.cleared(tmp_path, "李明")
    assert refused(tmp_path, "李明") is None


def test_a_success_forgets_the_failures(tmp_path, monkeypatch):
    at(monkeypatch, 0)
    for _ in range(throttle.FREE_ATTEMPTS):
        throttle.failed(tmp_path, "李明")
    at(monkeypatch, 3600)
    throttle.succeeded(tmp_path, "李明")
    throttle.failed(tmp_path, "李明")
    assert refused(tmp_path, "李明") is None


def test_the_admin_sets_the_lock_and_a_reset_lifts_it(township, monkeypatch):
    at(monkeypatch, 0)
    root = township.paths.root
    with transaction(township.db):
        accounts.create(township.db, "李明", "clerk", "limings-password", by="王丽")
    with pytest.raises(UserError), transaction(township.db):
        accounts.set_lock_after(township.db, 4, by="李明")            # not an admin
    with pytest.raises(UserError), transaction(township.db):
        accounts.set_lock_after(township.db, 1, by="王丽")            # out of range
    with transaction(township.db):
        accounts.set_lock_after(township.db, 4, by="王丽")
    for _ in range(4):
        throttle.failed(root, "李明")
    at(monkeypatch, 10_000)
    assert refused(root, "李明") == "account-locked"
    with transaction(township.db):
        accounts.reset_password(township.db, "李明", "a-fresh-password", by="王丽")
    assert refused(root, "李明") is None


def test_the_command_line_waits_after_wrong_passwords(cli, tmp_path, monkeypatch):
    import json

    from tests.conftest import VALID_IDS, complete_record

    at(monkeypatch, 0)
    data = tmp_path / "data"
    assert cli("init", "--role", "township", "--township", "131025100", "--clerk", "王丽", "--data-dir", data).code == 0
    record = json.dumps(complete_record(VALID_IDS[0], "张三"))

    def add():
        return cli("records", "add", "floating_population", "--json", "-", "--clerk", "王丽", "--data-dir", data,
                   stdin=record)

    monkeypatch.setenv("TOWNSHIP_PASSWORD", "wrong-password")
    for _ in range(throttle.FREE_ATTEMPTS):
        result = add()
        assert result.code == 1 and "Wrong name or password" in result.err
    monkeypatch.setenv("TOWNSHIP_PASSWORD", PASSWORD)
    waiting = add()
    assert waiting.code == 1 and "wait 2 seconds" in waiting.err
    at(monkeypatch, 2)
    assert add().code == 0
