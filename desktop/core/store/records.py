"""Saving, reading and deleting records: each logical save is one transaction with its audit row.

This module is the only writer of the `records`, `record_keys` and `record_grams` (the search
index, desktop.core.store.search) tables (a test scans the
package for others); the tallies of records (`record_tallies`: desktop.core.store.tallies
reads them) are kept by triggers on `records` (migration 1611) - but for a bulk apply of received
records (`bulk_writes`), which lifts them for its transaction and writes each batch's tallies at once - so
they change only with this module's writes: entry saves through `save`, deletion through `delete`, and the county's
import of township bundles through `apply_received`.

A record is a JSON object of field values plus the bookkeeping the county relies on: a random
UUID, the form and form version it was entered with, the owning township, draft/complete status,
a version counter, who created and last changed it, and a soft-delete with its reason. Nothing is
ever removed from the table. Validation is not done here (see desktop.core.entry.entry): this module
only guarantees that what it acknowledged is on disk and in the trail.
"""

from __future__ import annotations

import json
import uuid
import weakref
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from operator import itemgetter

from desktop.core.clock import now_iso
from desktop.core.errors import UserError
from desktop.core.forms import roles
from desktop.core.i18n import Text
from desktop.core.progress import Progress, ensure
from desktop.core.store import audit, tallies
from desktop.core.store.db import Database, transaction
from desktop.core.store.migrations.m1611_record_tallies import KEY as TALLY_KEY
from desktop.core.store.search import digit_match_query, index_pieces, like_pattern, match_query, search_text

STATUSES = ("draft", "complete")
APPLY_STEP = 2000              # received records written between two progress reports (apply_received)


@dataclass
class Record:
    id: str
    form_id: str
    form_version: str
    township: str
    status: str
    version: int
    values: dict
    created_at: str
    created_by: str
    updated_at: str
    updated_by: str
    deleted: bool = False
    delete_reason: str | None = None
    last_audit_seq: int = 0
    search_text: str = field(default="", repr=False)

    def as_json(self) -> dict:
        return {
            "id": self.id, "form_id": self.form_id, "form_version": self.form_version,
            "township": self.township, "status": self.status, "version": self.version,
            "created_at": self.created_at, "created_by": self.created_by,
            "updated_at": self.updated_at, "updated_by": self.updated_by,
            "deleted": self.deleted, "delete_reason": self.delete_reason, "fields": self.values,
        }


# A record as carried in a township's data bundle (docs/SYNC.md), written by sync.outgoing and
# applied by apply_received; with `search_text` beside it.
BUNDLE_COLUMNS = ("id", "form_id", "form_version", "township", "status", "version", "data", "created_at",
                  "created_by", "updated_at", "updated_by", "deleted", "deleted_at", "deleted_by", "delete_reason")

COLUMNS = ("id, form_id, form_version, township, status, version, data, created_at, created_by, "
           "updated_at, updated_by, deleted, delete_reason, last_audit_seq, search_text")


def _from_row(row) -> Record:
    return Record(row[0], row[1], row[2], row[3], row[4], row[5], json.loads(row[6]), row[7], row[8],
                  row[9], row[10], bool(row[11]), row[12], row[13], row[14])


NOT_FOUND = Text("No record with id {id}.", "没有编号为 {id} 的记录。")


def get(db: Database, record_id: str) -> Record:
    row = db.execute(f"SELECT {COLUMNS} FROM records WHERE id = ?", [record_id]).fetchone()
    if row is None:
        raise UserError(NOT_FOUND.format(id=record_id), code="not-found")
    return _from_row(row)


def field_changes(old: dict, new: dict) -> dict:
    """{field: [old, new]} for every field whose value differs."""
    return {name: [old.get(name), new.get(name)]
            for name in sorted(set(old) | set(new)) if old.get(name) != new.get(name)}


def _write_keys(db, record_id: str, form_id: str, unique_fields, values: dict) -> None:
    db.execute("DELETE FROM record_keys WHERE record_id = ?", [record_id])
    for name in unique_fields:
        value = values.get(name)
        if value not in (None, ""):
            db.execute("INSERT OR IGNORE INTO record_keys VALUES (?,?,?,?)",
                       [form_id, name, str(value), record_id])


