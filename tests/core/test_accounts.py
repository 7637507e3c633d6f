"""Account administration: deactivate / reactivate, role changes, password reset and change.
Only an admin administers; the last active admin stays; every change is in the audit trail
without the password."""

from __future__ import annotations

import pytest

from desktop.core.errors import PermissionDenied, UserError
from desktop.core.store import audit
from desktop.core.store.db import transaction
from desktop.core.workspace import accounts
from tests.conftest import PASSWORD


@pytest.fixture
def staffed(township):
    with transaction(township.db):
        accounts.create(township.db, "刘主管", "supervisor", PASSWORD, by="王丽")
        accounts.create(township.db, "陈录入", "clerk", PASSWORD, by="王丽")
    return township.db


def change(db, function, *args, **kwargs):
    with transaction(db):
        function(db, *args, **kwargs)


def account_events(db):
    return [e.details for e in audit.entries(db, event="account")]


def test_a_deactivated_clerk_cannot_sign_in_until_reactivated(staffed):
    change(staffed, accounts.set_active, "陈录入", False, by="王丽")
    with pytest.raises(UserError, match="Wrong name or password"):
        accounts.authenticate(staffed, "陈录入", PASSWORD)
    assert "陈录入" not in dict(accounts.names(staffed))
    assert accounts.Account("陈录入", "clerk", False) in accounts.all_accounts(staffed)
    with pytest.raises(UserError) as no_password:    # the old password no longer opens the data
        change(staffed, accounts.set_active, "陈录入", True, by="王丽")
    assert no_password.value.code == "password-needed"
    with pytest.raises(UserError):
        change(staffed, accounts.set_active, "陈录入", True, by="王丽", password="short")
    change(staffed, accounts.set_active, "陈录入", True, by="王丽", password="back-again")
    assert accounts.authenticate(staffed, "陈录入", "back-again") == "clerk"
    from desktop.core.store.db import db_path
    from desktop.core.workspace.keyring import Keyring, keyring_path

    ring = Keyring.load(keyring_path(db_path(staffed)))
    assert ring.unlock("back-again", "陈录入") == staffed.key and ring.unlock(PASSWORD, "陈录入") is None
    assert account_events(staffed)[:2] == [{"action": "reactivate", "account": "陈录入"},
                                           {"action": "deactivate", "account": "陈录入"}]


def test_only_an_admin_administers_accounts_and_a_supervisor_resets_only_clerks(staffed):
    for function, args in ((accounts.set_active, ("陈录入", False)), (accounts.set_role, ("陈录入", "admin")),
                           (accounts.reset_password, ("王丽", "new-password"))):
        with pytest.raises(PermissionDenied):
            change(staffed, function, *args, by="刘主管")
    with pytest.raises(PermissionDenied):
        change(staffed, accounts.reset_password, "刘主管", "new-password", by="陈录入")
    assert accounts.authenticate(staffed, "陈录入", PASSWORD) == "clerk"
    change(staffed, accounts.reset_password, "陈录入", "new-password", by="刘主管")
    assert accounts.authenticate(staffed, "陈录入", "new-password") == "clerk"


def test_a_deactivated_admin_administers_nothing(staffed):
    change(staffed, accounts.set_role, "刘主管", "admin", by="王丽")
    change(staffed, accounts.set_active, "刘主管", False, by="王丽")
    with pytest.raises(PermissionDenied):
        change(staffed, accounts.set_active, "陈录入", False, by="刘主管")


def test_the_last_active_admin_stays(staffed):
    with pytest.raises(UserError, match="cannot deactivate your own"):
        change(staffed, accounts.set_active, "王丽", False, by="王丽")
    with pytest.raises(UserError, match="only active administrator"):
        change(staffed, accounts.set_role, "王丽", "clerk", by="王丽")
    assert accounts.role_of(staffed, "王丽") == "admin"
    # with a second admin, the first may step down, and the second may deactivate the first
    change(staffed, accounts.set_role, "刘主管", "admin", by="王丽")
    change(staffed, accounts.set_role, "王丽", "supervisor", by="王丽")
    assert accounts.role_of(staffed, "王丽") == "supervisor"
    change(staffed, accounts.set_role, "王丽", "admin", by="刘主管")
    change(staffed, accounts.set_active, "王丽", False, by="刘主管")
    with pytest.raises(UserError, match="only active administrator"):
        change(staffed, accounts.set_role, "刘主管", "clerk", by="刘主管")
    assert account_events(staffed)[0] == {"action": "deactivate", "account": "王丽"}
    assert {"action": "role", "account": "王丽", "role": ["admin", "supervisor"]} in account_events(staffed)


def test_unknown_account_and_role(staffed):
    with pytest.raises(UserError, match="no account named"):
        change(staffed, accounts.set_active, "nobody", False, by="王丽")
    with pytest.raises(UserError, match="Unknown role"):
        change(staffed, accounts.set_role, "陈录入", "boss", by="王丽")


def test_admin_resets_a_password_and_the_trail_never_holds_it(staffed):
    with pytest.raises(UserError, match="at least"):
        change(staffed, accounts.reset_password, "陈录入", "abc", by="王丽")
    change(staffed, accounts.reset_password, "陈录入", "brand-new-1", by="王丽")
    assert accounts.authenticate(staffed, "陈录入", "brand-new-1") == "clerk"
    with pytest.raises(UserError):
        accounts.authenticate(staffed, "陈录入", PASSWORD)
    assert account_events(staffed)[0] == {"action": "reset_password", "account": "陈录入"}
    trail = staffed.execute("SELECT group_concat(details, ' ') FROM audit").fetchone()[0]
    assert "brand-new-1" not in trail and PASSWORD not in trail


def test_any_clerk_changes_their_own_password_with_the_old_one(staffed):
    with pytest.raises(UserError, match="current password is wrong"):
        change(staffed, accounts.change_own_password, "陈录入", "wrong-one", "another-1")
    with pytest.raises(UserError, match="same as the current"):
        change(staffed, accounts.change_own_password, "陈录入", PASSWORD, PASSWORD)
    with pytest.raises(UserError, match="at least"):
        change(staffed, accounts.change_own_password, "陈录入", PASSWORD, "x")
    change(staffed, accounts.change_own_password, "陈录入", PASSWORD, "another-1")
    assert accounts.authenticate(staffed, "陈录入", "another-1") == "clerk"
    entry = audit.entries(staffed, event="account")[0]
    assert (entry.clerk, entry.details) == ("陈录入", {"action": "change_password", "account": "陈录入"})
    assert audit.verify_chain(staffed) == []
