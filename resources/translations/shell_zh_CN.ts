<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AccountsDialog</name>
    <message>
        <location filename="../../desktop/ui/admin/accounts_dialog.py" line="34"/>
        <source>Clerk</source>
        <translation>录入员</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/accounts_dialog.py" line="35"/>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/accounts_dialog.py" line="36"/>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/accounts_dialog.py" line="44"/>
        <source>Clerk accounts</source>
        <translation>操作员账户</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/accounts_dialog.py" line="46"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/accounts_dialog.py" line="46"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/accounts_dialog.py" line="46"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/accounts_dialog.py" line="54"/>
        <source>Selected clerk</source>
        <translation>选中的操作员</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/accounts_dialog.py" line="58"/>
        <source>Change &amp;role</source>
        <translation>更改角色(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/accounts_dialog.py" line="60"/>
        <source>&amp;New password…</source>
        <translation>设置新密码(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/accounts_dialog.py" line="62"/>
        <location filename="../../desktop/ui/admin/accounts_dialog.py" line="143"/>
        <source>&amp;Deactivate</source>
        <translation>停用(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/accounts_dialog.py" line="76"/>
        <source>Add a clerk</source>
        <translation>添加操作员</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/accounts_dialog.py" line="85"/>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/accounts_dialog.py" line="90"/>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/accounts_dialog.py" line="91"/>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/accounts_dialog.py" line="92"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/accounts_dialog.py" line="93"/>
        <source>Password again:</source>
        <translation>再次输入密码：</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/accounts_dialog.py" line="100"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/accounts_dialog.py" line="117"/>
        <source>active</source>
        <translation>在用</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/accounts_dialog.py" line="117"/>
        <source>deactivated</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/accounts_dialog.py" line="143"/>
        <source>R&amp;eactivate</source>
        <translation>重新启用(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/accounts_dialog.py" line="166"/>
        <source>%1 is now: %2.</source>
        <translation>%1 现在的角色：%2。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/accounts_dialog.py" line="177"/>
        <source>%1 can sign in again.</source>
        <translation>%1 可以重新登录了。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/accounts_dialog.py" line="178"/>
        <source>%1 can no longer sign in; their records and trail entries stay.</source>
        <translation>%1 已不能登录；其录入的记录和痕迹保留不变。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/accounts_dialog.py" line="190"/>
        <source>New password set for %1.</source>
        <translation>已为 %1 设置新密码。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/accounts_dialog.py" line="196"/>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/accounts_dialog.py" line="206"/>
        <source>Account added.</source>
        <translation>账户已添加。</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../desktop/ui/shell/app.py" line="82"/>
        <source>Township Desk</source>
        <translation>乡镇信息录入系统</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/app.py" line="91"/>
        <source>Township Desk: internal error</source>
        <translation>乡镇信息录入系统：程序内部错误</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/app.py" line="92"/>
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
        <location filename="../../desktop/ui/shell/app.py" line="206"/>
        <location filename="../../desktop/ui/shell/app.py" line="215"/>
        <location filename="../../desktop/ui/shell/app.py" line="251"/>
        <source>Township Desk</source>
        <translation>乡镇信息录入系统</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/app.py" line="216"/>
        <source>The database %1 is damaged and cannot be opened.</source>
        <translation>数据库 %1 已损坏，无法打开。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/app.py" line="220"/>
        <source>The records saved up to the last backup are in it: restoring it lets work go on. The damaged database is kept aside in the data folder, not deleted.</source>
        <translation>截至最近一次备份的记录都在备份中：恢复后即可继续工作。损坏的数据库会保留在数据文件夹中，不会删除。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/app.py" line="222"/>
        <source>Restore from a backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/app.py" line="223"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/app.py" line="256"/>
        <source>Restored from %1. The damaged database is kept as %2. Sign in again.</source>
        <translation>已从 %1 恢复。损坏的数据库保存为 %2。请重新登录。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/app.py" line="372"/>
        <source>Taking today&apos;s backup…</source>
        <translation>正在做今天的备份…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/app.py" line="415"/>
        <source>Restored from %1. The previous database is kept as %2. Sign in again.</source>
        <translation>已从 %1 恢复。原数据库保存为 %2。请重新登录。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/app.py" line="430"/>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/app.py" line="432"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <location filename="../../desktop/ui/admin/audit_model.py" line="33"/>
        <source>Created</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_model.py" line="34"/>
        <source>Edited</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_model.py" line="35"/>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_model.py" line="36"/>
        <source>Signed in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_model.py" line="37"/>
        <source>Sign-in failed</source>
        <translation>登录失败</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_model.py" line="38"/>
        <source>Signed out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_model.py" line="39"/>
        <source>Exported</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_model.py" line="40"/>
        <source>Imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_model.py" line="41"/>
        <source>Printed</source>
        <translation>打印</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_model.py" line="42"/>
        <source>Restored</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_model.py" line="43"/>
        <source>Backed up</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_model.py" line="44"/>
        <source>Set up</source>
        <translation>初始设置</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_model.py" line="45"/>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_model.py" line="46"/>
        <source>Form installed</source>
        <translation>安装表单</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_model.py" line="47"/>
        <source>Sync</source>
        <translation>数据同步</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_model.py" line="48"/>
        <source>Cross-check</source>
        <translation>协查</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_model.py" line="49"/>
        <source>Correction</source>
        <translation>纠错</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_model.py" line="50"/>
        <source>Entry task</source>
        <translation>录入任务</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_model.py" line="67"/>
        <location filename="../../desktop/ui/admin/audit_model.py" line="78"/>
        <source>%1: %2 → %3</source>
        <translation>%1：%2 → %3</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_model.py" line="70"/>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_model.py" line="71"/>
        <source>complete</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_model.py" line="73"/>
        <source>status: %1 → %2</source>
        <translation>状态：%1 → %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_model.py" line="88"/>
        <source>warnings overridden: %1</source>
        <translation>已忽略的警告：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_model.py" line="90"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_model.py" line="136"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_model.py" line="136"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_model.py" line="136"/>
        <source>Clerk</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_model.py" line="136"/>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_model.py" line="136"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_model.py" line="137"/>
        <source>Changes (old → new)</source>
        <translation>变更（原值 → 新值）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_model.py" line="137"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../../desktop/ui/admin/audit_page.py" line="46"/>
        <source>Record number</source>
        <translation>记录编号</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_page.py" line="50"/>
        <source>All clerks</source>
        <translation>全部操作员</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_page.py" line="54"/>
        <source>From</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_page.py" line="63"/>
        <source>&amp;Check the chain</source>
        <translation>校验痕迹链(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_page.py" line="64"/>
        <source>Recompute every row&apos;s hash to show whether the trail was changed</source>
        <translation>重新计算每一行的哈希值，检查操作痕迹是否被篡改</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_page.py" line="85"/>
        <source>Record:</source>
        <translation>记录：</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_page.py" line="87"/>
        <source>Clerk:</source>
        <translation>操作员：</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_page.py" line="102"/>
        <source>Audit trail</source>
        <translation>操作痕迹</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_page.py" line="140"/>
        <location filename="../../desktop/ui/admin/audit_page.py" line="143"/>
        <source>Checking the audit trail…</source>
        <translation>正在校验操作痕迹…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/admin/audit_page.py" line="150"/>
        <source>The audit trail is intact: %n row(s) checked.</source>
        <translation>
            <numerusform>操作痕迹完整：已校验 %n 行。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/admin/audit_page.py" line="155"/>
        <source>The audit trail was changed: %n row(s) do not fit. The first is row %1.</source>
        <translation>
            <numerusform>操作痕迹已被改动：%n 行对不上，第一处在第 %1 行。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/audit_page.py" line="162"/>
        <source>The check could not run: %1</source>
        <translation>无法进行校验：%1</translation>
    </message>
</context>
<context>
    <name>BackupNowDialog</name>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="71"/>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="72"/>
        <source>A backup is a copy of the whole database: records, audit trail, accounts and settings. Keep one away from this PC too, for example on a USB stick.</source>
        <translation>备份是整个数据库的副本：记录、痕迹、账户和设置。也请在本机以外保留一份，例如存到 U 盘上。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="75"/>
        <source>To the backups folder on this PC:</source>
        <translation>备份到本机的备份文件夹：</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="79"/>
        <source>To another folder (a USB stick):</source>
        <translation>备份到其他文件夹（如 U 盘）：</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="85"/>
        <source>&amp;Choose…</source>
        <translation>选择(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="98"/>
        <source>&amp;Back up</source>
        <translation>备份(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="102"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="113"/>
        <source>Back up to which folder?</source>
        <translation>备份到哪个文件夹？</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="127"/>
        <source>Choose the folder first.</source>
        <translation>请先选择文件夹。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="139"/>
        <source>Writing the backup…</source>
        <translation>正在写入备份…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="147"/>
        <source>Backup written: %1</source>
        <translation>备份已写入：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="153"/>
        <source>Cancelled: no backup was written.</source>
        <translation>已取消：未写入备份。</translation>
    </message>
</context>
<context>
    <name>BackupSignInDialog</name>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="313"/>
        <source>Who is restoring?</source>
        <translation>由谁恢复？</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="314"/>
        <source>The current database cannot be opened. A supervisor or an administrator signs in as they could when the backup was taken.</source>
        <translation>当前数据库无法打开。请由主管或管理员按备份当时的账户和密码登录。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="326"/>
        <source>Clerk:</source>
        <translation>操作员：</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="327"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="329"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="331"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>DivisionPicker</name>
    <message>
        <location filename="../../desktop/ui/entry/division_picker.py" line="34"/>
        <source>Type a code, a name or pinyin initials (e.g. psz)</source>
        <translation>输入代码、名称或拼音首字母（如 psz）</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../desktop/ui/shell/login_dialog.py" line="35"/>
        <source>Window locked</source>
        <translation>窗口已锁定</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/login_dialog.py" line="35"/>
        <location filename="../../desktop/ui/shell/login_dialog.py" line="57"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/login_dialog.py" line="80"/>
        <source>Township Desk — %1</source>
        <translation>乡镇信息录入系统 — %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/login_dialog.py" line="57"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/login_dialog.py" line="59"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/login_dialog.py" line="59"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/login_dialog.py" line="64"/>
        <source>Clerk:</source>
        <translation>操作员：</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/login_dialog.py" line="65"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/login_dialog.py" line="69"/>
        <source>The window was locked after a period without use. Type your password to go on.</source>
        <translation>一段时间无人操作，窗口已锁定。请输入密码继续。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="104"/>
        <source>Township Desk — %1</source>
        <translation>乡镇信息录入系统 — %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="167"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="168"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="169"/>
        <source>Change my &amp;password…</source>
        <translation>修改我的密码(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="170"/>
        <source>Clerk &amp;accounts…</source>
        <translation>操作员账户(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="173"/>
        <source>&amp;Back up now…</source>
        <translation>立即备份(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="174"/>
        <source>&amp;Restore from backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="177"/>
        <source>&amp;Lock the window</source>
        <translation>锁定窗口(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="179"/>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="180"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="182"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="183"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>快捷键(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="185"/>
        <source>&amp;About Township Desk</source>
        <translation>关于本系统(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="255"/>
        <location filename="../../desktop/ui/shell/main_window.py" line="262"/>
        <source>Open record</source>
        <translation>打开记录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="256"/>
        <source>The entry page is not installed in this version.</source>
        <translation>此版本尚未安装录入页面。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="273"/>
        <location filename="../../desktop/ui/shell/main_window.py" line="279"/>
        <source>Cross-check request</source>
        <translation>发起协查</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="274"/>
        <source>The cross-check page is not installed in this version.</source>
        <translation>此版本未安装协查功能。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="282"/>
        <source>Cross-check request kept; it goes to the county with the next sync bundle.</source>
        <translation>协查已保存，将随下一次数据包报送县里。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="294"/>
        <source>Clerk: %1</source>
        <translation>操作员：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="296"/>
        <source>Unsent changes: %1</source>
        <translation>未上报变更：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="297"/>
        <source>Last sync: %1</source>
        <translation>上次同步：%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="298"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="313"/>
        <source>Clerk accounts</source>
        <translation>操作员账户</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="320"/>
        <source>Your password was changed.</source>
        <translation>您的密码已修改。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="339"/>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="349"/>
        <source>Data entry: next field (Shift+Tab: back)</source>
        <translation>信息录入：下一项（Shift+Tab：上一项）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="350"/>
        <source>Data entry: save the record</source>
        <translation>信息录入：保存记录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="351"/>
        <source>New record (from data entry or the records list)</source>
        <translation>新建记录（在信息录入或记录查询页面）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="352"/>
        <source>Data entry: keep this field&apos;s value for the next record</source>
        <translation>信息录入：下一条记录沿用此项的值</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="353"/>
        <source>type in the search box</source>
        <translation>在搜索框输入</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="353"/>
        <source>Records: name, ID number, phone or pinyin initials of a name (e.g. zs)</source>
        <translation>记录查询：姓名、身份证号、电话或姓名拼音首字母（如 张三 输入 zs）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="355"/>
        <source>Records: Enter opens the record, ↓ moves into the list</source>
        <translation>记录查询：回车打开记录，↓ 进入列表</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="356"/>
        <source>Records: history / ask another township / delete</source>
        <translation>记录查询：修改历史 / 发起协查 / 删除</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="357"/>
        <source>Lock the window</source>
        <translation>锁定窗口</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="358"/>
        <source>This list</source>
        <translation>本快捷键列表</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="363"/>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="365"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="371"/>
        <source>About Township Desk</source>
        <translation>关于乡镇信息录入系统</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/main_window.py" line="372"/>
        <source>Township Desk %1
Offline records for township clerks, synced to the county by USB stick.</source>
        <translation>乡镇信息录入系统 %1
供乡镇流管员离线录入，用U盘与县里同步数据。</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../desktop/ui/admin/password_dialog.py" line="28"/>
        <source>Change my password</source>
        <translation>修改我的密码</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/password_dialog.py" line="28"/>
        <source>Reset password</source>
        <translation>重设密码</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/password_dialog.py" line="29"/>
        <source>Type your current password, then the new one twice.</source>
        <translation>请输入当前密码，再输入两次新密码。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/password_dialog.py" line="30"/>
        <source>Set a new password for %1 and tell it to them; they can change it later from File &gt; Change my password.</source>
        <translation>为 %1 设置新密码并告诉本人；本人以后可在“文件 &gt; 修改我的密码”中自行修改。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/password_dialog.py" line="42"/>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/password_dialog.py" line="42"/>
        <source>Set password</source>
        <translation>设置密码</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/password_dialog.py" line="43"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/password_dialog.py" line="48"/>
        <source>Current password:</source>
        <translation>当前密码：</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/password_dialog.py" line="51"/>
        <source>New password:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/password_dialog.py" line="52"/>
        <source>New password again:</source>
        <translation>再次输入新密码：</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/password_dialog.py" line="63"/>
        <source>The two new passwords differ.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <location filename="../../desktop/ui/shell/tasks.py" line="72"/>
        <source>Township Desk</source>
        <translation>乡镇信息录入系统</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/tasks.py" line="81"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/tasks.py" line="104"/>
        <source>Cancelling… the work stops at the next safe point.</source>
        <translation>正在取消…工作会在下一个安全点停止。</translation>
    </message>
</context>
<context>
    <name>RecordsModel</name>
    <message>
        <location filename="../../desktop/ui/entry/records_model.py" line="127"/>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/records_model.py" line="127"/>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/records_model.py" line="129"/>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/records_model.py" line="131"/>
        <source>Complete</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/records_model.py" line="131"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/records_model.py" line="148"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/records_model.py" line="148"/>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/records_model.py" line="148"/>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/records_model.py" line="148"/>
        <source>Village</source>
        <translation>村街</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/records_model.py" line="149"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/records_model.py" line="149"/>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
</context>
<context>
    <name>RecordsPage</name>
    <message>
        <location filename="../../desktop/ui/entry/records_page.py" line="61"/>
        <source>Search: name, ID number, phone or pinyin initials</source>
        <translation>搜索：姓名、身份证号、电话或拼音首字母</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/records_page.py" line="75"/>
        <source>Current records</source>
        <translation>现有记录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/records_page.py" line="75"/>
        <source>Drafts</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/records_page.py" line="76"/>
        <source>Complete</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/records_page.py" line="76"/>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/records_page.py" line="79"/>
        <source>All villages</source>
        <translation>全部村街</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/records_page.py" line="83"/>
        <source>Changed from</source>
        <translation>修改日期</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/records_page.py" line="115"/>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/records_page.py" line="117"/>
        <source>&amp;History</source>
        <translation>修改历史(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/records_page.py" line="119"/>
        <source>As&amp;k another township…</source>
        <translation>发起协查(&amp;K)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/records_page.py" line="120"/>
        <source>Send a cross-check request about this person</source>
        <translation>就此人向其他乡镇发出协查</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/records_page.py" line="123"/>
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/records_page.py" line="127"/>
        <location filename="../../desktop/ui/entry/records_page.py" line="269"/>
        <source>Only a supervisor or an administrator may delete records.</source>
        <translation>只有主管或管理员可以删除记录。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/records_page.py" line="155"/>
        <source>Records</source>
        <translation>记录查询</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/records_page.py" line="165"/>
        <source>No record matches. Search needs at least two characters: part of a name, ID number or phone, or the pinyin initials of a name (e.g. zs).</source>
        <translation>没有符合条件的记录。搜索至少输入两个字符：姓名、身份证号或电话的一部分，或姓名的拼音首字母（如 张三 输入 zs）。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/records_page.py" line="168"/>
        <source>No records yet. Press Ctrl+N to enter the first one.</source>
        <translation>还没有记录。按 Ctrl+N 录入第一条。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/records_page.py" line="169"/>
        <source>No records yet. They arrive with the townships&apos; sync bundles.</source>
        <translation>还没有记录。各乡镇的数据包导入后即可在此查询。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/records_page.py" line="175"/>
        <source>All forms</source>
        <translation>全部表单</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/records_page.py" line="176"/>
        <source>Floating population</source>
        <translation>流动人口</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/records_page.py" line="177"/>
        <source>Certificates</source>
        <translation>证明</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/records_page.py" line="177"/>
        <source>Equipment register</source>
        <translation>设备台账</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/entry/records_page.py" line="206"/>
        <source>%n record(s)</source>
        <translation>
            <numerusform>共 %n 条记录</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/entry/records_page.py" line="208"/>
        <source>%n or more records (counting…)</source>
        <translation>
            <numerusform>至少 %n 条记录（正在统计…）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/records_page.py" line="268"/>
        <location filename="../../desktop/ui/entry/records_page.py" line="271"/>
        <location filename="../../desktop/ui/entry/records_page.py" line="279"/>
        <source>Delete record</source>
        <translation>删除记录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/entry/records_page.py" line="272"/>
        <source>The record stays in the file and the audit trail, marked deleted. Why is it deleted?</source>
        <translation>记录仍保留在数据库和操作痕迹中，标记为已删除。请说明删除原因：</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="52"/>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="58"/>
        <source>Daily (automatic)</source>
        <translation>每日（自动）</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="59"/>
        <source>Before a program update</source>
        <translation>程序升级前</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="60"/>
        <source>Made by a clerk</source>
        <translation>手动备份</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="61"/>
        <source>Other file</source>
        <translation>其他文件</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="180"/>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="276"/>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="181"/>
        <source>Choose the backup to go back to. The current database is not deleted: it is kept aside in the data folder, so a restore can be undone.</source>
        <translation>请选择要恢复到的备份。当前数据库不会被删除，而是另存在数据文件夹中，因此恢复可以撤销。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="185"/>
        <source>Taken</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="185"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="185"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="185"/>
        <source>Records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="201"/>
        <source>Choose a &amp;file…</source>
        <translation>选择文件(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="203"/>
        <source>&amp;Restore…</source>
        <translation>恢复(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="206"/>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="284"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="222"/>
        <source>unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="229"/>
        <source>No backups in %1 yet. Use &quot;Choose a file…&quot; for a backup elsewhere, e.g. on a USB stick.</source>
        <translation>%1 中还没有备份。备份在别处（如 U 盘）时，请用“选择文件…”。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="250"/>
        <source>Restore which backup file?</source>
        <translation>恢复哪个备份文件？</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="251"/>
        <source>Backups (*.db);;All files (*)</source>
        <translation>备份文件 (*.db);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="265"/>
        <source>Checking the backup…</source>
        <translation>正在检查备份…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="277"/>
        <source>Restore the backup taken %1 (%2 records)?</source>
        <translation>恢复 %1 的备份（%2 条记录）吗？</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="280"/>
        <source>Changes made after that backup will no longer show. The current database is not deleted: it is kept in the data folder under a name beginning with township.db.replaced-, so this can be undone.

The program closes the records, restores the backup and asks you to sign in again.</source>
        <translation>该备份之后所做的修改将不再显示。当前数据库不会被删除，而是以 township.db.replaced- 开头的文件名保存在数据文件夹中，因此可以撤销。

程序将关闭记录、恢复备份，然后请您重新登录。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/backup_dialogs.py" line="283"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/ui/admin/settings_dialog.py" line="24"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/settings_dialog.py" line="30"/>
        <source>Larger text</source>
        <translation>加大字号</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/settings_dialog.py" line="34"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/settings_dialog.py" line="35"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/settings_dialog.py" line="39"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/settings_dialog.py" line="40"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/settings_dialog.py" line="44"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/settings_dialog.py" line="45"/>
        <source>Text size:</source>
        <translation>字号：</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/admin/settings_dialog.py" line="46"/>
        <source>Lock the window after:</source>
        <translation>无操作多久后锁定窗口：</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../../desktop/ui/shell/setup_wizard.py" line="55"/>
        <source>Township Desk — first-time setup</source>
        <translation>乡镇信息录入系统 — 初次设置</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/setup_wizard.py" line="57"/>
        <source>&amp;Next &gt;</source>
        <translation>下一步(&amp;N) &gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/setup_wizard.py" line="58"/>
        <source>&lt; &amp;Back</source>
        <translation>&lt; 上一步(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/setup_wizard.py" line="59"/>
        <source>&amp;Finish</source>
        <translation>完成(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/setup_wizard.py" line="60"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/setup_wizard.py" line="65"/>
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/setup_wizard.py" line="66"/>
        <source>Choose the language and what this computer is for.</source>
        <translation>请选择语言和这台电脑的用途。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/setup_wizard.py" line="73"/>
        <source>A township office: clerks enter records here</source>
        <translation>乡镇：流管员在这台电脑上录入记录</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/setup_wizard.py" line="75"/>
        <source>The county office: merges and checks the townships&apos; bundles</source>
        <translation>县级：汇总、核查各乡镇上报的数据包</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/setup_wizard.py" line="82"/>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/setup_wizard.py" line="83"/>
        <source>This computer is for:</source>
        <translation>这台电脑用于：</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/setup_wizard.py" line="126"/>
        <source>The first clerk</source>
        <translation>第一个操作员</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/setup_wizard.py" line="127"/>
        <source>This account administers the others. Keep the password safe: nobody can read it back.</source>
        <translation>这个账户负责管理其他账户。请妥善保管密码：任何人都无法查回密码。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/setup_wizard.py" line="138"/>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/setup_wizard.py" line="139"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/setup_wizard.py" line="140"/>
        <source>Password again:</source>
        <translation>再次输入密码：</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/shell/setup_wizard.py" line="141"/>
        <source>At least %n characters.</source>
        <translation>
            <numerusform>至少 %n 个字符。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/setup_wizard.py" line="94"/>
        <source>&amp;Create</source>
        <translation>创建(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/setup_wizard.py" line="159"/>
        <source>Which township?</source>
        <translation>哪个乡镇？</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/setup_wizard.py" line="159"/>
        <source>Which county?</source>
        <translation>哪个县？</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/setup_wizard.py" line="160"/>
        <source>Find it in the code list by code, name or pinyin initials.</source>
        <translation>按代码、名称或拼音首字母在代码表中查找。</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/setup_wizard.py" line="180"/>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>TaskService</name>
    <message>
        <location filename="../../desktop/ui/shell/tasks.py" line="245"/>
        <source>Township Desk</source>
        <translation>乡镇信息录入系统</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/shell/tasks.py" line="247"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
</context>
</TS>
