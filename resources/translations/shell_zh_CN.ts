<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <source>Township Desk</source>
        <translation>乡镇信息录入系统</translation>
    </message>
    <message>
        <source>Township Desk: internal error</source>
        <translation>乡镇信息录入系统：程序内部错误</translation>
    </message>
    <message>
        <source>Something went wrong inside the program. Your saved records are safe. The details were written to the log file:
%1

Please give this file to your support contact.</source>
        <translation>程序内部出错。已保存的记录是安全的。详细情况已写入日志文件：
%1

请把这个文件交给技术支持人员。</translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <source>Township Desk</source>
        <translation>乡镇信息录入系统</translation>
    </message>
    <message>
        <source>The database %1 is damaged and cannot be opened.</source>
        <translation>数据库 %1 已损坏，无法打开。</translation>
    </message>
    <message>
        <source>The records saved up to the last backup are in it: restoring it lets work go on. The damaged database is kept aside in the data folder, not deleted.</source>
        <translation>截至最近一次备份的记录都在备份中：恢复后即可继续工作。损坏的数据库会保留在数据文件夹中，不会删除。</translation>
    </message>
    <message>
        <source>Restore from a backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Restored from %1. The damaged database is kept as %2. Sign in again.</source>
        <translation>已从 %1 恢复。损坏的数据库保存为 %2。请重新登录。</translation>
    </message>
    <message>
        <source>Taking today&apos;s backup…</source>
        <translation>正在做今天的备份…</translation>
    </message>
    <message>
        <source>Restored from %1. The previous database is kept as %2. Sign in again.</source>
        <translation>已从 %1 恢复。原数据库保存为 %2。请重新登录。</translation>
    </message>
    <message>
        <source>The restore was cancelled; nothing was changed. Sign in again.</source>
        <translation>恢复已取消，没有任何改动。请重新登录。</translation>
    </message>
    <message>
        <source>Restoring the backup…</source>
        <translation>正在恢复备份…</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
