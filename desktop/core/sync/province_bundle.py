"""The county's bundle to the province: the month's figures and keyed person hashes, nothing more.

`township export --to DIR --to-province [--month YYYY-MM]` writes `TD-131025-P000003.tdb`, a
bundle of kind `county-province` (bundle.KIND_PROVINCE) in the same format as every other bundle:
a manifest signed by the county's key, a payload of gzip'd JSON lines streamed through age to the
province hub's recipient (from the enrolled province pack, province_trust.py) and to the county
itself. What it carries is decided by PIPL's minimum-necessary rule (docs/HUB.md "What a county
sends the province"):

- per township, the month's figures of the four measures exactly as the county's own circular
  computes them (desktop/core/reports/circular.py `build`): present records and task, villages
  covered and villages, cross-checks answered in time and received, items imported and sent, and
  how many records changed in the month (the "sent nothing" remark). Counts only;
- per present person, `HMAC-SHA256(province matching key, ID number)` and the township holding the
  record: all the province needs to find one person registered in two counties and tell each
  county which township to ask. No ID, name, birth date, address or record leaves the county;
- the county's townships with their public keys, so the hub takes their bundles without the
  operator enrolling each (keys, not people);
- the cross-check items the county cannot route itself (`items`): a township's request about a
  person of another county, and the receipts and answers of its townships to requesters in other
  counties - what the province already reads today on paper (docs/HUB.md "Cross-county
  cross-checks"). A request carries the keyed hash of the person's ID beside it, which the hub
  finds the township holding the person by. Items travel until the hub has stored a bundle
  carrying them (its answer to the post is the acknowledgement), and the hub routes each once.

Between the monthly bundles, `sync now` sends an items-only bundle (no month: no figures and no
persons) when such items wait, so a cross-check does not wait for the end of the month.

Each bundle is a snapshot: the province replaces the county's figures of that month and its set of
person hashes with a newer bundle's (a larger sequence), and a resend changes nothing.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path

from desktop.core.clock import now_iso
from desktop.core.codelists import codelists_divisions
from desktop.core.errors import UserError
from desktop.core.exchange import crosschecks, exchange
from desktop.core.forms import roles
from desktop.core.forms.keys import FormKeys
from desktop.core.i18n import Text, plural
from desktop.core.paths import DataDir
from desktop.core.reports import circular, names
from desktop.core.store import settings
from desktop.core.store.db import Database, transaction
from desktop.core.sync import bundle, outbox, province_trust
from desktop.core.sync.bundle import TrustedKey
from desktop.core.sync.keys import load_keys

SENT = "province_sent"   # settings: the last county bundle written for the province {sequence, sha256, ...}


def person_key(match_key: bytes, id_number: str) -> str:
    """The keyed hash the province matches people by. A plain sha256 would not do: an ID number
    has some 10^11 possible values, far fewer once the region and an age range are known, so
    anyone holding the hashes could hash every candidate and read the IDs back in minutes. Without
    the province's key, the HMAC of a candidate cannot be computed at all."""
    return hmac.new(match_key, id_number.strip().upper().encode("ascii", "replace"), sha256).hexdigest()


def figures(db: Database, county: str, month: str, divisions=None, forms=None) -> tuple[circular.Circular, list[dict]]:
    """The circular of `month` and its rows as the payload carries them (one per township)."""
    report = circular.build(db, county, month, divisions, forms)
    rows = [{"township": row.code, "name_zh": row.name.zh, "name_en": row.name.en, "task": row.task,
             "task_set_by_county": row.task_set_by_county, "present": row.present, "villages": row.villages,
             "villages_covered": row.villages_covered, "changes_in_month": row.changes_in_month,
             "feedback_received": row.feedback_received, "feedback_in_time": row.feedback_in_time,
             "receipt_sent": row.receipt_sent, "receipt_imported": row.receipt_imported}
            for row in sorted(report.rows, key=lambda row: row.code)]
    return report, rows


