"""Reading bundles: the county applies township data bundles (and the province's bundles of
cross-county items), a township applies return bundles.

Every bundle is verified (signature against enrolled keys, then hashes) before it is decrypted,
and applied all or nothing in one transaction. Per sender the sequence must rise: the same
bundle again changes nothing ("already imported"), an older or replayed one is refused, and a
jump is reported as a gap - healed at once when the bundle starts at or below what the county
holds, because a data bundle carries everything the county has not acknowledged (otherwise the
next return bundle asks for a resend). A bundle at or below the last sequence that the county
never applied is a rejoin request (desktop.core.sync.positions: restores and new PCs). Every
attempt, refused or not, is logged in sync_received for the county's screen; nothing else changes
when a bundle is refused.

A record belongs to the township that created it: a bundle may add or change only its own
township's records, and only to a higher version, so nothing is silently overwritten and the
order of imports does not matter. The records are written by desktop.core.store.records (the one
writer of the records table), indexed by the unique fields their form declares; the same person ID
in current records of two townships is flagged in sync_resident_conflicts
(desktop.core.store.person_ids) for the cross-checks work.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

from desktop.core.clock import now_iso
from desktop.core.errors import UserError
from desktop.core.exchange import exchange
from desktop.core.forms.keys import FormKeys
from desktop.core.i18n import Text, plural
from desktop.core.paths import DataDir
from desktop.core.progress import Cancelled, Progress, ensure
from desktop.core.store import audit, person_ids, settings
from desktop.core.store import records as records_store
from desktop.core.store.db import Database, optimize, transaction
from desktop.core.sync import bundle, faults, outbox, positions, resources, trail, trust
from desktop.core.sync.enrollment import Resource
from desktop.core.sync.keys import InstallKeys
from desktop.core.sync.outgoing import ACKED_THROUGH, AUDIT_COLUMNS

log = logging.getLogger("township.sync")

LAST_ACK = "sync_last_ack"
# county: the automatic checks have not yet run over the records applied after this audit position
# (set in the transaction of the first bundle applied, cleared once the checks ran): a process
# killed between an import's commit and its checks runs them on the next import
CHECKS_PENDING = "sync_checks_pending_since"


@dataclass
class Outcome:
    """What happened to one file: applied, already imported, or refused (with the reason)."""

    file: str
    outcome: str                      # applied / already / refused
    text: Text
    code: str = ""
    township: str | None = None
    sequence: int | None = None
    notes: list[Text] = field(default_factory=list)
    # pairs of records of two townships sharing a person ID that the apply flagged (county): none
    # over every bundle of an import means the same-ID check after it can find none either
    shared_ids: int = 0

    @property
    def ok(self) -> bool:
        return self.outcome != "refused"

    def describe(self) -> Text:
        result = Text(f"{self.file}: ", f"{self.file}：") + self.text
        for note in self.notes:
            result = result + Text("\n  ", "\n  ") + note
        return result


class _Refused(UserError):
    pass


def _log_attempt(db, *, kind, township, sequence, sha256, file_name, outcome, code=None, reason=None) -> None:
    db.execute("INSERT INTO sync_received (kind, township, sequence, sha256, file_name, outcome, code, reason, at)"
               " VALUES (?,?,?,?,?,?,?,?,?)",
               [kind, township, sequence, sha256, file_name, outcome, code, reason, now_iso()])


def _bad_payload(detail: str) -> _Refused:
    return _Refused(Text(f"the bundle's content is malformed ({detail}); refused",
                         f"同步包内容格式错误（{detail}），已拒绝"), code="bad-payload")


def _position(db, kind: str, township: str):
    return db.execute("SELECT last_sequence, last_sha256, gaps FROM sync_peers WHERE kind = ? AND township = ?",
                      [kind, township]).fetchone()


MAX_GAP_RANGES = 100  # the gap report keeps the latest ranges, never a list of every number


def _add_gap(gaps: list, first: int, last: int) -> list:
    """Gaps as [first, last] ranges (older rows listed single numbers), the latest MAX_GAP_RANGES."""
    ranges = [[g, g] if isinstance(g, int) else list(g) for g in gaps] + [[first, last]]
    return sorted(ranges)[-MAX_GAP_RANGES:]


def _check_sequence(db, opened: bundle.OpenedBundle) -> tuple[str, list[int], list[Text]]:
    """("apply" | "already", gaps, notes), or a refusal for an older or conflicting bundle."""
    manifest = opened.manifest
    if manifest.kind == bundle.KIND_PROVINCE_RETURN:
        # the hub's bundles are not cumulative (each carries the items it routed then, kept in
        # its mailbox until fetched): each is applied once, in any order
        seen = db.execute("SELECT 1 FROM sync_received WHERE kind = ? AND sha256 = ? AND outcome = 'applied'",
                          [manifest.kind, opened.sha256]).fetchone()
        return ("already" if seen else "apply"), [], []
    position = _position(db, manifest.kind, manifest.township)
    last_sequence, last_sha, gaps = (position[0], position[1], json.loads(position[2])) if position else (0, None, [])
    if manifest.sequence == last_sequence and opened.sha256 == last_sha:
        return "already", gaps, []
    if manifest.kind == bundle.KIND_DATA and positions.rejoin_already_requested(db, manifest.township, opened.sha256):
        return "already", gaps, []
    if manifest.kind == bundle.KIND_DATA and manifest.sequence <= last_sequence:
        if positions.is_rejoin_request(db, manifest.township, manifest.sequence, opened.sha256, gaps):
            return "rejoin", gaps, []
    if manifest.kind == bundle.KIND_DATA and positions.rejoin_pending(db, manifest.township, opened.payload):
        return "rejoin", gaps, []
    if manifest.kind == bundle.KIND_RETURN and manifest.sequence == last_sequence:
        return "apply", gaps, [positions.renumbered_return_note(manifest.sequence)]
    if manifest.sequence == last_sequence:
        raise _Refused(Text(f"a different bundle with sequence {manifest.sequence} of {manifest.township} was "
                            "already imported; refused (the next bundle from there will carry these changes)",
                            f"已导入过 {manifest.township} 序号为 {manifest.sequence} 的另一个同步包，已拒绝（下一个包会带上这些更改）"),
                       code="sequence-conflict")
    if manifest.sequence < last_sequence:
        raise _Refused(Text(f"bundle {manifest.sequence} of {manifest.township} is older than the last imported "
                            f"({last_sequence}): a replayed or outdated bundle; refused",
                            f"{manifest.township} 的同步包 {manifest.sequence} 早于已导入的最新包（{last_sequence}）：重放或过期的包，已拒绝"),
                       code="older-sequence")
    if manifest.sequence - last_sequence > bundle.MAX_SEQUENCE_JUMP:
        raise _Refused(Text(f"bundle {manifest.sequence} of {manifest.township} jumps more than "
                            f"{bundle.MAX_SEQUENCE_JUMP} numbers past the last imported ({last_sequence}); no sender "
                            "writes that many bundles: refused",
                            f"{manifest.township} 的同步包 {manifest.sequence} 比已导入的最新包（{last_sequence}）跳过了超过 "
                            f"{bundle.MAX_SEQUENCE_JUMP} 个序号，不可能是正常发送的包，已拒绝"), code="sequence-jump")
    notes = []
    first, last = last_sequence + 1, manifest.sequence - 1
    if first <= last:
        gaps = _add_gap(gaps, first, last)
        notes.append(positions.gap_note(db, manifest.township, opened.payload, first, last)
                     if manifest.kind == bundle.KIND_DATA else
                     Text(f"bundles {first}..{last} never arrived; this cumulative bundle carries their "
                          "changes (gap healed)",
                          f"同步包 {first}..{last} 未收到；本包为累积包，已包含其更改（缺口已补）"))
    elif position and manifest.previous_sha256 != last_sha:
        notes.append(Text("this bundle does not name the previously imported one as its predecessor "
                          "(the township may have restored a backup); its content was applied",
                          "本包声明的上一包与已导入的不一致（乡镇可能恢复过备份）；内容已导入"))
    return "apply", gaps, notes


def _save_position(db, opened: bundle.OpenedBundle, gaps: list[int], through_seq: int = 0,
                   item_ids: list[str] | None = None) -> None:
    m = opened.manifest
    db.execute("INSERT INTO sync_peers (kind, township, last_sequence, last_sha256, last_import_at, through_seq, gaps,"
               " item_ids) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(kind, township) DO UPDATE SET"
               " last_sequence=excluded.last_sequence, last_sha256=excluded.last_sha256,"
               " last_import_at=excluded.last_import_at, through_seq=excluded.through_seq,"
               " gaps=excluded.gaps, item_ids=excluded.item_ids",
               [m.kind, m.township, m.sequence, opened.sha256, now_iso(), through_seq, json.dumps(gaps),
                json.dumps(item_ids or [])])


def _values_of(record: dict, what: str) -> dict:
    """A received record's field values (its `data`, JSON text of an object), or a refusal."""
    try:
        values = json.loads(record["data"])
    except ValueError:
        values = None
    if not isinstance(values, dict):
        raise _bad_payload(what)
    return values


