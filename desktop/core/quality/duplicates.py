"""Likely the same person: two records whose person may be one, though their ID numbers differ.

Duplicates in a register come mostly from typos and skipped searches: the same person registered
in two townships with one digit of the ID mistyped, or once with an older ID (a 15-digit first-
generation number, or one re-issued with other sequence digits). The exact same ID is the county's
`duplicate_id` check (desktop.core.store.person_ids); this module finds the rest.

Each pair of candidates is scored on

- the ID: the same 17-digit body (a 15-digit ID widened), one substitution or one transposition of
  adjacent digits away (the check digit set aside: a mistyped ID that passed the entry check had
  its check digit recomputed or mistyped too), or the same birth-date digits with other sequence
  digits (in the same area code, or another);
- the name: its characters, and its pinyin (a homophone typed for the right character);
- the birth date, the sex, and the place of household registration (户籍地).

The score is a weighted sum in 0..1. A pair is "possibly the same person" when the names are
alike enough (`Thresholds.name`) and the score reaches `Thresholds.score`; both are declared in the
form pack (settings `duplicate_threshold`, `duplicate_name_threshold`, docs/QUALITY.md), with
the defaults below for a form that declares none.

Not all pairs are scored: records are grouped by keys a duplicate shares with its original
(blocking), and only pairs within a group are compared:

- birth date and the surname's pinyin (any typo outside the birth-date digits, an older ID);
- sequence digits and the full name's pinyin (a typo inside the birth-date digits);
- area code, the full name's pinyin and birth year (a transposition across two parts of the ID).

Scoring 1,000,000 records this way takes well under two minutes (tests/bench/test_duplicates_bench.py).
"""

from __future__ import annotations

import json
import operator
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from rapidfuzz.distance import Levenshtein

from desktop.core.i18n import Text
from desktop.core.progress import Progress, ensure

WEIGHTS = {"id": 0.40, "name": 0.25, "birth": 0.10, "sex": 0.05, "hukou": 0.20}
ID_SCORES = {"same": 1.0, "one_edit": 0.9, "same_birth": 0.6, "same_birth_other_area": 0.4}


@dataclass(frozen=True)
class Thresholds:
    """When a pair is possibly the same person: names at least `name` alike (0..1) and a score of
    at least `score`."""

    score: float = 0.80
    name: float = 0.70

    @classmethod
    def of_form(cls, definition) -> Thresholds:
        """The thresholds the form pack declares (its settings sheet), the defaults otherwise."""
        declared = definition.duplicate_thresholds
        return cls(score=declared.get("score", cls.score), name=declared.get("name", cls.name))


class Person(NamedTuple):
    """What the scoring reads of one record."""

    record_id: str
    township: str
    name: str
    pinyin: tuple[str, ...]
    body: str          # the ID's first 17 digits (a 15-digit ID widened); '' without a usable ID
    birth: str         # YYYYMMDD, from the birth-date field or else the ID
    sex: str
    hukou: str
    id_number: str = ""


@dataclass
class Match:
    """Two records possibly of the same person: `first` was registered first."""

    first: str
    later: str
    score: float
    reasons: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict:
        return {"first": self.first, "later": self.later, "score": round(self.score, 3),
                "reasons": list(self.reasons)}


REASON_TEXT = {
    "id_same": Text("the same ID number (old and new form)", "同一身份号码（新旧两种位数）"),
    "id_one_edit": Text("ID numbers one digit apart", "身份号码仅一位不同或两位颠倒"),
    "id_same_birth": Text("ID numbers with the same birth-date digits", "身份号码出生日期码相同"),
    "name_same": Text("the same name", "姓名相同"),
    "name_sounds_same": Text("names that sound the same", "姓名读音相同"),
    "name_alike": Text("similar names", "姓名相近"),
    "birth_same": Text("the same date of birth", "出生日期相同"),
    "sex_same": Text("the same sex", "性别相同"),
    "hukou_same": Text("the same place of household registration", "户籍地相同"),
    "hukou_alike": Text("similar places of household registration", "户籍地相近"),
}


