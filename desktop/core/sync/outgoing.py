"""Writing bundles: a township's data bundle for the county, the county's return bundles.

Township export: everything not yet acknowledged by the county - records changed after the
acknowledged audit position, the audit rows after it, and outgoing exchange items - in one
cumulative bundle, sequence +1, naming the previous bundle's sha256. The bundle is written and
verified on the target first; only then, in one transaction, is it recorded as sent. A failure
at any point leaves nothing marked sent and no file with a final name.

County return: for each township, an acknowledgement of the last bundle applied (its sequence,
sha256, audit position, the items it carried, records refused and why), the code lists and
form packs the county holds (the township keeps only newer versions), and the exchange items
addressed to the township.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.core.clock import now_iso
from desktop.core.errors import UserError
from desktop.core.exchange import exchange
from desktop.core.i18n import Text, plural
from desktop.core.paths import DataDir
from desktop.core.progress import Progress, ensure
from desktop.core.store import audit, settings
from desktop.core.store.db import Database, transaction
from desktop.core.store.records import BUNDLE_COLUMNS
from desktop.core.sync import bundle, faults, outbox, positions, resources, trust
from desktop.core.sync.keys import InstallKeys

log = logging.getLogger("township.sync")

ACKED_THROUGH = "sync_acked_through"       # township: county has our audit rows up to here
AUDIT_COLUMNS = audit.COLUMNS
# carried, never "pending": our own export/import rows, and keying rows (each follows a save, which is)
BOOKKEEPING_EVENTS = ("sync", "keying")


@dataclass(frozen=True)
class Written:
    path: Path
    township: str
    sequence: int
    sha256: str
    counts: dict

    def describe(self) -> Text:
        return Text(f"wrote {self.path.name} ({self.counts.get('records', 0)} records, "
                    f"{self.counts.get('audit', 0)} audit rows, {self.counts.get('items', 0)} items); "
                    "verified on the drive: safe to remove",
                    f"已写入 {self.path.name}（{self.counts.get('records', 0)} 条记录，{self.counts.get('audit', 0)} 条日志，"
                    f"{self.counts.get('items', 0)} 个事项）；已在磁盘上校验，可以安全拔出")


def last_sent(db: Database, kind: str, township: str) -> tuple[int, str | None]:
    row = db.execute("SELECT sequence, sha256 FROM sync_sent WHERE kind = ? AND township = ? "
                     "ORDER BY sequence DESC LIMIT 1", [kind, township]).fetchone()
    return (row[0], row[1]) if row else (0, None)


def acked_through(db: Database) -> int:
    return int(settings.get(db, ACKED_THROUGH, 0) or 0)


def record_row(row) -> dict:
    """A record as carried in a bundle; `data` stays the JSON text exactly as stored (canonical,
    sorted keys), which is both the evidence and the cheapest form to carry."""
    record = dict(zip((*BUNDLE_COLUMNS, "search_text"), row, strict=True))
    record["deleted"] = bool(record["deleted"])
    return record


def audit_row(row) -> dict:
    return dict(zip(AUDIT_COLUMNS, row, strict=True))


def _recipients_or_refuse(db, owner: str, what: Text) -> list[str]:
    recipients = trust.active_recipients(db, owner)
    if not recipients:
        raise UserError(Text(f"no enrolled key for {what.en} {owner}: enroll it first (township keys enroll FILE)",
                             f"{what.zh} {owner} 没有已登记的密钥：请先登记（township keys enroll 文件）"),
                        code="not-enrolled")
    return recipients


def _record_sent(db, kind: str, township: str, written: Written, target: Path, through_seq: int,
                 item_ids: list[str], keys_note: dict, received_ids: list[str] = (), *,
                 paths: DataDir | None = None) -> None:
    if paths is not None:   # a bundle for the stick is also one for the network, when a link comes
        outbox.keep_copy(paths, written.path)
    with transaction(db):
        if paths is not None:
            outbox.queue(db, sha256=written.sha256, kind=kind, township=township, sequence=written.sequence,
                         file_name=written.path.name)
        db.execute("INSERT INTO sync_sent (kind, township, sequence, sha256, file_name, target, created_at,"
                   " through_seq, counts) VALUES (?,?,?,?,?,?,?,?,?)",
                   [kind, township, written.sequence, written.sha256, written.path.name, str(target), now_iso(),
                    through_seq, json.dumps(written.counts)])
        exchange.mark_sent(db, item_ids, written.sequence)
        exchange.mark_reported(db, received_ids, written.sequence)
        audit.append(db, "sync", clerk=keys_note.get("clerk") or "system",
                     details={"action": "export", "kind": kind, "township": township, "sequence": written.sequence,
                              "sha256": written.sha256, "counts": written.counts})


def _adopt(db, target: Path, kind: str, township: str, keys: InstallKeys, trusted, clerk,
           signer: InstallKeys | None = None, paths: DataDir | None = None) -> Written | None:
    """A bundle with our next sequence already under its final name in `target` (an export killed
    between the rename and recording it as sent): when it verifies, is ours (signed by `signer`,
    default `keys`) and follows our last sent bundle, record it as sent instead of writing
    different bytes under the same sequence."""
    sequence, previous = last_sent(db, kind, township)
    path = Path(target) / bundle.bundle_file_name(kind, township, sequence + 1)
    try:
        if not path.is_file():
            return None
        with bundle.open_bundle_stream(path, trusted, keys.all_age_identities(), kind) as opened:
            pass             # its header (checked) is all that adopting reads: the lists stay on the drive
    except (OSError, UserError):
        return None          # damaged or not ours: the new bundle replaces it, as before
    m, payload = opened.manifest, opened.payload
    if (m.township != township or m.sequence != sequence + 1 or m.previous_sha256 != previous
            or opened.signer.fingerprint != (signer or keys).public().fingerprint
            or (kind == bundle.KIND_DATA and not positions.written_from_this_trail(db, payload))
            or (kind == bundle.KIND_RETURN and not positions.return_still_current(
                payload, _ack_for(db, township), exchange.pending_out(db, township)))):
        return None
    written = Written(path, township, m.sequence, opened.sha256, dict(m.counts))
    items = [i["id"] for i in payload.get("items", [])]
    _record_sent(db, kind, township, written, Path(target), int(payload.get("through_seq", 0)), items,
                 {"clerk": clerk}, payload.get("received_items", []), paths=paths)
    log.info("recorded %s, found complete on the target, as sent", path.name)
    return written


EXPORT_STEPS = 4   # read the changes, sign and encrypt, write and verify, record as sent


SORTED_IN_MEMORY_MAX = 2_000   # changed records an export sorts by id in memory; more: read in the id index's order


def changed_records_sql(columns: str, count: int) -> str:
    """The export's query of the records changed since the acknowledged position (parameters: that
    position, the township), in id order. The planner takes the change index and sorts what it
    finds; SQLCipher keeps its temporary B-trees in memory (TEMP_STORE=2: no plaintext in a
    temporary file), so a first export of 500,000 records held them all (322 MB, over the 300 MB
    budget). More than SORTED_IN_MEMORY_MAX walk the id index instead, which is in that order
    already (as fast at 100,000 records: 0.36-0.44 against 0.42-0.47 s)."""
    hint = " INDEXED BY sqlite_autoindex_records_1" if count > SORTED_IN_MEMORY_MAX else ""
    return f"SELECT {columns} FROM records{hint} WHERE last_audit_seq > ? AND township = ? ORDER BY id"


def township_records(db: Database, township: str) -> Iterator[dict]:
    """Every record of `township` the county holds, as a bundle carries them (a rejoin's streamed
    list), read from the cursor: 500,000 records are never held at once. In the order of the
    township's change index, which needs no sort (ORDER BY id sorted them all in memory, as the
    export's query did; see changed_records_sql)."""
    for row in db.execute(f"SELECT {', '.join(BUNDLE_COLUMNS)}, search_text FROM records WHERE township = ?"
                          " ORDER BY last_audit_seq", [township]):
        yield record_row(row)


