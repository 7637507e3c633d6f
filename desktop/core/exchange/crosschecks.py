"""Cross-check requests (协查) between townships, through the county, and their answers (协查反馈).

A clerk asks another township of the county to confirm facts about a person (from a record, or
for someone not registered here). The request rides the exchange channel: the requester's next
bundle carries it to the county, which forwards it in the target's return bundle; the target
imports it (sending back a receipt), answers (confirmed / differs, with details / person
unknown), and the answer comes back the same way.

A request about a person of another county of the province, naming that county and giving the
person's ID number, travels the same channel one level further up: the county cannot route it, so
it goes in the county's next bundle for the province (desktop.core.sync.province_bundle); the
province hub finds the township holding the person from the keyed hash of the ID and sends the
request down to that township's county, which routes it as one of its own; the receipt and the
answer come back the same way (docs/HUB.md "Cross-county cross-checks"). Any other request outside
the county (no ID number, or a county the divisions do not know) is kept for the provincial
channel on paper, exported to a file to print.

Each installation keeps its own view of a request in the `crosschecks` table, by side:
`out` at the requester, `in` at the target, `route` at the county. States, as each side sees them:

- requester: draft (waiting for the next bundle) -> sent (a bundle carried it) -> delivered (the
  target's receipt came back) -> closed (the answer came back), through the province too; on
  paper: provincial -> sent (exported) -> closed (the answer typed in by hand).
- target: delivered (to answer) -> answered.
- county: sent (waiting at the county) -> delivered (routed into the target's return bundle; for
  another county: at_province, carried to the province, until the target's receipt comes back) ->
  answered (the answer reached the county) -> closed (the requester imported the answer).

A request sent three or more days ago without an answer is "phone reminder due" (电话提示), with the
target township's phone from the divisions code list. Names and phones come from the list passed as
`divisions` (the installation's: codelists_divisions.for_data_dir), the shipped list otherwise.
"""

from __future__ import annotations

import csv
import io
import os
import uuid
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path

from desktop.core.clock import now_iso, today
from desktop.core.codelists import codelists_divisions, province
from desktop.core.entry import identity
from desktop.core.errors import UserError
from desktop.core.exchange import exchange
from desktop.core.forms import roles
from desktop.core.i18n import Text
from desktop.core.store import audit, records, settings
from desktop.core.store.db import Database, transaction

REQUEST = "crosscheck.request"
RECEIPT = "crosscheck.receipt"
ANSWER = "crosscheck.answer"
ANSWERS = ("confirmed", "differs", "unknown")
REMINDER_DAYS = 3                    # the source: a phone reminder three days after sending
DUE_DAYS_SETTING = "crosscheck_due_days"
DEFAULT_DUE_DAYS = 7                 # ours: the source names no deadline

ANSWER_TEXT = {
    "confirmed": Text("confirmed", "属实"),
    "differs": Text("differs", "不符"),
    "unknown": Text("person unknown", "查无此人"),
}
STATE_TEXT = {
    "draft": Text("waiting for the next bundle", "待发送"),
    "provincial": Text("for the provincial channel", "待报省级"),
    "at_province": Text("with the province", "已报省级"),
    "sent": Text("sent", "已发送"),
    "delivered": Text("delivered", "已送达"),
    "answered": Text("answered", "已反馈"),
    "closed": Text("closed", "已办结"),
}
REMINDER_TEXT = Text("phone reminder due", "需电话提示")

_COLUMNS = ("id, side, requester, target, outside_county, subject_name, subject_id_number, question, "
            "record_id, due_date, created_at, created_by, received_at, delivered_at, answer, answer_details, "
            "answered_at, answered_by, answer_arrived_at, exported_at")
_SELECT = (f"SELECT {', '.join('c.' + c.strip() for c in _COLUMNS.split(','))}, "
           "xr.sent_at, xa.acked_at, xr.id IS NOT NULL FROM crosschecks c "
           "LEFT JOIN exchange_items xr ON xr.id = c.id AND xr.direction = 'out' "
           "LEFT JOIN exchange_items xa ON xa.id = c.id || '.answer' AND xa.direction = 'out'")