def write_search_index(db, rows, *, replace: bool = True) -> None:
    """Index the search text of records given as (rowid, search_text) in `record_grams`."""
    rows = list(rows)
    if replace:
        db.conn.executemany("DELETE FROM record_grams WHERE rowid = ?", [(rowid,) for rowid, _ in rows])
    db.conn.executemany("INSERT INTO record_grams (rowid, grams) VALUES (?, ?)",
                        [(rowid, index_pieces(text or "")) for rowid, text in rows])


def save(db: Database, *, form_id: str, form_version: str, township: str, values: dict,
         clerk: str, status: str = "complete", record_id: str | None = None, reason: str | None = None,
         unique_fields=(), search_fields=None, overrides: dict | None = None,
         expected_version: int | None = None) -> Record:
    """Create the record, or change it when `record_id` exists; returns it as saved.

    Changing a completed record needs a `reason` (kept in the trail). `overrides` maps each
    warning the clerk overrode to the reason given. `expected_version` guards against two
    windows editing the same record.
    """
    if status not in STATUSES:
        raise ValueError(f"status must be one of {STATUSES}")
    stamp = now_iso()
    text = search_text(values) if search_fields is None else search_text(values, search_fields)
    data = json.dumps(values, ensure_ascii=False, sort_keys=True)
    with transaction(db):
        existing = None
        if record_id is not None:
            row = db.execute(f"SELECT {COLUMNS} FROM records WHERE id = ?", [record_id]).fetchone()
            existing = _from_row(row) if row else None
        if existing is None:
            record_id = record_id or str(uuid.uuid4())
            details = {"values": values, "status": status, "form_version": form_version}
            if overrides:
                details["overrides"] = overrides
            entry = audit.append(db, "create", clerk=clerk, record_id=record_id, form_id=form_id,
                                 details=details, reason=reason, at=stamp)
            row = (record_id, form_id, form_version, township, status, 1, data, stamp, clerk, stamp, clerk,
                   0, None, entry.seq, text)
            cursor = db.execute(f"INSERT INTO records ({COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", row)
            write_search_index(db, [(cursor.lastrowid, text)], replace=False)
            saved = _from_row(row)
        else:
            if existing.deleted:
                raise UserError(Text("This record was deleted and cannot be changed.",
                                     "该记录已删除，不能修改。"), code="deleted")
            if expected_version is not None and expected_version != existing.version:
                raise UserError(Text(
                    "This record was changed elsewhere after you opened it. Reopen it and try again.",
                    "打开该记录后它已在别处被修改。请重新打开后再改。"), code="conflict")
            if existing.status == "complete" and not (reason or "").strip():
                raise UserError(Text("Changing a completed record needs a reason.",
                                     "修改已完成的记录需要填写原因。"), code="reason-required")
            changes = field_changes(existing.values, values)
            details = {"changes": changes}
            if status != existing.status:
                details["status"] = [existing.status, status]
            if form_version != existing.form_version:
                details["form_version"] = [existing.form_version, form_version]
            if overrides:
                details["overrides"] = overrides
            entry = audit.append(db, "edit", clerk=clerk, record_id=record_id, form_id=form_id,
                                 details=details, reason=reason, at=stamp)
            db.execute(
                "UPDATE records SET form_version=?, status=?, version=version+1, data=?, updated_at=?,"
                " updated_by=?, last_audit_seq=?, search_text=? WHERE id=?",
                [form_version, status, data, stamp, clerk, entry.seq, text, record_id])
            if text != existing.search_text:
                rowid = db.execute("SELECT rowid FROM records WHERE id = ?", [record_id]).fetchone()[0]
                write_search_index(db, [(rowid, text)])
            saved = replace(existing, form_version=form_version, status=status, version=existing.version + 1,
                            values=json.loads(data), updated_at=stamp, updated_by=clerk,
                            last_audit_seq=entry.seq, search_text=text)
        _write_keys(db, record_id, form_id, unique_fields, values)
    return saved   # as written (the rows above), without reading it back