def reasons_text(reasons) -> Text:
    parts = [REASON_TEXT[r] for r in reasons if r in REASON_TEXT]
    return Text("; ".join(p.en for p in parts), "；".join(p.zh for p in parts))


# --- reading a record --------------------------------------------------------------------------

_PINYIN: dict[str, str] = {}


def pinyin_of(name: str) -> tuple[str, ...]:
    """The name's pinyin, one syllable a character, without tones (a character's first reading;
    cached per character: pypinyin on every name would cost a minute at a million records)."""
    out = []
    for char in name:
        syllable = _PINYIN.get(char)
        if syllable is None:
            if "\u4e00" <= char <= "\u9fff":
                from pypinyin import lazy_pinyin

                syllable = lazy_pinyin(char)[0]
            else:
                syllable = char.lower()
            _PINYIN[char] = syllable
        if syllable.strip():
            out.append(syllable)
    return tuple(out)


def id_body(id_number) -> str:
    """The first 17 digits of an 18-digit ID, or a 15-digit ID widened to them ('19' before its
    two-digit year); '' for anything else."""
    text = str(id_number or "").strip().upper()
    if len(text) == 18 and text[:17].isdigit():
        return text[:17]
    if len(text) == 15 and text.isdigit():
        return text[:6] + "19" + text[6:]
    return ""


def person(record_id: str, township: str, name, id_number, birth_date, sex, hukou) -> Person:
    """A Person from a record's values (any of them may be missing). The values many people
    share (township, sex, birth date, place, a name's pinyin) are kept once: a county's million
    people are held at once while they are compared."""
    name = "".join(str(name or "").split())
    body = id_body(id_number)
    birth = str(birth_date or "").replace("-", "")[:8]
    if len(birth) != 8 or not birth.isdigit():
        birth = body[6:14] if body else ""
    pinyin = _NAME_PINYIN.get(name)
    if pinyin is None:
        if len(_NAME_PINYIN) > 200_000:
            _NAME_PINYIN.clear()
        pinyin = _NAME_PINYIN[name] = pinyin_of(name)
    return Person(record_id, _shared(township or ""), name, pinyin, body, _shared(birth), _shared(str(sex or "")),
                  _shared("".join(str(hukou or "").split())), str(id_number or "").strip().upper())


_NAME_PINYIN: dict[str, tuple[str, ...]] = {}


def _shared(text: str) -> str:
    return sys.intern(text)


# --- scoring one pair ------------------------------------------------------------------------------

def id_relation(a: str, b: str) -> str | None:
    """How two 17-digit bodies relate: 'same', 'one_edit' (one substitution or one transposition
    of adjacent digits), 'same_birth' (birth-date digits and area equal, sequence digits not),
    'same_birth_other_area', or None."""
    if not a or not b:
        return None
    if a == b:
        return "same"
    count = sum(map(operator.ne, a, b))     # counted in C: most pairs differ in many places
    if count == 1:
        return "one_edit"
    if count == 2:
        differ = [i for i in range(17) if a[i] != b[i]]
        if differ[1] == differ[0] + 1 and a[differ[0]] == b[differ[1]] and a[differ[1]] == b[differ[0]]:
            return "one_edit"
    if a[6:14] == b[6:14]:
        return "same_birth" if a[:6] == b[:6] else "same_birth_other_area"
    return None


def name_similarity(a: Person, b: Person) -> tuple[float, str | None]:
    if not a.name or not b.name:
        return 0.0, None
    if a.name == b.name:
        return 1.0, "name_same"
    if a.pinyin and a.pinyin == b.pinyin:
        return 0.95, "name_sounds_same"
    chars = Levenshtein.normalized_similarity(a.name, b.name)
    # syllable by syllable: a homophone counts as the right character, another syllable does not
    # (三 san and 上 shang are two characters, however alike their letters)
    sounds = Levenshtein.normalized_similarity(a.pinyin, b.pinyin) * 0.95
    return max(chars, sounds), "name_alike"


