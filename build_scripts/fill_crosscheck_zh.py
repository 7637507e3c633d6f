"""Fill in the Simplified Chinese of resources/translations/crosscheck_zh_CN.ts after pyside6-lupdate.

Kept as data here so a new string shows up as missing (the test of the .ts fails) instead of
silently staying English. Run: lupdate (see docs/CROSSCHECKS.md), this script, then lrelease.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ZH = {
    "Answer a cross-check": "答复协查",
    "{town} asks about {name} {id}:": "{town} 协查 {name} {id}：",
    "&Confirmed": "属实(&C)",
    "&Differs (say how below)": "不符（请在下面说明）(&D)",
    "Person &unknown here": "查无此人(&U)",
    "Details": "详细情况",
    "Status": "状态",
    "Record": "记录",
    "Problem": "问题",
    "Field": "字段",
    "What to do": "处理要求",
    "Raised": "下发日期",
    "Outcome": "处理结果",
    "Township": "乡镇",
    "open": "待处理",
    "fixed": "已更正",
    "disputed": "有异议",
    "ID registered in two townships": "身份证号两地重复登记",
    "fails the entry rules": "不符合录入规则",
    "raised by the county": "县级指出",
    "Open": "待处理",
    "Disputed": "有异议",
    "Fixed": "已更正",
    "All": "全部",
    "&Show": "显示(&S)",
    "&Open the record": "打开记录(&O)",
    "&Run the county's checks": "运行县级核查(&R)",
    "Mark &fixed…": "标为已更正(&F)…",
    "&Dispute…": "提出异议(&D)…",
    "&Refresh": "刷新(&R)",
    "Corrections": "纠错",
    "Checking every township's records…": "正在核查各乡镇的记录…",
    "The checks raised {n} new task(s); they go out with each township's return bundle.":
        "核查新增 {n} 条纠错任务，将随各乡镇的回执包下发。",
    "The checks failed: {error}": "核查失败：{error}",
    "&Incoming": "收到的协查(&I)",
    "&Outgoing": "发出的协查(&O)",
    "&New request…": "新建协查(&N)…",
    "&Answer…": "答复(&A)…",
    "&Routed between townships": "乡镇间转办的协查(&R)",
    "Cross-checks": "协查",
    "{n} request(s) sent three or more days ago have no answer: phone {phones}":
        "有 {n} 条协查发出已满三天仍未反馈，请电话提示：{phones}",
    "&Incoming ({n} to answer)": "收到的协查（{n} 条待答复）(&I)",
    "From": "来自",
    "To": "发往",
    "From → to": "发起 → 承办",
    "State": "状态",
    "Name": "姓名",
    "ID number": "身份证号",
    "To confirm": "协查内容",
    "Due": "截止日期",
    "Sent": "发出日期",
    "Received": "收到日期",
    "Answer": "反馈",
    "Reminder": "提示",
    "waiting for the next bundle": "待发送",
    "for the provincial channel": "待报省级",
    "sent": "已发送",
    "delivered": "已送达",
    "answered": "已反馈",
    "closed": "已办结",
    "confirmed": "属实",
    "differs": "不符",
    "person unknown": "查无此人",
    "Sent three or more days ago without an answer: phone {phone}": "发出已满三天仍未反馈：请致电 {phone}",
    "phone reminder due: {phone}": "需电话提示：{phone}",
    "New cross-check request": "新建协查",
    "A township in another county…": "外县乡镇…",
    "Name of the other county": "外县名称",
    "What should the other township confirm?": "请对方乡镇核实什么？",
    "&Ask": "协查对象(&A)",
    "Other &county": "外县(&C)",
    "&Name": "姓名(&N)",
    "&ID number": "身份证号(&I)",
    "&To confirm": "协查内容(&T)",
    "&Due": "截止日期(&D)",
    "&Send with the next bundle": "随下一次数据包发出(&S)",
    "Mark the task fixed": "标为已更正",
    "Dispute the task": "对任务提出异议",
    "What was corrected (optional)": "更正了什么（可不填）",
    "Why the record is right (required)": "记录为何无误（必填）",
    "&Outgoing ({n} to phone)": "发出的协查（{n} 条需电话提示）(&O)",
    "No requests from other townships. They arrive with the county's return bundle (Sync page).":
        "暂无其他乡镇发来的协查。协查随县里的回传数据包送达（见“数据同步”页）。",
    "No requests sent. To ask another township about a person, select the record in Records and press "
    "Ask another township (Alt+K), or press New request (Alt+N) here.":
        "暂无发出的协查。要请其他乡镇协查某人，可在“记录查询”中选中记录后按“发起协查”(Alt+K)，"
        "或在此按“新建协查”(Alt+N)。",
    "No cross-checks yet. Townships' requests arrive with their sync bundles.": "暂无协查。各乡镇的协查随其数据包送达。",
    "No correction tasks here. Run the county's checks to look for problems in the townships' records.":
        "暂无纠错任务。可运行县级核查，查找各乡镇记录中的问题。",
    "No correction tasks to do. The county's tasks arrive with its return bundle (Sync page); each one "
    "names a record to correct.":
        "暂无待处理的纠错任务。县里的纠错任务随回传数据包送达（见“数据同步”页），每条任务指明需更正的记录。",
    "No correction tasks in this list.": "此列表中没有纠错任务。",
    "Record: %1 · field: %2": "记录：%1 · 字段：%2",
    "&Show:": "显示(&S)：",
    # the county's decision on a dispute
    "open: dispute rejected": "待处理（异议未被采纳）",
    "dispute accepted": "异议成立",
    "County's reply: %1": "县级答复：%1",
    "County: dispute accepted": "县级：异议成立",
    "The county rejected your dispute: %1": "县级未采纳您的异议：%1",
    "Accept the dispute": "采纳异议",
    "Reject the dispute": "不采纳异议",
    "The township's reason: %1": "乡镇的理由：%1",
    "The task is closed and the record stays as it is.": "任务办结，记录保持不变。",
    "The task goes back to the township with your reply; it must correct the record.":
        "任务连同您的答复退回乡镇，乡镇须更正记录。",
    "Note for the township (optional)": "给乡镇的说明（可选）",
    "Why the record must be corrected (required)": "记录为何必须更正（必填）",
    "Dispute accepted": "异议成立",
    "&Accept the dispute…": "采纳异议(&A)…",
    "Re&ject the dispute…": "不采纳异议(&J)…",
    "{open} open, {disputed} disputed, {fixed} fixed, {accepted} dispute(s) accepted":
        "待处理 {open} 条，有异议 {disputed} 条，已更正 {fixed} 条，异议成立 {accepted} 条",
}


def fill(path: Path) -> list[str]:
    tree = ET.parse(path)
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        if source in ZH:
            translation.text = ZH[source]
            translation.attrib.pop("type", None)
        else:
            missing.append(source)
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return missing


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "resources/translations/crosscheck_zh_CN.ts")
    left = fill(target)
    for source in left:
        print(f"no Chinese for: {source}", file=sys.stderr)
    sys.exit(1 if left else 0)