def delete(db: Database, record_id: str, *, clerk: str, reason: str) -> Record:
    """Soft-delete: the record stays in the file and the trail, marked deleted with its reason."""
    if not (reason or "").strip():
        raise UserError(Text("Deleting a record needs a reason.", "删除记录需要填写原因。"),
                        code="reason-required")
    with transaction(db):
        record = get(db, record_id)
        if record.deleted:
            raise UserError(Text("This record is already deleted.", "该记录已删除。"), code="deleted")
        stamp = now_iso()
        entry = audit.append(db, "delete", clerk=clerk, record_id=record_id, form_id=record.form_id,
                             details={}, reason=reason, at=stamp)
        db.execute("UPDATE records SET deleted=1, deleted_at=?, deleted_by=?, delete_reason=?, "
                   "version=version+1, updated_at=?, updated_by=?, last_audit_seq=? WHERE id=?",
                   [stamp, clerk, reason, stamp, clerk, entry.seq, record_id])
        db.execute("DELETE FROM record_keys WHERE record_id = ?", [record_id])
    return get(db, record_id)


def undelete(db: Database, record_id: str, *, clerk: str, reason: str, unique_fields=()) -> Record:
    """Take a deletion back: the record counts again, with the values it had; an "undelete" event
    with its reason in the trail. Refused while another record holds one of its unique values
    (the same ID number keyed again meanwhile)."""
    if not (reason or "").strip():
        raise UserError(Text("Restoring a deleted record needs a reason.", "恢复已删除的记录需要填写原因。"),
                        code="reason-required")
    with transaction(db):
        record = get(db, record_id)
        if not record.deleted:
            raise UserError(Text("This record is not deleted.", "该记录没有被删除。"), code="not-deleted")
        for name in unique_fields:
            value = record.values.get(name)
            if value in (None, ""):
                continue
            holder = db.execute("SELECT record_id FROM record_keys WHERE form_id = ? AND field = ? AND value = ?"
                                " AND record_id != ?", [record.form_id, name, str(value), record_id]).fetchone()
            if holder:
                raise UserError(Text("Another record now has the same {field}: open that one instead.",
                                     "另一条记录现在有相同的{field}：请打开那一条。").format(field=name),
                                code="duplicate")
        stamp = now_iso()
        entry = audit.append(db, "undelete", clerk=clerk, record_id=record_id, form_id=record.form_id,
                             details={"delete_reason": record.delete_reason}, reason=reason, at=stamp)
        db.execute("UPDATE records SET deleted=0, deleted_at=NULL, deleted_by=NULL, delete_reason=NULL, "
                   "version=version+1, updated_at=?, updated_by=?, last_audit_seq=? WHERE id=?",
                   [stamp, clerk, entry.seq, record_id])
        _write_keys(db, record_id, record.form_id, unique_fields, record.values)
    return get(db, record_id)


def apply_received(db: Database, received, *, audit_seq: int, unique_fields, replaced=None,
                   progress: Progress | None = None) -> list[str]:
    """The county's import: add or update the records of a township's bundle, as the township
    saved them, and index their unique fields; returns the ids applied.

    `received` holds (record, values) pairs: a record as carried in the bundle (BUNDLE_COLUMNS and
    `search_text`, already checked by the import for its owner and for a version above the one
    held: the keys are rewritten for every record given) and its parsed
    field values. `unique_fields(form_id, form_version)` names the fields to index, from the form
    definition (desktop.core.forms.keys), as entry does. Every record gets the county's audit
    position `audit_seq` (of the import's own audit row). A version not above the one held is left
    as it is (a guard only). `replaced` names the records among them already held here (their old
    keys go); None: any may be. Call inside the import's transaction.

    Written APPLY_STEP records at a time: `progress` hears the records written of all given after
    each step and may cancel between steps (the caller's transaction then rolls back the steps
    already written).

    executemany, not sqlite-utils' upsert_all/insert_all: the upsert must keep the higher version
    (`WHERE excluded.version > records.version`), which upsert_all cannot say, and sqlite-utils was
    slower: 50,000 rows with their keys took 2.6-6.4 s against 1.5-2.3 s for executemany, in
    one transaction on the same machine and run.
    """
    received = received if isinstance(received, list) else list(received)
    with bulk_writes(db, len(received)):
        # inside a bulk write the tally triggers are lifted: this apply writes its batches' tallies
        return _apply_received(db, received, audit_seq=audit_seq, unique_fields=unique_fields,
                               replaced=replaced, progress=progress, tally=_BULK.get(db, False))


