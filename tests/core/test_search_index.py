"""The search index (record_grams): kept by the records writer on every save, edit and import, built
by its migration for a store that had records before it, and finding what LIKE finds."""

from __future__ import annotations

import json

from desktop.core.store import records
from desktop.core.store.db import transaction
from desktop.core.store.search import grams, match_query
from desktop.core.workspace.workspace import Workspace
from tests.helpers import bigcounty

ID = "131025199001011234"


def _save(db, name, id_number=ID, record_id=None, reason=None, phone="13812345678"):
    return records.save(db, form_id="floating_population", form_version="1", township="131025100",
                        values={"name": name, "id_number": id_number, "phone": phone}, clerk="王丽",
                        record_id=record_id, reason=reason, status="draft")


def _found(db, text):
    return {r.id for r in records.query(db, search=text, limit=None)}


def test_pieces_of_a_search_text_and_of_a_query():
    # two digits are no piece (in too many records to narrow a search): a letter beside one is
    assert grams("王丽 wl 1234 a·b 1234 x12y") == "王丽 wl x1 2y"
    assert match_query("王丽") == '"王丽"' and match_query(" WL ") == '"wl"'
    assert match_query("丽") is None and match_query("王 丽") is None and match_query("a%") is None
    assert match_query("12") is None and match_query("123") is None and match_query("x12") == '"x1"'


def test_saves_and_edits_keep_the_index(tmp_path):
    with Workspace.open(tmp_path / "t", create=True) as workspace:
        db = workspace.db
        first = _save(db, "王丽")
        other = _save(db, "张三", id_number="110101199003074477", phone="13900005678")
        assert _found(db, "王丽") == {first.id}
        assert _found(db, "wl") == {first.id}             # pinyin initials
        assert _found(db, "1234") == {first.id}           # the end of the ID number
        assert _found(db, "9003") == {other.id}
        assert _found(db, "丽") == {first.id}             # one character: LIKE
        assert _found(db, "5678") == {first.id, other.id}
        _save(db, "李强", record_id=first.id)
        assert _found(db, "王丽") == set() and _found(db, "李强") == {first.id} and _found(db, "lq") == {first.id}
        assert records.count(db, search="李强") == 1
        records.delete(db, other.id, clerk="王丽", reason="重复")
        assert _found(db, "张三") == set()
        assert {r.id for r in records.query(db, search="张三", include_deleted=True)} == {other.id}


def test_imported_records_are_indexed_and_a_newer_version_replaces_their_pieces(tmp_path):
    with Workspace.open(tmp_path / "c", create=True) as workspace:
        db = workspace.db
        bigcounty.fill(db, 300)
        every = db.execute("SELECT id, search_text FROM records").fetchall()
        some_id, text = every[0]
        piece = text.split()[0]
        assert len(piece) >= 2 and some_id in _found(db, piece)
        assert _found(db, piece) == {i for i, t in every if piece in t}
        record = dict(zip((*records.BUNDLE_COLUMNS, "search_text"), db.execute(
            f"SELECT {', '.join(records.BUNDLE_COLUMNS)}, search_text FROM records WHERE id = ?", [some_id]).fetchone(),
            strict=True))
        values = dict(json.loads(record["data"]), name="欧阳修")
        record.update(version=2, data=json.dumps(values, ensure_ascii=False), search_text=None)
        with transaction(db):
            records.apply_received(db, [(record, values)], audit_seq=1, unique_fields=lambda f, v: ("id_number",),
                                   replaced={some_id})
        assert _found(db, "欧阳") == {some_id} and _found(db, "oyx") == {some_id}
        assert some_id not in _found(db, piece)


def test_the_migration_indexes_the_records_a_store_already_holds(tmp_path):
    with Workspace.open(tmp_path / "t", create=True) as workspace:
        saved = _save(workspace.db, "王丽")
        with transaction(workspace.db):   # the store as it was before the index
            workspace.db.execute("DROP TABLE record_grams")
            # (before 1612 too, which builds it again with the four-character pieces of numbers)
            workspace.db.execute("DELETE FROM schema_migrations WHERE number IN (102, 1612)")
    with Workspace.open(tmp_path / "t") as workspace:
        assert _found(workspace.db, "王丽") == {saved.id} and _found(workspace.db, "1234") == {saved.id}


def test_the_pieces_of_numbers_and_of_a_run_of_digits():
    from desktop.core.store.search import digit_grams, digit_match_query, index_pieces

    assert digit_grams("王丽 wl 13812345 a1b2c") == "1381 3812 8123 1234 2345 a1b2 1b2c"
    assert index_pieces("wl 12345") == "wl 1234 2345" and index_pieces("王丽") == "王丽"
    assert index_pieces("hb2026") == "hb b2 hb20 b202 2026"
    assert digit_match_query("1234") == '"1234"' and digit_match_query(" 12345 ") == '"1234" AND "2345"'
    assert digit_match_query("123") is None and digit_match_query("wang") is None and digit_match_query("12 34") is None


def test_index_pieces_are_the_pairs_then_the_number_pieces_of_any_text():
    """index_pieces (one pass, what every save and import writes) is grams followed by
    digit_grams whatever the text: punctuation, full-width and superscript digits, underscores,
    combining marks, Chinese numerals, tabs and ideographic spaces."""
    import random

    from desktop.core.store.search import digit_grams, index_pieces

    def both(text):
        return " ".join(part for part in (grams(text), digit_grams(text)) if part)

    alphabet = "ab张三1２²_-.·/ \t\u3000é\u0301ⅣＡ٣一9"
    rnd = random.Random(16)
    texts = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30))) for _ in range(20000)]
    texts += ["张伟 zw zhangwei 131025198802143219 13812345678", "", " ", "a", "1234", "ab-1234", "x²³⁴⁵",
              "123", "0" * 63, "1234567890" * 7]   # a number longer than the slices kept for one
    for text in texts:
        assert index_pieces(text) == both(text), text


def test_a_search_finds_through_the_index_what_like_finds(tmp_path):
    """Whatever the texts and the query (digits beside letters, runs of two or three digits,
    full-width and superscript digits, punctuation): the index's candidates hold every record
    LIKE finds, so a search through it finds the same records as a walk of the list."""
    import random

    from desktop.core.store.search import digit_match_query

    alphabet = "ab张三12２²_-x"
    rnd = random.Random(1612)
    with Workspace.open(tmp_path / "t", create=True) as workspace:
        db = workspace.db
        texts = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(2, 14))) for _ in range(300)]
        for text in texts:
            _save(db, "王丽", phone=text)
        stored = dict(db.execute("SELECT id, search_text FROM records").fetchall())
        queries = {text[i:i + n] for text in texts for n in (2, 3, 4, 5) for i in range(0, len(text) - n + 1, 3)}
        looked_up = 0
        for query in sorted(queries):
            match = digit_match_query(query) or match_query(query)
            expected = {i for i, t in stored.items() if query.strip().lower() in t}
            if match is not None:
                looked_up += 1
                candidates = {i for (i,) in db.execute(
                    "SELECT r.id FROM records r WHERE r.rowid IN (SELECT rowid FROM record_grams WHERE record_grams MATCH ?)",
                    [match])}
                assert expected <= candidates, query
            assert _found(db, query) == expected, query
        assert looked_up > 100
