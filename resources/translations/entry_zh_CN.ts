<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>DivisionPicker</name>
    <message>
        <source>Type a code, a name or pinyin initials (e.g. psz)</source>
        <translation>输入代码、名称或拼音首字母（如 psz）</translation>
    </message>
</context>
<context>
    <name>EditReasonDialog</name>
    <message>
        <source>Reason for the change</source>
        <translation>修改原因</translation>
    </message>
    <message>
        <source>This record was already completed. Say why it is being changed; the reason is kept in the audit trail.</source>
        <translation>该记录已经完成。请说明修改原因；原因将记入操作痕迹。</translation>
    </message>
</context>
<context>
    <name>EntryPage</name>
    <message>
        <source>Data entry</source>
        <translation>信息录入</translation>
    </message>
    <message>
        <source>Form:</source>
        <translation>表单：</translation>
    </message>
    <message>
        <source>New (Ctrl+N)</source>
        <translation>新建 (Ctrl+N)</translation>
    </message>
    <message>
        <source>Keep as draft (Ctrl+Shift+S)</source>
        <translation>存为草稿 (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存 (Ctrl+S)</translation>
    </message>
    <message>
        <source>Labels:</source>
        <translation>标签语言：</translation>
    </message>
    <message>
        <source>Continue it</source>
        <translation>继续录入</translation>
    </message>
    <message>
        <source>Discard it</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>&amp;Restore this record…</source>
        <translation>恢复这条记录(&amp;R)…</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Open the record that has it</source>
        <translation>打开已登记的那条记录</translation>
    </message>
    <message>
        <source>Enter or Tab: next field · Shift+Tab: back · Ctrl+S: save · Ctrl+N: new record · Ctrl+K: keep value for the next record · Ctrl+Shift+A / Ctrl+Shift+D: add / remove a row</source>
        <translation>回车或 Tab：下一项 · Shift+Tab：上一项 · Ctrl+S：保存 · Ctrl+N：新建记录 · Ctrl+K：下一条记录沿用此值 · Ctrl+Shift+A / Ctrl+Shift+D：增加 / 删除一行</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>This record was deleted (reason: %1). It is shown read-only.</source>
        <translation>该记录已删除（原因：%1），只能查看，不能修改。</translation>
    </message>
    <message>
        <source>A supervisor or an administrator can restore it.</source>
        <translation>主管或管理员可以恢复它。</translation>
    </message>
    <message>
        <source>Restored: %1</source>
        <translation>已恢复：%1</translation>
    </message>
    <message>
        <source>Restore a deleted record</source>
        <translation>恢复已删除的记录</translation>
    </message>
    <message>
        <source>Say why this record counts again; the reason is kept in the audit trail.</source>
        <translation>请说明为什么恢复这条记录；原因会记入操作痕迹。</translation>
    </message>
    <message>
        <source>Not saved: 1 error to correct first (see the list).</source>
        <translation>未保存：请先改正 1 处错误（见列表）。</translation>
    </message>
    <message>
        <source>Not saved: %n errors to correct first (see the list).</source>
        <translation>未保存：请先改正 %n 处错误（见列表）。</translation>
    </message>
    <message>
        <source>1 error</source>
        <translation>1 处错误</translation>
    </message>
    <message>
        <source>%n errors</source>
        <translation>%n 处错误</translation>
    </message>
    <message>
        <source>1 warning</source>
        <translation>1 处警告</translation>
    </message>
    <message>
        <source>%n warnings</source>
        <translation>%n 处警告</translation>
    </message>
    <message>
        <source>1 required field still empty</source>
        <translation>1 个必填项未填</translation>
    </message>
    <message>
        <source>%n required fields still empty</source>
        <translation>%n 个必填项未填</translation>
    </message>
    <message>
        <source>Not saved: each warning needs a reason.</source>
        <translation>未保存：每条警告都需要填写原因。</translation>
    </message>
    <message>
        <source>Not saved: a change to a completed record needs a reason.</source>
        <translation>未保存：修改已完成的记录需要填写原因。</translation>
    </message>
    <message>
        <source>A completed record cannot go back to draft; save it with Ctrl+S.</source>
        <translation>已完成的记录不能改回草稿；请用 Ctrl+S 保存。</translation>
    </message>
    <message>
        <source>Kept as a draft: %1</source>
        <translation>已存为草稿：%1</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <source>Discard the record?</source>
        <translation>放弃该记录？</translation>
    </message>
    <message>
        <source>The record on screen is not saved. Discard it and start another?</source>
        <translation>屏幕上的记录尚未保存。放弃它并开始新记录吗？</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Keep typing</source>
        <translation>继续录入</translation>
    </message>
    <message>
        <source>The draft could not be written to disk: %1</source>
        <translation>草稿无法写入磁盘：%1</translation>
    </message>
    <message>
        <source>An unfinished record was kept (last change %1). Continue it?</source>
        <translation>有一条未录完的记录已自动保存（最后修改 %1）。继续录入吗？</translation>
    </message>
    <message>
        <source>The unfinished record is back; only the field being typed was lost.</source>
        <translation>未录完的记录已恢复；只丢失了当时正在输入的那一项。</translation>
    </message>
    <message>
        <source>New record</source>
        <translation>新记录</translation>
    </message>
    <message>
        <source>Deleted record (read-only)</source>
        <translation>已删除的记录（只读）</translation>
    </message>
    <message>
        <source>Editing a completed record (a reason will be asked)</source>
        <translation>正在修改已完成的记录（保存时需填写原因）</translation>
    </message>
    <message>
        <source>Editing a draft record</source>
        <translation>正在编辑草稿记录</translation>
    </message>
    <message>
        <source>Deleted record: read-only</source>
        <translation>已删除的记录：只读</translation>
    </message>
    <message>
        <source>No problems</source>
        <translation>没有问题</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>FormView</name>
    <message>
        <source>Add a row (Ctrl+Shift+A)</source>
        <translation>增加一行 (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <source>Space or Ctrl+Shift+A adds a row; Enter moves on</source>
        <translation>空格键或 Ctrl+Shift+A 增加一行；回车跳到下一项</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>沿用</translation>
    </message>
    <message>
        <source>Carry this value forward to the next record (Ctrl+K)</source>
        <translation>下一条记录沿用此值 (Ctrl+K)</translation>
    </message>
    <message>
        <source>code, name or pinyin initials</source>
        <translation>代码、名称或拼音首字母</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日，如 2024-03-01</translation>
    </message>
    <message>
        <source>Shift+Enter: new line</source>
        <translation>Shift+回车：换行</translation>
    </message>
    <message>
        <source>Row %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>Remove (Ctrl+Shift+D)</source>
        <translation>删除此行 (Ctrl+Shift+D)</translation>
    </message>
    <message>
        <source>row %1</source>
        <translation>第 %1 行</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <source>Warnings need a reason</source>
        <translation>警告需要填写原因</translation>
    </message>
    <message>
        <source>The record has warnings. To complete it anyway, say why each value is right. The reasons are kept in the audit trail.</source>
        <translation>该记录有警告。如确认无误仍要完成，请逐条说明理由；理由将记入操作痕迹。</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>原因（必填）</translation>
    </message>
</context>
<context>
    <name>RecordsModel</name>
    <message>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村街</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
</context>
<context>
    <name>RecordsPage</name>
    <message>
        <source>Search: name, ID number, phone or pinyin initials</source>
        <translation>搜索：姓名、身份证号、电话或拼音首字母</translation>
    </message>
    <message>
        <source>Current records</source>
        <translation>现有记录</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>All villages</source>
        <translation>全部村街</translation>
    </message>
    <message>
        <source>Changed from</source>
        <translation>修改日期</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>Hi&amp;story</source>
        <translation>修改历史(&amp;S)</translation>
    </message>
    <message>
        <source>As&amp;k another township…</source>
        <translation>发起协查(&amp;K)…</translation>
    </message>
    <message>
        <source>Send a cross-check request about this person</source>
        <translation>就此人向其他乡镇发出协查</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <source>Only a supervisor or an administrator may delete records.</source>
        <translation>只有主管或管理员可以删除记录。</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录查询</translation>
    </message>
    <message>
        <source>No record matches. Search needs at least two characters: part of a name, ID number or phone, or the pinyin initials of a name (e.g. zs).</source>
        <translation>没有符合条件的记录。搜索至少输入两个字符：姓名、身份证号或电话的一部分，或姓名的拼音首字母（如 张三 输入 zs）。</translation>
    </message>
    <message>
        <source>No records yet. Press Ctrl+N to enter the first one.</source>
        <translation>还没有记录。按 Ctrl+N 录入第一条。</translation>
    </message>
    <message>
        <source>No records yet. They arrive with the townships&apos; sync bundles.</source>
        <translation>还没有记录。各乡镇的数据包导入后即可在此查询。</translation>
    </message>
    <message>
        <source>All forms</source>
        <translation>全部表单</translation>
    </message>
    <message>
        <source>Floating population</source>
        <translation>流动人口</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>证明</translation>
    </message>
    <message>
        <source>Equipment register</source>
        <translation>设备台账</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>共 %n 条记录</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n or more records (counting…)</source>
        <translation>
            <numerusform>至少 %n 条记录（正在统计…）</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete record</source>
        <translation>删除记录</translation>
    </message>
    <message>
        <source>The record stays in the file and the audit trail, marked deleted. Why is it deleted?</source>
        <translation>记录仍保留在数据库和操作痕迹中，标记为已删除。请说明删除原因：</translation>
    </message>
</context>
</TS>