</context>
<context>
    <name>FileDialogs</name>
    <message>
        <source>Look in:</source>
        <translation>查找范围：</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>选择</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>Data entry</source>
        <translation>数据录入</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Sync with the county</source>
        <translation>与县同步</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>管理</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Help: %1</source>
        <translation>帮助：%1</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Window locked</source>
        <translation>窗口已锁定</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>&amp;Forgot password…</source>
        <translation>忘记密码(&amp;F)…</translation>
    </message>
    <message>
        <source>Clerk:</source>
        <translation>操作员：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>The window was locked after a period without use. Type your password to go on.</source>
        <translation>一段时间无人操作，窗口已锁定。请输入密码继续。</translation>
    </message>
    <message>
        <source>Township Desk — %1</source>
        <translation>乡镇信息录入系统 — %1</translation>
    </message>
    <message>
        <source>%1 has a new password: sign in with it.</source>
        <translation>%1 已设置新密码：请用新密码登录。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Township Desk — %1</source>
        <translation>乡镇信息录入系统 — %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Change my &amp;password…</source>
        <translation>修改我的密码(&amp;P)…</translation>
    </message>
    <message>
        <source>Clerk &amp;accounts…</source>
        <translation>操作员账户(&amp;A)…</translation>
    </message>
    <message>
        <source>New &amp;recovery key…</source>
        <translation>新的恢复密钥(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Import from spreadsheet…</source>
        <translation>从表格导入(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Back up now…</source>
        <translation>立即备份(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Restore from backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Lock the window</source>
        <translation>锁定窗口(&amp;L)</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Help for this &amp;page</source>
        <translation>本页帮助(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About Township Desk</source>
        <translation>关于本系统(&amp;A)</translation>
    </message>
    <message>
        <source>Open record</source>
        <translation>打开记录</translation>
    </message>
    <message>
        <source>The entry page is not installed in this version.</source>
        <translation>此版本尚未安装录入页面。</translation>
    </message>
    <message>
        <source>Cross-check request</source>
        <translation>发起协查</translation>
    </message>
    <message>
        <source>The cross-check page is not installed in this version.</source>
        <translation>此版本未安装协查功能。</translation>
    </message>
    <message>
        <source>Cross-check request kept; it goes to the county with the next sync bundle.</source>
        <translation>协查已保存，将随下一次数据包报送县里。</translation>
    </message>
    <message>
        <source>Clerk: %1</source>
        <translation>操作员：%1</translation>
    </message>
    <message>
        <source>Unsent changes: %1</source>
        <translation>未上报变更：%1</translation>
    </message>
    <message>
        <source>Last sync: %1</source>
        <translation>上次同步：%1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Network: %1 queued, %2 sent, %3 acknowledged</source>
        <translation>网络：%1 个待发送，%2 个已发送，%3 个已确认</translation>
    </message>
    <message>
        <source> (sending…)</source>
        <translation>（正在发送…）</translation>
    </message>
    <message>
        <source> (no network)</source>
        <translation>（没有网络）</translation>
    </message>
    <message>
        <source> (Wi-Fi sign-in page)</source>
        <translation>（无线网络登录页面）</translation>
    </message>
    <message>
        <source> (hub not reachable)</source>
        <translation>（无法连接中心）</translation>
    </message>
    <message>
        <source>Clerk accounts</source>
        <translation>操作员账户</translation>
    </message>
    <message>
        <source>New recovery key</source>
        <translation>新的恢复密钥</translation>
    </message>
    <message>
        <source>Your password was changed.</source>
        <translation>您的密码已修改。</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Data entry: next field (Shift+Tab: back)</source>
        <translation>信息录入：下一项（Shift+Tab：上一项）</translation>
    </message>
    <message>
        <source>Data entry: save the record</source>
        <translation>信息录入：保存记录</translation>
    </message>
    <message>
        <source>New record (from data entry or the records list)</source>
        <translation>新建记录（在信息录入或记录查询页面）</translation>
    </message>
    <message>
        <source>Data entry: keep this field&apos;s value for the next record</source>
        <translation>信息录入：下一条记录沿用此项的值</translation>
    </message>
    <message>
        <source>Verification: a new batch (supervisors); at a field that differs, 1 keeps the first entry, 2 takes this one, 3 keys it again</source>
        <translation>核实重录：新建批次（主管）；某项不一致时，1 保留原录入，2 采用本次录入，3 重新录入</translation>
    </message>
    <message>
        <source>type in the search box</source>
        <translation>在搜索框输入</translation>
    </message>
    <message>
        <source>Records: name, ID number, phone or pinyin initials of a name (e.g. zs)</source>
        <translation>记录查询：姓名、身份证号、电话或姓名拼音首字母（如 张三 输入 zs）</translation>
    </message>
    <message>
        <source>Records: Enter opens the record, ↓ moves into the list</source>
        <translation>记录查询：回车打开记录，↓ 进入列表</translation>
    </message>
    <message>
        <source>Records: history / ask another township / delete</source>
        <translation>记录查询：修改历史 / 发起协查 / 删除</translation>
    </message>
    <message>
        <source>Lock the window</source>
        <translation>锁定窗口</translation>
    </message>
    <message>
        <source>Help for the page in view</source>
        <translation>当前页面的帮助</translation>
    </message>
    <message>
        <source>This list</source>
        <translation>本快捷键列表</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>About Township Desk</source>
        <translation>关于乡镇信息录入系统</translation>
    </message>
    <message>
        <source>Township Desk %1
Offline records for township clerks, synced to the county by USB stick.</source>
        <translation>乡镇信息录入系统 %1
供乡镇流管员离线录入，用U盘与县里同步数据。</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <source>Township Desk</source>
        <translation>乡镇信息录入系统</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling… the work stops at the next safe point.</source>
        <translation>正在取消…工作会在下一个安全点停止。</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Township Desk — first-time setup</source>
        <translation>乡镇信息录入系统 — 初次设置</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>下一步(&amp;N) &gt;</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; 上一步(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>完成(&amp;F)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <source>Choose the language and what this computer is for.</source>
        <translation>请选择语言和这台电脑的用途。</translation>
    </message>
    <message>
        <source>A township office: clerks enter records here</source>
        <translation>乡镇：流管员在这台电脑上录入记录</translation>
    </message>
    <message>
        <source>The county office: merges and checks the townships&apos; bundles</source>
        <translation>县级：汇总、核查各乡镇上报的数据包</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>This computer is for:</source>
        <translation>这台电脑用于：</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>创建(&amp;C)</translation>
    </message>
    <message>
        <source>The first clerk</source>
        <translation>第一个操作员</translation>
    </message>
    <message>
        <source>This account administers the others. Keep the password safe: nobody can read it back.</source>
        <translation>这个账户负责管理其他账户。请妥善保管密码：任何人都无法查回密码。</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Password again:</source>
        <translation>再次输入密码：</translation>
    </message>
    <message numerus="yes">
        <source>At least %n characters.</source>
        <translation>
            <numerusform>至少 %n 个字符。</numerusform>
        </translation>
    </message>
    <message>
        <source>Which township?</source>
        <translation>哪个乡镇？</translation>
    </message>
    <message>
        <source>Which county?</source>
        <translation>哪个县？</translation>
    </message>
    <message>
        <source>Find it in the code list by code, name or pinyin initials.</source>
        <translation>按代码、名称或拼音首字母在代码表中查找。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>TaskService</name>
    <message>
        <source>Township Desk</source>
        <translation>乡镇信息录入系统</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
</context>
</TS>