def _refuse_record(db, township: str, record_id: str, reason: str, sequence: int) -> None:
    db.conn.execute("INSERT OR REPLACE INTO sync_record_refusals VALUES (?,?,?,?,?)",
                    [township, record_id, reason, sequence, now_iso()])


def _held_versions(conn, ids: list[str]) -> dict[str, tuple[str, int]]:
    """{id: (township, version)} of the records among `ids` held here: one lookup per 500 ids."""
    held = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        held.update((row[0], (row[1], row[2])) for row in conn.execute(
            f"SELECT id, township, version FROM records WHERE id IN ({','.join('?' * len(chunk))})", chunk))
    return held


def _apply_records(db, records: list, township: str, sequence: int, audit_seq: int, form_keys: FormKeys,
                   progress: Progress | None = None) -> dict:
    """Add or update the township's own records where the bundle holds a newer version.

    Batched (one lookup per 500 ids, one bulk write through desktop.core.store.records) so 50,000
    records import in seconds; the unique and person-ID fields come from the forms (`form_keys`).
    Returns how many were applied, already current ("kept") and refused (another township's), and
    the pairs of records sharing a person ID with another township's that it flagged ("shared").
    """
    conn = db.conn      # each record's fields and types were checked (sync/payload_schema) before this
    existing = _held_versions(conn, [record["id"] for record in records])
    tally = {"applied": 0, "kept": 0, "refused": 0, "shared": 0}
    received, replaced = [], set()
    for record in records:
        owner = existing.get(record["id"], (record["township"], None))[0]
        if record["township"] != township or owner != township:
            _refuse_record(db, township, record["id"], f"record {record['id']} belongs to township "
                           f"{owner if owner != township else record['township']}, not {township}", sequence)
            tally["refused"] += 1
            continue
        held = existing.get(record["id"], (None, None))[1]
        if held is not None and held >= record["version"]:
            tally["kept"] += 1
            continue
        received.append((record, _values_of(record, "record data")))
        if held is not None:
            replaced.add(record["id"])
        existing[record["id"]] = (township, record["version"])
        tally["applied"] += 1
    applied_ids = records_store.apply_received(db, received, audit_seq=audit_seq, unique_fields=form_keys.unique_fields,
                                               replaced=replaced, progress=progress)
    if conn.execute("SELECT 1 FROM sync_record_refusals WHERE township = ? LIMIT 1", [township]).fetchone():
        conn.executemany("DELETE FROM sync_record_refusals WHERE township = ? AND record_id = ?",
                         [(township, i) for i in applied_ids])
    tally["shared"] = person_ids.flag_conflicts(db, applied_ids, form_keys.person_id_fields(), held=replaced)
    return tally


