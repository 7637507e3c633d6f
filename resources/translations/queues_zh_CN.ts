<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AnswerDialog</name>
    <message>
        <source>Answer a cross-check</source>
        <translation>答复协查</translation>
    </message>
    <message>
        <source>{town} asks about {name} {id}:</source>
        <translation>{town} 协查 {name} {id}：</translation>
    </message>
    <message>
        <source>&amp;Confirmed</source>
        <translation>属实(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Differs (say how below)</source>
        <translation>不符（请在下面说明）(&amp;D)</translation>
    </message>
    <message>
        <source>Person &amp;unknown here</source>
        <translation>查无此人(&amp;U)</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详细情况</translation>
    </message>
</context>
<context>
    <name>CorrectionTableModel</name>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>处理要求</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>下发日期</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>open: dispute rejected</source>
        <translation>待处理（异议未被采纳）</translation>
    </message>
    <message>
        <source>open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>fixed</source>
        <translation>已更正</translation>
    </message>
    <message>
        <source>disputed</source>
        <translation>有异议</translation>
    </message>
    <message>
        <source>dispute accepted</source>
        <translation>异议成立</translation>
    </message>
    <message>
        <source>decided</source>
        <translation>已裁定</translation>
    </message>
    <message>
        <source>County&apos;s reply: %1</source>
        <translation>县级答复：%1</translation>
    </message>
    <message>
        <source>County: the same person</source>
        <translation>县级：同一人</translation>
    </message>
    <message>
        <source>County: different people</source>
        <translation>县级：不同的人</translation>
    </message>
    <message>
        <source>County: dispute accepted</source>
        <translation>县级：异议成立</translation>
    </message>
    <message>
        <source>ID registered in two townships</source>
        <translation>身份证号两地重复登记</translation>
    </message>
    <message>
        <source>fails the entry rules</source>
        <translation>不符合录入规则</translation>
    </message>
    <message>
        <source>raised by the county</source>
        <translation>县级指出</translation>
    </message>
    <message>
        <source>possibly the same person</source>
        <translation>可能是同一人</translation>
    </message>
</context>
<context>
    <name>CorrectionsPage</name>
    <message>
        <source>Open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Disputed</source>
        <translation>有异议</translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation>已更正</translation>
    </message>
    <message>
        <source>Dispute accepted</source>
        <translation>异议成立</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>显示(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Open the record</source>
        <translation>打开记录(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Run the county&apos;s checks</source>
        <translation>运行县级核查(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Accept the dispute…</source>
        <translation>采纳异议(&amp;A)…</translation>
    </message>
    <message>
        <source>Re&amp;ject the dispute…</source>
        <translation>不采纳异议(&amp;J)…</translation>
    </message>
    <message>
        <source>&amp;Mark fixed…</source>
        <translation>标为已更正(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Dispute…</source>
        <translation>提出异议(&amp;D)…</translation>
    </message>
    <message>
        <source>R&amp;efresh</source>
        <translation>刷新(&amp;E)</translation>
    </message>
    <message>
        <source>Corrections</source>
        <translation>纠错</translation>
    </message>
    <message>
        <source>{open} open, {disputed} disputed, {fixed} fixed, disputes accepted: {accepted}</source>
        <translation>待处理 {open} 条，有异议 {disputed} 条，已更正 {fixed} 条，异议成立 {accepted} 条</translation>
    </message>
    <message>
        <source>The checks raised 1 new task; it goes out with its township&apos;s return bundle.</source>
        <translation>核查新增 1 条纠错任务，将随该乡镇的回执包下发。</translation>
    </message>
    <message>
        <source>The checks raised %n new tasks; they go out with each township&apos;s return bundle.</source>
        <translation>核查新增 %n 条纠错任务，将随各乡镇的回执包下发。</translation>
    </message>
    <message>
        <source>No correction tasks here. Run the county&apos;s checks to look for problems in the townships&apos; records.</source>
        <translation>暂无纠错任务。可运行县级核查，查找各乡镇记录中的问题。</translation>
    </message>
    <message>
        <source>No correction tasks to do. The county&apos;s tasks arrive with its return bundle (Sync page); each one names a record to correct.</source>
        <translation>暂无待处理的纠错任务。县里的纠错任务随回传数据包送达（见“数据同步”页），每条任务指明需更正的记录。</translation>
    </message>
    <message>
        <source>No correction tasks in this list.</source>
        <translation>此列表中没有纠错任务。</translation>
    </message>
    <message>
        <source>Checking every township&apos;s records…</source>
        <translation>正在核查各乡镇的记录…</translation>
    </message>
    <message>
        <source>The checks were cancelled; no task was raised.</source>
        <translation>核查已取消，未生成任务。</translation>
    </message>
</context>
<context>
    <name>CrossCheckPage</name>
    <message>
        <source>&amp;Incoming</source>
        <translation>收到的协查(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Outgoing</source>
        <translation>发出的协查(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;New request…</source>
        <translation>新建协查(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Answer…</source>
        <translation>答复(&amp;A)…</translation>
    </message>
    <message>
        <source>No requests from other townships. They arrive with the county&apos;s return bundle (Sync page).</source>
        <translation>暂无其他乡镇发来的协查。协查随县里的回传数据包送达（见“数据同步”页）。</translation>
    </message>
    <message>
        <source>No requests sent. To ask another township about a person, select the record in Records and press Ask another township (Alt+K), or press New request (Alt+N) here.</source>
        <translation>暂无发出的协查。要请其他乡镇协查某人，可在“记录查询”中选中记录后按“发起协查”(Alt+K)，或在此按“新建协查”(Alt+N)。</translation>
    </message>
    <message>
        <source>&amp;Routed between townships</source>
        <translation>乡镇间转办的协查(&amp;R)</translation>
    </message>
    <message>
        <source>No cross-checks yet. Townships&apos; requests arrive with their sync bundles.</source>
        <translation>暂无协查。各乡镇的协查随其数据包送达。</translation>
    </message>
    <message>
        <source>R&amp;efresh</source>
        <translation>刷新(&amp;E)</translation>
    </message>
    <message>
        <source>Cross-checks</source>
        <translation>协查</translation>
    </message>
    <message>
        <source>1 request sent three or more days ago has no answer: phone {phones}</source>
        <translation>有 1 条协查发出已满三天仍未反馈，请电话提示：{phones}</translation>
    </message>
    <message>
        <source>%n requests sent three or more days ago have no answer: phone {phones}</source>
        <translation>有 %n 条协查发出已满三天仍未反馈，请电话提示：{phones}</translation>
    </message>
    <message>
        <source>&amp;Outgoing ({n} to phone)</source>
        <translation>发出的协查（{n} 条需电话提示）(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Incoming ({n} to answer)</source>
        <translation>收到的协查（{n} 条待答复）(&amp;I)</translation>
    </message>
</context>
<context>
    <name>CrossCheckTableModel</name>
    <message>
        <source>From</source>
        <translation>来自</translation>
    </message>
    <message>
        <source>To</source>
        <translation>发往</translation>
    </message>
    <message>
        <source>From → to</source>
        <translation>发起 → 承办</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
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
        <source>To confirm</source>
        <translation>协查内容</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>发出日期</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到日期</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>反馈</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>waiting for the next bundle</source>
        <translation>待发送</translation>
    </message>
    <message>
        <source>for the provincial channel</source>
        <translation>待报省级</translation>
    </message>
    <message>
        <source>with the province</source>
        <translation>已报省级</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>answered</source>
        <translation>已反馈</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>属实</translation>
    </message>
    <message>
        <source>differs</source>
        <translation>不符</translation>
    </message>
    <message>
        <source>person unknown</source>
        <translation>查无此人</translation>
    </message>
    <message>
        <source>Sent three or more days ago without an answer: phone {phone}</source>
        <translation>发出已满三天仍未反馈：请致电 {phone}</translation>
    </message>
    <message>
        <source>phone reminder due: {phone}</source>
        <translation>需电话提示：{phone}</translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <source>Accept the dispute</source>
        <translation>采纳异议</translation>
    </message>
    <message>
        <source>Reject the dispute</source>
        <translation>不采纳异议</translation>
    </message>
    <message>
        <source>Record: %1 · field: %2</source>
        <translation>记录：%1 · 字段：%2</translation>
    </message>
    <message>
        <source>The township&apos;s reason: %1</source>
        <translation>乡镇的理由：%1</translation>
    </message>
    <message>
        <source>The task is closed and the record stays as it is.</source>
        <translation>任务办结，记录保持不变。</translation>
    </message>
    <message>
        <source>The task goes back to the township with your reply; it must correct the record.</source>
        <translation>任务连同您的答复退回乡镇，乡镇须更正记录。</translation>
    </message>
    <message>
        <source>Note for the township (optional)</source>
        <translation>给乡镇的说明（可选）</translation>
    </message>
    <message>
        <source>Why the record must be corrected (required)</source>
        <translation>记录为何必须更正（必填）</translation>
    </message>
</context>
<context>
    <name>FixPage</name>
    <message>
        <source>Everything</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>显示(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>R&amp;efresh</source>
        <translation>刷新(&amp;E)</translation>
    </message>
    <message>
        <source>Nothing to fix: no unfinished drafts, no open corrections and no overridden warnings.</source>
        <translation>没有待改的：没有未完成的草稿、待处理的纠错或已说明理由的警告。</translation>
    </message>
    <message>
        <source>Find and fix</source>
        <translation>查找待改</translation>
    </message>
    <message>
        <source>Drafts: %1   Open corrections: %2   Warnings overridden: %3</source>
        <translation>草稿：%1&#x3000;待处理纠错：%2&#x3000;已说明理由的警告：%3</translation>
    </message>
</context>
<context>
    <name>FixTableModel</name>
    <message>
        <source>What</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Why it is listed</source>
        <translation>列出原因</translation>
    </message>
    <message>
        <source>Unfinished draft</source>
        <translation>未完成的草稿</translation>
    </message>
    <message>
        <source>Open correction</source>
        <translation>待处理的纠错</translation>
    </message>
    <message>
        <source>Warning overridden</source>
        <translation>已说明理由的警告</translation>
    </message>
    <message>
        <source>(no name yet)</source>
        <translation>（尚无姓名）</translation>
    </message>
</context>
<context>
    <name>NewRequestDialog</name>
    <message>
        <source>New cross-check request</source>
        <translation>新建协查</translation>
    </message>
    <message>
        <source>A township in another county…</source>
        <translation>外县乡镇…</translation>
    </message>
    <message>
        <source>Name or code of the other county, e.g. 131024</source>
        <translation>外县名称或代码，如 香河县、131024</translation>
    </message>
    <message>
        <source>What should the other township confirm?</source>
        <translation>请对方乡镇核实什么？</translation>
    </message>
    <message>
        <source>&amp;Ask</source>
        <translation>协查对象(&amp;A)</translation>
    </message>
    <message>
        <source>Other &amp;county</source>
        <translation>外县(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;ID number</source>
        <translation>身份证号(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;To confirm</source>
        <translation>协查内容(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Due</source>
        <translation>截止日期(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Send with the next bundle</source>
        <translation>随下一次数据包发出(&amp;S)</translation>
    </message>
    <message>
        <source>Not a county of the province known here: the request is kept for the provincial channel on paper.</source>
        <translation>不是本省已知的县：该协查留待以纸质方式报省级转办。</translation>
    </message>
    <message>
        <source>This is your own county: choose its township in the list above.</source>
        <translation>这是本县：请在上面的列表中选择本县乡镇。</translation>
    </message>
    <message>
        <source>Without an ID number the province cannot find the person: the request is kept for the provincial channel on paper. Add the ID number to send it through the province.</source>
        <translation>没有身份证号，省级无法查找此人：该协查留待以纸质方式报省级转办。填写身份证号即可经省级网络转办。</translation>
    </message>
    <message>
        <source>Goes with the next bundle through the county and the province to the township of {county} that holds this ID number.</source>
        <translation>随下一个同步包经本县、省级转至{county}登记此身份证号的乡镇。</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <source>Mark the task fixed</source>
        <translation>标为已更正</translation>
    </message>
    <message>
        <source>Dispute the task</source>
        <translation>对任务提出异议</translation>
    </message>
    <message>
        <source>Record: %1 · field: %2</source>
        <translation>记录：%1 · 字段：%2</translation>
    </message>
    <message>
        <source>The county rejected your dispute: %1</source>
        <translation>县级未采纳您的异议：%1</translation>
    </message>
    <message>
        <source>What was corrected (optional)</source>
        <translation>更正了什么（可不填）</translation>
    </message>
    <message>
        <source>Why the record is right (required)</source>
        <translation>记录为何无误（必填）</translation>
    </message>
</context>
</TS>