@dataclass
class CrossCheck:
    id: str
    side: str
    requester: str
    target: str
    outside_county: str | None
    subject_name: str
    subject_id_number: str
    question: str
    record_id: str | None
    due_date: str
    created_at: str
    created_by: str
    received_at: str | None
    delivered_at: str | None
    answer: str | None
    answer_details: str | None
    answered_at: str | None
    answered_by: str | None
    answer_arrived_at: str | None
    exported_at: str | None
    sent_at: str | None = None          # requester: the first bundle that carried it; county: routed on
    answer_acked_at: str | None = None  # county: the requester imported the answer
    by_network: bool = False            # requester: it travels as an item (not on paper)

    @property
    def state(self) -> str:
        if self.side == "out":
            if self.answer_arrived_at:
                return "closed"
            if self.outside_county and not self.by_network:
                return "sent" if self.exported_at else "provincial"
            if self.delivered_at:
                return "delivered"
            return "sent" if self.sent_at else "draft"
        if self.side == "in":
            return "answered" if self.answered_at else "delivered"
        if self.answer_acked_at:
            return "closed"
        if self.answer_arrived_at:
            return "answered"
        if self.for_other_county and not self.delivered_at:
            return "at_province" if self.sent_at else "sent"
        return "delivered" if (self.sent_at or self.delivered_at) else "sent"

    @property
    def for_other_county(self) -> bool:
        """County: a request this county routed to another county (its target is that county's code)."""
        return self.side == "route" and len(self.target or "") == 6

    @property
    def open(self) -> bool:
        return self.state not in ("closed", "answered")

    @property
    def counterpart(self) -> str:
        """The other township: the target for the requester, the requester for the target."""
        return self.requester if self.side == "in" else self.target

    @property
    def sent_on(self) -> str | None:
        """When the request left the requester, as far as this side knows (YYYY-MM-DD...)."""
        if self.side == "out":
            return self.exported_at if self.outside_county else self.sent_at
        return self.received_at

    def reminder_due(self, day: date | str | None = None) -> bool:
        """Sent REMINDER_DAYS or more days before `day` (default today), in the county, no answer yet."""
        day = _day(day)
        if self.side == "in" or self.outside_county or self.for_other_county or not self.sent_on:
            return False
        if self.answer_arrived_at and self.answer_arrived_at[:10] <= day:
            return False
        return self.sent_on[:10] <= reminder_cutoff(day)

    def as_json(self, divisions: codelists_divisions.Divisions | None = None) -> dict:
        data = asdict(self)
        data.update(state=self.state, reminder_due=self.reminder_due(),
                    target_name=township_name(self.target, divisions=divisions),
                    target_phone=township_phone(self.target, divisions),
                    requester_name=township_name(self.requester, divisions=divisions))
        return data


def township_name(code: str | None, lang: str | None = None,
                  divisions: codelists_divisions.Divisions | None = None) -> str:
    """The name of a township of the list (or of any township or county of the province, for the
    other side of a cross-county request); the code when neither knows it."""
    lang = lang or "zh"
    division = (divisions or codelists_divisions.shipped()).find(code) if code else None
    if division is not None:
        return division.name(lang)
    division = province.index().find(code) if code else None
    if division is None:
        return code or ""
    county = province.index().find(division.parent) if division.level == "township" else None
    if county is None:
        return division.name(lang)
    # a township of another county: with its county, as the other side reads it
    return f"{county.name_zh}{division.name_zh}" if lang == "zh" else f"{division.name_en}, {county.name_en}"


def province_county(text: str | None) -> str | None:
    """The code of the county of the province that `text` names - its code, or its name when only
    one county of the province bears it (桥东区 names three) - or None."""
    text = (text or "").strip()
    index = province.index()
    division = index.find(text)
    if division is None:
        named = [d for d in index.all().values() if d.level == "county" and text in (d.name_zh, d.name_en)]
        division = named[0] if len(named) == 1 else None
    return division.code if division is not None and division.level == "county" else None