def _check_audit_chain(db, township: str, rows: list[dict]) -> None:
    """The township's audit rows must be its hash chain, unbroken and unchanged: each row's hash
    recomputes, each names the one before, and a row the county already holds is the same row.
    The bundle's signature proves who sent it; this proves the trail was not rewritten on the way
    from the clerk's keystrokes to the county (痕迹管理)."""
    def refuse(seq: int, en: str, zh: str) -> _Refused:
        return _Refused(Text(f"the audit trail of {township} does not verify at row {seq}: {en}; refused",
                             f"{township} 的操作痕迹在第 {seq} 行校验不通过：{zh}，已拒绝"), code="audit-chain")

    if not rows:
        return
    ordered = sorted(rows, key=lambda r: r["seq"])
    # the rows already held from the one before the first to the last: one query, not one per row
    held = dict(db.execute("SELECT seq, hash FROM sync_audit_in WHERE township = ? AND seq BETWEEN ? AND ?",
                           [township, ordered[0]["seq"] - 1, ordered[-1]["seq"]]))
    previous = None
    hashed = itemgetter(*AUDIT_COLUMNS[:-1])   # the fields a row's hash covers, in order
    for row in ordered:
        seq = row["seq"]
        if audit.row_hash(*hashed(row)) != row["hash"]:
            raise refuse(seq, "its contents do not match its hash", "内容与其哈希不符")
        if previous is None:
            expected = audit.GENESIS if seq == 1 else held.get(seq - 1)
        else:
            expected = previous["hash"] if previous["seq"] == seq - 1 else None
            if previous["seq"] != seq - 1:
                raise refuse(seq, "rows are missing before it", "其前有缺行")
        if expected is not None and row["prev_hash"] != expected:
            raise refuse(seq, "it does not follow the row before it", "与前一行不衔接")
        if seq in held and held[seq] != row["hash"]:
            raise refuse(seq, "it differs from the row an earlier bundle delivered", "与此前同步包送达的同一行不同")
        previous = row


