"""Saves records in a loop, printing each id only after its save returned (used by test_kill)."""

import sys

from desktop.core.store import records, search
from desktop.core.workspace.workspace import Workspace

if __name__ == "__main__":
    workspace = Workspace.open(sys.argv[1])
    search.warm_up()  # pinyin loads on first use; load it before the kills start, as the GUI does
    print("READY", flush=True)
    n = 0
    while True:
        n += 1
        record = records.save(workspace.db, form_id="floating_population", form_version="1",
                              township="131025100", clerk="王丽", unique_fields=("id_number",),
                              values={"name": f"测试{n}", "id_number": f"{n:018d}", "notes": "x" * (n % 500)})
        print(record.id, flush=True)
