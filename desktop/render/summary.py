"""The daily summary's pages: from a DailySummary to HTML, images and the running header/footer."""

from __future__ import annotations

import datetime as dt

from desktop.core.i18n import current_language
from desktop.core.reports.daily import Counts, DailySummary
from desktop.core.reports.names import form_name
from desktop.render import keying
from desktop.render import labels as L
from desktop.render.fonts import report_fonts
from desktop.render.html import esc, heading, keep_together, pairs, paragraph, spacer, table, title
from desktop.render.images import qr_image
from desktop.render.paged import Layout, PageFrame, html_pixels

QR_RESOURCE = "report://qr.png"


def moment(iso: str | None) -> str:
    """'2026-11-20 16:00' from an ISO timestamp (local time as stamped)."""
    return iso[:16].replace("T", " ") if iso else ""


def short_id(record_id: str) -> str:
    return record_id[:8]


def frame_for(township_name: str, short_title: str, day_or_month: str, printed: str) -> PageFrame:
    return PageFrame(header_left=f"{township_name} · {short_title}", header_right=day_or_month,
                     footer_left=L.PRINTED_AT.format(at=moment(printed)).get(),
                     page_label=L.PAGE.get())


def _count_cells(counts: Counts) -> list:
    return [counts.created, counts.edited, counts.completed, counts.deleted, counts.total]


def _signatures(left, right) -> str:
    line = "_" * 18
    date_line = "_" * 12
    return ('<table width="100%" cellpadding="4" cellspacing="0" border="0" style="margin-top:18pt;"><tr>'
            f'<td width="50%">{esc(left.get())}：{line}<br/><br/>{esc(L.SIGN_DATE.get())}：{date_line}</td>'
            f'<td width="50%">{esc(right.get())}：{line}<br/><br/>{esc(L.SIGN_DATE.get())}：{date_line}</td>'
            "</tr></table>")


def layout(summary: DailySummary, dpi: float) -> Layout:
    lang = current_language()
    township = summary.township_name.get(lang)
    weekday = L.WEEKDAYS[dt.date.fromisoformat(summary.date).weekday()].get(lang)
    parts = [title(L.SUMMARY_TITLE.format(township=township).get(lang),
                   L.DATE_LINE.format(date=f"{summary.date}（{weekday}）").get(lang))]
    sections = iter(range(1, 20))

    def section(name) -> str:
        return heading(L.section(next(sections), name))

    count_headers = [L.CREATED.get(), L.EDITED.get(), L.COMPLETED.get(), L.DELETED.get(), L.ENTRIES.get()]

    parts.append(section(L.SECTION_OVERVIEW))
    if summary.is_empty:
        parts.append('<table width="100%" border="1" cellpadding="10" cellspacing="0" '
                     'style="border-collapse:collapse; border-color:#000;"><tr><td align="center">'
                     f'<span style="font-size:14pt; font-weight:bold;">{esc(L.EMPTY_DAY.get())}</span>'
                     "</td></tr></table>")
    totals = summary.totals
    parts.append(table(count_headers + [L.DRAFTS.get(), L.OVERRIDDEN.get()],
                       [_count_cells(totals) + [summary.drafts_outstanding, len(summary.overrides)]],
                       align=["center"] * 7))
    if not summary.is_empty:
        parts.append(heading(L.SECTION_BY_FORM.get(), 3))
        rows = [[row.name.get()] + _count_cells(row.counts) for row in summary.by_form]
        rows.append([L.TOTAL.get()] + _count_cells(totals))
        parts.append(table([L.FORM.get()] + count_headers, rows, widths=[35, 13, 13, 13, 13, 13],
                           align=["left"] + ["right"] * 5, bold_rows={len(rows) - 1}))
        parts.append(heading(L.SECTION_BY_VILLAGE.get(), 3))
        rows = [[row.name.get()] + _count_cells(row.counts) for row in summary.by_village]
        rows.append([L.TOTAL.get()] + _count_cells(totals))
        parts.append(table([L.VILLAGE.get()] + count_headers, rows, widths=[35, 13, 13, 13, 13, 13],
                           align=["left"] + ["right"] * 5, bold_rows={len(rows) - 1}))

        parts.append(section(L.SECTION_CLERKS))
        rows = [[row.clerk] + _count_cells(row.counts) for row in summary.per_clerk]
        parts.append(table([L.CLERK.get()] + count_headers, rows, widths=[35, 13, 13, 13, 13, 13],
                           align=["left"] + ["right"] * 5))
        parts.append(spacer(4))
        hours = [f"{hour:02d}:00–{hour + 1:02d}:00" for hour, _ in summary.per_hour]
        parts.append(table([L.HOUR.get(), L.ENTRIES.get()],
                           [[label, n] for label, (_, n) in zip(hours, summary.per_hour, strict=True)],
                           widths=[50, 50], align=["center", "right"]))
        parts.append(section(keying.SECTION_DAILY))
        parts.append(keying.keying_table(summary.keying, L.CLERK))

        parts.append(section(L.SECTION_OVERRIDES))
        if summary.overrides:
            rows = [[moment(o.at)[11:], o.clerk, short_id(o.record_id), form_name(o.form_id).get(), o.field_label.get(), o.reason]
                    for o in summary.overrides]
            parts.append(table([L.TIME.get(), L.CLERK.get(), L.RECORD.get(), L.FORM.get(), L.FIELD.get(),
                                L.REASON.get()], rows, widths=[8, 10, 12, 18, 16, 36]))
        else:
            parts.append(paragraph(L.NONE.get()))

        parts.append(section(L.SECTION_DELETIONS))
        if summary.deletions:
            rows = [[moment(d.at)[11:], d.clerk, short_id(d.record_id), form_name(d.form_id).get(), d.reason]
                    for d in summary.deletions]
            parts.append(table([L.TIME.get(), L.CLERK.get(), L.RECORD.get(), L.FORM.get(), L.REASON.get()],
                               rows, widths=[8, 10, 11, 21, 50]))
        else:
            parts.append(paragraph(L.NONE.get()))

    parts.append(section(L.SECTION_REVEALS))
    parts.append(_reveals(summary))
    parts.append(section(L.SECTION_FOLLOW_UP))
    parts.append(_follow_up(summary))
    parts.append(section(L.SECTION_SYNC))
    parts.append(_sync(summary))
    qr = qr_image(summary.qr_payload(), dpi)
    parts.append(keep_together(section(L.SECTION_AUDIT) + _audit(summary, html_pixels(qr.width(), dpi))
                               + paragraph(L.AS_OF_PRINT.get(), size=8.5)
                               + _signatures(L.SIGN_CLERK, L.SIGN_SUPERVISOR)))
    frame = frame_for(township, L.SUMMARY_SHORT.get(), summary.date, summary.built_at)
    return Layout(html="".join(parts), frame=frame, images={QR_RESOURCE: qr})