NETWORK, PAPER, UNKNOWN_COUNTY, OWN_COUNTY = "network", "paper", "unknown-county", "own-county"


def outside_route(outside_county: str | None, id_number: str | None, own_county: str | None) -> tuple[str, str | None]:
    """How a request to another county travels, and that county's code: NETWORK through the
    province (a county of the province, and an ID number to find the person by), PAPER (a county
    of the province but no ID), UNKNOWN_COUNTY (not one the divisions know: on paper too) or
    OWN_COUNTY (refused: ask the township)."""
    county = province_county(outside_county)
    if county is None:
        return UNKNOWN_COUNTY, None
    if county == own_county:
        return OWN_COUNTY, county
    return (NETWORK if (id_number or "").strip() else PAPER), county


def township_phone(code: str | None, divisions: codelists_divisions.Divisions | None = None) -> str:
    division = (divisions or codelists_divisions.shipped()).find(code) if code else None
    return division.phone if division else ""


def _day(value: date | str | None) -> str:
    if value is None:
        return today().isoformat()
    return value.isoformat() if isinstance(value, date) else str(value)[:10]


def reminder_cutoff(day: date | str | None = None) -> str:
    """Requests sent on or before this day are due a phone reminder on `day`."""
    return (date.fromisoformat(_day(day)) - timedelta(days=REMINDER_DAYS)).isoformat()


def due_days(db: Database) -> int:
    return int(settings.get(db, DUE_DAYS_SETTING, DEFAULT_DUE_DAYS))


def _from_row(row) -> CrossCheck:
    return CrossCheck(*row)


def query(db: Database, *, side: str | None = None, open_only: bool = False) -> list[CrossCheck]:
    """Requests on one side (newest first); `open_only` leaves out answered and closed ones."""
    sql, args = _SELECT, []
    if side:
        sql += " WHERE c.side = ?"
        args.append(side)
    found = [_from_row(row) for row in db.execute(sql + " ORDER BY c.created_at DESC, c.id", args)]
    return [c for c in found if c.open] if open_only else found


def outgoing(db: Database, *, open_only: bool = False) -> list[CrossCheck]:
    return query(db, side="out", open_only=open_only)


def incoming(db: Database, *, open_only: bool = False) -> list[CrossCheck]:
    return query(db, side="in", open_only=open_only)


def routed(db: Database, *, open_only: bool = False) -> list[CrossCheck]:
    return query(db, side="route", open_only=open_only)


NOT_FOUND = Text("No cross-check request {id}.", "没有编号为 {id} 的协查请求。")


def get(db: Database, request_id: str) -> CrossCheck:
    """The request with this id, or with this unique id prefix (the CLI shows 8 characters)."""
    request_id = (request_id or "").strip()
    rows = db.execute(_SELECT + " WHERE c.id = ? OR c.id LIKE ? ESCAPE '\\' LIMIT 2",
                      [request_id, request_id.replace("%", r"\%").replace("_", r"\_") + "%"]).fetchall()
    exact = [row for row in rows if row[0] == request_id]
    if exact:
        return _from_row(exact[0])
    if len(rows) != 1 or not request_id:
        raise UserError(NOT_FOUND.format(id=request_id), code="not-found")
    return _from_row(rows[0])


def _require_township(workspace) -> None:
    if workspace.role != "township":
        raise UserError(Text("Only a township installation sends and answers cross-checks.",
                             "只有乡镇端可以发起和答复协查。"), code="wrong-role")


def _check_target(workspace, target: str) -> None:
    division = codelists_divisions.for_workspace(workspace).find(target)
    if division is None or division.level != "township" or division.parent != workspace.county:
        raise UserError(Text("{code} is not a township of this county. For a township in another county, "
                             "use --outside-county.",
                             "{code} 不是本县的乡镇。外县的乡镇请用 --outside-county。").format(code=target),
                        code="bad-target")
    if target == workspace.township:
        raise UserError(Text("A township cannot send a cross-check to itself.", "不能向本乡镇发起协查。"),
                        code="bad-target")