_BULK: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()   # store -> its tallies lifted (bulk_writes)


@contextmanager
def bulk_writes(db: Database, count: int):
    """Within the caller's transaction, for `count` received records applied at once or in steps
    (a county import of a large bundle, a chunk at a time): from BULK_CACHE_FROM records on, a
    larger page cache and the tally triggers lifted, each `apply_received` writing its batch's
    tallies at once; fewer change nothing, nor does a bulk write inside another. Only
    `apply_received` may write records inside it (the tallies count its writes alone).

    A bulk apply writes the search index's segments between the records' pages: with the
    connection's usual page cache the index's merges read back pages already spilled to the WAL
    and decrypt them again, which made the index 4-7x dearer than on its own (50,000 records: 8-9 s
    against 1.2-1.4 s). The tally triggers cost a bulk apply a json_extract and a write of
    `record_tallies` per record (0.7-0.9 of 4.8 s for 50,000). They are lifted for the caller's
    transaction only: a reader never sees the store without them, and a rollback brings them back
    with the records."""
    if db in _BULK or count < BULK_CACHE_FROM:
        yield
        return
    held = db.conn.execute("PRAGMA cache_size").fetchone()[0]
    db.conn.execute(f"PRAGMA cache_size={BULK_CACHE_KIB}")
    triggers = db.conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'records'"
                               " AND name LIKE 'records_tally_%'").fetchall()
    for name, _sql in triggers:
        db.conn.execute(f"DROP TRIGGER {name}")
    _BULK[db] = bool(triggers)
    try:
        yield
    finally:
        del _BULK[db]
        for _name, sql in triggers:
            # IF NOT EXISTS: a transaction SQLite already rolled back (a full disk) brought them back
            db.conn.execute(sql.replace("CREATE TRIGGER ", "CREATE TRIGGER IF NOT EXISTS ", 1))
        db.conn.execute(f"PRAGMA cache_size={int(held)}")


BULK_CACHE_FROM = 5_000           # records from which bulk_writes enlarges the cache and lifts the triggers
BULK_CACHE_KIB = -65_536          # that cache: 64 MB (PRAGMA cache_size in KiB when negative)


_TALLY_BATCH = ("INSERT INTO record_tallies SELECT {key}, {sign}count(*) FROM records WHERE id IN ({marks})"
                " GROUP BY 1, 2, 3, 4, 5, 6, 7 ON CONFLICT DO UPDATE SET n = n + excluded.n")


def _tally_batch(conn, ids: list[str], sign: str) -> None:
    """Add (sign '') or take away (sign '-') the records `ids` as they stand from the tallies."""
    for part in range(0, len(ids), 500):
        chunk = ids[part:part + 500]
        conn.execute(_TALLY_BATCH.format(key=TALLY_KEY.format(side="records"), sign=sign,
                                         marks=",".join("?" * len(chunk))), chunk)


