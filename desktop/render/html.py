"""Small HTML builders for report pages (the subset QTextDocument renders well).

Tables use <thead>, which QTextDocument turns into header rows repeated on every page; rules are
solid black, headers set on light grey with bold sans text, so a photocopy keeps them apart.
"""

from __future__ import annotations

from html import escape

from desktop.render.fonts import report_fonts


def esc(value) -> str:
    return escape(str(value), quote=True)


def heading(text: str, level: int = 2) -> str:
    fonts = report_fonts()
    size = {1: 18, 2: 12, 3: 10.5}[level]
    top = {1: 0, 2: 14, 3: 8}[level]
    # a margin after a table is ignored by QTextDocument: an empty line of `top` points makes the gap
    return (f'<p style="margin:0; font-size:{top}pt;">&nbsp;</p>' if top else "") + (
        f'<p style="font-family:\'{fonts.sans}\'; font-size:{size}pt; font-weight:bold; '
        f'margin-top:0; margin-bottom:4pt;"><a name="{HEADING_ANCHOR}"></a>{esc(text)}</p>')


def title(text: str, subtitle: str = "") -> str:
    fonts = report_fonts()
    out = (f'<p align="center" style="font-family:\'{fonts.serif}\'; font-size:20pt; font-weight:bold; '
           f'margin-bottom:4pt;">{esc(text)}</p>')
    if subtitle:
        out += f'<p align="center" style="font-size:11pt; margin-bottom:8pt;">{esc(subtitle)}</p>'
    return out


def paragraph(text: str, *, size: float | None = None, bold: bool = False, align: str = "left") -> str:
    style = (f"font-size:{size}pt;" if size else "") + ("font-weight:bold;" if bold else "")
    return f'<p align="{align}" style="{style} margin-top:2pt; margin-bottom:2pt;">{esc(text)}</p>'


def table(headers: list[str], rows: list[list], *, widths: list[int] | None = None,
          align: list[str] | None = None, bold_rows: set[int] = frozenset(),
          raw_cells: bool = False, font_size: float | None = None) -> str:
    """A ruled table; `align` per column ("left"/"right"/"center"); cells escaped unless raw_cells."""
    fonts = report_fonts()
    align = align or ["left"] * len(headers)
    size = f" font-size:{font_size}pt;" if font_size else ""
    parts = ['<table width="100%" border="1" cellspacing="0" cellpadding="3" '
             f'style="border-collapse:collapse; border-color:#000; border-style:solid;{size}">', "<thead><tr>"]
    for index, header in enumerate(headers):
        width = f' width="{widths[index]}%"' if widths else ""
        parts.append(f'<th{width} bgcolor="#e6e6e6" align="center" '
                     f'style="font-family:\'{fonts.sans}\'; font-weight:bold;">{esc(header)}</th>')
    parts.append("</tr></thead><tbody>")
    for number, row in enumerate(rows):
        parts.append("<tr>")
        for index, cell in enumerate(row):
            text = str(cell) if raw_cells else esc(cell)
            if number in bold_rows:
                text = f"<b>{text}</b>"
            parts.append(f'<td align="{align[index]}">{text}</td>')
        parts.append("</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def pairs(rows: list[tuple[str, object]], *, label_width: int = 60) -> str:
    """A two-column ruled table of label / value, without a header row."""
    parts = ['<table width="100%" border="1" cellspacing="0" cellpadding="3" '
             'style="border-collapse:collapse; border-color:#000; border-style:solid;"><tbody>']
    for label, value in rows:
        parts.append(f'<tr><td width="{label_width}%">{esc(label)}</td><td align="right">{esc(value)}</td></tr>')
    parts.append("</tbody></table>")
    return "".join(parts)


KEEP_ANCHOR = "keep-together"
HEADING_ANCHOR = "keep-with-next"


def keep_together(inner: str) -> str:
    """A block that must not be split over two pages (a heading with its content, the signatures
    with the last figures): a borderless one-cell table marked with an anchor that
    `paged.keep_blocks_together` finds and moves to a new page when it would straddle one."""
    return ('<table width="100%" border="0" cellspacing="0" cellpadding="0"><tr><td>'
            f'<a name="{KEEP_ANCHOR}"></a>{inner}</td></tr></table>')


def spacer(points: float = 6) -> str:
    return f'<p style="margin:0; font-size:{points}pt;">&nbsp;</p>'
