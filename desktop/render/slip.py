"""A record's slip (登记单) and the records list as printed pages: from desktop.core.reports.slip
to HTML and the running header and footer of desktop.render.paged.

The slip is one A4 portrait page (more when a family is large): the township and the form as
the title, the record's fields as a ruled two-pair table (label, value, label, value), family
members as a table, then the person's and the clerk's signature and date lines. The list is A4
landscape: the list's columns as a ruled table whose header repeats on every page.
"""

from __future__ import annotations

from desktop.core.i18n import Text, current_language
from desktop.core.reports.slip import RecordList, RecordSlip
from desktop.render import labels as L
from desktop.render.fonts import report_fonts
from desktop.render.html import esc, heading, keep_together, paragraph, spacer, table, title
from desktop.render.paged import Layout, PageFrame
from desktop.render.summary import moment

SLIP_TITLE = Text("{township}: {form}", "{township}{form}")
SLIP_SUBTITLE = Text("Registration slip, for the person registered to check and sign",
                     "登记单（请登记人核对后签字）")
SLIP_SHORT = Text("Registration slip", "登记单")
SLIP_NOTE = Text("I have read the information above and confirm that it is correct.",
                 "以上信息本人已核对，确认无误。")
SIGN_PERSON = Text("Person registered (signature)", "登记人（签字）")
SIGN_CLERK = Text("Clerk (signature)", "登记员（签字）")
ENTERED = Text("entered {at} by {clerk}", "{clerk} 录入于 {at}")
RECORD_NO = Text("Record no. {id}", "记录编号 {id}")
DRAFT_NOTE = Text("Draft: this record is not complete yet.", "草稿：本记录尚未填写完整。")
DELETED_NOTE = Text("This record is deleted.", "本记录已删除。")
UNMASKED_NOTE = Text("ID numbers printed in full.", "身份号码完整打印。")
NO_MEMBERS = Text("None.", "无。")
LIST_TITLE = Text("{township}: {form}, list of records", "{township}{form}名册")
LIST_SHORT = Text("List of records", "名册")
LIST_FILTER = Text("Search: {q}", "查询：{q}")
LIST_VILLAGE = Text("Village: {v}", "村街：{v}")
LIST_CHANGED = Text("Changed {a} – {b}", "修改日期：{a} 至 {b}")
LIST_COUNT_ONE = Text("1 record", "共 1 条记录")
LIST_COUNT = Text("{n} records", "共 {n} 条记录")
LIST_SHOWN = Text("{n} records; the first {shown} are printed (export the list for the rest)",
                  "共 {n} 条记录，打印前 {shown} 条（其余请导出）")
NUMBER = Text("No.", "序号")


def _form_title(form_title: Text, lang: str) -> str:
    return form_title.get(lang)


