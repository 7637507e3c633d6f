"""The core reads the app's lists and filters use: a record id from its shown prefix, the forms in
use, the records list's filter, the names on corrected records, the county's last exchange."""

from desktop.core.exchange import corrections
from desktop.core.store import records
from desktop.core.sync import status
from tests.conftest import VALID_IDS


def save(ws, values, form_id="floating_population"):
    return records.save(ws.db, form_id=form_id, form_version="1", township=ws.township,
                        values=values, clerk="王丽", unique_fields=())


def test_id_from_prefix_finds_the_one_record_it_names(township):
    first = save(township, {"name": "张三"})
    second = save(township, {"name": "李四"})
    assert records.id_from_prefix(township.db, first.id[:8]) == first.id
    assert records.id_from_prefix(township.db, f"  {second.id}  ") == second.id
    assert records.id_from_prefix(township.db, "") is None
    assert records.id_from_prefix(township.db, "%") is None           # not a wildcard
    assert records.id_from_prefix(township.db, "no-such-id") is None
    common = next((n for n in range(8, 0, -1) if first.id[:n] == second.id[:n]), 0)
    if common:
        assert records.id_from_prefix(township.db, first.id[:common]) is None   # two match


def test_form_ids_in_use_lists_each_form_once_sorted(township):
    assert records.form_ids_in_use(township.db) == []
    save(township, {"name": "张三"})
    save(township, {"name": "李四"})
    save(township, {"number": "7"}, form_id="equipment")
    assert records.form_ids_in_use(township.db) == ["equipment", "floating_population"]


def test_list_filter_selects_by_village_date_and_status(township):
    here = save(township, {"name": "张三", "village": "131025100001"})
    save(township, {"name": "李四", "village": "131025100002"})
    gone = save(township, {"name": "王五", "village": "131025100001"})
    records.delete(township.db, gone.id, clerk="王丽", reason="entered twice")
    found = lambda **kw: {r.id for r in records.query(township.db, **records.list_filter(**kw))}  # noqa: E731
    assert found(village="131025100001") == {here.id}
    assert found(status="deleted") == {gone.id}
    assert records.count(township.db, **records.list_filter(status="deleted")) == 1
    day = here.updated_at[:10]
    assert here.id in found(date_from=day, date_to=day)
    assert found(date_to="2000-01-01") == set()
    assert found(status="draft") == set()
    assert found(search="张三") == {here.id}


def test_names_on_records_skips_records_without_a_name(township):
    named = save(township, {"name": "张三", "id_number": VALID_IDS[0]})
    nameless = save(township, {"number": "7"}, form_id="equipment")
    assert corrections.names_on_records(township.db, [named.id, nameless.id, "missing"]) == {named.id: "张三"}
    assert corrections.names_on_records(township.db, set()) == {}


def test_county_last_exchange_reads_the_latest_of_each(township):
    db = township.db
    assert status.county_last_exchange(db) == (None, None)
    for sequence, at in ((1, "2026-05-01T08:00:00"), (2, "2026-05-03T08:00:00")):
        db.execute("INSERT INTO sync_sent VALUES ('county-return', '131025100', ?, 'x', 'f', 't', ?, 0, '{}')",
                   [sequence, at])
    for township_code, at in (("131025100", "2026-05-02T09:00:00"), ("131025101", "2026-05-04T09:00:00")):
        db.execute("INSERT INTO sync_peers (kind, township, last_sequence, last_sha256, last_import_at) "
                   "VALUES ('township-data', ?, 1, 'x', ?)", [township_code, at])
    db.execute("INSERT INTO sync_peers (kind, township, last_sequence, last_sha256, last_import_at) "
               "VALUES ('county-return', '131025', 1, 'x', '2026-06-01T00:00:00')")
    assert status.county_last_exchange(db) == ("2026-05-03T08:00:00", "2026-05-04T09:00:00")