def export_township(db: Database, paths: DataDir, target: Path, *, clerk: str | None = None,
                    keys: InstallKeys | None = None, progress: Progress | None = None) -> Written | None:
    """Write the township's next data bundle into `target`; None when nothing is pending.
    `progress` hears the steps; cancelling is possible until the file is written (nothing is
    kept then)."""
    progress = ensure(progress)
    progress(0, EXPORT_STEPS, Text("reading the changes to send", "读取要发送的更改"))
    role, township = trust.own_code(db)
    if role != "township":
        raise UserError(Text("only a township exports data bundles; the county writes return bundles",
                             "只有乡镇端导出数据包；县端写回执包"), code="wrong-role")
    county = settings.get(db, settings.COUNTY)
    keys = keys or trust.install_keys(paths)
    recipients = _recipients_or_refuse(db, county, Text("the county", "县")) + [keys.public().age_recipient]
    trusted = trust.trusted_keys(db, keys, "township", township)
    adopted = _adopt(db, Path(target), bundle.KIND_DATA, township, keys, trusted, clerk, paths=paths)
    if adopted is not None:
        progress(EXPORT_STEPS, EXPORT_STEPS)
        return adopted
    columns = f"{', '.join(BUNDLE_COLUMNS)}, search_text"
    db.execute("BEGIN")  # one snapshot: records, audit and items as of the same moment
    try:
        since = acked_through(db)
        head_seq, head_hash = audit.head(db)
        changed = "FROM records WHERE last_audit_seq > ? AND township = ?"
        form_versions: dict[str, set] = {}
        record_count = 0
        for form_id, form_version, count in db.execute(
                f"SELECT form_id, form_version, count(*) {changed} GROUP BY form_id, form_version", [since, township]):
            form_versions.setdefault(form_id, set()).add(form_version)
            record_count += count
        trail_rows = "FROM audit WHERE seq > ? AND seq <= ?"
        audit_count = db.execute(f"SELECT count(*) {trail_rows}", [since, head_seq]).fetchone()[0]
        substantive = db.execute(f"SELECT 1 {trail_rows} AND event NOT IN ({','.join('?' * len(BOOKKEEPING_EVENTS))})"
                                 " LIMIT 1", [since, head_seq, *BOOKKEEPING_EVENTS]).fetchone()
        items = exchange.pending_out(db)
        received = exchange.received_unconfirmed(db)
        sequence, previous = positions.next_data_sequence(db, last_sent(db, bundle.KIND_DATA, township))
        extra = positions.data_payload_fields(db, township)
        if not record_count and not items and not substantive and not received and "rebase" not in extra \
                and not positions.return_refused_by_sequence(db, township):
            return None
        counts = {"records": record_count, "audit": audit_count, "items": len(items)}
        progress.check()
        progress(1, EXPORT_STEPS, Text(f"signing and encrypting {plural(record_count, 'record')}",
                                       f"签名并加密 {record_count} 条记录"))
        header = {"township": township, "from_seq": since, "through_seq": head_seq, "audit_head": head_hash,
                  "items": items, "received_items": received, **extra}

        def audit_rows():
            for row in db.execute(f"SELECT {', '.join(AUDIT_COLUMNS)} {trail_rows} ORDER BY seq", [since, head_seq]):
                yield audit_row(row)

        def records():   # streamed from the cursor: a chunk at a time, never the whole list
            for row in db.execute(changed_records_sql(columns, record_count), [since, township]):
                yield record_row(row)

        encrypted = bundle.encrypt_payload(bundle.KIND_DATA, header, {"audit": audit_rows(), "records": records()},
                                           recipients)
    finally:
        db.execute("COMMIT")
    with encrypted:
        faults.point("export-read")
        faults.point("export-built")
        progress.check()   # the last safe point: from here the file gets its final name
        progress(2, EXPORT_STEPS, Text("writing and verifying the bundle", "写入并校验同步包"))
        path, verified = bundle.write_streamed_bundle(
            Path(target), encrypted, trusted, keys=keys, county=county, township=township, sequence=sequence + 1,
            previous_sha256=previous, form_versions={form: ",".join(sorted(v)) for form, v in form_versions.items()},
            counts=counts)
    faults.point("export-written")
    written = Written(path, township, sequence + 1, verified.sha256, counts)
    progress(3, EXPORT_STEPS, Text("recording the bundle as sent", "记录同步包已发送"))
    _record_sent(db, bundle.KIND_DATA, township, written, Path(target), head_seq, [i["id"] for i in items],
                 {"clerk": clerk}, received, paths=paths)
    faults.point("export-recorded")
    progress(EXPORT_STEPS, EXPORT_STEPS)
    log.info("exported %s", written.path.name)
    return written