def _field_grid(rows: list[tuple[str, str]]) -> str:
    """Label / value pairs two to a line, labels on light grey: reads like a printed form."""
    fonts = report_fonts()
    parts = ['<table width="100%" border="1" cellspacing="0" cellpadding="5" '
             'style="border-collapse:collapse; border-color:#000; border-style:solid;"><tbody>']
    for start in range(0, len(rows), 2):
        parts.append("<tr>")
        pair = rows[start:start + 2]
        for index, (label, value) in enumerate(pair):
            span = ' colspan="3"' if len(pair) == 1 and index == 0 else ""
            parts.append(f'<td width="21%" bgcolor="#eeeeee" style="font-family:\'{fonts.sans}\';">{esc(label)}</td>'
                         f'<td width="29%"{span}>{esc(value)}</td>')
        parts.append("</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def _signature_lines(lang: str) -> str:
    """Two columns (the person, the clerk), each a signature line and a date line below it."""
    colon = "：" if lang == "zh" else ": "
    line = "_" * 24
    date_line = "_" * 16

    def cell(who: Text) -> str:
        return (f'<td width="50%">{esc(who.get(lang))}{colon}<br/><br/>{line}<br/><br/>'
                f'{esc(L.SIGN_DATE.get(lang))}{colon}{date_line}</td>')

    return ('<table width="100%" cellpadding="4" cellspacing="0" border="0"><tr>'
            + cell(SIGN_PERSON) + cell(SIGN_CLERK) + "</tr></table>")


def slip_layout(slip: RecordSlip, dpi: float) -> Layout:
    lang = current_language()
    township = slip.township_name.get(lang)
    form = _form_title(slip.form_title, lang)
    parts = [title(SLIP_TITLE.format(township=township, form=form).get(lang), SLIP_SUBTITLE.get(lang))]
    meta = RECORD_NO.format(id=slip.record_id[:8]).get(lang) + (" · " if lang == "en" else "　") + ENTERED.format(
        at=moment(slip.entered_at), clerk=slip.entered_by).get(lang)
    parts.append(paragraph(meta, size=9, align="right"))
    for note, shown in ((DRAFT_NOTE, slip.status == "draft"), (DELETED_NOTE, slip.deleted),
                        (UNMASKED_NOTE, slip.unmasked)):
        if shown:
            parts.append(paragraph(note.get(lang), size=9, bold=True, align="right"))
    parts.append(spacer(4))
    for section in slip.sections:
        if section.title:
            parts.append(heading(section.title, 3))
        parts.append(_field_grid(section.rows))
    for members in slip.tables:
        parts.append(heading(members.title, 3))
        if members.rows:
            parts.append(table([NUMBER.get(lang), *members.headers],
                               [[index, *row] for index, row in enumerate(members.rows, 1)],
                               align=["center"] + ["left"] * len(members.headers)))
        else:
            parts.append(paragraph(NO_MEMBERS.get(lang)))
    parts.append(keep_together(spacer(10) + paragraph(SLIP_NOTE.get(lang), bold=True) + spacer(6)
                                + _signature_lines(lang)))
    frame = PageFrame(header_left=f"{township} · {SLIP_SHORT.get(lang)}", header_right=slip.person,
                      footer_left=L.PRINTED_AT.format(at=moment(slip.built_at)).get(lang),
                      page_label=L.PAGE.get(lang))
    return Layout(html="".join(parts), frame=frame)


def list_layout(printed: RecordList, dpi: float) -> Layout:
    lang = current_language()
    township = printed.township_name.get(lang)
    form = _form_title(printed.form_title, lang)
    shown = len(printed.rows)
    if shown < printed.total:
        count = LIST_SHOWN.format(n=printed.total, shown=shown).get(lang)
    else:
        count = (LIST_COUNT_ONE if printed.total == 1 else LIST_COUNT.format(n=printed.total)).get(lang)
    changed = ""
    if printed.changed_from or printed.changed_to:
        changed = LIST_CHANGED.format(a=printed.changed_from or "…", b=printed.changed_to or "…").get(lang)
    subtitle = "　".join(p for p in (LIST_VILLAGE.format(v=printed.village).get(lang) if printed.village else "",
                                     LIST_FILTER.format(q=printed.search).get(lang) if printed.search else "",
                                     changed, count) if p)
    parts = [title(LIST_TITLE.format(township=township, form=form).get(lang), subtitle)]
    widths = {"name": 8, "id": 15, "sex": 4, "village": 9, "status": 6, "updated": 11, "created": 11,
              "age": 4, "family": 5}
    raw = [3] + [widths.get(key, 10) for key in printed.keys]
    scale = 100 / sum(raw)
    parts.append(table([NUMBER.get(lang), *printed.headers],
                       [[index, *row] for index, row in enumerate(printed.rows, 1)],
                       widths=[max(1, round(w * scale)) for w in raw],
                       align=["right"] + ["center" if key in ("sex", "age", "family") else "left"
                                          for key in printed.keys], font_size=9))
    frame = PageFrame(header_left=f"{township} · {form} · {LIST_SHORT.get(lang)}",
                      header_right=subtitle, footer_left=L.PRINTED_AT.format(at=moment(printed.built_at)).get(lang),
                      page_label=L.PAGE.get(lang))
    return Layout(html="".join(parts), frame=frame, landscape=True)