def _apply_data(db, opened: bundle.OpenedBundle, county: str, gaps: list[int], clerk: str,
                form_keys: FormKeys, progress: Progress | None = None) -> dict:
    if opened.parts is not None and "rebase" in opened.payload:
        opened = bundle.gather(opened)   # a rejoin's answer: the fork is found over all its rows
    if opened.parts is not None:
        return _apply_data_streamed(db, opened, county, gaps, clerk, form_keys, progress)
    progress = ensure(progress)
    payload = opened.payload
    m = opened.manifest
    for name, kind in (("records", list), ("audit", list), ("items", list), ("through_seq", int)):
        if not isinstance(payload.get(name), kind):
            raise _bad_payload(name)
    if payload.get("township") != m.township:
        raise _bad_payload("township")
    entry = audit.append(db, "sync", clerk=clerk, details={
        "action": "import", "kind": m.kind, "township": m.township, "sequence": m.sequence, "sha256": opened.sha256,
        "counts": m.counts, "gaps": gaps})
    total = len(payload["records"])
    progress(0, total, Text(f"bundle {m.sequence} of {m.township}: records", f"{m.township} 的同步包 {m.sequence}：记录"))
    unaudited = set(trail.records_without_audit(payload["records"], payload["audit"]))
    for record_id in unaudited:   # a record with no trail is refused, and listed in the next ack
        _refuse_record(db, m.township, record_id, trail.reason(record_id).en, m.sequence)
    tally = _apply_records(db, [r for r in payload["records"] if r["id"] not in unaudited], m.township, m.sequence,
                           entry.seq, form_keys, progress)
    tally["refused"] += len(unaudited)
    progress(total, total)
    progress.check()
    replaced, through = positions.note_data_bundle(db, m.township, payload, sequence=m.sequence, clerk=clerk)
    db.conn.executemany("DELETE FROM sync_audit_in WHERE township = ? AND seq = ?", [(m.township, s) for s in replaced])
    _check_audit_chain(db, m.township, payload["audit"])
    progress.check()
    db.conn.executemany(f"INSERT OR IGNORE INTO sync_audit_in (township, {', '.join(AUDIT_COLUMNS)}) VALUES "
                        f"(?, {', '.join('?' * len(AUDIT_COLUMNS))})",
                        [[m.township] + [row[c] for c in AUDIT_COLUMNS] for row in payload["audit"]])
    items = payload["items"]
    if not all(isinstance(i, dict) and {"id", "type", "origin", "target", "created_at", "payload"} <= set(i)
               for i in items):
        raise _bad_payload("items")
    from desktop.core.exchange import inbox  # the areas' handlers: only when a bundle is applied

    inbox.receive(db, items, side="county", source=m.township, here=county)
    received = payload.get("received_items", [])  # absent in bundles from before it existed
    if not isinstance(received, list) or not all(isinstance(i, str) for i in received):
        raise _bad_payload("received_items")
    exchange.mark_acked(db, received, target=m.township)
    _save_position(db, opened, gaps, through, [i["id"] for i in items])
    return tally


class _Within(Progress):
    """The progress of one chunk's records as a stretch of the whole bundle's: (offset + done, total)."""

    def __init__(self, whole: Progress, offset: int, total: int):
        self.whole, self.offset, self.total_of_all = whole, offset, total

    def __call__(self, done: int, total: int | None = None, label: Text | None = None) -> None:
        self.whole(self.offset + done, self.total_of_all, label)

    def check(self) -> None:
        self.whole.check()

    def cancel(self) -> None:
        self.whole.cancel()

    @property
    def cancel_requested(self) -> bool:
        return self.whole.cancel_requested


class _ChainCheck:
    """`_check_audit_chain` over rows arriving in chunks, in ascending order (as a format 4
    bundle carries them): the same rules, with the row before each chunk carried over."""

    def __init__(self, db, township: str):
        self.db, self.township, self.previous = db, township, None

    def chunk(self, rows: list[dict]) -> None:
        if not rows:
            return
        township = self.township
        if any(a["seq"] >= b["seq"] for a, b in zip(rows, rows[1:], strict=False)) or (
                self.previous is not None and rows[0]["seq"] <= self.previous["seq"]):
            raise _Refused(Text(f"the audit trail of {township} is not in order in the bundle; refused",
                                f"同步包中 {township} 的操作痕迹顺序错乱，已拒绝"), code="audit-chain")
        # the last row of the chunk before goes first: it was checked and stored, so the rules
        # of `_check_audit_chain` tie this chunk to it exactly as they tie rows within one
        before = [] if self.previous is None else [self.previous]
        self.previous = rows[-1]
        _check_audit_chain(self.db, township, [*before, *rows])


