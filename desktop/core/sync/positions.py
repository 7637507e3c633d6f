"""Positions that can be re-established: what each side really holds, and how a site that lost
some of it (a restored backup, a new PC) gets back in step with no special command.

A township's position at the county is two numbers: the last data bundle applied (its sequence
and identity) and the township's audit rows held without a hole (`sync_peers.through_seq`). The
county acknowledges exactly that. Three recoveries follow from it (docs/SYNC.md, "Recovery"):

- **Resync** (the county restored a backup): a data bundle starts after the township's
  acknowledged position (its payload's `from_seq`). When that is above what the county holds, the
  bundle is applied but the county's position does not move past what it holds, and the next
  return bundle - signed by the county - carries `ack.resync_from`: the township moves its
  acknowledged position back to it, so its next bundle carries everything from there. The data
  bundle also names the last return bundle the township imported (`returns_through`), so a
  restored county numbers its return bundles after it.
- **Rejoin** (the township restored a backup, or moved to a new PC): a data bundle numbered at or
  below the county's last, that the county never imported and that is no missing number, comes
  from a township that lost its position. It is kept as a rejoin request (nothing of it applied).
  The next return bundle carries `ack.rejoin`: the county's position (sequence, identity, audit
  rows held and the last one's hash) and every record of the township the county holds. The
  township writes the records it lacks (or holds in an older version), records an audited
  "rejoin" row, and numbers its next bundle after the county's last, naming it (`rebase`).
- **Re-base** (the county, on that next bundle): the township's audit trail now differs from the
  rows the county holds from the first row it rewrote on; the county keeps the rows it replaces in
  its own audit trail (an audited "rebase" row holding them whole) and takes the township's.

The per-township state of the county (resync requested, rejoin offered, last return imported
there) is one setting, `sync_positions`; a township keeps its rejoin in `sync_rejoined`.
"""

from __future__ import annotations

from desktop.core.exchange import exchange
from desktop.core.i18n import Text, plural
from desktop.core.store import audit, settings
from desktop.core.store.db import Database
from desktop.core.sync import outbox

COUNTY_STATE = "sync_positions"      # county: {township: {"resync_from", "rejoin", "offered", "returns_seen",
#                                                          "county_key"}}
REJOINED = "sync_rejoined"           # township: the county's position it rejoined at, until acknowledged past it
REJOIN_CODE = "rejoin-request"       # sync_received.code of a data bundle kept as a rejoin request
AUDIT_COLUMNS = audit.COLUMNS


# ---- county ---------------------------------------------------------------------------------

def _state(db: Database) -> dict:
    state = settings.get(db, COUNTY_STATE) or {}
    return state if isinstance(state, dict) else {}


def _township_state(db: Database, township: str) -> dict:
    return dict(_state(db).get(township) or {})


def _put_township_state(db: Database, township: str, value: dict) -> None:
    state = _state(db)
    state[township] = {k: v for k, v in value.items() if v is not None}
    settings.put(db, COUNTY_STATE, state)


def held_through(db: Database, township: str, kind: str = "township-data") -> int:
    row = db.execute("SELECT through_seq FROM sync_peers WHERE kind = ? AND township = ?", [kind, township]).fetchone()
    return int(row[0]) if row else 0


def is_rejoin_request(db: Database, township: str, sequence: int, sha256: str, gaps: list) -> bool:
    """A data bundle at or below the county's last sequence that the county never applied and
    that fills no gap: the township lost its position (restored, or a new PC)."""
    for gap in gaps:
        first, last = (gap, gap) if isinstance(gap, int) else gap
        if first <= sequence <= last:
            return False
    seen = db.execute("SELECT 1 FROM sync_received WHERE kind = 'township-data' AND township = ? AND sha256 = ?"
                      " AND outcome = 'applied' AND (code IS NULL OR code != ?)",
                      [township, sha256, REJOIN_CODE]).fetchone()
    return seen is None


def rejoin_already_requested(db: Database, township: str, sha256: str) -> bool:
    return db.execute("SELECT 1 FROM sync_received WHERE kind = 'township-data' AND township = ? AND sha256 = ?"
                      " AND code = ?", [township, sha256, REJOIN_CODE]).fetchone() is not None


def rejoin_pending(db: Database, township: str, payload: dict) -> bool:
    """A data bundle numbered after the county's last while a rejoin of its township is requested
    or offered, and not answering the offer (no `rebase` naming it): the restored PC exported
    again before it imported the offer. It is kept as part of the request, nothing of it applied
    (its changes come in the bundle that answers the offer)."""
    state = _township_state(db, township)
    if state.get("rejoin"):
        return True
    offer, rebase = state.get("offered"), payload.get("rebase")
    return bool(offer) and not (isinstance(rebase, dict) and rebase.get("sequence") == offer.get("sequence"))


