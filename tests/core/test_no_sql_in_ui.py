"""desktop/ui holds no SQL: the widgets ask core functions for what they show.

The check reads the sources with the AST, so docstrings and comments that mention a table
do not count, while a query in any string literal (plain, f-string or concatenated) does,
as does any `.execute(` / `.executemany(` / `.executescript(` call.
"""

from __future__ import annotations

import ast
import re

from tests.conftest import ROOT

UI = ROOT / "desktop" / "ui"

# Statement shapes, not single words: "Delete", "Update available" or "select a form" in a
# label are not SQL; "SELECT x FROM", "DELETE FROM", "UPDATE t SET" and the like are.
SQL_PATTERNS = [re.compile(r"\bSELECT\b.+?\bFROM\b")] + [re.compile(p, re.IGNORECASE) for p in (
    r"\bselect\s+[\w.*,()'$ ]+?\s+from\s+\w+(?:\s*$|\s*\)|\s+(?:where|join|order|group|limit|as)\b)",
    r"\bselect\s+(?:count|max|min|sum|avg|distinct|json_extract)\s*\(",
    r"\bselect\s+(?:\*|1\b|distinct\b)",
    r"\binsert\s+(?:or\s+\w+\s+)?into\b",
    r"\breplace\s+into\b",
    r"\bupdate\s+\w+\s+set\b",
    r"\bdelete\s+from\b",
    r"\bcreate\s+(?:unique\s+)?(?:table|index|view|trigger|temp|temporary|virtual)\b",
    r"\bdrop\s+(?:table|index|view|trigger)\b",
    r"\balter\s+table\b",
    r"\bwith\s+(?:recursive\s+)?\w+(?:\s*\([^)]*\))?\s+as\s*\(",
    r"\bpragma\s+\w+",
    r"\bbegin\s+(?:immediate|exclusive|deferred|transaction)\b",
    r"\bjson_extract\s*\(",                                    # a WHERE fragment on its own
    r"\b\w+\s*(?:[<>]=?|!?=|\blike\b|\bin\b)\s*\(?\?",           # "updated_at >= ?", "id IN (?"
)]
EXECUTE_METHODS = {"execute", "executemany", "executescript"}


def _docstring_nodes(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                ids.add(id(body[0].value))
    return ids


def _literal_text(node: ast.AST) -> str | None:
    """The text of a string literal or f-string (placeholders stand in as `{}`)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else " {} " for v in node.values)
    return None


def sql_offences(source: str, filename: str = "<source>") -> list[str]:
    """Every SQL string literal and every execute-style call in a module's source."""
    tree = ast.parse(source, filename)
    docstrings = _docstring_nodes(tree)
    found = []
    inside_fstring = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr in EXECUTE_METHODS:
            found.append(f"{filename}:{node.lineno}: .{node.func.attr}( call")
            continue
        if id(node) in docstrings or id(node) in inside_fstring:
            continue
        text = _literal_text(node)
        if text is None and isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            continue  # the parts are literals themselves and are checked one by one
        if text and any(p.search(" ".join(text.split())) for p in SQL_PATTERNS):
            found.append(f"{filename}:{node.lineno}: SQL text {text.strip()[:60]!r}")
    return found


def test_the_check_catches_sql_and_spares_prose():
    sample = '''
"""Lists records: SELECT nothing FROM here, this is a docstring."""
# SELECT id FROM records  (a comment)
LABEL = "Delete the selected record? Update available. Select a form from the list."
def rows(db, ids):
    """Reads rows with SELECT x FROM y (docstring)."""
    first = db.conn.execute("SELECT id FROM records WHERE id LIKE ?").fetchone()
    query = f"SELECT id, json_extract(data, '$.name') FROM records WHERE id IN ({ids})"
    other = ("select max(created_at) "
             "from sync_sent")
    db.executemany(INSERT, [])
    db.conn.executescript("x")
    return "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", "DELETE FROM drafts", \\
        "WITH t AS (SELECT 1) SELECT * FROM t", "UPDATE records SET data = ?", "updated_at >= ?"
'''
    offences = sql_offences(sample)
    text = "\n".join(offences)
    assert text.count(".execute( call") == 1
    assert ".executemany( call" in text and ".executescript( call" in text
    assert "SELECT id, json_extract" in text
    assert "select max(created_at)" in text
    assert "INSERT OR REPLACE INTO" in text and "DELETE FROM drafts" in text
    assert "WITH t AS" in text and "UPDATE records SET" in text and "updated_at >= ?" in text
    assert "Delete the selected" not in text
    assert "docstring" not in text and "a comment" not in text
    assert len(offences) == 11, text


def test_no_sql_under_desktop_ui():
    paths = sorted(UI.rglob("*.py"))
    assert len(paths) > 20
    offences = [o for path in paths
                for o in sql_offences(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))]
    assert offences == [], "SQL belongs in desktop/core:\n" + "\n".join(offences)