def _apply_data_streamed(db, opened: bundle.OpenedBundle, county: str, gaps: list[int], clerk: str,
                         form_keys: FormKeys, progress: Progress | None = None) -> dict:
    """`_apply_data` of a format 4 bundle read in chunks (bundle.open_bundle_stream): the audit
    rows first - each chunk checked as part of the township's chain and stored, the records they
    name remembered -, then the records a chunk at a time. The same rules and the same result as
    applying the whole payload, holding one chunk (and the ids the trail names); a refusal at any
    chunk rolls the caller's transaction back, so nothing of the bundle is kept."""
    progress = ensure(progress)
    header, m = opened.payload, opened.manifest
    entry = audit.append(db, "sync", clerk=clerk, details={
        "action": "import", "kind": m.kind, "township": m.township, "sequence": m.sequence, "sha256": opened.sha256,
        "counts": m.counts, "gaps": gaps})
    # no rebase here (a rebase is applied gathered, see _apply_data): the audit rows are not read
    replaced, through = positions.note_data_bundle(db, m.township, {**header, "audit": []}, sequence=m.sequence,
                                                   clerk=clerk)
    db.conn.executemany("DELETE FROM sync_audit_in WHERE township = ? AND seq = ?", [(m.township, s) for s in replaced])
    total = int(m.counts.get("records", 0))
    label = Text(f"bundle {m.sequence} of {m.township}: records", f"{m.township} 的同步包 {m.sequence}：记录")
    progress(0, total, label)
    chain = _ChainCheck(db, m.township)
    named: set = set()
    tally = {"applied": 0, "kept": 0, "refused": 0, "shared": 0}
    done = 0
    insert_audit = (f"INSERT OR IGNORE INTO sync_audit_in (township, {', '.join(AUDIT_COLUMNS)}) VALUES "
                    f"(?, {', '.join('?' * len(AUDIT_COLUMNS))})")
    # a large bundle's chunks are written as one bulk apply (records_store.bulk_writes: a larger
    # cache, and the tallies written a chunk at a time): only _apply_records writes records here
    with records_store.bulk_writes(db, total):
        for name, rows in opened.parts:
            if name == "audit":
                chain.chunk(rows)
                db.conn.executemany(insert_audit, [[m.township] + [row[c] for c in AUDIT_COLUMNS] for row in rows])
                named.update(row["record_id"] for row in rows)
                continue
            unaudited = set(trail.records_without_audit(rows, ())) - named
            for record_id in unaudited:   # a record with no trail is refused, and listed in the next ack
                _refuse_record(db, m.township, record_id, trail.reason(record_id).en, m.sequence)
            chunk_tally = _apply_records(db, [r for r in rows if r["id"] not in unaudited], m.township, m.sequence,
                                         entry.seq, form_keys, _Within(progress, done, total))
            for key in tally:
                tally[key] += chunk_tally[key]
            tally["refused"] += len(unaudited)
            done += len(rows)
            progress(done, total, label)
            progress.check()
    progress(total, total)
    progress.check()
    from desktop.core.exchange import inbox  # the areas' handlers: only when a bundle is applied

    items = header["items"]
    inbox.receive(db, items, side="county", source=m.township, here=county)
    exchange.mark_acked(db, header.get("received_items", []), target=m.township)
    _save_position(db, opened, gaps, through, [i["id"] for i in items])
    return tally


def _restore_records(db, paths: DataDir | None, township: str, chunks: Iterable[list], total: int,
                     audit_seq: int, progress: Progress) -> int:
    """A rejoin: write this township's records the county holds that this PC lacks or holds in an
    older version (the one writer of records, as the county's import does), a chunk at a time as
    they are read (`total` of them: one bulk apply); a record of another township, or one held here
    as another township's, is left out. Returns how many were written."""
    unique = FormKeys.for_data_dir(paths).unique_fields if paths is not None else (lambda *_: ())
    label = Text("restoring the records the county holds", "恢复县里保存的记录")
    written = done = 0
    progress(0, total, label)
    with records_store.bulk_writes(db, total):
        for records in chunks:
            held = _held_versions(db.conn, [record["id"] for record in records])
            received, replaced = [], set()
            for record in records:
                owner, version = held.get(record["id"], (township, 0))
                if record["township"] == township and owner == township and version < record["version"]:
                    received.append((record, _values_of(record, "rejoin record data")))
                    if record["id"] in held:
                        replaced.add(record["id"])
                    held[record["id"]] = (township, record["version"])
            records_store.apply_received(db, received, audit_seq=audit_seq, unique_fields=unique, replaced=replaced)
            written += len(received)
            done += len(records)
            progress(done, max(total, done), label)
            progress.check()
    return written


def _rejoin_chunks(ack: dict, opened: bundle.OpenedBundle) -> Iterator[list]:
    """The records a rejoin carries: in `ack.rejoin.records` (an older county's bundle, or a whole
    payload), then the streamed list's chunks (format 4)."""
    rejoin = ack.get("rejoin")
    if isinstance(rejoin, dict) and rejoin.get("records"):
        yield rejoin["records"]
    if opened.parts is None:
        if opened.payload.get("rejoin_records"):
            yield opened.payload["rejoin_records"]
        return
    for _name, rows in opened.parts:   # the only list a return bundle streams
        yield rows


