"""The monthly circular's pages: ranking table, bar chart, silent townships, formulas, signatures.

The province's circular (desktop/core/reports/provincial.py) is laid out by the same code: its
rows are counties, its words say so (`_words`), and its annex lists each county's townships where
the county's circular has the keying annex."""

from __future__ import annotations

from desktop.core.i18n import current_language
from desktop.core.quality import keying as keying_stats
from desktop.core.reports.circular import MEASURE_BY_KEY, MEASURES, RECORDS_PRESENT, Circular, TownshipRow
from desktop.render import keying
from desktop.render import labels as L
from desktop.render.html import esc, heading, keep_together, paragraph, table, title
from desktop.render.images import bar_chart
from desktop.render.paged import Layout, html_pixels
from desktop.render.summary import _signatures, frame_for

CHART_RESOURCE = "report://chart.png"
NOT_MEASURED = "—"


def percent(rate: float | None) -> str:
    return NOT_MEASURED if rate is None else f"{rate * 100:.1f}%"


def rate_cell(row: TownshipRow, key: str) -> str:
    rate = row.rates[key]
    if rate is not None and key in row.below_target:
        return f"<b>▼{esc(percent(rate))}</b>"
    return esc(percent(rate))


def fraction(numerator, denominator) -> str:
    return NOT_MEASURED if denominator is None else f"{numerator}/{denominator}"


def _words(circular: Circular) -> dict:
    """The words that differ between the county's circular (townships) and the province's (counties)."""
    if circular.level == "province":
        return {"title": L.PROVINCIAL_TITLE.format(province=circular.county_name.get()), "unit": L.COUNTY,
                "ranking": L.SECTION_RANKING_COUNTIES, "chart": L.SECTION_CHART_COUNTIES,
                "silent": L.SECTION_SILENT_COUNTIES, "all_sent": L.ALL_SENT_COUNTIES,
                "empty": L.EMPTY_MONTH_COUNTIES, "short": L.PROVINCIAL_SHORT}
    return {"title": L.CIRCULAR_TITLE.format(county=circular.county_name.get()), "unit": L.TOWNSHIP,
            "ranking": L.SECTION_RANKING, "chart": L.SECTION_CHART, "silent": L.SECTION_SILENT,
            "all_sent": L.ALL_SENT, "empty": L.EMPTY_MONTH, "short": L.CIRCULAR_SHORT}


