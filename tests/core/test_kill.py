"""SIGKILL a process that saves records, again and again: no acknowledged save is ever lost.

Each round starts a saver, lets it run a random few milliseconds, kills it with SIGKILL, then
checks: every id it printed (printed only after the save returned) is in the database, the file
passes integrity_check, and the audit chain verifies. The default run does 50 kills; the slow
variant 1,000 (figures in docs/STORAGE.md).
"""

import os
import random
import signal
import subprocess
import sys
import threading
import time

import pytest

from desktop.core.store import audit
from desktop.core.workspace.workspace import Workspace
from tests.conftest import PASSWORD, ROOT


def kill_rounds(data_dir, rounds: int, seed: int = 1) -> dict:
    rng = random.Random(seed)
    acknowledged: set[str] = set()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TOWNSHIP_PASSWORD": PASSWORD}   # the store is encrypted
    for _ in range(rounds):
        saver = subprocess.Popen([sys.executable, str(ROOT / "tests/core/save_loop.py"), str(data_dir)],
                                 stdout=subprocess.PIPE, text=True, env=env)
        lines: list[str] = []
        ready = threading.Event()

        def read(stream=saver.stdout, lines=lines, ready=ready):
            for line in stream:
                if line.strip() == "READY":
                    ready.set()
                else:
                    lines.append(line.strip())
            ready.set()

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        assert ready.wait(30), "saver did not start"
        time.sleep(rng.uniform(0.005, 0.25))
        saver.send_signal(signal.SIGKILL)
        saver.wait()
        reader.join(10)
        acknowledged.update(line for line in lines if len(line) == 36)
    with Workspace.open(data_dir) as workspace:
        present = {row[0] for row in workspace.db.execute("SELECT id FROM records")}
        integrity = workspace.db.execute("PRAGMA integrity_check").fetchone()[0]
        chain = audit.verify_chain(workspace.db)
        audited = {row[0] for row in workspace.db.execute("SELECT record_id FROM audit WHERE event='create'")}
    return {"acknowledged": acknowledged, "present": present, "integrity": integrity, "chain": chain,
            "audited": audited}


def check(outcome):
    assert outcome["acknowledged"], "no save was acknowledged: the test proved nothing"
    assert outcome["acknowledged"] <= outcome["present"], "an acknowledged save was lost"
    assert outcome["integrity"] == "ok"
    assert outcome["chain"] == []
    assert outcome["present"] == outcome["audited"], "every record has its create row, and no more"


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_fifty_kills_lose_no_acknowledged_save(township_dir):
    check(kill_rounds(township_dir, 50))


@pytest.mark.slow
def test_a_thousand_kills_lose_no_acknowledged_save(township_dir):
    outcome = kill_rounds(township_dir, 1000, seed=7)
    check(outcome)
    print(f"\n1000 kills: {len(outcome['acknowledged'])} acknowledged, {len(outcome['present'])} present")