def _apply_received(db, received: list, *, audit_seq: int, unique_fields, replaced=None, progress=None,
                    tally: bool = False) -> list[str]:
    """`tally`: the tally triggers are lifted, so each batch writes its tallies here."""
    progress = ensure(progress)
    replaced = None if replaced is None else set(replaced)
    total = len(received)
    deleted_at = BUNDLE_COLUMNS.index("deleted")
    columns = ", ".join(BUNDLE_COLUMNS)
    upsert = (f"INSERT INTO records ({columns}, search_text, last_audit_seq) VALUES "
              f"({', '.join('?' * len(BUNDLE_COLUMNS))}, ?, ?) ON CONFLICT(id) DO UPDATE SET "
              + ", ".join(f"{c}=excluded.{c}" for c in BUNDLE_COLUMNS[1:])
              + ", search_text=excluded.search_text, last_audit_seq=excluded.last_audit_seq"
              " WHERE excluded.version > records.version")
    conn = db.conn
    applied: list[str] = []
    columns_of = itemgetter(*BUNDLE_COLUMNS)   # a record's columns in one call, not one lookup each
    for start in range(0, total, APPLY_STEP):
        if start:
            progress.check()
        rows, keys, ids = [], [], []
        for record, values in received[start:start + APPLY_STEP]:
            row = [*columns_of(record)]
            row[deleted_at] = 1 if record["deleted"] else 0
            text = record.get("search_text")
            row += [text if isinstance(text, str) else search_text(values), audit_seq]
            rows.append(row)
            ids.append((record["id"],))
            # a received record is indexed whatever its status: the county compares drafts too
            if not record["deleted"]:
                keys += [(record["form_id"], name, str(values[name]), record["id"])
                         for name in unique_fields(record["form_id"], record["form_version"])
                         if values.get(name) not in (None, "")]
        if tally:     # the held versions of the batch out (`replaced`: only those can be held)
            _tally_batch(conn, [i for (i,) in ids if replaced is None or i in replaced], "-")
        conn.executemany(upsert, rows)
        if tally:     # and the batch as it now stands in (a version not above the held one was kept)
            _tally_batch(conn, [i for (i,) in ids], "")
        conn.executemany("DELETE FROM record_keys WHERE record_id = ?",
                         ids if replaced is None else [i for i in ids if i[0] in replaced])
        conn.executemany("INSERT OR IGNORE INTO record_keys VALUES (?,?,?,?)", keys)
        # the search index from the rows as they now stand (a version not above the held one was kept)
        for part in range(0, len(ids), 500):
            chunk = [i for (i,) in ids[part:part + 500]]
            write_search_index(db, conn.execute(f"SELECT rowid, search_text FROM records WHERE id IN "
                                          f"({','.join('?' * len(chunk))})", chunk).fetchall(),
                         replace=replaced is None or any(i in replaced for i in chunk))
        applied += [i for (i,) in ids]
        progress(start + len(rows), total)
    return applied


@dataclass(frozen=True)
class Existing:
    """A current record holding a value that must be unique; `display` is a short description."""

    record_id: str
    display: str


def find_by_key(db: Database, form_id: str, field_name: str, value,
                exclude_record_id: str | None = None) -> Existing | None:
    row = db.execute(
        "SELECT r.id, r.data, r.created_at FROM record_keys k JOIN records r ON r.id = k.record_id"
        " WHERE k.form_id=? AND k.field=? AND k.value=? AND k.record_id IS NOT ? AND r.deleted=0 LIMIT 1",
        [form_id, field_name, str(value), exclude_record_id]).fetchone()
    if row is None:
        return None
    values = json.loads(row[1])
    # the form's name roles are applied by the caller that has the form (desktop.core.entry);
    # here, the fallback names (desktop.core.forms.roles)
    label = next((values[name] for role in (roles.PERSON_NAME, roles.RECORD_NUMBER)
                  for name in roles.FALLBACK_NAMES[role] if values.get(name)), "")
    return Existing(row[0], f"{label} ({row[0][:8]}, {row[2][:10]})".strip())


def query(db: Database, *, form_id: str | None = None, search: str | None = None,
          status: str | None = None, include_deleted: bool = False, where: str = "",
          params=(), limit: int | None = 100, offset: int = 0,
          order: str = "updated_at DESC, id") -> list[Record]:
    """Records newest first; `search` matches name, pinyin initials, ID number or phone."""
    return list(each(db, form_id=form_id, search=search, status=status, include_deleted=include_deleted,
                     where=where, params=params, limit=limit, offset=offset, order=order))


def each(db: Database, *, form_id: str | None = None, search: str | None = None,
         status: str | None = None, include_deleted: bool = False, where: str = "",
         params=(), limit: int | None = None, offset: int = 0, order: str = "updated_at DESC, id"):
    """The records of `query`, one at a time as they are read (every match by default): a
    listing of thousands holds one record at a time, not all of them."""
    sql, args = _filter_sql(form_id, search, status, include_deleted, where, params, db,
                            want=None if limit is None else limit + offset)
    sql = f"SELECT {COLUMNS} FROM records{sql} ORDER BY {order}"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        args += [limit, offset]
    for row in db.execute(sql, args):
        yield _from_row(row)