def _note_county_key(state: dict, payload: dict) -> None:
    key = payload.get("county_key")
    if isinstance(key, str):
        state["county_key"] = key


def county_key_there(db: Database, township: str) -> str | None:
    """The county key the township's latest bundle says it takes return bundles from (the
    fingerprint of its active county key), or None when no bundle said so (an older format)."""
    key = _township_state(db, township).get("county_key")
    return key if isinstance(key, str) else None


def request_rejoin(db: Database, township: str, sequence: int, clerk: str, payload: dict | None = None) -> Text:
    state = _township_state(db, township)
    state["rejoin"] = {"sequence": sequence}
    _note_county_key(state, payload or {})
    _put_township_state(db, township, state)
    items = exchange.reopen_for(db, township)
    audit.append(db, "sync", clerk=clerk, details={"action": "rejoin-request", "township": township,
                                                    "sequence": sequence, "items_reopened": items})
    return Text(f"bundle {sequence} of {township} comes from a PC that lost its place (restored from a backup, or a "
                "new PC): nothing of it was applied; the next return bundle tells it its position and sends back "
                "its records, and its next bundle carries its changes",
                f"{township} 的同步包 {sequence} 来自丢失同步位置的电脑（恢复过备份或换了新电脑）：其内容未导入；"
                "下一个回执包会告知其同步位置并送回其记录，其下一个包将带上其更改")


def note_data_bundle(db: Database, township: str, payload: dict, *, sequence: int, clerk: str) -> tuple[list, int]:
    """Before a data bundle's audit rows are checked: re-base the township's chain if the county
    offered a rejoin it answers, ask for a resync if the bundle starts above what the county holds.
    Returns (held rows to replace - their seq numbers, for the one writer of sync_audit_in to
    delete -, the audit position the county will hold after this bundle)."""
    state = _township_state(db, township)
    held = held_through(db, township)
    replaced: list[int] = []
    rebase = payload.get("rebase")
    offered = state.get("offered")
    if isinstance(rebase, dict) and offered and rebase.get("sequence") == offered.get("sequence"):
        fork = None
        for row in sorted(payload["audit"], key=lambda r: r["seq"]):
            mine = db.execute("SELECT hash FROM sync_audit_in WHERE township = ? AND seq = ?",
                              [township, row["seq"]]).fetchone()
            if mine is not None and mine[0] != row["hash"]:
                fork = row["seq"]
                break
        if fork is not None:
            rows = [dict(zip(AUDIT_COLUMNS, r, strict=True)) for r in db.execute(
                f"SELECT {', '.join(AUDIT_COLUMNS)} FROM sync_audit_in WHERE township = ? AND seq >= ? ORDER BY seq",
                [township, fork])]
            replaced = [r["seq"] for r in rows]
            held = min(held, fork - 1)
            audit.append(db, "sync", clerk=clerk, details={
                "action": "rebase", "township": township, "sequence": sequence, "from_row": fork,
                "rejoined_at": offered.get("sequence"), "replaced_rows": rows})
        state.pop("offered", None)
    from_seq = payload["from_seq"]
    if from_seq > held:
        state["resync_from"] = held
        through = held
    else:
        state.pop("resync_from", None)
        through = max(held, payload["through_seq"]) if not replaced else payload["through_seq"]
    _note_county_key(state, payload)
    returns = payload.get("returns_through")
    if type(returns) is int:
        state["returns_seen"] = max(int(state.get("returns_seen") or 0), returns)
        outbox.acknowledge(db, "county-return", township, state["returns_seen"])   # our return bundles it holds
    state.pop("rejoin", None)
    _put_township_state(db, township, state)
    return replaced, through


def gap_note(db: Database, township: str, payload: dict, first: int, last: int) -> Text:
    """The note for bundles first..last that never arrived: healed only if this bundle starts at
    or below what the county holds."""
    held = held_through(db, township)
    if payload.get("from_seq", 0) <= held:
        return Text(f"bundles {first}..{last} never arrived; this cumulative bundle carries their changes (gap healed)",
                    f"同步包 {first}..{last} 未收到；本包为累积包，已包含其更改（缺口已补）")
    return Text(f"bundles {first}..{last} never arrived, and this bundle starts after audit row {payload['from_seq']} "
                f"while the county holds {township}'s rows only up to {held} (the county restored a backup?): its "
                f"content was applied, and the next return bundle asks the township to resend from row {held}",
                f"同步包 {first}..{last} 未收到，且本包从第 {payload['from_seq']} 行之后开始，而县里只有 {township} "
                f"到第 {held} 行的记录（县里是否恢复过备份？）：内容已导入，下一个回执包将要求乡镇从第 {held} 行起重发")


