"""The keying statistics table (desktop.core.quality.keying): one row per clerk on the daily
summary, one per township in the monthly circular's annex."""

from __future__ import annotations

from desktop.core.i18n import Text
from desktop.render.html import paragraph, table

SECTION_DAILY = Text("Keying per clerk", "录入员录入质量统计")
SECTION_ANNEX = Text("Annex: keying per township", "附表：各乡镇录入质量统计")
RECORDS = Text("Records keyed", "录入记录")
FIELDS = Text("Fields", "录入字段")
MINUTES = Text("Minutes", "用时（分钟）")
ERRORS = Text("Errors caught", "规则拦截错误")
RATE = Text("Error rate", "差错率")
CHANGED = Text("Fields changed at verification", "核实更正字段")
VERIFY_RATE = Text("Verification error rate", "核实差错率")
DEFINITIONS = Text("Time: from opening a record on the entry form to saving it. Errors caught: each field and rule the "
                   "entry rules refused while the record was keyed (a field not yet filled in is none). Error rate: errors caught / fields keyed. "
                   "Fields changed at verification: fields of the clerk's records that re-keying by a second clerk "
                   "found wrong (the day of the verification); verification error rate: those / fields re-keyed.",
                   "用时：从在录入表中打开记录到保存。规则拦截错误：录入过程中录入规则拒绝的字段与规则数（尚未填写的字段不计）。"
                   "差错率：规则拦截错误 / 录入字段。核实更正字段：另一录入员重录核实时发现有误并更正的该录入员记录字段数（按核实日期计）；"
                   "核实差错率：核实更正字段 / 重录核实字段。")
NONE = Text("No record was keyed on the entry form.", "未在录入表中录入记录。")


def rate_text(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def keying_table(stats, who: Text, names=None) -> str:
    """`stats`: Keying rows; `names` maps a row's `who` to the name printed (a township's)."""
    if not stats:
        return paragraph(NONE.get())
    rows = [[(names or {}).get(k.who, k.who), k.records, k.fields, f"{k.minutes:.1f}", k.errors, rate_text(k.error_rate),
             k.changed if k.verified else "—", rate_text(k.verification_error_rate)]
            for k in stats]
    return table([who.get(), RECORDS.get(), FIELDS.get(), MINUTES.get(), ERRORS.get(), RATE.get(), CHANGED.get(),
                  VERIFY_RATE.get()], rows,
                 widths=[23, 11, 11, 11, 11, 11, 11, 11], align=["left"] + ["right"] * 7) + paragraph(DEFINITIONS.get(), size=8.5)