def _place(text: str) -> str:
    """A place without its leading province (written or left out alike)."""
    for mark in ("自治区", "省"):
        at = text.find(mark)
        if 0 < at <= 8:
            return text[at + len(mark):]
    return text


def hukou_similarity(a: str, b: str) -> tuple[float, str | None]:
    if not a or not b:
        return 0.0, None
    a, b = _place(a), _place(b)
    if a == b:
        return 1.0, "hukou_same"
    # places share long prefixes (city, county): only what follows them tells two apart
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    alike = Levenshtein.normalized_similarity(a[common:], b[common:])
    return alike, "hukou_alike" if alike >= 0.5 else None


_AFTER_ID = WEIGHTS["birth"] + WEIGHTS["sex"] + WEIGHTS["hukou"]   # what a pair can gain after the ID


def score(a: Person, b: Person, thresholds: Thresholds = Thresholds(), *, unknown=()) -> Match | None:
    """The pair as a Match when it is possibly the same person, else None. `unknown` names what
    is not known yet of one side (a record still being keyed: "hukou"): it is left out of the
    weighing, the score being the share of the remaining weights (a field not keyed yet is
    neither alike nor unlike)."""
    known = 1.0 - sum(WEIGHTS[part] for part in set(unknown))
    name, name_reason = name_similarity(a, b)
    if name < thresholds.name:
        return None
    reasons = [name_reason]
    relation = id_relation(a.body, b.body)
    total = WEIGHTS["name"] * name
    if relation is not None:
        total += WEIGHTS["id"] * ID_SCORES[relation]
        reasons.insert(0, "id_" + ("same_birth" if relation.startswith("same_birth") else relation))
    # most pairs of a block are two people of one name with unrelated IDs: a pair that cannot reach
    # the score with full marks for the rest is left before the costlier comparisons (the margin
    # keeps it to pairs the final comparison would refuse too)
    if total + _AFTER_ID < thresholds.score - 1e-6:
        return None
    if a.birth and a.birth == b.birth:
        total += WEIGHTS["birth"]
        reasons.append("birth_same")
    elif a.birth and b.birth and sum(x != y for x, y in zip(a.birth, b.birth, strict=False)) == 1:
        total += WEIGHTS["birth"] / 2
    if a.sex and a.sex == b.sex:
        total += WEIGHTS["sex"]
        reasons.append("sex_same")
    if "hukou" not in unknown:
        if (total + WEIGHTS["hukou"]) / known < thresholds.score - 1e-6:
            return None
        hukou, hukou_reason = hukou_similarity(a.hukou, b.hukou)
        total += WEIGHTS["hukou"] * hukou
        if hukou_reason:
            reasons.append(hukou_reason)
    total /= known
    if total < thresholds.score - 1e-9:
        return None
    return Match(a.record_id, b.record_id, total, tuple(r for r in reasons if r))


# --- finding the pairs -----------------------------------------------------------------------------

def block_keys(p: Person) -> list[tuple]:
    keys = []
    full = "".join(p.pinyin)
    if p.birth and p.pinyin:
        keys.append(("b", p.birth, p.pinyin[0]))
    if p.body and full:
        keys.append(("s", p.body[14:17], full))
        keys.append(("a", p.body[:6], full, p.body[6:10]))
    return keys