def _apply_return(db, opened: bundle.OpenedBundle, township: str, clerk: str,
                  paths: DataDir | None = None, progress: Progress | None = None) -> tuple[dict, list[Text]]:
    """A county's return bundle: its acknowledgement, a resync or rejoin it asks for, its updates
    and items. A rejoin's records are read and written a chunk at a time; the streamed list is read
    to its end either way, so its counts and stream are checked before the caller commits."""
    progress = ensure(progress)
    payload = opened.payload
    notes = []
    ack, updates, items = payload.get("ack"), payload.get("updates"), payload.get("items")
    if not isinstance(ack, dict) or not isinstance(updates, dict) or not isinstance(items, list):
        raise _bad_payload("return sections")
    chunks = _rejoin_chunks(ack, opened)
    streamed = int(opened.manifest.counts.get("rejoin_records", 0)) if opened.parts is not None \
        else len(payload.get("rejoin_records") or ())

    def restore(seq: int) -> int:
        offered = len(ack["rejoin"]["records"]) + streamed
        return _restore_records(db, paths, township, chunks, offered, seq, progress)

    acked = 0
    if "sequence" in ack:
        sent = db.execute("SELECT sha256, through_seq FROM sync_sent WHERE kind = ? AND township = ? AND sequence = ?",
                          [bundle.KIND_DATA, township, ack["sequence"]]).fetchone()
        written_here = sent is not None and sent[0] == ack.get("sha256")
        notes += positions.apply_ack(db, ack, clerk=clerk, written_here=written_here,
                                     sent_through=sent[1] if written_here else 0, acked_key=ACKED_THROUGH,
                                     apply_records=restore, streamed_records=streamed)
        if not written_here and "rejoin" not in ack:
            notes.append(Text(f"the acknowledgement names bundle {ack['sequence']}, which this PC did not write "
                              "(restored from a backup?); nothing was marked as synced",
                              f"回执提到的同步包 {ack['sequence']} 不是本机写出的（是否恢复过备份？）；未标记为已同步"))
        elif written_here:
            through = min(int(ack.get("through_seq", 0)), sent[1])
            if through > int(settings.get(db, ACKED_THROUGH, 0) or 0):
                settings.put(db, ACKED_THROUGH, through)
            exchange.mark_acked(db, [i for i in ack.get("item_ids", []) if isinstance(i, str)])
            exchange.confirm_reported(db, int(ack["sequence"]))
            acked = ack["sequence"]
            outbox.acknowledge(db, bundle.KIND_DATA, township, int(acked))   # by stick or network alike
    settings.put(db, LAST_ACK, {"return_sequence": opened.manifest.sequence, "acked_sequence": acked,
                                "records_refused": ack.get("records_refused", []),
                                "bundles_refused": ack.get("bundles_refused", []), "gaps": ack.get("gaps", [])})
    installed = 0
    for kind, key in (("code_list", "code_lists"), ("form_pack", "form_packs")):
        for entry in updates.get(key, []):
            installed += resources.install(db, kind, Resource.from_dict(entry))
    if not all(isinstance(i, dict) and {"id", "type", "origin", "target", "created_at", "payload"} <= set(i)
               for i in items):
        raise _bad_payload("items")
    from desktop.core.exchange import inbox  # the areas' handlers: only when a bundle is applied

    notes += trust.receive_rotations(db, items, county=opened.manifest.county, sequence=opened.manifest.sequence)
    inbox.receive(db, items, side="township", source=opened.manifest.county, here=township,
                  person_fields=FormKeys.for_data_dir(paths).person_id_fields())  # after the forms above
    audit.append(db, "sync", clerk=clerk, details={
        "action": "import", "kind": opened.manifest.kind, "sequence": opened.manifest.sequence,
        "sha256": opened.sha256, "acked_sequence": acked, "updates_installed": installed, "items": len(items)})
    if opened.parts is not None:
        for _part in opened.parts:   # to its end: a refusal there (its counts, a damaged stream) rolls all back
            pass
    _save_position(db, opened, [])
    if ack.get("records_refused"):
        notes.append(Text(f"the county refused {plural(len(ack['records_refused']), 'record')}; see `township sync status`",
                          f"县里拒收了 {len(ack['records_refused'])} 条记录；见 township sync status"))
    return {"acked_sequence": acked, "updates_installed": installed, "items": len(items)}, notes


def _apply_province_return(db, opened: bundle.OpenedBundle, county: str, clerk: str) -> int:
    """County: the cross-county items the province routed here, received as a township's are - a
    request is forwarded to the township holding the person, a receipt or answer to the township
    that asked - and counted in this county's figures as its own townships' items are."""
    items = opened.payload["items"]
    from desktop.core.exchange import inbox  # the areas' handlers: only when a bundle is applied

    inbox.receive(db, items, side="county", source=opened.manifest.county[:2], here=county)
    audit.append(db, "sync", clerk=clerk, details={
        "action": "import", "kind": opened.manifest.kind, "sequence": opened.manifest.sequence,
        "sha256": opened.sha256, "items": len(items)})
    _save_position(db, opened, [])
    return len(items)