def _ack_for(db, township: str) -> dict:
    peer = db.execute("SELECT last_sequence, last_sha256, through_seq, item_ids, gaps FROM sync_peers "
                      "WHERE kind = ? AND township = ?", [bundle.KIND_DATA, township]).fetchone()
    refused_records = [{"record": r[0], "reason": r[1], "sequence": r[2]} for r in db.execute(
        "SELECT record_id, reason, sequence FROM sync_record_refusals WHERE township = ? ORDER BY record_id", [township])]
    refused_bundles = [{"sequence": r[0], "sha256": r[1], "code": r[2], "reason": r[3], "at": r[4]} for r in db.execute(
        "SELECT sequence, sha256, code, reason, at FROM sync_received WHERE township = ? AND outcome = 'refused' "
        "ORDER BY id DESC LIMIT 20", [township])]
    ack = {"records_refused": refused_records, "bundles_refused": refused_bundles}
    if peer:
        ack.update({"sequence": peer[0], "sha256": peer[1], "through_seq": peer[2], "item_ids": json.loads(peer[3]),
                    "gaps": json.loads(peer[4])})
        ack.update(positions.county_ack(db, township))
    return ack


def export_returns(db: Database, paths: DataDir, target: Path, *, townships: list[str] | None = None,
                   clerk: str | None = None, keys: InstallKeys | None = None,
                   progress: Progress | None = None) -> list[Written]:
    """County: write a return bundle for each township (enrolled ones with news, or those named).
    `progress` hears the townships written (each bundle is written and recorded whole)."""
    progress = ensure(progress)
    role, county = trust.own_code(db)
    if role != "county":
        raise UserError(Text("only the county writes return bundles", "只有县端写回执包"), code="wrong-role")
    keys = keys or trust.install_keys(paths)
    if townships is None:
        enrolled = sorted({row["owner"] for row in trust.enrolled(db, status="active") if row["role"] == "township"})
        townships = [t for t in enrolled
                     if db.execute("SELECT 1 FROM sync_peers WHERE kind=? AND township=?", [bundle.KIND_DATA, t]).fetchone()
                     or exchange.pending_out(db, t)]
    trusted = trust.trusted_keys(db, keys, "county", county)
    updates = {"code_lists": [r.as_dict() for r in resources.installed(db, "code_list")],
               "form_packs": [r.as_dict() for r in resources.installed(db, "form_pack")]}
    results = []
    label = Text("writing the return bundles", "写回执包")
    for number, township in enumerate(townships):
        progress(number, len(townships), label)
        try:
            results.append(_export_return(db, paths, target, township, county, keys, trusted, updates, clerk))
        except UserError as error:
            if not results:
                raise
            raise PartialExport(results, error) from None
    progress(len(townships), len(townships), label)
    return results