def find_pairs(people, thresholds: Thresholds = Thresholds(), *, across_townships: bool = True,
               progress: Progress | None = None, involving: set[str] | None = None) -> list[Match]:
    """Every pair of `people` (in the order they were registered) possibly of the same person;
    across_townships: only pairs of two townships (the county's check), else pairs of one
    (a township's own records). Pairs whose ID numbers are the same 18 characters are left to the
    same-ID check. `involving`: only the pairs with at least one of these records (the same
    pairs in the same order as the whole search gives them, the others left out), blocking only
    by their keys."""
    progress = ensure(progress)
    people = list(people)
    blocks: dict[tuple, list[int]] = defaultdict(list)
    wanted = None if involving is None else {key for p in people if p.record_id in involving for key in block_keys(p)}
    for number, p in enumerate(people):
        for key in block_keys(p):
            if wanted is None or key in wanted:
                blocks[key].append(number)
        if number % 50000 == 0:
            progress.check()
    label = Text("looking for the same person under two IDs", "查找可能为同一人的记录")
    seen: set[tuple[int, int]] = set()
    found: list[Match] = []
    done, total = 0, len(blocks)
    for members in blocks.values():
        done += 1
        if done % 20000 == 0:
            progress(done, total, label)
            progress.check()
        if len(members) < 2:
            continue
        for i, first in enumerate(members):
            a = people[first]
            for later in members[i + 1:]:
                b = people[later]
                if (a.township != b.township) != across_townships:
                    continue
                if a.id_number and a.id_number == b.id_number:
                    continue
                if involving is not None and a.record_id not in involving and b.record_id not in involving:
                    continue
                match = score(a, b, thresholds)
                # a pair in two blocks is scored twice rather than remembered: only the few that
                # match are kept to be found once (a set of every pair scored is hundreds of MB at a million)
                if match is not None and (first, later) not in seen:
                    seen.add((first, later))
                    found.append(match)
    progress(total, total, label)
    return found


def candidates_for(new: Person, others, thresholds: Thresholds = Thresholds(), *, unknown=()) -> list[Match]:
    """The records among `others` possibly of the same person as `new` (entry), best first;
    `unknown`: what `new` does not have yet (see `score`)."""
    keys = set(block_keys(new))
    found = []
    for other in others:
        if other.record_id == new.record_id or (new.id_number and other.id_number == new.id_number):
            continue
        if not keys.intersection(block_keys(other)):
            continue
        match = score(other, new, thresholds, unknown=unknown)
        if match is not None:
            found.append(match)
    return sorted(found, key=lambda m: -m.score)


# --- reading the store -----------------------------------------------------------------------------

def compared_forms(form_keys) -> list:
    """The newest definition of each form whose person the search compares: one record per person
    (the person-ID field unique, desktop.core.forms.keys.compared_id_field) and a name."""
    from desktop.core.forms import keys, roles

    found = []
    for form_id in form_keys.registry.form_ids():
        definition = form_keys.definition(form_id)
        if definition is not None and keys.compared_id_field(definition) \
                and definition.role_field(roles.PERSON_NAME) is not None:
            found.append(definition)
    return found


def _path(definition, role: str) -> str:
    name = definition.role_name(role)
    return "$." + name if name else "$.__none__"


def _select(definition, table: str = "records") -> tuple[str, list]:
    """The query of the form's current complete records as Person's fields, and its arguments;
    `table`: what the records are read from (its columns named as `records.`)."""
    from desktop.core.forms import roles

    r = "records." if table != "records" else ""
    sql = (f"SELECT {r}id, {r}township, json_extract({r}data, ?), json_extract({r}data, ?), "
           f"json_extract({r}data, ?), json_extract({r}data, ?), json_extract({r}data, ?) FROM {table} "
           f"WHERE {r}form_id = ? AND {r}deleted = 0 AND {r}status = 'complete'")
    args = [_path(definition, role) for role in (roles.PERSON_NAME, roles.PERSON_ID, roles.BIRTH_DATE,
                                                 roles.SEX, roles.HUKOU)] + [definition.form_id]
    return sql, args


def people_in_store(db, definition, *, township: str | None = None, where: str = "", params=(),
                    changed_since: int | None = None) -> list[Person]:
    """The current complete records of the form (one township's, or all), in the order they were
    registered, as the search reads them; with `changed_since`, only those written after that audit
    position, read through the change index (the form's index would walk every record of the form:
    the check at entry refreshes after every save)."""
    sql, args = _select(definition)
    if changed_since is not None:
        # without statistics SQLite prefers the form's index (or the deleted flag's), every record
        sql = sql.replace("FROM records", "FROM records INDEXED BY records_change") + " AND last_audit_seq > ?"
        args.append(changed_since)
    if township:
        sql += " AND township = ?"
        args.append(township)
    if where:
        sql += f" AND ({where})"
        args += list(params)
    if township or where or changed_since is not None:
        return [person(*row) for row in db.execute(sql + " ORDER BY created_at, id", args)]
    # the whole county: the table read in its own order and sorted here is twice as fast as
    # following the form's index to every row (a million random reads of an encrypted file)
    sql = sql.replace("SELECT id,", "SELECT created_at, id,").replace("FROM records", "FROM records NOT INDEXED")
    found = [(row[0], person(*row[1:])) for row in db.execute(sql, args)]
    found.sort(key=lambda pair: (pair[0], pair[1].record_id))
    return [p for _, p in found]