def county_ack(db: Database, township: str) -> dict:
    """What the return bundle's ack adds to the position: a resync request, a rejoin."""
    state = _township_state(db, township)
    extra = {}
    if state.get("resync_from") is not None:
        extra["resync_from"] = int(state["resync_from"])
    if state.get("rejoin"):
        through = held_through(db, township)
        row = db.execute("SELECT hash FROM sync_audit_in WHERE township = ? AND seq = ?", [township, through]).fetchone()
        # its records follow the header as a streamed list (outgoing.township_records, format 4)
        extra["rejoin"] = {"through_seq": through, "audit_head": row[0] if row else audit.GENESIS, "records": []}
    return extra


def offered(db: Database, township: str, ack: dict) -> None:
    """The return bundle carrying `ack` was written: a rejoin in it is now offered."""
    if "rejoin" in ack:
        state = _township_state(db, township)
        state.pop("rejoin", None)
        state["offered"] = {"sequence": ack.get("sequence")}
        _put_township_state(db, township, state)


def pending_recovery(db: Database, township: str) -> dict | None:
    """What the county still waits for in a recovery with this township (for the status screens):
    a rejoin requested (the next return bundle offers it), a rejoin offered (the township's next
    bundle answers it), or a resync asked (the township's next bundle resends from `from_seq`)."""
    state = _township_state(db, township)
    if state.get("rejoin"):
        return {"state": "rejoin-requested", "sequence": state["rejoin"].get("sequence")}
    if state.get("offered"):
        return {"state": "rejoin-offered", "sequence": state["offered"].get("sequence")}
    if state.get("resync_from") is not None:
        return {"state": "resync", "from_seq": int(state["resync_from"])}
    return None


def describe_recovery(recovery: dict | None) -> Text | None:
    if not recovery:
        return None
    if recovery["state"] == "rejoin-requested":
        return Text(f"rejoin requested (bundle {recovery['sequence']}): the next return bundle sends its position "
                    "and records back", f"请求重新接入（同步包 {recovery['sequence']}）：下一个回执包将送回其同步位置和记录")
    if recovery["state"] == "rejoin-offered":
        return Text(f"rejoin sent at bundle {recovery['sequence']}: waiting for the township's next bundle",
                    f"已在同步包 {recovery['sequence']} 处发出重新接入：等待乡镇的下一个同步包")
    return Text(f"resync asked: waiting for the township to resend from audit row {recovery['from_seq']}",
                f"已要求重发：等待乡镇从第 {recovery['from_seq']} 行日志起重发")


def next_return_sequence(db: Database, township: str, last_sent: int) -> int:
    """After the last return bundle written here and the last the township says it imported (a
    restored county numbers on after what it no longer remembers writing)."""
    return max(last_sent, int(_township_state(db, township).get("returns_seen") or 0)) + 1


ACK_POSITION = ("sequence", "sha256", "through_seq", "resync_from")


def return_still_current(payload: dict, ack_now: dict, items_now: list[dict]) -> bool:
    """A return bundle found complete on the target under our next number is ours to adopt only
    when it says what a new one would: the same position, recovery request and items. One a
    restored county finds there was written before the restore (the township has most likely
    imported it already); one left by a killed export may be outdated by imports since. Either way
    a new bundle is written in its place, so the township hears the county's real position now."""
    ack = payload.get("ack") if isinstance(payload.get("ack"), dict) else {}
    if any(ack.get(key) != ack_now.get(key) for key in ACK_POSITION):
        return False
    if bool(ack.get("rejoin")) != bool(ack_now.get("rejoin")):
        return False
    return sorted(str(i.get("id")) for i in payload.get("items", [])) == sorted(str(i["id"]) for i in items_now)


# ---- township -------------------------------------------------------------------------------

def rejoined(db: Database) -> dict | None:
    value = settings.get(db, REJOINED)
    return value if isinstance(value, dict) else None


def data_payload_fields(db: Database, township: str) -> dict:
    """What a township's data bundle adds: the last return bundle imported, the county key it
    takes return bundles from, the rejoin it answers."""
    row = db.execute("SELECT last_sequence FROM sync_peers WHERE kind = 'county-return' AND township = ?",
                     [township]).fetchone()
    fields = {"returns_through": int(row[0]) if row else 0}
    county = settings.get(db, settings.COUNTY)
    active = db.execute("SELECT fingerprint FROM sync_keys WHERE owner = ? AND role = 'county' AND status = 'active'"
                        " ORDER BY enrolled_at DESC, rowid DESC LIMIT 1", [county]).fetchone()
    if active:   # which county key may sign its return bundles (a restored PC may trust the new one already)
        fields["county_key"] = active[0]
    joined = rejoined(db)
    if joined:
        fields["rebase"] = {"sequence": joined["sequence"], "through_seq": joined["through_seq"]}
    return fields


