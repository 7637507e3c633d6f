"""Fill resources/translations/formview_zh_CN.ts with the Chinese of the form view's strings.

Workflow: pyside6-lupdate desktop/ui/entry/{form_view,form_editors,entry_page,reason_dialogs}.py
-ts resources/translations/formview_zh_CN.ts, then this script, then pyside6-lrelease. A string
without a translation here makes the script fail, so nothing ships untranslated.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TS = Path(__file__).resolve().parent.parent / "resources" / "translations" / "formview_zh_CN.ts"

ZH = {
    "Reason (required)": "原因（必填）",
    "Shift+Enter: new line": "Shift+回车：换行",
    "OK": "确定",
    "Reason for the change": "修改原因",
    "This record was already completed. Say why it is being changed; the reason is kept in the audit trail.":
        "该记录已经完成。请说明修改原因；原因将记入操作痕迹。",
    "Data entry": "信息录入",
    "Form:": "表单：",
    "New (Ctrl+N)": "新建 (Ctrl+N)",
    "Keep as draft (Ctrl+Shift+S)": "存为草稿 (Ctrl+Shift+S)",
    "Save (Ctrl+S)": "保存 (Ctrl+S)",
    "Continue it": "继续录入",
    "Discard it": "放弃",
    "Problems": "问题",
    "Enter or Tab: next field · Shift+Tab: back · Ctrl+S: save · Ctrl+N: new record · Ctrl+K: keep value "
    "for the next record · Ctrl+Shift+A / Ctrl+Shift+D: add / remove a row":
        "回车或 Tab：下一项 · Shift+Tab：上一项 · Ctrl+S：保存 · Ctrl+N：新建记录 · "
        "Ctrl+K：下一条记录沿用此值 · Ctrl+Shift+A / Ctrl+Shift+D：增加 / 删除一行",
    "This record was deleted and cannot be changed.": "该记录已删除，不能修改。",
    "Not saved: %n error(s) to correct first (see the list).": "未保存：请先改正 %n 处错误（见右侧列表）。",
    "Not saved: each warning needs a reason.": "未保存：每条警告都需要填写原因。",
    "Not saved: a change to a completed record needs a reason.": "未保存：修改已完成的记录需要填写原因。",
    "A completed record cannot go back to draft; save it with Ctrl+S.": "已完成的记录不能改回草稿；请用 Ctrl+S 保存。",
    "Kept as a draft: %1": "已存为草稿：%1",
    "Saved: %1": "已保存：%1",
    "Discard the record?": "放弃该记录？",
    "The record on screen is not saved. Discard it and start another?": "屏幕上的记录尚未保存。放弃它并开始新记录吗？",
    "Discard": "放弃",
    "Keep typing": "继续录入",
    "The draft could not be written to disk: %1": "草稿无法写入磁盘：%1",
    "An unfinished record was kept (last change %1). Continue it?": "有一条未录完的记录已自动保存（最后修改 %1）。继续录入吗？",
    "The unfinished record is back; only the field being typed was lost.": "未录完的记录已恢复；只丢失了当时正在输入的那一项。",
    "New record": "新记录",
    "Editing a completed record (a reason will be asked)": "正在修改已完成的记录（保存时需填写原因）",
    "Editing a draft record": "正在编辑草稿记录",
    "%n error(s)": "%n 处错误",
    "%n warning(s)": "%n 条警告",
    "%n required field(s) still empty": "%n 个必填项尚未填写",
    "No problems": "没有问题",
    "Keep": "沿用",
    "Carry this value forward to the next record (Ctrl+K)": "下一条记录沿用此值 (Ctrl+K)",
    "code, name or pinyin initials": "代码、名称或拼音首字母",
    "YYYY-MM-DD": "年-月-日，如 2024-03-01",
    "Row %1": "第 %1 行",
    "row %1": "第 %1 行",
    "Remove (Ctrl+Shift+D)": "删除此行 (Ctrl+Shift+D)",
    "Add a row (Ctrl+Shift+A)": "增加一行 (Ctrl+Shift+A)",
    "Space or Ctrl+Shift+A adds a row; Enter moves on": "空格键或 Ctrl+Shift+A 增加一行；回车跳到下一项",
    "Warnings need a reason": "警告需要填写原因",
    "The record has warnings. To complete it anyway, say why each value is right. The reasons are kept "
    "in the audit trail.": "该记录有警告。如确认无误仍要完成，请逐条说明理由；理由将记入操作痕迹。",
    "Save": "保存",
    "Cancel": "取消",
    "Reason": "原因",
    "%1: %2": "%1：%2",
}


def main() -> int:
    tree = ET.parse(TS)
    missing = []
    for message in tree.iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        if source not in ZH:
            missing.append(source)
            continue
        translation.attrib.pop("type", None)
        if message.get("numerus") == "yes":
            forms = translation.findall("numerusform") or [ET.SubElement(translation, "numerusform")]
            for form in forms:
                form.text = ZH[source]
        else:
            translation.text = ZH[source]
    if missing:
        print("no Chinese for:\n  " + "\n  ".join(missing), file=sys.stderr)
        return 1
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
