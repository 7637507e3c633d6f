"""`township records list` prints each record as it is read (desktop.cli.common.print_json_items,
desktop.core.store.records.each): the JSON is the same text as the whole list dumped at once, and
a listing of many records never holds them all."""

from __future__ import annotations

import io
import json
import sys

from desktop.cli.common import print_json, print_json_items
from desktop.core.store import records


def _printed(monkeypatch, write, value) -> str:
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    write(value)
    return out.getvalue()


def test_items_are_printed_as_the_whole_list_would_be(monkeypatch):
    rows = [{"id": "a", "fields": {"name": "张三", "family": [{"x": 1}, {"y": [1, 2]}]}}, {"id": "b", "fields": {}}]
    for value in ([], rows[:1], rows):
        assert _printed(monkeypatch, print_json_items, iter(value)) == _printed(monkeypatch, print_json, value)
        assert json.loads(_printed(monkeypatch, print_json_items, iter(value))) == value


def test_the_listing_reads_its_records_one_at_a_time(township):
    for name in ("张三", "张四", "李五"):
        records.save(township.db, form_id="floating_population", form_version="1", township="131025100",
                     values={"name": name}, clerk="王丽")
    found = records.each(township.db, search="zhang")
    assert not isinstance(found, list)
    assert sorted(r.values["name"] for r in found) == ["张三", "张四"]
    assert [r.id for r in records.each(township.db, limit=2)] == [r.id for r in records.query(township.db, limit=2)]
