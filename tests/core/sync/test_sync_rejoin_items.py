"""A township restored from a backup gets back, at its rejoin, the exchange items addressed to it
that the county holds: a cross-check request forwarded from another township and a correction task
raised by the county survive the restore; every item is held once and nothing stays pending."""

from __future__ import annotations

import json
import time

import pytest

from desktop.core.exchange import crosschecks, exchange
from desktop.core.workspace.workspace import Workspace
from tests.conftest import complete_record
from tests.core.sync.helpers import TOWNSHIPS, resident_id
from tests.core.sync.test_sync_cli_end_to_end import _setup
from tests.core.sync.test_sync_recovery import _add, _backup, _clerk, _restore, _round

A, B = TOWNSHIPS


def _add_person(cli, folder, code: str, id_number: str) -> None:
    result = cli("records", "add", "floating_population", "--data-dir", folder, "--json", "-",
                 stdin=json.dumps([complete_record(id_number, "李四", village=f"{code}001")]))
    assert result.code == 0, result.err


def _items_in(folder, kind: str) -> list[str]:
    with Workspace.open(folder) as workspace:
        return [row[0] for row in workspace.db.execute(
            "SELECT id FROM exchange_items WHERE direction = 'in' AND type = ?", [kind])]


@pytest.mark.allow_log("township.sync", "refused .*", level="WARNING")
def test_a_restored_township_gets_its_cross_check_request_and_correction_task_back(cli, tmp_path):
    stick, county, townships = _setup(cli, tmp_path)
    _add(cli, townships[A], 2, A)
    _add_person(cli, townships[A], A, resident_id(777))
    _add(cli, townships[B], 1, B)
    _round(cli, tmp_path, county, townships, "1")
    backup = _backup(cli, townships[B], tmp_path / "b-backup")    # before B received anything
    time.sleep(1.1)   # registration times are kept to the second: B's is the later one
    _add_person(cli, townships[B], B, resident_id(777))          # the same person, later: B's task
    with Workspace.open(townships[A]) as workspace:
        workspace.clerk = "clerk"
        request = crosschecks.new_request(workspace, subject_name="张三", target=B, question="是否在本镇务工？").id
    _round(cli, tmp_path, county, townships, "2")
    _round(cli, tmp_path, county, townships, "3")
    tasks = _items_in(townships[B], "correction.task")
    assert _items_in(townships[B], "crosscheck.request") == [request] and len(tasks) == 1
    with Workspace.open(county) as workspace:
        assert exchange.pending_out(workspace.db, B) == []       # B acknowledged both

    _restore(cli, townships[B], backup, _clerk(B))                # B loses both, and the record
    assert _items_in(townships[B], "crosscheck.request") == []
    for label in "456":
        _round(cli, tmp_path, county, townships, label)

    assert _items_in(townships[B], "crosscheck.request") == [request]
    assert _items_in(townships[B], "correction.task") == tasks
    with Workspace.open(townships[B]) as workspace:
        assert [c.id for c in crosschecks.incoming(workspace.db)] == [request]
        assert workspace.db.execute("SELECT count(*) FROM corrections WHERE id = ?", tasks).fetchone()[0] == 1
    with Workspace.open(county) as workspace:                    # B reported them again: nothing pending
        assert exchange.pending_out(workspace.db, B) == []
        [details] = [json.loads(r[0]) for r in workspace.db.execute(
            "SELECT details FROM audit WHERE event = 'sync' AND details LIKE '%rejoin-request%'")]
        assert details["items_reopened"] >= 2