def changed_since(db: Database, since_audit_seq: int = -1, *, status: str | None = "complete",
                  batch: int = 500):
    """Every current record whose latest change is after the audit position `since_audit_seq`
    (-1: every record), in the order of their change, read `batch` at a time by keyset
    pagination on the change index (last_audit_seq, then rowid): each batch is one index range,
    so reading all of them is linear in the records read, whatever the size of the store."""
    for rows in changed_rows_since(db, since_audit_seq, f"rowid, {COLUMNS}", status=status, batch=batch):
        for row in rows:
            yield _from_row(row[1:])


def changed_rows_since(db: Database, since_audit_seq: int, columns: str, *, status: str | None = "complete",
                       batch: int = 500):
    """changed_since's pages as raw rows of `columns` (which must start with rowid and
    last_audit_seq may not be left out: the keyset is read from the row), a list per page.

    A page continues where the last ended: within the same audit position, by rowid on the index
    (`last_audit_seq = ? AND rowid > ?`), then from the next position. A row value
    `(last_audit_seq, rowid) > (?, ?)` would read as `last_audit_seq >= ?` on the index and walk
    every earlier entry of that position again for each page: quadratic when one import wrote a
    million records at one position."""
    names = [name.strip() for name in columns.split(",")]
    if names[0] != "rowid" or "last_audit_seq" not in names:
        raise ValueError("changed_rows_since needs rowid first and last_audit_seq among the columns")
    at = names.index("last_audit_seq")
    filters = " AND deleted = 0" + (" AND status = ?" if status else "")
    extra = [status] if status else []
    next_position = (f"SELECT {columns} FROM records INDEXED BY records_change WHERE last_audit_seq > ?{filters}"
                     " ORDER BY last_audit_seq, rowid LIMIT ?")
    same_position = (f"SELECT {columns} FROM records INDEXED BY records_change WHERE last_audit_seq = ? "
                     f"AND rowid > ?{filters} ORDER BY rowid LIMIT ?")
    seq, rowid = since_audit_seq, None
    while True:
        if rowid is None:
            rows = db.execute(next_position, [seq, *extra, batch]).fetchall()
            if not rows:
                return
        else:
            rows = db.execute(same_position, [seq, rowid, *extra, batch]).fetchall()
            if not rows:        # this position is done: on to the next
                rowid = None
                continue
        yield rows
        seq, rowid = rows[-1][at], rows[-1][0]


def count_changed_since(db: Database, since_audit_seq: int = -1, *, status: str | None = "complete") -> int:
    """How many records changed_since yields."""
    return db.execute("SELECT count(*) FROM records INDEXED BY records_change WHERE last_audit_seq > ?"
                      " AND deleted = 0" + (" AND status = ?" if status else ""),
                      [since_audit_seq, *([status] if status else [])]).fetchone()[0]


def count(db: Database, *, form_id: str | None = None, search: str | None = None,
          status: str | None = None, include_deleted: bool = False, where: str = "", params=()) -> int:
    if counted_by_tallies(search=search, where=where, params=params):
        # no search, village or date: the store's tallies have it (a count of every record's
        # index entry took seconds at a million records, on every open of the records list)
        deleted = True if where == DELETED_ONLY else (None if include_deleted else False)
        return tallies.count(db, form_id=form_id, status=status, deleted=deleted)
    sql, args = _filter_sql(form_id, search, status, include_deleted, where, params, db)
    return db.execute(f"SELECT count(*) FROM records{sql}", args).fetchone()[0]


DELETED_ONLY = "deleted = 1"     # list_filter's clause for the deleted records


def counted_by_tallies(*, search: str | None = None, where: str = "", params=(), **_ignored) -> bool:
    """Whether `count` with these arguments (those of list_filter) reads the tallies: no search
    and no clause beyond the deleted records' (village and dates are not tallied)."""
    return not (search and search.strip()) and where in ("", DELETED_ONLY) and not params


# Reading a record the index names costs about READ_COST times checking one entry of the list
# index in order, and the walk checks about W * N / c entries (at most N) to find the first W of
# the c matches among N records, so the index is the faster way while READ_COST * c stays under
# that: for a page (W = 100) while c stays under about 1.3 * sqrt(N) (1,300 at a million
# records); for every match (a count, or the command line's list) while c stays under N / 60.
SEARCH_PAGE = 100
READ_COST = 60


