"""Full-width punctuation typed in an expression (a Chinese input method left on): “”‘’（），、＝
and the like are not XPath. The syntax error names them ("全角引号/括号") with their half-width
forms, instead of pointing at a character the author cannot tell apart."""

from __future__ import annotations

from desktop.core.i18n import Text

# full-width character -> what XPath needs instead
HALF = {
    "“": '"', "”": '"', "‘": "'", "’": "'", "＂": '"', "＇": "'",
    "（": "(", "）": ")", "［": "[", "］": "]", "｛": "{", "｝": "}",
    "，": ",", "、": ",", "＝": "=", "＋": "+", "－": "-", "＊": "*", "／": "/", "＜": "<", "＞": ">",
    "！": "!", "＄": "$", "：": ":", "；": ";", "。": ".", "．": ".", "\u3000": " ",
}


def outside_strings(source: str) -> list[tuple[int, str]]:
    """(1-based position, character) of each full-width punctuation mark outside '…' and "…"."""
    found, quote = [], None
    for index, char in enumerate(source, 1):
        if quote:
            if char == quote:
                quote = None
        elif char in ("'", '"'):
            quote = char
        elif char in HALF:
            found.append((index, char))
    return found


def message(source: str) -> Text | None:
    """The message for an expression that does not parse because of full-width punctuation."""
    found = outside_strings(source)
    if not found:
        return None
    chars = list(dict.fromkeys(char for _, char in found))
    shown = " ".join("全角空格" if c == "\u3000" else c for c in chars)
    shown_en = " ".join("(ideographic space)" if c == "\u3000" else c for c in chars)
    half = " ".join(repr(HALF[c]) if c == "\u3000" else HALF[c] for c in chars)
    first = found[0][0]
    return Text(f"full-width quotes/brackets or punctuation {shown_en} at character {first}: "
                f"type them half-width ({half})",
                f"含全角引号/括号或标点 {shown}（第 {first} 个字符）：请改用半角（{half}）")
