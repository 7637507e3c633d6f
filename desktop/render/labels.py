"""The words printed on reports, in both languages (chosen with the app's language).

Reports are documents, not widgets: the command line prints them without a translator loaded,
so their vocabulary is kept here as two-language Text, like the core's messages.
"""

from __future__ import annotations

from desktop.core.i18n import Text

# daily summary
SUMMARY_TITLE = Text("{township}: daily summary of floating-population data work",
                     "{township}流动人口信息工作日报")
SUMMARY_SHORT = Text("Daily summary", "日报")
DATE_LINE = Text("Date: {date}", "统计日期：{date}")
WEEKDAYS = (Text("Monday", "星期一"), Text("Tuesday", "星期二"), Text("Wednesday", "星期三"),
            Text("Thursday", "星期四"), Text("Friday", "星期五"), Text("Saturday", "星期六"),
            Text("Sunday", "星期日"))
SECTION_OVERVIEW = Text("The day's entries", "当日录入概况")
SECTION_BY_FORM = Text("By form", "按表单")
SECTION_BY_VILLAGE = Text("By village", "按村街")
SECTION_CLERKS = Text("Entries per clerk and per hour", "按录入员和时段统计")
SECTION_OVERRIDES = Text("Warnings overridden, with reasons", "越过警告及理由")
SECTION_DELETIONS = Text("Records deleted, with reasons", "删除记录及理由")
SECTION_REVEALS = Text("Reveals: full ID numbers seen, exported or printed, with reasons",
                       "查看、导出或打印完整身份号码及理由")
WHAT = Text("What", "事项")
SECTION_FOLLOW_UP = Text("Cross-checks and corrections outstanding", "待办协查与纠错")
SECTION_SYNC = Text("Data exchange with the county", "与县数据交换情况")
SECTION_AUDIT = Text("Audit trail (for reconciliation)", "操作痕迹（供核对）")
EMPTY_DAY = Text("No record was created, changed or deleted on this day.",
                 "本日无新建、修改或删除记录。")
CREATED = Text("Created", "新建")
EDITED = Text("Edited", "修改")
COMPLETED = Text("Completed", "完成")
DELETED = Text("Deleted", "删除")
ENTRIES = Text("Entries", "录入合计")
DRAFTS = Text("Drafts outstanding", "未完成草稿")
OVERRIDDEN = Text("Warnings overridden", "越过警告")
FORM = Text("Form", "表单")
VILLAGE = Text("Village", "村街")
CLERK = Text("Clerk", "录入员")
HOUR = Text("Hour", "时段")
TOTAL = Text("Total", "合计")
TIME = Text("Time", "时间")
RECORD = Text("Record", "记录编号")
FIELD = Text("Field", "字段")
REASON = Text("Reason", "理由")
NONE = Text("None.", "无。")
NOT_INSTALLED = Text("Not available yet (cross-checks are not installed).", "暂无（协查功能尚未启用）。")
CROSSCHECKS_OUTSTANDING = Text("Cross-checks outstanding", "待办协查")
CORRECTIONS_OPEN = Text("Corrections outstanding", "待办纠错")
REMINDERS_DUE = Text("Phone reminder due (no answer after 3 days)", "应电话提示（3天未反馈）")
SUBJECT = Text("Subject", "协查对象")
TARGET = Text("Asked of", "被协查乡镇")
PHONE = Text("Phone", "联系电话")
SENT = Text("Sent", "发出时间")
NOT_SYNCED = Text("Not synced yet: no bundle has been exported to the county.", "尚未同步：还没有向县导出过数据包。")
LAST_EXPORT = Text("Last export", "最近导出")
LAST_ACK = Text("Last acknowledgement from the county", "最近县回执")
PENDING = Text("Changes not yet acknowledged", "待同步的变更")
SEQUENCE = Text("bundle no. {n}", "第 {n} 号数据包")
NEVER = Text("none yet", "尚无")
AUDIT_HEAD = Text("Last audit entry of the day", "当日最后一条操作痕迹")
AUDIT_HASH = Text("Chain hash", "链哈希")
QR_NOTE = Text("The code carries the township, the date, the counts above and the chain hash, so "
               "the county can check this page against the data bundle.",
               "二维码含乡镇、日期、上述数字和链哈希，县里可据此核对纸质日报与数据包。")
