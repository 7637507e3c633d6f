<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AnswerDialog</name>
    <message>
        <location filename="../../desktop/ui/crosscheck_dialogs.py" line="125" />
        <source>Answer a cross-check</source>
        <translation>答复协查</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_dialogs.py" line="129" />
        <source>{town} asks about {name} {id}:</source>
        <translation>{town} 协查 {name} {id}：</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_dialogs.py" line="135" />
        <source>&amp;Confirmed</source>
        <translation>属实(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_dialogs.py" line="136" />
        <source>&amp;Differs (say how below)</source>
        <translation>不符（请在下面说明）(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_dialogs.py" line="137" />
        <source>Person &amp;unknown here</source>
        <translation>查无此人(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_dialogs.py" line="144" />
        <source>Details</source>
        <translation>详细情况</translation>
    </message>
</context>
<context>
    <name>CorrectionTableModel</name>
    <message>
        <location filename="../../desktop/ui/crosscheck_models.py" line="130" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_models.py" line="130" />
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_models.py" line="130" />
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_models.py" line="131" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_models.py" line="131" />
        <source>What to do</source>
        <translation>处理要求</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_models.py" line="132" />
        <source>Raised</source>
        <translation>下发日期</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_models.py" line="132" />
        <source>Outcome</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_models.py" line="134" />
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_models.py" line="137" />
        <source>open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_models.py" line="137" />
        <source>fixed</source>
        <translation>已更正</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_models.py" line="137" />
        <source>disputed</source>
        <translation>有异议</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_models.py" line="140" />
        <source>ID registered in two townships</source>
        <translation>身份证号两地重复登记</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_models.py" line="141" />
        <source>fails the entry rules</source>
        <translation>不符合录入规则</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_models.py" line="141" />
        <source>raised by the county</source>
        <translation>县级指出</translation>
    </message>
</context>
<context>
    <name>CorrectionsPage</name>
    <message>
        <location filename="../../desktop/ui/corrections_page.py" line="123" />
        <source>Open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/corrections_page.py" line="124" />
        <source>Disputed</source>
        <translation>有异议</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/corrections_page.py" line="125" />
        <source>Fixed</source>
        <translation>已更正</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/corrections_page.py" line="126" />
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/corrections_page.py" line="133" />
        <source>&amp;Show</source>
        <translation>显示(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/corrections_page.py" line="139" />
        <source>&amp;Open the record</source>
        <translation>打开记录(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/corrections_page.py" line="143" />
        <source>&amp;Run the county's checks</source>
        <translation>运行县级核查(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/corrections_page.py" line="147" />
        <source>Mark &amp;fixed…</source>
        <translation>标为已更正(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/corrections_page.py" line="149" />
        <source>&amp;Dispute…</source>
        <translation>提出异议(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/corrections_page.py" line="154" />
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/corrections_page.py" line="169" />
        <source>Corrections</source>
        <translation>纠错</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/corrections_page.py" line="174" />
        <source>{open} open, {disputed} disputed, {fixed} fixed</source>
        <translation>待处理 {open} 条，有异议 {disputed} 条，已更正 {fixed} 条</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/corrections_page.py" line="211" />
        <source>Checking every township's records…</source>
        <translation>正在核查各乡镇的记录…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/corrections_page.py" line="230" />
        <source>The checks raised {n} new task(s); they go out with each township's return bundle.</source>
        <translation>核查新增 {n} 条纠错任务，将随各乡镇的回执包下发。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/corrections_page.py" line="233" />
        <source>The checks failed: {error}</source>
        <translation>核查失败：{error}</translation>
    </message>
</context>
<context>
    <name>CrossCheckPage</name>
    <message>
        <location filename="../../desktop/ui/crosscheck_page.py" line="57" />
        <location filename="../../desktop/ui/crosscheck_page.py" line="105" />
        <source>&amp;Incoming</source>
        <translation>收到的协查(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_page.py" line="58" />
        <source>&amp;Outgoing</source>
        <translation>发出的协查(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_page.py" line="60" />
        <source>&amp;New request…</source>
        <translation>新建协查(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_page.py" line="62" />
        <source>&amp;Answer…</source>
        <translation>答复(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_page.py" line="70" />
        <source>&amp;Routed between townships</source>
        <translation>乡镇间转办的协查(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_page.py" line="72" />
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_page.py" line="84" />
        <source>Cross-checks</source>
        <translation>协查</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_page.py" line="97" />
        <source>{n} request(s) sent three or more days ago have no answer: phone {phones}</source>
        <translation>有 {n} 条协查发出已满三天仍未反馈，请电话提示：{phones}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_page.py" line="104" />
        <source>&amp;Incoming ({n} to answer)</source>
        <translation>收到的协查（{n} 条待答复）(&amp;I)</translation>
    </message>
</context>
<context>
    <name>CrossCheckTableModel</name>
    <message>
        <location filename="../../desktop/ui/crosscheck_models.py" line="33" />
        <source>From</source>
        <translation>来自</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_models.py" line="33" />
        <source>To</source>
        <translation>发往</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_models.py" line="33" />
        <source>From → to</source>
        <translation>发起 → 承办</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_models.py" line="34" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_models.py" line="34" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_models.py" line="35" />
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_models.py" line="35" />
        <source>To confirm</source>
        <translation>协查内容</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_models.py" line="36" />
        <source>Due</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_models.py" line="36" />
        <source>Sent</source>
        <translation>发出日期</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_models.py" line="36" />
        <source>Received</source>
        <translation>收到日期</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_models.py" line="37" />
        <source>Answer</source>
        <translation>反馈</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_models.py" line="39" />
        <source>Reminder</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_models.py" line="43" />
        <source>waiting for the next bundle</source>
        <translation>待发送</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_models.py" line="43" />
        <source>for the provincial channel</source>
        <translation>待报省级</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_models.py" line="44" />
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_models.py" line="44" />
        <source>delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_models.py" line="44" />
        <source>answered</source>
        <translation>已反馈</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_models.py" line="45" />
        <source>closed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_models.py" line="50" />
        <source>confirmed</source>
        <translation>属实</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_models.py" line="50" />
        <source>differs</source>
        <translation>不符</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_models.py" line="51" />
        <source>person unknown</source>
        <translation>查无此人</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_models.py" line="87" />
        <source>Sent three or more days ago without an answer: phone {phone}</source>
        <translation>发出已满三天仍未反馈：请致电 {phone}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_models.py" line="117" />
        <source>phone reminder due: {phone}</source>
        <translation>需电话提示：{phone}</translation>
    </message>
</context>
<context>
    <name>NewRequestDialog</name>
    <message>
        <location filename="../../desktop/ui/crosscheck_dialogs.py" line="51" />
        <source>New cross-check request</source>
        <translation>新建协查</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_dialogs.py" line="58" />
        <source>A township in another county…</source>
        <translation>外县乡镇…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_dialogs.py" line="60" />
        <source>Name of the other county</source>
        <translation>外县名称</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_dialogs.py" line="67" />
        <source>What should the other township confirm?</source>
        <translation>请对方乡镇核实什么？</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_dialogs.py" line="80" />
        <source>&amp;Ask</source>
        <translation>协查对象(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_dialogs.py" line="81" />
        <source>Other &amp;county</source>
        <translation>外县(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_dialogs.py" line="82" />
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_dialogs.py" line="83" />
        <source>&amp;ID number</source>
        <translation>身份证号(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_dialogs.py" line="84" />
        <source>&amp;To confirm</source>
        <translation>协查内容(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_dialogs.py" line="85" />
        <source>&amp;Due</source>
        <translation>截止日期(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crosscheck_dialogs.py" line="88" />
        <source>&amp;Send with the next bundle</source>
        <translation>随下一次数据包发出(&amp;S)</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <location filename="../../desktop/ui/corrections_page.py" line="45" />
        <source>Mark the task fixed</source>
        <translation>标为已更正</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/corrections_page.py" line="45" />
        <source>Dispute the task</source>
        <translation>对任务提出异议</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/corrections_page.py" line="50" />
        <source>What was corrected (optional)</source>
        <translation>更正了什么（可不填）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/corrections_page.py" line="51" />
        <source>Why the record is right (required)</source>
        <translation>记录为何无误（必填）</translation>
    </message>
</context>
</TS>