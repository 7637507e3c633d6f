"""Child process of the memory-security benchmark: SQLCipher's cipher_memory_security, once on,
stays on for the whole process, so each setting is measured in a process of its own.

Run as `python tests/bench/memory_security_probe.py DB_FILE KEY_HEX on|off SAVES`; prints the
seconds per `records.save` (synchronous=OFF: the processor's share, not the disk's).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def main(db_file: str, key_hex: str, setting: str, saves: int) -> int:
    from desktop.core.store import records
    from desktop.core.store.db import connect
    from desktop.core.store.driver import sqlite3
    from tests.bench.test_save_bench import VALUES

    probe = sqlite3.connect(":memory:")
    probe.execute(f"PRAGMA cipher_memory_security = {setting.upper()}").fetchall()
    probe.close()
    db = connect(Path(db_file), key=bytes.fromhex(key_hex))
    db.execute("PRAGMA synchronous=OFF")
    stamp = time.time_ns() % 10**9

    def save(i: int) -> None:
        values = {**VALUES, "name": f"张伟{i}", "id_number": f"{stamp:09d}{setting}{i:07d}"}
        records.save(db, form_id="floating_population", form_version="2026110101", township="131025100",
                     values=values, clerk="王丽", unique_fields=("id_number",))

    save(0)
    start = time.perf_counter()
    for i in range(1, saves + 1):
        save(i)
    print((time.perf_counter() - start) / saves)
    db.conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])))
