<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ColumnsDialog</name>
    <message>
        <source>Columns of the list</source>
        <translation>列表的列</translation>
    </message>
    <message>
        <source>Newest change first</source>
        <translation>最近修改的在前</translation>
    </message>
    <message>
        <source>From the &amp;largest (or latest) down</source>
        <translation>从大到小（或从新到旧）(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Sort by:</source>
        <translation>排序依据(&amp;S)：</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Show these columns:</source>
        <translation>显示这些列：</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Compare with another entry</source>
        <translation>与另一次录入比对</translation>
    </message>
    <message>
        <source>The same register keyed by another clerk: the data folder of that entry, or the data bundle (TD-….tdb) it exported. Nothing is written to either.</source>
        <translation>另一名录入员录入的同一份台账：指定那次录入的数据文件夹，或其导出的同步包（TD-….tdb）。两边的数据都不会被改动。</translation>
    </message>
    <message>
        <source>A data folder or a bundle file</source>
        <translation>数据文件夹或同步包文件</translation>
    </message>
    <message>
        <source>&amp;Folder…</source>
        <translation>文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Bundle…</source>
        <translation>同步包(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>比对(&amp;C)</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>选择(&amp;H)…</translation>
    </message>
    <message>
        <source>Only a supervisor or an administrator may save full ID numbers.</source>
        <translation>只有主管或管理员可以保存完整身份号码。</translation>
    </message>
    <message>
        <source>&amp;Save as .xlsx (Ctrl+S)</source>
        <translation>保存为 .xlsx(&amp;S)（Ctrl+S）</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>&amp;Other entry:</source>
        <translation>另一次录入(&amp;O)：</translation>
    </message>
    <message>
        <source>Fo&amp;rm:</source>
        <translation>表单(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Match records by:</source>
        <translation>按此字段配对记录(&amp;M)：</translation>
    </message>
    <message>
        <source>Save to:</source>
        <translation>保存到：</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>%1 (the form&apos;s key)</source>
        <translation>%1（表单的关键字段）</translation>
    </message>
    <message>
        <source>The data folder of the other entry</source>
        <translation>另一次录入的数据文件夹</translation>
    </message>
    <message>
        <source>The data bundle of the other entry</source>
        <translation>另一次录入的同步包</translation>
    </message>
    <message>
        <source>Data bundles</source>
        <translation>同步包</translation>
    </message>
    <message>
        <source>Save the differences to which file?</source>
        <translation>将不一致之处保存到哪个文件？</translation>
    </message>
    <message>
        <source>Spreadsheets</source>
        <translation>表格</translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>正在比对…</translation>
    </message>
    <message>
        <source>Comparing the two entries…</source>
        <translation>正在比对两次录入…</translation>
    </message>
    <message>
        <source>The comparison was cancelled.</source>
        <translation>比对已取消。</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1、%2</translation>
    </message>
    <message>
        <source>1 record here</source>
        <translation>本地 1 条</translation>
    </message>
    <message>
        <source>%n records here</source>
        <translation>本地 %n 条</translation>
    </message>
    <message>
        <source>1 there</source>
        <translation>对方 1 条</translation>
    </message>
    <message>
        <source>%n there</source>
        <translation>对方 %n 条</translation>
    </message>
    <message>
        <source>%1: the two entries agree.</source>
        <translation>%1：两次录入一致。</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1：%2。</translation>
    </message>
    <message>
        <source>1 difference</source>
        <translation>1 处不一致</translation>
    </message>
    <message>
        <source>%n differences</source>
        <translation>%n 处不一致</translation>
    </message>
    <message>
        <source>Differences saved with ID numbers in full to %1 (recorded in the audit trail)</source>
        <translation>不一致之处已连同完整身份号码保存到 %1（已记入操作痕迹）</translation>
    </message>
    <message>
        <source>Differences saved to %1</source>
        <translation>不一致之处已保存到 %1</translation>
    </message>
    <message>
        <source>Saving the differences…</source>
        <translation>正在保存不一致之处…</translation>
    </message>
</context>
<context>
    <name>DifferencesModel</name>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Value here</source>
        <translation>本地值</translation>
    </message>
    <message>
        <source>Value there</source>
        <translation>对方值</translation>
    </message>
    <message>
        <source>(record here only)</source>
        <translation>（仅本地有此记录）</translation>
    </message>
    <message>
        <source>has it</source>
        <translation>有</translation>
    </message>
    <message>
        <source>(record there only)</source>
        <translation>（仅对方有此记录）</translation>
    </message>
</context>
<context>
    <name>DivisionPicker</name>
    <message>
        <source>County</source>
        <translation>县</translation>
    </message>
    <message>
        <source>County:</source>
        <translation>县：</translation>
    </message>
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
        <source>Print slip…</source>
        <translation>打印登记单…</translation>
    </message>
    <message>
        <source>This record on one page for the person to sign (Ctrl+P)</source>
        <translation>把本记录打印在一页纸上，供登记人签字（Ctrl+P）</translation>
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
        <source>Save the record first: the slip prints the saved record.</source>
        <translation>请先保存记录：登记单打印的是已保存的记录。</translation>
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
        <source>The unfinished record is kept as a draft: it is on the Find and fix list.</source>
        <translation>未完成的记录已存为草稿，见“查找待改”列表。</translation>
    </message>
    <message>
        <source>That draft is no longer kept: it was saved or discarded.</source>
        <translation>该草稿已不在：已保存或已放弃。</translation>
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
        <source>Open the record that has it (Ctrl+Shift+O)</source>
        <translation>打开已登记的那条记录（Ctrl+Shift+O）</translation>
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
        <source>Open the record of possibly the same person (Ctrl+Shift+O)</source>
        <translation>打开可能是同一人的记录（Ctrl+Shift+O）</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export the list</source>
        <translation>导出列表</translation>
    </message>
    <message>
        <source>Records the list shows: %1. Each is written with every field.</source>
        <translation>列表中的记录：%1 条。每条导出全部字段。</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>选择(&amp;C)…</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx)</source>
        <translation>Excel 工作簿（.xlsx）</translation>
    </message>
    <message>
        <source>CSV text (.csv)</source>
        <translation>CSV 文本（.csv）</translation>
    </message>
    <message>
        <source>Choices as co&amp;des instead of labels</source>
        <translation>选项导出为代码而非名称(&amp;D)</translation>
    </message>
    <message>
        <source>Only a supervisor or an administrator may export full ID numbers.</source>
        <translation>只有主管或管理员可以导出完整身份号码。</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Export to which file?</source>
        <translation>导出到哪个文件？</translation>
    </message>
    <message>
        <source>Spreadsheets</source>
        <translation>表格</translation>
    </message>
    <message>
        <source>Records written: %1, to %2</source>
        <translation>已导出 %1 条记录到 %2</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Exporting the records…</source>
        <translation>正在导出记录…</translation>
    </message>
    <message>
        <source>The export was cancelled; no file was written.</source>
        <translation>导出已取消，未写入文件。</translation>
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
    <name>ImportDialog</name>
    <message>
        <source>Import from spreadsheet</source>
        <translation>从表格导入</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>未选择文件</translation>
    </message>
    <message>
        <source>&amp;Choose file…</source>
        <translation>选择文件(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Form:</source>
        <translation>表单(&amp;F)：</translation>
    </message>
    <message>
        <source>Fil&amp;e:</source>
        <translation>文件(&amp;E)：</translation>
    </message>
    <message>
        <source>S&amp;heet:</source>
        <translation>工作表(&amp;H)：</translation>
    </message>
    <message>
        <source>Columns and the fields they fill:</source>
        <translation>各列及其对应的字段：</translation>
    </message>
    <message>
        <source>One reason for every warning (kept in the audit trail)</source>
        <translation>所有警告共用一个原因（记入操作痕迹）</translation>
    </message>
    <message>
        <source>Chec&amp;k (saves nothing)</source>
        <translation>检查(&amp;K)（不保存）</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Save report beside the sheet</source>
        <translation>把报告保存在表格旁(&amp;S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Import which spreadsheet?</source>
        <translation>导入哪个表格？</translation>
    </message>
    <message>
        <source>Spreadsheets</source>
        <translation>表格</translation>
    </message>
    <message>
        <source>The columns are set as for the last sheet of this shape.</source>
        <translation>各列已按上次同样格式的表格设置。</translation>
    </message>
    <message>
        <source>Header row %1; columns and the fields they fill:</source>
        <translation>表头在第 %1 行；各列及其对应的字段：</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>表头</translation>
    </message>
    <message>
        <source>First cells</source>
        <translation>前几格内容</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>— not imported —</source>
        <translation>— 不导入 —</translation>
    </message>
    <message>
        <source>Two columns fill the same field: %1. Choose one.</source>
        <translation>有两列对应同一个字段：%1。请只选一列。</translation>
    </message>
    <message>
        <source>Checking the rows…</source>
        <translation>正在检查各行…</translation>
    </message>
    <message>
        <source>Importing the rows…</source>
        <translation>正在导入各行…</translation>
    </message>
    <message>
        <source>Rows with only warnings: %1. Give one &amp;reason to accept them all, or leave it empty and those rows are not imported.</source>
        <translation>只有警告的行：%1 行。填写一个原因(&amp;R)即可全部接受；不填则这些行不导入。</translation>
    </message>
    <message>
        <source>Cancelled. Rows saved before it are kept: %1. Import the sheet again to bring in the rest (the saved rows count as already present).</source>
        <translation>已取消。取消前已保存的 %1 行保留。再次导入该表格即可导入其余各行（已保存的行算作已存在）。</translation>
    </message>
    <message>
        <source>The check was cancelled; nothing was saved.</source>
        <translation>检查已取消，未保存任何记录。</translation>
    </message>
    <message>
        <source>Row report saved: %1</source>
        <translation>行报告已保存：%1</translation>
    </message>
</context>
<context>
    <name>MismatchPanel</name>
    <message>
        <source>%1 differs. First entry (%2): %3 · This entry: %4</source>
        <translation>%1 不一致。首次录入（%2）：%3 · 本次录入：%4</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>1: Keep the first entry</source>
        <translation>1：保留首次录入</translation>
    </message>
    <message>
        <source>2: Take this entry</source>
        <translation>2：采用本次录入</translation>
    </message>
    <message>
        <source>3: Key it again</source>
        <translation>3：重新录入</translation>
    </message>
</context>
<context>
    <name>NewBatchDialog</name>
    <message>
        <source>New verification batch</source>
        <translation>新建核实批次</translation>
    </message>
    <message>
        <source>Choose the completed records a second clerk re-keys blind. The same seed draws the same sample again.</source>
        <translation>选择由另一名录入员盲录复核的已完成记录。同一种子可重现同样的抽样。</translation>
    </message>
    <message>
        <source>A &amp;clerk&apos;s day</source>
        <translation>某录入员某天(&amp;C)</translation>
    </message>
    <message>
        <source>A &amp;village</source>
        <translation>某村街(&amp;V)</translation>
    </message>
    <message>
        <source>A &amp;sample</source>
        <translation>抽样(&amp;S)</translation>
    </message>
    <message>
        <source>All forms</source>
        <translation>全部表单</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>录入员</translation>
    </message>
    <message>
        <source>Day keyed</source>
        <translation>录入日期</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村街</translation>
    </message>
    <message>
        <source>Percentage</source>
        <translation>比例</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>表单</translation>
    </message>
    <message>
        <source>Create the batch</source>
        <translation>新建批次</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Choosing the records…</source>
        <translation>正在选取记录…</translation>
    </message>
    <message>
        <source>Choosing the records to verify…</source>
        <translation>正在选取待核实的记录…</translation>
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
    <name>PrintDialog</name>
    <message>
        <source>Print slip</source>
        <translation>打印登记单</translation>
    </message>
    <message>
        <source>Print the list</source>
        <translation>打印名册</translation>
    </message>
    <message>
        <source>One page for the person to check and sign, with a line for your signature.</source>
        <translation>一页纸，供登记人核对签字，并留有登记员签字栏。</translation>
    </message>
    <message>
        <source>The records the list shows, with its columns, on A4 landscape pages.</source>
        <translation>列表显示的记录及其各列，打印在 A4 横向纸上。</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>选择(&amp;C)…</translation>
    </message>
    <message>
        <source>Only a supervisor or an administrator may print full ID numbers.</source>
        <translation>只有主管或管理员可以打印完整身份号码。</translation>
    </message>
    <message>
        <source>PDF &amp;file:</source>
        <translation>PDF 文件(&amp;F)：</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>&amp;Save PDF</source>
        <translation>保存 PDF(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Save the PDF as</source>
        <translation>PDF 另存为</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Preparing the pages…</source>
        <translation>正在准备页面…</translation>
    </message>
    <message>
        <source>Not printed.</source>
        <translation>未打印。</translation>
    </message>
    <message>
        <source>Saved %1 (%2).</source>
        <translation>已保存 %1（%2）。</translation>
    </message>
    <message>
        <source>Sent to the printer: %1.</source>
        <translation>已发送到打印机：%1。</translation>
    </message>
    <message>
        <source>1 page</source>
        <translation>共 1 页</translation>
    </message>
    <message>
        <source>%n pages</source>
        <translation>共 %n 页</translation>
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
        <source>Complete, verified</source>
        <translation>已完成，已核实</translation>
    </message>
    <message>
        <source>Found in</source>
        <translation>匹配位置</translation>
    </message>
</context>
<context>
    <name>RecordsPage</name>
    <message>
        <source>Search: name, ID number, phone or pinyin initials</source>
        <translation>搜索：姓名、身份证号、电话或拼音首字母</translation>
    </message>
    <message>
        <source>Type at least two characters to search; until then the list shows every record.</source>
        <translation>请至少输入两个字再搜索；在此之前列表显示全部记录。</translation>
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
        <source>Co&amp;lumns…</source>
        <translation>列(&amp;L)…</translation>
    </message>
    <message>
        <source>Choose the list&apos;s columns and its order</source>
        <translation>选择列表显示的列和排序</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <source>The records the list shows, to an Excel or CSV file</source>
        <translation>把列表中的记录导出为 Excel 或 CSV 文件</translation>
    </message>
    <message>
        <source>Print sl&amp;ip…</source>
        <translation>打印登记单(&amp;I)…</translation>
    </message>
    <message>
        <source>The selected record on one page for the person to sign (Ctrl+P)</source>
        <translation>把选中的记录打印在一页纸上，供登记人签字（Ctrl+P）</translation>
    </message>
    <message>
        <source>Print lis&amp;t…</source>
        <translation>打印名册(&amp;T)…</translation>
    </message>
    <message>
        <source>The records the list shows, as printed pages</source>
        <translation>把列表显示的记录打印成纸质名册</translation>
    </message>
    <message>
        <source>F&amp;ull ID…</source>
        <translation>完整号码(&amp;U)…</translation>
    </message>
    <message>
        <source>Show the selected person&apos;s ID number in full (with a reason, kept in the audit trail)</source>
        <translation>显示所选人员的完整身份号码（需填写原因，记入操作痕迹）</translation>
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
    <message>
        <source>1 record</source>
        <translation>共 1 条记录</translation>
    </message>
    <message>
        <source>%n records</source>
        <translation>共 %n 条记录</translation>
    </message>
    <message numerus="yes">
        <source>%n or more records (counting…)</source>
        <translation>
            <numerusform>至少 %n 条记录（正在统计…）</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the list</source>
        <translation>导出列表</translation>
    </message>
    <message>
        <source>Choose a form in the list first: a spreadsheet holds the records of one form.</source>
        <translation>请先在列表中选择表单：一个表格只能存放一种表单的记录。</translation>
    </message>
    <message>
        <source>Print slip</source>
        <translation>打印登记单</translation>
    </message>
    <message>
        <source>Select a record in the list first.</source>
        <translation>请先在列表中选中一条记录。</translation>
    </message>
    <message>
        <source>Print the list</source>
        <translation>打印名册</translation>
    </message>
    <message>
        <source>Choose a form in the list first: a printed list holds the records of one form.</source>
        <translation>请先在列表中选择表单：一份名册只含一个表单的记录。</translation>
    </message>
    <message>
        <source>Full ID number</source>
        <translation>完整身份号码</translation>
    </message>
    <message>
        <source>The full ID number is shown until the list is read again. Showing it is kept in the audit trail with your name. Why is it needed?</source>
        <translation>完整身份号码显示到列表重新读取为止。查看会连同您的姓名记入操作痕迹。为什么需要查看？</translation>
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
<context>
    <name>UnmaskChoice</name>
    <message>
        <source>ID numbers in f&amp;ull</source>
        <translation>完整身份号码(&amp;U)</translation>
    </message>
    <message>
        <source>Why the full numbers are needed (kept in the audit trail)</source>
        <translation>需要完整号码的原因（记入操作痕迹）</translation>
    </message>
</context>
<context>
    <name>VerifyPage</name>
    <message>
        <source>Verification</source>
        <translation>核实重录</translation>
    </message>
    <message>
        <source>Batches to verify by re-keying (a supervisor selects them). Enter starts or resumes the one chosen.</source>
        <translation>待重录核实的批次（由主管选定）。按回车开始或继续所选批次。</translation>
    </message>
    <message>
        <source>New batch… (Ctrl+N)</source>
        <translation>新建批次…（Ctrl+N）</translation>
    </message>
    <message>
        <source>Compare with another entry… (Ctrl+D)</source>
        <translation>与另一次录入比对…（Ctrl+D）</translation>
    </message>
    <message>
        <source>Record verified (Ctrl+S)</source>
        <translation>本条核实完毕（Ctrl+S）</translation>
    </message>
    <message>
        <source>Back to the batches (Esc)</source>
        <translation>返回批次列表（Esc）</translation>
    </message>
    <message>
        <source>Batch %1: %2 — %3 of %4 verified</source>
        <translation>第 %1 批：%2 — 已核实 %3 / %4 条</translation>
    </message>
    <message>
        <source>1 deleted</source>
        <translation>已删除 1 条</translation>
    </message>
    <message>
        <source>%n deleted</source>
        <translation>已删除 %n 条</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>nothing left that you did not key yourself</source>
        <translation>剩余记录均为您本人录入，不能由您核实</translation>
    </message>
    <message>
        <source>Batch %1 created: 1 record to re-key.</source>
        <translation>已新建第 %1 批：待重录 1 条记录。</translation>
    </message>
    <message>
        <source>Batch %1 created: %n records to re-key.</source>
        <translation>已新建第 %1 批：待重录 %n 条记录。</translation>
    </message>
    <message>
        <source>Batch %1: no record left for you to verify.</source>
        <translation>第 %1 批：没有需要您核实的记录了。</translation>
    </message>
    <message>
        <source>Batch %1 · record %2 of %3 · keyed by %4</source>
        <translation>第 %1 批 · 第 %2 / %3 条 · 录入员 %4</translation>
    </message>
    <message>
        <source>Not verified: each warning needs a reason.</source>
        <translation>未核实：每条警告都需要填写原因。</translation>
    </message>
    <message>
        <source>1 field differed</source>
        <translation>1 个字段不同</translation>
    </message>
    <message>
        <source>%n fields differed</source>
        <translation>%n 个字段不同</translation>
    </message>
    <message>
        <source>Verified: %1 (%2, %3 changed)</source>
        <translation>已核实：%1（%2，改了 %3 个）</translation>
    </message>
</context>
</TS>
