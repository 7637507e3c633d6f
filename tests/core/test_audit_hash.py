"""The audit chain's row hash: the canonical JSON of the row's fields, built directly for the
types a row holds (desktop.core.store.audit._row_material), is character for character what
json.dumps writes, so every hash already written and every township's trail still verifies."""

from __future__ import annotations

import random

from desktop.core.store import audit


def test_the_material_is_what_json_dumps_writes():
    alphabet = ['a', '"', '\\', '\n', '\t', '\x00', '\x1f', '\x7f', '张', 'é', '\u2028', '\ufeff', '𝄞', '/', ' ']
    rnd = random.Random(16)

    def text():
        return "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12)))

    for _ in range(20000):
        values = [rnd.choice([rnd.randint(-2**70, 2**70), rnd.randint(0, 10**6), 0]), text(), text(), text(),
                  rnd.choice([None, text()]), rnd.choice([None, text()]), text(), rnd.choice([None, text()]), text()]
        assert audit._row_material(tuple(values)) == audit.canonical_json(values)


def test_other_types_fall_back_to_json_dumps():
    assert audit._row_material((True, "a")) is None and audit._row_material((1.5,)) is None
    # the hash of such a row is still json.dumps's: true is not 1
    assert audit.row_hash(True, "t", "c", "e", None, None, "{}", None, audit.GENESIS) != \
        audit.row_hash(1, "t", "c", "e", None, None, "{}", None, audit.GENESIS)


def test_a_known_row_keeps_its_hash():
    """A row hashed by the code before the direct material (json.dumps of the fields), fixed."""
    digest = audit.row_hash(1, "2026-11-26T09:00:00+08:00", "王丽", "create", "r-1", "floating_population",
                            '{"values":{"name":"测试"}}', None, audit.GENESIS)
    assert digest == "42bbcefec3d3b78194d55aa6fd13bd70c1bab3f5b2a946287bc8cd1d30c97404"