class PartialExport(UserError):
    """Some return bundles were written and recorded as sent before the target failed."""

    def __init__(self, written: list[Written], error: UserError):
        names = ", ".join(w.path.name for w in written)
        super().__init__(Text(f"wrote and verified {plural(len(written), 'return bundle')} ({names}), recorded as sent; "
                              f"then stopped: {error.text.en}",
                              f"已写入并校验 {len(written)} 个回执包（{names}），已记为已发送；随后中止：{error.text.zh}"),
                         code=error.code)
        self.written = written


def _export_return(db, paths: DataDir, target, township: str, county: str, keys: InstallKeys, trusted,
                   updates: dict, clerk) -> Written:
    signer = trust.return_signer(db, paths, township, keys, positions.county_key_there(db, township))
    trusted = trusted + [bundle.TrustedKey(signer.public(), county, "county")]
    adopted = _adopt(db, Path(target), bundle.KIND_RETURN, township, keys, trusted, clerk, signer, paths)
    if adopted is not None:
        return adopted
    recipients = _recipients_or_refuse(db, township, Text("township", "乡镇")) + [keys.public().age_recipient]
    db.execute("BEGIN")  # one snapshot: the position a rejoin offers and the records it carries
    try:
        ack = _ack_for(db, township)
        items = exchange.pending_out(db, township)
        sequence, previous = last_sent(db, bundle.KIND_RETURN, township)
        sequence = positions.next_return_sequence(db, township, sequence) - 1  # after what the township holds
        counts = {"items": len(items), "records_refused": len(ack["records_refused"]),
                  "code_lists": len(updates["code_lists"]), "form_packs": len(updates["form_packs"])}
        header = {"township": township, "ack": ack, "updates": updates, "items": items}
        lists, carried = {}, [0]

        def rejoin_records():   # from the cursor, counted as written (the manifest is signed after)
            for record in township_records(db, township):
                carried[0] += 1
                yield record

        if "rejoin" in ack:   # its records streamed after the header (format 4)
            lists["rejoin_records"] = rejoin_records()
        encrypted = bundle.encrypt_payload(bundle.KIND_RETURN, header, lists, recipients)
        if "rejoin" in ack:
            counts["rejoin_records"] = carried[0]
    finally:
        db.execute("COMMIT")
    with encrypted:
        path, verified = bundle.write_streamed_bundle(
            Path(target), encrypted, trusted, keys=signer, county=county, township=township, sequence=sequence + 1,
            previous_sha256=previous, counts=counts)
    faults.point("export-written")
    written = Written(path, township, sequence + 1, verified.sha256, counts)
    _record_sent(db, bundle.KIND_RETURN, township, written, Path(target), 0, [i["id"] for i in items],
                 {"clerk": clerk}, paths=paths)
    with transaction(db):
        positions.offered(db, township, ack)
    faults.point("export-recorded")
    return written