# more changed records than this and a rescan reads the whole county: looking that many up one
# by one costs more than one read of the table in its own order
_NEAR_AT_MOST = 100_000


def people_near(db, definition, changed: set[str]) -> list[Person]:
    """The people a search of the pairs with a `changed` record needs (find_pairs' `involving`),
    in the order they were registered: the changed records' people and everyone who shares a
    blocking key with one of them, found through the keys the last search kept
    (desktop.core.store.duplicate_blocks) rather than by reading the county. Exactly the pairs
    the whole county gives: find_pairs blocks only by the changed people's keys, and every
    current record holding one of those keys is read (the table holds every record's keys as of
    the last search, and a record changed since is read as changed)."""
    from desktop.core.store import duplicate_blocks

    if len(changed) > _NEAR_AT_MOST:
        return people_in_store(db, definition)
    own = _people_by_id(db, definition, changed)
    keys = {key for _, p in own for key in block_keys(p)}
    others = duplicate_blocks.records_sharing(db, definition.form_id, keys) - changed
    found = own + _people_by_id(db, definition, others)
    found.sort(key=lambda pair: (pair[0], pair[1].record_id))
    return [p for _, p in found]


def kept_keys(form_id: str, people):
    """(form id, record id, blocking keys) of each person, as duplicate_blocks keeps them."""
    return ((form_id, p.record_id, block_keys(p)) for p in people)


def _people_by_id(db, definition, ids) -> list[tuple[str, Person]]:
    """(created_at, Person) of the current complete records of the form among `ids`, each looked
    up by the primary key: CROSS JOIN from the list keeps it so (with a few hundred ids in an IN
    list SQLite walked the form's index instead: 3.5 s a statement at a million records)."""
    sql, args = _select(definition, "json_each(?) AS wanted CROSS JOIN records ON records.id = wanted.value")
    sql = sql.replace("SELECT records.id,", "SELECT records.created_at, records.id,")
    args = args[:5] + [json.dumps(sorted(ids))] + args[5:]
    return [(row[0], person(*row[1:])) for row in db.execute(sql, args)]


class PeopleOf:
    """The people of the compared forms gathered from records read for another purpose (the
    county's full scan reads every current record for its rules anyway): the same people as
    people_in_store of the whole county, in the same order, without reading the county again."""

    def __init__(self, definitions):
        from desktop.core.forms import roles

        self._names = {d.form_id: [d.role_name(role) for role in (roles.PERSON_NAME, roles.PERSON_ID,
                                                                   roles.BIRTH_DATE, roles.SEX, roles.HUKOU)]
                       for d in definitions}
        self._found: dict[str, list] = {form_id: [] for form_id in self._names}

    def add(self, record) -> None:
        names = self._names.get(record.form_id)
        if names is None or record.deleted or record.status != "complete":
            return
        values = record.values
        self._found[record.form_id].append((record.created_at, person(
            record.id, record.township, *[_as_extracted(values.get(name)) if name else None for name in names])))

    def people(self, form_id: str) -> list[Person]:
        found = self._found.pop(form_id, [])
        found.sort(key=lambda pair: (pair[0], pair[1].record_id))
        return [p for _, p in found]


