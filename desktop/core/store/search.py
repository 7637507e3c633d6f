"""The text a record is found by: its name (and the name's pinyin initials), ID number and phone.

Clerks search by typing a few letters: "zs" finds 张三 as easily as "张三" or the last digits of
an ID number. The text is built once when a record is saved and kept in `records.search_text`,
and its two-character pieces in the `record_grams` index (FTS5 over pre-split bigrams, kept by
the records writer, desktop.core.store.records): a search of two characters or more looks its
pieces up there and checks the few records found with LIKE, so "王丽", "zs" or the last digits of
an ID number are found in milliseconds at a million records (docs/PERFORMANCE.md).

pypinyin is imported on first use, not with this module: loading its dictionaries takes about
0.2 s and 60 MB, which would otherwise land on every start of the app before the first window
(docs/PERFORMANCE.md). The GUI calls `warm_up()` off the GUI thread once it is ready, so the
first save does not pay for it either.

Why bigrams, and not a word or trigram index (sqlite-utils' `enable_fts`/`populate_fts`, measured on the
100,000 records of the list benchmark): a clerk searches by any part of a name or number, from
two characters ("丽", "zs", the last four digits of an ID). FTS5's default tokenizer indexes
"王丽" as one token, so "丽" and "1234" find nothing; its trigram tokenizer finds substrings but
none shorter than three characters ("王丽", "wl" and "13" find nothing), so LIKE would still be
needed for the searches the budget names. Building the trigram index took 5.3 s and 15 MB (the
search texts themselves: 6 MB), and keeping it current takes triggers on `records`, whose one writer
(desktop.core.store.records) stays the only thing that touches the table. Trigram would help
searches of three characters or more (0.1 ms against LIKE's 40-75 ms in that measurement), so a
trigram index with LIKE below three characters was the next step; at a million records the
two-character LIKE took 155 ms (budget 50 ms), so the index holds every two-character piece of each
word of the search text instead (`grams`): the pieces of the query are all in the pieces of any text
it is part of, and FTS5 with detail=none keeps them as compact posting lists (but for the pieces of
two digits: too common to narrow a search, they are left out, `grams`). A search of four characters or more
holding a digit (a run of ID or phone digits) looks up its four-character pieces instead, which
the index holds for the numbers too (`digit_grams`: two-digit pieces are too common to narrow it). A one-character
search, one with a space, or one of two or three digits is still LIKE; so is a piece so common
that walking the list in order finds a page of matches sooner than the index would.
"""

from __future__ import annotations

import re
from functools import lru_cache

from desktop.core.forms import roles

# the shipped forms' family members (a repeat's `member_` fields, by the fallback of roles)
MEMBER_FALLBACK_FIELDS = ("member_name", "member_id_number")
# A record saved without its form's search fields (a form that names none, or a received record
# without its search text): the fallback names of the searched roles (desktop.core.forms.roles).
DEFAULT_SEARCH_FIELDS = tuple(name for role in (roles.PERSON_NAME, roles.PERSON_ID, roles.PHONE, roles.RECORD_NUMBER)
                              for name in roles.FALLBACK_NAMES[role]) + MEMBER_FALLBACK_FIELDS
_CJK = re.compile(r"[\u3400-\u9fff]")


def warm_up() -> None:
    """Load pypinyin's dictionaries now (call from a worker thread after start-up)."""
    pinyin_initials("平舒镇")


@lru_cache(maxsize=4096)
def pinyin_forms(text: str) -> tuple[str, str]:
    """"平舒镇" -> ("psz", "pingshuzhen"), from one pass of pypinyin: the initials are the first
    letters of the syllables (what its FIRST_LETTER style gives, without segmenting twice - the
    larger part of the cost of saving a record's search text). Characters that are not Chinese
    are kept as they are, lowercased."""
    from pypinyin import lazy_pinyin

    syllables = lazy_pinyin(text)
    return "".join(part[:1] for part in syllables).lower(), "".join(syllables).lower()


def pinyin_initials(text: str) -> str:
    return pinyin_forms(text)[0]


def pinyin_full(text: str) -> str:
    return pinyin_forms(text)[1]


def _values_named(values: dict, field: str):
    """The value of `field` at the top level, then in every repeat instance (family members), nested too."""
    value = values.get(field)
    if value not in (None, "") and not isinstance(value, (list, dict)):
        yield value
    for inner in values.values():
        if isinstance(inner, list):
            for instance in inner:
                if isinstance(instance, dict):
                    yield from _values_named(instance, field)


def search_text(values: dict, fields=DEFAULT_SEARCH_FIELDS) -> str:
    """The record's searched values (a repeat's searched fields in each of its instances: a family
    member is found by name or ID), names with their pinyin."""
    parts = []
    for field in fields:
        for value in _values_named(values, field):
            text = str(value).strip().lower()
            if not text:
                continue
            parts.append(text)
            if _CJK.search(text):
                parts += pinyin_forms(text)
    return " ".join(parts)