AS_OF_PRINT = Text("Drafts, cross-checks, corrections and data exchange are as of printing.",
                   "草稿、协查、纠错和数据交换情况为打印时的状态。")
SIGN_CLERK = Text("Clerk (signature)", "录入员（签字）")
SIGN_SUPERVISOR = Text("Supervisor (signature)", "审核人（签字）")
SIGN_PREPARED = Text("Prepared by (signature)", "制表人（签字）")
SIGN_APPROVED = Text("Approved by (signature)", "审核人（签字）")
SIGN_DATE = Text("Date", "日期")
PRINTED_AT = Text("Printed {at}", "打印时间 {at}")
PAGE = Text("Page {page} of {pages}", "第 {page} 页 共 {pages} 页")

# circular
CIRCULAR_TITLE = Text("{county}: circular on floating-population data work", "{county}流动人口信息工作通报")
CIRCULAR_SHORT = Text("Monthly circular", "月度通报")
MONTH_LINE = Text("Month: {month} ({date_from} to {date_to})", "统计月份：{month}（{date_from} 至 {date_to}）")
SECTION_RANKING = Text("Townships ranked on the four measures", "各乡镇考核指标及排名")
SECTION_CHART = Text("Entry rate by township", "各乡镇入库率")
SECTION_SILENT = Text("Townships that sent nothing this month", "本月未报送数据的乡镇")
SECTION_FORMULAS = Text("Formulas and targets", "计算方法和目标")
RANK = Text("Rank", "名次")
TOWNSHIP = Text("Township", "乡镇")
PRESENT_TASK = Text("Present / task", "在册/任务")
COVERED = Text("Villages", "覆盖村街")
ANSWERED = Text("In time / received", "按期/收到")
IMPORTED = Text("Imported / sent", "导入/下发")
MET = Text("Targets met", "达标项")
REMARK = Text("Remark", "备注")
SENT_NOTHING = Text("sent nothing", "本月未报送")
BELOW_LEGEND = Text("▼ below target (also in bold). — not measured (nothing to measure this month).",
                    "▼ 表示低于目标（并加粗）；— 表示本月无可统计数据。")
EMPTY_MONTH = Text("No township has any record, and nothing was received this month.",
                   "本月各乡镇均无在册记录，也未收到任何数据。")
ALL_SENT = Text("Every township sent data this month.", "本月各乡镇均已报送数据。")
MEASURE = Text("Measure", "指标")
FORMULA = Text("Formula", "计算公式")
TARGET_COL = Text("Target", "目标")
# the province's circular: counties ranked (desktop/core/reports/provincial.py)
PROVINCIAL_TITLE = Text("{province}: circular on floating-population data work by county",
                        "{province}各县流动人口信息工作通报")
PROVINCIAL_SHORT = Text("Provincial circular", "省级月度通报")
COUNTY = Text("County", "县")
SECTION_RANKING_COUNTIES = Text("Counties ranked on the four measures", "各县考核指标及排名")
SECTION_CHART_COUNTIES = Text("Entry rate by county", "各县入库率")
SECTION_SILENT_COUNTIES = Text("Counties that sent nothing this month", "本月未报送数据的县")
ALL_SENT_COUNTIES = Text("Every county sent figures this month.", "本月各县均已报送数据。")
EMPTY_MONTH_COUNTIES = Text("No county sent figures for this month.", "本月没有县报送数据。")
SECTION_TOWNSHIPS_OF_COUNTIES = Text("Annex: the townships of each county", "附表：各县所辖乡镇")
RANKING_RULE = Text("Ranking: more targets met first, then the mean of the measured rates (each at most 100 %).",
                    "排名方法：达标项多者在前；相同时按各项比率（每项最高计100%）的平均值排序。")
CN_NUMERALS = "一二三四五六七八九十"


def section(number: int, name: Text) -> str:
    """'三、越过警告及理由' / '3. Warnings overridden' in the current language."""
    from desktop.core.i18n import current_language
    if current_language() == "zh":
        return f"{CN_NUMERALS[number - 1]}、{name.zh}"
    return f"{number}. {name.en}"


CHART_TARGET = Text("target {t}", "目标 {t}")