def layout(circular: Circular, dpi: float) -> Layout:
    lang = current_language()
    county = circular.county_name.get(lang)
    words = _words(circular)
    parts = [title(words["title"].get(),
                   L.MONTH_LINE.format(month=circular.month, date_from=circular.date_from,
                                       date_to=circular.date_to).get())]
    sections = iter(range(1, 10))
    if circular.is_empty:
        parts.append('<table width="100%" border="1" cellpadding="10" cellspacing="0" '
                     'style="border-collapse:collapse; border-color:#000;"><tr><td align="center">'
                     f'<span style="font-size:14pt; font-weight:bold;">{esc(words["empty"].get())}</span>'
                     "</td></tr></table>")
    parts.append(heading(L.section(next(sections), words["ranking"])))
    rows = []
    for row in circular.rows:
        task = f"{row.present}/{row.task}" + ("" if row.task_set_by_county else "*")
        remark = L.SENT_NOTHING.get() if row.sent_nothing else ""
        rows.append([str(row.rank), esc(row.name.get()), esc(task), rate_cell(row, "entry"),
                     esc(f"{row.villages_covered}/{row.villages}"), rate_cell(row, "coverage"),
                     esc(fraction(row.feedback_in_time, row.feedback_received)), rate_cell(row, "feedback"),
                     esc(f"{row.receipt_imported}/{row.receipt_sent}"), rate_cell(row, "receipt"),
                     f"{row.targets_met}/{sum(1 for r in row.rates.values() if r is not None)}",
                     f"<b>{esc(remark)}</b>" if remark else ""])
    headers = [L.RANK.get(), words["unit"].get(), L.PRESENT_TASK.get(), MEASURE_BY_KEY["entry"].short.get(),
               L.COVERED.get(), MEASURE_BY_KEY["coverage"].short.get(), L.ANSWERED.get(),
               MEASURE_BY_KEY["feedback"].short.get(), L.IMPORTED.get(), MEASURE_BY_KEY["receipt"].short.get(),
               L.MET.get(), L.REMARK.get()]
    # English words are longer than the Chinese headers and names: a smaller face and a wider
    # township column keep "Dashangtun Town" and "Feedback" from breaking inside the word
    widths, size = ([5, 10, 10, 9, 7, 9, 8, 9, 8, 9, 6, 10], 8.5) if lang == "zh" else \
        ([5, 13, 9, 8, 8, 9, 8, 9, 8, 7, 7, 9], 7.5)
    parts.append(table(headers, rows, widths=widths, raw_cells=True,
                       align=["center", "left"] + ["right"] * 9 + ["center"], font_size=size))
    parts.append(paragraph(L.BELOW_LEGEND.get(), size=8.5))
    for note in circular.notes:
        parts.append(paragraph(note.get(), size=8.5))

    parts.append(heading(L.section(next(sections), words["chart"])))
    entry = MEASURE_BY_KEY["entry"]
    chart = bar_chart([(row.name.get(), row.rates["entry"], "entry" in row.below_target) for row in circular.rows],
                      entry.target, min(dpi, 200), width_mm=165,
                      target_label=L.CHART_TARGET.format(t=f"{entry.target * 100:.0f}%").get())
    scale = dpi / min(dpi, 200)   # drawn at up to 200 dpi: plenty for a chart, small in the PDF
    parts.append(f'<p align="center"><img src="{CHART_RESOURCE}" width="{html_pixels(chart.width() * scale, dpi)}" '
                 f'height="{html_pixels(chart.height() * scale, dpi)}"/></p>')

    parts.append(heading(L.section(next(sections), words["silent"])))
    silent = circular.silent
    if silent:
        parts.append(paragraph("、".join(row.name.get() for row in silent) if lang == "zh"
                               else ", ".join(row.name.get() for row in silent), bold=True))
    else:
        parts.append(paragraph(words["all_sent"].get()))

    formulas = table([L.MEASURE.get(), L.FORMULA.get(), L.TARGET_COL.get()],
                     [[m.name.get(), m.formula.get(), f"≥ {m.target * 100:.0f}%"] for m in MEASURES],
                     widths=[30, 55, 15], align=["left", "left", "center"])
    parts.append(keep_together(heading(L.section(next(sections), L.SECTION_FORMULAS)) + formulas
                               + paragraph(RECORDS_PRESENT.get(), size=8.5)
                               + paragraph(L.RANKING_RULE.get(), size=8.5)
                               + _signatures(L.SIGN_PREPARED, L.SIGN_APPROVED)))
    if circular.level == "province":
        if circular.townships:
            parts.append(_townships_annex(circular))
    else:
        parts.append(heading(keying.SECTION_ANNEX.get()))
        parts.append(keying.keying_table([circular.keying.get(row.code, keying_stats.Keying(row.code))
                                          for row in circular.rows],
                                         L.TOWNSHIP, {row.code: row.name.get() for row in circular.rows}))
    frame = frame_for(county, words["short"].get(), circular.month, circular.built_at)
    return Layout(html="".join(parts), frame=frame, images={CHART_RESOURCE: chart})


def _townships_annex(circular) -> str:
    """The province's annex (`--townships`): each county's townships with the figures its county
    sent, a small table per county. One table of every township would do too, but Qt paints each
    page of a table by walking all its rows: 3,400 townships in one table took 26 s to print, a
    table per county about 8 s (docs/HUB.md)."""
    from desktop.core.i18n import Text
    from desktop.core.reports.circular import TownshipRow

    headers = [L.TOWNSHIP.get(), L.PRESENT_TASK.get()] + [MEASURE_BY_KEY[key].short.get()
                                                          for key in ("entry", "coverage", "feedback", "receipt")]
    parts = [heading(L.SECTION_TOWNSHIPS_OF_COUNTIES.get())]
    for county in circular.rows:
        rows = []
        for figure in sorted(circular.townships.get(county.code, []), key=lambda f: f["township"]):
            township = TownshipRow(code=figure["township"], name=Text(figure["name_en"], figure["name_zh"]),
                                   task=figure["task"], task_set_by_county=figure["task_set_by_county"],
                                   present=figure["present"], villages=figure["villages"],
                                   villages_covered=figure["villages_covered"],
                                   changes_in_month=figure["changes_in_month"],
                                   feedback_received=figure["feedback_received"],
                                   feedback_in_time=figure["feedback_in_time"], receipt_sent=figure["receipt_sent"],
                                   receipt_imported=figure["receipt_imported"])
            rows.append([esc(township.name.get()), esc(f"{township.present}/{township.task}"),
                         rate_cell(township, "entry"), rate_cell(township, "coverage"),
                         rate_cell(township, "feedback"), rate_cell(township, "receipt")])
        if not rows:
            continue
        parts.append(paragraph(f"{county.rank}. {county.name.get()}", bold=True, size=9))
        parts.append(table(headers, rows, widths=[28, 18, 13, 13, 14, 14], raw_cells=True,
                           align=["left"] + ["right"] * 5, font_size=8.5))
    return "".join(parts)