def _reveals(summary: DailySummary) -> str:
    """Who saw which record's ID number in full, exported it or printed a slip, and why."""
    if not summary.reveals:
        return paragraph(L.NONE.get())
    rows = []
    for r in summary.reveals:
        what = r.label.get()
        if r.kind == "export":
            # the rows written (an export, a comparison); a records list shown in full counts records
            what += f"（{r.details.get('rows', r.details.get('records', 0))}）"
        rows.append([moment(r.at)[11:], r.clerk, what, short_id(r.record_id) if r.record_id else "—",
                     form_name(r.form_id).get() if r.form_id else "", r.reason])
    return table([L.TIME.get(), L.CLERK.get(), L.WHAT.get(), L.RECORD.get(), L.FORM.get(), L.REASON.get()],
                 rows, widths=[8, 10, 20, 11, 17, 34])


def _follow_up(summary: DailySummary) -> str:
    if summary.crosschecks is None and summary.corrections_open is None:
        return paragraph(L.NOT_INSTALLED.get())
    rows = []
    if summary.crosschecks is not None:
        rows.append([L.CROSSCHECKS_OUTSTANDING.get(), summary.crosschecks["outstanding"]])
        rows.append([L.REMINDERS_DUE.get(), len(summary.crosschecks["reminders_due"])])
    if summary.corrections_open is not None:
        rows.append([L.CORRECTIONS_OPEN.get(), summary.corrections_open])
    out = pairs(rows, label_width=70)
    due = (summary.crosschecks or {}).get("reminders_due") or []
    if due:
        from desktop.core.reports.names import division_name
        out += spacer(4) + table(
            [L.SUBJECT.get(), L.TARGET.get(), L.PHONE.get(), L.SENT.get()],
            [[item.get("subject", ""), division_name(item.get("target_township"), summary.divisions).get(),
              item.get("target_phone", ""), moment(item.get("sent_at"))] for item in due],
            widths=[30, 25, 20, 25])
    return out


def _sync(summary: DailySummary) -> str:
    sync = summary.sync
    if not sync.synced:
        return paragraph(L.NOT_SYNCED.get(), bold=True) + pairs([(L.PENDING.get(), sync.pending_changes)])
    export = moment(sync.last_export_at)
    if sync.last_export_sequence is not None:
        export += "（" + L.SEQUENCE.format(n=sync.last_export_sequence).get() + "）"
    ack = moment(sync.last_ack_at) if sync.last_ack_at else L.NEVER.get()
    if sync.last_ack_at and sync.last_ack_sequence is not None:
        ack += "（" + L.SEQUENCE.format(n=sync.last_ack_sequence).get() + "）"
    return pairs([(L.LAST_EXPORT.get(), export), (L.LAST_ACK.get(), ack), (L.PENDING.get(), sync.pending_changes)],
                 label_width=50)


def _audit(summary: DailySummary, qr_size: int) -> str:
    fonts = report_fonts()
    digest = summary.audit_hash
    grouped = "<br/>".join(" ".join(digest[i:i + 8] for i in range(row, row + 32, 8)) for row in (0, 32))
    return ('<table width="100%" border="0" cellpadding="2" cellspacing="0"><tr><td valign="top">'
            f'{esc(L.AUDIT_HEAD.get())}：<b>#{summary.audit_seq}</b><br/>'
            f'{esc(L.AUDIT_HASH.get())}：<br/><span style="font-family:\'{fonts.mono}\'; font-size:9pt;">'
            f'{grouped}</span><br/><span style="font-size:8.5pt;">{esc(L.QR_NOTE.get())}</span></td>'
            f'<td width="30%" align="right" valign="top">'
            f'<img src="{QR_RESOURCE}" width="{qr_size}" height="{qr_size}"/></td></tr></table>')