def _search_candidates(db, search: str, want: int | None = SEARCH_PAGE) -> str | None:
    """The FTS5 query of `search` when the search index should drive it (rare enough), else
    None: a run of four characters or more with a digit by its four-character pieces (those of
    the numbers), any other of two or more by its two-character pieces."""
    if db is None:
        return None
    match = digit_match_query(search) or match_query(search)
    if match is None:
        return None
    size = db.execute("SELECT max(rowid) FROM records").fetchone()[0] or 0
    # `want`: the matches the caller reads (None: every one of them)
    found_most = size / READ_COST if want is None else (want * size / READ_COST) ** 0.5
    limit = max(2 * SEARCH_PAGE, int(found_most))
    found = db.execute("SELECT count(*) FROM (SELECT rowid FROM record_grams WHERE record_grams MATCH ? LIMIT ?)",
                       [match, limit + 1]).fetchone()[0]
    return match if found <= limit else None


def _filter_sql(form_id, search, status, include_deleted, where, params, db=None, want: int | None = None):
    clauses, args, match = [], [], None
    if search and search.strip():
        match = _search_candidates(db, search, want)
        if match is not None:
            clauses.append("rowid IN (SELECT rowid FROM record_grams WHERE record_grams MATCH ?)")
            args.append(match)
    if form_id:
        clauses.append("form_id = ?")
        args.append(form_id)
    if not include_deleted:
        clauses.append("deleted = 0")
    if status:
        clauses.append("status = ?")
        args.append(status)
    if search and search.strip():
        clauses.append("search_text LIKE ? ESCAPE '\\'")
        args.append(like_pattern(search))
    if where:
        clauses.append(f"({where})")
        args += list(params)
    # the records the index found, by rowid (NOT INDEXED: never a walk of a list index testing
    # each record against them, which the planner otherwise prefers for the ORDER BY)
    table_hint = " NOT INDEXED" if match is not None else ""
    return (table_hint + " WHERE " + " AND ".join(clauses) if clauses else ""), args


# --- reads for the lists and filters of the app -------------------------------------------------

def id_from_prefix(db: Database, prefix: str) -> str | None:
    """The one record whose id starts with `prefix` (the lists show an id's first 8 characters),
    or None when no record or more than one does."""
    prefix = (prefix or "").strip()
    if not prefix:
        return None
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    rows = db.execute("SELECT id FROM records WHERE id LIKE ? ESCAPE '\\' LIMIT 2", [escaped + "%"]).fetchall()
    return rows[0][0] if len(rows) == 1 else None


def form_ids_in_use(db: Database) -> list[str]:
    """The forms that have records (deleted ones included), sorted: one index seek per form
    (the next form_id above the last found) rather than a DISTINCT over every record, so the
    main window opens as fast on a county of a million records as on an empty one."""
    found, last = [], ""
    while True:
        row = db.execute("SELECT form_id FROM records INDEXED BY records_form_search WHERE form_id > ?"
                         " ORDER BY form_id LIMIT 1", [last]).fetchone()
        if row is None:
            return found
        last = row[0]
        found.append(last)


def list_filter(*, search: str | None = None, form_id: str | None = None, status: str | None = None,
                village: str | None = None, date_from: str | None = None, date_to: str | None = None,
                village_fields: dict[str, str] | None = None) -> dict:
    """The keyword arguments of `query` and `count` for the records list's filter: `status` is
    "draft", "complete", "deleted" or None (current records); the dates (YYYY-MM-DD, both
    inclusive) bound the last change; `village_fields` is {form_id: the field with the village
    role} (forms.roles.names_by_form; None: the fallback name)."""
    from desktop.core.forms import roles

    where, params = [], []
    if village:
        where.append(f"{roles.sql_value(roles.VILLAGE, village_fields)} = ?")
        params.append(village)
    if date_from:
        where.append("updated_at >= ?")
        params.append(date_from)
    if date_to:
        where.append("updated_at < ?")
        params.append(date_to + "\uffff")  # every time stamp of that day sorts below
    if status == "deleted":
        where.append(DELETED_ONLY)
    return {"form_id": form_id, "search": search or None,
            "status": status if status in STATUSES else None,
            "include_deleted": status == "deleted",
            "where": " AND ".join(where), "params": params}