def import_file(db: Database, paths: DataDir, path: Path, *, clerk: str | None = None,
                keys: InstallKeys | None = None, form_keys: FormKeys | None = None,
                progress: Progress | None = None) -> Outcome:
    """Verify, decrypt and apply one bundle file; never raises for a bad bundle (see Outcome).
    `form_keys` (the installation's forms) is loaded on first need when not given. Raises
    `Cancelled` when `progress` was cancelled before the commit: the bundle's transaction is
    rolled back and nothing of it is kept (not even the attempt)."""
    progress = ensure(progress)
    role, code = trust.own_code(db)
    keys = keys or trust.install_keys(paths)
    path = Path(path)
    expect = (bundle.KIND_DATA, bundle.KIND_PROVINCE_RETURN) if role == "county" else bundle.KIND_RETURN
    sha256 = township = sequence = kind = None
    streams = ExitStack()    # the bundle file stays open while its chunks are applied
    try:
        sha256 = bundle.file_sha256(path)  # what a refusal is logged by; an accepted bundle by its identity
        opened = streams.enter_context(bundle.open_bundle_stream(
            path, trust.trusted_keys(db, keys, role, code), keys.all_age_identities(), expect))
        sha256 = opened.sha256
        m = opened.manifest
        faults.point("import-verified")
        kind, township, sequence = m.kind, m.township, m.sequence
        if role == "county" and m.county != code:
            raise _Refused(Text(f"the bundle is for county {m.county}, not this county", f"同步包属于县 {m.county}，不是本县"),
                           code="wrong-county")
        if role == "township" and m.township != code:
            raise _Refused(Text(f"the return bundle is for township {m.township}, not this one ({code})",
                                f"回执包是给乡镇 {m.township} 的，不是本乡镇（{code}）"), code="wrong-township")
        from desktop.core.exchange import authority  # each item must be one its sender may send

        if m.kind == bundle.KIND_PROVINCE_RETURN:
            authority.check_from_province(opened.payload["items"], county=code)
        else:
            authority.check_bundle(opened.payload["items"], side=role, township=m.township, county=m.county)
        if role == "township":   # a county key replaced by an imported rotation signs nothing newer
            trust.check_signer_window(db, opened.signer.fingerprint, m.sequence, m.county)
        with transaction(db):
            verdict, gaps, notes = _check_sequence(db, opened)
            if verdict == "already":
                _log_attempt(db, kind=kind, township=township, sequence=sequence, sha256=sha256, file_name=path.name,
                             outcome="already")
                return Outcome(path.name, "already", Text("already imported; nothing changed", "已导入过，未作更改"),
                               township=township, sequence=sequence)
            if verdict == "rejoin":   # a restored township or a new PC: kept as a request, nothing applied
                text = positions.request_rejoin(db, township, sequence, clerk or "system", opened.payload)
                _log_attempt(db, kind=kind, township=township, sequence=sequence, sha256=sha256, file_name=path.name,
                             outcome="applied", code=positions.REJOIN_CODE)
                log.info("rejoin requested by %s", path.name)
                return Outcome(path.name, "applied", text, positions.REJOIN_CODE, township, sequence)
            if m.kind == bundle.KIND_PROVINCE_RETURN:
                routed = _apply_province_return(db, opened, code, clerk or "system")
                text = Text(f"imported bundle {sequence} of the province: {plural(routed, 'cross-county item')}",
                            f"已导入省级下发包 {sequence}：{routed} 个跨县事项")
            elif role == "county":
                if settings.get(db, CHECKS_PENDING) is None:
                    settings.put(db, CHECKS_PENDING, audit.head(db)[0])
                tally = _apply_data(db, opened, code, gaps, clerk or "system",
                                    form_keys or FormKeys.for_data_dir(paths), progress)
                text = Text(f"imported bundle {sequence} of {township}: {plural(tally['applied'], 'record')} applied, "
                            f"{tally['kept']} already current, {tally['refused']} refused",
                            f"已导入 {township} 的同步包 {sequence}：{tally['applied']} 条记录已更新，"
                            f"{tally['kept']} 条已是最新，{tally['refused']} 条被拒收")
            else:
                result, notes = _apply_return(db, opened, code, clerk or "system", paths, progress)
                acked = (Text(f"acknowledged up to bundle {result['acked_sequence']}",
                              f"确认到同步包 {result['acked_sequence']}") if result["acked_sequence"]
                         else Text("no bundle of this township acknowledged yet", "尚无本乡镇的同步包被确认"))
                text = Text(f"imported return bundle {sequence}: ", f"已导入回执包 {sequence}：") + acked + Text(
                    f", {plural(result['updates_installed'], 'update')} installed, {plural(result['items'], 'item')}",
                    f"，安装了 {result['updates_installed']} 个更新，{result['items']} 个事项")
            _log_attempt(db, kind=kind, township=township, sequence=sequence, sha256=sha256, file_name=path.name,
                         outcome="applied")
            faults.point("import-applied")
            progress.check()   # the last safe point: after it, the bundle is committed
        faults.point("import-committed")
        if role == "township":
            resources.write_files(db, paths)
        log.info("imported %s", path.name)
        return Outcome(path.name, "applied", text, township=township, sequence=sequence, notes=notes,
                       shared_ids=tally["shared"] if kind == bundle.KIND_DATA else 0)
    except UserError as error:
        if error.code in ("not-set-up", "no-keys", "keys-damaged") or sha256 is None:
            return Outcome(path.name, "refused", error.text, error.code)
        with transaction(db):
            _log_attempt(db, kind=kind, township=township, sequence=sequence, sha256=sha256, file_name=path.name,
                         outcome="refused", code=error.code, reason=error.text.en)
        log.warning("refused %s: %s", path.name, error.code)
        return Outcome(path.name, "refused", error.text, error.code, township, sequence)
    except Cancelled:
        raise               # the officer's Cancel, not a fault: import_files stops the batch
    except Exception as error:  # a bug of ours: this bundle is not applied (rolled back), the batch goes on
        log.error("import of %s failed: %s", path.name, type(error).__name__)
        return Outcome(path.name, "refused", Text("not imported because of an internal error (see the log); "
                                                  "nothing of it was applied", "因内部错误未能导入（见日志）；其内容均未写入"),
                       "internal-error", township, sequence)
    finally:
        streams.close()