def like_pattern(query: str) -> str:
    """A LIKE pattern (ESCAPE '\\') matching `query` anywhere, wildcards in the query taken literally."""
    escaped = query.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def grams(text: str) -> str:
    """The two-character pieces of each word of a search text, space-separated (what the
    `record_grams` index holds for a record; a piece may repeat: the index keeps no counts, so
    de-duplicating would only cost time). A piece with punctuation is left out: a query holding
    it is not looked up (match_query). So is a piece of two digits: each is in a large share of
    the records ("12" in about a quarter of a county's), so a search of two or three digits found
    too many candidates to use the index and walked the list anyway, and one of four or more
    looks up the numbers' four-character pieces (digit_grams); leaving them out spares every
    save and import about a third of the pieces an ID and phone number give (27 of 77 for a
    registration)."""
    found: list[str] = []
    for word in text.split():
        if word.isalnum():
            if word.isdigit():
                continue
            pairs = map(str.__add__, word, word[1:])
            found += pairs if word.isalpha() else [pair for pair in pairs if not pair.isdigit()]
        else:
            found += [pair for pair in map(str.__add__, word, word[1:]) if pair.isalnum() and not pair.isdigit()]
    return " ".join(found)


DIGIT_GRAM = 4     # the length of the pieces of numbers the index holds (index_pieces joins two pairs)
# the slices cutting a number of each length below 64 into its pieces: an 18-digit ID's 15 pieces
# in one map over them, about 40 % of index_pieces' time against building its pairs first
_DIGIT_SLICES = [[slice(i, i + DIGIT_GRAM) for i in range(n - DIGIT_GRAM + 1)] for n in range(64)]


def index_pieces(text: str) -> str:
    """What the `record_grams` index holds for a record's search text: its two-character pieces
    and the four-character pieces of its numbers - `grams(text)`, then `digit_grams(text)`, in one
    pass over the words (each number's four-character pieces joined from its two-character ones;
    a word all letters is never tested for digits: none of them is one). The same text, checked
    against the two in tests/core/test_search_index.py; once per record of an import."""
    found: list[str] = []
    numbers: list[str] = []
    for word in text.split():
        if word.isalpha():     # a name or its pinyin: every pair, no number
            found += map(str.__add__, word, word[1:])
            continue
        if word.isdigit():     # an ID or phone number: no pair (grams), its pieces cut straight
            numbers += map(word.__getitem__, _DIGIT_SLICES[len(word)]) if len(word) < len(_DIGIT_SLICES) \
                else [word[i:i + DIGIT_GRAM] for i in range(len(word) - DIGIT_GRAM + 1)]
            continue
        pairs = list(map(str.__add__, word, word[1:]))
        if word.isalnum():
            found += [pair for pair in pairs if not pair.isdigit()]
            if len(word) >= DIGIT_GRAM and any(map(str.isdigit, word)):
                numbers += map(str.__add__, pairs, pairs[2:])
        else:
            found += [pair for pair in pairs if pair.isalnum() and not pair.isdigit()]
            if len(word) >= DIGIT_GRAM and any(map(str.isdigit, word)):
                numbers += [piece for piece in map(str.__add__, pairs, pairs[2:]) if piece.isalnum()]
    found += numbers
    return " ".join(found)


def digit_grams(text: str) -> str:
    """The four-character pieces of each word of a search text that holds a digit (the ID and
    phone numbers), which the `record_grams` index holds beside the two-character pieces (a
    token of four characters is never one of two). Their two-character
    pieces are each in a large share of all records ("12" is in about a quarter of them), so a
    search of a run of digits ("1234": 605 records of a million) found thousands of candidates
    in `record_grams` and fell back to walking the list (77-123 ms at a million records); a
    four-character piece is about as rare as the run itself."""
    found: list[str] = []
    for word in text.split():
        # any(map(...)) and no per-piece check for a word all letters and digits (an ID, a phone):
        # a generator per word and per piece was most of the index's cost in a county import
        # (1.6 of 8.8 s for 50,000 records), more than writing it
        if len(word) >= DIGIT_GRAM and any(map(str.isdigit, word)):
            pieces = [word[i:i + DIGIT_GRAM] for i in range(len(word) - DIGIT_GRAM + 1)]
            found += pieces if word.isalnum() else [piece for piece in pieces if piece.isalnum()]
    return " ".join(found)


def digit_match_query(query: str) -> str | None:
    """The FTS5 query of the four-character pieces finding every record whose search text holds
    `query`, or None when that index does not apply (shorter than four characters, no digit,
    a space or punctuation)."""
    text = query.strip().lower()
    if len(text) < DIGIT_GRAM or not text.isalnum() or not any(c.isdigit() for c in text):
        return None
    pieces = list(dict.fromkeys(text[i:i + DIGIT_GRAM] for i in range(len(text) - DIGIT_GRAM + 1)))
    if len(pieces) > 4:      # as match_query: the first, last and two between; LIKE checks the rest
        step = (len(pieces) - 1) / 3
        pieces = list(dict.fromkeys(pieces[round(i * step)] for i in range(4)))
    return " AND ".join(f'"{piece}"' for piece in pieces)


def match_query(query: str) -> str | None:
    """The FTS5 query finding every record whose search text holds `query` (and some that do
    not: LIKE decides), or None when the index cannot help (one character, a space, punctuation,
    two or three digits). Pieces of two digits are not in the index (grams): the others narrow."""
    text = query.strip().lower()
    if len(text) < 2 or not text.isalnum():
        return None
    pieces = list(dict.fromkeys(piece for i in range(len(text) - 1) if not (piece := text[i:i + 2]).isdigit()))
    if not pieces:
        return None
    if len(pieces) > 4:      # the first, last and two between narrow it enough; LIKE checks the rest
        step = (len(pieces) - 1) / 3
        pieces = list(dict.fromkeys(pieces[round(i * step)] for i in range(4)))
    return " AND ".join(f'"{piece}"' for piece in pieces)