def present_ids_sql(fields: int, status_sql: str) -> str:
    """The query of `present_ids` for `fields` person-ID fields (parameters: the form, the fields).
    The records are read in the table's own order (NOT INDEXED): through the form's index they
    were read in that index's order, a random page of the table for each - 34 s at 1,000,000
    records against 13.8 s in the table's order (docs/PERFORMANCE.md)."""
    marks = ",".join("?" for _ in range(fields))
    return ("SELECT k.value, r.township FROM records r NOT INDEXED JOIN record_keys k ON k.record_id = r.id"
            f" WHERE r.form_id = ? AND k.form_id = r.form_id AND k.field IN ({marks}) AND r.deleted = 0"
            f" AND r.status = 'complete' AND coalesce({status_sql}, 'present') != 'left' ORDER BY r.township, k.value")


def present_ids(db: Database, paths: DataDir | None, forms=None):
    """(ID number, township) of every present floating-population record, read from the cursor:
    the records are never held in memory; the pairs are, while SQLite sorts them (its temporary
    B-trees are in memory: about 70 MB at 1,000,000 records)."""
    fields = [name for form_id, name in FormKeys.for_data_dir(paths).person_id_fields()
              if form_id == circular.POPULATION_FORM]
    if not fields:
        return
    status_sql = roles.sql_value(roles.STATUS, roles.names_by_form(forms, roles.STATUS) if forms else None,
                                 data="r.data", form_column="r.form_id")
    yield from db.execute(present_ids_sql(len(fields), status_sql), [circular.POPULATION_FORM, *fields])


def write_bundle(folder: Path, keys, province_recipient: str, header: dict, person_rows, *, sequence: int,
                 previous_sha256: str | None):
    """Sign and write one county bundle for the province from its header and person rows (any
    iterable, consumed once, counted as it goes); (path, VerifiedBundle, persons written)."""
    county = header["township"]
    persons = 0

    def counted():
        nonlocal persons
        for row in person_rows:
            persons += 1
            yield row

    with bundle.encrypt_payload(bundle.KIND_PROVINCE, header, {"persons": counted()},
                                [province_recipient, keys.public().age_recipient]) as encrypted:
        path, verified = bundle.write_streamed_bundle(
            folder, encrypted, [TrustedKey(keys.public(), county, "county")], keys=keys, county=county,
            township=county, sequence=sequence, previous_sha256=previous_sha256,
            counts={"figures": len(header["figures"]), "persons": persons,
                    **({"items": len(header["items"])} if "items" in header else {})})
    return path, verified, persons


@dataclass(frozen=True)
class Written:
    path: Path
    sequence: int
    sha256: str
    month: str               # "" for an items-only bundle
    townships: int
    persons: int
    items: int = 0

    @property
    def counts(self) -> dict:
        return {"items": self.items}

    def describe(self) -> Text:
        items = (Text(f", {plural(self.items, 'cross-county item')}", f"，{self.items} 个跨县事项")
                 if self.items else Text("", ""))
        if not self.month:
            return Text(f"wrote {self.path.name} for the province: {plural(self.items, 'cross-county item')}",
                        f"已写入报省数据包 {self.path.name}：{self.items} 个跨县事项")
        return Text(f"wrote {self.path.name} for the province: {self.month}, "
                    f"{plural(self.townships, 'township')}, {plural(self.persons, 'person key')}",
                    f"已写入报省数据包 {self.path.name}：{self.month}，{self.townships} 个乡镇，"
                    f"{self.persons} 个人员比对码") + items + Text("; written and verified: safe to remove",
                                                             "；已写入并校验：可以安全拔出")


def township_keys(db: Database) -> list[dict]:
    """The county's townships with their active keys (public halves only): the hub takes their
    bundles on the county's word, as the townships take the county's on its pack."""
    from desktop.core.sync import trust

    return [{"code": row["owner"], "signing_key": " ".join(row["signing_key"].split()[:2]),
             "age_recipient": row["age_recipient"]}
            for row in trust.enrolled(db, status="active") if row["role"] == "township"]