def written_from_this_trail(db: Database, payload: dict) -> bool:
    """A data bundle found on the target under our next number ends at a row of this PC's audit
    trail: a bundle the same key wrote before this PC was restored from a backup ends at a row
    the restored trail lacks or holds with other content, and adopting it would take the county's
    acknowledgement of that row for one of this trail's."""
    through, head = payload.get("through_seq"), payload.get("audit_head")
    if type(through) is not int or not isinstance(head, str):
        return False
    if through == 0:
        return head == audit.GENESIS
    row = db.execute("SELECT hash FROM audit WHERE seq = ?", [through]).fetchone()
    return row is not None and row[0] == head


def next_data_sequence(db: Database, last: tuple[int, str | None]) -> tuple[int, str | None]:
    """(sequence, identity) of the bundle the next one follows: the last written here, or the
    county's position this PC rejoined at when that is further."""
    joined = rejoined(db)
    if joined and joined["sequence"] >= last[0]:
        return joined["sequence"], joined["sha256"]
    return last


def renumbered_return_note(sequence: int) -> Text:
    return Text(f"the county wrote return bundle {sequence} again with other content (it restored a backup); "
                "it was applied: its acknowledgement is checked against the bundles this PC wrote",
                f"县里以不同内容再次写出了回执包 {sequence}（县里恢复过备份）；已导入：其确认按本机写出的同步包核对")


def return_refused_by_sequence(db: Database, township: str) -> bool:
    """The last return bundle tried here was refused for its number (a county restored far back):
    the next export is written even with nothing pending, so it tells the county the number."""
    row = db.execute("SELECT outcome, code FROM sync_received WHERE kind = 'county-return' AND township = ?"
                     " ORDER BY id DESC LIMIT 1", [township]).fetchone()
    return bool(row) and row[0] == "refused" and row[1] in ("older-sequence", "sequence-conflict")


def apply_ack(db: Database, ack: dict, *, clerk: str, written_here: bool, sent_through: int, acked_key: str,
              apply_records, streamed_records: int = 0) -> list[Text]:
    """The township's side of a return bundle's position: a resync request (only in an ack of a
    bundle this PC wrote), a rejoin (only in an ack of a bundle it did not write). An ack of a
    bundle this PC wrote (`sent_through`: its audit position) that holds less than the township's
    acknowledged position is one too: the county lost what it had acknowledged. `acked_key` is
    the setting of the acknowledged audit position; `apply_records(audit_seq)` writes the rejoin's
    records this PC lacks - those in `ack.rejoin.records` (an older county's) and the
    `streamed_records` following the header - and returns how many it wrote."""
    notes = []
    joined = rejoined(db)
    if written_here and joined and int(ack["sequence"]) > joined["sequence"]:
        settings.put(db, REJOINED, None)
    if written_here:
        current = int(settings.get(db, acked_key, 0) or 0)
        back = min(int(ack.get("resync_from", current)), int(ack.get("through_seq", 0)), sent_through)
        if back < current:
            settings.put(db, acked_key, back)
            held = db.execute("SELECT max(sequence) FROM sync_sent WHERE kind = 'township-data' AND through_seq <= ?",
                              [back]).fetchone()[0] or 0
            reopened = exchange.reopen_after(db, held)
            audit.append(db, "sync", clerk=clerk, details={"action": "resync", "from_seq": back, "was": current,
                                                            "items_reopened": reopened})
            notes.append(Text(f"the county holds this township's changes only up to row {back} (it restored a "
                              "backup): the next export sends everything from there again",
                              f"县里只有本乡镇到第 {back} 行的更改（县里恢复过备份）：下次导出将从那里起全部重发"))
    rejoin = ack.get("rejoin")
    if not written_here and isinstance(rejoin, dict) and "sequence" in ack \
            and not (joined and joined["sequence"] == ack["sequence"] and joined["sha256"] == ack["sha256"]):
        entry = audit.append(db, "sync", clerk=clerk, details={
            "action": "rejoin", "county_sequence": ack["sequence"], "county_sha256": ack["sha256"],
            "county_through_seq": rejoin["through_seq"], "county_audit_head": rejoin["audit_head"],
            "records_offered": len(rejoin["records"]) + streamed_records})
        written = apply_records(entry.seq)
        settings.put(db, REJOINED, {"sequence": int(ack["sequence"]), "sha256": ack["sha256"],
                                    "through_seq": int(rejoin["through_seq"]), "at_row": entry.seq})
        notes.append(Text(f"rejoined the county at bundle {ack['sequence']}: {plural(written, 'record')} this PC had lost "
                          "were restored from the county; the next export continues from there",
                          f"已在同步包 {ack['sequence']} 处重新接入县里：从县里恢复了本机丢失的 {written} 条记录；"
                          "下次导出从那里继续"))
    return notes
