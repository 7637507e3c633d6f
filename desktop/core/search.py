"""The text a record is found by: its name (and the name's pinyin initials), ID number and phone.

Clerks search by typing a few letters: "zs" finds 张三 as easily as "张三" or the last digits of
an ID number. The text is built once when a record is saved and kept in `records.search_text`,
so a search is one indexed-free LIKE over short strings, which stays within budget at 100,000
records (docs/PERFORMANCE.md).
"""

from __future__ import annotations

import re
from functools import lru_cache

from pypinyin import Style, lazy_pinyin

DEFAULT_SEARCH_FIELDS = ("name", "id_number", "phone", "holder_name", "number", "asset_tag", "user")
_CJK = re.compile(r"[\u3400-\u9fff]")


@lru_cache(maxsize=4096)
def pinyin_initials(text: str) -> str:
    """"平舒镇" -> "psz"; characters that are not Chinese are kept as they are, lowercased."""
    return "".join(part[:1] for part in lazy_pinyin(text, style=Style.FIRST_LETTER)).lower()


@lru_cache(maxsize=4096)
def pinyin_full(text: str) -> str:
    return "".join(lazy_pinyin(text)).lower()


def search_text(values: dict, fields=DEFAULT_SEARCH_FIELDS) -> str:
    parts = []
    for field in fields:
        value = values.get(field)
        if value in (None, ""):
            continue
        text = str(value).strip().lower()
        parts.append(text)
        if _CJK.search(text):
            parts += [pinyin_initials(text), pinyin_full(text)]
    return " ".join(parts)


def like_pattern(query: str) -> str:
    """A LIKE pattern (ESCAPE '\\') matching `query` anywhere, wildcards in the query taken literally."""
    escaped = query.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