def new_request(workspace, *, question: str, subject_name: str = "", subject_id_number: str = "",
                target: str | None = None, outside_county: str | None = None,
                due_date: date | str | None = None, record_id: str | None = None) -> CrossCheck:
    """Raise a request (from a record when `record_id` is given); it goes out with the next bundle."""
    _require_township(workspace)
    db = workspace.db
    if record_id:
        record = records.get(db, record_id)
        from desktop.core.entry.entry import registry

        form = identity.FormLookup(registry(workspace)).for_record(record)  # the name and ID by role
        subject_name = subject_name or str(identity.value_of(form, record.values, roles.PERSON_NAME) or "")
        subject_id_number = subject_id_number or str(identity.value_of(form, record.values, roles.PERSON_ID) or "")
        record_id = record.id
    subject_name, subject_id_number = subject_name.strip(), subject_id_number.strip().upper()
    question = (question or "").strip()
    target = (target or "").strip() or None
    outside_county = (outside_county or "").strip() or None
    problems = []
    if not subject_name:
        problems.append(Text("the person's name is missing", "缺少被查询人姓名"))
    # the same test as the entry rules, so any record that could be saved can be asked about
    from desktop.core.rules.functions import id_number_valid

    if subject_id_number and not id_number_valid(subject_id_number, today()):
        problems.append(Text("the ID number is not a valid resident ID", "身份证号无效"))
    if not question:
        problems.append(Text("say what to confirm", "请填写协查内容"))
    if bool(target) == bool(outside_county):
        problems.append(Text("give either the target township or the outside county",
                             "请指定本县目标乡镇或外县名称（二选一）"))
    if problems:
        joined = Text("; ".join(p.en for p in problems), "；".join(p.zh for p in problems))
        raise UserError(Text("The cross-check was not created: ", "协查未创建：") + joined, code="invalid")
    if target:
        _check_target(workspace, target)
    route, other_county = outside_route(outside_county, subject_id_number, workspace.county) \
        if outside_county else (None, None)
    if route == OWN_COUNTY:
        raise UserError(Text("{name} is this county: choose its township instead.",
                             "{name} 就是本县：请直接选择本县的乡镇。").format(name=outside_county), code="bad-target")
    by_network = route == NETWORK
    due = _day(due_date) if due_date else (today() + timedelta(days=due_days(db))).isoformat()
    try:
        date.fromisoformat(due)
    except ValueError:
        raise UserError(Text("The due date {due} is not a date (YYYY-MM-DD).", "截止日期 {due} 格式不对（YYYY-MM-DD）。")
                        .format(due=due), code="invalid") from None
    if due < today().isoformat():
        raise UserError(Text("The due date {due} has passed already.", "截止日期 {due} 已过。").format(due=due),
                        code="invalid")
    request_id = str(uuid.uuid4())
    stamp, clerk = now_iso(), workspace.clerk or "system"
    with transaction(db):
        db.execute("INSERT INTO crosschecks (id, side, requester, target, outside_county, subject_name, "
                   "subject_id_number, question, record_id, due_date, created_at, created_by) "
                   "VALUES (?, 'out', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   [request_id, workspace.township, target or "", outside_county, subject_name,
                    subject_id_number, question, record_id, due, stamp, clerk])
        if target or by_network:
            # to another county, the target is that county until the province finds the township
            to = target or other_county
            exchange.queue(db, REQUEST, origin=workspace.township, target=to, item_id=request_id, payload={
                "request_id": request_id, "requester": workspace.township, "target": to,
                "subject_name": subject_name, "subject_id_number": subject_id_number, "question": question,
                "due_date": due, "created_at": stamp, "created_by": clerk})
        audit.append(db, "crosscheck", clerk=clerk, record_id=record_id,
                     details={"action": "new", "request": request_id, "target": target or "",
                              "outside_county": outside_county or "", "due_date": due})
    return get(db, request_id)