def import_files(db, paths: DataDir, files, *, clerk: str | None = None,
                 progress: Progress | None = None) -> list[Outcome]:
    """Import the files in order; at the county, once they are applied, run the county's automatic
    checks (corrections.check_imported) over the records they applied - their new tasks go
    out with the next return bundles - and add the checks' notes to the last applied outcome.

    `progress` hears the bundles done of all and each bundle's records. Cancelling stops before
    the next commit: the bundle being applied is rolled back, the files after it are not read,
    the checks still run over bundles already applied (each is whole), and `Cancelled` is raised
    with those outcomes as its `partial`."""
    progress = ensure(progress)
    files = list(files)
    keys = trust.install_keys(paths)
    county = settings.get(db, settings.ROLE) == "county"
    since = audit.head(db)[0] if county else 0
    pending = settings.get(db, CHECKS_PENDING) if county else None
    if pending is not None:      # an earlier import's checks never ran (the process was stopped)
        since = min(since, int(pending))
    form_keys = FormKeys.for_data_dir(paths) if county else None
    outcomes, cancelled = [], None
    for number, f in enumerate(files):
        progress(number, len(files), Text(f"bundle {number + 1} of {len(files)}: {Path(f).name}",
                                          f"第 {number + 1} 个同步包（共 {len(files)} 个）：{Path(f).name}"))
        try:
            progress.check()
            outcomes.append(import_file(db, paths, Path(f), clerk=clerk, keys=keys, form_keys=form_keys,
                                        progress=progress))
        except Cancelled as stop:
            cancelled = stop
            break
    if cancelled is None:
        progress(len(files), len(files))
    applied = [o for o in outcomes if o.outcome == "applied"]
    if county and (applied or pending is not None):
        noted = (applied or outcomes or [Outcome("", "already", Text("", ""))])[-1]
        try:
            from desktop.core.exchange import corrections

            # records change here only through the applies, and each apply flagged every pair its
            # records form with another township's (person_ids.flag_conflicts): when none did,
            # and no earlier import's checks are pending, the same-ID check has nothing to find
            same_ids = pending is not None or any(o.shared_ids for o in applied)
            noted.notes += corrections.check_imported(db, since_audit_seq=since, clerk=clerk or "system",
                                                      paths=paths, same_ids=same_ids)
            with transaction(db):
                settings.put(db, CHECKS_PENDING, None)
            faults.point("import-checked")
        except Exception:  # a bug in a check must not make the committed import look failed
            log.exception("the county's checks after the import failed")
            noted.notes.append(Text("the county's automatic checks failed (see the log); run "
                                          "`township corrections scan`",
                                          "县级自动核查失败（见日志）；请运行 township corrections scan"))
    if applied:
        optimize(db)        # the planner's statistics follow the records just added
        outbox.prune(db, paths)   # copies of bundles the answers just acknowledged
    if cancelled is not None:
        cancelled.partial = outcomes
        raise cancelled
    return outcomes
