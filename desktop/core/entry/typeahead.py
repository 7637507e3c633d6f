"""Type-ahead over choices: a clerk types a code prefix ("1310251"), part of the Chinese name
("平舒") or its pinyin initials ("psz" -> 平舒镇) and gets the best matches first.

Works on anything with `.name` (the code) and `.label` (a `Text`): form choices and code-list
entries alike. Pinyin initials come from pypinyin with every reading of polyphonic characters
(藏 cang/zang, 大 da/dai), so a clerk who reads a name either way still finds it.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import product

from pypinyin import Style, pinyin

_MAX_READINGS = 16  # cap on the combinations of polyphonic readings kept per label


@lru_cache(maxsize=8192)
def pinyin_initials(text: str) -> tuple[str, ...]:
    """Every plausible string of initials: '平舒镇' -> ('psz',); non-Chinese characters are kept
    as they are (lower-cased), so 'U盘' -> ('up',)."""
    readings = pinyin(text, style=Style.FIRST_LETTER, heteronym=True, errors=lambda chars: list(chars))
    choices = []
    for options in readings:
        letters = sorted({option[:1].lower() for option in options if option} or {""})
        choices.append(letters)
    combos = []
    for combination in product(*choices):
        combos.append("".join(combination))
        if len(combos) >= _MAX_READINGS:
            break
    return tuple(dict.fromkeys(combos))


def _rank(choice, typed: str, typed_lower: str) -> int | None:
    """Lower is better; None means no match."""
    code = choice.name
    zh = choice.label.zh
    en = choice.label.en.lower()
    if code == typed or zh == typed:
        return 0
    if code.startswith(typed):
        return 1
    if zh.startswith(typed):
        return 2
    initials = pinyin_initials(zh)
    if typed_lower.isascii() and any(i.startswith(typed_lower) for i in initials):
        return 3
    if typed in zh:
        return 4
    if en.startswith(typed_lower):
        return 5
    if typed_lower.isascii() and any(typed_lower in i for i in initials):
        return 6
    if typed_lower in en:
        return 7
    return None


def match_choices(choices, typed: str, limit: int | None = None) -> list:
    """The choices matching `typed`, best first (exact, code prefix, Chinese prefix, pinyin
    initials prefix, Chinese substring, English prefix, initials substring, English substring),
    keeping the list's order among equals. Empty input returns every choice."""
    typed = typed.strip()
    if not typed:
        found = list(choices)
    else:
        typed_lower = typed.lower()
        ranked = []
        for position, choice in enumerate(choices):
            rank = _rank(choice, typed, typed_lower)
            if rank is not None:
                ranked.append((rank, position, choice))
        ranked.sort(key=lambda item: (item[0], item[1]))
        found = [choice for _, _, choice in ranked]
    return found[:limit] if limit else found