def answer(workspace, request_id: str, *, result: str, details: str = "") -> CrossCheck:
    """Answer an incoming request (the answer goes back with the next bundle), or type in the
    answer to a request sent outside the county through the provincial channel (closes it)."""
    _require_township(workspace)
    db = workspace.db
    request = get(db, request_id)
    details = (details or "").strip()
    if result not in ANSWERS:
        raise UserError(Text("The answer must be one of: confirmed, differs, unknown.",
                             "答复必须是：confirmed（属实）、differs（不符）、unknown（查无此人）之一。"),
                        code="invalid")
    if result == "differs" and not details:
        raise UserError(Text("Say what differs.", "请说明哪里不符。"), code="invalid")
    provincial = request.side == "out" and request.outside_county
    if request.side != "in" and not provincial:
        raise UserError(Text("This request was sent from here; its answer comes from {town}.",
                             "该协查由本乡镇发出，答复应来自 {town}。")
                        .format(town=township_name(request.target,
                                                   divisions=codelists_divisions.for_workspace(workspace))),
                        code="wrong-side")
    if request.answered_at:
        raise UserError(Text("This request was answered already ({when}).", "该协查已于 {when} 答复。")
                        .format(when=request.answered_at[:16]), code="answered")
    stamp, clerk = now_iso(), workspace.clerk or "system"
    with transaction(db):
        db.execute("UPDATE crosschecks SET answer=?, answer_details=?, answered_at=?, answered_by=?, "
                   "answer_arrived_at=CASE WHEN side='out' THEN ? ELSE answer_arrived_at END WHERE id=?",
                   [result, details, stamp, clerk, stamp, request.id])
        if request.side == "in":
            exchange.queue(db, ANSWER, origin=workspace.township, target=request.requester,
                           item_id=request.id + ".answer", payload={
                               "request_id": request.id, "answer": result, "details": details,
                               "answered_at": stamp, "answered_by": clerk, **_request_summary(request)})
        audit.append(db, "crosscheck", clerk=clerk, record_id=request.record_id,
                     details={"action": "answer", "request": request.id, "answer": result})
    return get(db, request.id)


def _request_summary(request: CrossCheck) -> dict:
    """What the county needs to count an answer even if it never saw the request (a rebuilt county)."""
    return {"requester": request.requester, "target": request.target, "due_date": request.due_date,
            "subject_name": request.subject_name, "subject_id_number": request.subject_id_number,
            "question": request.question, "created_at": request.created_at, "created_by": request.created_by}


PROVINCIAL_COLUMNS = ("id", "requester", "outside_county", "subject_name", "subject_id_number", "question",
                      "due_date", "created_at", "created_by")


def export_provincial(workspace, path: str | os.PathLike) -> int:
    """Write every unanswered request to an outside county kept for paper as a CSV (Excel/WPS open
    it) for the provincial channel; returns how many. They count as sent from the first export.
    Those travelling through the province hub are not written: the paper would deliver them twice."""
    _require_township(workspace)
    db = workspace.db
    pending = [c for c in outgoing(db) if c.outside_county and not c.by_network and not c.answer_arrived_at]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["编号 id", "发起乡镇 requester", "外县 outside county", "姓名 name", "身份证号 ID number",
                     "协查内容 question", "截止日期 due", "发起时间 created", "发起人 clerk"])
    for request in pending:
        writer.writerow([getattr(request, column) for column in PROVINCIAL_COLUMNS])
    path = Path(path)
    temp = path.with_name(path.name + ".tmp")
    try:
        with open(temp, "w", encoding="utf-8-sig", newline="") as handle:
            handle.write(buffer.getvalue())
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise UserError(Text("Cannot write {file}: {err}", "无法写入 {file}：{err}")
                        .format(file=path, err=error.strerror), code="unwritable") from error
    stamp = now_iso()
    with transaction(db):
        for request in pending:
            db.execute("UPDATE crosschecks SET exported_at = coalesce(exported_at, ?) WHERE id = ?",
                       [stamp, request.id])
        audit.append(db, "crosscheck", clerk=workspace.clerk or "system",
                     details={"action": "export_provincial", "count": len(pending), "file": path.name})
    return len(pending)


# --- items arriving through the exchange ---------------------------------------------------------