def _as_extracted(value):
    """A JSON value as SQLite's json_extract gives it to people_in_store: true and false as 1 and
    0, an array or object as its compact JSON text."""
    if value is True or value is False:
        return int(value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return value


# --- at entry ----------------------------------------------------------------------------------------

# the records of a form written after an audit position, by the change index (see people_in_store)
CHANGED_SQL = "SELECT id FROM records INDEXED BY records_change WHERE last_audit_seq > ? AND form_id = ?"


class TownshipIndex:
    """A township's own current records of one form, grouped by the blocking keys, kept up to date
    from the records changed since it was built (the audit position), so the check as the clerk
    types costs a few dictionary lookups."""

    def __init__(self, definition, township: str):
        self.definition = definition
        self.township = township
        self.seq = -1
        self.people: dict[str, Person] = {}
        self.blocks: dict[tuple, set[str]] = defaultdict(set)

    def _remove(self, record_id: str) -> None:
        old = self.people.pop(record_id, None)
        if old is not None:
            for key in block_keys(old):
                self.blocks[key].discard(record_id)

    def refresh(self, db) -> None:
        head = db.execute("SELECT coalesce(max(seq), 0) FROM audit").fetchone()[0]
        if head == self.seq:
            return
        since = max(self.seq, 0)
        for (record_id,) in db.execute(CHANGED_SQL, [since, self.definition.form_id]):
            self._remove(record_id)
        for p in people_in_store(db, self.definition, changed_since=since):
            self.people[p.record_id] = p
            for key in block_keys(p):
                self.blocks[key].add(p.record_id)
        self.seq = head

    def candidates(self, new: Person) -> list[Person]:
        ids = set()
        for key in block_keys(new):
            ids |= self.blocks.get(key, set())
        return [self.people[i] for i in sorted(ids) if i in self.people]


_INDEXES = "_duplicate_indexes"


def entry_warnings(workspace, definition, values: dict, record_id: str | None = None) -> list:
    """A warning "可能是同一人" on the name field for each of the township's own records possibly of
    the person being entered (best first), naming the other record (`existing_record`); the clerk
    dismisses it with a reason, as any warning. None for a form the search does not compare."""
    from desktop.core.entry import identity
    from desktop.core.forms import keys, roles
    from desktop.core.rules.engine import Violation

    name_field = definition.role_field(roles.PERSON_NAME)
    if workspace.role != "township" or name_field is None or not keys.compared_id_field(definition):
        return []
    new = person(record_id or "", workspace.township or "", values.get(name_field.name),
                 values.get(definition.role_name(roles.PERSON_ID)), values.get(definition.role_name(roles.BIRTH_DATE)),
                 values.get(definition.role_name(roles.SEX)), values.get(definition.role_name(roles.HUKOU)))
    if not new.name or not (new.birth or new.body):
        return []
    indexes = getattr(workspace, _INDEXES, None)
    if indexes is None:
        indexes = {}
        object.__setattr__(workspace, _INDEXES, indexes)
    index = indexes.get(definition.form_id)
    if index is None or index.definition is not definition:
        index = indexes[definition.form_id] = TownshipIndex(definition, workspace.township or "")
    index.refresh(workspace.db)
    found = []
    # the place of household registration comes after the ID on the form: until it is keyed the
    # check weighs what is there (name, ID, birth date, sex), so the warning can come as the clerk
    # leaves the ID field, before the rest of the record is keyed
    unknown = ("hukou",) if not new.hukou and definition.role_field(roles.HUKOU) is not None else ()
    for match in candidates_for(new, index.candidates(new), Thresholds.of_form(definition), unknown=unknown):
        other = index.people[match.first]
        shown = f"{other.name} {identity.mask_id(other.id_number)}".strip()
        why = reasons_text(match.reasons)
        found.append(Violation(name_field.name, "possible_duplicate", "warning", Text(
            f"Possibly the same person as record {other.record_id[:8]} ({shown}; {why.en}): open it, or give "
            "the reason this is someone else",
            f"可能是同一人：记录 {other.record_id[:8]}（{shown}；{why.zh}）。请打开核对，或填写不是同一人的原因"),
            name_field.name, existing_record=other.record_id))
    return found[:1]   # one warning, one reason: the best candidate
