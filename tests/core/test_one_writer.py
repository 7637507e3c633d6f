"""One writer per table: every SQL write (INSERT, UPDATE, REPLACE, DELETE) on a table comes from
one module of desktop/ (numbered migrations aside), so each table's rules live in one place -
records, record_keys and record_grams in desktop.core.store.records, sync_resident_conflicts in
desktop.core.store.person_ids."""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "desktop"
WRITE = re.compile(r"(?<!\bDO )\b(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?(?=\s+\S+\s+SET\b)"
                   r"|DELETE\s+FROM)\s+(temp\.)?([\w{}.]+)", re.IGNORECASE)
OWNERS = {
    "records": "desktop/core/store/records.py",
    "record_keys": "desktop/core/store/records.py",
    "record_grams": "desktop/core/store/records.py",
    "sync_resident_conflicts": "desktop/core/store/person_ids.py",
    "duplicate_blocks": "desktop/core/store/duplicate_blocks.py",
    "sync_outbox": "desktop/core/sync/outbox.py",
}


def _strings(source: str):
    """Every string literal (adjacent literals already joined), f-strings with {} for their parts."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value
        elif isinstance(node, ast.JoinedStr):
            yield "".join(part.value if isinstance(part, ast.Constant) else "{}" for part in node.values)


def written_tables(source: str) -> set[str]:
    """The tables the SQL in `source` writes (temporary ones aside); a name SQL builds at run
    time comes out with {} in it."""
    return {match.group(2).lower() for text in _strings(source) for match in WRITE.finditer(text)
            if not match.group(1)}


def writers() -> dict[str, set[str]]:
    found = defaultdict(set)
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for table in written_tables(path.read_text(encoding="utf-8")):
            found[table].add(path.relative_to(PACKAGE.parent).as_posix())
    return found


def test_the_scan_sees_every_form_of_write():
    source = '''
db.execute("INSERT INTO a (x) VALUES (?)")
db.execute("INSERT OR IGNORE INTO b VALUES (?)")
db.execute("REPLACE INTO c VALUES (?)")
db.execute("UPDATE d SET x = 1 WHERE id = ?")
db.execute("UPDATE OR IGNORE e SET x = 1")
db.execute("DELETE FROM f WHERE id = ?")
db.execute("INSERT INTO g (x) VALUES (?) ON CONFLICT(x) DO UPDATE SET x = excluded.x")
db.execute("INSERT INTO temp.scratch VALUES (?)")
db.execute(f"INSERT INTO {table} VALUES (?)")
db.execute("SELECT * FROM h WHERE deleted = 0"   " AND x IN (SELECT y FROM i)")
db.execute("DELETE "
           "FROM j")
'''
    assert written_tables(source) == {"a", "b", "c", "d", "e", "f", "g", "{}", "j"}


def test_every_table_has_one_writing_module():
    found = writers()
    for table, owner in OWNERS.items():
        assert found.get(table) == {owner}, f"{table} is written by {sorted(found.get(table, ()))}, not only {owner}"
    built = {table: modules for table, modules in found.items() if "{" in table}
    assert not built, f"SQL writes to a table named at run time (write the name out): {built}"
    several = {table: sorted(modules) for table, modules in found.items() if len(modules) > 1}
    assert not several, f"tables written by more than one module: {several}"


@pytest.mark.parametrize("table", sorted(OWNERS))
def test_the_owner_really_writes_its_table(table):
    """Guards the scan itself: the owners' writes are found (a scan finding nothing passes nothing)."""
    assert table in written_tables((PACKAGE.parent / OWNERS[table]).read_text(encoding="utf-8"))