def match_local(db, person_fields) -> int:
    """Link each unanswered incoming request to a current record here holding the person's ID, to
    help the clerk answer; returns how many were linked. `person_fields` are the (form, field) pairs
    holding a person ID (desktop.core.forms.keys.FormKeys.person_id_fields: the forms' person_id
    role), given by the caller that has the forms."""
    fields = list(person_fields)
    if not fields:
        return 0
    pairs = ", ".join("(?, ?)" for _ in fields)
    cursor = db.execute(
        "UPDATE crosschecks SET record_id = (SELECT k.record_id FROM record_keys k JOIN records r ON r.id = k.record_id"
        f" WHERE (k.form_id, k.field) IN (VALUES {pairs}) AND k.value = crosschecks.subject_id_number"
        " AND r.deleted = 0 ORDER BY r.created_at, r.id LIMIT 1)"
        " WHERE side = 'in' AND record_id IS NULL AND answer IS NULL AND subject_id_number != ''",
        [part for pair in fields for part in pair])
    return cursor.rowcount


def _insert_from_payload(db, request_id: str, side: str, payload: dict, received_at: str) -> None:
    db.execute("INSERT OR IGNORE INTO crosschecks (id, side, requester, target, subject_name, subject_id_number, "
               "question, record_id, due_date, created_at, created_by, received_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               [request_id, side, payload["requester"], payload["target"], payload.get("subject_name", ""),
                payload.get("subject_id_number", ""), payload.get("question", ""),
                None,   # an incoming request's local match: match_local, once the items are in
                payload["due_date"], payload.get("created_at", received_at), payload.get("created_by", ""),
                received_at])


def _on_request(db, item, *, side, source):
    if not exchange.well_formed(item, "requester", "target", "due_date"):
        return
    payload, stamp = item["payload"], now_iso()
    request_id = payload.get("request_id", item["id"])
    if side == "county":
        _insert_from_payload(db, request_id, "route", payload, stamp)
        return
    _insert_from_payload(db, request_id, "in", payload, stamp)
    # the receipt tells the requester (and the county) that the request reached us
    exchange.queue(db, RECEIPT, origin=item["target"], target=payload["requester"], item_id=request_id + ".receipt",
                   payload={"request_id": request_id, "received_at": stamp})


def _on_receipt(db, item, *, side, source):
    if not exchange.well_formed(item, "request_id"):
        return
    payload = item["payload"]
    db.execute("UPDATE crosschecks SET delivered_at = coalesce(delivered_at, ?) WHERE id = ? AND side IN ('out', 'route')",
               [payload.get("received_at") or now_iso(), payload["request_id"]])


def _on_answer(db, item, *, side, source):
    if not exchange.well_formed(item, "request_id", "answered_at", "requester", "target", "due_date") \
            or item["payload"].get("answer") not in ANSWERS:
        return
    payload, stamp = item["payload"], now_iso()
    request_id = payload["request_id"]
    if side == "county":
        _insert_from_payload(db, request_id, "route", payload, stamp)
    db.execute("UPDATE crosschecks SET answer=?, answer_details=?, answered_at=?, answered_by=?, "
               "answer_arrived_at=coalesce(answer_arrived_at, ?) WHERE id=? AND side IN ('out', 'route')",
               [payload["answer"], payload.get("details", ""), payload["answered_at"], payload.get("answered_by", ""),
                stamp, request_id])


# --- figures for the daily summary and the circular ---------------------------------------------

def _is_own(db, township: str) -> bool:
    return settings.get(db, settings.ROLE) == "township" and settings.get(db, settings.TOWNSHIP) == township


def _ends_by(stamp: str | None, day: str) -> bool:
    return bool(stamp) and stamp[:10] <= day


def reminder_entry(request: CrossCheck, divisions: codelists_divisions.Divisions | None = None) -> dict:
    return {"id": request.id, "subject": f"{request.subject_name} {identity.mask_id(request.subject_id_number)}".strip(),
            "target_township": request.target, "target_name": township_name(request.target, divisions=divisions),
            "target_phone": township_phone(request.target, divisions), "sent_at": request.sent_on,
            "due_date": request.due_date}


