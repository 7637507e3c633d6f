<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>EditReasonDialog</name>
    <message>
        <location filename="../../desktop/ui/entry/reason_dialogs.py" line="90" />
        <location filename="../../desktop/ui/entry/reason_dialogs.py" line="93" />
        <source>Reason for the change</source>
        <translation>修改原因</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/reason_dialogs.py" line="91" />
        <source>This record was already completed. Say why it is being changed; the reason is kept in the audit trail.</source>
        <translation>该记录已经完成。请说明修改原因；原因将记入操作痕迹。</translation>
    </message>
</context>
<context>
    <name>EntryPage</name>
    <message>
        <location filename="../../desktop/ui/entry/entry_page.py" line="70" />
        <source>Data entry</source>
        <translation>信息录入</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/entry_page.py" line="83" />
        <source>Form:</source>
        <translation>表单：</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/entry_page.py" line="88" />
        <source>New (Ctrl+N)</source>
        <translation>新建 (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/entry_page.py" line="89" />
        <source>Keep as draft (Ctrl+Shift+S)</source>
        <translation>存为草稿 (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/entry_page.py" line="90" />
        <source>Save (Ctrl+S)</source>
        <translation>保存 (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/entry_page.py" line="109" />
        <source>Continue it</source>
        <translation>继续录入</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/entry_page.py" line="110" />
        <source>Discard it</source>
        <translation>放弃</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/entry_page.py" line="126" />
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/entry_page.py" line="173" />
        <source>Enter or Tab: next field · Shift+Tab: back · Ctrl+S: save · Ctrl+N: new record · Ctrl+K: keep value for the next record · Ctrl+Shift+A / Ctrl+Shift+D: add / remove a row</source>
        <translation>回车或 Tab：下一项 · Shift+Tab：上一项 · Ctrl+S：保存 · Ctrl+N：新建记录 · Ctrl+K：下一条记录沿用此值 · Ctrl+Shift+A / Ctrl+Shift+D：增加 / 删除一行</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/entry_page.py" line="266" />
        <source>This record was deleted and cannot be changed.</source>
        <translation>该记录已删除，不能修改。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/entry/entry_page.py" line="291" />
        <source>Not saved: %n error(s) to correct first (see the list).</source>
        <translation>
            <numerusform>未保存：请先改正 %n 处错误（见右侧列表）。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/entry_page.py" line="298" />
        <source>Not saved: each warning needs a reason.</source>
        <translation>未保存：每条警告都需要填写原因。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/entry_page.py" line="304" />
        <source>Not saved: a change to a completed record needs a reason.</source>
        <translation>未保存：修改已完成的记录需要填写原因。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/entry_page.py" line="314" />
        <source>A completed record cannot go back to draft; save it with Ctrl+S.</source>
        <translation>已完成的记录不能改回草稿；请用 Ctrl+S 保存。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/entry_page.py" line="344" />
        <source>Kept as a draft: %1</source>
        <translation>已存为草稿：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/entry_page.py" line="345" />
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/entry_page.py" line="362" />
        <source>Discard the record?</source>
        <translation>放弃该记录？</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/entry_page.py" line="363" />
        <source>The record on screen is not saved. Discard it and start another?</source>
        <translation>屏幕上的记录尚未保存。放弃它并开始新记录吗？</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/entry_page.py" line="365" />
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/entry_page.py" line="366" />
        <source>Keep typing</source>
        <translation>继续录入</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/entry_page.py" line="397" />
        <source>The draft could not be written to disk: %1</source>
        <translation>草稿无法写入磁盘：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/entry_page.py" line="412" />
        <source>An unfinished record was kept (last change %1). Continue it?</source>
        <translation>有一条未录完的记录已自动保存（最后修改 %1）。继续录入吗？</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/entry_page.py" line="447" />
        <source>The unfinished record is back; only the field being typed was lost.</source>
        <translation>未录完的记录已恢复；只丢失了当时正在输入的那一项。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/entry_page.py" line="464" />
        <source>New record</source>
        <translation>新记录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/entry_page.py" line="466" />
        <source>Editing a completed record (a reason will be asked)</source>
        <translation>正在修改已完成的记录（保存时需填写原因）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/entry_page.py" line="468" />
        <source>Editing a draft record</source>
        <translation>正在编辑草稿记录</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/entry/entry_page.py" line="483" />
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n 处错误</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/entry/entry_page.py" line="485" />
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n 条警告</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/entry/entry_page.py" line="487" />
        <source>%n required field(s) still empty</source>
        <translation>
            <numerusform>%n 个必填项尚未填写</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/entry_page.py" line="488" />
        <source>No problems</source>
        <translation>没有问题</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/entry_page.py" line="491" />
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>FormView</name>
    <message>
        <location filename="../../desktop/ui/entry/form_view.py" line="102" />
        <source>Add a row (Ctrl+Shift+A)</source>
        <translation>增加一行 (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/form_view.py" line="103" />
        <source>Space or Ctrl+Shift+A adds a row; Enter moves on</source>
        <translation>空格键或 Ctrl+Shift+A 增加一行；回车跳到下一项</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/form_view.py" line="236" />
        <source>Keep</source>
        <translation>沿用</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/form_view.py" line="244" />
        <source>Carry this value forward to the next record (Ctrl+K)</source>
        <translation>下一条记录沿用此值 (Ctrl+K)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/form_view.py" line="285" />
        <source>code, name or pinyin initials</source>
        <translation>代码、名称或拼音首字母</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/form_view.py" line="295" />
        <source>YYYY-MM-DD</source>
        <translation>年-月-日，如 2024-03-01</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/form_view.py" line="298" />
        <source>Shift+Enter: new line</source>
        <translation>Shift+回车：换行</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/form_view.py" line="321" />
        <source>Row %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/form_view.py" line="323" />
        <source>Remove (Ctrl+Shift+D)</source>
        <translation>删除此行 (Ctrl+Shift+D)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/form_view.py" line="644" />
        <source>row %1</source>
        <translation>第 %1 行</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <location filename="../../desktop/ui/entry/reason_dialogs.py" line="73" />
        <source>Warnings need a reason</source>
        <translation>警告需要填写原因</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/reason_dialogs.py" line="74" />
        <source>The record has warnings. To complete it anyway, say why each value is right. The reasons are kept in the audit trail.</source>
        <translation>该记录有警告。如确认无误仍要完成，请逐条说明理由；理由将记入操作痕迹。</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../desktop/ui/entry/reason_dialogs.py" line="34" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/reason_dialogs.py" line="35" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/reason_dialogs.py" line="44" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/reason_dialogs.py" line="103" />
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/reason_dialogs.py" line="105" />
        <source>Reason (required)</source>
        <translation>原因（必填）</translation>
    </message>
</context>
</TS>