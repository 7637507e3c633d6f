"""Draw the help pages' figures (resources/help/<area>_<lang>.svg): each a row of steps joined by
arrows, with the words of the arrows below them. Run after changing a figure's words:

    python scripts/help_figures.py
"""

from __future__ import annotations

from html import escape
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "resources" / "help"

# area: [(step en, step zh), ...], [(arrow en, arrow zh) between steps, ...]
FIGURES = {
    "entry": ([("Type the ID number", "录入身份号码"), ("Sex, birth date and age fill in", "性别、出生日期、年龄自动填好"),
               ("Enter: next field", "回车：下一项"), ("Ctrl+S: save", "Ctrl+S：保存"),
               ("Ctrl+P: slip to sign", "Ctrl+P：打印登记单签字")],
              [("", ""), ("", ""), ("", ""), ("", "")]),
    "records": ([("Search: 2+ characters", "查询：至少两个字"), ("Enter: open", "回车：打开"),
                 ("Correct; save with a reason", "改正；保存并填写原因"), ("Export… / Print list…", "导出…／打印名册…")],
                [("", ""), ("", ""), ("", "")]),
    "sync": ([("Township PC", "乡镇电脑"), ("USB stick", "U 盘"), ("County PC", "县级电脑"), ("USB stick", "U 盘"),
              ("Township PC", "乡镇电脑")],
             [("data bundle", "数据包"), ("carried to the county", "送到县里"), ("return bundle 回执包", "回执包"),
              ("brought back", "带回乡镇")]),
    "reports": ([("Reports page", "报表页"), ("Preview / Print / PDF", "预览／打印／PDF"),
                 ("Clerk and supervisor sign", "录入员、审核人签字"), ("County scans the QR code", "县里扫码核对")],
                [("", ""), ("", ""), ("", "")]),
    "admin": ([("Accounts and roles", "账号与角色"), ("Daily backup", "每日备份"), ("Audit trail checked", "留痕校验"),
               ("Restore only with the admin", "恢复须管理员操作")],
              [("", ""), ("", ""), ("", "")]),
}

BOX_W, BOX_H, GAP, PAD = 130, 64, 36, 10
FONT = "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"


def _lines(text: str, width: int) -> list[str]:
    """Break a label into lines that fit a box (CJK by characters, English by words)."""
    if any("\u4e00" <= c <= "\u9fff" for c in text) and " " not in text.strip():
        per = max(1, width // 14)
        return [text[i:i + per] for i in range(0, len(text), per)]
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if len(candidate) * 7 > width and line:
            lines.append(line)
            line = word
        else:
            line = candidate
    return lines + ([line] if line else [])


def svg(steps, arrows, lang: str) -> str:
    index = 0 if lang == "en" else 1
    width = PAD * 2 + len(steps) * BOX_W + (len(steps) - 1) * GAP
    height = BOX_H + PAD * 2 + 26
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="{FONT}" font-size="13">',
             f'<rect width="{width}" height="{height}" fill="#ffffff"/>']
    for number, step in enumerate(steps):
        x = PAD + number * (BOX_W + GAP)
        parts.append(f'<rect x="{x}" y="{PAD}" width="{BOX_W}" height="{BOX_H}" rx="8" fill="#e8f0fb" '
                     f'stroke="#2f5f9e" stroke-width="1.5"/>')
        lines = _lines(step[index], BOX_W - 16)
        top = PAD + BOX_H / 2 - (len(lines) - 1) * 8 + 5
        for row, line in enumerate(lines):
            parts.append(f'<text x="{x + BOX_W / 2}" y="{top + row * 16}" text-anchor="middle" fill="#10233f">'
                         f'{escape(line)}</text>')
        if number < len(steps) - 1:
            ax, ay = x + BOX_W + 4, PAD + BOX_H / 2
            parts.append(f'<line x1="{ax}" y1="{ay}" x2="{ax + GAP - 12}" y2="{ay}" stroke="#2f5f9e" stroke-width="2"/>')
            parts.append(f'<polygon points="{ax + GAP - 8},{ay} {ax + GAP - 16},{ay - 5} {ax + GAP - 16},{ay + 5}" '
                         'fill="#2f5f9e"/>')
            label = arrows[number][index] if number < len(arrows) else ""
            if label:
                parts.append(f'<text x="{x + BOX_W + GAP / 2}" y="{PAD + BOX_H + 20}" text-anchor="middle" '
                             f'font-size="12" fill="#7a3b00">{escape(label)}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def main() -> None:
    for area, (steps, arrows) in FIGURES.items():
        for lang in ("en", "zh"):
            (OUT / f"{area}_{lang}.svg").write_text(svg(steps, arrows, lang), encoding="utf-8")


if __name__ == "__main__":
    main()