def reminders_due(db: Database, township: str | None = None,
                  day: date | str | None = None) -> list[CrossCheck]:
    """Requests from `township` (default: this township) due a phone reminder on `day`: sent three
    or more days before and no answer back by then. At the county, from the requests it routed."""
    day = _day(day)
    township = township or settings.get(db, settings.TOWNSHIP)
    side = "out" if _is_own(db, township) else "route"
    return [c for c in query(db, side=side) if c.requester == township and c.reminder_due(day)]


def summary_for_day(db: Database, township: str, day: date | str,
                    divisions: codelists_divisions.Divisions | None = None) -> dict:
    """The daily summary's cross-check figures for `township` as of the end of `day`:

    outstanding: requests it received and has not answered; awaiting_answer: requests it sent
    with no answer back; reminders_due: [{subject, target_township, target_phone, sent_at, ...}];
    overdue: outstanding requests past their due date. On a township's own installation from its
    own tables; at the county from the requests the county routed.
    """
    day = _day(day)
    if _is_own(db, township):
        incoming_rows, outgoing_rows = query(db, side="in"), query(db, side="out")
        received = [c for c in incoming_rows if _ends_by(c.received_at, day) and not _ends_by(c.answered_at, day)]
        waiting = [c for c in outgoing_rows if _ends_by(c.sent_on, day) and not _ends_by(c.answer_arrived_at, day)]
    else:
        route = query(db, side="route")
        received = [c for c in route if c.target == township and _ends_by(c.sent_at, day)
                    and not _ends_by(c.answer_arrived_at, day)]
        waiting = [c for c in route if c.requester == township and _ends_by(c.received_at, day)
                   and not _ends_by(c.answer_arrived_at, day)]
    return {
        "outstanding": len(received),
        "overdue": sum(1 for c in received if c.due_date < day),
        "awaiting_answer": len(waiting),
        "reminders_due": [reminder_entry(c, divisions) for c in reminders_due(db, township, day)],
    }


def feedback_counts(db: Database, township: str, date_from: date | str,
                    date_to: date | str) -> dict:
    """The feedback rate's figures for `township` (DOMAIN.md): requests it received in the period
    and how many of those were answered by their due date.

    On the township's own installation: received = imported here in the period, answered in time
    = answered on or before the due date. At the county: received = routed into the township's
    return bundle in the period, answered in time = the answer reached the county on or before
    the due date (the county only knows when answers arrive, so carrying the stick late counts).
    """
    date_from, date_to = _day(date_from), _day(date_to)
    if _is_own(db, township):
        rows = [c for c in query(db, side="in") if c.received_at and date_from <= c.received_at[:10] <= date_to]
        in_time = [c for c in rows if c.answered_at and c.answered_at[:10] <= c.due_date]
    else:
        rows = [c for c in query(db, side="route")
                if c.target == township and c.sent_at and date_from <= c.sent_at[:10] <= date_to]
        in_time = [c for c in rows if c.answer_arrived_at and c.answer_arrived_at[:10] <= c.due_date]
    return {"received": len(rows), "answered_in_time": len(in_time)}


def circular_figures(db: Database, township: str, date_from: date | str, date_to: date | str) -> dict:
    """Everything the monthly circular prints for one township (DOMAIN.md's formulas): requests
    received and answered in time, the feedback rate; items sent to it and imported, the receipt
    rate. Rates are None when nothing was received or sent (no rate, rather than 0 % or 100 %)."""
    feedback = feedback_counts(db, township, date_from, date_to)
    receipt = exchange.receipt_counts(db, township, _day(date_from), _day(date_to))
    return {
        **feedback,
        "feedback_rate": feedback["answered_in_time"] / feedback["received"] if feedback["received"] else None,
        "items_sent": receipt["sent"], "items_imported": receipt["imported"],
        "receipt_rate": receipt["imported"] / receipt["sent"] if receipt["sent"] else None,
    }


# what this area does with each item type it receives (desktop.core.exchange.inbox)
HANDLERS = {REQUEST: _on_request, RECEIPT: _on_receipt, ANSWER: _on_answer}