def _require_county(db: Database) -> str:
    if settings.get(db, settings.ROLE) != "county":
        raise UserError(Text("only the county sends bundles to the province", "只有县端向省级报送数据"),
                        code="wrong-role")
    return settings.get(db, settings.COUNTY)


def outside_items(db: Database, county: str, match_key: bytes) -> list[dict]:
    """The items waiting here for a township of another county (see the module's docstring), each
    request with the keyed hash of its person's ID."""
    items = []
    for item in exchange.pending_outside(db, county):
        id_number = item["payload"].get("subject_id_number") if item["type"] == crosschecks.REQUEST else None
        if isinstance(id_number, str) and id_number:
            item["person"] = person_key(match_key, id_number)
        items.append(item)
    return items


def outside_items_unsent(db: Database) -> bool:
    """Whether an item for another county waits that no bundle for the province carried yet."""
    if settings.get(db, settings.ROLE) != "county" or province_trust.enrolled_province(db) is None:
        return False
    return exchange.unsent_outside_count(db, settings.get(db, settings.COUNTY)) > 0


def _write(db: Database, paths: DataDir, folder: Path, county: str, province, header: dict, person_rows,
           month: str | None) -> Written:
    """Sign, write, keep for the network and record the next county bundle for the province."""
    keys = load_keys(paths.keys)
    last = settings.get(db, SENT) or {}
    sequence = int(last.get("sequence", 0)) + 1
    items = outside_items(db, county, province.match_key)
    header = {**header, "township": county, "province": province.code, "built_at": now_iso(),
              "match_key_id": province.match_key_id, "townships": township_keys(db)}
    if items:       # left out when none: the bundle stays what a hub without routing reads
        header["items"] = items
    path, verified, persons = write_bundle(folder, keys, province.keys.age_recipient, header, person_rows,
                                           sequence=sequence, previous_sha256=last.get("sha256"))
    outbox.keep_copy(paths, path)   # by network too, when the province hub is reachable
    with transaction(db):
        settings.put(db, SENT, {"sequence": sequence, "sha256": verified.sha256, "month": month or last.get("month"),
                                "at": now_iso(), "file": path.name, "province": province.code})
        outbox.queue(db, sha256=verified.sha256, kind=bundle.KIND_PROVINCE, township=county, sequence=sequence,
                     file_name=path.name)
        exchange.mark_sent(db, [item["id"] for item in items], sequence)
    return Written(path, sequence, verified.sha256, month or "", len(header.get("figures", ())), persons,
                   len(items))


def export_to_province(db: Database, paths: DataDir, folder: Path, month: str, *, forms=None) -> Written:
    """County: write the next county bundle for the enrolled province into `folder`."""
    county = _require_county(db)
    province = province_trust.require_province(db)
    circular.month_bounds(month)   # refuses what is not a month before anything is read
    divisions = codelists_divisions.for_data_dir(paths)
    report, rows = figures(db, county, month, divisions, forms)
    rows_out = ({"k": person_key(province.match_key, id_number), "t": township}
                for id_number, township in present_ids(db, paths, forms))
    header = {"county_name_zh": report.county_name.zh, "county_name_en": report.county_name.en,
              "month": month[:7], "figures": rows}
    return _write(db, paths, folder, county, province, header, rows_out, month[:7])


def export_items(db: Database, paths: DataDir, folder: Path) -> Written | None:
    """County: an items-only bundle for the province when items for other counties wait that no
    bundle carried yet (sync now runs it); None when there are none."""
    if not outside_items_unsent(db):
        return None
    county = _require_county(db)
    province = province_trust.require_province(db)
    divisions = codelists_divisions.for_data_dir(paths)
    name = names.division_name(county, divisions)
    header = {"county_name_zh": name.zh, "county_name_en": name.en, "figures": []}
    return _write(db, paths, folder, county, province, header, (), None)


def acknowledged(db: Database, sequence: int) -> int:
    """The hub stored county bundle `sequence` (its answer to the post): the items it carried, and
    those of the bundles before it, are delivered; returns how many. Call inside a transaction."""
    county = settings.get(db, settings.COUNTY)
    return exchange.mark_acked_outside(db, county, sequence)
